package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/seedarchive/seedarchive/gui/table"
)

// TestTitleColumnTakesTheRemainingWidth: in a wide window the title column
// grows so that the columns fill the table; in a narrow one it keeps its
// own width (and the table scrolls sideways).
func TestTitleColumnTakesTheRemainingWidth(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.win.Resize(fyne.NewSize(2400, 1000))
	h.settle()
	tb := h.w.table
	title := h.col("title")
	pad := tb.Grid().Theme().Size(theme.SizeNamePadding)
	own := table.ColumnsByKey(table.AllColumns())["title"].Width
	var sum float32
	for i := range tb.ColumnKeys() {
		sum += h.header(i).Size().Width + pad
	}
	if tw := tb.Grid().Size().Width; sum < tw-2*pad-1 {
		t.Errorf("the columns take %.0f px of the table's %.0f", sum, tw)
	}
	wide := h.header(title).Size().Width
	if wide <= own {
		t.Errorf("the title column stayed %.0f px wide", wide)
	}
	h.w.win.Resize(fyne.NewSize(1000, 700))
	h.settle()
	if got := h.header(title).Size().Width; got >= wide || got < own {
		t.Errorf("in a narrower window the title column is %.0f px (was %.0f, its own width %.0f)", got, wide, own)
	}
}

// TestSortArrowNeverHidesTheLabel: every default column, sorted either
// way, shows its whole title beside the arrow.
func TestSortArrowNeverHidesTheLabel(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.win.Resize(fyne.NewSize(3200, 900)) // every column in view
	h.settle()
	cols := table.ColumnsByKey(table.AllColumns())
	for i, key := range h.w.table.ColumnKeys() {
		for range 2 { // up, then down
			test.Tap(h.header(i))
			h.settle()
			hc := h.header(i)
			if hc.Arrow() == 0 {
				t.Fatalf("%s: no sort arrow", key)
			}
			if hc.Label().Cut() {
				t.Errorf("%s sorted: the header shows %q of %q", key, hc.Label().Shown(), cols[key].Label)
			}
		}
	}
}

// TestSortArrowRoomFollowsTheSort: only the sorted column widens for its
// arrow; sorting by another gives the room back, and neither width is
// remembered as one the user chose. A width the user drags is.
func TestSortArrowRoomFollowsTheSort(t *testing.T) {
	h := newHarness(t, sampleArts)
	tb := h.w.table
	q, p := h.col("quality"), h.col("provider.name")
	plain := h.header(q).Size().Width
	test.Tap(h.header(q))
	h.settle()
	sorted := h.header(q).Size().Width
	if sorted <= plain {
		t.Fatalf("sorted by quality its column stays %.0f px (unsorted %.0f)", sorted, plain)
	}
	test.Tap(h.header(p))
	h.settle()
	if got := h.header(q).Size().Width; got != plain {
		t.Errorf("sorted by provider the quality column is %.0f px, want %.0f back", got, plain)
	}
	if w := tb.Widths(); len(w) != 0 {
		t.Errorf("widths remembered as the user's: %v", w)
	}
	tb.Grid().SetColumnWidth(q, 150) // what a drag on the header's edge does
	h.settle()
	if got := tb.Widths()["quality"]; got != 150 {
		t.Errorf("the dragged quality column is remembered as %.0f px, want 150", got)
	}
}
