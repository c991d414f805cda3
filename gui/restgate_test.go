package gui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestRestGate(t *testing.T) {
	tk, q := testTasks()
	g := newRestGate(tk, 150*time.Millisecond)
	clock := time.Unix(1000, 0)
	g.now = func() time.Time { return clock }
	var ran []string
	call := func(name string, after time.Duration) {
		clock = clock.Add(after)
		g.run(func() { ran = append(ran, name) })
	}
	steps := []struct {
		name  string
		after time.Duration // since the previous call
		want  []string      // what ran at once
	}{
		{"first", 0, []string{"first"}},
		{"quick 1", 40 * time.Millisecond, []string{"first"}},
		{"quick 2", 40 * time.Millisecond, []string{"first"}},
		{"quick 3", 149 * time.Millisecond, []string{"first"}},
	}
	for _, s := range steps {
		call(s.name, s.after)
		if len(ran) != len(s.want) {
			t.Fatalf("after %q ran %v, want %v", s.name, ran, s.want)
		}
	}
	settle(t, tk, q) // the waiting call runs once the input rests
	if want := []string{"first", "quick 3"}; len(ran) != 2 || ran[1] != "quick 3" {
		t.Fatalf("after resting ran %v, want %v", ran, want)
	}
	call("after a rest", 150*time.Millisecond)
	if len(ran) != 3 || ran[2] != "after a rest" {
		t.Fatalf("a call after a rest ran %v, want it at once", ran)
	}
	call("quick again", 10*time.Millisecond)
	call("rested", 500*time.Millisecond) // replaces the waiting call and runs at once
	settle(t, tk, q)
	if len(ran) != 4 || ran[3] != "rested" {
		t.Fatalf("ran %v: the call that rested should replace the waiting one", ran)
	}
}

// TestHeldDownKeyShowsOnlyWhereItStops moves the table's focus down four
// rows faster than showRest: the editor loads the first article and the one
// the focus stops on, not the three passed on the way.
func TestHeldDownKeyShowsOnlyWhereItStops(t *testing.T) {
	h := newHarness(t, sampleArts)
	if len(h.ids) < 5 {
		t.Fatalf("%d sample articles", len(h.ids))
	}
	var loaded []int64
	h.w.onEditorLoaded = func(id int64) { loaded = append(loaded, id) }
	clock := time.Unix(1000, 0)
	h.w.showLater.now = func() time.Time { return clock }
	// The keys come 30 ms apart on the gate's clock; between them the UI
	// callbacks run for 100 ms of real time, enough for an article to load,
	// and the held-back article waits 1 s of real time, not 150 ms, so that
	// a slow machine does not let it through on the way.
	h.w.showLater.later.delay = time.Second
	h.click(0, 0, 0)
	first := h.w.res.cursorID()
	for range 4 {
		clock = clock.Add(30 * time.Millisecond)
		h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		runFor(h.q, 100*time.Millisecond)
	}
	h.settle()
	last := h.w.res.cursorID()
	if last == first || h.w.res.cursor != 4 {
		t.Fatalf("the focus is on row %d", h.w.res.cursor)
	}
	if len(loaded) != 2 || loaded[0] != first || loaded[1] != last {
		t.Errorf("the editor loaded %v, want [%d %d]", loaded, first, last)
	}
	if h.w.editor.ID() != last {
		t.Errorf("the editor shows %d, want %d", h.w.editor.ID(), last)
	}
	// After a rest, the next key shows its article at once.
	clock = clock.Add(time.Second)
	h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	h.settle()
	if want := h.w.res.cursorID(); h.w.editor.ID() != want || len(loaded) != 3 {
		t.Errorf("after a rest: the editor shows %d (loads %v), want %d", h.w.editor.ID(), loaded, want)
	}
}
