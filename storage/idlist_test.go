package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestIDListAcrossInt32 checks the list keeps 4 bytes an id while every id
// fits in an int32 and turns to 8 bytes, keeping every id before, at the
// first one that does not.
func TestIDListAcrossInt32(t *testing.T) {
	for _, tc := range []struct {
		name string
		list IDList
		ids  []int64
		wide bool
	}{
		{name: "empty", ids: nil},
		{name: "small", ids: []int64{3, 1, 2, math.MaxInt32, math.MinInt32}},
		{name: "above int32 last", ids: []int64{5, math.MaxInt32, math.MaxInt32 + 1}, wide: true},
		{name: "above int32 first", ids: []int64{math.MaxInt32 + 1, 7, 8}, wide: true},
		{name: "below int32", ids: []int64{1, math.MinInt32 - 1, 2}, wide: true},
		{name: "int64 bounds", ids: []int64{math.MaxInt64, math.MinInt64, 0}, wide: true},
		{name: "capacity kept", list: IDList{small: make([]int32, 0, 4)}, ids: []int64{1, 2, 1 << 40, 4}, wide: true},
		{name: "wide from the start", list: wideIDList(2), ids: []int64{1, 2, 3}, wide: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.list
			for _, id := range tc.ids {
				l.add(id)
			}
			if got := l.wide != nil; got != tc.wide {
				t.Errorf("wide %v, want %v", got, tc.wide)
			}
			if l.Len() != len(tc.ids) {
				t.Fatalf("len %d, want %d", l.Len(), len(tc.ids))
			}
			for i, id := range tc.ids {
				if got := l.At(i); got != id {
					t.Errorf("at(%d) = %d, want %d", i, got, id)
				}
			}
			var all []int64
			for i, id := range l.All() {
				if i != len(all) {
					t.Fatalf("All yields row %d after %d ids", i, len(all))
				}
				all = append(all, id)
			}
			if !slices.Equal(all, tc.ids) {
				t.Errorf("All = %v, want %v", all, tc.ids)
			}
			for range l.All() {
				break // stopping early is allowed
			}
			cp := l.int64s(false)
			if !slices.Equal(cp, tc.ids) {
				t.Fatalf("int64s(false) = %v, want %v", cp, tc.ids)
			}
			if len(cp) > 0 {
				cp[0]++ // a copy: the list keeps its ids
				if l.At(0) != tc.ids[0] {
					t.Errorf("int64s(false) shares the list's ids")
				}
			}
			for i := 0; i <= len(tc.ids); i++ {
				if got := l.Int64s(i, len(tc.ids)); !slices.Equal(got, tc.ids[i:]) {
					t.Errorf("Int64s(%d, %d) = %v, want %v", i, len(tc.ids), got, tc.ids[i:])
				}
			}
			// IDListOf is wide only when an id does not fit.
			ofWide := slices.ContainsFunc(tc.ids, func(id int64) bool { return id != int64(int32(id)) })
			if of := IDListOf(tc.ids); of.Len() != len(tc.ids) || (of.wide != nil) != ofWide || !slices.Equal(of.int64s(false), tc.ids) {
				t.Errorf("IDListOf = %+v, want %v (wide %v)", of, tc.ids, ofWide)
			}
			if got := l.int64s(true); !slices.Equal(got, tc.ids) {
				t.Errorf("int64s(true) = %v, want %v", got, tc.ids)
			}
		})
	}
}

