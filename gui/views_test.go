package gui

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

func TestSetsAddRemoveSaveSearchAndUndo(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(0, 0, 0)
	h.click(2, 0, fyne.KeyModifierControl)
	ids := h.w.res.selectedIDs()
	h.w.bulk.addToSet(ids, "Reading list")
	h.settle()
	members := func() []int64 {
		got, err := h.arc.IDs(context.Background(), storage.ListOptions{Query: query.Term("set", "Reading list")})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := members(); !slices.Equal(got, ids) {
		t.Fatalf("set members %v, want %v", got, ids)
	}
	// The sidebar lists the set; clicking it filters.
	tapFacet(t, h.w.facets, facetRowOf(t, h.w.facets, "set", "Reading list"))
	h.settle()
	if got := h.w.search.text(); got != `set:"Reading list"` {
		t.Fatalf("query %q", got)
	}
	if got := len(h.titles()); got != 2 {
		t.Fatalf("%d rows in the set", got)
	}
	// Undo removes the new set again.
	h.w.search.setText("")
	h.settle()
	h.w.menus.undoAction()
	h.settle()
	sets, _ := h.arc.Sets(context.Background())
	if len(sets) != 0 {
		t.Errorf("sets after undo: %v", sets)
	}

	// A saved search is a smart set.
	h.w.search.setText("topic:AI")
	h.settle()
	h.w.bulk.saveSearchAsSet()
	test.Type(h.w.win.Canvas().Focused(), "AI articles")
	test.Tap(h.overlayButton("Save"))
	h.settle()
	sets, _ = h.arc.Sets(context.Background())
	if len(sets) != 1 || sets[0].Name != "AI articles" || sets[0].Query != "topic:AI" {
		t.Fatalf("sets %+v", sets)
	}
	row := facetRowOf(t, h.w.facets, "set", "AI articles")
	if !h.w.facets.sections[h.w.facets.rows[row].sec].smart["AI articles"] {
		t.Error("the saved search is not marked smart")
	}
}

func TestGalleryAndReadingFollowTheTable(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.content.setView(viewGallery)
	h.settle()
	if h.w.content.box.Objects[0] != h.w.gallery.grid {
		t.Fatal("gallery not shown")
	}
	titles := map[string]bool{}
	walk(h.w.gallery.grid, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 3 {
			if lb, ok := c.Objects[0].(*widget.Label); ok {
				titles[lb.Text] = true
			}
		}
	})
	if !titles[sampleArts[0].title] || !titles[sampleArts[4].title] {
		t.Errorf("gallery cards %v", titles)
	}
	h.w.gallery.grid.OnSelected(3)
	h.settle()
	if got := h.w.res.cursorID(); got != h.w.res.ID(3) {
		t.Fatalf("selecting a card focused %d", got)
	}

	shown := make(chan int64, 8)
	h.w.content.setView(viewReading)
	h.w.reader.r.OnShown = func(id int64) { shown <- id }
	h.w.reader.follow()
	h.waitLoaded(shown, h.w.res.ID(3))
	h.w.reader.r.OnNext()
	h.waitLoaded(shown, h.w.res.ID(4))
	if got := h.w.res.cursor; got != 4 {
		t.Errorf("next moved the cursor to %d", got)
	}
}

// TestGalleryWheelScrollsThreeLines: one wheel notch over a card moves the
// gallery widgets.WheelStep, as it moves the editor, not Fyne's 25 px.
func TestGalleryWheelScrollsThreeLines(t *testing.T) {
	var arts []art
	for i := 0; i < 60; i++ {
		arts = append(arts, art{fmt.Sprintf("Article %d", i), "Phys Org", "science", nil, 50, true})
	}
	h := newHarness(t, arts)
	h.w.content.setView(viewGallery)
	h.settle()
	g := h.w.gallery.grid
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(g).Add(fyne.NewPos(60, 60))
	test.Scroll(h.w.win.Canvas(), pos, 0, -25)
	if got := g.GetScrollOffset(); got != widgets.WheelStep {
		t.Fatalf("one notch scrolled the gallery %.0f px, want %.0f", got, widgets.WheelStep)
	}
	test.TapCanvas(h.w.win.Canvas(), pos) // a tap still reaches the card below
	h.settle()
	if h.w.res.cursor < 0 {
		t.Error("a tap over the wheel catcher selected no card")
	}
}
