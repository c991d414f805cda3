package gui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
		res := fetchResult(context.Background(), src, storage.ListOptions{}, tc.firstRow, tc.rows, nil)
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

// gatedRows counts its rows only once count is closed, and lists their ids
// only once open is closed (a slow count and id listing); ids counts the
// listings asked for.
type gatedRows struct {
	fakeRows
	count, open chan struct{}
	listings    *atomic.Int32
}

func newGatedRows(n int) gatedRows {
	return gatedRows{fakeRows{n}, make(chan struct{}), make(chan struct{}), new(atomic.Int32)}
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
	g.listings.Add(1)
	select {
	case <-g.open:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.fakeRows.IDs(ctx, o)
}

// loggedRows records when each read starts and ends; reads take a moment,
// so two that run together overlap in the log.
type loggedRows struct {
	fakeRows
	mu  sync.Mutex
	log []string
}

func (l *loggedRows) read(name string, f func()) {
	l.mu.Lock()
	l.log = append(l.log, "start "+name)
	l.mu.Unlock()
	time.Sleep(5 * time.Millisecond)
	f()
	l.mu.Lock()
	l.log = append(l.log, "end "+name)
	l.mu.Unlock()
}

func (l *loggedRows) Count(ctx context.Context, q string) (n int, err error) {
	l.read("count", func() { n, err = l.fakeRows.Count(ctx, q) })
	return n, err
}

func (l *loggedRows) IDs(ctx context.Context, o storage.ListOptions) (ids []int64, err error) {
	l.read("ids", func() { ids, err = l.fakeRows.IDs(ctx, o) })
	return ids, err
}

func (l *loggedRows) List(ctx context.Context, o storage.ListOptions) (rows []storage.Row, err error) {
	l.read(fmt.Sprintf("page %d", o.Offset/pageSize), func() { rows, err = l.fakeRows.List(ctx, o) })
	return rows, err
}

// A quick load runs its reads one after another, so that a search for a
// common prefix has one FTS5 merge in memory at a time, not three: the
// pages (two read together: the rows shown span them), then the count, then
// the ids.
func TestQuickLoadReadsOneThingAtATime(t *testing.T) {
	src := &loggedRows{fakeRows: fakeRows{1000}}
	var shown, counted bool
	hooks := &quickHooks{
		show:  func(res loadResult) { shown = !res.counted && res.n == 2*pageSize },
		count: func(n int) { counted = shown && n == 1000 },
	}
	res := fetchResult(context.Background(), src, storage.ListOptions{}, pageSize-10, 20, hooks)
	if res.err != nil || len(res.ids) != 1000 || !shown || !counted {
		t.Fatalf("%d ids, %v; rows shown uncounted %v, then counted %v", len(res.ids), res.err, shown, counted)
	}
	at := func(event string) int {
		i := slices.Index(src.log, event)
		if i < 0 {
			t.Fatalf("no %q in the reads %q", event, src.log)
		}
		return i
	}
	pagesRead := max(at("end page 0"), at("end page 1"))
	if len(src.log) != 8 || at("start count") < pagesRead || at("start ids") < at("end count") {
		t.Errorf("reads %q: want both pages read, then the count, then the ids", src.log)
	}
}

func TestQuickLoadShowsRowsThenCountsThenLists(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	src := newGatedRows(5000)
	p := newPager(src, tk)
	counted, listed := 0, 0
	p.onCounted = func() { counted++ }
	p.onListed = func() { listed++ }
	shown := false
	p.load(storage.ListOptions{}, 0, 30, true, func(err error) { shown = err == nil })
	drainUntil(t, q, func() bool { return shown })

	if p.counted() || p.listed() || p.len() != pageSize {
		t.Fatalf("first rows: counted %v, listed %v, %d rows; want the %d rows read", p.counted(), p.listed(), p.len(), pageSize)
	}
	if r := p.row(29); r == nil || r.Title != "Article 30" || p.id(29) != 30 || p.rowOf(30) != 29 {
		t.Errorf("row 29 = %+v, id %d, rowOf(30) = %d", r, p.id(29), p.rowOf(30))
	}
	if p.id(4000) != 0 || p.rowOf(4001) != -1 || p.allIDs() != nil {
		t.Errorf("rows past the pages read are known before the ids: id %d, row %d", p.id(4000), p.rowOf(4001))
	}

	close(src.count)
	drainUntil(t, q, func() bool { return counted == 1 })
	if !p.counted() || p.listed() || p.len() != 5000 {
		t.Fatalf("counted: counted %v, listed %v, %d rows", p.counted(), p.listed(), p.len())
	}
	ran := false
	p.whenListed(func() { ran = true })
	if ran {
		t.Fatal("whenListed ran before the ids arrived")
	}

	close(src.open)
	settle(t, tk, q)
	if !p.listed() || !ran || listed != 1 || counted != 1 || p.rowOf(4001) != 4000 || p.id(4999) != 5000 {
		t.Errorf("after listing: listed %v, waiting ran %v, onListed %d, onCounted %d times, rowOf(4001) = %d",
			p.listed(), ran, listed, counted, p.rowOf(4001))
	}
	ranNow := false
	p.whenListed(func() { ranNow = true })
	if !ranNow {
		t.Error("whenListed did not run at once on a listed result")
	}
}

func TestQuickLoadSupersededDropsWhatWaited(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	src := newGatedRows(5000)
	p := newPager(src, tk)
	shown := false
	p.load(storage.ListOptions{}, 0, 30, true, func(error) { shown = true })
	drainUntil(t, q, func() bool { return shown })
	ran := false
	p.whenListed(func() { ran = true })

	p.src = fakeRows{3000} // the archive another load reads
	p.load(storage.ListOptions{Query: "other"}, 0, 30, false, nil)
	settle(t, tk, q) // the first count and listing are cancelled with their load
	close(src.count)
	close(src.open)
	settle(t, tk, q)
	if ran || p.len() != 3000 || !p.listed() {
		t.Errorf("waiting func ran %v; shown %d rows, listed %v", ran, p.len(), p.listed())
	}
}

func TestResultShorterThanAPageIsWholeAtOnce(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	src := newGatedRows(pageSize - 1) // counting and listing would block
	p := newPager(src, tk)
	calls := 0
	p.load(storage.ListOptions{}, 0, 30, true, func(error) {
		calls++
		if !p.listed() || !p.counted() {
			t.Error("a result shorter than a page was shown incomplete")
		}
	})
	settle(t, tk, q)
	if calls != 1 || p.len() != pageSize-1 || src.listings.Load() != 0 {
		t.Errorf("done called %d times, %d rows, %d id listings", calls, p.len(), src.listings.Load())
	}
	if got := p.allIDs(); len(got) != pageSize-1 || got[0] != 1 || got[pageSize-2] != pageSize-1 {
		t.Errorf("ids %d", len(got))
	}
}

func TestTableSelectionWaitsForTheIDs(t *testing.T) {
	test.NewTempApp(t)
	tk, q := testTasks()
	src := newGatedRows(5000)
	close(src.count)
	p := newPager(src, tk)
	tb := newArticleTable(newResults(p), []string{"title", "quality"}, nil)
	w := test.NewTempWindow(t, tb.view)
	w.Resize(fyne.NewSize(900, 600))
	shown := false
	p.load(storage.ListOptions{}, 0, 50, true, func(error) { shown = true; tb.res.changed(loadKeep) })
	drainUntil(t, q, func() bool { return shown })
	if got := shownCells(tb, 0)[2]; got != "Article 3" {
		t.Fatalf("row 2 shows %q before the ids are listed", got)
	}

	tb.res.selectRow(2, 0)
	tb.res.selectRow(5, fyne.KeyModifierShift)
	tb.res.selectAll()
	if len(tb.res.sel) != 0 || tb.res.cursor != -1 {
		t.Fatalf("selection changed before the ids were listed: %d selected, cursor %d", len(tb.res.sel), tb.res.cursor)
	}
	close(src.open)
	settle(t, tk, q)
	if len(tb.res.sel) != 5000 || tb.res.cursor != 5 || tb.res.curID != 6 {
		t.Errorf("after listing: %d selected, cursor %d (id %d); want all, 5 (6)", len(tb.res.sel), tb.res.cursor, tb.res.curID)
	}
	if ids := tb.res.selectedIDs(); len(ids) != 5000 || ids[0] != 1 || ids[4999] != 5000 {
		t.Errorf("selectedIDs: %d, in order %v", len(ids), len(ids) > 0 && ids[0] == 1)
	}
}

func TestEndRightAfterASearchGoesToTheLastMatch(t *testing.T) {
	for _, tc := range []struct {
		name  string
		press func(tb *articleTable)
	}{
		{"End", func(tb *articleTable) { tb.typedKey(&fyne.KeyEvent{Name: fyne.KeyEnd}) }},
		{"Ctrl+End", func(tb *articleTable) { tb.grid.TypedShortcut(&desktopShortcutEnd) }},
	} {
		test.NewTempApp(t)
		tk, q := testTasks()
		src := newGatedRows(5000)
		p := newPager(src, tk)
		tb := newArticleTable(newResults(p), []string{"title"}, nil)
		w := test.NewTempWindow(t, tb.view)
		w.Resize(fyne.NewSize(900, 600))
		shown := false
		p.load(storage.ListOptions{}, 0, 50, true, func(error) { shown = true; tb.res.changed(loadKeep) })
		drainUntil(t, q, func() bool { return shown })
		tc.press(tb) // 200 rows read, not yet counted
		close(src.count)
		close(src.open)
		settle(t, tk, q)
		if tb.res.cursor != 4999 || tb.res.curID != 5000 {
			t.Errorf("%s landed on row %d (id %d), want 4999", tc.name, tb.res.cursor, tb.res.curID)
		}
	}
}

// sizedRows is a row source whose size changes between loads (an import or
// a delete while searching): ids 1..n, Count and IDs agree with List.
type sizedRows struct{ n *atomic.Int32 }

func (s sizedRows) Count(context.Context, string) (int, error) { return int(s.n.Load()), nil }
func (s sizedRows) IDs(ctx context.Context, o storage.ListOptions) ([]int64, error) {
	return fakeRows{int(s.n.Load())}.IDs(ctx, o)
}
func (s sizedRows) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	return fakeRows{int(s.n.Load())}.List(ctx, o)
}

