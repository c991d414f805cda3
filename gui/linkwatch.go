package gui

import (
	"context"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// syncQuiet is how long the files of the linked folders must be still
// before the watcher syncs: a git pull or an editor's save is a burst of
// events, and one sync after the burst reads each file once, while a change
// still shows within a second.
var syncQuiet = 300 * time.Millisecond

// folderWatch watches every linked folder of the open archive (every
// subfolder, hidden ones skipped) and syncs the index after the files
// change, on a goroutine of its own: syncs run one at a time, off the UI
// goroutine, and a change reaches the views through externalChange, the
// refresh path of other programs' changes.
type folderWatch struct {
	l     *linkedFolders
	wt    *watcher      // its arc is the open archive
	kick  chan struct{} // asks for a sync now (a folder was linked, the archive switched)
	stop  chan struct{}
	fsw   *fsnotify.Watcher // nil when the system gave no watcher: syncs follow kicks and polls only
	roots []string          // the linked folders being watched
	dirs  map[string]bool   // every watched folder
}

// watchFolders starts the folder watcher of wt; it syncs once at once.
func (l *linkedFolders) watchFolders(wt *watcher) *folderWatch {
	f := &folderWatch{l: l, wt: wt, kick: make(chan struct{}, 1), stop: wt.stop, dirs: map[string]bool{}}
	fsw, err := fsnotify.NewWatcher()
	if err == nil {
		f.fsw = fsw
	} else {
		l.tasks.Send(func() { l.status.say("Linked folders are not watched: " + err.Error()) })
	}
	go f.run()
	return f
}

// syncSoon asks the watcher to watch the linked folders again and sync.
func (f *folderWatch) syncSoon() {
	if f == nil {
		return
	}
	select {
	case f.kick <- struct{}{}:
	default: // a sync is asked for already
	}
}

func (f *folderWatch) run() {
	var events chan fsnotify.Event
	var errs chan error
	if f.fsw != nil {
		defer f.fsw.Close()
		events, errs = f.fsw.Events, f.fsw.Errors
	}
	timer := time.NewTimer(0) // the sync when the window opens
	var last *storage.Archive
	for {
		select {
		case <-f.stop:
			timer.Stop()
			return
		case <-f.kick:
			last = nil // watch the folders again: one may have been linked
			timer.Reset(0)
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if f.event(ev) {
				timer.Reset(syncQuiet)
			}
		case _, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			timer.Reset(syncQuiet) // an overflow loses events: a sync finds the changes anyway
		case <-timer.C:
			arc := f.wt.arc.Load()
			if arc == nil {
				continue
			}
			f.sync(arc, arc != last)
			last = arc
		}
	}
}

// event watches a new subfolder and reports whether ev may change the index.
// Hidden entries (.git, editors' swap files, the archive's own temporary
// files) are not seed files and are ignored.
func (f *folderWatch) event(ev fsnotify.Event) bool {
	if strings.HasPrefix(filepath.Base(ev.Name), ".") {
		return false
	}
	if ev.Has(fsnotify.Create) {
		f.add(ev.Name)
	}
	return true
}

// add watches dir and every subfolder under it that is not hidden; a file
// is ignored.
func (f *folderWatch) add(dir string) {
	if f.fsw == nil {
		return
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil // a file, or a folder that went away meanwhile
		}
		if p != dir && seedfile.IsHidden(d.Name()) {
			return filepath.SkipDir
		}
		if !f.dirs[p] && f.fsw.Add(p) == nil {
			f.dirs[p] = true
		}
		return nil
	})
}

// rewatch watches exactly the linked folders of arc.
func (f *folderWatch) rewatch(folders []storage.Folder) {
	roots := make([]string, len(folders))
	for i, fo := range folders {
		roots[i] = fo.Path
	}
	slices.Sort(roots)
	if slices.Equal(roots, f.roots) || f.fsw == nil {
		f.roots = roots
		return
	}
	for d := range f.dirs {
		_ = f.fsw.Remove(d)
	}
	f.dirs = map[string]bool{}
	f.roots = roots
	for _, r := range roots {
		f.add(r)
	}
}

// sync brings arc's index up to date with its linked folders (watching
// them again first when asked) and shows the outcome on the UI goroutine.
func (f *folderWatch) sync(arc *storage.Archive, rewatch bool) {
	ctx := context.Background()
	folders, err := arc.Folders(ctx)
	if err != nil {
		return // a closed archive: the window switched, the next kick syncs the new one
	}
	if rewatch {
		f.rewatch(folders)
	}
	if len(folders) == 0 {
		return
	}
	res, err := arc.Sync(ctx)
	l := f.l
	l.tasks.Send(func() {
		if arc != l.arc() {
			return
		}
		if err != nil {
			l.status.say("Could not sync the linked folders: " + err.Error())
			return
		}
		if res.Any() {
			l.status.say("Linked folders: " + res.Summary())
			l.changed()
		}
		l.showProblemCount(res.Problems)
	})
}
