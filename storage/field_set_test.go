package storage

import (
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// fieldSetArchive is an archive for the field sets' tests: generated
// articles, some with no quality, date, provider or topics (NULL and
// missing values), some edited, some trashed and some deleted (ids with
// gaps), and a manual set and a smart set.
func fieldSetArchive(t *testing.T) *Archive {
	t.Helper()
	a := openTest(t)
	insertCorpus(t, a, 700, 41)
	var bare []seed
	for i := range 120 {
		bare = append(bare, seed{title: fmt.Sprintf("bare %03d", i), category: "blog"})
	}
	insert(t, a, bare...)
	var wide []seed // one topic most of them have, against the corpus' narrow ones
	for i := range 400 {
		s := seed{title: fmt.Sprintf("wide %03d", i), quality: fmt.Sprint(i % 100), topics: []string{"Wide"}}
		if i%3 == 0 {
			s.topics = append(s.topics, "AI")
		}
		wide = append(wide, s)
	}
	insert(t, a, wide...)
	insertCorpus(t, a, 300, 43)
	if _, err := a.Delete(ctx, 1, 2, 77, 400, 401, 402); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Trash(ctx, 5, 90, 750, 1000); err != nil {
		t.Fatal(err)
	}
	edits := []int64{10, 11, 12, 300, 760, 900}
	if _, err := a.Edit(ctx, edits, func(id int64, doc *seedfile.Document) (bool, error) {
		return true, doc.Set("quality", int(id%7)*15)
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "picked", []int64{3, 4, 10, 11, 20, 30, 40, 50, 60, 500, 600, 700, 800, 900}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "good", "quality:>=40 heat:>20"); err != nil {
		t.Fatal(err)
	}
	return a
}

// fieldSetQueries are queries of field terms only: ranges, topics,
// negations, text fields, values missing, sets, empty results; set marks
// those the sets read (every term from an index, and broad enough).
var fieldSetQueries = []struct {
	q   string
	set bool
}{
	{"quality:>50 date:>=2018", true},
	{"quality:>50 date:2021", false}, // a narrow year in this archive
	{"quality:>30 heat:<70", true},
	{"quality:20..80 heat:10..90 date:>=2017", true},
	{"quality:>10 -category:blog", true},
	{"-category:blog quality:<90", true},
	{"topic:Wide quality:>20", true},
	{"topic:Wide -topic:AI quality:>5", true},
	{"quality:>20 -topic:AI -topic:Health", true},
	{"-topic:Wide quality:<50", true},
	{"topic:AI quality:>20", false}, // SQLite's plan driven by a narrow topic
	{"(topic:Wide OR topic:AI) quality:>20", true},
	{"-type:blog published:yes", true},
	{"published:no type:article quality:>0", true},
	{"quality:>20 set:picked", false},  // a narrow set
	{"quality:>10 set:good", false},    // a smart set: a group
	{"quality:>100 heat:>0", false},    // empty: a narrow term
	{"date:<2000 quality:>0", true},    // empty; SQLite drives from quality
	{"quality:=37 heat:>50", false},    // narrow
	{"quality:>50", false},             // one term
	{"quality:>50 OR heat:>50", false}, // an OR
	{"has:body quality:>10", false},    // a term without an index
	{"quality:>50 brain", false},       // a full-text word
	{"-quality:>50 -heat:<30", false},  // negations only
	{"quality:>0 heat:>0 date:>=2015", true},
}

// TestFieldSetEqualsTheQuery checks, for every query of fieldSetQueries,
// that Count, IDs (in id order and every indexed order, both ways,
// Reverse, Offset and Limit) and the pages at both ends read after the
// count equal what the plain query gives, and that the field sets were read
// for the queries marked so and only for them.
func TestFieldSetEqualsTheQuery(t *testing.T) {
	t.Parallel()
	if raceEnabled {
		t.Skip("one goroutine over SQL only, where the race detector finds nothing: make test runs it without -race")
	}
	a := fieldSetArchive(t)
	sorts := []string{"id"}
	seen := map[string]bool{}
	for _, f := range slices.Sorted(maps.Keys(indexedSorts)) {
		if k := sortKeys[f].expr; !seen[k] {
			seen[k] = true
			sorts = append(sorts, f)
		}
	}
	sorts = append(sorts, "excerpt") // no index: the plain query
	for _, c := range fieldSetQueries {
		where, args, err := a.where(ctx, a.db, c.q)
		if err != nil {
			t.Fatal(err)
		}
		want := queryCount(t, a, c.q)
		got, err := a.Count(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Count(%q) = %d, query %d", c.q, got, want)
		}
		if kept := fieldSetKept(t, a, where, args); kept != c.set {
			t.Errorf("Count(%q): field set read %v, want %v", c.q, kept, c.set)
		}
		sorts := sorts
		if !c.set { // the plain query's own: a few orders
			sorts = []string{"id", "title", "excerpt"}
		}
		for _, f := range sorts {
			for _, dir := range []string{"", "-"} {
				for _, at := range []ListOptions{{}, {Reverse: true}, {Offset: 7, Limit: 30}, {Reverse: true, Offset: 11, Limit: 200}, {Offset: 5000}} {
					opts := at
					opts.Query, opts.Sort = c.q, dir+f
					q, qargs, err := a.selectSQL(ctx, "a.id", "article a", opts)
					if err != nil {
						t.Fatal(err)
					}
					want, err := queryIDs(ctx, a.db, q, qargs)
					if err != nil {
						t.Fatal(err)
					}
					got, err := a.IDs(ctx, opts)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) {
						t.Errorf("IDs(%q) sorted %q at %+v: %v, query %v", c.q, opts.Sort, at, got, want)
					}
					if opts.Limit == 0 {
						continue
					}
					if got, want := listPage(t, a, opts), sqlPage(t, a, opts); !sameRows(got, want) {
						t.Errorf("List(%q) sorted %q at %+v: %v, query %v", c.q, opts.Sort, at, rowIDs(got), rowIDs(want))
					}
				}
			}
		}
	}
}

// fieldSetKept reports whether a field set of where is kept now.
func fieldSetKept(t *testing.T, a *Archive, where string, args []any) bool {
	t.Helper()
	var seq int64
	if err := a.db.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		t.Fatal(err)
	}
	return a.keptMatchSet(fieldSetKey(where, args), seq) != nil
}

