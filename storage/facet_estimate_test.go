package storage

import (
	"database/sql"
	"reflect"
	"testing"
)

// TestFacetEstimates: a query matching at most facetSample articles (or
// none) is counted exactly, as Facet counts it; a larger match is
// estimated from a sample, scaled to the number of matches.
func TestFacetEstimates(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 400, 9)
	insert(t, a, seed{title: "Bare study", body: "brain"}, seed{title: "Study", provider: "PHYS.ORG", category: "News", body: "brain"})
	if _, err := a.AddToSet(ctx, "Reading", []int64{1, 2, 3, 50, 300}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Brains", "brain"); err != nil {
		t.Fatal(err)
	}
	facets := []string{"domain", "topics", "set", "topic", "provider", "category", "type", "published"}
	queries := []string{"", "study", "brain", "topic:AI", "brain topic:Health -category:blog", `"zzznothing"`}
	exactly := func(q string) [][]FacetCount {
		t.Helper()
		out := make([][]FacetCount, len(facets))
		for i, f := range facets {
			var err error
			if out[i], err = a.Facet(ctx, f, q, 0); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	for _, q := range queries {
		got, exact, err := a.FacetEstimates(ctx, facets, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := exactly(q); !exact || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: exact %v\n%v\nwant %v", q, exact, got, want)
		}
	}

	defer func(n int) { facetSample = n }(facetSample)
	facetSample = 100
	for _, q := range []string{"", "study", "brain"} {
		total, err := a.Count(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, exact, err := a.FacetEstimates(ctx, facets, q, total)
		if err != nil {
			t.Fatal(err)
		}
		if exact {
			t.Errorf("%q (%d matches): exact from a sample of %d", q, total, facetSample)
		}
		self, _, err := a.FacetEstimates(ctx, facets, q, 0)
		if err != nil || !reflect.DeepEqual(got, self) {
			t.Errorf("%q: with total %d %v, counting its own %v (%v)", q, total, got, self, err)
		}
		want := exactly(q)
		for i, f := range facets {
			if q == "" && keptFacets[f] || f == "topics" && q == "" {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%q %s: kept counts %v, want %v", q, f, got[i], want[i])
				}
				continue
			}
			known := map[string]int{}
			for _, fc := range want[i] {
				known[asciiLower(fc.Value)] = fc.Count
			}
			for _, fc := range got[i] {
				n, ok := known[asciiLower(fc.Value)] // the sample may hold another spelling
				if !ok {
					t.Errorf("%q %s: estimate of %q, which no match holds", q, f, fc.Value)
				}
				// A value of at least a fifth of the matches is estimated
				// within 40% from 100 of them (3 standard errors).
				if n >= total/5 && (fc.Count < n*6/10 || fc.Count > n*14/10) {
					t.Errorf("%q %s: %q estimated %d of %d, is %d", q, f, fc.Value, fc.Count, total, n)
				}
			}
		}
	}
	// With no query and no smart set, the sets are counted from their members.
	if err := a.DeleteSet(ctx, "Brains"); err != nil {
		t.Fatal(err)
	}
	sets, exact, err := a.FacetEstimates(ctx, []string{"set", "topic"}, "", 0)
	if want := exactly(""); err != nil || !exact || !reflect.DeepEqual(sets[0], want[2]) {
		t.Errorf("sets with no query: %v, exact %v, %v; want %v", sets, exact, err, want[2])
	}
	if _, _, err := a.FacetEstimates(ctx, []string{"topic", "colour"}, "", 0); err == nil {
		t.Error("unknown facet accepted")
	}
}

// TestSampleTopicsAsArticleTopic: the topics a sample counts (read from
// article.topics with the columns when the kept names allow it, see
// facetSampleCounts.counts) are article_topic's, whatever the names: the
// same name in another case within one article (counted once, as first
// spelled), and, read from article_topic instead, a name holding the
// separator of article.topics or an empty one, whose join does not split
// back.
func TestSampleTopicsAsArticleTopic(t *testing.T) {
	t.Parallel()
	plain := []seed{
		{title: "one", topics: []string{"AI", "ai", "Health", "Ai"}},
		{title: "two", topics: []string{"ai", "AI"}},
		{title: "three", topics: []string{"Health", "HEALTH", "Zeta"}},
		{title: "four"},
		{title: "five", topics: []string{"Zeta", "zeta", "ZETA", "Eta"}},
	}
	for _, c := range []struct {
		name   string
		extra  []seed
		joined bool // read from article.topics
	}{
		{"plain names", nil, true},
		{"a name holding the separator", []seed{{title: "six", topics: []string{`"a\x1fb"`, "a", "b"}}}, false},
		{"an empty name", []seed{{title: "six", topics: []string{`""`, "AI"}}, {title: "seven", topics: []string{`""`}}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := openTest(t)
			ids := insert(t, a, append(append([]seed{}, plain...), c.extra...)...)
			joined, err := splitTopicsSafe(ctx, a.db)
			if err != nil || joined != c.joined {
				t.Errorf("splitTopicsSafe = %v, %v; want %v", joined, err, c.joined)
			}
			want := map[string]int{}
			err = eachRow(ctx, a.db, `SELECT name FROM article_topic`, nil, func(v []sql.NullString) { want[v[0].String]++ })
			if err != nil {
				t.Fatal(err)
			}
			for _, first := range []string{"topic", "provider"} {
				s := &facetSampleCounts{ids: idsJSON(ids), scale: 1}
				if _, err := s.counts(ctx, a.db, first); err != nil {
					t.Fatal(err)
				}
				got, err := s.counts(ctx, a.db, "topic")
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("topics after %s = %v; want %v", first, got, want)
				}
			}
		})
	}
}

// TestSplitTopics: article.topics split back into article_topic's names.
func TestSplitTopics(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		joined string
		want   []string
	}{
		{"", nil},
		{"AI", []string{"AI"}},
		{"AI\x1fai\x1fHealth\x1fAi", []string{"AI", "Health"}},
		{"ai\x1fAI", []string{"ai"}},
		{"Élan\x1félan\x1fÉLAN", []string{"Élan", "élan"}}, // NOCASE folds ASCII letters only
	} {
		got := splitTopics([]string{"kept"}, c.joined)
		if !reflect.DeepEqual(got, append([]string{"kept"}, c.want...)) {
			t.Errorf("splitTopics(%q) = %q; want %q after the names given", c.joined, got[1:], c.want)
		}
	}
}
