package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
)

// gridView is the widget.Table that draws the article table's window of
// rows; it takes the keyboard itself (widget.Table's own keys scroll with
// the drifting ScrollTo) and lets the cells handle the mouse.
type gridView struct {
	widget.Table
	t *articleTable
}

var (
	_ fyne.Focusable      = (*gridView)(nil)
	_ fyne.Shortcutable   = (*gridView)(nil)
	_ desktop.Keyable     = (*gridView)(nil)
	_ fyne.Tappable       = (*gridView)(nil)
	_ fyne.DoubleTappable = (*tableCell)(nil)
)

func newGridView(t *articleTable) *gridView {
	g := &gridView{t: t}
	g.Length = func() (int, int) { return t.shown(), len(t.cols) }
	g.CreateCell = func() fyne.CanvasObject { return newTableCell(t) }
	g.UpdateCell = g.updateCell
	g.ShowHeaderRow = true
	g.HideSeparators = true
	g.CreateHeader = func() fyne.CanvasObject { return newHeaderCell(t) }
	g.UpdateHeader = g.updateHeader
	g.ExtendBaseWidget(g)
	th := g.Theme()
	t.rowH, t.padding = rowHeight(th), th.Size(theme.SizeNamePadding)
	for i, c := range t.cols {
		g.SetColumnWidth(i, t.colWidth(c))
	}
	t.grid = g // fillTitle sizes the title column through it
	return g
}

// Resize keeps the window of rows matched to the height.
func (g *gridView) Resize(s fyne.Size) {
	g.t.fillTitle(s.Width)
	g.Table.Resize(s)
	g.t.viewport(s.Height - g.t.rowH)
}

func (g *gridView) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*tableCell)
	c.row, c.col = id.Row, id.Col
	if id.Col >= len(g.t.cols) {
		return
	}
	i := g.t.top + id.Row
	text, r := g.t.cellText(i, id.Col)
	c.set(text, g.t.cols[id.Col].Align, r != nil, g.cellState(i, id.Col))
}

// cellState says how cell (i, c) is highlighted.
func (g *gridView) cellState(i, c int) cellState {
	t := g.t
	var s cellState
	if i < t.res.Len() && t.res.sel[t.res.ID(i)] {
		s.selected = true
	}
	s.hovered = i == t.hover
	s.focused = t.focused && i == t.res.cursor && c == t.ccol
	s.odd = i%2 == 1
	return s
}

func (g *gridView) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*headerCell)
	h.col = id.Col
	if id.Col < 0 || id.Col >= len(g.t.cols) {
		return
	}
	c := g.t.cols[id.Col]
	// A width the user dragged is remembered; the title's filled width is not.
	if w := h.Size().Width; w > 0 && (c.Key != "title" || w != g.t.fillW) {
		g.t.width[c.Key] = w
	}
	// Remember the horizontal offset for wheel scrolling.
	x := float32(0)
	for i := range g.t.cols[:id.Col] {
		x += g.t.shownWidth(i) + g.t.padding
	}
	g.t.hOffset = x - h.Position().X
	arrow := 0
	if key, desc := g.t.res.sortKey(); c.Key == key {
		arrow = 1
		if desc {
			arrow = -1
		}
	}
	h.set(c.Label, arrow)
}

// TypedKey navigates the table.
func (g *gridView) TypedKey(ev *fyne.KeyEvent) {
	if g.t.OnKey != nil && g.t.OnKey(ev) {
		return
	}
	if (ev.Name == fyne.KeyF10 && g.t.shift) || ev.Name == desktop.KeyMenu {
		g.contextMenu()
		return
	}
	g.t.typedKey(ev)
}

