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
func newFakeTable(t *testing.T, n int) (*results, *table.Table, func()) {
	t.Helper()
	test.NewTempApp(t)
	tk, q := testTasks()
	p := table.NewPager(fakeRows{N: n}, tk)
	res, tb := newTestTable(p, []string{"title", "quality"})
	w := test.NewTempWindow(t, tb.View())
	w.Resize(fyne.NewSize(900, 600))
	p.Load(storage.ListOptions{}, 0, 50, false, func(err error) {
		if err != nil {
			t.Fatal(err)
		}
		res.changed(loadKeep)
	})
	s := func() { settle(t, tk, q) }
	s()
	w.Canvas().Focus(tb.Grid())
	return res, tb, s
}

func TestTableKeyboardLandsExactlyOnLastOf100000(t *testing.T) {
	const n = 100000
	res, tb, settle := newFakeTable(t, n)
	if tb.Fit() < 5 {
		t.Fatalf("only %d rows fit", tb.Fit())
	}
	steps := []struct {
		name string
		do   func()
		row  int
	}{
		{"End", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }, n - 1},
		{"Up", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp}) }, n - 2},
		{"Home", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome}) }, 0},
		{"PageDown", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown}) }, tb.Fit() - 1},
		{"Ctrl+End", func() {
			tb.Grid().TypedShortcut(&desktopShortcutEnd)
		}, n - 1},
		{"Down at the end stays", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }, n - 1},
		{"PageUp", func() { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageUp}) }, n - 1 - (tb.Fit() - 1)},
	}
	for _, s := range steps {
		s.do()
		settle()
		if res.cursor != s.row {
			t.Fatalf("%s: cursor at %d, want %d", s.name, res.cursor, s.row)
		}
		if !res.sel[int64(s.row+1)] || len(res.sel) != 1 {
			t.Fatalf("%s: selection %v, want only id %d", s.name, res.sel, s.row+1)
		}
		if s.row < tb.Top() || s.row >= tb.Top()+tb.Fit() {
			t.Fatalf("%s: row %d not in window [%d,%d)", s.name, s.row, tb.Top(), tb.Top()+tb.Fit())
		}
		cells := shownCells(tb, 0)
		want := fmt.Sprintf("Article %d", s.row+1)
		if got := cells[s.row-tb.Top()]; got != want {
			t.Fatalf("%s: cell at window row %d shows %q, want %q", s.name, s.row-tb.Top(), got, want)
		}
	}
	// The last row is drawn inside the grid, below the header.
	tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	settle()
	walk(tb.Grid(), func(o fyne.CanvasObject) {
		c, ok := o.(*table.Cell)
		if !ok {
			return
		}
		if r, col := c.At(); ok && col == 0 && tb.Top()+r == n-1 {
			y := fyne.CurrentApp().Driver().AbsolutePositionForObject(c).Y -
				fyne.CurrentApp().Driver().AbsolutePositionForObject(tb.Grid()).Y
			if y < c.Size().Height || y+c.Size().Height > tb.Grid().Size().Height { // below the header, a row high
				t.Errorf("last row drawn at y=%v, outside the grid (height %v)", y, tb.Grid().Size().Height)
			}
		}
	})
}

func TestTableWheelAndScrollBarStayExact(t *testing.T) {
	const n = 100000
	_, tb, settle := newFakeTable(t, n)
	cell := func() *table.Cell {
		var c *table.Cell
		walk(tb.Grid(), func(o fyne.CanvasObject) {
			if tc, ok := o.(*table.Cell); ok {
				if r, col := tc.At(); r == 0 && col == 0 {
					c = tc
				}
			}
		})
		return c
	}
	// One wheel notch (25 px down) scrolls three rows.
	var wheel fyne.Scrollable // the cell's: it takes the wheel over the cell
	walk(cell(), func(o fyne.CanvasObject) {
		if s, ok := o.(fyne.Scrollable); ok {
			wheel = s
		}
	})
	wheel.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -25)})
	if tb.Top() != 3 {
		t.Fatalf("top %d after one notch, want 3", tb.Top())
	}
	// Dragging the thumb to the very bottom shows the last rows exactly.
	var bar *table.ScrollBar
	walk(tb.View(), func(o fyne.CanvasObject) {
		if b, ok := o.(*table.ScrollBar); ok {
			bar = b
		}
	})
	bar.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(2, bar.Size().Height*2)},
		Dragged: fyne.NewDelta(0, bar.Size().Height*2)})
	bar.DragEnd()
	settle()
	if tb.Top() != n-tb.Fit() {
		t.Fatalf("top %d after dragging to the bottom, want %d", tb.Top(), n-tb.Fit())
	}
	if got := shownCells(tb, 0)[tb.Fit()-1]; got != fmt.Sprintf("Article %d", n) {
		t.Fatalf("last shown row is %q", got)
	}
	// Tapping the track above the thumb pages up by a window.
	y, _ := bar.Thumb()
	bar.Tapped(&fyne.PointEvent{Position: fyne.NewPos(2, y-5)})
	if tb.Top() != n-2*tb.Fit() {
		t.Errorf("top %d after paging up, want %d", tb.Top(), n-2*tb.Fit())
	}
	settle()
	if got := shownCells(tb, 0)[0]; got != fmt.Sprintf("Article %d", n-2*tb.Fit()+1) {
		t.Errorf("first shown row is %q", got)
	}
}

func TestShiftArrowsExtendTheSelection(t *testing.T) {
	res, tb, settle := newFakeTable(t, 1000)
	res.SelectRow(10, 0)
	tb.Grid().KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for range 3 {
		tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	tb.Grid().TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierShift | fyne.KeyModifierControl})
	tb.Grid().KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	settle()
	if got := len(res.sel); got != 990 {
		t.Fatalf("%d selected after Shift+Down×3 and Shift+Ctrl+End, want 990", got)
	}
	tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if got := len(res.sel); got != 1 || !res.sel[999] {
		t.Errorf("a plain Up should select row 998 alone: %d selected", got)
	}
}

// BenchmarkTableScroll measures one scroll step of the row window over
// 100,000 rows: moving top and redrawing every shown cell (pages cached).
func BenchmarkTableScroll(b *testing.B) {
	test.NewTempApp(b)
	tk, q := testTasks()
	p := table.NewPager(fakeRows{N: 100000}, tk)
	res, tb := newTestTable(p, table.DefaultColumns)
	w := test.NewTempWindow(b, tb.View())
	w.Resize(fyne.NewSize(1200, 900))
	p.Load(storage.ListOptions{}, 0, 50, false, func(error) { res.changed(loadKeep) })
	settle(b, tk, q)
	for top := 0; top < 2000; top += table.PageSize { // warm the page cache
		tb.SetTop(top)
		settle(b, tk, q)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tb.SetTop(i % 1800)
		i += 7
	}
}