// TestCollectIDs checks seed_ids and group_concat hand over a query's ids
// in its order, also ids past int32 and none at all, and refuse an id that
// is not an integer; seed_ids fills each listing's own list, also at once
// on several connections, and refuses a sink no listing registered.
func TestCollectIDs(t *testing.T) {
	t.Parallel()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "ids.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (id INTEGER, k INTEGER, s TEXT)"); err != nil {
		t.Fatal(err)
	}
	ids := []int64{9, math.MaxInt32, math.MaxInt32 + 1, -4, 1 << 40, 3, math.MinInt32 - 1}
	for i, id := range ids {
		if _, err := db.ExecContext(ctx, "INSERT INTO t VALUES (?, ?, 'x')", id, len(ids)-i); err != nil {
			t.Fatal(err)
		}
	}
	for _, read := range []struct {
		name string
		fn   func(context.Context, querier, IDList, string, []any) (IDList, error)
	}{{"seed_ids", collectIDs}, {"group_concat", concatIDs}} {
		for _, tc := range []struct {
			query string
			args  []any
			want  []int64
			wide  bool
		}{
			{query: "SELECT id FROM t ORDER BY k", want: []int64{math.MinInt32 - 1, 3, 1 << 40, -4, math.MaxInt32 + 1, math.MaxInt32, 9}, wide: true},
			{query: "SELECT id FROM t WHERE id BETWEEN ? AND ? ORDER BY id DESC", args: []any{-10, math.MaxInt32}, want: []int64{math.MaxInt32, 9, 3, -4}},
			{query: "SELECT id FROM t WHERE id > ? ORDER BY id", args: []any{1 << 50}, want: nil},
		} {
			got, err := read.fn(ctx, db, IDList{}, tc.query, tc.args)
			if err != nil {
				t.Fatalf("%s: %s: %v", read.name, tc.query, err)
			}
			if !slices.Equal(got.int64s(false), tc.want) || (got.wide != nil) != tc.wide {
				t.Errorf("%s: %s: %v (wide %v), want %v (wide %v)", read.name, tc.query, got.int64s(false), got.wide != nil, tc.want, tc.wide)
			}
		}
		if _, err := read.fn(ctx, db, IDList{}, "SELECT s AS id FROM t", nil); err == nil {
			t.Errorf("%s: text ids: no error", read.name)
		}
		if _, err := read.fn(ctx, db, IDList{}, "SELECT id FROM nosuch", nil); err == nil {
			t.Errorf("%s: no such table: no error", read.name)
		}
	}
	// Listings at once on several connections each fill their own list.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for range 20 {
				got, err := collectIDs(ctx, db, IDList{}, "SELECT id FROM t WHERE k <= ? ORDER BY k", []any{g + 1})
				if want := ids[len(ids)-g-1:]; err != nil || !slices.Equal(got.int64s(false), reversed(want)) {
					t.Errorf("listing %d: %v, %v; want %v", g, got.int64s(false), err, reversed(want))
					return
				}
			}
		})
	}
	wg.Wait()
	var n int64
	if err := db.QueryRowContext(ctx, "SELECT seed_ids(-1, id) FROM t").Scan(&n); err == nil {
		t.Errorf("seed_ids with no sink: %d, want an error", n)
	}
	idSinks.mu.Lock()
	left := len(idSinks.m)
	idSinks.mu.Unlock()
	if left != 0 {
		t.Errorf("%d sinks left registered", left)
	}
}

func reversed(s []int64) []int64 {
	s = slices.Clone(s)
	slices.Reverse(s)
	return s
}

// TestSortOrderAcrossInt32 checks, through group_concat and through
// seed_ids, the kept order of an archive whose ids
// pass 2^31 is kept 8 bytes an id and lists the same ids as List, for
// everything and for a match, both ways.
func TestSortOrderAcrossInt32(t *testing.T) {
	t.Parallel()
	for _, big := range []int{bigListing, 0} {
		t.Run(fmt.Sprint("bigListing ", big), func(t *testing.T) { sortOrderAcrossInt32(t, big) })
	}
}

