package table

import (
	"context"

	"github.com/seedarchive/seedarchive/storage"
)

// Source is what the pager reads a result from (impl: *storage.Archive).
// List gets ListOptions.NoTextFields when no shown column needs the text
// fields; a source that is also a textlessSource is then read by id
// through RowsByIDNoText.
type Source interface {
	Count(ctx context.Context, query string) (int, error)
	IDs(ctx context.Context, opts storage.ListOptions) ([]int64, error)
	List(ctx context.Context, opts storage.ListOptions) ([]storage.Row, error)
	RowsByID(ctx context.Context, ids []int64) ([]storage.Row, error)
}

// textlessSource reads rows by id without their text fields (impl:
// *storage.Archive).
type textlessSource interface {
	RowsByIDNoText(ctx context.Context, ids []int64) ([]storage.Row, error)
}

// idListSource lists a result's ids as a storage.IDList (impl:
// *storage.Archive): 4 bytes an id, and everything in the archive's kept
// order without a copy. Other sources are listed by IDs.
type idListSource interface {
	ListIDs(ctx context.Context, opts storage.ListOptions) (storage.IDList, error)
}

// listIDs lists the ids of opts' matches in order from src.
func listIDs(ctx context.Context, src Source, opts storage.ListOptions) (storage.IDList, error) {
	if ls, ok := src.(idListSource); ok {
		return ls.ListIDs(ctx, opts)
	}
	ids, err := src.IDs(ctx, opts)
	if err != nil {
		return storage.IDList{}, err
	}
	return storage.IDListOf(ids), nil
}

// Runner runs work off the UI goroutine and hands its result back to it
// (impl: *widgets.Runner). Go calls work on another goroutine, then the func
// it returns (if not nil) on the UI goroutine; Post calls ui on the UI
// goroutine, in the order posted.
type Runner interface {
	Go(work func() func())
	Post(ui func())
}

// PageSize is how many rows one read of the source fetches.
const PageSize = 200

// maxPages bounds the rows kept in memory (maxPages × PageSize).
const maxPages = 24

// Pager holds the result of the current query: how many articles match, the
// ids of every match in order and an LRU cache of row pages fetched off the
// UI goroutine. A quick load shows its first rows as soon as they are read,
// before the matches are counted and their ids listed (listing the ids of a
// broad search takes longer than a keystroke should, BenchmarkSearchShowsRows
// in package gui); the count and the ids complete it a moment later. Only the
// UI goroutine touches it.
type Pager struct {
	src Source
	run Runner

	opts      storage.ListOptions // Query and Sort of the shown result
	n         int                 // matches of the shown result (rows read, until counted)
	isCounted bool                // n is the number of matches
	ids       storage.IDList      // their ids in order, once listed
	isListed  bool                // ids holds all n ids
	waiting   []func()            // run once the ids are listed
	onCount   []func()            // run once the matches are counted
	onPage    map[int][]func()    // by page, run once it is in memory
	index     *IDIndex            // id → row, built on demand
	pages     map[int]*page
	loading   map[int]bool
	tick      int
	noText    bool // no shown column needs the text fields: pages are read without them

	loadSeq    int                // bumped by each load; a superseded load is dropped
	loadCancel context.CancelFunc // cancels the load in flight
	shownSeq   int                // bumped when a load's result is shown
	shownCtx   context.Context    // page fetches for the shown result
	shownStop  context.CancelFunc // cancels them

	// OnRows is called when rows first… up to end were fetched (redraw
	// the rows it covers).
	OnRows func(first, end int)
	// OnError is called when a page, or the ids of a quick result, fail to load.
	OnError func(err error)
	// OnStale is called when a page does not match the listed ids (the
	// archive changed since they were listed: load again).
	OnStale func()
	// OnCounted is called when the count of a quick result arrives.
	OnCounted func()
	// OnListed is called when the ids of a quick result arrive.
	OnListed func()
}

type page struct {
	rows []storage.Row
	used int
	text bool // read with the text fields
}

// NewPager returns an empty pager reading src (nil until SetSource) with
// run.
func NewPager(src Source, run Runner) *Pager {
	return &Pager{
		src: src, run: run, pages: map[int]*page{}, loading: map[int]bool{}, onPage: map[int][]func(){},
		isCounted: true, isListed: true,
		loadCancel: func() {}, shownCtx: context.Background(), shownStop: func() {},
	}
}

// SetTextFields says whether a shown column needs the rows' text fields
// (Row.Excerpt, AmpWebURL, CdnAmpWebURL). Without, pages are read with
// storage.ListOptions.NoTextFields, so that each row's stored text is not
// parsed for them (textfields.go in package storage). Once they are needed
// again, a page in memory read without them is read again when its rows
// are asked for (Row), and shown meanwhile.
func (p *Pager) SetTextFields(need bool) { p.noText = !need }

// SetSource makes the next loads read src (another archive).
func (p *Pager) SetSource(src Source) { p.src = src }

// Source is what the next loads read.
func (p *Pager) Source() Source { return p.src }

// Options are the query and order of the shown result.
func (p *Pager) Options() storage.ListOptions { return p.opts }

// ShownSeq changes each time a load's result replaces the shown one.
func (p *Pager) ShownSeq() int { return p.shownSeq }

// Len is the number of matching articles; for a moment after a quick load,
// the number of rows read so far (see Counted).
func (p *Pager) Len() int { return p.n }

// Counted reports whether Len is the number of matches.
func (p *Pager) Counted() bool { return p.isCounted }

