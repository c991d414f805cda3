package gui

import (
	"cmp"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// forget drops the selection and scrolls to the top (another archive).
func (t *articleTable) forget() {
	t.sel = map[int64]bool{}
	t.cursor, t.curID, t.away, t.anchor, t.top = -1, 0, 0, 0, 0
	t.edit.cancel()
}

// focusID moves the cursor to an article (after a reload or a new article).
func (t *articleTable) focusID(id int64) bool {
	i := t.pager.rowOf(id)
	if i < 0 {
		return false
	}
	t.cursor, t.anchor, t.curID, t.away = i, i, id, 0
	t.sel = map[int64]bool{id: true}
	t.ensureVisible(i)
	t.grid.Refresh()
	return true
}

// cursorID is the focused article, 0 when none.
func (t *articleTable) cursorID() int64 { return t.curID }

// selectedIDs lists the selection in table order.
func (t *articleTable) selectedIDs() []int64 {
	if len(t.sel) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(t.sel))
	if !t.pager.listed() {
		// A moment after a new search: rows read so far first, in order.
		for id := range t.sel {
			ids = append(ids, id)
		}
		rowOf := func(id int64) int {
			if i := t.pager.rowOf(id); i >= 0 {
				return i
			}
			return math.MaxInt
		}
		slices.SortFunc(ids, func(a, b int64) int {
			return cmp.Or(cmp.Compare(rowOf(a), rowOf(b)), cmp.Compare(a, b))
		})
		return ids
	}
	for _, id := range t.pager.allIDs() {
		if t.sel[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// selectRow changes the selection as a click (or a key) on row i does:
// plain selects it alone, Ctrl toggles it, Shift selects the range from the
// anchor. The change waits for Guard when the focused article changes, and
// for the ids of a new search result to be listed.
func (t *articleTable) selectRow(i int, mod fyne.KeyModifier) {
	if i < 0 || i >= t.pager.len() {
		return
	}
	if !t.pager.listed() {
		t.pager.whenListed(func() { t.selectRow(i, mod) })
		return
	}
	id := t.pager.id(i)
	apply := func() {
		if i = t.pager.rowOf(id); i < 0 {
			return // gone while the editor asked
		}
		switch {
		case mod&fyne.KeyModifierShift != 0:
			t.sel = t.rangeSel(t.anchor, i)
		case mod&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
			if t.sel[id] {
				delete(t.sel, id)
			} else {
				t.sel[id] = true
			}
			t.anchor = i
		default:
			t.sel = map[int64]bool{id: true}
			t.anchor = i
		}
		t.cursor, t.curID, t.away = i, id, 0
		t.ensureVisible(i)
		t.grid.Refresh()
		if t.OnSelect != nil {
			t.OnSelect()
		}
	}
	if t.Guard != nil && id != t.curID {
		t.Guard(id, apply)
		return
	}
	apply()
}

func (t *articleTable) rangeSel(a, b int) map[int64]bool {
	if a > b {
		a, b = b, a
	}
	a, b = max(0, a), min(b, t.pager.len()-1)
	sel := make(map[int64]bool, b-a+1)
	for _, id := range t.pager.allIDs()[a : b+1] {
		sel[id] = true
	}
	return sel
}

// selectAll selects every matching article (once they are listed).
func (t *articleTable) selectAll() {
	if !t.pager.listed() {
		t.pager.whenListed(t.selectAll)
		return
	}
	t.sel = t.rangeSel(0, t.pager.len()-1)
	t.grid.Refresh()
	if t.OnSelect != nil {
		t.OnSelect()
	}
}

// clearSelection empties the selection (the cursor stays).
func (t *articleTable) clearSelection() {
	t.sel = map[int64]bool{}
	t.grid.Refresh()
	if t.OnSelect != nil {
		t.OnSelect()
	}
}

// moveCursor moves the focused row by key; Shift extends the selection.
func (t *articleTable) moveCursor(to int) {
	n := t.pager.len()
	if n == 0 {
		return
	}
	to = max(0, min(to, n-1))
	var mod fyne.KeyModifier
	if t.shiftHeld() {
		mod = fyne.KeyModifierShift
	}
	t.selectRow(to, mod)
}

// moveColumn moves the focused column and scrolls it into view.
func (t *articleTable) moveColumn(to int) {
	t.ccol = max(0, min(to, len(t.cols)-1))
	if t.shown() > 0 && t.cursor >= t.top && t.cursor < t.top+t.fit {
		t.grid.ScrollTo(widget.TableCellID{Row: t.cursor - t.top, Col: t.ccol})
	}
	t.grid.Refresh()
}

// typedKey is the keyboard navigation of the focused table. A key pressed
// a moment after a new search waits for its ids (End means the last match,
// not the last row read so far).
func (t *articleTable) typedKey(ev *fyne.KeyEvent) {
	if !t.pager.listed() {
		t.pager.whenListed(func() { t.typedKey(ev) })
		return
	}
	cur := max(t.cursor, 0)
	switch ev.Name {
	case fyne.KeyDown:
		if t.cursor < 0 {
			t.moveCursor(0)
			return
		}
		t.moveCursor(cur + 1)
	case fyne.KeyUp:
		t.moveCursor(cur - 1)
	case fyne.KeyPageDown:
		t.moveCursor(cur + max(1, t.fit-1))
	case fyne.KeyPageUp:
		t.moveCursor(cur - max(1, t.fit-1))
	case fyne.KeyHome:
		t.moveCursor(0)
	case fyne.KeyEnd:
		t.moveCursor(t.pager.len() - 1)
	case fyne.KeyLeft:
		t.moveColumn(t.ccol - 1)
	case fyne.KeyRight:
		t.moveColumn(t.ccol + 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if t.cursor >= 0 {
			t.startEdit(t.cursor, t.ccol)
		}
	case fyne.KeySpace:
		if t.cursor >= 0 {
			t.selectRow(t.cursor, fyne.KeyModifierControl)
		}
	case fyne.KeyDelete:
		if t.OnDelete != nil && len(t.sel) > 0 {
			t.OnDelete()
		}
	}
}

// shiftHeld reports whether Shift is down, from the driver when it knows.
func (t *articleTable) shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(interface{ CurrentKeyModifiers() fyne.KeyModifier }); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 || t.shift
	}
	return t.shift
}

// startEdit edits the cell of row i, column c in place if its field allows.
func (t *articleTable) startEdit(i, c int) {
	if c < 0 || c >= len(t.cols) || t.cols[c].edit == editNone {
		return
	}
	r := t.pager.row(i)
	if r == nil {
		return
	}
	col := t.cols[c]
	if col.edit == editBool {
		t.save(r.ID, col.key, !(r.Published.Valid && r.Published.Bool), nil)
		return
	}
	t.ensureVisible(i)
	t.edit.open(i, c, r.ID, col, col.value(r))
}

// save hands an edited value to OnEdit.
func (t *articleTable) save(id int64, field string, value any, done func(error)) {
	if t.OnEdit == nil {
		return
	}
	t.OnEdit(id, field, value, func(err error) {
		if done != nil {
			done(err)
		}
	})
}
