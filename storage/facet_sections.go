package storage

import (
	"context"
	"fmt"
)

// SidebarFacets are the facets the desktop app's sidebar shows, in its
// order: sets, topics, providers, categories, types, published and the git
// states. `seedctl facet` prints the same sections.
var SidebarFacets = []string{"set", "topic", "provider", "category", "type", "published", "git"}

// FacetCounter is what CountFacetSections counts from (impl: *Archive).
type FacetCounter interface {
	Facet(ctx context.Context, facet, query string, limit int) ([]FacetCount, error)
	Sets(ctx context.Context) ([]Set, error)
}

// CountFacetSections counts each of facets exactly over the articles
// matching query, as the app's sidebar and `seedctl facet` show them: the
// values and counts of Facet, except that "set" lists every set
// (EverySet). smart says which sets are saved searches.
func CountFacetSections(ctx context.Context, src FacetCounter, facets []string, query string) (counts [][]FacetCount, smart map[string]bool, err error) {
	counts = make([][]FacetCount, len(facets))
	for i, f := range facets {
		c, err := src.Facet(ctx, f, query, 0)
		if err != nil {
			return nil, nil, fmt.Errorf("count %s: %w", f, err)
		}
		if f == "set" {
			if c, smart, err = EverySet(ctx, src, c); err != nil {
				return nil, nil, err
			}
		}
		counts[i] = c
	}
	return counts, smart, nil
}

// EverySet turns the set facet's counts (the sets with matching members)
// into every set in name order, each with its count from matching (0 when
// absent), so that any set can be chosen; smart says which sets are saved
// searches.
func EverySet(ctx context.Context, src FacetCounter, matching []FacetCount) ([]FacetCount, map[string]bool, error) {
	sets, err := src.Sets(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list sets: %w", err)
	}
	n := make(map[string]int, len(matching))
	for _, c := range matching {
		n[c.Value] = c.Count
	}
	out := make([]FacetCount, len(sets))
	smart := make(map[string]bool, len(sets))
	for i, s := range sets {
		out[i] = FacetCount{Value: s.Name, Count: n[s.Name]}
		smart[s.Name] = s.Query != ""
	}
	return out, smart, nil
}
