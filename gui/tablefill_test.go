package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	var sum float32
	for i := range tb.cols {
		sum += h.header(i).Size().Width + tb.padding
	}
	if tw := tb.grid.Size().Width; sum < tw-2*tb.padding-1 {
		t.Errorf("the columns take %.0f px of the table's %.0f", sum, tw)
	}
	wide := h.header(title).Size().Width
	if wide <= tb.all["title"].Width {
		t.Errorf("the title column stayed %.0f px wide", wide)
	}
	h.w.win.Resize(fyne.NewSize(1000, 700))
	h.settle()
	if got := h.header(title).Size().Width; got >= wide || got < tb.all["title"].Width {
		t.Errorf("in a narrower window the title column is %.0f px (was %.0f, its own width %.0f)", got, wide, tb.all["title"].Width)
	}
}

// TestSortArrowNeverHidesTheLabel: every default column, sorted either
// way, shows its whole title beside the arrow.
func TestSortArrowNeverHidesTheLabel(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.win.Resize(fyne.NewSize(3200, 900)) // every column in view
	h.settle()
	for i, c := range h.w.table.cols {
		for range 2 { // up, then down
			test.Tap(h.header(i))
			h.settle()
			hc := h.header(i)
			if !hc.arrow.Visible() {
				t.Fatalf("%s: no sort arrow", c.Key)
			}
			if hc.label.Cut() {
				t.Errorf("%s sorted: the header shows %q of %q", c.Key, hc.label.Shown(), c.Label)
			}
		}
	}
}
