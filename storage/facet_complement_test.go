package storage

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/seedarchive/seedarchive/internal/query"
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
	// Beside other terms the match is tested in its set, kept from the
	// facets above: counted over the ids (matchFacet) as before.
	topics, err := a.Facet(ctx, "topic", "", 1)
	if err != nil || len(topics) == 0 {
		t.Fatalf("no topic (%v)", err)
	}
	for _, q := range []string{"study " + query.Term("topic", topics[0].Value), "-category:news study"} {
		where, args, err := a.where(ctx, a.db, q)
		if err != nil {
			t.Fatal(err)
		}
		var seq int64
		if err := a.db.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		if match, rest, _, ok := splitMatch(where, args); !ok || rest == "" || a.keptMatchSet(match, seq) == nil {
			t.Fatalf("%q compiles to %s: not a broad full-text match kept as a set beside other terms", q, where)
		}
		for _, f := range Facets {
			want, err := a.facetWhere(ctx, f, where, args, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, err := a.Facet(ctx, f, q, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s of %q:\n%v\nwant\n%v", f, q, got, want)
			}
		}
	}
}

// TestMatchFacetCountsAsBefore compares Facet over a search's listed ids
// (matchFacet) with a statement per facet (facetWhere) for every facet and
// several searches, before and after writes that change the counts of the
// same search (the ids and counts kept for it must not be reused), and a
// broad full-text match beside other terms tested in its kept set.
func TestMatchFacetCountsAsBefore(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "alpha one", provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\n"},
		seed{title: "alpha two", provider: "medical xpress", category: "News", topics: []string{"ai", "zeta"}, extra: "published: false\ntype: story\n"},
		seed{title: "alpha three", provider: "Phys.org", category: "blog", topics: []string{"Space", "AI"}, extra: "type: \"\"\n"},
		seed{title: "delta four", provider: "MEDICAL XPRESS", category: "NEWS", topics: []string{"Zeta", "ai"}, extra: "published: true\n"},
		seed{title: "delta five"},
	)
	if _, err := a.AddToSet(ctx, "Reading", ids[:2]); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "News", "category:news"); err != nil {
		t.Fatal(err)
	}
	// The last search is the first again at the next step, after writes
	// that change its counts.
	queries := []string{"alpha OR delta", "topic:ai", "category:news", "-category:blog", "alpha topic:ai", "set:Reading", "topic:nothing", "delta", "alpha OR delta"}
	check := func(step string) {
		t.Helper()
		for _, q := range queries {
			where, args, err := a.where(ctx, a.db, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range Facets {
				for _, limit := range []int{0, 2} {
					want, err := a.facetWhere(ctx, f, where, args, limit)
					if err != nil {
						t.Fatal(err)
					}
					got, err := a.Facet(ctx, f, q, limit)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s: %s of %q (limit %d):\n%v\nwant\n%v", step, f, q, limit, got, want)
					}
				}
			}
		}
	}
	check("as imported")
	if _, err := a.AddToSet(ctx, "Reading", ids[2:4]); err != nil {
		t.Fatal(err)
	}
	editAll(t, a, ids[3:4], func(doc *seedfile.Document) error { return doc.Set("category", "blog") })
	check("after adding to a set and editing a category")
	if _, _, err := a.Trash(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	check("after trashing an article")

	// A broad match (as one compiles) beside another term selecting
	// articles out of the match too, its set kept.
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.matchSet(ctx, tx, `"alpha"`); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()
	where, args := broadWhere+" AND a.title <> ?", []any{`"alpha"`, "x"}
	for _, f := range Facets {
		want, err := a.facetWhere(ctx, f, where, args, 0)
		if err != nil {
			t.Fatal(err)
		}
		got, ok, err := a.matchFacet(ctx, f, where, args, 0)
		if err != nil {
			t.Fatal(err)
		}
		if f != "git" && (!ok || !reflect.DeepEqual(got, want)) {
			t.Errorf("%s of a broad match and a title (ok %v):\n%v\nwant\n%v", f, ok, got, want)
		}
	}
}

// TestMatchFacetReadsABroadSet: the exact counts of a broad match beside
// other terms with no set kept read the match's set when the match holds
// at least half of the ids, and count as a statement per facet does,
// whether they test the set or leave a narrower match to SQLite.
func TestMatchFacetReadsABroadSet(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insert(t, a,
		seed{title: "alpha one", provider: "Medical Xpress", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\n"},
		seed{title: "alpha two", provider: "medical xpress", category: "News", topics: []string{"ai"}, extra: "type: story\n"},
		seed{title: "alpha three", provider: "Phys.org", category: "blog", topics: []string{"Space"}},
		seed{title: "delta four", provider: "MEDICAL XPRESS", category: "NEWS", topics: []string{"Zeta", "ai"}},
		seed{title: "delta five", category: "news"},
	)
	for _, c := range []struct {
		match string
		read  bool // the set is read and tested
	}{
		{`"alpha"`, true},            // 3 of 5
		{`"alpha" OR "delta"`, true}, // 5 of 5
		{`"delta"`, false},           // 2 of 5
		{`"nothing"`, false},         // none
	} {
		where, args := broadWhere+" AND a.category <> ?", []any{c.match, "blog"}
		for _, f := range Facets {
			ForgetMatches(a)
			want, err := a.facetWhere(ctx, f, where, args, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := a.matchFacet(ctx, f, where, args, 0)
			if err != nil {
				t.Fatal(err)
			}
			if f != "git" && (!ok || !reflect.DeepEqual(got, want)) {
				t.Errorf("%s of %s and a category (ok %v):\n%v\nwant\n%v", f, c.match, ok, got, want)
			}
			var seq int64
			if err := a.db.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
				t.Fatal(err)
			}
			if c.read && f != "git" && a.keptMatchSet(c.match, seq) == nil {
				t.Errorf("%s of %s and a category: no set kept", f, c.match)
			}
		}
	}
}

// Facets of different searches asked at once (a cancelled sidebar pass
// still running beside the next one) share the kept ids and counts safely
// and count as a statement per facet does.
func TestFacetsOfSearchesAtOnce(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insert(t, a,
		seed{title: "alpha one", provider: "Nature", category: "news", topics: []string{"AI"}},
		seed{title: "alpha two", provider: "nature", category: "blog", topics: []string{"ai", "Space"}},
		seed{title: "delta three", provider: "Phys.org", category: "news", topics: []string{"Space"}},
	)
	type job struct{ facet, query string }
	var jobs []job
	want := map[job][]FacetCount{}
	for _, q := range []string{"alpha", "topic:space", "-category:blog", "alpha topic:ai"} {
		where, args, err := a.where(ctx, a.db, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range SidebarFacets {
			j := job{f, q}
			jobs = append(jobs, j)
			if want[j], err = a.facetWhere(ctx, f, where, args, 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range jobs {
				j := jobs[(i+g*7)%len(jobs)]
				got, err := a.Facet(ctx, j.facet, j.query, 0)
				if err == nil && !reflect.DeepEqual(got, want[j]) {
					err = fmt.Errorf("%s of %q: %v, want %v", j.facet, j.query, got, want[j])
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
