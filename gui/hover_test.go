package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/table"
)

func TestHoverShowsTheFullTextOfACutCell(t *testing.T) {
	long := art{"A very long title that the narrow column cannot show in one piece", "Nature", "science", nil, 50, true}
	h := newHarness(t, []art{long, sampleArts[3]})
	title := h.col("title")
	h.w.table.Grid().SetColumnWidth(title, 160)
	h.w.table.Grid().Refresh()
	h.settle()
	c := h.w.win.Canvas()
	drv := fyne.CurrentApp().Driver()
	at := func(cell *table.Cell) fyne.Position {
		return drv.AbsolutePositionForObject(cell).Add(fyne.NewPos(20, cell.Size().Height/2))
	}
	cut := h.cell(0, title)
	if _, truncated := cut.TipText(); !truncated {
		t.Fatalf("%q fits %v: the test needs a cut cell", cut.Label().Text(), cut.Size())
	}

	test.MoveMouse(c, at(cut))
	if _, shown := h.w.tip.Visible(); shown {
		t.Fatal("the tip shows before the delay")
	}
	h.settle() // runs the delayed show
	text, shown := h.w.tip.Visible()
	if !shown || text != long.title {
		t.Fatalf("tip shown %v with %q", shown, text)
	}
	// Under the cell, inside the window, and not over the pointer.
	tipPos := drv.AbsolutePositionForObject(h.w.tip.Panel())
	cellPos := drv.AbsolutePositionForObject(cut)
	if tipPos.Y < cellPos.Y+cut.Size().Height || tipPos.X < 0 || h.w.tip.Panel().Size().Width > table.HoverTipWidth {
		t.Errorf("tip at %v size %v; cell at %v size %v", tipPos, h.w.tip.Panel().Size(), cellPos, cut.Size())
	}
	// The tip replaces the status bar's faint copy of the hovered text.
	if h.w.status.hint.Text == long.title {
		t.Errorf("the status bar shows the hovered cell's text %q", h.w.status.hint.Text)
	}

	// Leaving the cell for one that shows all its text hides it for good.
	short := h.cell(1, h.col("provider.name"))
	test.MoveMouse(c, at(short))
	if _, shown := h.w.tip.Visible(); shown {
		t.Fatal("the tip stays after the pointer left")
	}
	h.settle()
	if _, shown := h.w.tip.Visible(); shown {
		t.Fatal("a cell that shows all its text got a tip")
	}

	// Passing over a cut cell without resting shows nothing.
	test.MoveMouse(c, at(cut))
	test.MoveMouse(c, at(short))
	h.settle()
	if _, shown := h.w.tip.Visible(); shown {
		t.Fatal("the tip showed after the pointer moved on")
	}

	// A press hides it.
	test.MoveMouse(c, at(cut))
	h.settle()
	if _, shown := h.w.tip.Visible(); !shown {
		t.Fatal("no tip the second time")
	}
	h.click(0, title, 0)
	if _, shown := h.w.tip.Visible(); shown {
		t.Fatal("the tip stays after a click")
	}
}
