package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cellState is how a cell is highlighted.
type cellState struct{ selected, hovered, focused, odd bool }

// Cell is one data cell: a text cut to the cell's width over a
// highlight. It handles the mouse: press selects (with Shift/Ctrl),
// double-click edits, the secondary button opens the bulk menu, the wheel
// scrolls the row window.
type Cell struct {
	widget.BaseWidget
	t        *Table
	row, col int // in the window
	bg       *canvas.Rectangle
	outline  *canvas.Rectangle
	label    *CutLabel
	wheel    *wheelCatcher
	state    cellState
}

var (
	_ desktop.Mouseable = (*Cell)(nil)
	_ desktop.Hoverable = (*Cell)(nil)
)

func newCell(t *Table) *Cell {
	c := &Cell{t: t, bg: canvas.NewRectangle(nil), outline: canvas.NewRectangle(nil), wheel: newWheelCatcher(t)}
	c.label = NewCutLabel(fyne.TextStyle{}, &t.fitters)
	c.outline.StrokeWidth = 1
	c.ExtendBaseWidget(c)
	return c
}

// set shows text with the given highlight.
func (c *Cell) set(text string, align fyne.TextAlign, loaded bool, s cellState) {
	c.state = s
	c.label.Set(text, align, !loaded)
	c.paint()
}

func (c *Cell) paint() {
	th := c.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	switch {
	case c.state.selected:
		c.bg.FillColor = th.Color(theme.ColorNameSelection, v)
	case c.state.hovered:
		c.bg.FillColor = th.Color(theme.ColorNameHover, v)
	case c.state.odd:
		c.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	default:
		c.bg.FillColor = nil
	}
	c.outline.Hidden = !c.state.focused
	c.outline.StrokeColor = th.Color(theme.ColorNameFocus, v)
	c.bg.Refresh()
	c.outline.Refresh()
}

// MinSize gives every row the same height.
func (c *Cell) MinSize() fyne.Size { return fyne.NewSize(30, c.t.rowH) }

// CreateRenderer stacks the highlight under the text.
func (c *Cell) CreateRenderer() fyne.WidgetRenderer {
	return &cellRenderer{c: c, objects: []fyne.CanvasObject{c.bg, c.outline, c.label, c.wheel}}
}

// absRow is the cell's row in the whole result.
func (c *Cell) absRow() int { return c.t.top + c.row }

// MouseDown selects the row (Shift: range, Ctrl: toggle) or opens the menu.
func (c *Cell) MouseDown(ev *desktop.MouseEvent) {
	t := c.t
	t.hideTip()
	t.grid.focus()
	i := c.absRow()
	if i >= t.res.Len() {
		return
	}
	if c.col >= 0 && c.col < len(t.cols) {
		t.ccol = c.col
	}
	if ev.Button == desktop.MouseButtonSecondary {
		if !t.res.Selected(t.res.ID(i)) {
			t.res.SelectRow(i, 0)
		}
		if t.OnContextMenu != nil {
			t.OnContextMenu(ev.AbsolutePosition)
		}
		return
	}
	t.res.SelectRow(i, ev.Modifier)
}

// MouseUp does nothing (MouseDown acted).
func (c *Cell) MouseUp(*desktop.MouseEvent) {}

// DoubleTapped edits the cell.
func (c *Cell) DoubleTapped(*fyne.PointEvent) { c.t.startEdit(c.absRow(), c.col) }

// MouseIn highlights the row and shows the full text: in the status bar at
// once, in a tip under the cell after a moment if the cell cuts it.
func (c *Cell) MouseIn(*desktop.MouseEvent) {
	c.t.setHover(c.absRow())
	if c.t.tip != nil {
		c.t.tip.Schedule(c)
	}
}

// MouseMoved keeps the hover.
func (c *Cell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut drops the hover and the tip.
func (c *Cell) MouseOut() {
	c.t.setHover(-1)
	if c.t.tip != nil {
		c.t.tip.Leave(c)
	}
}

// At is the cell's place: its row in the window of shown rows (0 is the
// first shown, Table.Top) and its column.
func (c *Cell) At() (row, col int) { return c.row, c.col }

// Label is the cell's text as cut to its width.
func (c *Cell) Label() *CutLabel { return c.label }

// TipText is the cell's text and whether the cell cuts it.
func (c *Cell) TipText() (string, bool) { return c.label.Text(), c.label.Cut() }

type cellRenderer struct {
	c       *Cell
	objects []fyne.CanvasObject
}

func (r *cellRenderer) Layout(s fyne.Size) {
	// The highlight and the wheel reach into the padding so that a row
	// reads as one band and the wheel works between cells too.
	pad := r.c.t.padding
	out := fyne.NewPos(-pad/2, -pad/2)
	r.c.bg.Move(out)
	r.c.bg.Resize(s.AddWidthHeight(pad, pad))
	r.c.wheel.Move(out)
	r.c.wheel.Resize(s.AddWidthHeight(pad, pad))
	r.c.outline.Move(fyne.NewPos(-pad/2+1, -pad/2+1))
	r.c.outline.Resize(s.AddWidthHeight(pad-2, pad-2))
	r.c.label.Resize(s)
}

func (r *cellRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *cellRenderer) Refresh()                     { r.c.paint(); r.c.label.Refresh() }
func (r *cellRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *cellRenderer) Destroy()                     {}

// setHover highlights a hovered row (a cut cell's text shows in its tip).
func (t *Table) setHover(i int) {
	if t.hover != i {
		old := t.hover
		t.hover = i
		t.refreshRow(old)
		t.refreshRow(i)
	}
}

// refreshRow redraws the shown cells of row i.
func (t *Table) refreshRow(i int) {
	if i < t.top || i >= t.top+t.Shown() {
		return
	}
	for c := range t.cols {
		t.grid.RefreshItem(widget.TableCellID{Row: i - t.top, Col: c})
	}
}

// wheelCatcher takes mouse wheel events over a cell for the row window. It
// is a child of the cell, not the cell itself, because Fyne clips every
// Scrollable to its bounds and the cell's highlight reaches past them.
type wheelCatcher struct {
	widget.BaseWidget
	t *Table
}

var _ fyne.Scrollable = (*wheelCatcher)(nil)

func newWheelCatcher(t *Table) *wheelCatcher {
	w := &wheelCatcher{t: t}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled scrolls the row window.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.t.scrolled(ev) }

// CreateRenderer draws nothing.
func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}
