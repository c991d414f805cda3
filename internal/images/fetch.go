package images

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// Fetcher fetches images into an archive's image cache and serves their
// thumbnails from it. Its methods are safe for concurrent use; overlapping
// fetches share the decode budget but not the worker pool.
type Fetcher struct {
	archive *storage.Archive
	opts    Options
	dl      *downloader
	budget  *budget
	thumbs  *LRU
}

// NewFetcher returns a Fetcher over archive; zero fields of opts take their defaults.
func NewFetcher(archive *storage.Archive, opts Options) *Fetcher {
	o := opts.withDefaults()
	return &Fetcher{
		archive: archive,
		opts:    o,
		dl:      newDownloader(o),
		budget:  newBudget(o.DecodeBudget),
		thumbs:  NewLRU(o.CacheBytes, 0),
	}
}

// Options returns the options in effect, defaults filled in.
func (f *Fetcher) Options() Options { return f.opts }

// ProgressFunc is told how many URLs are done out of how many. Fetch calls
// it from the goroutine that called Fetch, once at the start and after every
// URL; total can grow when articles are added during the fetch.
type ProgressFunc func(done, total int)

// Summary is the outcome of one fetch.
type Summary struct {
	Total    int      // distinct URLs the fetch covered
	Cached   int      // fetched and cached by this fetch
	Failed   int      // failed in this fetch
	Skipped  int      // already cached (FetchURLs only)
	Failures []*Error // the first MaxListedFailures failures, in completion order
}

// MaxListedFailures bounds Summary.Failures; the archive keeps every failure
// (ImageStatuses with Status ImageFailed lists them).
const MaxListedFailures = 100

// Fetch fetches every image URL of the articles matching query ("" = all)
// that is pending, or failed and due for a retry (any failure with
// Options.RetryFailed), and stores the results in the archive as they come.
// On cancellation it stores what finished and returns ctx's error.
func (f *Fetcher) Fetch(ctx context.Context, query string, progress ProgressFunc) (Summary, error) {
	filter := storage.PendingFilter{Query: query, Now: time.Now(), RetryFailed: f.opts.RetryFailed, Limit: f.opts.PageSize}
	total, err := f.archive.CountPendingURLs(ctx, filter)
	if err != nil {
		return Summary{}, fmt.Errorf("fetch images: %w", err)
	}
	var page []storage.PendingURL
	last := false
	next := func(ctx context.Context) (job, bool, error) {
		if len(page) == 0 && !last {
			p, err := f.archive.PendingURLs(ctx, filter)
			if err != nil {
				return job{}, false, err
			}
			last = len(p) < filter.Limit
			if len(p) > 0 {
				filter.After = p[len(p)-1].URL
			}
			page = p
		}
		if len(page) == 0 {
			return job{}, false, nil
		}
		p := page[0]
		page = page[1:]
		return job{url: p.URL, host: hostOf(p.URL), failures: p.Failures}, true, nil
	}
	return f.run(ctx, next, total, 0, progress)
}

// FetchURLs fetches the given URLs that are not cached yet (failed ones
// whatever their retry time), whether or not an article references them.
func (f *Fetcher) FetchURLs(ctx context.Context, urls []string, progress ProgressFunc) (Summary, error) {
	seen := make(map[string]bool, len(urls))
	var todo []job
	skipped := 0
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		info, err := f.archive.Image(ctx, u)
		switch {
		case errors.Is(err, storage.ErrNotFound):
		case err != nil:
			return Summary{}, fmt.Errorf("fetch images: %w", err)
		case info.Status == storage.ImageCached:
			skipped++
			continue
		}
		todo = append(todo, job{url: u, host: hostOf(u), failures: info.Failures})
	}
	next := func(context.Context) (job, bool, error) {
		if len(todo) == 0 {
			return job{}, false, nil
		}
		j := todo[0]
		todo = todo[1:]
		return j, true, nil
	}
	return f.run(ctx, next, len(seen), skipped, progress)
}

// result is one finished URL.
type result struct {
	entry storage.ImageEntry
	err   *Error
}

