package gui

import (
	"context"

	"github.com/seedarchive/seedarchive/storage"
)

// quickMin is the smallest result shown before its ids are listed: smaller
// ones list in a few milliseconds.
const quickMin = 2000

// loadResult is what a load fetched: the number of matches, their ids once
// listed, and the pages asked for.
type loadResult struct {
	n      int
	ids    []int64
	listed bool
	pages  map[int][]storage.Row
	err    error
}

// load runs opts in the background: it lists the ids of every match and
// reads the pages around firstRow beside them (so the table redraws at once,
// without placeholders). The shown result changes only when it arrives, then
// done is called with the error (the previous result stays on error).
//
// With quick, the result is shown as soon as the matches are counted and
// those pages read, when that is before the ids are listed (a broad search
// of a big archive); the ids complete it when they arrive (onListed, or
// onError if listing them failed). A later load supersedes this one.
func (p *pager) load(opts storage.ListOptions, firstRow, rows int, quick bool, done func(err error)) {
	p.loadCancel()
	ctx, cancel := context.WithCancel(context.Background())
	p.loadCancel = cancel
	p.loadSeq++
	seq, src := p.loadSeq, p.src
	shown := false // the quick result is on screen
	var early func(loadResult)
	if quick {
		early = func(res loadResult) {
			p.tasks.post(func() {
				if seq != p.loadSeq {
					return
				}
				shown = true
				p.show(opts, res)
				if done != nil {
					done(nil)
				}
			})
		}
	}
	p.tasks.run(func() func() {
		res := fetchResult(ctx, src, opts, firstRow, rows, early)
		return func() {
			cancel()
			if seq != p.loadSeq {
				return
			}
			switch {
			case shown && res.err != nil:
				if p.onError != nil {
					p.onError(res.err)
				}
			case shown:
				p.complete(res)
			default:
				if res.err == nil {
					p.show(opts, res)
				}
				if done != nil {
					done(res.err)
				}
			}
		}
	})
}

// show replaces the shown result, stopping the old one's page fetches and
// dropping what waited for its ids.
func (p *pager) show(opts storage.ListOptions, res loadResult) {
	p.shownStop()
	p.shownCtx, p.shownStop = context.WithCancel(context.Background())
	p.shownSeq++
	p.opts, p.n, p.ids, p.isListed, p.index = opts, res.n, res.ids, res.listed, nil
	p.waiting = nil
	p.pages, p.loading = map[int]*page{}, map[int]bool{}
	for n, rows := range res.pages {
		p.store(n, rows)
	}
}

// complete adds the listed ids to the quick result on screen: pages that do
// not hold them (the archive changed between the reads) are dropped, and
// what waited for the ids runs.
func (p *pager) complete(res loadResult) {
	p.n, p.ids, p.isListed, p.index = len(res.ids), res.ids, true, nil
	for n, pg := range p.pages {
		if !pageMatches(p.ids, n, pg.rows) {
			delete(p.pages, n)
		}
	}
	for n, rows := range res.pages {
		p.store(n, rows)
	}
	waiting := p.waiting
	p.waiting = nil
	if p.onListed != nil {
		p.onListed()
	}
	for _, f := range waiting {
		f()
	}
}

// fetchResult lists the ids of the matches and reads the pages around
// firstRow beside them (the read pool has several connections), so a search
// shows its rows one page query sooner; pages past the end come back short
// or empty. With early, it first counts the matches beside the pages and
// hands a result of quickMin or more matches to early, then lists the ids.
func fetchResult(ctx context.Context, src rowSource, opts storage.ListOptions, firstRow, rows int, early func(loadResult)) loadResult {
	firstRow = max(0, firstRow)
	firstPage, lastPage := firstRow/pageSize, (firstRow+max(rows, 1)-1)/pageSize
	type fetched struct {
		n    int
		rows []storage.Row
		err  error
	}
	type counted struct {
		n   int
		err error
	}
	type listing struct {
		ids []int64
		err error
	}
	pagesCh := make(chan fetched, lastPage-firstPage+1)
	for n := firstPage; n <= lastPage; n++ {
		go func() {
			rows, err := fetchPage(ctx, src, opts, n)
			pagesCh <- fetched{n, rows, err}
		}()
	}
	countCh := make(chan counted, 1)
	if early != nil {
		go func() {
			n, err := src.Count(ctx, opts.Query)
			countCh <- counted{n, err}
		}()
	}
	idsCh := make(chan listing, 1)
	listIDs := func() {
		go func() {
			ids, err := src.IDs(ctx, opts)
			idsCh <- listing{ids, err}
		}()
	}
	if early == nil {
		listIDs()
	}
	got := map[int]fetched{}
	for range lastPage - firstPage + 1 {
		f := <-pagesCh
		got[f.n] = f
	}
	if early != nil {
		// The ids are listed after the count and the pages, which then have
		// both cores; a small result is listed before it is shown.
		if c := <-countCh; c.err == nil && c.n >= quickMin {
			pages := map[int][]storage.Row{}
			for n, f := range got {
				pages[n] = f.rows
			}
			if q, ok := quickResult(c.n, firstRow, rows, pages); ok {
				early(q)
			}
		}
		listIDs()
	}
	l := <-idsCh
	if l.err != nil {
		return loadResult{err: l.err}
	}
	ids := l.ids
	res := loadResult{n: len(ids), ids: ids, listed: true, pages: map[int][]storage.Row{}}
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

// quickResult is the result shown before the ids are listed: n matches and
// the pages read for rows firstRow… (ok is false when those pages do not
// agree with n, or firstRow is past the end: the listed result will do).
func quickResult(n, firstRow, rows int, pages map[int][]storage.Row) (loadResult, bool) {
	if n == 0 {
		return loadResult{listed: true}, true
	}
	if firstRow >= n {
		return loadResult{}, false
	}
	res := loadResult{n: n, pages: map[int][]storage.Row{}}
	lastRow := min(n-1, firstRow+max(rows, 1)-1)
	for pg := firstRow / pageSize; pg <= lastRow/pageSize; pg++ {
		r, ok := pages[pg]
		if !ok || len(r) != pageLen(n, pg) {
			return loadResult{}, false
		}
		res.pages[pg] = r
	}
	return res, true
}
