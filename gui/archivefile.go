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

// switchArchive closes the open archive and opens path.
func (w *Window) switchArchive(path string) {
	if w.status.busy() {
		w.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	w.editor.ConfirmLeave(func(ok bool) {
		if !ok {
			return
		}
		w.tasks.Go(func() func() {
			arc, err := storage.Open(path)
			return func() {
				if err != nil {
					w.showError(openArchiveError(path, err))
					return
				}
				old := w.arc
				w.saveLayout()
				fetching := w.imgJobs.cancel()
				dropped := w.hist.reset()
				w.openArchive(arc)
				w.tasks.Go(func() func() {
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
func (w *Window) openArchiveDialog() {
	w.pickFile([]string{".db", ".sqlite", ".sqlite3"}, w.switchArchive)
}

// newArchiveDialog creates an empty archive and opens it.
func (w *Window) newArchiveDialog() {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		// The dialog created an empty file; SQLite takes it as a new database.
		w.switchArchive(path)
	}, w.win)
	d.SetFileName("archive.db")
	d.Resize(dialogSize(w.win))
	d.Show()
}

// importSamplesIfNew fills a brand-new default archive with the bundled
// samples, once.
func (w *Window) importSamplesIfNew() {
	def, err := storage.DefaultPath()
	if err != nil || w.prefs.Bool(prefSamplesDone) || !samePath(def, w.arc.Path()) {
		return
	}
	arc := w.arc
	w.tasks.Go(func() func() {
		n, err := arc.Count(context.Background(), "")
		if err == nil && n == 0 {
			// Cached before the import, so the fetch after it finds nothing to fetch.
			if cerr := cacheSampleImages(context.Background(), arc); cerr != nil {
				fyne.LogError("cache sample images", cerr)
			}
		}
		return func() {
			if err != nil || n > 0 || arc != w.arc {
				return
			}
			dir, err := writeSamples()
			if err != nil {
				w.status.say("Could not unpack the sample articles: " + err.Error())
				return
			}
			w.prefs.SetBool(prefSamplesDone, true)
			w.importJob([]string{dir}, func() { _ = os.RemoveAll(dir) },
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

// focusAfterLoad selects an article once the table has reloaded; with
// reveal, a search hiding it is cleared.
func (w *Window) focusAfterLoad(id int64, reveal bool) {
	w.focusNext, w.focusReveal = id, reveal
	w.refresh()
}

// applyFocusNext runs after a load: it selects focusNext if it is shown.
func (w *Window) applyFocusNext() {
	id := w.focusNext
	if w.res.focusID(id) {
		w.focusNext = 0
		w.res.selected(true)
		return
	}
	if !w.focusReveal || w.res.query == "" {
		w.focusNext = 0
		w.selectionChanged()
		return
	}
	w.search.setText("") // keeps focusNext for the next load
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
