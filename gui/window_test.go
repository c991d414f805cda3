package gui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

func TestWindowShowsArchive(t *testing.T) {
	h := newHarness(t, sampleArts)
	if got := len(h.titles()); got != len(sampleArts) {
		t.Fatalf("table shows %d rows, want %d", got, len(sampleArts))
	}
	if got := h.cell(0, h.col("title")).Label().Shown(); got != sampleArts[0].title {
		t.Errorf("first title cell %q, want %q", got, sampleArts[0].title)
	}
	if got := h.w.status.counts.Text; got != "5 of 5 articles" {
		t.Errorf("status %q", got)
	}
}

func TestTypingAQueryFiltersRows(t *testing.T) {
	h := newHarness(t, sampleArts)
	test.Type(h.w.search.entry, "quantum")
	h.settle()
	if got := h.titles(); !slices.Equal(got, []string{"Quantum computing milestone"}) {
		t.Fatalf("rows %q", got)
	}
	h.w.search.entry.SetText("")
	test.Type(h.w.search.entry, "topic:AI -category:news")
	h.settle()
	if got := h.titles(); !slices.Equal(got, []string{"Deep learning for proteins", "Robots in the kitchen"}) {
		t.Fatalf("rows %q", got)
	}
	if got := h.w.status.counts.Text; got != "2 of 5 articles" {
		t.Errorf("status %q", got)
	}
}

func TestMalformedQueryShowsMessageAndKeepsRows(t *testing.T) {
	h := newHarness(t, sampleArts)
	drv := fyne.CurrentApp().Driver()
	tablePos := drv.AbsolutePositionForObject(h.w.table.Grid())
	test.Type(h.w.search.entry, "quality:>")
	h.settle()
	if msg, shown := h.w.search.errorShown(); !shown || !strings.Contains(msg, "Column") {
		t.Fatalf("message %q shown=%v", msg, shown)
	}
	// The message floats under the box: nothing below it moves.
	if got := drv.AbsolutePositionForObject(h.w.table.Grid()); got != tablePos {
		t.Errorf("the table moved from %v to %v when the message showed", tablePos, got)
	}
	entry := drv.AbsolutePositionForObject(h.w.search.entry)
	if got := drv.AbsolutePositionForObject(h.w.search.panel); got.Y < entry.Y+h.w.search.entry.Size().Height {
		t.Errorf("message at %v, over the search box at %v", got, entry)
	}
	if len(h.w.win.Canvas().Overlays().List()) != 0 {
		t.Error("a malformed query opened a dialog")
	}
	if got := len(h.titles()); got != 5 {
		t.Errorf("rows changed to %d", got)
	}
	test.Type(h.w.search.entry, "50")
	h.settle()
	if msg, shown := h.w.search.errorShown(); shown {
		t.Errorf("message still shown: %q", msg)
	}
	if got := len(h.titles()); got != 3 {
		t.Errorf("quality:>50 shows %d rows, want 3", got)
	}
}

// facetRow finds the sidebar row of a value in a section.
func facetRowOf(t *testing.T, p *facetPanel, facet, value string) int {
	t.Helper()
	for i, r := range p.rows {
		s := p.sections[r.sec]
		if s.facet == facet && r.value >= 0 && s.values[r.value].Value == value {
			return i
		}
	}
	t.Fatalf("no %s facet row %q", facet, value)
	return -1
}

// tapFacet taps the sidebar's item widget showing row i.
func tapFacet(t *testing.T, p *facetPanel, i int) {
	t.Helper()
	var item *facetItem
	walk(p.list, func(o fyne.CanvasObject) {
		if it, ok := o.(*facetItem); ok && it.id == i {
			item = it
		}
	})
	if item == nil {
		t.Fatalf("facet row %d not shown", i)
	}
	test.Tap(item)
}

