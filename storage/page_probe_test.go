package storage

import (
	"database/sql"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sqlPage reads a page by the query selectSQL builds, without the walk of
// page_probe.go: the reference the walk must equal.
func sqlPage(t *testing.T, a *Archive, opts ListOptions) []Row {
	t.Helper()
	q, args, err := a.selectSQL(ctx, rowColumns, "article a", opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []Row
	if err := a.eachRowOf(ctx, "list", q, args, opts.Stat, !opts.NoTextFields, func(r Row) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// probedPage reads the page of opts as probeMatch walks it: ok false when
// it did not.
func probedPage(a *Archive, opts ListOptions) (rows []Row, ok bool, err error) {
	ok, err = a.probeMatch(ctx, opts, func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	return rows, ok, err
}

// TestProbedPagesEqualTheQuery checks, for broad full-text matches (whole
// words, probed per index entry, and prefixes, through the match's bit set;
// alone and with other terms) in every indexed order both ways, that the pages near both ends read by
// walking the sort's index are the rows the plain query returns, in its
// order, and that the walk read them (rather than handing them back).
func TestProbedPagesEqualTheQuery(t *testing.T) {
	t.Parallel()
	if raceEnabled {
		t.Skip("one goroutine over SQL only, where the race detector finds nothing: make test runs it without -race")
	}
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 13)
	if _, err := a.Delete(ctx, 4, 90, 1777); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"brain", "study", `"brain"`, `"study" "brain"`, `brain "study"`,
		"brain topic:AI", "brain -category:blog", `"brain" quality:>40`, "study (topic:AI OR topic:Health)",
		"-category:blog st"} {
		sorts := slices.Sorted(maps.Keys(indexedSorts))
		where, args, err := a.where(ctx, a.db, q)
		if err != nil {
			t.Fatal(err)
		}
		if _, rest, _, ok := splitMatch(where, args); !ok {
			t.Fatalf("%q compiles to %s: no broad match", q, where)
		} else if rest != "" {
			sorts = append(sorts, "id") // other terms: id order walked too
		}
		for _, f := range sorts {
			for _, dir := range []string{"", "-"} {
				for _, at := range []ListOptions{{Limit: 200}, {Offset: 7, Limit: 30}, {Offset: 207, Limit: 200},
					{Reverse: true, Limit: 200}, {Reverse: true, Offset: 201, Limit: 17}} {
					opts := at
					opts.Query, opts.Sort = q, dir+f
					want := sqlPage(t, a, opts)
					got, ok, err := probedPage(a, opts)
					if err != nil || !ok {
						t.Fatalf("%q sorted %q at %+v: walked %v, %v", q, opts.Sort, at, ok, err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%q sorted %q at %+v: walk %v…, query %v…", q, opts.Sort, at, rowIDs(got)[:3], rowIDs(want)[:3])
					}
				}
			}
		}
	}
	for _, opts := range []ListOptions{
		{Query: "brain", Sort: "excerpt", Limit: 10},            // no index walked
		{Query: "brain", Limit: 10},                             // id order: its own plan
		{Query: "brain", Sort: "title", Offset: 990, Limit: 20}, // past probeMaxRows
		{Query: "brain OR topic:AI", Sort: "title", Limit: 10},  // the match is an alternative
		{Query: "topic:AI", Sort: "title", Limit: 10},           // no full text
		{Query: "brain", Sort: "title"},                         // no page
	} {
		if ok, err := a.probeMatch(ctx, opts, func(Row) error { return nil }); ok || err != nil {
			t.Errorf("%+v: walked (%v, %v), want the usual plan", opts, ok, err)
		}
	}
}

// TestProbedPageAfterWrite checks a kept match set is not used once the
// archive changed: the page after a delete and an insert is the query's.
func TestProbedPageAfterWrite(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 17)
	for _, opts := range []ListOptions{
		{Query: "brain", Sort: "-title", Limit: 50},
		{Query: "brain", Sort: "quality", Reverse: true, Limit: 50},
	} {
		first := listPage(t, a, opts)
		if _, err := a.Delete(ctx, first[0].ID, first[3].ID); err != nil {
			t.Fatal(err)
		}
		insert(t, a, seed{title: "0000 brain first", quality: "1"}, seed{title: "zzzz brain last", quality: "99"})
		if got, want := listPage(t, a, opts), sqlPage(t, a, opts); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v after a write: %v…, want %v…", opts, rowIDs(got)[:4], rowIDs(want)[:4])
		}
	}
}

// TestWalkIndex checks the walk stops at a full page, tells a walk that
// ran out of its budget (too sparse) from one that read the whole order.
func TestWalkIndex(t *testing.T) {
	a := openTest(t)
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	// 1..100, every twentieth a member.
	const q = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 100) SELECT x, x % 20 = 0 FROM n LIMIT ?"
	for _, tc := range []struct {
		need, limit int
		has         func(int64) bool
		giveUp      func(read, kept int) bool
		want        []int64
		ok          bool
	}{
		{need: 3, limit: 1000, want: []int64{20, 40, 60}, ok: true},
		{need: 3, limit: 30, want: []int64{20}, ok: false},
		{need: 10, limit: 1000, want: []int64{20, 40, 60, 80, 100}, ok: true},
		{need: 2, limit: 1000, has: func(id int64) bool { return id%7 == 0 }, want: []int64{7, 14}, ok: true},
		{need: 3, limit: 1000, giveUp: func(read, kept int) bool { return read >= 50 }, ok: false},
		{need: 2, limit: 1000, giveUp: func(read, kept int) bool { return read >= 50 }, want: []int64{20, 40}, ok: true},
	} {
		got, ok, err := walkIndex(ctx, tx, q, []any{tc.limit}, tc.need, tc.limit, tc.has, tc.giveUp)
		if err != nil || ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("need %d limit %d: %v, %v, %v; want %v, %v", tc.need, tc.limit, got, ok, err, tc.want, tc.ok)
		}
	}
}

