package widgets

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/internal/uitree"
)

// cullForm is a culled form of n cells, each an entry 100 px tall, in a
// test window of the given size.
func cullForm(t *testing.T, n int, size fyne.Size) (*Culler, []*CullCell, []*widget.Entry, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	box := container.NewVBox()
	var cells []*CullCell
	var entries []*widget.Entry
	for i := range n {
		e := widget.NewEntry()
		e.SetText(fmt.Sprintf("field %d", i))
		tall := canvas.NewRectangle(nil)
		tall.SetMinSize(fyne.NewSize(10, 100))
		c := NewCullCell(container.NewStack(tall, container.NewVBox(e)))
		cells, entries = append(cells, c), append(entries, e)
		box.Add(c)
	}
	cu := NewCuller(box)
	w := test.NewWindow(cu.Object())
	t.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(size)
	return cu, cells, entries, w
}

// shown lists the indexes of the cells not culled.
func shown(cells []*CullCell) []int {
	var out []int
	for i, c := range cells {
		if !c.Culled() {
			out = append(out, i)
		}
	}
	return out
}

func TestCullerDrawsTheCellsInViewAndTheirNeighbours(t *testing.T) {
	cu, cells, _, w := cullForm(t, 30, fyne.NewSize(300, 350))
	step := cells[1].Position().Y - cells[0].Position().Y
	height := cu.Scroll().Content.MinSize().Height

	tests := []struct {
		name   string
		offset float32
		want   []int
	}{
		{"top", 0, []int{0, 1, 2, 3, 4}},
		{"middle", 10 * step, []int{9, 10, 11, 12, 13, 14}},
		{"bottom", height - 350, []int{25, 26, 27, 28, 29}},
		{"back to the top", 0, []int{0, 1, 2, 3, 4}},
	}
	for _, tt := range tests {
		cu.ScrollToOffset(fyne.NewPos(0, tt.offset))
		if got := shown(cells); !slices.Equal(got, tt.want) {
			t.Errorf("%s (offset %.0f of %.0f): cells drawn %v, want %v", tt.name, cu.Scroll().Offset.Y, height, got, tt.want)
		}
	}
	if got := cu.Scroll().Content.MinSize().Height; got != height {
		t.Errorf("content height %.0f while culled, %.0f before", got, height)
	}

	// A taller window draws more cells at once.
	cu.ScrollToTop()
	w.Resize(fyne.NewSize(300, 650))
	if got, want := shown(cells), []int{0, 1, 2, 3, 4, 5, 6, 7}; !slices.Equal(got, want) {
		t.Errorf("after growing the window: cells drawn %v, want %v", got, want)
	}
}

// TestCulledCellsAreNotDrawn checks what the canvas draws: a culled cell's
// entry is not in the tree Fyne paints.
func TestCulledCellsAreNotDrawn(t *testing.T) {
	_, cells, entries, w := cullForm(t, 30, fyne.NewSize(300, 350))
	drawn := map[fyne.CanvasObject]bool{}
	uitree.Walk(w.Content(), func(o fyne.CanvasObject) bool {
		drawn[o] = o.Visible()
		return o.Visible()
	})
	for i, e := range entries {
		if drawn[e] == cells[i].Culled() {
			t.Errorf("cell %d culled %v, its entry drawn %v", i, cells[i].Culled(), drawn[e])
		}
	}
	if !drawn[entries[0]] || drawn[entries[20]] {
		t.Errorf("entry 0 drawn %v, entry 20 drawn %v; want the first only", drawn[entries[0]], drawn[entries[20]])
	}
}

// TestCullingOffDrawsEveryCell: with culling off, Tab reaches every field,
// also those out of view; back on, it stops at the last cell drawn.
func TestCullingOffDrawsEveryCell(t *testing.T) {
	cu, cells, entries, w := cullForm(t, 12, fyne.NewSize(300, 350))
	tabTo := func(target *widget.Entry) bool {
		w.Canvas().Focus(entries[0])
		for range len(entries) {
			if w.Canvas().Focused() == target {
				return true
			}
			w.Canvas().FocusNext()
		}
		return w.Canvas().Focused() == target
	}
	if tabTo(entries[11]) {
		t.Errorf("Tab reached the last field while it was culled")
	}
	cu.SetEnabled(false)
	if got := shown(cells); len(got) != len(cells) {
		t.Errorf("culling off: cells drawn %v, want all %d", got, len(cells))
	}
	if !tabTo(entries[11]) {
		t.Errorf("culling off: Tab did not reach the last field")
	}
	w.Canvas().Unfocus()
	cu.ScrollToTop()
	cu.SetEnabled(true)
	if got, want := shown(cells), []int{0, 1, 2, 3, 4}; !slices.Equal(got, want) {
		t.Errorf("culling back on: cells drawn %v, want %v", got, want)
	}
}

