package gui

import (
	"cmp"
	"math"
	"slices"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/gui/table"
)

// results is the one result model of the window: the query and sort asked
// for, the shown result (the table.Pager: count, ids, pages) and the selection
// with its cursor. The table, the gallery and the reading view are views of
// it and keep no rows or selection of their own, so whichever view a search,
// a sort, a click or an external change comes from, every view shows the
// same result and the same selection. Only the UI goroutine touches it.
type results struct {
	*table.Pager

	query string // the query asked for (the pager's Options are the shown one)
	sort  string // the order asked for, as storage.ListOptions.Sort

	cursor int            // focused row, -1 for none
	curID  int64          // the focused article, kept across reloads
	away   int64          // the focused article while a query leaves it out (see reconcile)
	anchor int            // start of a Shift range
	sel    map[int64]bool // the selected articles

	// Guard is asked before the focused article changes (the editor may hold
	// unsaved edits); it calls proceed to let the change happen.
	Guard func(id int64, proceed func())
	// OnSelect is called after the views followed a change of the selection.
	OnSelect func()

	views []resultView
}

var _ table.Results = (*results)(nil)

// tableView is the article table as a view of the results.
type tableView struct{ *table.Table }

func (v tableView) resultChanged(mode loadMode)  { v.ResultChanged(mode == loadFollow) }
func (v tableView) selectionChanged(reveal bool) { v.SelectionChanged(reveal) }
func (v tableView) rowsArrived(first, end int)   { v.RowsArrived(first, end) }
func (v tableView) counted()                     { v.Counted() }

// resultView is a view of the results: it redraws when they change.
type resultView interface {
	// resultChanged follows a new or reloaded result; the selection is
	// already matched against it. loadFollow asks to scroll to the cursor,
	// loadNew to the top.
	resultChanged(mode loadMode)
	// selectionChanged follows the selection or the cursor; reveal asks to
	// scroll the cursor into view.
	selectionChanged(reveal bool)
	// rowsArrived follows rows fetched: first… up to end.
	rowsArrived(first, end int)
	// counted follows the count of a quick result arriving.
	counted()
}

func newResults(p *table.Pager) *results {
	r := &results{Pager: p, cursor: -1, sel: map[int64]bool{}}
	p.OnRows = func(first, end int) {
		for _, v := range r.views {
			v.rowsArrived(first, end)
		}
	}
	return r
}

// watch adds a view.
func (r *results) watch(v resultView) { r.views = append(r.views, v) }

// countArrived tells the views the quick result on screen was counted.
func (r *results) countArrived() {
	for _, v := range r.views {
		v.counted()
	}
}

// changed tells the views the result changed, after matching the selection.
func (r *results) changed(mode loadMode) {
	r.reconcile()
	for _, v := range r.views {
		v.resultChanged(mode)
	}
}

// selected tells the views the selection changed.
func (r *results) selected(reveal bool) {
	for _, v := range r.views {
		v.selectionChanged(reveal)
	}
	if r.OnSelect != nil {
		r.OnSelect()
	}
}

// forget drops the selection (another archive).
func (r *results) forget() {
	r.sel = map[int64]bool{}
	r.cursor, r.curID, r.away, r.anchor = -1, 0, 0, 0
}

// SortKey is the column key and direction of the order asked for.
func (r *results) SortKey() (key string, desc bool) {
	s := r.sort
	desc = len(s) > 0 && s[0] == '-'
	if desc {
		s = s[1:]
	}
	return table.SortKey(s), desc
}

// SetSortKey asks for the order of a column key.
func (r *results) SetSortKey(key string, desc bool) {
	if key == "" {
		r.sort = ""
		return
	}
	key = table.SortName(key)
	if desc {
		key = "-" + key
	}
	r.sort = key
}

// reconcile matches the selection and the cursor against a new result: the
// selection keeps the articles still listed, the cursor follows its article
// by id. Before the ids are listed, the selection is kept whole and the
// focused article is looked for in the rows read so far.
func (r *results) reconcile() {
	listed := r.Listed()
	if listed {
		for id := range r.sel {
			if r.RowOf(id) < 0 {
				delete(r.sel, id)
			}
		}
	}
	r.cursor = -1
	if r.curID == 0 && r.away != 0 && len(r.sel) == 0 {
		// The focused article was left out by a query typed on the way
		// (results follow each key) and is back: focus it again.
		if i := r.RowOf(r.away); i >= 0 {
			r.curID, r.anchor, r.sel = r.away, i, map[int64]bool{r.away: true}
		}
	}
	if r.curID != 0 {
		r.cursor = r.RowOf(r.curID)
	}
	switch {
	case r.cursor >= 0:
		r.away = 0
	case listed && r.curID != 0:
		r.away, r.curID = r.curID, 0
	}
	r.anchor = max(0, min(r.anchor, r.Len()-1))
}

// Cursor is the focused row, -1 for none.
func (r *results) Cursor() int { return r.cursor }