// TestEachListedID checks group_concat's lists are read back exactly, and
// a malformed one is an error.
func TestEachListedID(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int64
		bad  bool
	}{
		{in: "", want: []int64{}},
		{in: "7", want: []int64{7}},
		{in: "1,20,-3,9223372036854775807", want: []int64{1, 20, -3, 9223372036854775807}},
		{in: "1,,2", bad: true},
		{in: "1,", bad: true},
		{in: "1,2x", bad: true},
		{in: "9223372036854775808", bad: true},
	} {
		var got []int64
		err := eachListedID(tc.in, func(id int64) { got = append(got, id) })
		if (err != nil) != tc.bad || (!tc.bad && !slices.Equal(got, tc.want)) {
			t.Errorf("eachListedID(%q) = %v, %v; want %v (error %v)", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// TestProbeWalksTheIndex checks the plans of the walks: for every indexed
// order, both ways and reversed, SQLite reads the sort's index in order
// (no temporary B-tree sorts the table), also for the field walk, whose
// terms on other indexed columns it could drive the query from, and the per-entry probe has FTS5
// seek the rowid (its index string starts with "=") rather than read the
// whole match.
func TestProbeWalksTheIndex(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 50, 3)
	for f := range indexedSorts {
		for _, dir := range []string{"", "-"} {
			for _, reverse := range []bool{false, true} {
				order, err := orderBy(dir+f, reverse)
				if err != nil {
					t.Fatal(err)
				}
				for _, q := range []string{
					"SELECT a.id, 0 FROM article a" + order + " LIMIT 10",
					"SELECT a.id, EXISTS (SELECT 1 FROM article_fts f WHERE f.article_fts MATCH 'brain' AND f.rowid = a.id) FROM article a" + order + " LIMIT 10",
					strings.Replace(fieldWalkSQL("a.quality > 40 AND (a.published_at >= '2021' AND a.published_at < '2022') AND "+
						"a.id IN (SELECT article_id FROM article_topic WHERE name = 'AI' COLLATE NOCASE)", order), "LIMIT ?", "LIMIT 10", 1),
				} {
					plan := queryPlan(t, a.db, q)
					if strings.Contains(plan, "TEMP B-TREE") {
						t.Errorf("%s%s reverse %v: plan sorts:\n%s", dir, f, reverse, plan)
					}
					if strings.Contains(q, "EXISTS") && !strings.Contains(plan, "VIRTUAL TABLE INDEX 0:=") {
						t.Errorf("%s%s: the probe does not seek the rowid:\n%s", dir, f, plan)
					}
				}
			}
		}
	}
}

// queryPlan is EXPLAIN QUERY PLAN's details, one a line.
func queryPlan(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	rows, err := db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}

// queryCount counts the articles q selects by the plain query, without
// Count's shortcuts: the reference Count must equal.
func queryCount(t *testing.T, a *Archive, q string) int {
	t.Helper()
	where, args, err := a.where(ctx, a.db, q)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := a.db.QueryRowContext(ctx, "SELECT count(*) FROM article a WHERE "+where, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCountOfBroadMatch checks the count of a broad full-text match,
// counted or read from its set (countMatchSet, once ids were listed in an
// indexed order, or in id order for a match with other terms), is the
// query's, also after a write.
func TestCountOfBroadMatch(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 19)
	want := func(q string) int { return queryCount(t, a, q) }
	for i, q := range []string{"brain", `"study"`, "brain topic:AI", "study -category:blog", "brain topic:AI", "study -category:blog"} {
		sort := "title" // then (the ids listed in it) by the set, twice
		if i >= 4 {
			sort = "" // id order: by the set with other terms
		}
		a.lastOrder.Store(orderOther)
		for round := range 3 { // by counting, then by the set after the ids are listed in sort, twice
			n, err := a.Count(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if w := want(q); n != w || w == 0 {
				t.Errorf("%q round %d: count %d, want %d (some)", q, round, n, w)
			}
			ids, err := a.IDs(ctx, ListOptions{Query: q, Sort: sort, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Delete(ctx, ids...); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestKeptOrderFollowsWrites checks the ids listed in an indexed order,
// of everything and of a broad match, are the query's after writes that
// change the kept order (an insert, a delete, an edit of the sorted
// field), and after a change of order.
func TestKeptOrderFollowsWrites(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 23)
	check := func(step string) {
		t.Helper()
		for _, opts := range []ListOptions{{Sort: "title"}, {Query: "brain", Sort: "title"}, {Sort: "-quality"},
			{Query: "brain", Sort: "title"}, {Query: "brain topic:AI", Sort: "-date"}} {
			got, err := a.IDs(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			if want := rowIDs(sqlPage(t, a, opts)); !slices.Equal(got, want) {
				t.Errorf("%s, %+v: ids %v…, want %v…", step, opts, got[:3], want[:3])
			}
		}
	}
	check("first")
	insert(t, a, seed{title: "0000 brain first", quality: "100"})
	check("after an insert")
	ids, err := a.IDs(ctx, ListOptions{Sort: "title"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Delete(ctx, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	check("after a delete")
}

// TestSplitMatch checks which compiled conditions are a broad full-text
// match alone or one top-level AND term among others, and that the rest
// keeps its arguments in order.
func TestSplitMatch(t *testing.T) {
	m := "+a.id " + ftsInSQL
	for _, tc := range []struct {
		where    string
		args     []any
		rest     string
		restArgs []any
		ok       bool
	}{
		{where: m, args: []any{"x"}, ok: true},
		{where: m + " AND a.quality > ?", args: []any{"x", 40}, rest: "a.quality > ?", restArgs: []any{40}, ok: true},
		{where: m + " AND (a.x = ? OR a.y = ?)", args: []any{"x", 1, 2}, rest: "(a.x = ? OR a.y = ?)", restArgs: []any{1, 2}, ok: true},
		{where: m + " AND a.x = 'a) OR (b' AND a.y = ?", args: []any{"x", 1}, rest: "a.x = 'a) OR (b' AND a.y = ?", restArgs: []any{1}, ok: true},
		{where: m + " OR a.quality > ?", args: []any{"x", 40}},
		{where: m + " AND a.x = ? OR a.y = ?", args: []any{"x", 1, 2}},
		{where: "a.id " + ftsInSQL, args: []any{"x"}}, // few: SQLite drives from the match
		{where: "a.quality > ? AND " + m, args: []any{40, "x"}, rest: "a.quality > ?", restArgs: []any{40}, ok: true},
		{where: "a.x = ? AND " + m + " AND (a.y = ? OR a.z = ?)", args: []any{1, "x", 2, 3}, rest: "a.x = ? AND (a.y = ? OR a.z = ?)", restArgs: []any{1, 2, 3}, ok: true},
		{where: "a.x = ? OR a.y = ? AND " + m, args: []any{1, 2, "x"}},        // an AND inside an OR
		{where: "(a.x = ? OR " + m + ") AND a.y = ?", args: []any{1, "x", 2}}, // in a group
		{where: "NOT (" + m + ") AND a.y = ?", args: []any{"x", 2}},
		{where: "NOT (a.x = ? AND " + m + " AND a.y = ?)", args: []any{1, "x", 2}},
		{where: m + " AND " + m, args: []any{"x", "y"}}, // several
		{where: m + " AND a.x = ?", args: []any{"x"}},   // arguments do not match
		{where: "1"},
	} {
		match, rest, restArgs, ok := splitMatch(tc.where, tc.args)
		if ok != tc.ok || rest != tc.rest || !reflect.DeepEqual(restArgs, tc.restArgs) || ok && match != "x" {
			t.Errorf("splitMatch(%s) = %q, %q, %v, %v; want rest %q %v, ok %v", tc.where, match, rest, restArgs, ok, tc.rest, tc.restArgs, tc.ok)
		}
	}
}

// TestProbedPageOfARareMatchAmongTheRest: when the other terms select many
// rows the match is rare among, the per-row probe gives up within its
// bound and the page still equals the query's, in every position.
func TestProbedPageOfARareMatchAmongTheRest(t *testing.T) {
	if raceEnabled {
		t.Skip("one goroutine over SQL only, where the race detector finds nothing: make test runs it without -race")
	}
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 19)
	var plain []seed
	for i := range 3 * probeShare * 50 {
		plain = append(plain, seed{title: fmt.Sprintf("plain %04d", i), topics: []string{"Zed"}})
	}
	plain[7].title, plain[1200].title = "plain brain early", "plain brain late"
	insert(t, a, plain...)
	for _, opts := range []ListOptions{
		{Query: "brain topic:Zed", Limit: 50},
		{Query: "brain topic:Zed", Sort: "title", Limit: 50},
		{Query: "brain topic:Zed", Sort: "-date", Reverse: true, Limit: 50},
		{Query: "brain topic:Zed", Offset: 1, Limit: 50},
	} {
		want := sqlPage(t, a, opts)
		got, ok, err := probedPage(a, opts)
		if err != nil || !ok {
			t.Fatalf("%+v: walked %v, %v", opts, ok, err)
		}
		if !reflect.DeepEqual(rowIDs(got), rowIDs(want)) || len(want) != 2-opts.Offset {
			t.Errorf("%+v: walk %v, query %v", opts, rowIDs(got), rowIDs(want))
		}
	}
}

// TestIDsKeepTheMatchSet checks the ids of a broad match alone listed in id
// order (either way) are kept as its match set, as of the archive they
// were read from, and that the sidebar's exact counts over it are the
// query's: after the listing, and after a delete and another listing.
func TestIDsKeepTheMatchSet(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, fewMatches+300, 29)
	where, args, err := a.where(ctx, a.db, "brain")
	if err != nil {
		t.Fatal(err)
	}
	match, rest, _, ok := splitMatch(where, args)
	if !ok || rest != "" {
		t.Fatalf("brain compiles to %s: not a broad match alone", where)
	}
	for _, sort := range []string{"", "-id", "id", "", "-id"} {
		a.matches.mu.Lock()
		a.matches.sets = nil
		a.matches.mu.Unlock()
		ids, err := a.IDs(ctx, ListOptions{Query: "brain", Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		if want := rowIDs(sqlPage(t, a, ListOptions{Query: "brain", Sort: sort})); !slices.Equal(ids, want) || len(ids) < 2 {
			t.Fatalf("sort %q: %d ids, want %d (at least 2)", sort, len(ids), len(want))
		}
		var seq int64
		if err := a.db.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		s := a.keptMatchSet(match, seq)
		if s == nil {
			t.Fatalf("sort %q: no match set kept", sort)
		}
		members := 0
		for id := range int64(len(s.bits) * 64) {
			if s.has(id) {
				members++
			}
		}
		in := 0
		for _, id := range ids {
			if s.has(id) {
				in++
			}
		}
		if s.n != len(ids) || members != len(ids) || in != len(ids) {
			t.Errorf("sort %q: set of %d (%d members, %d of the ids), want the %d ids", sort, s.n, members, in, len(ids))
		}
		for f := range keptFacets {
			got, err := a.Facet(ctx, f, "brain", 0)
			if err != nil {
				t.Fatal(err)
			}
			want, err := a.facetWhere(ctx, f, where, args, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sort %q: Facet(%s) = %v, want %v", sort, f, got, want)
			}
		}
		if _, err := a.Delete(ctx, ids[0], ids[len(ids)/2]); err != nil {
			t.Fatal(err)
		}
	}
}