// Listed reports whether the ids of every match are known (false for a
// moment after a quick load).
func (p *Pager) Listed() bool { return p.isListed }

// WhenListed calls f once the ids are listed: at once, or when they arrive.
// f is dropped if another result replaces this one first.
func (p *Pager) WhenListed(f func()) {
	if p.isListed {
		f()
		return
	}
	p.waiting = append(p.waiting, f)
}

// WhenCounted calls f once the matches are counted (Len is their number):
// at once, or when the count (or the ids) arrive. f is dropped if another
// result replaces this one first.
func (p *Pager) WhenCounted(f func()) {
	if p.isCounted {
		f()
		return
	}
	p.onCount = append(p.onCount, f)
}

// WhenRow calls f once row i is in memory (ID and Row know it), fetching
// its page if need be: at once when it is there, or when its page arrives.
// A jump (End) a moment after a new search waits for this rather than for
// the ids: past the middle of a counted result the page is read backwards
// from the end, which costs what the first page does (BenchmarkJump,
// EndReverse), where listing the ids of every match grows with them. f is
// dropped if another result replaces this one first, and never called for
// a row out of range.
func (p *Pager) WhenRow(i int, f func()) {
	if i < 0 || i >= p.n {
		return
	}
	n := i / PageSize
	if pg, ok := p.pages[n]; ok && i%PageSize < len(pg.rows) {
		f()
		return
	}
	p.onPage[n] = append(p.onPage[n], f)
	p.fetch(n)
}

// runWaiting runs what waited for the count and for the pages in memory.
func (p *Pager) runWaiting() {
	if p.isCounted && len(p.onCount) > 0 {
		waiting := p.onCount
		p.onCount = nil
		for _, f := range waiting {
			f()
		}
	}
	for n, waiting := range p.onPage {
		if _, ok := p.pages[n]; ok {
			delete(p.onPage, n)
			for _, f := range waiting {
				f()
			}
		}
	}
}

// IDs returns the ids of every match in order, none until they are listed.
func (p *Pager) IDs() storage.IDList { return p.ids }

// ID returns the id at row i: 0 when unknown (the ids are not listed yet and
// the row's page is not in memory).
func (p *Pager) ID(i int) int64 {
	if i < 0 || i >= p.n {
		return 0
	}
	if p.isListed {
		return p.ids.At(i)
	}
	if pg, ok := p.pages[i/PageSize]; ok && i%PageSize < len(pg.rows) {
		return pg.rows[i%PageSize].ID
	}
	return 0
}

// RowOf returns the row index of an article, or -1 (also when the ids are
// not listed yet and the article is not in a page in memory).
func (p *Pager) RowOf(id int64) int {
	if !p.isListed {
		for n, pg := range p.pages {
			for k, r := range pg.rows {
				if r.ID == id {
					return n*PageSize + k
				}
			}
		}
		return -1
	}
	if p.index == nil {
		p.index = NewIDIndex(p.ids)
	}
	return p.index.Row(id)
}

// Row returns row i if its page is in memory; otherwise it starts fetching
// the page and returns nil (OnRows follows).
func (p *Pager) Row(i int) *storage.Row {
	if i < 0 || i >= p.n {
		return nil
	}
	n := i / PageSize
	if pg, ok := p.pages[n]; ok && i%PageSize < len(pg.rows) {
		p.tick++
		pg.used = p.tick
		if !pg.text && !p.noText {
			p.fetch(n) // its text cells are blank until it is read again
		}
		return &pg.rows[i%PageSize]
	}
	p.fetch(n)
	return nil
}

// fetch loads page n in the background.
func (p *Pager) fetch(n int) {
	if p.loading[n] {
		return
	}
	p.loading[n] = true
	seq, opts, src, ctx, ext := p.shownSeq, p.opts, p.src, p.shownCtx, p.extent()
	opts.NoTextFields = p.noText
	p.run.Go(func() func() {
		rows, err := fetchPage(ctx, src, opts, n, ext)
		return func() {
			if seq != p.shownSeq {
				return
			}
			delete(p.loading, n)
			if err != nil {
				if ctx.Err() == nil && p.OnError != nil {
					p.OnError(err)
				}
				return
			}
			if !p.matches(n, rows) && p.OnStale != nil {
				// The archive changed since the ids were listed (an import
				// running, another program): list them again.
				p.OnStale()
				return
			}
			p.store(n, rows, !opts.NoTextFields)
			if p.OnRows != nil {
				p.OnRows(n*PageSize, (n+1)*PageSize)
			}
			p.runWaiting()
		}
	})
}

// matches reports whether a fetched page fits the shown result: the listed
// ids, or before they are listed the number of matches.
func (p *Pager) matches(n int, rows []storage.Row) bool {
	if !p.isListed {
		return len(rows) == pageLen(p.n, n)
	}
	return pageMatches(p.ids, n, rows)
}

// pageLen is how many rows page n holds in a result of total rows.
func pageLen(total, n int) int { return max(0, min(PageSize, total-n*PageSize)) }

// pageMatches reports whether page n holds the rows of these ids.
func pageMatches(ids storage.IDList, n int, rows []storage.Row) bool {
	first := n * PageSize
	if len(rows) != pageLen(ids.Len(), n) {
		return false
	}
	for k, r := range rows {
		if r.ID != ids.At(first+k) {
			return false
		}
	}
	return true
}

// store keeps a page (text: read with the text fields), evicting the least
// recently used beyond maxPages.
func (p *Pager) store(n int, rows []storage.Row, text bool) {
	p.tick++
	p.pages[n] = &page{rows: rows, used: p.tick, text: text}
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