func sortOrderAcrossInt32(t *testing.T, big int) {
	a := openTest(t)
	a.bigListing = big // 0: every listing through seed_ids
	insertCorpus(t, a, 40, 3)
	rng := corpus.New(4)
	err := a.WriteTx(ctx, func(tx *Tx) error {
		for i := range 6 {
			name, text := corpus.Article(rng, i)
			doc, err := seedfile.Parse(text)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			now := time.Now().UTC().Format(time.RFC3339Nano)
			if _, err := tx.insert(math.MaxInt32-2+int64(i), name, doc.Bytes(), Prepare(doc), now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"", "brain"} {
		for _, sort := range []string{"title", "-title", "quality"} {
			opts := ListOptions{Query: q, Sort: sort}
			got, err := a.IDs(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := a.List(ctx, ListOptions{Query: q, Sort: sort, NoTextFields: true})
			if err != nil {
				t.Fatal(err)
			}
			want := rowIDs(rows)
			if len(want) == 0 || slices.Max(want) <= math.MaxInt32 || !slices.Equal(got, want) {
				t.Errorf("%q sorted %q: %v, want %v (some past 2^31)", q, sort, got, want)
			}
		}
	}
	for _, opts := range []ListOptions{{Sort: "title"}, {Sort: "-id"}, {Query: "brain"}} {
		list, err := a.ListIDs(ctx, opts)
		want, err2 := a.IDs(ctx, opts)
		if err != nil || err2 != nil || !slices.Equal(list.Int64s(0, list.Len()), want) {
			t.Errorf("ListIDs(%+v) = %v, %v; IDs %v, %v", opts, list, err, want, err2)
		}
	}
	a.order.mu.Lock()
	kept := a.order.ids
	a.order.mu.Unlock()
	if kept == nil || kept.wide == nil || kept.Len() != 46 {
		t.Errorf("kept order %+v: want 46 ids, 8 bytes each", kept)
	}
	if _, err := a.IDs(ctx, ListOptions{Sort: "title"}); errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
}

// TestListIDsEqualsIDs checks, through group_concat and through seed_ids,
// ListIDs lists what IDs does, for each way a
// listing is read (dense ids, the kept order, a match's bit set, SQL), and
// that the listing of everything in the kept order is shared by ListIDs
// and copied by IDs, so a caller changing IDs' slice changes nothing kept.
func TestListIDsEqualsIDs(t *testing.T) {
	t.Parallel()
	for _, big := range []int{bigListing, 0} {
		t.Run(fmt.Sprint("bigListing ", big), func(t *testing.T) { listIDsEqualsIDs(t, big) })
	}
}

func listIDsEqualsIDs(t *testing.T, big int) {
	a := broadArchive(t)
	a.bigListing = big // 0: every listing through seed_ids
	for _, opts := range []ListOptions{
		{}, {Sort: "-id"}, {Offset: 5, Limit: 10}, {Sort: "-id", Reverse: true, Offset: 3},
		{Sort: "title"}, {Sort: "-quality"}, {Query: "brain", Sort: "title"}, {Query: "brain topic:AI"},
		{Sort: "excerpt"}, {Query: "topic:AI", Sort: "title", Limit: 7}, {Query: "nosuchword"},
	} {
		list, err := a.ListIDs(ctx, opts)
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		want, err := a.IDs(ctx, opts)
		if err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		if got := list.Int64s(0, list.Len()); !slices.Equal(got, want) || list.wide != nil {
			t.Errorf("%+v: ListIDs %v (wide %v), IDs %v", opts, got, list.wide != nil, want)
		}
	}
	opts := ListOptions{Sort: "title"}
	ids, err := a.IDs(ctx, opts)
	if err != nil || len(ids) < 2 {
		t.Fatalf("IDs: %v, %v", ids, err)
	}
	want := slices.Clone(ids)
	ids[0], ids[1] = -1, -2
	first, err := a.ListIDs(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	second, err := a.ListIDs(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := first.Int64s(0, first.Len()); !slices.Equal(got, want) {
		t.Errorf("the kept order changed with IDs' slice: %v…, want %v…", got[:2], want[:2])
	}
	if &first.small[0] != &second.small[0] {
		t.Errorf("two listings of everything in the kept order do not share it")
	}
}
