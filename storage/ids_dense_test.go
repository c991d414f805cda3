package storage

import (
	"slices"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestEveryIDInIDOrder: the ids of every article in id order, listed from
// the kept count when they are one run (denseIDs) and by merging the runs
// of article_edited when they have gaps, equal SQLite's own order, both
// ways, with Offset and Limit, for an archive with edited articles.
func TestEveryIDInIDOrder(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insertCorpus(t, a, 60, 5)
	editAll(t, a, []int64{3, 17, 41, 59}, func(doc *seedfile.Document) error { return doc.Set("title", "Edited") })
	want := func(desc bool) []int64 {
		q := `SELECT id FROM article NOT INDEXED ORDER BY id`
		if desc {
			q += " DESC"
		}
		ids, err := queryIDs(ctx, a.db, q, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	check := func(state string, dense bool) {
		t.Helper()
		if _, ok, err := a.denseIDs(ctx, ListOptions{}, false); err != nil || ok != dense {
			t.Fatalf("%s: denseIDs ok = %v (%v), want %v", state, ok, err, dense)
		}
		for _, c := range []struct {
			sort          string
			reverse       bool
			offset, limit int
		}{
			{"", false, 0, 0}, {"id", false, 0, 0}, {"-id", false, 0, 0}, {"", true, 0, 0}, {"-", true, 0, 0},
			{"", false, 10, 0}, {"", false, 10, 7}, {"-id", false, 5, 3}, {"", true, 2, 4}, {"", false, 1000, 5},
		} {
			opts := ListOptions{Sort: c.sort, Reverse: c.reverse, Offset: c.offset, Limit: c.limit}
			got, err := a.IDs(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			w := want((c.sort == "-id" || c.sort == "-") != c.reverse)
			w = w[min(c.offset, len(w)):]
			if c.limit > 0 {
				w = w[:min(c.limit, len(w))]
			}
			if !slices.Equal(got, w) && len(got)+len(w) > 0 {
				t.Errorf("%s: IDs(%+v) = %v\nwant %v", state, opts, got, w)
			}
		}
	}
	if ids, _ := queryIDs(ctx, a.db, `SELECT id FROM article WHERE edited <> 0`, nil); len(ids) != 4 {
		t.Fatalf("edited articles %v, want 4", ids)
	}
	check("no gaps", true)
	if _, err := a.Delete(ctx, 1, 30, 60); err != nil {
		t.Fatal(err)
	}
	check("after deleting the first, a middle and the last", false)
	if _, err := a.Delete(ctx, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29); err != nil {
		t.Fatal(err)
	}
	check("one run again, not from 1", true)
	var all []int64
	for id := int64(31); id < 60; id++ {
		all = append(all, id)
	}
	if _, err := a.Delete(ctx, all...); err != nil {
		t.Fatal(err)
	}
	if ids, err := a.IDs(ctx, ListOptions{}); err != nil || len(ids) != 0 {
		t.Errorf("empty archive: IDs = %v (%v)", ids, err)
	}
}