// run fetches what next yields with the worker pool and writes the results
// in batches from the calling goroutine.
func (f *Fetcher) run(parent context.Context, next nextFunc, total, skipped int, progress ProgressFunc) (Summary, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	jobs := make(chan job)
	done := make(chan string, f.opts.Workers)
	results := make(chan result, f.opts.Workers)

	var schedErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		schedErr = schedule(ctx, next, f.opts.PerHost, 4*f.opts.PageSize, jobs, done)
	}()
	var workers sync.WaitGroup
	for range f.opts.Workers {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				r := f.process(ctx, j)
				done <- j.host
				if r.err == nil || ctx.Err() == nil { // a failure after cancellation is not the image's
					results <- r
				}
			}
		}()
	}
	go func() {
		workers.Wait()
		close(results)
	}()

	sum := Summary{Skipped: skipped}
	w := batchWriter{archive: f.archive, lru: f.thumbs, maxItems: f.opts.BatchSize, maxBytes: f.opts.BatchBytes, cancel: cancel}
	finished := skipped
	if progress != nil {
		progress(finished, total)
	}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for open := true; open; {
		select {
		case r, ok := <-results:
			if !ok {
				open = false
				break
			}
			if r.err != nil {
				sum.Failed++
				if len(sum.Failures) < MaxListedFailures {
					sum.Failures = append(sum.Failures, r.err)
				}
			} else {
				sum.Cached++
			}
			w.add(ctx, r.entry)
			finished++
			total = max(total, finished)
			if progress != nil {
				progress(finished, total)
			}
		case <-tick.C:
			w.flush(ctx)
		}
	}
	w.flush(ctx)
	wg.Wait()
	sum.Total = total
	switch {
	case w.err != nil:
		return sum, fmt.Errorf("fetch images: %w", w.err)
	case parent.Err() != nil:
		return sum, parent.Err()
	case schedErr != nil:
		return sum, fmt.Errorf("fetch images: %w", schedErr)
	}
	return sum, nil
}

// batchWriter stores results a few at a time; its first error cancels the fetch.
type batchWriter struct {
	archive  *storage.Archive
	lru      *LRU
	maxItems int
	maxBytes int64
	cancel   context.CancelFunc
	batch    []storage.ImageEntry
	bytes    int64
	err      error
}

func (w *batchWriter) add(ctx context.Context, e storage.ImageEntry) {
	if w.err != nil {
		return
	}
	w.batch = append(w.batch, e)
	w.bytes += int64(len(e.Thumb) + len(e.Original))
	if len(w.batch) >= w.maxItems || w.bytes >= w.maxBytes {
		w.flush(ctx)
	}
}

// flush writes the batch even when ctx is canceled, so a stopped fetch keeps
// what it finished.
func (w *batchWriter) flush(ctx context.Context) {
	if len(w.batch) == 0 || w.err != nil {
		return
	}
	if err := w.archive.PutImages(context.WithoutCancel(ctx), w.batch); err != nil {
		w.err = err
		w.cancel()
	}
	for _, e := range w.batch {
		w.lru.Remove(e.URL)
	}
	clear(w.batch)
	w.batch, w.bytes = w.batch[:0], 0
}

// process fetches and thumbnails one URL into a cache entry.
func (f *Fetcher) process(ctx context.Context, j job) result {
	now := time.Now()
	e := storage.ImageEntry{ImageInfo: storage.ImageInfo{URL: j.url, FetchedAt: now}}
	got, ferr := f.dl.get(ctx, j.url)
	if ferr == nil {
		ferr = f.thumbnail(got, &e)
	}
	if ferr != nil {
		e.Status = storage.ImageFailed
		e.Error = ferr.Reason
		e.Failures = j.failures + 1
		if ferr.Transient {
			e.RetryAt = now.Add(doubled(f.opts.RetryAfter, j.failures, f.opts.MaxRetryAfter))
			if ferr.notBefore.After(e.RetryAt) { // never before the server's Retry-After
				e.RetryAt = ferr.notBefore
			}
		}
		e.Thumb, e.Original = nil, nil
		return result{entry: e, err: ferr}
	}
	e.Status = storage.ImageCached
	return result{entry: e}
}

// thumbnail decodes a downloaded image within the decode budget and fills
// in e's thumbnail and dimensions.
func (f *Fetcher) thumbnail(got *downloaded, e *storage.ImageEntry) *Error {
	n := f.budget.acquire(decodedBytes(got.config, f.opts.ThumbSize))
	defer f.budget.release(n)
	img, err := got.format.decode(bytes.NewReader(got.data))
	if err != nil {
		return permanent(e.URL, err, "corrupt %s: %v", got.format.name, err)
	}
	b := img.Bounds()
	thumb, mime, err := Encode(Scale(img, f.opts.ThumbSize), f.opts.JPEGQuality)
	if err != nil {
		return permanent(e.URL, err, "%v", err)
	}
	e.Width, e.Height = b.Dx(), b.Dy()
	e.Format, e.Size = got.format.name, int64(len(got.data))
	e.Thumb, e.ThumbMIME = thumb, mime
	e.ThumbWidth, e.ThumbHeight = fit(b.Dx(), b.Dy(), f.opts.ThumbSize)
	if f.opts.KeepOriginals {
		e.Original = got.data
	}
	return nil
}
