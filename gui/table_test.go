package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

// newFakeTable shows n fake rows in a 900×600 window.
func newFakeTable(t *testing.T, n int) (*articleTable, func()) {
	t.Helper()
	test.NewTempApp(t)
	tk, q := testTasks()
	p := table.NewPager(fakeRows{n}, tk)
	tb := newArticleTable(newResults(p), []string{"title", "quality"}, nil)
	w := test.NewTempWindow(t, tb.view)
	w.Resize(fyne.NewSize(900, 600))
	p.Load(storage.ListOptions{}, 0, 50, false, func(err error) {
		if err != nil {
			t.Fatal(err)
		}
		tb.res.changed(loadKeep)
	})
	s := func() { settle(t, tk, q) }
	s()
	w.Canvas().Focus(tb.grid)
	return tb, s
}

func TestTableKeyboardLandsExactlyOnLastOf100000(t *testing.T) {
	const n = 100000
	tb, settle := newFakeTable(t, n)
	if tb.fit < 5 {
		t.Fatalf("only %d rows fit", tb.fit)
	}
	steps := []struct {
		name string
		do   func()
		row  int
	}{
		{"End", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, n - 1},
		{"Up", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) }, n - 2},
		{"Home", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome}) }, 0},
		{"PageDown", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) }, tb.fit - 1},
		{"Ctrl+End", func() {
			tb.grid.TypedShortcut(&desktopShortcutEnd)
		}, n - 1},
		{"Down at the end stays", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }, n - 1},
		{"PageUp", func() { tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp}) }, n - 1 - (tb.fit - 1)},
	}
	for _, s := range steps {
		s.do()
		settle()
		if tb.res.cursor != s.row {
			t.Fatalf("%s: cursor at %d, want %d", s.name, tb.res.cursor, s.row)
		}
		if !tb.res.sel[int64(s.row+1)] || len(tb.res.sel) != 1 {
			t.Fatalf("%s: selection %v, want only id %d", s.name, tb.res.sel, s.row+1)
		}
		if s.row < tb.top || s.row >= tb.top+tb.fit {
			t.Fatalf("%s: row %d not in window [%d,%d)", s.name, s.row, tb.top, tb.top+tb.fit)
		}
		cells := shownCells(tb, 0)
		want := fmt.Sprintf("Article %d", s.row+1)
		if got := cells[s.row-tb.top]; got != want {
			t.Fatalf("%s: cell at window row %d shows %q, want %q", s.name, s.row-tb.top, got, want)
		}
	}
	// The last row is drawn inside the grid, below the header.
	tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	settle()
	walk(tb.grid, func(o fyne.CanvasObject) {
		if c, ok := o.(*tableCell); ok && c.col == 0 && c.absRow() == n-1 {
			y := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Y -
				fyne.CurrentApp().Driver().AbsolutePositionForObject(tb.grid).Y
			if y < tb.rowH || y+c.Size().Height > tb.grid.Size().Height {
				t.Errorf("last row drawn at y=%v, outside the grid (height %v)", y, tb.grid.Size().Height)
			}
		}
	})
}

func TestTableWheelAndScrollBarStayExact(t *testing.T) {
	const n = 100000
	tb, settle := newFakeTable(t, n)
	cell := func() *tableCell {
		var c *tableCell
		walk(tb.grid, func(o fyne.CanvasObject) {
			if tc, ok := o.(*tableCell); ok && tc.row == 0 && tc.col == 0 {
				c = tc
			}
		})
		return c
	}
	// One wheel notch (25 px down) scrolls three rows.
	cell().wheel.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -25)})
	if tb.top != 3 {
		t.Fatalf("top %d after one notch, want 3", tb.top)
	}
	// Dragging the thumb to the very bottom shows the last rows exactly.
	bar := tb.bar
	bar.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(2, bar.Size().Height*2)},
		Dragged: fyne.NewDelta(0, bar.Size().Height*2)})
	bar.DragEnd()
	settle()
	if tb.top != n-tb.fit {
		t.Fatalf("top %d after dragging to the bottom, want %d", tb.top, n-tb.fit)
	}
	if got := shownCells(tb, 0)[tb.fit-1]; got != fmt.Sprintf("Article %d", n) {
		t.Fatalf("last shown row is %q", got)
	}
	// Tapping the track above the thumb pages up by a window.
	y, _ := bar.Thumb()
	bar.Tapped(&fyne.PointEvent{Position: fyne.NewPos(2, y-5)})
	if tb.top != n-2*tb.fit {
		t.Errorf("top %d after paging up, want %d", tb.top, n-2*tb.fit)
	}
	settle()
	if got := shownCells(tb, 0)[0]; got != fmt.Sprintf("Article %d", n-2*tb.fit+1) {
		t.Errorf("first shown row is %q", got)
	}
}

func TestShiftArrowsExtendTheSelection(t *testing.T) {
	tb, settle := newFakeTable(t, 1000)
	tb.res.selectRow(10, 0)
	tb.grid.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 3 {
		tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	tb.grid.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierShift | fyne.KeyModifierControl})
	tb.grid.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	settle()
	if got := len(tb.res.sel); got != 990 {
		t.Fatalf("%d selected after Shift+Down×3 and Shift+Ctrl+End, want 990", got)
	}
	tb.grid.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if got := len(tb.res.sel); got != 1 || !tb.res.sel[999] {
		t.Errorf("a plain Up should select row 998 alone: %d selected", got)
	}
}

// BenchmarkTableScroll measures one scroll step of the row window over
// 100,000 rows: moving top and redrawing every shown cell (pages cached).
func BenchmarkTableScroll(b *testing.B) {
	test.NewTempApp(b)
	tk, q := testTasks()
	p := table.NewPager(fakeRows{100000}, tk)
	tb := newArticleTable(newResults(p), table.DefaultColumns, nil)
	w := test.NewTempWindow(b, tb.view)
	w.Resize(fyne.NewSize(1200, 900))
	p.Load(storage.ListOptions{}, 0, 50, false, func(error) { tb.res.changed(loadKeep) })
	settle(b, tk, q)
	for top := 0; top < 2000; top += table.PageSize { // warm the page cache
		tb.setTop(top)
		settle(b, tk, q)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.setTop(i % 1800)
		i += 7
	}
}
