package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// pane is a region of the window the keyboard moves between.
type pane int

const (
	paneSearch pane = iota
	paneSidebar
	paneResults
	paneEditor
	paneCount
)

// focusPane puts the keyboard in p: the search box, the sidebar's filter,
// the shown results (the table's cursor on a row), or the editor's title.
func (w *Window) focusPane(p pane) {
	c := w.win.Canvas()
	switch p {
	case paneSearch:
		c.Focus(w.search.entry)
	case paneSidebar:
		c.Focus(w.facets.filter)
	case paneResults:
		w.focusResults(false)
	case paneEditor:
		if w.editor.ID() == 0 {
			w.focusResults(true) // an article must be chosen first
			w.status.say("Choose an article to edit it")
			return
		}
		w.editor.EditTitle()
	}
}

// focusResults focuses the shown view of the results; first also puts the
// cursor on the first result when none is focused.
func (w *Window) focusResults(first bool) {
	c := w.win.Canvas()
	switch w.mode {
	case viewGallery:
		c.Focus(w.gallery.grid)
	case viewReading:
		w.reader.focus()
	default:
		c.Focus(w.table.Grid())
	}
	if first && w.res.cursor < 0 {
		w.res.WhenListed(func() { w.res.SelectRow(0, 0) })
	}
}

// paneOf says which pane holds the focused widget, by where it lies.
func (w *Window) paneOf(f fyne.Focusable) pane {
	if f == fyne.Focusable(w.search.entry) {
		return paneSearch
	}
	o, ok := f.(fyne.CanvasObject)
	if !ok {
		return paneResults
	}
	drv := fyne.CurrentApp().Driver()
	at := drv.AbsolutePositionForObject(o)
	inside := func(region fyne.CanvasObject) bool {
		p, s := drv.AbsolutePositionForObject(region), region.Size()
		return region.Visible() && at.X >= p.X && at.X < p.X+s.Width && at.Y >= p.Y && at.Y < p.Y+s.Height
	}
	switch {
	case inside(w.facets.view):
		return paneSidebar
	case w.pane != nil && inside(w.pane.view):
		return paneEditor
	default:
		return paneResults
	}
}

// nextPane moves the keyboard to the next pane (F6), or the previous one
// (Shift+F6).
func (w *Window) nextPane(back bool) {
	step := pane(1)
	if back {
		step = paneCount - 1
	}
	w.focusPane((w.paneOf(w.win.Canvas().Focused()) + step) % paneCount)
}

// paneKey handles F6 for a focused widget: it reports whether the key was
// F6, which moves the keyboard to the next pane.
func (w *Window) paneKey(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyF6 {
		return false
	}
	w.nextPane(false)
	return true
}

// rootLayout is the window's layout: the toolbar on top, the status bar at
// the bottom, the sidebar, results and editor between, and the overlay
// layers over everything. The search box is a child of the root placed in
// the toolbar's slot for it, and comes first among the children: Tab runs
// in the order of the children, so it goes search → sidebar → results →
// editor → the toolbar's buttons, not through the buttons first.
type rootLayout struct{ w *Window }

// Layout is part of fyne.Layout.
func (l rootLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	w := l.w
	pad := theme.Padding()
	top, bottom := w.tools.view, w.status.view
	th, bh := top.MinSize().Height, bottom.MinSize().Height
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	bottom.Move(fyne.NewPos(0, size.Height-bh))
	bottom.Resize(fyne.NewSize(size.Width, bh))
	w.fitSplits(size.Width)
	w.sideSplit.Move(fyne.NewPos(0, th+pad))
	w.sideSplit.Resize(fyne.NewSize(size.Width, max(0, size.Height-th-bh-2*pad)))
	slot := w.tools.searchSlot
	e := w.search.entry
	e.Move(slot.Position().Add(fyne.NewPos(pad, pad)))
	e.Resize(slot.Size())
	for _, layer := range []fyne.CanvasObject{w.tip.Layer(), w.search.layer} {
		layer.Move(fyne.NewPos(0, 0))
		layer.Resize(size)
	}
}

// MinSize is part of fyne.Layout.
func (l rootLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	w := l.w
	top, mid, bottom := w.tools.view.MinSize(), w.sideSplit.MinSize(), w.status.view.MinSize()
	return fyne.NewSize(max(top.Width, mid.Width, bottom.Width), top.Height+mid.Height+bottom.Height+2*theme.Padding())
}