func TestFacetClickAddsTermAndFilters(t *testing.T) {
	h := newHarness(t, sampleArts)
	p := h.w.facets
	row := facetRowOf(t, p, "topic", "AI")
	if got := p.sections[p.rows[row].sec].values[p.rows[row].value].Count; got != 3 {
		t.Errorf("topic AI counts %d, want 3", got)
	}
	tapFacet(t, p, row)
	h.settle()
	if got := h.w.search.text(); got != "topic:AI" {
		t.Fatalf("query text %q, want topic:AI", got)
	}
	if got := len(h.titles()); got != 3 {
		t.Fatalf("%d rows, want 3", got)
	}
	// Counts follow the query: of the 3 AI articles, 1 is science.
	for i, r := range p.rows {
		if p.sections[r.sec].facet == "category" && r.value == rowHeader && !p.sections[r.sec].open {
			tapFacet(t, p, i) // open the section
		}
	}
	cat := facetRowOf(t, p, "category", "science")
	if got := p.sections[p.rows[cat].sec].values[p.rows[cat].value].Count; got != 1 {
		t.Errorf("category science counts %d within topic:AI, want 1", got)
	}
	tapFacet(t, p, facetRowOf(t, p, "published", "yes"))
	h.settle()
	if got := h.w.search.text(); got != "topic:AI published:yes" {
		t.Fatalf("query text %q", got)
	}
	if got := h.titles(); !slices.Equal(got, []string{"Deep learning for proteins"}) {
		t.Fatalf("rows %q", got)
	}
	tapFacet(t, p, facetRowOf(t, p, "topic", "AI"))
	h.settle()
	if got := h.w.search.text(); got != "published:yes" {
		t.Fatalf("second click left %q", got)
	}
	if got := len(h.titles()); got != 2 {
		t.Errorf("%d rows, want 2", got)
	}
}

func TestHeaderClickSortsAndReverses(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.menus.setColumns([]string{"title", "quality"})
	q := h.col("quality")
	test.Tap(h.header(q))
	h.settle()
	want := []string{"City council budget", "Neural networks explained", "Robots in the kitchen",
		"Quantum computing milestone", "Deep learning for proteins"}
	if got := h.titles(); !slices.Equal(got, want) {
		t.Fatalf("ascending: %q", got)
	}
	if hd := h.header(q); hd.Arrow() != 1 {
		t.Error("no up arrow on the sorted column")
	}
	if got := h.cell(0, q).Label().Shown(); got != "20" {
		t.Errorf("first quality cell %q", got)
	}
	test.Tap(h.header(q))
	h.settle()
	slices.Reverse(want)
	if got := h.titles(); !slices.Equal(got, want) {
		t.Fatalf("descending: %q", got)
	}
	if hd := h.header(q); hd.Arrow() != -1 {
		t.Error("no down arrow after the second click")
	}
	if got := h.w.prefs.String(prefSort); got != "-quality" {
		t.Errorf("sort remembered as %q", got)
	}
}

// TestUnsortableHeaderKeepsTheSort: a tap on the header of a column storage
// cannot sort by (an AMP URL, read from the text) leaves the order and its
// arrow as they were, and a window whose saved order is one of those (from
// an earlier version) starts in id order instead of failing every read.
func TestUnsortableHeaderKeepsTheSort(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.menus.setColumns([]string{"title", "quality", "ampWebUrl"})
	q, amp := h.col("quality"), h.col("ampWebUrl")
	test.Tap(h.header(q))
	h.settle()
	want := h.titles()
	test.Tap(h.header(amp))
	h.settle()
	if got := h.w.prefs.String(prefSort); got != "quality" {
		t.Errorf("sort %q after a tap on the AMP URL header, want quality", got)
	}
	if got := h.titles(); !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	if h.header(amp).Arrow() != 0 || h.header(q).Arrow() != 1 {
		t.Error("the arrow moved off the sorted column")
	}

	p := fyne.CurrentApp().Preferences()
	p.SetString(prefSort, "-cdnAmpWebUrl")
	w := newWindow(fyne.CurrentApp(), h.arc, h.tk)
	t.Cleanup(w.stopWatching)
	h.settle()
	if w.res.sort != "" {
		t.Errorf("a window over a saved AMP URL order sorts by %q, want id order", w.res.sort)
	}
	if got := w.res.Len(); got != len(sampleArts) {
		t.Errorf("%d rows shown, want %d", got, len(sampleArts))
	}
}

