package table

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

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
		src := &changingRows{fakeRows: fakeRows{N: 1000}}
		src.shifted.Store(tc.shifted)
		res := fetchResult(context.Background(), src, storage.ListOptions{}, tc.firstRow, tc.rows, nil)
		if res.err != nil || res.ids.Len() != 1000 {
			t.Fatalf("%s: %d ids, %v", tc.name, res.ids.Len(), res.err)
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
	return gatedRows{fakeRows{N: n}, make(chan struct{}), make(chan struct{}), new(atomic.Int32)}
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
	l.read(fmt.Sprintf("page %d", o.Offset/PageSize), func() { rows, err = l.fakeRows.List(ctx, o) })
	return rows, err
}

func (l *loggedRows) RowsByID(ctx context.Context, ids []int64) (rows []storage.Row, err error) {
	l.read(fmt.Sprintf("page %d by id", (ids[0]-1)/PageSize), func() { rows, err = l.fakeRows.RowsByID(ctx, ids) })
	return rows, err
}

// A quick load runs its reads one after another, so that a search for a
// common prefix has one FTS5 merge in memory at a time, not three: the
// pages (two read together: the rows shown span them), then the count, then
// the ids.
func TestQuickLoadReadsOneThingAtATime(t *testing.T) {
	src := &loggedRows{fakeRows: fakeRows{N: 1000}}
	var shown, counted bool
	hooks := &quickHooks{
		show:  func(res loadResult) { shown = !res.counted && res.n == 2*PageSize },
		count: func(n int) { counted = shown && n == 1000 },
	}
	res := fetchResult(context.Background(), src, storage.ListOptions{}, PageSize-10, 20, hooks)
	if res.err != nil || res.ids.Len() != 1000 || !shown || !counted {
		t.Fatalf("%d ids, %v; rows shown uncounted %v, then counted %v", res.ids.Len(), res.err, shown, counted)
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
	tk, q := testTasks()
	src := newGatedRows(5000)
	p := NewPager(src, tk)
	counted, listed := 0, 0
	p.OnCounted = func() { counted++ }
	p.OnListed = func() { listed++ }
	shown := false
	p.Load(storage.ListOptions{}, 0, 30, true, func(err error) { shown = err == nil })
	drainUntil(t, q, func() bool { return shown })

	if p.Counted() || p.Listed() || p.Len() != PageSize {
		t.Fatalf("first rows: counted %v, listed %v, %d rows; want the %d rows read", p.Counted(), p.Listed(), p.Len(), PageSize)
	}
	if r := p.Row(29); r == nil || r.Title != "Article 30" || p.ID(29) != 30 || p.RowOf(30) != 29 {
		t.Errorf("row 29 = %+v, id %d, rowOf(30) = %d", r, p.ID(29), p.RowOf(30))
	}
	if p.ID(4000) != 0 || p.RowOf(4001) != -1 || p.IDs().Len() != 0 {
		t.Errorf("rows past the pages read are known before the ids: id %d, row %d", p.ID(4000), p.RowOf(4001))
	}

	close(src.count)
	drainUntil(t, q, func() bool { return counted == 1 })
	if !p.Counted() || p.Listed() || p.Len() != 5000 {
		t.Fatalf("counted: counted %v, listed %v, %d rows", p.Counted(), p.Listed(), p.Len())
	}
	ran := false
	p.WhenListed(func() { ran = true })
	if ran {
		t.Fatal("whenListed ran before the ids arrived")
	}

	close(src.open)
	settle(t, tk, q)
	if !p.Listed() || !ran || listed != 1 || counted != 1 || p.RowOf(4001) != 4000 || p.ID(4999) != 5000 {
		t.Errorf("after listing: listed %v, waiting ran %v, onListed %d, onCounted %d times, rowOf(4001) = %d",
			p.Listed(), ran, listed, counted, p.RowOf(4001))
	}
	ranNow := false
	p.WhenListed(func() { ranNow = true })
	if !ranNow {
		t.Error("whenListed did not run at once on a listed result")
	}
}

func TestQuickLoadSupersededDropsWhatWaited(t *testing.T) {
	tk, q := testTasks()
	src := newGatedRows(5000)
	p := NewPager(src, tk)
	shown := false
	p.Load(storage.ListOptions{}, 0, 30, true, func(error) { shown = true })
	drainUntil(t, q, func() bool { return shown })
	ran := false
	p.WhenListed(func() { ran = true })

	p.SetSource(fakeRows{N: 3000}) // the archive another load reads
	p.Load(storage.ListOptions{Query: "other"}, 0, 30, false, nil)
	settle(t, tk, q) // the first count and listing are cancelled with their load
	close(src.count)
	close(src.open)
	settle(t, tk, q)
	if ran || p.Len() != 3000 || !p.Listed() {
		t.Errorf("waiting func ran %v; shown %d rows, listed %v", ran, p.Len(), p.Listed())
	}
}

func TestResultShorterThanAPageIsWholeAtOnce(t *testing.T) {
	tk, q := testTasks()
	src := newGatedRows(PageSize - 1) // counting and listing would block
	p := NewPager(src, tk)
	calls := 0
	p.Load(storage.ListOptions{}, 0, 30, true, func(error) {
		calls++
		if !p.Listed() || !p.Counted() {
			t.Error("a result shorter than a page was shown incomplete")
		}
	})
	settle(t, tk, q)
	if calls != 1 || p.Len() != PageSize-1 || src.listings.Load() != 0 {
		t.Errorf("done called %d times, %d rows, %d id listings", calls, p.Len(), src.listings.Load())
	}
	if got := p.IDs(); got.Len() != PageSize-1 || got.At(0) != 1 || got.At(PageSize-2) != PageSize-1 {
		t.Errorf("ids %d", got.Len())
	}
}

// sizedRows is a row source whose size changes between loads (an import or
// a delete while searching): ids 1..n, Count and IDs agree with List.
type sizedRows struct{ n *atomic.Int32 }

func (s sizedRows) Count(context.Context, string) (int, error) { return int(s.n.Load()), nil }
func (s sizedRows) IDs(ctx context.Context, o storage.ListOptions) ([]int64, error) {
	return fakeRows{N: int(s.n.Load())}.IDs(ctx, o)
}
func (s sizedRows) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	return fakeRows{N: int(s.n.Load())}.List(ctx, o)
}
func (s sizedRows) RowsByID(ctx context.Context, ids []int64) ([]storage.Row, error) {
	return fakeRows{N: int(s.n.Load())}.RowsByID(ctx, ids)
}

