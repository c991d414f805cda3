package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Grid is the widget.Table that draws the article table's window of
// rows; it takes the keyboard itself (widget.Table's own keys scroll with
// the drifting ScrollTo) and lets the cells handle the mouse.
type Grid struct {
	widget.Table
	t *Table
}

var (
	_ fyne.Focusable      = (*Grid)(nil)
	_ fyne.Shortcutable   = (*Grid)(nil)
	_ desktop.Keyable     = (*Grid)(nil)
	_ fyne.Tappable       = (*Grid)(nil)
	_ fyne.DoubleTappable = (*Cell)(nil)
)

func newGrid(t *Table) *Grid {
	g := &Grid{t: t}
	g.Length = func() (int, int) { return t.Shown(), len(t.cols) }
	g.CreateCell = func() fyne.CanvasObject { return newCell(t) }
	g.UpdateCell = g.updateCell
	g.ShowHeaderRow = true
	g.HideSeparators = true
	g.CreateHeader = func() fyne.CanvasObject { return newHeader(t) }
	g.UpdateHeader = g.updateHeader
	g.ExtendBaseWidget(g)
	th := g.Theme()
	t.rowH, t.padding = rowHeight(th), th.Size(theme.SizeNamePadding)
	t.grid = g // setWidth and fillTitle size the columns through it
	for i, c := range t.cols {
		t.setWidth(i, t.colWidth(c))
	}
	return g
}

// Resize keeps the window of rows matched to the height.
func (g *Grid) Resize(s fyne.Size) {
	g.t.fillTitle(s.Width)
	g.Table.Resize(s)
	g.t.viewport(s.Height - g.t.rowH)
}

func (g *Grid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*Cell)
	c.row, c.col = id.Row, id.Col
	if id.Col >= len(g.t.cols) {
		return
	}
	i := g.t.top + id.Row
	text, r := g.t.cellText(i, id.Col)
	s := g.cellState(i, id.Col)
	s.changed = id.Col == 0 && r != nil && r.ChangedOnDisk
	c.set(text, g.t.cols[id.Col].Align, r != nil, s)
}

// cellState says how cell (i, c) is highlighted.
func (g *Grid) cellState(i, c int) cellState {
	t := g.t
	var s cellState
	if i < t.res.Len() && t.res.Selected(t.res.ID(i)) {
		s.selected = true
	}
	s.hovered = i == t.hover
	s.focused = t.focused && i == t.res.Cursor() && c == t.ccol
	s.odd = i%2 == 1
	return s
}

func (g *Grid) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	h := o.(*Header)
	h.col = id.Col
	if id.Col < 0 || id.Col >= len(g.t.cols) {
		return
	}
	c := g.t.cols[id.Col]
	// A width the user dragged is remembered; the widths the table set
	// (defaults, the room for the sort arrow, the title's filled width) are
	// not, so that they follow the sort and the window.
	if w := h.Size().Width; w > 0 && w != g.t.setW[id.Col] {
		g.t.width[c.Key] = w
	}
	// Remember the horizontal offset for wheel scrolling.
	x := float32(0)
	for i := range g.t.cols[:id.Col] {
		x += g.t.ShownWidth(i) + g.t.padding
	}
	g.t.hOffset = x - h.Position().X
	arrow := 0
	if key, desc := g.t.res.SortKey(); c.Key == key {
		arrow = 1
		if desc {
			arrow = -1
		}
	}
	h.set(c.Label, arrow)
}

// TypedKey navigates the table.
func (g *Grid) TypedKey(ev *fyne.KeyEvent) {
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
func (g *Grid) contextMenu() {
	if g.t.OnContextMenu == nil {
		return
	}
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(g)
	row := max(0, g.t.res.Cursor()-g.t.top) + 1 // below the header
	at = at.Add(fyne.NewPos(2*g.t.padding, float32(row+1)*(g.t.rowH+g.t.padding)))
	g.t.OnContextMenu(at)
}

// TypedRune ignores text.
func (g *Grid) TypedRune(rune) {}

// TypedShortcut handles Ctrl+Home, Ctrl+End, Ctrl+A and Ctrl+Shift+Z.
func (g *Grid) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutSelectAll:
		g.t.res.SelectAll()
	case *desktop.CustomShortcut:
		if sc.ShortcutName() == RedoShortcut.ShortcutName() {
			if g.t.OnRedo != nil {
				g.t.OnRedo() // Ctrl+Shift+Z, beside the Edit menu's Ctrl+Y
			}
			return
		}
		// Like the keys, it waits for a new search's count (a plain jump)
		// or ids (a Shift range): the end is the last match.
		if g.t.jumpEarly(sc.KeyName) {
			return
		}
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
func (g *Grid) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.t.shift = true
	}
}

// KeyUp tracks Shift for range selection.
func (g *Grid) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		g.t.shift = false
	}
}

// FocusGained shows the focused cell.
func (g *Grid) FocusGained() {
	g.t.focused = true
	g.Refresh()
}

// FocusLost hides the focused cell.
func (g *Grid) FocusLost() {
	g.t.focused, g.t.shift = false, false
	g.Refresh()
}

// Tapped (on the empty area below the rows) takes the focus.
func (g *Grid) Tapped(*fyne.PointEvent) { g.focus() }

func (g *Grid) focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(g); c != nil {
		c.Focus(g)
	}
}
