package storage

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestFacets(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "One", provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\n"},
		seed{title: "Two", provider: "medical xpress", domain: "medicalxpress.com", category: "blog", topics: []string{"ai", "AI"}, extra: "published: false\n"},
		seed{title: "Three", provider: "Phys.org", category: "news", topics: []string{"Space", "AI"}, extra: "published: true\n"},
		seed{title: "Four"},
	)
	if _, err := a.AddToSet(ctx, "Reading", ids[:2]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "Later", ids[3:]); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "News", "category:news"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		facet, query string
		limit        int
		want         string
	}{
		{"topic", "", 0, "AI=3 Health=1 Space=1"},
		{"topics", "", 1, "AI=3"},
		{"topic", "category:news", 0, "AI=2 Health=1 Space=1"},
		{"provider", "", 0, "Medical Xpress=2 Phys.org=1"},
		{"domain", "", 0, "medicalxpress.com=2"},
		{"category", "", 0, "news=2 blog=1"},
		{"type", "", 0, ""},
		{"published", "", 0, "yes=2 no=1"},
		{"published", "topic:health", 0, "yes=1"},
		{"set", "", 0, "News=2 Reading=2 Later=1"},
		{"set", "topic:ai", 0, "News=2 Reading=2"},
		{"set", "topic:space", 0, "News=1"},
		{"set", "", 2, "News=2 Reading=2"},
	}
	for _, tt := range tests {
		got, err := a.Facet(ctx, tt.facet, tt.query, tt.limit)
		if err != nil {
			t.Fatalf("Facet(%q, %q): %v", tt.facet, tt.query, err)
		}
		var parts []string
		for _, fc := range got {
			parts = append(parts, fc.Value+"="+strconv.Itoa(fc.Count))
		}
		if s := strings.Join(parts, " "); s != tt.want {
			t.Errorf("Facet(%q, %q, %d) = %s, want %s", tt.facet, tt.query, tt.limit, s, tt.want)
		}
	}
	if _, err := a.Facet(ctx, "colour", "", 0); err == nil {
		t.Error("unknown facet accepted")
	}
	// Facet counts agree with Count of the facet's own term.
	topics, _ := a.Facet(ctx, "topic", "", 0)
	for _, fc := range topics {
		if n, _ := a.Count(ctx, `topic:"`+fc.Value+`"`); n != fc.Count {
			t.Errorf("topic %s: facet %d, Count %d", fc.Value, fc.Count, n)
		}
	}
	if !reflect.DeepEqual(Facets, []string{"topic", "provider", "domain", "category", "type", "published", "set", "git"}) {
		t.Errorf("Facets = %q", Facets)
	}
}

// A full-text match of more than fewMatches articles takes its own plan for
// the topic facet (the name index read in order); it counts the same.
func TestTopicFacetOfABroadMatch(t *testing.T) {
	t.Parallel()
	a := broadArchive(t)
	const q = "study" // in nearly every generated article
	where, args, err := a.where(ctx, a.db, q)
	if err != nil {
		t.Fatal(err)
	}
	if where != "+a.id "+ftsInSQL {
		t.Fatalf("%q compiles to %s: not a broad full-text match, the test needs one", q, where)
	}
	got, err := a.Facet(ctx, "topic", q, 0)
	if err != nil {
		t.Fatal(err)
	}
	want, err := facetRows(ctx, a.db, `SELECT min(t.name), count(*) FROM article_topic t
		WHERE t.article_id IN (SELECT a.id FROM article a WHERE `+where+`)
		GROUP BY t.name COLLATE NOCASE ORDER BY 2 DESC, 1 COLLATE NOCASE, 1`, args)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 10 || !reflect.DeepEqual(got, want) {
		t.Errorf("topic facet of %q:\n%v\nwant\n%v", q, got, want)
	}
}