// TestCellFollowsItsObject: a cell around a hidden object takes no room,
// so hiding a row inside a cell lays out as it did without cells.
func TestCellFollowsItsObject(t *testing.T) {
	test.NewTempApp(t)
	a, b := widget.NewLabel("a"), widget.NewLabel("b")
	box := container.NewVBox(NewCullCell(a), NewCullCell(b))
	plain := container.NewVBox(widget.NewLabel("a"))
	b.Hide()
	if got, want := box.MinSize(), plain.MinSize(); got != want {
		t.Errorf("box with a hidden row: min size %v, want %v as without it", got, want)
	}
	b.Show()
	if box.MinSize().Height <= plain.MinSize().Height {
		t.Errorf("box with both rows shown: min size %v, no taller than one row", box.MinSize())
	}
}

// TestRevealScrollsTheLeast: an entry below the view ends at its bottom,
// one above starts at its top, one in view does not move it.
func TestRevealScrollsTheLeast(t *testing.T) {
	cu, cells, entries, _ := cullForm(t, 30, fyne.NewSize(300, 350))
	d := fyne.CurrentApp().Driver()
	inView := func(o fyne.CanvasObject) (top, bottom float32) {
		top = d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(cu.Object()).Y
		return top, top + o.Size().Height
	}
	cu.SetEnabled(false) // so that every entry has a place on the canvas
	cu.Reveal(entries[10])
	if top, bottom := inView(entries[10]); top < 0 || bottom != cu.Scroll().Size().Height {
		t.Errorf("entry 10 below the view: revealed at %.0f–%.0f, want its bottom at the view's %.0f", top, bottom, cu.Scroll().Size().Height)
	}
	off := cu.Scroll().Offset.Y
	cu.Reveal(entries[9])
	if cu.Scroll().Offset.Y != off {
		t.Errorf("entry 9, in view, scrolled the form from %.0f to %.0f", off, cu.Scroll().Offset.Y)
	}
	cu.Reveal(entries[2])
	if top, _ := inView(entries[2]); top != 0 {
		t.Errorf("entry 2 above the view: revealed at %.0f, want 0", top)
	}
	cu.SetEnabled(true)
	if cells[2].Culled() || !cells[10].Culled() {
		t.Errorf("after revealing entry 2: cell 2 culled %v, cell 10 culled %v", cells[2].Culled(), cells[10].Culled())
	}
	// A culled cell is found through the containers, placed and drawn.
	cu.Reveal(cells[25])
	if top, bottom := inView(cells[25]); cells[25].Culled() || top < 0 || bottom != cu.Scroll().Size().Height {
		t.Errorf("culled cell 25: revealed at %.0f–%.0f (culled %v), want its bottom at the view's %.0f",
			top, bottom, cells[25].Culled(), cu.Scroll().Size().Height)
	}
}

// TestFindPlacesWithoutFyne: the culler places an object through containers
// and cells itself (Fyne places only what it has drawn, so not an object
// just added); what it cannot reach is not found.
func TestFindPlacesWithoutFyne(t *testing.T) {
	cu, cells, entries, _ := cullForm(t, 30, fyne.NewSize(300, 350))
	step := cells[1].Position().Y - cells[0].Position().Y
	for _, i := range []int{0, 7, 29} {
		top, ok := cu.find(entries[i])
		if !ok || top != cells[i].Position().Y+entries[i].Position().Y {
			t.Errorf("entry %d placed at %.0f (found %v), want %.0f", i, top, ok, float32(i)*step+entries[i].Position().Y)
		}
	}
	if _, ok := cu.find(widget.NewLabel("elsewhere")); ok {
		t.Error("found an object that is not in the form")
	}
}

// TestWheelScrollsThreeLines: one wheel notch (25 px from the desktop
// driver) scrolls the form by about three lines of text, as the table
// scrolls three rows, not by 25 px.
func TestWheelScrollsThreeLines(t *testing.T) {
	cu, _, _, _ := cullForm(t, 40, fyne.NewSize(300, 400))
	ev := &fyne.ScrollEvent{}
	ev.Scrolled = fyne.NewDelta(0, -25)
	cu.obj.Objects[0].(fyne.Scrollable).Scrolled(ev)
	if got := cu.Scroll().Offset.Y; got < WheelStep-1 {
		t.Errorf("one notch scrolled %.0f px, want %.0f", got, WheelStep)
	}
}
