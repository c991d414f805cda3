package editor

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/gui/internal/uitree"
	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// formCells lists the Fields tab's cells, top to bottom, and their tops in
// the scrolled content.
func formCells(h *harness) ([]*widgets.CullCell, []float32) {
	var cells []*widgets.CullCell
	var tops []float32
	var walk func(o fyne.CanvasObject, y float32)
	walk = func(o fyne.CanvasObject, y float32) {
		switch o := o.(type) {
		case *widgets.CullCell:
			cells, tops = append(cells, o), append(tops, y+o.Position().Y)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c, y+o.Position().Y)
			}
		}
	}
	walk(h.e.v.cull.Scroll().Content, -h.e.v.cull.Scroll().Content.Position().Y)
	if len(cells) < 10 {
		h.t.Fatalf("the form has %d cells", len(cells))
	}
	return cells, tops
}

// TestFormDrawsTheFieldsInView: browsing, the form draws the rows in view
// and leaves the ones far below (or above) undrawn.
func TestFormDrawsTheFieldsInView(t *testing.T) {
	h := newHarness(t)
	cells, _ := formCells(h)
	first, last := cells[0], cells[len(cells)-1]
	if first.Culled() || !last.Culled() {
		t.Fatalf("at the top: first row culled %v, last row culled %v", first.Culled(), last.Culled())
	}
	bottom := h.e.v.cull.Scroll().Content.MinSize().Height - h.e.v.cull.Scroll().Size().Height
	h.e.v.cull.ScrollToOffset(fyne.NewPos(0, bottom))
	if !first.Culled() || last.Culled() {
		t.Fatalf("at the bottom: first row culled %v, last row culled %v", first.Culled(), last.Culled())
	}
	doc, err := seedfile.Parse(h.text)
	if err != nil {
		t.Fatal(err)
	}
	next, err := h.store.Insert(context.Background(), "000/next.txt", doc)
	if err != nil {
		t.Fatal(err)
	}
	h.e.Load(next)
	h.settle()
	if first.Culled() || !last.Culled() {
		t.Fatalf("the next article: first row culled %v, last row culled %v", first.Culled(), last.Culled())
	}
}

// TestTabReachesEveryField: once a field has focus, the whole form is drawn
// and Tab walks to the last field, out of view at first, and shows it.
func TestTabReachesEveryField(t *testing.T) {
	h := newHarness(t)
	c := h.w.Canvas()
	c.Focus(h.field("category").sel)
	for range 200 {
		if c.Focused() == h.e.v.extra {
			break
		}
		c.FocusNext()
	}
	if c.Focused() != h.e.v.extra {
		t.Fatalf("Tab from the first field never reached the last one (stopped at %T)", c.Focused())
	}
	// Each field Tab reached was scrolled into view; the last is in view.
	d := fyne.CurrentApp().Driver()
	s := h.e.v.cull.Scroll()
	top := d.AbsolutePositionForObject(h.e.v.extra).Y - d.AbsolutePositionForObject(h.e.v.cull.Object()).Y
	if top < 0 || top+h.e.v.extra.Size().Height > s.Size().Height {
		t.Errorf("the last field, focused, is at %.0f–%.0f, out of the %.0f px view",
			top, top+h.e.v.extra.Size().Height, s.Size().Height)
	}
	// The same field focused again (the window refocused) does not scroll.
	h.e.v.cull.ScrollToTop()
	h.e.v.extra.FocusGained()
	if s.Offset.Y != 0 {
		t.Errorf("the field focused again scrolled the form to %.0f", s.Offset.Y)
	}
	cells, _ := formCells(h)
	for _, cell := range cells {
		if cell.Culled() {
			t.Fatal("a row is culled while a field has focus")
		}
	}
}

// TestSteppingCullsAgain: after an edit, focus moves out of the form (to
// the table) and the next article loads culled.
func TestSteppingCullsAgain(t *testing.T) {
	h := newHarness(t)
	cells, _ := formCells(h)
	last := cells[len(cells)-1]
	h.typeInto(h.field("title"), "!")
	h.e.Revert()
	if last.Culled() {
		t.Fatal("the last row is culled while the title has focus")
	}
	h.e.Load(h.id)
	h.settle()
	if last.Culled() {
		t.Fatal("an article loaded while editing culled the last row")
	}
	h.w.Canvas().Unfocus()
	h.e.Load(h.id)
	h.settle()
	if !last.Culled() {
		t.Fatal("an article loaded with the focus elsewhere drew the last row")
	}
}

// TestEveryKindOfInputDrawsTheForm: focus in any kind of input turns
// culling off. Each input is scrolled to first: a culled one cannot take
// focus.
func TestEveryKindOfInputDrawsTheForm(t *testing.T) {
	tests := []struct {
		name  string
		input func(h *harness) fyne.Focusable
	}{
		{"entry", func(h *harness) fyne.Focusable { return h.field("title").entry }},
		{"select entry", func(h *harness) fyne.Focusable { return h.field("category").sel }},
		{"check box", func(h *harness) fyne.Focusable { return h.field("published").check }},
		{"topic entry", func(h *harness) fyne.Focusable { return h.e.v.topics.EntryWidget() }},
		{"related article's field", func(h *harness) fyne.Focusable { return h.e.v.related.cards[1].fields["title"].entry }},
		{"other fields", func(h *harness) fyne.Focusable { return h.e.v.extra }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			in := tt.input(h)
			cells, tops := formCells(h)
			at := -1
			for i, c := range cells {
				if uitree.Holds(c.Content(), in.(fyne.CanvasObject)) {
					at = i
				}
			}
			if at < 0 {
				t.Fatalf("no cell holds the %s", tt.name)
			}
			h.e.v.cull.ScrollToOffset(fyne.NewPos(0, tops[at]))
			far := cells[0]
			if at < len(cells)/2 {
				far = cells[len(cells)-1]
			}
			if !far.Culled() {
				t.Fatal("the far row is drawn before any focus")
			}
			h.w.Canvas().Focus(in)
			if h.w.Canvas().Focused() != in {
				t.Fatalf("the %s did not take focus", tt.name)
			}
			if far.Culled() {
				t.Fatalf("the far row is culled with the %s focused", tt.name)
			}
		})
	}
}
