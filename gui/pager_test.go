package gui

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// changingRows serves pages shifted by one id on its first List calls, as if
// an article were inserted between listing the ids and reading the page.
type changingRows struct {
	fakeRows
	shifted atomic.Int32 // List calls still to shift
}

func (c *changingRows) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	rows, err := c.fakeRows.List(ctx, o)
	if c.shifted.Add(-1) >= 0 {
		for i := range rows {
			rows[i].ID++
		}
	}
	return rows, err
}

func TestFetchResultReadsPagesBesideTheIDsAndRechecksThem(t *testing.T) {
	for _, tc := range []struct {
		name            string
		firstRow, rows  int
		shifted         int32
		wantPages       []int
		wantFirstOfPage map[int]int64
	}{
		{"first screen", 0, 50, 0, []int{0}, map[int]int64{0: 1}},
		{"two pages", 190, 30, 0, []int{0, 1}, map[int]int64{0: 1, 1: 201}},
		{"past the end", 5000, 50, 0, []int{4}, map[int]int64{4: 801}},
		{"changed between the reads", 0, 50, 1, []int{0}, map[int]int64{0: 1}},
	} {
		src := &changingRows{fakeRows: fakeRows{1000}}
		src.shifted.Store(tc.shifted)
		res := fetchResult(context.Background(), src, storage.ListOptions{}, tc.firstRow, tc.rows)
		if res.err != nil || len(res.ids) != 1000 {
			t.Fatalf("%s: %d ids, %v", tc.name, len(res.ids), res.err)
		}
		if len(res.pages) != len(tc.wantPages) {
			t.Errorf("%s: pages %v, want %v", tc.name, len(res.pages), tc.wantPages)
		}
		for _, n := range tc.wantPages {
			rows := res.pages[n]
			if !pageMatches(res.ids, n, rows) || rows[0].ID != tc.wantFirstOfPage[n] {
				t.Errorf("%s: page %d does not hold its ids (first %v)", tc.name, n, rows[0].ID)
			}
		}
	}
}