// Selected reports whether an article is selected.
func (r *results) Selected(id int64) bool { return r.sel[id] }

// HasSelection reports whether any article is selected.
func (r *results) HasSelection() bool { return len(r.sel) > 0 }

// cursorID is the focused article, 0 when none.
func (r *results) cursorID() int64 { return r.curID }

// focusID moves the cursor to an article alone (after a reload or a new
// article); the caller tells the views.
func (r *results) focusID(id int64) bool {
	i := r.RowOf(id)
	if i < 0 {
		return false
	}
	r.cursor, r.anchor, r.curID, r.away = i, i, id, 0
	r.sel = map[int64]bool{id: true}
	return true
}

// selectedIDs lists the selection in result order.
func (r *results) selectedIDs() []int64 {
	if len(r.sel) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(r.sel))
	if !r.Listed() {
		// A moment after a new search: rows read so far first, in order.
		for id := range r.sel {
			ids = append(ids, id)
		}
		rowOf := func(id int64) int {
			if i := r.RowOf(id); i >= 0 {
				return i
			}
			return math.MaxInt
		}
		slices.SortFunc(ids, func(a, b int64) int {
			return cmp.Or(cmp.Compare(rowOf(a), rowOf(b)), cmp.Compare(a, b))
		})
		return ids
	}
	all := r.IDs()
	for i := range all.Len() {
		if id := all.At(i); r.sel[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// SelectRow changes the selection as a click (or a key) on row i does, in
// whichever view: plain selects it alone, Ctrl toggles it, Shift selects the
// range from the anchor. The change waits for Guard when the focused article
// changes; a moment after a new search, before its ids are listed, a range
// waits for them unless every row between its ends is read (their ids are
// known), and another change waits for the row's page (End reads the last
// one alone: BenchmarkEndShowsRows).
func (r *results) SelectRow(i int, mod fyne.KeyModifier) {
	if i < 0 || i >= r.Len() {
		return
	}
	switch {
	case r.Listed():
	case mod&fyne.KeyModifierShift != 0 && !r.rowsRead(r.anchor, i):
		r.WhenListed(func() { r.SelectRow(i, mod) })
		return
	case r.ID(i) == 0:
		r.WhenRow(i, func() { r.SelectRow(i, mod) })
		return
	}
	id := r.ID(i)
	apply := func() {
		if i = r.RowOf(id); i < 0 {
			return // gone while the editor asked
		}
		switch {
		case mod&fyne.KeyModifierShift != 0:
			r.sel = r.rangeSel(r.anchor, i)
		case mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
			if r.sel[id] {
				delete(r.sel, id)
			} else {
				r.sel[id] = true
			}
			r.anchor = i
		default:
			r.sel = map[int64]bool{id: true}
			r.anchor = i
		}
		r.cursor, r.curID, r.away = i, id, 0
		r.selected(true)
	}
	if r.Guard != nil && id != r.curID {
		r.Guard(id, apply)
		return
	}
	apply()
}

// step moves the cursor by d rows alone (the reading view's next and
// previous); without a cursor it goes to the first row.
func (r *results) step(d int) {
	if r.Len() == 0 {
		return
	}
	if r.cursor < 0 {
		r.SelectRow(0, 0)
		return
	}
	r.SelectRow(max(0, min(r.cursor+d, r.Len()-1)), 0)
}

// rangeSel selects rows a to b (either order): by the listed ids, or
// before they are listed by the rows read (rowsRead).
func (r *results) rangeSel(a, b int) map[int64]bool {
	a, b = r.span(a, b)
	sel := make(map[int64]bool, b-a+1)
	if !r.Listed() {
		for k := a; k <= b; k++ {
			sel[r.ID(k)] = true
		}
		return sel
	}
	all := r.IDs()
	for k := a; k <= b; k++ {
		sel[all.At(k)] = true
	}
	return sel
}

// span orders a and b and keeps them within the result.
func (r *results) span(a, b int) (int, int) {
	if a > b {
		a, b = b, a
	}
	return max(0, a), min(b, r.Len()-1)
}

// rowsRead reports whether every row from a to b (either order) is in a
// page read, so that a range between them needs no listing of the ids: a
// Shift click a moment after a search, between rows on screen, applies at
// once.
func (r *results) rowsRead(a, b int) bool {
	a, b = r.span(a, b)
	for k := a; k <= b; k++ {
		if r.ID(k) == 0 {
			return false
		}
	}
	return true
}

// SelectAll selects every matching article (once they are listed).
func (r *results) SelectAll() {
	if !r.Listed() {
		r.WhenListed(r.SelectAll)
		return
	}
	r.sel = r.rangeSel(0, r.Len()-1)
	r.selected(false)
}

// clearSelection empties the selection (the cursor stays).
func (r *results) clearSelection() {
	r.sel = map[int64]bool{}
	r.selected(false)
}
