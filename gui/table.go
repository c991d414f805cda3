package gui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

// articleTable shows the current query's articles page by page.
//
// Fyne's Table places rows by summing float32 offsets, which drifts past a
// few thousand rows, so this table never lets widget.Table scroll vertically:
// the Table only holds the rows that fit its viewport (a window), and the
// window's first row, top, is an int moved by the keyboard, the mouse wheel
// and a row-based scroll bar. Landing on row 99,999 of 100,000 is therefore
// exact. Horizontal scrolling stays with the Table.
type articleTable struct {
	res   *results // the rows, the selection and the order shown
	all   map[string]table.Column
	cols  []table.Column
	width map[string]float32 // by column key, as the user sized them

	top, fit      int // first shown row; rows that fit the viewport
	ccol          int // focused column
	focused       bool
	shift         bool // Shift held (tracked from key events)
	hover         int  // hovered row, -1 for none
	hOffset       float32
	wheel         float64
	rowH, padding float32
	fitters       table.Fitters // cut the cells' and headers' texts
	fillW         float32       // the title column's width filling the table (0: not laid out)
	needs         map[string]float32
	needSize      float32 // the text size needs was measured at

	grid *gridView
	bar  *table.ScrollBar
	tip  *table.HoverTip // shows a cut cell's text; nil: none
	view fyne.CanvasObject
	edit *cellEditor

	// OnSort is called when a header asks for another order.
	OnSort func()
	// OnEdit saves a value edited in a cell: field path and value as
	// seedfile.ParseValue returned it. done reports the outcome.
	OnEdit func(id int64, field string, value any, done func(err error))
	// OnDelete is called for the Delete key.
	OnDelete func()
	// OnRedo is called for Ctrl+Shift+Z (the Edit menu has Ctrl+Y).
	OnRedo func()
	// OnContextMenu asks for the bulk action menu at an absolute position.
	OnContextMenu func(at fyne.Position)
	// OnColumnsMenu asks for the column chooser at an absolute position.
	OnColumnsMenu func(at fyne.Position)
	// OnKey, when set, sees the keys first (F6 moves to the next pane);
	// true marks one handled.
	OnKey func(ev *fyne.KeyEvent) bool
}

func newArticleTable(res *results, visible []string, widths map[string]float32) *articleTable {
	t := &articleTable{res: res, all: table.ColumnsByKey(table.AllColumns()), width: map[string]float32{}, hover: -1}
	for k, w := range widths {
		t.width[k] = w
	}
	t.setColumns(visible)
	t.bar = table.NewScrollBar()
	t.bar.OnScroll = t.setTop
	t.bar.OnWheel = t.scrolled
	t.grid = newGridView(t)
	t.edit = newCellEditor(t)
	t.view = container.NewBorder(nil, nil, nil, t.bar, t.grid)
	res.watch(t)
	return t
}

// setColumns shows the given columns (unknown keys are skipped).
func (t *articleTable) setColumns(keys []string) {
	t.cols = t.cols[:0]
	for _, k := range keys {
		if c, ok := t.all[k]; ok {
			t.cols = append(t.cols, c)
		}
	}
	if len(t.cols) == 0 {
		t.cols = append(t.cols, t.all["title"])
	}
	t.ccol = min(t.ccol, len(t.cols)-1)
	if t.grid != nil {
		t.applyWidths()
	}
}

// columnKeys lists the shown columns.
func (t *articleTable) columnKeys() []string {
	keys := make([]string, len(t.cols))
	for i, c := range t.cols {
		keys[i] = c.Key
	}
	return keys
}

func (t *articleTable) colWidth(c table.Column) float32 {
	if w, ok := t.width[c.Key]; ok && w > 0 {
		return max(w, t.headerNeed(c))
	}
	return max(c.Width, t.headerNeed(c))
}

func (t *articleTable) applyWidths() {
	for i, c := range t.cols {
		t.grid.SetColumnWidth(i, t.colWidth(c))
	}
	t.fillW = 0
	t.fillTitle(t.grid.Size().Width)
	t.grid.Refresh()
}

