package storage

import (
	"reflect"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// broadWhere is how a broad full-text match alone compiles (ftsIn).
const broadWhere = "+a.id " + ftsInSQL

// TestBroadFacetSubtracts compares the kept counts less the articles a
// match leaves out (broadFacet) with the count over the match (facetWhere)
// for every kept facet, on a small archive where each match is given as a
// broad one compiles: values differing in case split between the match and
// the rest (the least spelling only among the rest), empty values, a
// trashed article in and one out of the match, matches on either side of
// the switch (at most half of the ids left out), a prefix, several words.
func TestBroadFacetSubtracts(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "alpha beta gamma one", provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", topics: []string{"AI", "Health", "zeta"}, extra: "published: true\n"},
		seed{title: "alpha beta gamma two", provider: "medical xpress", category: "News", topics: []string{"ai"}, extra: "published: false\ntype: story\n"},
		seed{title: "alpha beta gamma three", provider: "Phys.org", category: "blog", topics: []string{"Space", "ai"}, extra: "type: \"\"\n"},
		seed{title: "alpha beta gamma four", topics: []string{"zeta"}, extra: "category: \"\"\npublished: true\n"},
		seed{title: "alpha beta gamma five", provider: "Nature", category: "news", extra: "type: Story\n"},
		seed{title: "alpha beta six", provider: "Nature", domain: "nature.com", category: "news", topics: []string{"Health"}},
		seed{title: "alpha seven", provider: "phys.org", topics: []string{"Space"}, extra: "published: false\n"},
		seed{title: "alpha eight"},
		seed{title: "delta nine", provider: "MEDICAL XPRESS", category: "NEWS", topics: []string{"Zeta", "AI"}},
		seed{title: "delta ten", provider: "Nature", domain: "NATURE.COM", category: "Blog", topics: []string{"Zeta"}, extra: "type: STORY\npublished: true\n"},
		seed{title: "delta eleven", provider: "Elsewhere", category: "news", topics: []string{"Health"}},
		seed{title: "delta twelve", topics: []string{"HEALTH"}, extra: "published: false\n"},
	)
	type query struct {
		match string
		used  bool // broadFacet takes it
	}
	steps := []struct {
		name    string
		do      func(t *testing.T)
		queries []query
	}{
		{"as imported", func(*testing.T) {}, []query{
			{`"alpha"`, true},                   // 8 of 12
			{`"beta"`, true},                    // 6 of 12: the most left out
			{`"gamma"`, false},                  // 5 of 12
			{`"alph" *`, true},                  // a prefix, counted by the vocabulary
			{`"alpha" AND "beta"`, true},        // counted by the index
			{`"alpha" AND "delta"`, false},      // none
			{`"alpha" OR "delta"`, true},        // every article
			{`"delta" OR "gamma"`, true},        // 9 of 12
			{`"nine" OR "ten" OR "one"`, false}, // 3 of 12
		}},
		{"after trashing one article in the matches and one out", func(t *testing.T) {
			if _, _, err := a.Trash(ctx, ids[2], ids[10]); err != nil {
				t.Fatal(err)
			}
		}, []query{
			{`"alpha"`, true},            // 7 of ids 1..12
			{`"beta"`, false},            // 5
			{`"alpha" OR "delta"`, true}, // 10
		}},
		{"after editing a value's case in and out of the matches", func(t *testing.T) {
			editAll(t, a, []int64{ids[0], ids[8]}, func(doc *seedfile.Document) error { return doc.Set("category", "nEWS") })
		}, []query{
			{`"alpha"`, true},
			{`"alph" *`, true},
			{`"delta"`, false},
		}},
	}
	for _, st := range steps {
		st.do(t)
		for _, q := range st.queries {
			for f := range keptFacets {
				for _, limit := range []int{0, 2} {
					want, err := a.facetWhere(ctx, f, broadWhere, []any{q.match}, limit)
					if err != nil {
						t.Fatal(err)
					}
					got, ok, err := a.broadFacet(ctx, f, broadWhere, []any{q.match}, limit)
					if err != nil {
						t.Fatal(err)
					}
					if ok != q.used {
						t.Errorf("%s: %s of %s: subtracted %v, want %v", st.name, f, q.match, ok, q.used)
					}
					if ok && !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %s of %s (limit %d):\n%v\nwant\n%v", st.name, f, q.match, limit, got, want)
					}
				}
			}
		}
	}
	// Any other condition is left to the usual count.
	for _, c := range []struct {
		where string
		args  []any
	}{
		{"1", nil},
		{"a.id " + ftsInSQL, []any{`"alpha"`}},
		{broadWhere + " AND a.category = ?", []any{`"alpha"`, "news"}},
	} {
		if _, ok, err := a.broadFacet(ctx, "topic", c.where, c.args, 0); err != nil || ok {
			t.Errorf("broadFacet over %s: ok %v, %v", c.where, ok, err)
		}
	}
}

// Kept counts below what the left-out articles hold (a damaged
// facet_count, which Check reports) make broadFacet count instead.
func TestBroadFacetOffKeptCounts(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insert(t, a,
		seed{title: "alpha one", category: "news"},
		seed{title: "alpha two", category: "news"},
		seed{title: "delta three", category: "blog"},
	)
	if _, err := a.wdb.ExecContext(ctx, `UPDATE facet_count SET n = 0 WHERE facet = 'category' AND value = 'blog'`); err != nil {
		t.Fatal(err)
	}
	if _, err := a.wdb.ExecContext(ctx, `UPDATE change_seq SET seq = seq + 1 WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := a.broadFacet(ctx, "category", broadWhere, []any{`"alpha"`}, 0); err != nil || ok {
		t.Errorf("broadFacet with off kept counts: ok %v, %v", ok, err)
	}
}

// Facet of a broad match as the query compiles it counts as before, for
// every kept facet, by subtraction.
func TestFacetOfABroadMatchSubtracts(t *testing.T) {
	t.Parallel()
	a := broadArchive(t)
	for _, q := range []string{"study", "stud"} {
		where, args, err := a.where(ctx, a.db, q)
		if err != nil {
			t.Fatal(err)
		}
		if where != broadWhere {
			t.Fatalf("%q compiles to %s: not a broad full-text match, the test needs one", q, where)
		}
		for f := range keptFacets {
			want, err := a.facetWhere(ctx, f, where, args, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok, err := a.broadFacet(ctx, f, where, args, 0); err != nil || !ok {
				t.Fatalf("%s of %q: not subtracted (%v)", f, q, err)
			}
			got, err := a.Facet(ctx, f, q, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || !reflect.DeepEqual(got, want) {
				t.Errorf("%s of %q:\n%v\nwant\n%v", f, q, got, want)
			}
		}
	}
}
