package gui

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/storage"
)

// manyFacets counts 30 topics and 3 providers, whatever the query.
type manyFacets struct{}

func (manyFacets) Facet(_ context.Context, facet, _ string, _ int) ([]storage.FacetCount, error) {
	var out []storage.FacetCount
	switch facet {
	case "topic":
		for i := range 30 {
			out = append(out, storage.FacetCount{Value: fmt.Sprintf("Topic %02d", i), Count: 100 - i})
		}
	case "provider":
		out = []storage.FacetCount{{Value: "Nature", Count: 5}, {Value: "Phys Org", Count: 3}, {Value: "Wired", Count: 1}}
	}
	return out, nil
}

// FacetEstimates gives the exact counts.
func (m manyFacets) FacetEstimates(ctx context.Context, facets []string, q string, _ int) ([][]storage.FacetCount, bool, error) {
	out := make([][]storage.FacetCount, len(facets))
	for i, f := range facets {
		out[i], _ = m.Facet(ctx, f, q, 0)
	}
	return out, true, nil
}

func (manyFacets) Sets(context.Context) ([]storage.Set, error) { return nil, nil }

// estimatedFacets estimates each count as 10 more than it is.
type estimatedFacets struct{ manyFacets }

func (e estimatedFacets) FacetEstimates(ctx context.Context, facets []string, q string, total int) ([][]storage.FacetCount, bool, error) {
	out, _, err := e.manyFacets.FacetEstimates(ctx, facets, q, total)
	for _, counts := range out {
		for j := range counts {
			counts[j].Count += 10
		}
	}
	return out, false, err
}

// countOf is the count text the sidebar shows for a facet's value.
func countOf(t *testing.T, p *facetPanel, facet, value string) string {
	t.Helper()
	for i, r := range p.rows {
		if s := p.sections[r.sec]; s.facet == facet && r.value >= 0 && s.values[r.value].Value == value {
			it := newFacetItem(p)
			it.show(i)
			return it.count.Text
		}
	}
	t.Fatalf("no row for %s %s", facet, value)
	return ""
}

// TestFacetsShowEstimatesThenExactCounts: estimated counts show at once,
// marked ≈, and the exact counts replace them; a new query drops the
// exact counts of the one before.
func TestFacetsShowEstimatesThenExactCounts(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	p := newFacetPanel(tk, nil)
	p.load(estimatedFacets{}, "brain", 1000)
	(<-q)() // the estimates arrive
	if got := countOf(t, p, "provider", "Nature"); got != "≈15" {
		t.Errorf("estimate shown as %q, want ≈15", got)
	}
	settle(t, tk, q)
	if got := countOf(t, p, "provider", "Nature"); got != "5" {
		t.Errorf("exact count shown as %q, want 5", got)
	}

	p.load(estimatedFacets{}, "brain", 1000)
	(<-q)()
	p.load(manyFacets{}, "study", 1000) // exact at once
	settle(t, tk, q)
	if p.approx || p.query != "study" {
		t.Errorf("after a new query: approx %v for %q", p.approx, p.query)
	}
	if got := countOf(t, p, "topic", "Topic 00"); got != "100" {
		t.Errorf("count shown as %q, want 100", got)
	}
}

// shownValues lists the value rows of a facet, in order.
func shownValues(p *facetPanel, facet string) []string {
	var out []string
	for _, r := range p.rows {
		if s := p.sections[r.sec]; s.facet == facet && r.value >= 0 {
			out = append(out, s.values[r.value].Value)
		}
	}
	return out
}

// rowOf finds the row of a facet's header or "Show all" switch.
func rowOf(t *testing.T, p *facetPanel, facet string, kind int) int {
	t.Helper()
	for i, r := range p.rows {
		if p.sections[r.sec].facet == facet && r.value == kind {
			return i
		}
	}
	t.Fatalf("no row %d for %s", kind, facet)
	return -1
}

// TestFacetsShowTheirTopEntries: a facet with many values shows its first
// facetTop, "Show all…" shows the rest, the filter box narrows every facet,
// a value the query uses always shows, and a collapsed section stays
// collapsed in a new window.
func TestFacetsShowTheirTopEntries(t *testing.T) {
	a := test.NewTempApp(t)
	tk, q := testTasks()
	p := newFacetPanel(tk, a.Preferences())
	p.load(manyFacets{}, "topic:\"Topic 20\"", 0)
	settle(t, tk, q)

	topics := shownValues(p, "topic")
	if len(topics) != facetTop+1 || topics[facetTop] != "Topic 20" {
		t.Fatalf("topics shown %v, want the first %d and the one in the query", topics, facetTop)
	}
	if got := shownValues(p, "provider"); len(got) != 3 {
		t.Errorf("providers shown %v, want all three", got)
	}
	p.tap(rowOf(t, p, "topic", rowMore))
	if got := len(shownValues(p, "topic")); got != 30 {
		t.Errorf("Show all shows %d topics, want 30", got)
	}
	p.tap(rowOf(t, p, "topic", rowMore))
	if got := len(shownValues(p, "topic")); got != facetTop+1 {
		t.Errorf("Show fewer shows %d topics", got)
	}

	test.Type(p.filter, "ic 2")
	if got := shownValues(p, "topic"); len(got) != 10 || got[0] != "Topic 20" {
		t.Errorf("filter “ic 2” shows %v", got)
	}
	if got := shownValues(p, "provider"); len(got) != 0 {
		t.Errorf("filter shows providers %v", got)
	}
	p.filter.SetText("")

	p.tap(rowOf(t, p, "provider", rowHeader))
	if got := shownValues(p, "provider"); len(got) != 0 {
		t.Fatalf("collapsed providers show %v", got)
	}
	again := newFacetPanel(tk, a.Preferences())
	for _, s := range again.sections {
		if s.open == (s.facet == "provider") {
			t.Errorf("in a new window section %s open=%v", s.facet, s.open)
		}
	}
}

// TestSidebarSectionsAreTheSidebarFacets: the sidebar shows
// storage.SidebarFacets (which seedctl facet prints), each with a title
// and an icon.
func TestSidebarSectionsAreTheSidebarFacets(t *testing.T) {
	test.NewTempApp(t)
	tk, _ := testTasks()
	p := newFacetPanel(tk, nil)
	var got []string
	for _, s := range p.sections {
		got = append(got, s.facet)
		if s.title == "" || s.icon == nil || s.field != s.facet {
			t.Errorf("section %s: title %q, icon %v, field %q", s.facet, s.title, s.icon, s.field)
		}
	}
	if !slices.Equal(got, storage.SidebarFacets) {
		t.Errorf("sections %q, want storage.SidebarFacets %q", got, storage.SidebarFacets)
	}
}
