package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/gui/table"
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

// paneKeys moves the keyboard between the window's panes: the search box,
// the sidebar, the shown results and the editor (F6, Ctrl+1, 2 and 3). It
// takes the panes, not the window.
type paneKeys struct {
	win        fyne.Window
	search     *searchBox
	facets     *facetPanel
	res        *results
	table      *table.Table
	gallery    *galleryView
	reader     *readerView
	status     *statusBar
	editor     func() *editor.Editor    // the editor of the open archive
	editorPane func() fyne.CanvasObject // the editor's pane (nil while being built)
	mode       func() viewMode          // the view showing the results
}

// focusPane puts the keyboard in p: the search box, the sidebar's filter,
// the shown results (the table's cursor on a row), or the editor's title.
func (k *paneKeys) focusPane(p pane) {
	c := k.win.Canvas()
	switch p {
	case paneSearch:
		c.Focus(k.search.entry)
	case paneSidebar:
		c.Focus(k.facets.filter)
	case paneResults:
		k.focusResults(false)
	case paneEditor:
		if k.editor().ID() == 0 {
			k.focusResults(true) // an article must be chosen first
			k.status.say("Choose an article to edit it")
			return
		}
		k.editor().EditTitle()
	}
}

// focusResults focuses the shown view of the results; first also puts the
// cursor on the first result when none is focused.
func (k *paneKeys) focusResults(first bool) {
	c := k.win.Canvas()
	switch k.mode() {
	case viewGallery:
		c.Focus(k.gallery.grid)
	case viewReading:
		k.reader.focus()
	default:
		c.Focus(k.table.Grid())
	}
	if first && k.res.cursor < 0 {
		k.res.WhenListed(func() { k.res.SelectRow(0, 0) })
	}
}

// paneOf says which pane holds the focused widget, by where it lies.
func (k *paneKeys) paneOf(f fyne.Focusable) pane {
	if f == fyne.Focusable(k.search.entry) {
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
	case inside(k.facets.view):
		return paneSidebar
	case k.editorPane() != nil && inside(k.editorPane()):
		return paneEditor
	default:
		return paneResults
	}
}

// nextPane moves the keyboard to the next pane (F6), or the previous one
// (Shift+F6).
func (k *paneKeys) nextPane(back bool) {
	step := pane(1)
	if back {
		step = paneCount - 1
	}
	k.focusPane((k.paneOf(k.win.Canvas().Focused()) + step) % paneCount)
}

// paneKey handles F6 for a focused widget: it reports whether the key was
// F6, which moves the keyboard to the next pane.
func (k *paneKeys) paneKey(ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyF6 {
		return false
	}
	k.nextPane(false)
	return true
}

// rootLayout is the window's layout: the toolbar on top, the status bar at
// the bottom, the sidebar, results and editor between, and the overlay
// layers over everything. The search box is a child of the root placed in
// the toolbar's slot for it, and comes first among the children: Tab runs
// in the order of the children, so it goes search → sidebar → results →
// editor → the toolbar's buttons, not through the buttons first.
type rootLayout struct {
	tools  *toolbar
	status *statusBar
	search *searchBox
	tip    *table.HoverTip
	splits *autoSplits
	side   *container.Split // the sidebar | the rest
	edit   *container.Split // the results | the editor
}

// Layout is part of fyne.Layout.
func (l rootLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	top, bottom := l.tools.view, l.status.view
	th, bh := top.MinSize().Height, bottom.MinSize().Height
	top.Move(fyne.NewPos(0, 0))
	top.Resize(fyne.NewSize(size.Width, th))
	bottom.Move(fyne.NewPos(0, size.Height-bh))
	bottom.Resize(fyne.NewSize(size.Width, bh))
	l.splits.fit(size.Width, l.side, l.edit)
	l.side.Move(fyne.NewPos(0, th+pad))
	l.side.Resize(fyne.NewSize(size.Width, max(0, size.Height-th-bh-2*pad)))
	slot := l.tools.searchSlot
	e := l.search.entry
	e.Move(slot.Position().Add(fyne.NewPos(pad, pad)))
	e.Resize(slot.Size())
	for _, layer := range []fyne.CanvasObject{l.tip.Layer(), l.search.layer} {
		layer.Move(fyne.NewPos(0, 0))
		layer.Resize(size)
	}
}

// MinSize is part of fyne.Layout.
func (l rootLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	top, mid, bottom := l.tools.view.MinSize(), l.side.MinSize(), l.status.view.MinSize()
	return fyne.NewSize(max(top.Width, mid.Width, bottom.Width), top.Height+mid.Height+bottom.Height+2*theme.Padding())
}
