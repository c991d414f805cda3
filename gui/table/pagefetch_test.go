package table

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// readLog is a source of n fake rows that notes how each page was read.
type readLog struct {
	fakeRows
	mu    sync.Mutex
	reads []string
}

func (r *readLog) note(read string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads = append(r.reads, read)
}

func (r *readLog) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	r.note(fmt.Sprintf("list reverse=%v offset=%d limit=%d", o.Reverse, o.Offset, o.Limit))
	return r.fakeRows.List(ctx, o)
}

func (r *readLog) RowsByID(ctx context.Context, ids []int64) ([]storage.Row, error) {
	r.note(fmt.Sprintf("ids %d..%d", ids[0], ids[len(ids)-1]))
	return r.fakeRows.RowsByID(ctx, ids)
}

// fetchPage reads a page at any position at the cost of one near the top:
// by its ids once listed, backwards from the end past the middle of a
// counted result; only an uncounted result is read by OFFSET. Each way
// gives the rows OFFSET gives.
func TestFetchPageReadsWithoutADeepOffset(t *testing.T) {
	const n = 1050 // the last page holds 50 rows
	ids, _ := fakeRows{N: n}.IDs(context.Background(), storage.ListOptions{})
	listed := extent{ids: storage.IDListOf(ids), listed: true, total: n}
	counted := extent{total: n}
	for _, tc := range []struct {
		name string
		page int
		ext  extent
		read string
	}{
		{"listed: first", 0, listed, "ids 1..200"},
		{"listed: middle", 2, listed, "ids 401..600"},
		{"listed: last", 5, listed, "ids 1001..1050"},
		{"listed: past the end", 6, listed, ""},
		{"counted: first half by offset", 2, counted, "list reverse=false offset=400 limit=200"},
		{"counted: last from the end", 5, counted, "list reverse=true offset=0 limit=50"},
		{"counted: one before the last", 4, counted, "list reverse=true offset=50 limit=200"},
		{"counted: past the end", 6, counted, ""},
		{"not counted: by offset", 5, unknown, "list reverse=false offset=1000 limit=200"},
	} {
		src := &readLog{fakeRows: fakeRows{N: n}}
		rows, err := fetchPage(context.Background(), src, storage.ListOptions{}, tc.page, tc.ext)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := fakeRows{N: n}.List(context.Background(), storage.ListOptions{Offset: tc.page * PageSize, Limit: PageSize})
		if !reflect.DeepEqual(rows, want) {
			t.Errorf("%s: %d rows from id %v, want %d", tc.name, len(rows), firstID(rows), len(want))
		}
		var reads []string
		if tc.read != "" {
			reads = []string{tc.read}
		}
		if !slices.Equal(src.reads, reads) {
			t.Errorf("%s: read %v, want %v", tc.name, src.reads, reads)
		}
	}
}

// A listed result reads a row scrolled to far down by its ids.
func TestPagerReadsADeepRowByItsIDs(t *testing.T) {
	tk, q := testTasks()
	src := &readLog{fakeRows: fakeRows{N: 100_000}}
	p := NewPager(src, tk)
	p.Load(storage.ListOptions{}, 0, 30, false, nil)
	settle(t, tk, q)
	src.reads = nil
	if p.Row(99_999) != nil {
		t.Fatal("the last page was in memory already")
	}
	settle(t, tk, q)
	if r := p.Row(99_999); r == nil || r.ID != 100_000 {
		t.Fatalf("last row = %+v", r)
	}
	if want := []string{"ids 99801..100000"}; !reflect.DeepEqual(src.reads, want) {
		t.Errorf("reads %v, want %v", src.reads, want)
	}
}

func firstID(rows []storage.Row) any {
	if len(rows) == 0 {
		return nil
	}
	return rows[0].ID
}

// A load that keeps a deep scroll position (an edit, a sort that follows
// the cursor) reads the pages there by their ids once listed, not by OFFSET
// beside the listing; the first few pages are still read beside it.
func TestLoadReadsADeepScreenByItsIDs(t *testing.T) {
	for _, tc := range []struct {
		firstRow int
		reads    []string
	}{
		{190, []string{"list reverse=false offset=0 limit=200", "list reverse=false offset=200 limit=200"}},
		{offsetPages*PageSize + 10, []string{fmt.Sprintf("ids %d..%d", offsetPages*PageSize+1, (offsetPages+1)*PageSize)}},
		{1000*PageSize - 5, []string{fmt.Sprintf("ids %d..%d", 999*PageSize+1, 1000*PageSize)}},
	} {
		src := &readLog{fakeRows: fakeRows{N: 1000 * PageSize}}
		res := fetchResult(context.Background(), src, storage.ListOptions{}, tc.firstRow, 20, nil)
		if res.err != nil || !res.listed {
			t.Fatalf("row %d: %v", tc.firstRow, res.err)
		}
		slices.Sort(src.reads)
		if !slices.Equal(src.reads, tc.reads) {
			t.Errorf("row %d: reads %v, want %v", tc.firstRow, src.reads, tc.reads)
		}
	}
}

// textlessLog is a readLog that also reads rows by id without their text
// fields, as *storage.Archive does.
type textlessLog struct{ readLog }

func (r *textlessLog) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	r.note(fmt.Sprintf("list offset=%d noText=%v", o.Offset, o.NoTextFields))
	return r.fakeRows.List(ctx, o)
}

func (r *textlessLog) RowsByIDNoText(ctx context.Context, ids []int64) ([]storage.Row, error) {
	r.note(fmt.Sprintf("ids %d..%d without text", ids[0], ids[len(ids)-1]))
	return r.fakeRows.RowsByID(ctx, ids)
}

// fetchPage reads without the text fields when asked to (NoTextFields):
// by id through RowsByIDNoText where the source has it, by OFFSET with the
// option passed on; a source without RowsByIDNoText is read by RowsByID.
func TestFetchPageLeavesTheTextFieldsWhenAsked(t *testing.T) {
	const n = 1000
	ids, _ := fakeRows{N: n}.IDs(context.Background(), storage.ListOptions{})
	listed := extent{ids: storage.IDListOf(ids), listed: true, total: n}
	for _, tc := range []struct {
		name     string
		textless bool // the source has RowsByIDNoText
		noText   bool
		ext      extent
		read     string
	}{
		{"listed, text", true, false, listed, "ids 201..400"},
		{"listed, no text", true, true, listed, "ids 201..400 without text"},
		{"listed, no text, a source without", false, true, listed, "ids 201..400"},
		{"not counted, text", true, false, unknown, "list offset=200 noText=false"},
		{"not counted, no text", true, true, unknown, "list offset=200 noText=true"},
	} {
		var src Source
		var log *readLog
		if tc.textless {
			s := &textlessLog{readLog{fakeRows: fakeRows{N: n}}}
			src, log = s, &s.readLog
		} else {
			log = &readLog{fakeRows: fakeRows{N: n}}
			src = log
		}
		if _, err := fetchPage(context.Background(), src, storage.ListOptions{NoTextFields: tc.noText}, 1, tc.ext); err != nil {
			t.Fatal(err)
		}
		if want := []string{tc.read}; !slices.Equal(log.reads, want) {
			t.Errorf("%s: read %v, want %v", tc.name, log.reads, want)
		}
	}
}
