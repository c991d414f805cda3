package gui

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

// gatedRows counts its rows only once count is closed, and lists their ids
// only once open is closed (a slow count and id listing).
type gatedRows struct {
	fakeRows
	count, open chan struct{}
}

func newGatedRows(n int) gatedRows {
	return gatedRows{fakeRows{N: n}, make(chan struct{}), make(chan struct{})}
}

func (g gatedRows) Count(ctx context.Context, q string) (int, error) {
	select {
	case <-g.count:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return g.fakeRows.Count(ctx, q)
}

func (g gatedRows) IDs(ctx context.Context, o storage.ListOptions) ([]int64, error) {
	select {
	case <-g.open:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.fakeRows.IDs(ctx, o)
}

// newTestTable returns the article table as a view of p's results.
func newTestTable(p *table.Pager, cols []string) (*results, *table.Table) {
	res := newResults(p)
	tb := table.New(res, cols, nil)
	res.watch(tableView{tb})
	return res, tb
}

func TestTableSelectionWaitsForTheIDs(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	src := newGatedRows(5000)
	close(src.count)
	p := table.NewPager(src, tk)
	res, tb := newTestTable(p, []string{"title", "quality"})
	w := test.NewTempWindow(t, tb.View())
	w.Resize(fyne.NewSize(900, 600))
	shown := false
	p.Load(storage.ListOptions{}, 0, 50, true, func(error) { shown = true; res.changed(loadKeep) })
	drainUntil(t, q, func() bool { return shown })
	if got := shownCells(tb, 0)[2]; got != "Article 3" {
		t.Fatalf("row 2 shows %q before the ids are listed", got)
	}

	// A click on a row read is at once, and so is a range between rows
	// read; a range to a row not read and Select All wait for the ids.
	res.SelectRow(2, 0)
	if len(res.sel) != 1 || !res.sel[3] || res.cursor != 2 {
		t.Fatalf("a click before the ids were listed: %v selected, cursor %d; want id 3 at row 2", res.sel, res.cursor)
	}
	res.SelectRow(5, fyne.KeyModifierShift)
	if len(res.sel) != 4 || !res.sel[3] || !res.sel[6] || res.cursor != 5 {
		t.Fatalf("a range between rows read: %v selected, cursor %d; want ids 3-6, cursor 5", res.sel, res.cursor)
	}
	drainUntil(t, q, func() bool { return res.Counted() }) // row 4000 is a match, not read
	res.SelectRow(4000, fyne.KeyModifierShift)
	res.SelectAll()
	if len(res.sel) != 4 || res.cursor != 5 {
		t.Fatalf("a range to a row not read changed the selection before the ids were listed: %d selected, cursor %d", len(res.sel), res.cursor)
	}
	close(src.open)
	settle(t, tk, q)
	if len(res.sel) != 5000 || res.cursor != 4000 || res.curID != 4001 {
		t.Errorf("after listing: %d selected, cursor %d (id %d); want all, 4000 (4001)", len(res.sel), res.cursor, res.curID)
	}
	if ids := res.selectedIDs(); len(ids) != 5000 || ids[0] != 1 || ids[4999] != 5000 {
		t.Errorf("selectedIDs: %d, in order %v", len(ids), len(ids) > 0 && ids[0] == 1)
	}
}

// listLog is a row source that records how its pages were read.
type listLog struct {
	gatedRows
	reads *[]storage.ListOptions
}

func (l listLog) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	*l.reads = append(*l.reads, o)
	return l.gatedRows.List(ctx, o)
}

func TestEndBeforeTheIDsReadsTheLastPageBackwards(t *testing.T) {
	for _, tc := range []struct {
		name  string
		press func(tb *table.Table)
	}{
		{"End", func(tb *table.Table) { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }},
		{"Ctrl+End", func(tb *table.Table) { tb.Grid().TypedShortcut(&desktopShortcutEnd) }},
	} {
		test.NewTempApp(t)
		tk, q := testTasks()
		var mu sync.Mutex
		var reads []storage.ListOptions
		src := listLog{newGatedRows(5000), &reads}
		p := table.NewPager(lockedSource{src, &mu}, tk)
		res, tb := newTestTable(p, []string{"title"})
		w := test.NewTempWindow(t, tb.View())
		w.Resize(fyne.NewSize(900, 600))
		shown := false
		p.Load(storage.ListOptions{}, 0, 50, true, func(error) { shown = true; res.changed(loadKeep) })
		drainUntil(t, q, func() bool { return shown })
		tc.press(tb) // 200 rows read, not yet counted
		close(src.count)
		// The ids are never listed: End lands on the last match all the same.
		drainUntil(t, q, func() bool { return res.cursor == 4999 })
		if res.curID != 5000 || res.Listed() || res.Row(4999) == nil {
			t.Errorf("%s: cursor on id %d, listed %v, row in memory %v; want 5000 before the listing",
				tc.name, res.curID, res.Listed(), res.Row(4999) != nil)
		}
		mu.Lock()
		last := reads[len(reads)-1]
		mu.Unlock()
		if !last.Reverse || last.Offset != 0 || last.Limit != 200 {
			t.Errorf("%s: last page read with %+v, want the last 200 rows backwards", tc.name, last)
		}
		close(src.open)
		settle(t, tk, q)
		if res.cursor != 4999 || res.curID != 5000 || !res.Listed() {
			t.Errorf("%s: after the listing, cursor %d (id %d)", tc.name, res.cursor, res.curID)
		}
	}
}

// lockedSource serializes a source's reads (listLog's log is not safe for
// the pager's concurrent reads).
type lockedSource struct {
	listLog
	mu *sync.Mutex
}

func (l lockedSource) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.listLog.List(ctx, o)
}

func TestEndRightAfterASearchGoesToTheLastMatch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		press func(tb *table.Table)
	}{
		{"End", func(tb *table.Table) { tb.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }},
		{"Ctrl+End", func(tb *table.Table) { tb.Grid().TypedShortcut(&desktopShortcutEnd) }},
	} {
		test.NewTempApp(t)
		tk, q := testTasks()
		src := newGatedRows(5000)
		p := table.NewPager(src, tk)
		res, tb := newTestTable(p, []string{"title"})
		w := test.NewTempWindow(t, tb.View())
		w.Resize(fyne.NewSize(900, 600))
		shown := false
		p.Load(storage.ListOptions{}, 0, 50, true, func(error) { shown = true; res.changed(loadKeep) })
		drainUntil(t, q, func() bool { return shown })
		tc.press(tb) // 200 rows read, not yet counted
		close(src.count)
		close(src.open)
		settle(t, tk, q)
		if res.cursor != 4999 || res.curID != 5000 {
			t.Errorf("%s landed on row %d (id %d), want 4999", tc.name, res.cursor, res.curID)
		}
	}
}
