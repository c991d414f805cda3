package gui

import (
	"context"
	"fmt"

	"github.com/seedarchive/seedarchive/storage"
)

// rowSource is what the article table and the gallery page from
// (impl: *storage.Archive).
type rowSource interface {
	IDs(ctx context.Context, opts storage.ListOptions) ([]int64, error)
	List(ctx context.Context, opts storage.ListOptions) ([]storage.Row, error)
}

// pageSize is how many rows one SQLite query fetches.
const pageSize = 200

// maxPages bounds the rows kept in memory (maxPages × pageSize).
const maxPages = 24

// pager holds the result of the current query: the ids of every match (an
// int64 each, 800 KB for 100,000) and an LRU cache of row pages fetched off
// the UI goroutine by offset. Only the UI goroutine touches it.
type pager struct {
	src   rowSource
	tasks *tasks

	opts    storage.ListOptions // Query and Sort of the shown result
	ids     []int64
	index   map[int64]int // id → row, built on demand
	pages   map[int]*page
	loading map[int]bool
	tick    int

	loadSeq    int                // bumped by each load; a superseded load is dropped
	loadCancel context.CancelFunc // cancels the load in flight
	shownSeq   int                // bumped when a load's result is shown
	shownCtx   context.Context    // page fetches for the shown result
	shownStop  context.CancelFunc // cancels them

	// onPage is called when page p arrived (refresh the rows it covers).
	onPage func(p int)
	// onError is called when a page fails to load.
	onError func(err error)
	// onStale is called when a page does not match the listed ids.
	onStale func()
}

type page struct {
	rows []storage.Row
	used int
}

func newPager(src rowSource, t *tasks) *pager {
	return &pager{
		src: src, tasks: t, pages: map[int]*page{}, loading: map[int]bool{},
		loadCancel: func() {}, shownCtx: context.Background(), shownStop: func() {},
	}
}

// len is the number of matching articles.
func (p *pager) len() int { return len(p.ids) }

// id returns the id at row i.
func (p *pager) id(i int) int64 { return p.ids[i] }

// rowOf returns the row index of an article, or -1.
func (p *pager) rowOf(id int64) int {
	if p.index == nil {
		p.index = make(map[int64]int, len(p.ids))
		for i, v := range p.ids {
			p.index[v] = i
		}
	}
	if i, ok := p.index[id]; ok {
		return i
	}
	return -1
}

// row returns row i if its page is in memory; otherwise it starts fetching
// the page and returns nil.
func (p *pager) row(i int) *storage.Row {
	if i < 0 || i >= len(p.ids) {
		return nil
	}
	n := i / pageSize
	if pg, ok := p.pages[n]; ok && i%pageSize < len(pg.rows) {
		p.tick++
		pg.used = p.tick
		return &pg.rows[i%pageSize]
	}
	p.fetch(n)
	return nil
}

// fetch loads page n in the background.
func (p *pager) fetch(n int) {
	if p.loading[n] {
		return
	}
	p.loading[n] = true
	seq, opts, src, ctx := p.shownSeq, p.opts, p.src, p.shownCtx
	p.tasks.run(func() func() {
		rows, err := fetchPage(ctx, src, opts, n)
		return func() {
			if seq != p.shownSeq {
				return
			}
			delete(p.loading, n)
			if err != nil {
				if ctx.Err() == nil && p.onError != nil {
					p.onError(err)
				}
				return
			}
			if !p.matches(n, rows) && p.onStale != nil {
				// The archive changed since the ids were listed (an import
				// running, another program): list them again.
				p.onStale()
				return
			}
			p.store(n, rows)
			if p.onPage != nil {
				p.onPage(n)
			}
		}
	})
}

func fetchPage(ctx context.Context, src rowSource, opts storage.ListOptions, n int) ([]storage.Row, error) {
	opts.Offset, opts.Limit = n*pageSize, pageSize
	rows, err := src.List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("list rows %d-%d: %w", opts.Offset+1, opts.Offset+pageSize, err)
	}
	return rows, nil
}

