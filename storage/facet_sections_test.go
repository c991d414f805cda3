package storage

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestCountFacetSections: every section counts as Facet does, except that
// the set section lists every set in name order, 0 included, with which
// ones are smart.
func TestCountFacetSections(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "One", provider: "Medical Xpress", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\n"},
		seed{title: "Two", provider: "Phys.org", category: "blog", topics: []string{"AI"}, extra: "published: false\n"},
		seed{title: "Three"},
	)
	if _, err := a.AddToSet(ctx, "Reading", ids[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "later", ids[2:]); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "News", "category:news"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		query string
		sets  string
	}{
		{"", "later=1 News=1 Reading=1"},
		{"category:blog", "later=0 News=0 Reading=0"},
		{"health", "later=0 News=1 Reading=1"},
	} {
		counts, smart, err := CountFacetSections(ctx, a, SidebarFacets, tt.query)
		if err != nil {
			t.Fatalf("%q: %v", tt.query, err)
		}
		for i, f := range SidebarFacets {
			if f == "set" {
				var parts []string
				for _, c := range counts[i] {
					parts = append(parts, c.Value+"="+strconv.Itoa(c.Count))
				}
				if got := strings.Join(parts, " "); got != tt.sets {
					t.Errorf("%q: sets %s, want %s", tt.query, got, tt.sets)
				}
				continue
			}
			want, err := a.Facet(ctx, f, tt.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(counts[i], want) {
				t.Errorf("%q: section %s = %v, Facet gives %v", tt.query, f, counts[i], want)
			}
		}
		if want := map[string]bool{"later": false, "News": true, "Reading": false}; !reflect.DeepEqual(smart, want) {
			t.Errorf("%q: smart %v, want %v", tt.query, smart, want)
		}
	}
	if _, _, err := CountFacetSections(ctx, a, []string{"colour"}, ""); err == nil || !strings.Contains(err.Error(), "count colour") {
		t.Errorf("an unknown facet: %v", err)
	}
}
