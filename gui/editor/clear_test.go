package editor

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/storage"
)

func TestPlaceholderGetsTheWidth(t *testing.T) {
	test.NewTempApp(t)
	a, _ := openArchive(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	e := New(a, w, nil)
	w.SetContent(e)
	w.Resize(fyne.NewSize(480, 700))
	m := e.v.message
	if m.Text != placeholder || !m.Visible() {
		t.Fatalf("message %q visible %v", m.Text, m.Visible())
	}
	// A centre container gave the wrapping label its minimum width: one
	// character per line, the text running down the pane.
	line := fyne.MeasureText("Select", m.Theme().Size("text"), m.TextStyle).Height
	if m.Size().Width < 300 || m.Size().Height > 3*line+4*m.Theme().Size("innerPadding") {
		t.Fatalf("message laid out %v (a line is %v high)", m.Size(), line)
	}
	if pos := m.Position(); pos.Y < 200 {
		t.Errorf("message at %v, not in the middle of the pane", pos)
	}
}

func TestClear(t *testing.T) {
	h := newHarness(t)
	h.typeInto(h.field("title"), " (draft)")
	if !h.e.Dirty() {
		t.Fatal("edit not recorded")
	}
	h.e.Clear()
	if h.e.ID() != 0 || h.e.Dirty() || h.e.CanUndo() || h.e.Text() != nil {
		t.Fatalf("after Clear: id %d dirty %v undo %v", h.e.ID(), h.e.Dirty(), h.e.CanUndo())
	}
	if !h.e.v.message.Visible() || h.e.v.message.Text != placeholder || h.e.v.content.Visible() {
		t.Fatalf("shows %q (content visible %v)", h.e.v.message.Text, h.e.v.content.Visible())
	}
	if len(h.e.v.images.box.Objects) != 0 {
		t.Error("thumbnails of the cleared article stay")
	}
	if want := []bool{true, false}; !slices.Equal(h.dirties, want) {
		t.Errorf("dirty changes %v, want %v", h.dirties, want)
	}
	// A load still running when Clear comes is dropped.
	h.e.Load(h.id)
	h.e.Clear()
	h.settle()
	if h.e.ID() != 0 || h.e.v.content.Visible() {
		t.Fatalf("a load finished after Clear shows article %d", h.e.ID())
	}
	// The editor loads again afterwards.
	h.e.Load(h.id)
	h.settle()
	if h.e.ID() != h.id || !h.e.v.content.Visible() || h.field("title").text() == "" {
		t.Fatal("no article after Clear and Load")
	}
}

// countingStore counts facet reads.
type countingStore struct {
	Store
	facets atomic.Int64
}

func (s *countingStore) Facet(ctx context.Context, facet, query string, limit int) ([]storage.FacetCount, error) {
	s.facets.Add(1)
	return s.Store.Facet(ctx, facet, query, limit)
}

func TestValuesReadOnceAndAfterWrites(t *testing.T) {
	h := newHarness(t)
	cs := &countingStore{Store: h.store}
	e := New(cs, h.w, nil)
	e.run.Do = h.q.Do
	h.e = e
	h.w.SetContent(e)
	reads := func() int64 { return cs.facets.Load() / int64(len(valueFacets)) }

	for range 3 {
		e.Load(h.id)
		h.settle()
	}
	if reads() != 1 {
		t.Fatalf("three loads read the values %d times, want once", reads())
	}
	cats, types, topics := e.Values()
	if !slices.Equal(cats, []string{"news"}) || !slices.Equal(types, []string{"article"}) ||
		!slices.Equal(topics, []string{"AI", "Machine Learning"}) {
		t.Fatalf("values %v %v %v", cats, types, topics)
	}
	if got := e.v.related.types; !slices.Equal(got, types) {
		t.Errorf("related types offer %v", got)
	}
	if got := e.v.topics.Suggestions(); !slices.Equal(got, topics) {
		t.Errorf("topic entry suggests %v", got)
	}

	// Saving a title keeps the cache; saving a new category refreshes it.
	h.typeInto(h.field("title"), " (revised)")
	e.Save()
	h.settle()
	if reads() != 1 {
		t.Fatalf("saving a title read the values again (%d reads)", reads())
	}
	h.setText(h.field("category"), "science")
	e.Save()
	h.settle()
	if cats, _, _ := e.Values(); reads() != 2 || !slices.Equal(cats, []string{"science"}) {
		t.Fatalf("after saving a category: %d reads, categories %v", reads(), cats)
	}

	// Refreshes asked for while one runs coalesce into one more read.
	e.RefreshValues()
	e.RefreshValues()
	e.RefreshValues()
	h.settle()
	if reads() != 4 {
		t.Errorf("three quick refreshes made %d reads, want 2", reads()-2)
	}
}
