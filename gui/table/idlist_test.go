package table

import (
	"context"
	"fmt"
	"math"
	"sync/atomic"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// highRows is a row source of n articles whose ids, from base+1 on, in id
// order, may pass 2^31; listed counts the listings of its ids.
type highRows struct {
	base   int64
	n      int
	listed *atomic.Int32
}

func (h highRows) Count(context.Context, string) (int, error) { return h.n, nil }

func (h highRows) IDs(context.Context, storage.ListOptions) ([]int64, error) {
	h.listed.Add(1)
	ids := make([]int64, h.n)
	for i := range ids {
		ids[i] = h.base + int64(i) + 1
	}
	return ids, nil
}

func (h highRows) List(_ context.Context, o storage.ListOptions) ([]storage.Row, error) {
	var rows []storage.Row
	for i := o.Offset; i < h.n && i < o.Offset+o.Limit; i++ {
		rows = append(rows, highRow(h.base+int64(i)+1))
	}
	return rows, nil
}

func (h highRows) RowsByID(_ context.Context, ids []int64) ([]storage.Row, error) {
	var rows []storage.Row
	for _, id := range ids {
		if id > h.base && id <= h.base+int64(h.n) {
			rows = append(rows, highRow(id))
		}
	}
	return rows, nil
}

func highRow(id int64) storage.Row { return storage.Row{ID: id, Title: fmt.Sprint("Article ", id)} }

// highListRows is highRows that also lists its ids as a storage.IDList,
// counted apart.
type highListRows struct {
	highRows
	idLists *atomic.Int32
}

func (h highListRows) ListIDs(ctx context.Context, o storage.ListOptions) (storage.IDList, error) {
	h.idLists.Add(1)
	ids, err := h.highRows.IDs(ctx, o)
	h.listed.Add(-1) // counted as an IDList listing only
	return storage.IDListOf(ids), err
}

// TestPagerListsIDsAcrossInt32 checks the pager lists a result through
// ListIDs when its source has it, else through IDs, and finds every row and
// id on either side of 2^31 (the list is 4 bytes an id below, 8 from the
// first id past it).
func TestPagerListsIDsAcrossInt32(t *testing.T) {
	for _, tc := range []struct {
		name     string
		base     int64
		withList bool
	}{
		{name: "below int32, IDs", base: 1000},
		{name: "across int32, IDs", base: math.MaxInt32 - 150},
		{name: "below int32, ListIDs", base: 1000, withList: true},
		{name: "across int32, ListIDs", base: math.MaxInt32 - 150, withList: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 500
			var listed, idLists atomic.Int32
			var src Source = highRows{base: tc.base, n: n, listed: &listed}
			if tc.withList {
				src = highListRows{highRows{base: tc.base, n: n, listed: &listed}, &idLists}
			}
			tk, q := testTasks()
			p := NewPager(src, tk)
			loaded := false
			p.Load(storage.ListOptions{Sort: "title"}, 0, 30, false, func(err error) {
				if err != nil {
					t.Error(err)
				}
				loaded = true
			})
			drainUntil(t, q, func() bool { return loaded })
			if !p.Listed() || p.Len() != n || p.IDs().Len() != n {
				t.Fatalf("listed %v, %d rows, %d ids; want %d", p.Listed(), p.Len(), p.IDs().Len(), n)
			}
			wantLists, wantIDs := int32(0), int32(1)
			if tc.withList {
				wantLists, wantIDs = 1, 0
			}
			if idLists.Load() != wantLists || listed.Load() != wantIDs {
				t.Errorf("%d ListIDs and %d IDs calls, want %d and %d", idLists.Load(), listed.Load(), wantLists, wantIDs)
			}
			for _, i := range []int{0, 149, 150, 151, n - 1} {
				id := tc.base + int64(i) + 1
				if got := p.ID(i); got != id {
					t.Errorf("ID(%d) = %d, want %d", i, got, id)
				}
				if got := p.RowOf(id); got != i {
					t.Errorf("RowOf(%d) = %d, want %d", id, got, i)
				}
			}
			if got := p.RowOf(tc.base + n + 1); got != -1 {
				t.Errorf("RowOf an id not listed = %d", got)
			}
			// A page past the first ones is read by its ids.
			p.Row(n - 1)
			drainUntil(t, q, func() bool { return p.Row(n-1) != nil })
			if r := p.Row(n - 1); r.ID != tc.base+n {
				t.Errorf("last row %+v, want id %d", r, tc.base+n)
			}
		})
	}
}
