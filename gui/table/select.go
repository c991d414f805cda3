package table

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// moveCursor moves the focused row by key; Shift extends the selection.
func (t *Table) moveCursor(to int) {
	n := t.res.Len()
	if n == 0 {
		return
	}
	to = max(0, min(to, n-1))
	var mod fyne.KeyModifier
	if t.shiftHeld() {
		mod = fyne.KeyModifierShift
	}
	t.res.SelectRow(to, mod)
}

// moveColumn moves the focused column and scrolls it into view.
func (t *Table) moveColumn(to int) {
	t.ccol = max(0, min(to, len(t.cols)-1))
	if c := t.res.Cursor(); t.Shown() > 0 && c >= t.top && c < t.top+t.fit {
		t.grid.ScrollTo(widget.TableCellID{Row: c - t.top, Col: t.ccol})
	}
	t.grid.Refresh()
}

// jumpEarly moves the cursor to the first (Home) or last (End) match a
// moment after a new search, before its ids are listed, and reports whether
// it did: End waits for the count (End means the last match, not the last
// row read so far), then for the last page, read backwards from the end,
// rather than for the listing of every match's id, which grows with the
// matches (BenchmarkEndShowsRows in package gui). A Shift range needs the
// ids between its ends: it waits for them.
func (t *Table) jumpEarly(key fyne.KeyName) bool {
	if t.res.Listed() || t.shiftHeld() || key != fyne.KeyHome && key != fyne.KeyEnd {
		return false
	}
	t.res.WhenCounted(func() {
		if key == fyne.KeyHome {
			t.moveCursor(0)
		} else {
			t.moveCursor(t.res.Len() - 1)
		}
	})
	return true
}

// typedKey is the keyboard navigation of the focused table. A key pressed
// a moment after a new search waits for its ids (End means the last match,
// not the last row read so far), except a plain Home or End (jumpEarly).
func (t *Table) typedKey(ev *fyne.KeyEvent) {
	if t.jumpEarly(ev.Name) {
		return
	}
	if !t.res.Listed() {
		t.res.WhenListed(func() { t.typedKey(ev) })
		return
	}
	cursor := t.res.Cursor()
	cur := max(cursor, 0)
	switch ev.Name {
	case fyne.KeyDown:
		if cursor < 0 {
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
		t.moveCursor(t.res.Len() - 1)
	case fyne.KeyLeft:
		t.moveColumn(t.ccol - 1)
	case fyne.KeyRight:
		t.moveColumn(t.ccol + 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if cursor >= 0 {
			t.startEdit(cursor, t.ccol)
		}
	case fyne.KeySpace:
		if cursor >= 0 {
			t.res.SelectRow(cursor, fyne.KeyModifierControl)
		}
	case fyne.KeyDelete:
		if t.OnDelete != nil && t.res.HasSelection() {
			t.OnDelete()
		}
	}
}

// shiftHeld reports whether Shift is down, from the driver when it knows.
func (t *Table) shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(interface{ CurrentKeyModifiers() fyne.KeyModifier }); ok {
		return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 || t.shift
	}
	return t.shift
}

// startEdit edits the cell of row i, column c in place if its field allows.
func (t *Table) startEdit(i, c int) {
	if c < 0 || c >= len(t.cols) || t.cols[c].Edit == EditNone {
		return
	}
	r := t.res.Row(i)
	if r == nil {
		return
	}
	col := t.cols[c]
	if col.Edit == EditBool {
		// No pop-up to show a refusal in: OnEditFailed tells it, and the
		// cell keeps showing the stored value (rows change only once a
		// save is stored).
		id := r.ID
		t.save(id, col.Key, !(r.Published.Valid && r.Published.Bool), func(err error) {
			if err != nil {
				t.editFailed(col.Label, id, err)
			}
		})
		return
	}
	t.ensureVisible(i)
	t.edit.open(i, c, r.ID, col, col.Value(r))
}

// editFailed tells OnEditFailed that the edit of the column labelled label
// of article id failed with err.
func (t *Table) editFailed(label string, id int64, err error) {
	if t.OnEditFailed != nil {
		t.OnEditFailed(fmt.Errorf("%s of #%d not changed: %w", label, id, err))
	}
}

// save hands an edited value to OnEdit.
func (t *Table) save(id int64, field string, value any, done func(error)) {
	if t.OnEdit == nil {
		return
	}
	t.OnEdit(id, field, value, func(err error) {
		if done != nil {
			done(err)
		}
	})
}