// contextMenu opens the bulk actions under the focused row (Shift+F10 or
// the Menu key), as a right click there would.
func (g *gridView) contextMenu() {
	if g.t.OnContextMenu == nil {
		return
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(g)
	row := max(0, g.t.res.cursor-g.t.top) + 1 // below the header
	at = at.Add(fyne.NewPos(2*g.t.padding, float32(row+1)*(g.t.rowH+g.t.padding)))
	g.t.OnContextMenu(at)
}

// TypedRune ignores text.
func (g *gridView) TypedRune(rune) {}

// TypedShortcut handles Ctrl+Home, Ctrl+End, Ctrl+A and Ctrl+Shift+Z.
func (g *gridView) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutSelectAll:
		g.t.res.selectAll()
	case *desktop.CustomShortcut:
		if sc.ShortcutName() == redoShiftZ.ShortcutName() {
			if g.t.OnRedo != nil {
				g.t.OnRedo() // Ctrl+Shift+Z, beside the Edit menu's Ctrl+Y
			}
			return
		}
		// Like the keys, it waits for a new search's ids: the end is the
		// last match.
		g.t.res.WhenListed(func() {
			if sc.Modifier&fyne.KeyModifierShift != 0 {
				g.t.shift = true
				defer func() { g.t.shift = false }()
			}
			switch sc.KeyName {
			case fyne.KeyHome:
				g.t.moveCursor(0)
			case fyne.KeyEnd:
				g.t.moveCursor(g.t.res.Len() - 1)
			}
		})
	}
}

// KeyDown tracks Shift for range selection.
func (g *gridView) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.t.shift = true
	}
}

// KeyUp tracks Shift for range selection.
func (g *gridView) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.t.shift = false
	}
}

// FocusGained shows the focused cell.
func (g *gridView) FocusGained() {
	g.t.focused = true
	g.Refresh()
}

// FocusLost hides the focused cell.
func (g *gridView) FocusLost() {
	g.t.focused, g.t.shift = false, false
	g.Refresh()
}

// Tapped (on the empty area below the rows) takes the focus.
func (g *gridView) Tapped(*fyne.PointEvent) { g.focus() }

func (g *gridView) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
}

// cellState is how a cell is highlighted.
type cellState struct{ selected, hovered, focused, odd bool }

// tableCell is one data cell: a text cut to the cell's width over a
// highlight. It handles the mouse: press selects (with Shift/Ctrl),
// double-click edits, the secondary button opens the bulk menu, the wheel
// scrolls the row window.
type tableCell struct {
	widget.BaseWidget
	t        *articleTable
	row, col int // in the window
	bg       *canvas.Rectangle
	outline  *canvas.Rectangle
	label    *table.CutLabel
	wheel    *wheelCatcher
	state    cellState
}

var (
	_ desktop.Mouseable = (*tableCell)(nil)
	_ desktop.Hoverable = (*tableCell)(nil)
)

func newTableCell(t *articleTable) *tableCell {
	c := &tableCell{t: t, bg: canvas.NewRectangle(nil), outline: canvas.NewRectangle(nil), wheel: newWheelCatcher(t)}
	c.label = table.NewCutLabel(fyne.TextStyle{}, &t.fitters)
	c.outline.StrokeWidth = 1
	c.ExtendBaseWidget(c)
	return c
}

// set shows text with the given highlight.
func (c *tableCell) set(text string, align fyne.TextAlign, loaded bool, s cellState) {
	c.state = s
	c.label.Set(text, align, !loaded)
	c.paint()
}

func (c *tableCell) paint() {
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
func (c *tableCell) MinSize() fyne.Size { return fyne.NewSize(30, c.t.rowH) }

// CreateRenderer stacks the highlight under the text.
func (c *tableCell) CreateRenderer() fyne.WidgetRenderer {
	return &tableCellRenderer{c: c, objects: []fyne.CanvasObject{c.bg, c.outline, c.label, c.wheel}}
}

// absRow is the cell's row in the whole result.
func (c *tableCell) absRow() int { return c.t.top + c.row }

// MouseDown selects the row (Shift: range, Ctrl: toggle) or opens the menu.
func (c *tableCell) MouseDown(ev *desktop.MouseEvent) {
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
		if !t.res.sel[t.res.ID(i)] {
			t.res.selectRow(i, 0)
		}
		if t.OnContextMenu != nil {
			t.OnContextMenu(ev.AbsolutePosition)
		}
		return
	}
	t.res.selectRow(i, ev.Modifier)
}

