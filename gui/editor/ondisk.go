package editor

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
)

// DiskStore is what the changed-on-disk dialog needs of a store whose
// articles may live in linked folders; *storage.Archive has it. A store
// without it shows ErrChangedOnDisk as an error.
type DiskStore interface {
	Sync(ctx context.Context) (storage.SyncResult, error)
	Overwrite(ctx context.Context, id int64, text []byte) error
}

var _ DiskStore = (*storage.Archive)(nil)

// ChangedFile is the absolute path of the file a refused write names
// (a *storage.ChangedOnDiskError anywhere in err's chain), "" when err
// names none.
func ChangedFile(err error) string {
	var cd *storage.ChangedOnDiskError
	if errors.As(err, &cd) {
		return cd.File()
	}
	return ""
}

// askChangedOnDisk tells that a save was refused because the article's
// file in its linked folder changed on disk since it was indexed (another
// editor, a git checkout), and offers Reload (index the file and show it,
// dropping the unsaved edits), Keep mine (write mine, the editor's text,
// over the file; the other change is lost) and Show diff (the file on disk
// against mine). Nothing is written until one is chosen.
func (e *Editor) askChangedOnDisk(id int64, mine []byte, err error) {
	ds, ok := e.store.(DiskStore)
	if e.win == nil || !ok {
		e.showSaveError(fmt.Errorf("save article %d: %w", id, err))
		return
	}
	e.v.lastSaveErr = err
	AskChangedOnDisk(DiskQuestion{
		Win: e.win, Run: e.run, Err: err, Mine: mine,
		Reload:   "Reload shows the file (your unsaved edits are dropped)",
		KeepMine: "Keep mine writes your text over it (the other change is lost)",
		OnReload: func() { e.reloadFromDisk(ds, id) },
		OnKeep:   func() { e.keepMine(ds, id, mine) },
		OnError:  e.showSaveError,
	})
}

// DiskQuestion is what AskChangedOnDisk shows and does.
type DiskQuestion struct {
	Win  fyne.Window
	Run  *widgets.Runner // reads the file for Show diff off the UI goroutine
	Err  error           // the refusal; a *storage.ChangedOnDiskError in it names the file
	Mine []byte          // the text the refused write would have written
	// Reload and KeepMine say what the buttons do, in a sentence each.
	Reload, KeepMine string
	OnReload, OnKeep func()
	OnError          func(error) // a failed Show diff
}

// AskChangedOnDisk is the one dialog for a write refused because the
// file changed on disk since it was indexed (the editor's save, an
// in-cell edit): Reload, Keep mine (write q.Mine over the file; the other
// change is lost) and Show diff (the file on disk against q.Mine). Nothing
// is written until one is chosen.
func AskChangedOnDisk(q DiskQuestion) {
	file := ChangedFile(q.Err)
	name := "The article's file"
	if file != "" {
		name = filepath.Base(file)
	}
	msg := widget.NewLabel(fmt.Sprintf("%s changed on disk since it was indexed: another program wrote it. "+
		"%s; %s; Show diff compares the two.", orName(file, name), q.Reload, q.KeepMine))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(name+" changed on disk", msg, q.Win)
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		q.OnReload()
	})
	keep := widget.NewButtonWithIcon("Keep mine", theme.DocumentSaveIcon(), func() {
		d.Hide()
		q.OnKeep()
	})
	diff := widget.NewButtonWithIcon("Show diff", theme.ListIcon(), func() { showDiskDiff(q, file) })
	if file == "" {
		diff.Disable()
	}
	reload.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{diff, keep, reload})
	widgets.DialogKeysEscape(d, q.Win.Canvas(), d.Hide, reload.OnTapped)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

func orName(file, name string) string {
	if file != "" {
		return file
	}
	return name
}

// reloadFromDisk syncs the archive with its linked folders, then loads the
// article again without the unsaved edits.
func (e *Editor) reloadFromDisk(ds DiskStore, id int64) {
	e.run.Go(func() func() {
		_, err := ds.Sync(context.Background())
		return func() {
			if err != nil {
				e.showSaveError(fmt.Errorf("reload article %d: %w", id, err))
				return
			}
			if e.OnDiskSynced != nil {
				e.OnDiskSynced()
			}
			if id == e.id {
				e.setDirty(false)
				e.Load(id)
			}
		}
	})
}

// keepMine writes the editor's text over the changed file (and the index),
// then loads it as the saved article.
func (e *Editor) keepMine(ds DiskStore, id int64, mine []byte) {
	e.run.Go(func() func() {
		err := ds.Overwrite(context.Background(), id, mine)
		return func() {
			if err != nil {
				e.showSaveError(fmt.Errorf("save article %d: %w", id, err))
				return
			}
			if id == e.id {
				e.setDirty(false)
				e.Load(id)
			}
			if e.OnSaved != nil {
				// No undo step: undoing would bring back the text indexed
				// before, not the other program's change that was lost.
				e.OnSaved(Saved{ID: id})
			}
		}
	})
}

// showDiskDiff shows the file on disk against q.Mine as a monospace diff,
// coloured as the Changes tab colours its diff.
func showDiskDiff(q DiskQuestion, file string) {
	q.Run.Go(func() func() {
		disk, err := os.ReadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			disk, err = nil, nil // deleted on disk: all of mine is new
		}
		return func() {
			if err != nil {
				q.OnError(fmt.Errorf("read %s: %w", file, err))
				return
			}
			lines, added, removed := unifiedLines(disk, q.Mine, file+" (on disk)", file+" (yours)",
				"The file on disk differs from yours only in invisible bytes (line endings or a final newline).")
			summary := widget.NewLabel(fmt.Sprintf("Yours against the file on disk: %s added, %s removed.",
				countLines(added), countLines(removed)))
			summary.Wrapping = fyne.TextWrapWord
			text := widget.NewRichText(DiffSegments(lines)...)
			text.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustom("Changes on disk", "Close",
				container.NewBorder(summary, nil, nil, nil, container.NewVScroll(text)), q.Win)
			d.Resize(fyne.NewSize(760, 520))
			widgets.DialogKeys(d, q.Win.Canvas(), d.Hide)
			d.Show()
		}
	})
}