func TestFacetsCountOnceTheResultsStay(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.facetLater.delay = 80 * time.Millisecond
	seq := h.w.res.ShownSeq()
	h.w.search.setText("topic:AI")
	for h.w.res.ShownSeq() == seq {
		(<-h.q)()
	}
	if h.w.facets.query == "topic:AI" {
		t.Fatal("the sidebar counted as soon as the rows showed")
	}
	h.settle()
	if h.w.facets.query != "topic:AI" {
		t.Errorf("the sidebar counts follow %q, want topic:AI", h.w.facets.query)
	}
}

// idsGate holds back the listing of a result's ids until open is closed.
type idsGate struct {
	table.Source
	open chan struct{}
}

func (g idsGate) IDs(ctx context.Context, o storage.ListOptions) ([]int64, error) {
	<-g.open
	return g.Source.IDs(ctx, o)
}

// The sidebar counts a result once its ids are listed, not beside the
// listing: for a common prefix each would hold an FTS5 merge of the match.
func TestFacetsCountOnceTheIDsAreListed(t *testing.T) {
	arts := make([]art, table.PageSize+50) // more than a page: the ids are listed after the rows show
	for i := range arts {
		arts[i] = sampleArts[i%len(sampleArts)]
	}
	h := newHarness(t, arts)
	h.w.facetLater.delay = 10 * time.Millisecond
	gate := idsGate{Source: h.w.res.Source(), open: make(chan struct{})}
	h.w.res.SetSource(gate)
	opened := sync.OnceFunc(func() { close(gate.open) })
	t.Cleanup(opened) // before the harness settles, if the test stops early
	seq := h.w.res.ShownSeq()
	h.w.search.setText("body")
	drainUntil(t, h.q, func() bool { return h.w.res.ShownSeq() != seq })
	runFor(h.q, 20*h.w.facetLater.delay)
	if h.w.res.Listed() || h.w.facets.query == "body" {
		t.Fatalf("listed %v, the sidebar counts %q: it counted before the ids were listed", h.w.res.Listed(), h.w.facets.query)
	}
	opened()
	h.settle()
	if !h.w.res.Listed() || h.w.facets.query != "body" {
		t.Errorf("listed %v, the sidebar counts %q, want body", h.w.res.Listed(), h.w.facets.query)
	}
}

func TestQueryErrorWaitsForAPauseInTyping(t *testing.T) {
	h := newHarness(t, sampleArts)
	test.Type(h.w.search.entry, "quality:>")
	time.Sleep(3 * searchDelay) // the query ran (and failed to parse); errorDelay has not passed
	for len(h.q) > 0 {
		(<-h.q)()
	}
	if msg, shown := h.w.search.errorShown(); shown {
		t.Fatalf("message %q shown while typing", msg)
	}
	h.w.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, shown := h.w.search.errorShown(); !shown {
		t.Error("Enter did not show the message")
	}
	h.settle()
}

// Results follow each key, so a query typed on the way may leave the focused
// article out for a moment; it is focused again when it is back.
func TestFocusSurvivesAQueryTypedOnTheWay(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(1, 0, 0)
	id := h.w.res.cursorID()
	if id == 0 {
		t.Fatal("nothing focused")
	}
	h.w.search.setText("zzqx") // no matches
	h.settle()
	if h.w.res.cursorID() != 0 || len(h.w.res.sel) != 0 {
		t.Fatalf("focus %d and %d selected on an empty result", h.w.res.cursorID(), len(h.w.res.sel))
	}
	h.w.search.setText("")
	h.settle()
	if h.w.res.cursorID() != id || !h.w.res.sel[id] || h.w.res.cursor != 1 {
		t.Errorf("back: focus %d (cursor %d), want %d on row 1", h.w.res.cursorID(), h.w.res.cursor, id)
	}

	// Choosing another article while the first is away forgets it.
	y := h.w.res.ID(3)
	h.w.search.setText(`"` + h.get(y).Title + `"`)
	h.settle()
	if h.w.res.Len() != 1 || h.w.res.cursorID() != 0 {
		t.Fatalf("the title search shows %d rows, focus %d", h.w.res.Len(), h.w.res.cursorID())
	}
	h.click(0, 0, 0)
	h.w.search.setText("")
	h.settle()
	if got := h.w.res.cursorID(); got != y || len(h.w.res.sel) != 1 {
		t.Errorf("focus %d (%d selected), want the last chosen %d", got, len(h.w.res.sel), y)
	}
}
