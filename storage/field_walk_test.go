package storage

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
)

// walkedFieldPage reads the page of opts as walkFields walks it, in an
// archive taken to have ids up to top (more than it has: the walk then
// goes on through matches too sparse for this small archive): ok false
// when it did not.
func walkedFieldPage(t *testing.T, a *Archive, opts ListOptions, top int64) (rows []Row, ok bool) {
	t.Helper()
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil {
		t.Fatal(err)
	}
	order, err := orderBy(opts.Sort, opts.Reverse)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	ok, err = fieldPage(ctx, tx, opts, where, args, order, top, func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, ok
}

// sameRows reports whether two pages hold the same rows (none being none,
// nil or not).
func sameRows(a, b []Row) bool {
	return len(a) == 0 && len(b) == 0 || reflect.DeepEqual(a, b)
}

// TestWalkedFieldPagesEqualTheQuery checks, for queries of field terms
// only (ranges, a topic, negations, published, an OR, sort keys missing
// in some articles), in id order and every indexed order both ways, that
// the pages near both ends read by walking the order (walkFields) are the
// rows the plain query returns, in its order; and that List, walking or
// handing the page back, returns them too.
func TestWalkedFieldPagesEqualTheQuery(t *testing.T) {
	t.Parallel()
	if raceEnabled {
		t.Skip("one goroutine over SQL only, where the race detector finds nothing: make test runs it without -race")
	}
	a := openTest(t)
	insertCorpus(t, a, 900, 31)
	var bare []seed // no quality, date, provider, topics: NULL sort keys
	for i := range 150 {
		bare = append(bare, seed{title: fmt.Sprintf("bare %03d", i), category: "blog"})
	}
	insert(t, a, bare...)
	if _, err := a.Delete(ctx, 3, 77, 400); err != nil {
		t.Fatal(err)
	}
	sorts := []string{"id"}
	seen := map[string]bool{}
	for _, f := range slices.Sorted(maps.Keys(indexedSorts)) {
		if k := sortKeys[f].expr; !seen[k] { // one of each field's names
			seen[k] = true
			sorts = append(sorts, f)
		}
	}
	walked := 0
	for _, q := range []string{"quality:>40", "date:>=2020 quality:<90", "topic:AI", "-category:blog",
		"published:yes", "-type:blog published:yes", "quality:>80 OR topic:Health", "-topic:AI quality:>10"} {
		for _, f := range sorts {
			for _, dir := range []string{"", "-"} {
				for _, at := range []ListOptions{{Limit: 200}, {Offset: 7, Limit: 30}, {Reverse: true, Offset: 11, Limit: 200}} {
					opts := at
					opts.Query, opts.Sort = q, dir+f
					want := sqlPage(t, a, opts)
					if got := listPage(t, a, opts); !sameRows(got, want) {
						t.Errorf("List %q sorted %q at %+v: %v, query %v", q, opts.Sort, at, rowIDs(got), rowIDs(want))
					}
					got, ok := walkedFieldPage(t, a, opts, 1_000_000)
					if !ok {
						continue
					}
					walked++
					if !sameRows(got, want) {
						t.Errorf("%q sorted %q at %+v: walk %v, query %v", q, opts.Sort, at, rowIDs(got), rowIDs(want))
					}
				}
			}
		}
	}
	if total := 8 * len(sorts) * 2 * 3; walked < total/2 {
		t.Errorf("walked %d pages of %d: the walk should read most", walked, total)
	} else {
		t.Logf("walked %d pages of %d", walked, total)
	}
}

// TestFieldWalkHandsNarrowPagesBack checks the walk reads a broad field
// query's first page, hands back a narrow one's (too rare in the order
// for the walk to pay: SQLite reads it from its term's index), one SQLite
// reads in order without sorting, and a deep one, and leaves alone the
// queries it is not for.
func TestFieldWalkHandsNarrowPagesBack(t *testing.T) {
	a := openTest(t)
	var plain []seed // first by title
	for i := range 2000 {
		plain = append(plain, seed{title: fmt.Sprintf("%04d plain", i), quality: "5"})
	}
	plain[1500].quality, plain[1500].title = "99", "plain quasar"
	insert(t, a, plain...)
	insertCorpus(t, a, 600, 37)
	for _, tc := range []struct {
		opts   ListOptions
		walked bool
		narrow bool // SQLite's plan sorts: the walk itself gives up
	}{
		{ListOptions{Query: "quality:5", Sort: "title", Limit: 200}, true, false},
		{ListOptions{Query: "quality:5", Sort: "-title", Reverse: true, Offset: 100, Limit: 100}, true, false},
		{ListOptions{Query: "quality:99", Sort: "title", Limit: 50}, false, true},
		{ListOptions{Query: "quality:99", Sort: "-date", Reverse: true, Limit: 50}, false, true},
		{ListOptions{Query: "topic:AI", Limit: 50}, false, false},                                // SQLite reads a topic in id order
		{ListOptions{Query: "quality:<10", Sort: "quality", Limit: 200}, false, false},           // SQLite reads the range in order
		{ListOptions{Query: "quality:<10", Sort: "title", Offset: 990, Limit: 20}, false, false}, // past probeMaxRows
		{ListOptions{Query: "quality:<10", Sort: "excerpt", Limit: 10}, false, false},            // no index walked
		{ListOptions{Query: "quality:<10", Sort: "title"}, false, false},                         // no page
		{ListOptions{Sort: "title", Limit: 10}, false, false},                                    // everything: its index named
		{ListOptions{Query: "quasar quality:<100", Sort: "title", Limit: 10}, false, false},      // a narrow full-text match
	} {
		if tc.narrow {
			where, args, err := a.where(ctx, a.db, tc.opts.Query)
			if err != nil {
				t.Fatal(err)
			}
			order, _ := orderBy(tc.opts.Sort, tc.opts.Reverse)
			tx, err := a.db.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			sorts, err := planSorts(ctx, tx, "SELECT a.id FROM article a WHERE "+where+order+" LIMIT 50", args)
			_ = tx.Rollback()
			if !sorts || err != nil {
				t.Errorf("%+v: SQLite's plan sorts %v, %v: the walk is not tried", tc.opts, sorts, err)
			}
		}
		ok, err := a.probeMatch(ctx, tc.opts, func(Row) error { return nil })
		if ok != tc.walked || err != nil {
			t.Errorf("%+v: walked %v, %v; want %v", tc.opts, ok, err, tc.walked)
		}
		if got, want := listPage(t, a, tc.opts), sqlPage(t, a, tc.opts); !sameRows(got, want) || len(want) == 0 {
			t.Errorf("%+v: List %v, query %v", tc.opts, rowIDs(got), rowIDs(want))
		}
	}
}

// TestFieldWalkGivesUp checks the walk's bound: it samples a page's worth
// first, goes on for a broad match, gives up on a rare one sooner in a
// smaller archive, and never reads past its LIMIT.
func TestFieldWalkGivesUp(t *testing.T) {
	for _, tc := range []struct {
		need, read, kept int
		top              int64
		cost             float64
		want             bool
	}{
		{need: 200, read: 199, kept: 0, top: 1_000, cost: 1, want: false}, // still sampling a page
		{need: 200, read: 200, kept: 0, top: 1_000, cost: 1, want: true},
		{need: 200, read: 1130, kept: 0, top: 1_000_000, cost: 1, want: false}, // still sampling 16 at 1 in 71
		{need: 200, read: 1132, kept: 0, top: 1_000_000, cost: 1, want: true},
		{need: 100, read: 3000, kept: 21, top: 1_000_000, cost: 3, want: false}, // 1 in 140, walked as a topic is
		{need: 100, read: 3000, kept: 0, top: 1_000_000, cost: 3, want: true},
		{need: 200, read: 4000, kept: 80, top: 1_000_000, cost: 1, want: false}, // 1 in 50 of a million
		{need: 200, read: 4000, kept: 80, top: 100_000, cost: 1, want: true},    // … of a hundred thousand
		{need: 200, read: 4000, kept: 80, top: 1_000_000, cost: 0.25, want: true},
		{need: 200, read: 4000, kept: 40, top: 1_000_000, cost: 1, want: true}, // 1 in 100: the plan reads fewer
		{need: 200, read: 20000, kept: 199, top: 1_000_000, cost: 1, want: true},
	} {
		if got := fieldWalkGivesUp(tc.need, tc.read, tc.kept, tc.top, tc.cost); got != tc.want {
			t.Errorf("%+v: gives up %v", tc, got)
		}
		if limit := fieldWalkLimit(tc.need, tc.top, tc.cost); !fieldWalkGivesUp(tc.need, limit-1, tc.need-1, tc.top, tc.cost) {
			t.Errorf("%+v: limit %d: the walk would not have given up before it", tc, limit)
		}
	}
}

// TestCountOfATopic checks the count of a topic alone, read from the
// topic's index, is the query's, in any case of its name and after
// deletes of some of its articles.
func TestCountOfATopic(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 300, 41)
	insert(t, a, seed{title: "twice", topics: []string{"AI", "ai", "Health"}})
	for round := range 2 {
		for _, q := range []string{"topic:AI", "topic:ai", "topic:Health", "topic:Nope"} {
			want := queryCount(t, a, q)
			if got, err := a.Count(ctx, q); got != want || err != nil {
				t.Errorf("round %d: Count(%q) = %d, %v; want %d", round, q, got, err, want)
			}
			if want == 0 && q != "topic:Nope" {
				t.Errorf("round %d: %q counts none: the corpus should hold it", round, q)
			}
		}
		ids, err := a.IDs(ctx, ListOptions{Query: "topic:AI", Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Delete(ctx, ids...); err != nil {
			t.Fatal(err)
		}
	}
}