// Random sequences of quick and full loads, reads of rows and waiting
// callbacks, some superseding others, always end in a listed result whose
// rows are its ids, and every callback that waited runs once at most.
func TestPagerRandomLoadsEndConsistent(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for round := range 15 {
		tk, q := testTasks()
		var size atomic.Int32
		size.Store(int32(rng.IntN(3000)))
		p := NewPager(sizedRows{&size}, tk)
		ran := map[int]int{}
		for step := range 12 {
			switch rng.IntN(5) {
			case 0, 1:
				size.Store(int32(rng.IntN(3000)))
				p.Load(storage.ListOptions{Query: fmt.Sprint(round, step)}, rng.IntN(400), 30, rng.IntN(2) == 0, nil)
			case 2:
				if n := p.Len(); n > 0 {
					p.Row(rng.IntN(n))
				}
			case 3:
				k := step
				p.WhenListed(func() { ran[k]++ })
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
		if !p.Listed() || !p.Counted() || p.Len() != p.IDs().Len() {
			t.Fatalf("round %d: listed %v, counted %v, len %d, %d ids", round, p.Listed(), p.Counted(), p.Len(), p.IDs().Len())
		}
		if p.Len() != n && p.opts.Query != "" {
			// The last load read the size set just before it.
			t.Fatalf("round %d: %d rows, the source has %d", round, p.Len(), n)
		}
		for i := 0; i < p.Len(); i += 97 {
			r := p.Row(i)
			if r == nil {
				settle(t, tk, q)
				r = p.Row(i)
			}
			if r == nil || r.ID != p.ID(i) || p.RowOf(r.ID) != i {
				t.Fatalf("round %d: row %d = %+v, id %d", round, i, r, p.ID(i))
			}
		}
		for k, c := range ran {
			if c > 1 {
				t.Errorf("round %d: waiting func %d ran %d times", round, k, c)
			}
		}
	}
}

// shiftedRows lists ids 1..n but pages rows shifted by one, and has lost
// article 601, as when articles were inserted and deleted after the ids
// were listed.
type shiftedRows struct{ fakeRows }

func (s shiftedRows) List(ctx context.Context, o storage.ListOptions) ([]storage.Row, error) {
	o.Offset++
	return s.fakeRows.List(ctx, o)
}

func (s shiftedRows) RowsByID(ctx context.Context, ids []int64) ([]storage.Row, error) {
	rows, err := s.fakeRows.RowsByID(ctx, ids)
	return slices.DeleteFunc(rows, func(r storage.Row) bool { return r.ID == 601 }), err
}

func TestPagerNoticesAChangedArchive(t *testing.T) {
	tk, q := testTasks()
	src := &switchRows{Source: fakeRows{N: 1000}}
	p := NewPager(src, tk)
	p.Load(storage.ListOptions{}, 0, 20, false, nil)
	settle(t, tk, q)
	if r := p.Row(5); r == nil || r.ID != 6 {
		t.Fatalf("row 5 = %+v", r)
	}
	stale := 0
	p.OnStale = func() { stale++ }
	src.Source = shiftedRows{fakeRows{N: 1000}}
	if p.Row(600) != nil {
		t.Fatal("page 3 was not fetched yet")
	}
	settle(t, tk, q)
	if stale != 1 || p.Row(600) != nil {
		t.Errorf("a shifted page was kept (stale reported %d times)", stale)
	}
}

// switchRows lets a test swap the source under a pager.
type switchRows struct{ Source }