// Random sequences of quick and full loads, reads of rows and waiting
// callbacks, some superseding others, always end in a listed result whose
// rows are its ids, and every callback that waited runs once at most.
func TestPagerRandomLoadsEndConsistent(t *testing.T) {
	test.NewTempApp(t)
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 15 {
		tk, q := testTasks()
		var size atomic.Int32
		size.Store(int32(rng.IntN(3000)))
		p := newPager(sizedRows{&size}, tk)
		ran := map[int]int{}
		for step := range 12 {
			switch rng.IntN(5) {
			case 0, 1:
				size.Store(int32(rng.IntN(3000)))
				p.load(storage.ListOptions{Query: fmt.Sprint(round, step)}, rng.IntN(400), 30, rng.IntN(2) == 0, nil)
			case 2:
				if n := p.len(); n > 0 {
					p.row(rng.IntN(n))
				}
			case 3:
				k := step
				p.whenListed(func() { ran[k]++ })
			case 4:
				settle(t, tk, q)
			}
			if rng.IntN(3) == 0 {
				for len(q) > 0 {
					(<-q)()
				}
			}
		}
		settle(t, tk, q)
		n := int(size.Load())
		if !p.listed() || !p.counted() || p.len() != len(p.allIDs()) {
			t.Fatalf("round %d: listed %v, counted %v, len %d, %d ids", round, p.listed(), p.counted(), p.len(), len(p.allIDs()))
		}
		if p.len() != n && p.opts.Query != "" {
			// The last load read the size set just before it.
			t.Fatalf("round %d: %d rows, the source has %d", round, p.len(), n)
		}
		for i := 0; i < p.len(); i += 97 {
			r := p.row(i)
			if r == nil {
				settle(t, tk, q)
				r = p.row(i)
			}
			if r == nil || r.ID != p.id(i) || p.rowOf(r.ID) != i {
				t.Fatalf("round %d: row %d = %+v, id %d", round, i, r, p.id(i))
			}
		}
		for k, c := range ran {
			if c > 1 {
				t.Errorf("round %d: waiting func %d ran %d times", round, k, c)
			}
		}
	}
}