// TestFieldSetFollowsWrites checks that a kept field set is not used once
// the archive changed: the count after an edit, a deletion and an insert is
// the query's.
func TestFieldSetFollowsWrites(t *testing.T) {
	t.Parallel()
	a := fieldSetArchive(t)
	const q = "quality:>30 heat:<70"
	count := func() (got, want int) {
		t.Helper()
		got, err := a.Count(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return got, queryCount(t, a, q)
	}
	before, _ := count()
	ids, err := a.IDs(ctx, ListOptions{Query: q, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Edit(ctx, ids[:1], func(_ int64, doc *seedfile.Document) (bool, error) {
		return true, doc.Set("quality", 0)
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := count(); got != want || got != before-1 {
		t.Errorf("after an edit: %d, query %d, before %d", got, want, before)
	}
	if _, err := a.Delete(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	if got, want := count(); got != want || got != before-2 {
		t.Errorf("after a deletion: %d, query %d, before %d", got, want, before)
	}
	insert(t, a, seed{title: "new", quality: "50", extra: "heat: 10\n"})
	if got, want := count(); got != want || got != before-1 {
		t.Errorf("after an insert: %d, query %d, before %d", got, want, before)
	}
}

// TestSplitAnd checks the split of a compiled condition at its top-level
// ANDs: a BETWEEN's AND, parentheses and string literals kept whole, an
// OR or unbalanced parentheses refused.
func TestSplitAnd(t *testing.T) {
	for _, tc := range []struct {
		where string
		parts []string
		ok    bool
	}{
		{"a.x = ?", []string{"a.x = ?"}, true},
		{"a.x = ? AND a.y > ?", []string{"a.x = ?", "a.y > ?"}, true},
		{"a.q BETWEEN ? AND ? AND a.y > ?", []string{"a.q BETWEEN ? AND ?", "a.y > ?"}, true},
		{"(a.d >= ? AND a.d < ?) AND NOT (a.t IN (1, 2))", []string{"(a.d >= ? AND a.d < ?)", "NOT (a.t IN (1, 2))"}, true},
		{"a.x = ' AND ' AND a.y = 1", []string{"a.x = ' AND '", "a.y = 1"}, true},
		{"a.x = ? OR a.y = ?", nil, false},
		{"(a.x = ? OR a.y = ?) AND a.z = ?", []string{"(a.x = ? OR a.y = ?)", "a.z = ?"}, true},
		{"(a.x = ?", nil, false},
		{"a.x = ?)", nil, false},
		{"a.x = ')' AND a.y = 'it''s (' AND a.z = 1", []string{"a.x = ')'", "a.y = 'it''s ('", "a.z = 1"}, true},
		{"a.x = 'open AND a.y = 1", nil, false},
	} {
		parts, ok := splitAnd(tc.where)
		if ok != tc.ok || !slices.Equal(parts, tc.parts) {
			t.Errorf("splitAnd(%q) = %q, %v; want %q, %v", tc.where, parts, ok, tc.parts, tc.ok)
		}
	}
}

func TestWraps(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"(a.x = 1)", true},
		{"(a.x IN (1, 2))", true},
		{"(a.x = ')')", true},
		{"(a.x = 1) AND (a.y = 2)", false},
		{"(a.x = 1", false},
		{"a.x = 1", false},
	} {
		if got := wraps(tc.s); got != tc.want {
			t.Errorf("wraps(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestEachListedBit checks the parse of group_concat's list of ids: each
// id's bit set, and a list that is not ids in 0..top refused.
func TestEachListedBit(t *testing.T) {
	for _, c := range []struct {
		list string
		ids  []int64
		ok   bool
	}{
		{"", nil, true},
		{"0", []int64{0}, true},
		{"3,64,129,5", []int64{3, 5, 64, 129}, true},
		{"130", nil, false}, // past top
		{"99999999999999999999999", nil, false},
		{"5,", nil, false},
		{",5", nil, false},
		{"1,,2", nil, false},
		{"-1", nil, false},
		{"1.5", nil, false},
		{"1, 2", nil, false},
	} {
		set := make([]uint64, 3)
		err := eachListedBit(c.list, 129, set)
		if (err == nil) != c.ok {
			t.Errorf("eachListedBit(%q): error %v, want ok %v", c.list, err, c.ok)
			continue
		}
		if !c.ok {
			continue
		}
		var ids []int64
		for k, w := range set {
			for ; w != 0; w &= w - 1 {
				ids = append(ids, int64(k*64+bits.TrailingZeros64(w)))
			}
		}
		if !slices.Equal(ids, c.ids) {
			t.Errorf("eachListedBit(%q) = %v, want %v", c.list, ids, c.ids)
		}
	}
}
