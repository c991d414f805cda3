package gui

import (
	"context"
	"fmt"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

// rowSource is what the article table and the gallery page from
// (impl: *storage.Archive).
type rowSource interface {
	Count(ctx context.Context, query string) (int, error)
	IDs(ctx context.Context, opts storage.ListOptions) ([]int64, error)
	List(ctx context.Context, opts storage.ListOptions) ([]storage.Row, error)
}

// pageSize is how many rows one SQLite query fetches.
const pageSize = 200

// maxPages bounds the rows kept in memory (maxPages × pageSize).
const maxPages = 24

// pager holds the result of the current query: how many articles match, the
// ids of every match in order (an int64 each, 800 KB for 100,000) and an LRU
// cache of row pages fetched off the UI goroutine by offset. A quick load
// shows its first rows as soon as they are read, before the matches are
// counted and their ids listed (listing 100,000 ids takes longer than a
// keystroke should); the count and the ids complete it a moment later. Only
// the UI goroutine touches it.
type pager struct {
	src   rowSource
	tasks *tasks

	opts      storage.ListOptions // Query and Sort of the shown result
	n         int                 // matches of the shown result (rows read, until counted)
	isCounted bool                // n is the number of matches
	ids       []int64             // their ids in order, once listed
	isListed  bool                // ids holds all n ids
	waiting   []func()            // run once the ids are listed
	index     *table.IDIndex      // id → row, built on demand
	pages     map[int]*page
	loading   map[int]bool
	tick      int

	loadSeq    int                // bumped by each load; a superseded load is dropped
	loadCancel context.CancelFunc // cancels the load in flight
	shownSeq   int                // bumped when a load's result is shown
	shownCtx   context.Context    // page fetches for the shown result
	shownStop  context.CancelFunc // cancels them

	// onPage is called when page p arrived (refresh the rows it covers).
	onPage func(p int)
	// onError is called when a page, or the ids of a quick result, fail to load.
	onError func(err error)
	// onStale is called when a page does not match the listed ids.
	onStale func()
	// onCounted is called when the count of a quick result arrives.
	onCounted func()
	// onListed is called when the ids of a quick result arrive.
	onListed func()
}

type page struct {
	rows []storage.Row
	used int
}

func newPager(src rowSource, t *tasks) *pager {
	return &pager{
		src: src, tasks: t, pages: map[int]*page{}, loading: map[int]bool{}, isCounted: true, isListed: true,
		loadCancel: func() {}, shownCtx: context.Background(), shownStop: func() {},
	}
}

// len is the number of matching articles; for a moment after a quick load,
// the number of rows read so far (see counted).
func (p *pager) len() int { return p.n }

// counted reports whether len is the number of matches.
func (p *pager) counted() bool { return p.isCounted }

// listed reports whether the ids of every match are known (false for a
// moment after a quick load).
func (p *pager) listed() bool { return p.isListed }

// whenListed calls f once the ids are listed: at once, or when they arrive.
// f is dropped if another result replaces this one first.
func (p *pager) whenListed(f func()) {
	if p.isListed {
		f()
		return
	}
	p.waiting = append(p.waiting, f)
}

// allIDs returns the ids of every match in order, nil until they are listed.
func (p *pager) allIDs() []int64 { return p.ids }

// id returns the id at row i: 0 when unknown (the ids are not listed yet and
// the row's page is not in memory).
func (p *pager) id(i int) int64 {
	if i < 0 || i >= p.n {
		return 0
	}
	if p.isListed {
		return p.ids[i]
	}
	if pg, ok := p.pages[i/pageSize]; ok && i%pageSize < len(pg.rows) {
		return pg.rows[i%pageSize].ID
	}
	return 0
}

// rowOf returns the row index of an article, or -1 (also when the ids are
// not listed yet and the article is not in a page in memory).
func (p *pager) rowOf(id int64) int {
	if !p.isListed {
		for n, pg := range p.pages {
			for k, r := range pg.rows {
				if r.ID == id {
					return n*pageSize + k
				}
			}
		}
		return -1
	}
	if p.index == nil {
		p.index = table.NewIDIndex(p.ids)
	}
	return p.index.Row(id)
}

// row returns row i if its page is in memory; otherwise it starts fetching
// the page and returns nil.
func (p *pager) row(i int) *storage.Row {
	if i < 0 || i >= p.n {
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
	p.tasks.Go(func() func() {
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
	// A page on screen is few rows: each linked one's file is checked
	// (one stat) so the table marks the files changed on disk.
	opts.Offset, opts.Limit, opts.Stat = n*pageSize, pageSize, true
	rows, err := src.List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("list rows %d-%d: %w", opts.Offset+1, opts.Offset+pageSize, err)
	}
	return rows, nil
}

// matches reports whether a fetched page fits the shown result: the listed
// ids, or before they are listed the number of matches.
func (p *pager) matches(n int, rows []storage.Row) bool {
	if !p.isListed {
		return len(rows) == pageLen(p.n, n)
	}
	return pageMatches(p.ids, n, rows)
}

// pageLen is how many rows page n holds in a result of total rows.
func pageLen(total, n int) int { return max(0, min(pageSize, total-n*pageSize)) }

// pageMatches reports whether page n holds the rows of these ids.
func pageMatches(ids []int64, n int, rows []storage.Row) bool {
	first := n * pageSize
	if len(rows) != pageLen(len(ids), n) {
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
