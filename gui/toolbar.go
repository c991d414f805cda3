package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toolbar is the row above the content: archive actions, the search box,
// the view toggle, the column chooser and the theme.
type toolbar struct {
	w                    *Window
	importBtn, exportBtn *widget.Button
	imagesBtn            *widget.Button
	newBtn, deleteBtn    *widget.Button
	undoBtn, redoBtn     *tipButton // their tips name the step
	columnsBtn, themeBtn *widget.Button
	view                 fyne.CanvasObject
}

func newToolbar(w *Window) *toolbar {
	t := &toolbar{w: w}
	btn := func(label string, icon fyne.Resource, tap func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, tap)
		b.Importance = widget.LowImportance
		return b
	}
	t.importBtn = btn("Import", theme.DownloadIcon(), nil)
	t.importBtn.OnTapped = func() { w.showImportMenu(t.importBtn) }
	t.exportBtn = btn("Export", theme.UploadIcon(), w.exportDialog)
	t.imagesBtn = btn("Images", theme.MediaPhotoIcon(), w.fetchImagesDialog)
	t.newBtn = btn("New", theme.ContentAddIcon(), w.newArticle)
	t.deleteBtn = btn("Delete", theme.DeleteIcon(), w.confirmDelete)
	t.undoBtn = newTipButton(theme.ContentUndoIcon(), w.undoAction, w.tip, func() string { return w.historyTip(false) })
	t.redoBtn = newTipButton(theme.ContentRedoIcon(), w.redoAction, w.tip, func() string { return w.historyTip(true) })
	t.columnsBtn = btn("", theme.ListIcon(), nil)
	t.columnsBtn.OnTapped = func() { w.showColumnsMenu(popupBelow(t.columnsBtn)) }
	t.themeBtn = btn("", theme.ColorPaletteIcon(), nil)
	t.themeBtn.OnTapped = func() {
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", w.themeItems()...), w.win.Canvas(), popupBelow(t.themeBtn))
	}
	left := container.NewHBox(t.importBtn, t.exportBtn, t.imagesBtn, widget.NewSeparator(), t.newBtn, t.deleteBtn,
		widget.NewSeparator(), t.undoBtn, t.redoBtn)
	right := container.NewHBox(w.views.view, widget.NewSeparator(), t.columnsBtn, t.themeBtn)
	// The sides stay one row high when the query error line shows.
	t.view = container.NewVBox(container.NewPadded(container.NewBorder(nil, nil,
		container.NewVBox(left), container.NewVBox(right), w.search.view)), widget.NewSeparator())
	t.refresh()
	return t
}

// refresh enables what applies to the selection and the histories.
func (t *toolbar) refresh() {
	w := t.w
	enable(t.deleteBtn, len(w.res.sel) > 0)
	enable(&t.undoBtn.Button, w.undo.canUndo() || (w.editor != nil && w.editor.CanUndo()))
	enable(&t.redoBtn.Button, w.undo.canRedo() || (w.editor != nil && w.editor.CanRedo()))
	w.refreshHistory()
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// popupBelow is the absolute position under an object, for its menu.
func popupBelow(o fyne.CanvasObject) fyne.Position {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return pos.Add(fyne.NewPos(0, o.Size().Height))
}
