package table

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/seedarchive/seedarchive/storage"
)

// Results is the result model the table is a view of (impl: package gui's
// results over a Pager): the rows of the shown query, the selection with its
// cursor, and the order asked for. The table keeps no rows or selection of
// its own; it asks for changes (SelectRow, SetSortKey) and redraws when told
// (ResultChanged, SelectionChanged, RowsArrived, Counted).
type Results interface {
	// Len is the number of rows; Row returns row i, nil while its page is
	// read; ID is the id of row i, 0 when not known yet.
	Len() int
	Row(i int) *storage.Row
	ID(i int) int64
	// Listed reports whether the ids of every row are known; WhenListed
	// calls f once they are (a key pressed a moment after a new search waits
	// for them: End means the last match).
	Listed() bool
	WhenListed(f func())
	// WhenCounted calls f once Len is the number of matches; WhenRow
	// calls f once row i is in memory, fetching it (End a moment after a
	// new search waits for these, not for the ids).
	WhenCounted(f func())
	WhenRow(i int, f func())
	// Cursor is the focused row, -1 for none; Selected reports whether an
	// article is selected, HasSelection whether any is.
	Cursor() int
	Selected(id int64) bool
	HasSelection() bool
	// SelectRow changes the selection as a click on row i with mod does;
	// SelectAll selects every row.
	SelectRow(i int, mod fyne.KeyModifier)
	SelectAll()
	// SortKey is the column key and direction of the order asked for;
	// SetSortKey asks for another.
	SortKey() (key string, desc bool)
	SetSortKey(key string, desc bool)
	// SetTextFields says whether a shown column needs the rows' text
	// fields (Column.FromText; Pager.SetTextFields).
	SetTextFields(need bool)
}