// headerTapped sorts by a column; tapping the sorted column reverses it.
func (t *articleTable) headerTapped(col int) {
	if col < 0 || col >= len(t.cols) {
		return
	}
	key := t.cols[col].Key
	sorted, desc := t.res.sortKey()
	t.res.setSortKey(key, key == sorted && !desc)
	t.grid.Refresh()
	if t.OnSort != nil {
		t.OnSort()
	}
}

// viewport sets how many rows fit in h, the height below the header:
// n rows take n*rowH + (n-1)*padding.
func (t *articleTable) viewport(h float32) {
	fit := max(1, int(math.Floor(float64((h+t.padding)/(t.rowH+t.padding)))))
	if fit == t.fit {
		return
	}
	t.fit = fit
	t.setTop(t.top)
	t.grid.Refresh()
}

// shown is how many rows the grid holds.
func (t *articleTable) shown() int { return max(0, min(t.fit, t.res.Len()-t.top)) }

// setTop scrolls so that row top is the first shown.
func (t *articleTable) setTop(top int) {
	top = max(0, min(top, t.res.Len()-t.fit))
	changed := top != t.top
	t.top = top
	t.bar.Set(t.res.Len(), t.fit, t.top)
	if changed {
		t.edit.cancel()
		t.hideTip()
		t.grid.Refresh()
	}
}

// hideTip removes the hover tip (the rows move or a button was pressed).
func (t *articleTable) hideTip() {
	if t.tip != nil {
		t.tip.Hide()
	}
}

// ensureVisible scrolls as little as needed to show row i.
func (t *articleTable) ensureVisible(i int) {
	switch {
	case i < t.top:
		t.setTop(i)
	case i >= t.top+t.fit:
		t.setTop(i - t.fit + 1)
	}
}

// scrolled handles the mouse wheel: three rows per notch, horizontal with the Table.
func (t *articleTable) scrolled(ev *fyne.ScrollEvent) {
	t.hideTip()
	if ev.Scrolled.DY != 0 {
		t.wheel -= float64(ev.Scrolled.DY) * 3 / 25
		n := int(t.wheel)
		t.wheel -= float64(n)
		if n != 0 {
			t.setTop(t.top + n)
		}
	}
	if ev.Scrolled.DX != 0 {
		t.grid.ScrollToOffset(fyne.NewPos(t.hOffset-ev.Scrolled.DX, 0))
	}
}

// rowsArrived redraws when fetched rows cover shown rows.
func (t *articleTable) rowsArrived(first, end int) {
	if first < t.top+t.fit && end > t.top {
		t.grid.Refresh()
	}
}

// resultChanged redraws after the result changed (the selection already
// matched against it); loadFollow scrolls to the focused article (after a
// new sort order).
func (t *articleTable) resultChanged(mode loadMode) {
	if mode == loadFollow && t.res.cursor >= 0 {
		t.ensureVisible(t.res.cursor)
	}
	t.edit.cancel()
	t.setTop(t.top)
	t.bar.Set(t.res.Len(), t.fit, t.top)
	t.grid.Refresh()
}

// selectionChanged redraws the selection; reveal scrolls to the cursor.
func (t *articleTable) selectionChanged(reveal bool) {
	if reveal && t.res.cursor >= 0 {
		t.ensureVisible(t.res.cursor)
	}
	t.grid.Refresh()
}

// counted redraws after the pager's result was counted: the scroll bar
// gets its real length.
func (t *articleTable) counted() {
	t.bar.Set(t.res.Len(), t.fit, t.top)
	t.grid.Refresh()
}

// rowHeight is the fixed height of a row: one line of text plus padding.
func rowHeight(th fyne.Theme) float32 {
	text := fyne.MeasureText("Ág", th.Size(theme.SizeNameText), fyne.TextStyle{})
	return float32(math.Ceil(float64(text.Height + 2*th.Size(theme.SizeNameInnerPadding))))
}

// cellText is what cell (i, c) shows, with its row; the row is nil (and
// the text a placeholder) while its page is fetched.
func (t *articleTable) cellText(i, c int) (text string, r *storage.Row) {
	r = t.res.Row(i)
	if r == nil {
		return "…", nil
	}
	return t.cols[c].Value(r), r
}
