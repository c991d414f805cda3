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
	file := ChangedFile(err)
	name := "The article's file"
	if file != "" {
		name = filepath.Base(file)
	}
	msg := widget.NewLabel(fmt.Sprintf("%s changed on disk since it was indexed: another program wrote it. "+
		"Reload shows the file (your unsaved edits are dropped); Keep mine writes your text over it "+
		"(the other change is lost); Show diff compares the two.", orName(file, name)))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(name+" changed on disk", msg, e.win)
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		e.reloadFromDisk(ds, id)
	})
	keep := widget.NewButtonWithIcon("Keep mine", theme.DocumentSaveIcon(), func() {
		d.Hide()
		e.keepMine(ds, id, mine)
	})
	diff := widget.NewButtonWithIcon("Show diff", theme.ListIcon(), func() { e.showDiskDiff(file, mine) })
	if file == "" {
		diff.Disable()
	}
	reload.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{diff, keep, reload})
	widgets.DialogKeysEscape(d, e.win.Canvas(), d.Hide, reload.OnTapped)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	e.v.lastSaveErr = err
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

// showDiskDiff shows the file on disk against mine as a monospace diff,
// coloured as the Changes tab colours its diff.
func (e *Editor) showDiskDiff(file string, mine []byte) {
	e.run.Go(func() func() {
		disk, err := os.ReadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			disk, err = nil, nil // deleted on disk: all of mine is new
		}
		return func() {
			if err != nil {
				e.showSaveError(fmt.Errorf("read %s: %w", file, err))
				return
			}
			lines, added, removed := unifiedLines(disk, mine, file+" (on disk)", file+" (yours)",
				"The file on disk differs from yours only in invisible bytes (line endings or a final newline).")
			summary := widget.NewLabel(fmt.Sprintf("Yours against the file on disk: %s added, %s removed.",
				countLines(added), countLines(removed)))
			summary.Wrapping = fyne.TextWrapWord
			text := widget.NewRichText(DiffSegments(lines)...)
			text.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustom("Changes on disk", "Close",
				container.NewBorder(summary, nil, nil, nil, container.NewVScroll(text)), e.win)
			d.Resize(fyne.NewSize(760, 520))
			widgets.DialogKeys(d, e.win.Canvas(), d.Hide)
			d.Show()
		}
	})
}
