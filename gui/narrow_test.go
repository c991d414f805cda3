package gui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestJourneyNarrowWindowKeepsAUsableSearchBox: from 800×600 up, the search
// box keeps its minimum width, overlaps no toolbar button, and every shown
// button lies inside the window; the facets show their names whole.
func TestJourneyNarrowWindowKeepsAUsableSearchBox(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 900, Height: 600}, {Width: 1600, Height: 1000}, {Width: 3840, Height: 2160}} {
		t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
			h := newHarness(t, sampleArts)
			h.w.win.Resize(size)
			h.settle()
			drv := fyne.CurrentApp().Driver()
			if got := h.w.win.Canvas().Size(); got.Width > size.Width+1 {
				t.Fatalf("the window grew to %v (content min %v)", got, h.w.win.Content().MinSize())
			}
			e := h.w.search.entry
			ePos := drv.AbsolutePositionForObject(e)
			if e.Size().Width < searchMinWidth || !e.Visible() {
				t.Errorf("search box %.0f px wide, want at least %.0f", e.Size().Width, searchMinWidth)
			}
			for _, b := range h.w.tools.buttons() {
				if !b.Visible() {
					continue
				}
				p := drv.AbsolutePositionForObject(h.w.tools.objectOf(b))
				if p.X+b.Size().Width > size.Width+1 || p.X < 0 {
					t.Errorf("button %q at %.0f..%.0f, outside the %.0f px window", b.Text, p.X, p.X+b.Size().Width, size.Width)
				}
				if p.X < ePos.X+e.Size().Width && ePos.X < p.X+b.Size().Width {
					t.Errorf("button %q (%.0f..%.0f) overlaps the search box (%.0f..%.0f)", b.Text, p.X, p.X+b.Size().Width, ePos.X, ePos.X+e.Size().Width)
				}
			}
			// Ctrl+F puts the typing into the visible box.
			h.w.menus.focusSearch()
			if h.w.win.Canvas().Focused() != e {
				t.Error("Ctrl+F did not focus the search box")
			}
			// The sidebar shows a topic as long as "Neuroscience" whole.
			h.w.facets.list.ScrollToTop()
			var header *facetItem
			walk(h.w.facets.list, func(o fyne.CanvasObject) {
				if it, ok := o.(*facetItem); ok && it.label.Text == "Topics" {
					header = it
				}
			})
			if header == nil {
				t.Fatal("no Topics header in the sidebar")
			}
			bold := widget.NewLabel("Topics")
			bold.TextStyle.Bold = true
			need := max(bold.MinSize().Width, widget.NewLabel("Neuroscience").MinSize().Width)
			if header.label.Size().Width < need {
				t.Errorf("the sidebar's labels are %.0f px wide, “Neuroscience” needs %.0f", header.label.Size().Width, need)
			}
		})
	}
}

// TestToolbarMovesButtonsIntoMore: when even icons do not leave the search
// box its width, the least used buttons move into the More menu, which
// offers exactly them.
func TestToolbarMovesButtonsIntoMore(t *testing.T) {
	h := newHarness(t, sampleArts)
	tb := h.w.tools
	var l *toolbarLayout
	walk(tb.view, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			if tl, ok := c.Layout.(*toolbarLayout); ok {
				l = tl
			}
		}
	})
	if l == nil {
		t.Fatal("no toolbar layout")
	}
	l.fit(560)
	if !l.compact || !tb.moreBtn.Visible() {
		t.Fatalf("at 560 px: compact %v, More shown %v", l.compact, tb.moreBtn.Visible())
	}
	if got := l.sidesWidth() + searchMinWidth; got > 560 {
		t.Errorf("the buttons and the search box need %.0f px of 560", got)
	}
	var hidden []string
	for _, it := range tb.tools {
		if !it.btn.Visible() {
			hidden = append(hidden, it.menu().Label)
		}
	}
	if len(hidden) == 0 {
		t.Fatal("no button moved into More")
	}
	test.Tap(tb.moreBtn)
	got := menuText(h.w.win.Canvas())
	for _, label := range hidden {
		if !strings.Contains(got, label) {
			t.Errorf("More offers %q, lacks %q", got, label)
		}
	}
	l.fit(1600)
	if l.compact || tb.moreBtn.Visible() || !tb.imagesBtn.Visible() || tb.imagesBtn.Text != "Images" {
		t.Errorf("at 1600 px: compact %v, More %v, Images %v %q", l.compact, tb.moreBtn.Visible(), tb.imagesBtn.Visible(), tb.imagesBtn.Text)
	}
}
