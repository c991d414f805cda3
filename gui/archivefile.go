package gui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/seedarchive/seedarchive/assets"
	"github.com/seedarchive/seedarchive/internal/images"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// StartupPath is the archive the app opens: $SEEDARCHIVE_DB when set, else
// the last archive used (if it still exists), else storage.DefaultPath().
func StartupPath(p fyne.Preferences) (string, error) {
	if os.Getenv("SEEDARCHIVE_DB") == "" {
		if last := p.String(prefLastArchive); last != "" {
			if _, err := os.Stat(last); err == nil {
				return last, nil
			}
		}
	}
	return storage.DefaultPath()
}

// OpenStartupArchive opens the archive StartupPath names.
func OpenStartupArchive(a fyne.App) (*storage.Archive, error) {
	path, err := StartupPath(a.Preferences())
	if err != nil {
		return nil, err
	}
	arc, err := storage.Open(path)
	if err != nil {
		return nil, openArchiveError(path, err)
	}
	return arc, nil
}

// openArchiveError is why path could not be opened, as a sentence when
// storage refused the file (not an archive, damaged, newer).
func openArchiveError(path string, err error) error {
	var oe *storage.OpenError
	if errors.As(err, &oe) {
		return errors.New(oe.Sentence())
	}
	return fmt.Errorf("open archive %s: %w", path, err)
}

// archiveFiles are the archive files behind the window: opening another
// one, creating one, the first start's samples, backups and restores. It
// takes what it needs, not the window.
type archiveFiles struct {
	win       fyne.Window
	prefs     fyne.Preferences
	arc       func() *storage.Archive // the open archive
	tasks     *tasks
	hist      *history
	status    *statusBar
	transfers *transfers        // imports the samples
	editor    func() leaveGuard // the editor of the open archive
	// leave readies the window to let go of the open archive (its layout
	// saved, the image fetch stopped); its channel closes once the fetch
	// returned (nil when none ran).
	leave       func() <-chan struct{}
	open        func(arc *storage.Archive) // the window shows arc, the archive it opened
	menuChanged func()                     // the menus show a changed preference
	failed      func(err error)
}

// switchArchive closes the open archive and opens path.
func (f *archiveFiles) switchArchive(path string) {
	if f.status.busy() {
		f.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	f.editor().ConfirmLeave(func(ok bool) {
		if !ok {
			return
		}
		f.tasks.Go(func() func() {
			arc, err := storage.Open(path)
			return func() {
				if err != nil {
					f.failed(openArchiveError(path, err))
					return
				}
				old := f.arc()
				fetching := f.leave()
				dropped := f.hist.reset()
				f.open(arc)
				f.tasks.Go(func() func() {
					if fetching != nil {
						<-fetching // its last writes go to the old archive
					}
					_ = dropSteps(context.Background(), dropped) // the old archive's trash
					_ = old.Close()
					return nil
				})
			}
		})
	})
}

// openArchiveDialog picks an archive file to open.
func (f *archiveFiles) openArchiveDialog() {
	pickFile(f.win, []string{".db", ".sqlite", ".sqlite3"}, f.switchArchive)
}

// newArchiveDialog creates an empty archive and opens it.
func (f *archiveFiles) newArchiveDialog() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			f.failed(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		// The dialog created an empty file; SQLite takes it as a new database.
		f.switchArchive(path)
	}, f.win)
	d.SetFileName("archive.db")
	d.Resize(dialogSize(f.win))
	d.Show()
}

// importSamplesIfNew fills a brand-new default archive with the bundled
// samples, once.
func (f *archiveFiles) importSamplesIfNew() {
	def, err := storage.DefaultPath()
	if err != nil || f.prefs.Bool(prefSamplesDone) || !samePath(def, f.arc().Path()) {
		return
	}
	arc := f.arc()
	f.tasks.Go(func() func() {
		n, err := arc.Count(context.Background(), "")
		if err == nil && n == 0 {
			// Cached before the import, so the fetch after it finds nothing to fetch.
			if cerr := cacheSampleImages(context.Background(), arc); cerr != nil {
				fyne.LogError("cache sample images", cerr)
			}
		}
		return func() {
			if err != nil || n > 0 || arc != f.arc() {
				return
			}
			dir, err := writeSamples()
			if err != nil {
				f.status.say("Could not unpack the sample articles: " + err.Error())
				return
			}
			f.prefs.SetBool(prefSamplesDone, true)
			f.transfers.importJob([]string{dir}, func() { _ = os.RemoveAll(dir) },
				"Welcome: the archive starts with a few sample articles to try things on")
		}
	})
}

// cacheSampleImages stores the bundled images of the samples' image URLs
// in the archive's image cache, so their thumbnails work offline.
func cacheSampleImages(ctx context.Context, arc *storage.Archive) error {
	names, err := fs.Glob(assets.Samples, "*.txt")
	if err != nil {
		return err
	}
	var urls []string
	for _, name := range names {
		data, err := fs.ReadFile(assets.Samples, name)
		if err != nil {
			return err
		}
		doc, err := seedfile.Parse(data)
		if err != nil {
			return fmt.Errorf("sample %s: %w", name, err)
		}
		for _, img := range doc.Images() {
			urls = append(urls, img.URL)
		}
	}
	_, err = images.CacheFiles(ctx, arc, assets.SampleImages, urls)
	return err
}

// writeSamples copies the bundled sample files to a new temporary folder.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "seedarchive-samples-")
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(assets.Samples, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.Samples, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("write samples: %w", err)
	}
	return dir, nil
}

func samePath(a, b string) bool {
	a, _ = filepath.Abs(a)
	b, _ = filepath.Abs(b)
	return filepath.Clean(a) == filepath.Clean(b)
}

// ShowStartupError shows why the archive could not be opened, in a window of
// its own, and returns when the user closes it.
func ShowStartupError(a fyne.App, err error) {
	w := a.NewWindow("Seed Archive")
	w.Resize(fyne.NewSize(560, 220))
	d := dialog.NewError(err, w)
	d.SetOnClosed(w.Close)
	w.SetOnClosed(a.Quit)
	d.Show()
	w.ShowAndRun()
}
