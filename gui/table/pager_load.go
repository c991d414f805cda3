package table

import (
	"context"

	"github.com/seedarchive/seedarchive/storage"
)

// loadResult is what a load fetched: the number of matches (or, before they
// are counted, of the rows read), their ids once listed, and the pages asked
// for.
type loadResult struct {
	n       int
	counted bool
	ids     storage.IDList
	listed  bool
	pages   map[int][]storage.Row
	text    bool // the pages hold the text fields
	err     error
}

// quickHooks receive the stages of a quick load on the loading goroutine:
// show gets the first pages (counted or not), count a count that came after.
type quickHooks struct {
	show  func(loadResult)
	count func(n int)
}

// Load runs opts in the background: it lists the ids of every match and
// reads the pages around firstRow (rows rows) beside them, so the table
// redraws at once, without placeholders. The shown result changes only when
// it arrives, then done is called with the error (the previous result stays
// on error).
//
// With quick, the result is shown as soon as those pages are read, and
// counted (OnCounted) and listed (OnListed) after, so that a broad search
// shows its first rows before its matches are counted
// (BenchmarkSearchShowsRows in package gui); a result shorter than a page is
// complete at once. A later load supersedes this one.
func (p *Pager) Load(opts storage.ListOptions, firstRow, rows int, quick bool, done func(err error)) {
	p.loadCancel()
	ctx, cancel := context.WithCancel(context.Background())
	p.loadCancel = cancel
	p.loadSeq++
	seq, src := p.loadSeq, p.src
	read := opts
	read.NoTextFields = p.noText
	shown := false // the quick result is on screen
	var hooks *quickHooks
	if quick {
		hooks = &quickHooks{
			show: func(res loadResult) {
				res.text = !read.NoTextFields
				p.run.Post(func() {
					if seq != p.loadSeq {
						return
					}
					shown = true
					p.show(opts, res)
					if done != nil {
						done(nil)
					}
				})
			},
			count: func(n int) {
				p.run.Post(func() {
					if seq == p.loadSeq && shown {
						p.count(n)
					}
				})
			},
		}
	}
	p.run.Go(func() func() {
		res := fetchResult(ctx, src, read, firstRow, rows, hooks)
		res.text = !read.NoTextFields
		return func() {
			cancel()
			if seq != p.loadSeq {
				return
			}
			switch {
			case shown && res.err != nil:
				if p.OnError != nil {
					p.OnError(res.err)
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
func (p *Pager) show(opts storage.ListOptions, res loadResult) {
	p.shownStop()
	p.shownCtx, p.shownStop = context.WithCancel(context.Background())
	p.shownSeq++
	p.opts, p.n, p.ids, p.index = opts, res.n, res.ids, nil
	p.isCounted, p.isListed = res.counted || res.listed, res.listed
	p.waiting, p.onCount, p.onPage = nil, nil, map[int][]func(){}
	p.pages, p.loading = map[int]*page{}, map[int]bool{}
	for n, rows := range res.pages {
		p.store(n, rows, res.text)
	}
}

// count sets the number of matches of the quick result on screen.
func (p *Pager) count(n int) {
	if p.isCounted {
		return
	}
	p.n, p.isCounted = n, true
	if p.OnCounted != nil {
		p.OnCounted()
	}
	p.runWaiting()
}

// complete adds the listed ids to the quick result on screen: pages that do
// not hold them (the archive changed between the reads) are dropped, and
// what waited for the ids runs.
func (p *Pager) complete(res loadResult) {
	p.n, p.ids, p.isCounted, p.isListed, p.index = res.ids.Len(), res.ids, true, true, nil
	for n, pg := range p.pages {
		if !pageMatches(p.ids, n, pg.rows) {
			delete(p.pages, n)
		}
	}
	for n, rows := range res.pages {
		p.store(n, rows, res.text)
	}
	waiting := p.waiting
	p.waiting = nil
	if p.OnListed != nil {
		p.OnListed()
	}
	for _, f := range waiting {
		f()
	}
	p.runWaiting()
}

// offsetPages is how many pages from the top a load reads by OFFSET beside
// the listing of the ids: there an OFFSET costs little, deeper it reads
// every row before the page (BenchmarkJump in cmd/seedctl).
const offsetPages = 4

// fetchResult lists the ids of the matches and reads the pages around
// firstRow. Without hooks the pages among the first offsetPages are read
// beside the ids (the read pool has several connections), deeper ones by
// their ids once listed. With hooks, the pages are handed to hooks.show
// as soon as they are in, then the matches are counted for hooks.count, and
// only then are the ids listed; a first page shorter than a page is the
// whole result. Pages past the end come back short or empty.
//
// The count waits for the pages rather than running beside them: for the
// prefix of a common word, as typed, each of the two queries has FTS5 merge
// every matching doclist in memory, and the count is wanted only after the
// rows, which it does not delay (TestQuickLoadReadsOneThingAtATime,
// BenchmarkTypingShowsRows in package gui).
func fetchResult(ctx context.Context, src Source, opts storage.ListOptions, firstRow, rows int, hooks *quickHooks) loadResult {
	firstRow = max(0, firstRow)
	firstPage, lastPage := firstRow/PageSize, (firstRow+max(rows, 1)-1)/PageSize
	type fetched struct {
		n    int
		rows []storage.Row
		err  error
	}
	type listing struct {
		ids storage.IDList
		err error
	}
	pagesCh := make(chan fetched, lastPage-firstPage+1)
	reads := 0
	for n := firstPage; n <= lastPage; n++ {
		if hooks == nil && n >= offsetPages {
			break // read by its ids once they are listed
		}
		reads++
		go func() {
			rows, err := fetchPage(ctx, src, opts, n, unknown)
			pagesCh <- fetched{n, rows, err}
		}()
	}
	idsCh := make(chan listing, 1)
	listIDs := func() {
		go func() {
			ids, err := listIDs(ctx, src, opts)
			idsCh <- listing{ids, err}
		}()
	}
	if hooks == nil {
		listIDs()
	}
	got := map[int]fetched{}
	for range reads {
		f := <-pagesCh
		got[f.n] = f
	}
	if hooks != nil {
		pages := map[int][]storage.Row{}
		for n, f := range got {
			if f.err != nil {
				return loadResult{err: f.err}
			}
			pages[n] = f.rows
		}
		if res, ok := wholeResult(firstRow, pages); ok {
			return res
		}
		if res, ok := quickResult(firstRow, rows, pages); ok {
			hooks.show(res)
			if n, err := src.Count(ctx, opts.Query); err == nil {
				hooks.count(n)
			}
		}
		listIDs()
	}
	l := <-idsCh
	if l.err != nil {
		return loadResult{err: l.err}
	}
	ids := l.ids
	res := loadResult{n: ids.Len(), counted: true, ids: ids, listed: true, pages: map[int][]storage.Row{}}
	if ids.Len() == 0 {
		return res
	}
	firstRow = min(firstRow, ids.Len()-1)
	lastRow := min(ids.Len()-1, firstRow+max(rows, 1)-1)
	for n := firstRow / PageSize; n <= lastRow/PageSize; n++ {
		f, ok := got[n]
		if !ok || (f.err == nil && !pageMatches(ids, n, f.rows)) {
			// A page past the first few, firstRow past the end, or the
			// archive changed between the two reads: read the page by its ids.
			f.rows, f.err = fetchPage(ctx, src, opts, n, extent{ids: ids, listed: true, total: ids.Len()})
		}
		if f.err != nil {
			return loadResult{err: f.err}
		}
		res.pages[n] = f.rows
	}
	return res
}

// wholeResult is the result when the pages read from the top end before a
// full page: their rows are every match.
func wholeResult(firstRow int, pages map[int][]storage.Row) (loadResult, bool) {
	first, ok := pages[0]
	if firstRow >= PageSize || !ok || len(first) == PageSize {
		return loadResult{}, false
	}
	ids := make([]int64, len(first))
	for i, r := range first {
		ids[i] = r.ID
	}
	return loadResult{n: len(ids), counted: true, ids: storage.IDListOf(ids), listed: true, pages: map[int][]storage.Row{0: first}}, true
}

// quickResult is the result shown before the matches are counted and their
// ids listed: the pages read for rows firstRow… and as many matches as those
// rows reach (ok is false when firstRow is past them: the listed result will
// do).
func quickResult(firstRow, rows int, pages map[int][]storage.Row) (loadResult, bool) {
	last := (firstRow + max(rows, 1) - 1) / PageSize
	res := loadResult{n: last*PageSize + len(pages[last]), pages: map[int][]storage.Row{}}
	if firstRow >= res.n {
		return loadResult{}, false
	}
	lastRow := min(res.n-1, firstRow+max(rows, 1)-1)
	for pg := firstRow / PageSize; pg <= lastRow/PageSize; pg++ {
		r, ok := pages[pg]
		if !ok || len(r) != pageLen(res.n, pg) {
			return loadResult{}, false
		}
		res.pages[pg] = r
	}
	return res, true
}
