package storage

import (
	"maps"
	"reflect"
	"slices"
	"testing"
)

// pagingArchive holds generated articles (ties in every sorted column,
// missing values) plus hand-written ones tied on title, quality and date,
// with some articles deleted in between.
func pagingArchive(t *testing.T) *Archive {
	t.Helper()
	a := openTest(t)
	insertCorpus(t, a, 240, 7)
	tied := make([]seed, 12)
	for i := range tied {
		tied[i] = seed{title: "Same brain title", quality: "50", published: "2021-01-01T00:00:00Z",
			provider: "Tied", topics: []string{"AI", "Health"}}
		if i%3 == 0 {
			tied[i].quality, tied[i].published, tied[i].provider, tied[i].topics = "", "", "", nil
		}
	}
	insert(t, a, tied...)
	insertCorpus(t, a, 60, 8)
	ids, err := a.IDs(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var gone []int64
	for i := 3; i < len(ids); i += 17 {
		gone = append(gone, ids[i])
	}
	if _, err := a.Delete(ctx, gone...); err != nil {
		t.Fatal(err)
	}
	return a
}

// pagingQueries are results of every kind the table shows.
var pagingQueries = []string{"", "brain", "study", "topic:AI", "brain topic:Health -category:blog", "quality:>40"}

// TestPageAtEqualsOffset checks, for every sort the table offers (each
// sortable field, both ways) and several queries, that the page read at
// position P by its listed ids (RowsByID) and the page read backwards from
// the end (Reverse) are the page OFFSET P reads.
func TestPageAtEqualsOffset(t *testing.T) {
	t.Parallel()
	a := pagingArchive(t)
	const size = 37 // pages that straddle the ties
	for qi, q := range pagingQueries {
		for fi, f := range SortFields() {
			for di, dir := range []string{"", "-"} {
				if raceSkip(qi+2*fi+di, 3) { // each order with two of the queries
					continue
				}
				opts := ListOptions{Query: q, Sort: dir + f}
				ids, err := a.IDs(ctx, opts)
				if err != nil {
					t.Fatalf("%q sorted %q: %v", q, opts.Sort, err)
				}
				if len(ids) == 0 {
					t.Fatalf("%q matches nothing", q)
				}
				// The rows without their text fields, which come from each
				// row's text whatever the read (TestRowTextFieldsComeFromTheText).
				for p := 0; p < len(ids); p += size {
					want := listPage(t, a, ListOptions{Query: q, Sort: opts.Sort, Offset: p, Limit: size, NoTextFields: true})
					byID, err := a.RowsByIDNoText(ctx, ids[p:min(len(ids), p+size)])
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(byID, want) {
						t.Errorf("%q sorted %q at %d: by id %v, offset %v", q, opts.Sort, p, rowIDs(byID), rowIDs(want))
					}
					n := min(size, len(ids)-p)
					back := listPage(t, a, ListOptions{Query: q, Sort: opts.Sort, Reverse: true, Offset: len(ids) - p - n, Limit: n, NoTextFields: true})
					slices.Reverse(back)
					if !reflect.DeepEqual(back, want) {
						t.Errorf("%q sorted %q at %d: reverse %v, offset %v", q, opts.Sort, p, rowIDs(back), rowIDs(want))
					}
				}
			}
		}
	}
}

// TestRowsByID checks the order of ids is kept, missing ids are left out
// and batches past one statement's bound join up.
func TestRowsByID(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, maxIDsPerQuery+30, 3)
	ids, err := a.IDs(ctx, ListOptions{Sort: "-title"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Delete(ctx, ids[5], ids[maxIDsPerQuery+1]); err != nil {
		t.Fatal(err)
	}
	ask := append([]int64{ids[5], 1 << 40}, ids...)
	rows, err := a.RowsByID(ctx, ask)
	if err != nil {
		t.Fatal(err)
	}
	want := slices.DeleteFunc(slices.Clone(ids), func(id int64) bool { return id == ids[5] || id == ids[maxIDsPerQuery+1] })
	if got := rowIDs(rows); !slices.Equal(got, want) {
		t.Errorf("RowsByID = %d rows %v…, want %d %v…", len(got), got[:5], len(want), want[:5])
	}
	all, err := a.List(ctx, ListOptions{Sort: "-title"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows, all) {
		t.Error("RowsByID rows differ from List's")
	}
	if rows, err := a.RowsByID(ctx, nil); err != nil || len(rows) != 0 {
		t.Errorf("RowsByID(nil) = %v, %v", rows, err)
	}
}

// TestReverseOffsetFromEnd checks Reverse reads the last rows first, the
// offset counting from the end, also under the ids-only fast paths.
func TestReverseOffsetFromEnd(t *testing.T) {
	a := pagingArchive(t)
	for _, q := range []string{"", "brain"} {
		ids, err := a.IDs(ctx, ListOptions{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		back, err := a.IDs(ctx, ListOptions{Query: q, Reverse: true, Offset: 2, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		n := len(ids)
		if want := []int64{ids[n-3], ids[n-4], ids[n-5]}; !slices.Equal(back, want) {
			t.Errorf("%q: reverse ids = %v, want %v", q, back, want)
		}
	}
}

func listPage(t *testing.T, a *Archive, opts ListOptions) []Row {
	t.Helper()
	rows, err := a.List(ctx, opts)
	if err != nil {
		t.Fatalf("list %+v: %v", opts, err)
	}
	return rows
}

func rowIDs(rows []Row) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// TestBroadMatchIDsSorted checks that the ids of a broad full-text match in
// an indexed order, read through a bit set of the match (matchIDsSorted),
// are those the query itself lists, with deleted articles in between.
func TestBroadMatchIDsSorted(t *testing.T) {
	t.Parallel()
	a := broadArchive(t)
	if _, err := a.Delete(ctx, 5, 77, 1500); err != nil {
		t.Fatal(err)
	}
	for qi, q := range []string{"brain", "study"} {
		for fi, f := range slices.Sorted(maps.Keys(indexedSorts)) {
			for _, dir := range []string{"", "-"} {
				if raceSkip(qi+fi, 2) { // each order with one of the queries
					continue
				}
				opts := ListOptions{Query: q, Sort: dir + f}
				list, _, ok, err := a.matchIDsSorted(ctx, opts)
				got := list.int64s(false)
				if err != nil || !ok {
					t.Fatalf("%q sorted %q: ok %v, %v", q, opts.Sort, ok, err)
				}
				rows, err := a.List(ctx, ListOptions{Query: q, Sort: opts.Sort, NoTextFields: true}) // the ids only
				if err != nil {
					t.Fatal(err)
				}
				if want := rowIDs(rows); !slices.Equal(got, want) {
					t.Errorf("%q sorted %q: %d ids, want %d", q, opts.Sort, len(got), len(want))
				}
			}
		}
	}
	// A match with other terms in id order: the ids the other terms select
	// in that order, kept if in the set.
	for _, q := range []string{"brain topic:AI", "study -category:blog quality:>20"} {
		for _, sort := range []string{"", "id", "-id"} {
			opts := ListOptions{Query: q, Sort: sort}
			list, _, ok, err := a.matchIDsSorted(ctx, opts)
			got := list.int64s(false)
			if err != nil || !ok {
				t.Fatalf("%q sorted %q: ok %v, %v", q, sort, ok, err)
			}
			rows, err := a.List(ctx, ListOptions{Query: q, Sort: sort, NoTextFields: true})
			if err != nil {
				t.Fatal(err)
			}
			if want := rowIDs(rows); len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("%q sorted %q: ids %v, want %v", q, sort, got, want)
			}
		}
	}
	for _, opts := range []ListOptions{{Query: "brain", Sort: "excerpt"}, {Query: "brain"}, {Query: "brain", Sort: "-id"}} {
		if _, _, ok, _ := a.matchIDsSorted(ctx, opts); ok {
			t.Errorf("%+v went through the bit set: an order without an index, or a match alone in id order", opts)
		}
	}
}

// TestBroadMatchPagesEqualTheIDs checks the pages of broad full-text
// matches (more than fewMatches articles: in id order, read from the index's
// rowids alone, see selectSQL) near both ends, for every sort both ways: they
// must be the rows of the ids listed by the other plans, in the same order.
func TestBroadMatchPagesEqualTheIDs(t *testing.T) {
	t.Parallel()
	a := broadArchive(t)
	const size = 200
	for qi, q := range []string{"study", "brain"} {
		for fi, f := range SortFields() {
			for _, dir := range []string{"", "-"} {
				if raceSkip(qi+fi, 2) { // each order with one of the queries
					continue
				}
				opts := ListOptions{Query: q, Sort: dir + f}
				ids, err := a.IDs(ctx, opts)
				if err != nil {
					t.Fatal(err)
				}
				if len(ids) < fewMatches {
					t.Fatalf("%q: %d matches, want a broad match", q, len(ids))
				}
				for _, at := range []ListOptions{{Offset: 0}, {Offset: size + 7}, {Reverse: true}, {Reverse: true, Offset: size + 7}} {
					o := opts
					o.Offset, o.Limit, o.Reverse = at.Offset, size, at.Reverse
					o.NoTextFields = true // the ids only
					got := listPage(t, a, o)
					first := o.Offset
					if o.Reverse {
						first = len(ids) - o.Offset - size
						slices.Reverse(got)
					}
					if want := ids[first : first+size]; !slices.Equal(rowIDs(got), want) {
						t.Errorf("%q sorted %q at %+v: %v…, want %v…", q, o.Sort, at, rowIDs(got)[:3], want[:3])
					}
				}
			}
		}
	}
}