// MouseUp does nothing (MouseDown acted).
func (c *tableCell) MouseUp(*desktop.MouseEvent) {}

// DoubleTapped edits the cell.
func (c *tableCell) DoubleTapped(*fyne.PointEvent) { c.t.startEdit(c.absRow(), c.col) }

// MouseIn highlights the row and shows the full text: in the status bar at
// once, in a tip under the cell after a moment if the cell cuts it.
func (c *tableCell) MouseIn(*desktop.MouseEvent) {
	c.t.setHover(c.absRow())
	if c.t.tip != nil {
		c.t.tip.Schedule(c)
	}
}

// MouseMoved keeps the hover.
func (c *tableCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut drops the hover and the tip.
func (c *tableCell) MouseOut() {
	c.t.setHover(-1)
	if c.t.tip != nil {
		c.t.tip.Leave(c)
	}
}

// TipText is the cell's text and whether the cell cuts it.
func (c *tableCell) TipText() (string, bool) { return c.label.Text(), c.label.Cut() }

type tableCellRenderer struct {
	c       *tableCell
	objects []fyne.CanvasObject
}

func (r *tableCellRenderer) Layout(s fyne.Size) {
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

func (r *tableCellRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *tableCellRenderer) Refresh()                     { r.c.paint(); r.c.label.Refresh() }
func (r *tableCellRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *tableCellRenderer) Destroy()                     {}

// setHover highlights a hovered row (a cut cell's text shows in its tip).
func (t *articleTable) setHover(i int) {
	if t.hover != i {
		old := t.hover
		t.hover = i
		t.refreshRow(old)
		t.refreshRow(i)
	}
}

// headerCell is a column title with the sort arrow; a tap sorts, the
// secondary button opens the column chooser.
type headerCell struct {
	widget.BaseWidget
	t     *articleTable
	col   int
	label *table.CutLabel
	arrow *widget.Icon
	box   *fyne.Container
}

var (
	_ fyne.Tappable          = (*headerCell)(nil)
	_ fyne.SecondaryTappable = (*headerCell)(nil)
)

func newHeaderCell(t *articleTable) *headerCell {
	h := &headerCell{t: t, label: table.NewCutLabel(fyne.TextStyle{Bold: true}, &t.fitters), arrow: widget.NewIcon(nil)}
	h.box = container.NewBorder(nil, nil, nil, h.arrow, h.label)
	h.ExtendBaseWidget(h)
	return h
}

// set shows the title and the sort direction (1 up, -1 down, 0 none).
// Unchanged, nothing is redrawn (the table refreshes its headers with every
// scroll step).
func (h *headerCell) set(label string, arrow int) {
	h.label.Set(label, fyne.TextAlignLeading, false)
	var icon fyne.Resource
	switch arrow {
	case 1:
		icon = theme.MenuDropUpIcon()
	case -1:
		icon = theme.MenuDropDownIcon()
	}
	switch {
	case icon == nil:
		h.arrow.Hide()
	case h.arrow.Resource != icon || !h.arrow.Visible():
		h.arrow.SetResource(icon)
		h.arrow.Show()
	}
}

// MinSize matches the rows' height.
func (h *headerCell) MinSize() fyne.Size { return fyne.NewSize(30, h.t.rowH) }

// Tapped sorts by the column.
func (h *headerCell) Tapped(*fyne.PointEvent) { h.t.headerTapped(h.col) }

// TappedSecondary opens the column chooser.
func (h *headerCell) TappedSecondary(ev *fyne.PointEvent) {
	if h.t.OnColumnsMenu != nil {
		h.t.OnColumnsMenu(ev.AbsolutePosition)
	}
}

// CreateRenderer lays out the title and arrow.
func (h *headerCell) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.box) }

// refreshRow redraws the shown cells of row i.
func (t *articleTable) refreshRow(i int) {
	if i < t.top || i >= t.top+t.shown() {
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
	t *articleTable
}

var _ fyne.Scrollable = (*wheelCatcher)(nil)

func newWheelCatcher(t *articleTable) *wheelCatcher {
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