// matches reports whether a fetched page holds the ids listed for its rows.
func (p *pager) matches(n int, rows []storage.Row) bool { return pageMatches(p.ids, n, rows) }

// pageMatches reports whether page n holds the rows of these ids.
func pageMatches(ids []int64, n int, rows []storage.Row) bool {
	first := n * pageSize
	if want := min(pageSize, len(ids)-first); len(rows) != want {
		return false
	}
	for k, r := range rows {
		if r.ID != ids[first+k] {
			return false
		}
	}
	return true
}

// store keeps a page, evicting the least recently used beyond maxPages.
func (p *pager) store(n int, rows []storage.Row) {
	p.tick++
	p.pages[n] = &page{rows: rows, used: p.tick}
	for len(p.pages) > maxPages {
		oldest, at := -1, 0
		for k, pg := range p.pages {
			if oldest < 0 || pg.used < at {
				oldest, at = k, pg.used
			}
		}
		delete(p.pages, oldest)
	}
}

// loadResult is what a load fetched: the ids and the pages asked for.
type loadResult struct {
	ids   []int64
	pages map[int][]storage.Row
	err   error
}

// load runs opts in the background: the ids of every match plus the pages
// around firstRow (so the table redraws at once, without placeholders). The
// shown result changes only when it arrives, then done is called with the
// error (the previous result stays on error). A later load supersedes it.
func (p *pager) load(opts storage.ListOptions, firstRow, rows int, done func(err error)) {
	p.loadCancel()
	ctx, cancel := context.WithCancel(context.Background())
	p.loadCancel = cancel
	p.loadSeq++
	seq, src := p.loadSeq, p.src
	p.tasks.run(func() func() {
		res := fetchResult(ctx, src, opts, firstRow, rows)
		return func() {
			cancel()
			if seq != p.loadSeq {
				return
			}
			if res.err == nil {
				p.show(opts, res)
			}
			if done != nil {
				done(res.err)
			}
		}
	})
}

// show replaces the shown result, stopping the old one's page fetches.
func (p *pager) show(opts storage.ListOptions, res loadResult) {
	p.shownStop()
	p.shownCtx, p.shownStop = context.WithCancel(context.Background())
	p.shownSeq++
	p.opts, p.ids, p.index = opts, res.ids, nil
	p.pages, p.loading = map[int]*page{}, map[int]bool{}
	for n, rows := range res.pages {
		p.store(n, rows)
	}
}

func fetchResult(ctx context.Context, src rowSource, opts storage.ListOptions, firstRow, rows int) loadResult {
	// The pages around firstRow are fetched while the ids are listed (the
	// read pool has several connections): a search shows its rows one page
	// query sooner. Pages past the end come back short or empty.
	firstRow = max(0, firstRow)
	firstPage, lastPage := firstRow/pageSize, (firstRow+max(rows, 1)-1)/pageSize
	type fetched struct {
		n    int
		rows []storage.Row
		err  error
	}
	early := make(chan fetched, lastPage-firstPage+1)
	for n := firstPage; n <= lastPage; n++ {
		go func() {
			rows, err := fetchPage(ctx, src, opts, n)
			early <- fetched{n, rows, err}
		}()
	}
	ids, err := src.IDs(ctx, opts)
	got := map[int]fetched{}
	for range lastPage - firstPage + 1 {
		f := <-early
		got[f.n] = f
	}
	if err != nil {
		return loadResult{err: err}
	}
	res := loadResult{ids: ids, pages: map[int][]storage.Row{}}
	if len(ids) == 0 {
		return res
	}
	firstRow = min(firstRow, len(ids)-1)
	lastRow := min(len(ids)-1, firstRow+max(rows, 1)-1)
	for n := firstRow / pageSize; n <= lastRow/pageSize; n++ {
		f, ok := got[n]
		if !ok || (f.err == nil && !pageMatches(ids, n, f.rows)) {
			// firstRow was past the end, or the archive changed between the
			// two reads: fetch the page again, after the ids.
			f.rows, f.err = fetchPage(ctx, src, opts, n)
		}
		if f.err != nil {
			return loadResult{err: f.err}
		}
		res.pages[n] = f.rows
	}
	return res
}
