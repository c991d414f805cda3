package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
)

// editFailed shows a failed bulk or in-cell edit. One stopped by a file
// changed on disk (storage.ErrChangedOnDisk) says which file and offers
// Reload: the archive syncs with its linked folders, so that the edit can
// be applied again to the file's new text; the other program's change is
// never overwritten unseen.
func (l *linkedFolders) editFailed(err error) {
	if !errors.Is(err, storage.ErrChangedOnDisk) {
		l.failed(err)
		return
	}
	file := editor.ChangedFile(err)
	name := "An article's file"
	where := name
	if file != "" {
		name, where = filepath.Base(file), file
	}
	msg := wrapLabel(fmt.Sprintf("The edit stopped at %s: it changed on disk since it was indexed (another program wrote it), "+
		"so it was not written over. Articles edited before it keep the edit (undo takes it back). "+
		"Reload brings in the files' text; then apply the edit again.", where), widget.MediumImportance)
	d := dialog.NewCustomWithoutButtons(name+" changed on disk", msg, l.win)
	closeB := widget.NewButtonWithIcon("Close", theme.CancelIcon(), d.Hide)
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		l.syncNow()
	})
	reload.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{closeB, reload})
	widgets.DialogKeysEscape(d, l.win.Canvas(), d.Hide, reload.OnTapped)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
}

// syncNow brings the index up to date with the linked folders off the UI
// goroutine and refreshes the views through externalChange.
func (l *linkedFolders) syncNow() {
	arc := l.arc()
	l.tasks.Go(func() func() {
		res, err := arc.Sync(context.Background())
		return func() {
			if arc != l.arc() {
				return
			}
			if err != nil {
				l.failed(err)
				return
			}
			l.status.say("Linked folders: " + res.Summary())
			l.changed()
			l.showProblemCount(res.Problems)
		}
	})
}
