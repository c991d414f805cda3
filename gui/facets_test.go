package gui

import (
	"context"
	"fmt"
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

func (manyFacets) Sets(context.Context) ([]storage.Set, error) { return nil, nil }

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
	p.load(manyFacets{}, "topic:\"Topic 20\"")
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
