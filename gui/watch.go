package gui

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// pollEvery is how often the window asks whether another program (seedctl,
// another window) changed the archive: one read of one row
// (storage.Archive.ExternalChange), so a second costs nothing while a change
// shows up before a person looks for it.
var pollEvery = time.Second

// watcher polls the open archive for changes made by other programs, on a
// goroutine of its own, while the window is open. It reports a change to
// the UI goroutine through tasks.do (not run: a poll is not work a test
// waits for).
type watcher struct {
	arc     atomic.Pointer[storage.Archive]
	stop    chan struct{}
	stopped sync.Once
	folders *folderWatch // watches the linked folders of arc
}

// watch starts polling; changed runs on the UI goroutine with the archive
// that changed.
func (w *Window) watch() {
	wt := &watcher{stop: make(chan struct{})}
	w.watcher = wt
	wt.arc.Store(w.arc)
	wt.folders = w.linked.watchFolders(wt)
	every := pollEvery
	go func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		last := wt.arc.Load()
		for {
			select {
			case <-wt.stop:
				return
			case <-tick.C:
			}
			arc := wt.arc.Load()
			if arc == nil {
				continue
			}
			if arc != last {
				last = arc
				wt.folders.syncSoon() // another archive: watch its linked folders
			}
			changed, err := arc.ExternalChange(context.Background())
			if err != nil || !changed {
				continue // a closed or busy archive: the next tick asks again
			}
			wt.folders.syncSoon() // seedctl may have linked a folder
			w.tasks.Send(func() {
				if arc == w.arc {
					w.externalChange()
				}
			})
		}
	}()
}

// stopWatching ends the polling (the window closes).
func (w *Window) stopWatching() {
	if wt := w.watcher; wt != nil {
		wt.stopped.Do(func() { close(wt.stop) })
	}
}

// externalChange follows a change another program made: the results
// reload through the result model (count, shown rows, selection by id,
// facets), the editor reloads its article or, under unsaved edits, says it
// changed, and the reading view shows the stored text.
func (w *Window) externalChange() {
	w.refresh()
	w.checkGitFolder()
	w.editor.RefreshValues()
	w.editor.CheckStored()
	if r := w.reader.r; r != nil && r.ID() != 0 && w.content.mode == viewReading {
		r.ShowArticle(r.ID())
	}
}

// folderWatch is the window's folder watcher (nil before watch).
func (w *Window) folderWatch() *folderWatch {
	if w.watcher == nil {
		return nil
	}
	return w.watcher.folders
}