// Table shows the current query's articles page by page.
//
// Fyne's Table places rows by summing float32 offsets, which drifts past a
// few thousand rows, so this table never lets widget.Table scroll vertically:
// the Table only holds the rows that fit its viewport (a window), and the
// window's first row, top, is an int moved by the keyboard, the mouse wheel
// and a row-based scroll bar. Landing on row 99,999 of 100,000 is therefore
// exact (TestTableKeyboardLandsExactlyOnLastOf100000 in package gui).
// Horizontal scrolling stays with the Table.
type Table struct {
	res   Results // the rows, the selection and the order shown
	all   map[string]Column
	cols  []Column
	width map[string]float32 // by column key, as the user sized them

	top, fit      int // first shown row; rows that fit the viewport
	ccol          int // focused column
	focused       bool
	shift         bool // Shift held (tracked from key events)
	hover         int  // hovered row, -1 for none
	hOffset       float32
	wheel         float64
	rowH, padding float32
	fitters       Fitters         // cut the cells' and headers' texts
	fillW         float32         // the title column's width filling the table (0: not laid out)
	setW          map[int]float32 // by column index, the widths last set (setWidth)
	needs         map[string]float32
	needSize      float32 // the text size needs was measured at

	grid *Grid
	bar  *ScrollBar
	tip  *HoverTip // shows a cut cell's text; nil: none
	view fyne.CanvasObject
	edit *CellEditor

	// OnSort is called when a header asks for another order.
	OnSort func()
	// OnEdit saves a value edited in a cell: field path and value as
	// seedfile.ParseValue returned it. done reports the outcome.
	OnEdit func(id int64, field string, value any, done func(err error))
	// OnEditFailed tells of an in-cell edit that failed with no cell
	// editor open to show why: a toggle (published), or a value whose
	// editor was closed while it was saved.
	OnEditFailed func(err error)
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

// New returns a table of res showing the columns of the visible keys, at
// the widths the user gave them (by column key; nil for the defaults). The
// caller tells it when res changes (ResultChanged and the others).
func New(res Results, visible []string, widths map[string]float32) *Table {
	t := &Table{res: res, all: ColumnsByKey(AllColumns()), width: map[string]float32{}, hover: -1}
	for k, w := range widths {
		t.width[k] = w
	}
	t.SetColumns(visible)
	t.bar = NewScrollBar()
	t.bar.OnScroll = t.SetTop
	t.bar.OnWheel = t.scrolled
	t.grid = newGrid(t)
	t.edit = newCellEditor(t)
	t.view = container.NewBorder(nil, nil, nil, t.bar, t.grid)
	return t
}

// SetColumns shows the columns of the given keys, in order (unknown keys
// are skipped; none shows the title).
func (t *Table) SetColumns(keys []string) {
	t.cols = t.cols[:0]
	for _, k := range keys {
		if c, ok := t.all[k]; ok {
			t.cols = append(t.cols, c)
		}
	}
	if len(t.cols) == 0 {
		t.cols = append(t.cols, t.all["title"])
	}
	t.res.SetTextFields(slices.ContainsFunc(t.cols, func(c Column) bool { return c.FromText }))
	t.ccol = min(t.ccol, len(t.cols)-1)
	if t.grid != nil {
		t.applyWidths()
	}
}

// ColumnKeys lists the keys of the shown columns, in order.
func (t *Table) ColumnKeys() []string {
	keys := make([]string, len(t.cols))
	for i, c := range t.cols {
		keys[i] = c.Key
	}
	return keys
}

func (t *Table) colWidth(c Column) float32 {
	if w, ok := t.width[c.Key]; ok && w > 0 {
		return max(w, t.headerNeed(c))
	}
	return max(c.Width, t.headerNeed(c))
}

func (t *Table) applyWidths() {
	for i, c := range t.cols {
		t.setWidth(i, t.colWidth(c))
	}
	t.fillW = 0
	t.fillTitle(t.grid.Size().Width)
	t.grid.Refresh()
}

// headerTapped sorts by a column; tapping the sorted column reverses it.
// A column storage cannot sort by (storage.Sortable) ignores the tap.
func (t *Table) headerTapped(col int) {
	if col < 0 || col >= len(t.cols) {
		return
	}
	key := t.cols[col].Key
	if !storage.Sortable(SortName(key)) {
		return
	}
	sorted, desc := t.res.SortKey()
	t.res.SetSortKey(key, key == sorted && !desc)
	t.applyWidths() // the arrow's room moves to the sorted column
	if t.OnSort != nil {
		t.OnSort()
	}
}

// viewport sets how many rows fit in h, the height below the header:
// n rows take n*rowH + (n-1)*padding.
func (t *Table) viewport(h float32) {
	fit := max(1, int(math.Floor(float64((h+t.padding)/(t.rowH+t.padding)))))
	if fit == t.fit {
		return
	}
	t.fit = fit
	t.SetTop(t.top)
	t.grid.Refresh()
}

// Shown is how many rows the grid holds: the rows from Top that fit.
func (t *Table) Shown() int { return max(0, min(t.fit, t.res.Len()-t.top)) }

// SetTop scrolls so that row top is the first shown (as far as the rows
// reach).
func (t *Table) SetTop(top int) {
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
func (t *Table) hideTip() {
	if t.tip != nil {
		t.tip.Hide()
	}
}

// ensureVisible scrolls as little as needed to show row i.
func (t *Table) ensureVisible(i int) {
	switch {
	case i < t.top:
		t.SetTop(i)
	case i >= t.top+t.fit:
		t.SetTop(i - t.fit + 1)
	}
}

// scrolled handles the mouse wheel: three rows per notch, horizontal with the Table.
func (t *Table) scrolled(ev *fyne.ScrollEvent) {
	t.hideTip()
	if ev.Scrolled.DY != 0 {
		t.wheel -= float64(ev.Scrolled.DY) * 3 / 25
		n := int(t.wheel)
		t.wheel -= float64(n)
		if n != 0 {
			t.SetTop(t.top + n)
		}
	}
	if ev.Scrolled.DX != 0 {
		t.grid.ScrollToOffset(fyne.NewPos(t.hOffset-ev.Scrolled.DX, 0))
	}
}

// RowsArrived redraws when rows first… up to end, just read, cover shown
// rows.
func (t *Table) RowsArrived(first, end int) {
	if first < t.top+t.fit && end > t.top {
		t.grid.Refresh()
	}
}

// ResultChanged redraws after the result changed (the selection already
// matched against it); follow scrolls to the focused article (after a new
// sort order).
func (t *Table) ResultChanged(follow bool) {
	if follow && t.res.Cursor() >= 0 {
		t.ensureVisible(t.res.Cursor())
	}
	t.edit.cancel()
	t.SetTop(t.top)
	t.bar.Set(t.res.Len(), t.fit, t.top)
	t.grid.Refresh()
}

// SelectionChanged redraws the selection; reveal scrolls to the cursor.
func (t *Table) SelectionChanged(reveal bool) {
	if reveal && t.res.Cursor() >= 0 {
		t.ensureVisible(t.res.Cursor())
	}
	t.grid.Refresh()
}

// Counted redraws after the result was counted: the scroll bar gets its
// real length.
func (t *Table) Counted() {
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
func (t *Table) cellText(i, c int) (text string, r *storage.Row) {
	r = t.res.Row(i)
	if r == nil {
		return "…", nil
	}
	return t.cols[c].Value(r), r
}
