package transfer

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// OnDuplicate says what an import does with an input whose webUrl (or,
// without a URL, whose content) is already stored with other content.
// Identical inputs are always skipped.
type OnDuplicate int

// The duplicate modes.
const (
	Skip     OnDuplicate = iota // keep the stored article, skip the input (default)
	Replace                     // replace the stored article (clearing its edits)
	KeepBoth                    // store the input as a new article next to it
)

// String returns "skip", "replace" or "keep-both".
func (m OnDuplicate) String() string {
	switch m {
	case Replace:
		return "replace"
	case KeepBoth:
		return "keep-both"
	default:
		return "skip"
	}
}

// ParseOnDuplicate reads "skip", "replace" or "keep-both".
func ParseOnDuplicate(s string) (OnDuplicate, error) {
	switch strings.ToLower(s) {
	case "skip", "":
		return Skip, nil
	case "replace":
		return Replace, nil
	case "keep-both", "keepboth", "keep":
		return KeepBoth, nil
	}
	return Skip, fmt.Errorf("unknown duplicate mode %q (want skip, replace or keep-both)", s)
}

// DefaultBatchSize is how many inputs one write transaction stores. Larger
// batches commit (and flush the full-text index) less often, which saves
// CPU, but hold more memory (two batches are in flight) and the saving
// shrinks as they grow. Rerun BenchmarkImport (cpu-µs/article) when
// changing it.
const DefaultBatchSize = 1000

// DefaultProgressEvery is the least time between two Progress calls.
const DefaultProgressEvery = 100 * time.Millisecond

// ImportOptions tune an import. The zero value skips duplicates.
type ImportOptions struct {
	OnDuplicate OnDuplicate
	// DryRun classifies every input without writing anything.
	DryRun bool
	// Progress, if set, is called with the inputs processed so far and the
	// total, at most once per ProgressEvery, and always at the end.
	Progress func(done, total int)
	// ProgressEvery throttles Progress: 0 means DefaultProgressEvery, a
	// negative value calls it for every input.
	ProgressEvery time.Duration
	// OnFile, if set, receives each input's result in input order, once the
	// batch holding it is committed (in a dry run, once it is classified).
	OnFile func(FileResult)
	// BatchSize is how many inputs each transaction stores (0: DefaultBatchSize).
	BatchSize int
	// Workers is how many inputs are read and parsed at once (0: GOMAXPROCS).
	Workers int
}

// errDryRun rolls back a dry run's read-only transaction.
var errDryRun = errors.New("dry run")

// Import stores the seed files found under paths (files, folders walked
// recursively for the SeedExtensions, and .zip archives) in archive.
//
// Inputs are parsed in parallel and written in input order, one transaction
// per batch. Refused inputs (unreadable, too big, or not a valid seed file)
// are reported in the summary and the rest is imported. When ctx is
// cancelled or a write fails, the batch in progress is rolled back, the
// batches before it stay, and Import returns the summary so far with the
// error; running the same import again finishes the job.
//
// Callbacks run on the goroutine that called Import.
func Import(ctx context.Context, archive *storage.Archive, paths []string, opts ImportOptions) (ImportSummary, error) {
	start := time.Now()
	var c collector
	defer c.close()
	c.collect(paths)

	im := &importer{
		archive: archive,
		opts:    opts,
		inputs:  c.inputs,
		mem:     newRunMemory(),
	}
	c.inputs = nil // im holds them, and drops them before the import's end
	im.sum.DryRun = opts.DryRun
	im.sum.Total = len(im.inputs)
	im.sum.SkippedExtension, im.sum.NestedZips = c.skippedExt, c.nestedZips
	im.progress = newThrottle(opts.Progress, opts.ProgressEvery, len(im.inputs))
	err := im.run(ctx)
	im.sum.Elapsed = time.Since(start)
	im.progress.flush(im.sum.Done)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return im.sum, fmt.Errorf("import interrupted after %d of %d files: %w", im.sum.Done, im.sum.Total, err)
		}
		return im.sum, fmt.Errorf("import: %w", err)
	}
	return im.sum, nil
}

// importer is the state of one Import call.
type importer struct {
	archive  *storage.Archive
	opts     ImportOptions
	inputs   []input
	sum      ImportSummary
	progress *throttle
	mem      *runMemory
	// empty is set when the import began, as a bulk one, on an archive
	// without articles (storage.Bulk.Empty): every duplicate is then an
	// earlier input of this import, which mem remembers, and the stored
	// articles are not searched. It stays set while the archive's
	// largest id is lastID, the largest this import stored: an article
	// stored by anyone else (another window, another process) between
	// two batches ends it, and the lookups resume.
	empty  bool
	lastID int64
}

func (im *importer) run(ctx context.Context) error {
	size := im.opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	workers := im.opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	pctx, cancel := context.WithCancel(ctx)
	// A batch's worth of chunks parsed ahead of the writer, as many inputs
	// in memory as when whole batches were handed over.
	chunks := make(chan *chunk, max(1, size/chunkSize))
	go parseInputs(pctx, im.inputs, workers, chunks)
	in := &stream{ctx: pctx, chunks: chunks}
	// stop ends the parsing (at once when the writer stopped early) and
	// waits for its workers.
	stop := func() {
		cancel()
		in.drain()
	}
	if im.opts.DryRun {
		defer stop()
		return im.write(ctx, in, size)
	}
	bulk, err := im.archive.BeginBulk(ctx, len(im.inputs))
	if err != nil {
		stop()
		return err
	}
	im.empty = bulk.Empty()
	// Finish runs even when the import stops early: it rebuilds what
	// BeginBulk set aside, so the archive is whole again.
	err = im.write(ctx, in, size)
	stop()
	im.forget()
	if beforeFinish != nil {
		beforeFinish(im)
	}
	if ferr := bulk.Finish(context.WithoutCancel(ctx)); err == nil {
		err = ferr
	}
	return err
}

// beforeFinish, when set (by tests), sees the importer just before
// storage.Bulk.Finish.
var beforeFinish func(*importer)

// forget drops the input list and the run memory once every input is
// written, and after a large import returns the heap they took to the
// system (storage.ReleaseBeforeFinish; TestImportForgetsInputsBeforeFinish
// checks it).
func (im *importer) forget() {
	n := len(im.inputs)
	im.inputs, im.mem = nil, nil
	storage.ReleaseBeforeFinish(n)
}

// write stores the parsed inputs as they come, size a transaction.
func (im *importer) write(ctx context.Context, in *stream, size int) error {
	for in.ready() {
		if err := im.writeBatch(ctx, in, size); err != nil {
			return err
		}
	}
	if im.sum.Done < len(im.inputs) {
		return ctx.Err() // stopped early: cancelled before every input was parsed
	}
	return nil
}

// writeBatch classifies and stores the next size inputs (fewer at the end)
// in one transaction, each as soon as it is parsed.
func (im *importer) writeBatch(ctx context.Context, in *stream, size int) error {
	var results []FileResult
	err := im.archive.WriteTx(ctx, func(tx *storage.Tx) error {
		results = results[:0]
		im.mem.begin()
		tx.DeferChildRows()
		if im.empty {
			last, err := tx.LastArticleID()
			if err != nil {
				return err
			}
			im.empty = last == im.lastID
		}
		for len(results) < size {
			p := in.next()
			if p == nil {
				if err := ctx.Err(); err != nil {
					return err
				}
				break
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			r, err := im.place(tx, p)
			if err != nil {
				return fmt.Errorf("%s: %w", p.in.path(), err)
			}
			results = append(results, r)
			im.progress.update(im.sum.Done + len(results))
		}
		if im.opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return err
	}
	im.mem.commit()
	for _, r := range results {
		im.sum.add(r)
		if im.opts.OnFile != nil {
			im.opts.OnFile(r)
		}
	}
	return nil
}

// place classifies one parsed input and, unless this is a dry run, writes it.
func (im *importer) place(tx *storage.Tx, p *parsed) (FileResult, error) {
	r := FileResult{Path: p.in.path(), Name: p.in.name}
	if p.reason != "" {
		r.Status, r.Line, r.Reason = StatusRefused, p.line, p.reason
		return r, nil
	}
	key, doc := p.key(), p.docKey()
	if id, ok := im.mem.doc(doc); ok {
		r.Status, r.ID = StatusIdentical, id
		return r, nil
	}
	defer func() {
		id := r.ID // the article this content now is, if any
		if r.Status != StatusIdentical && r.Action == ActionNone {
			id = 0
		}
		im.mem.addDoc(doc, id)
	}()
	var matches []storage.Match
	var err error
	if !im.empty {
		if matches, err = tx.FindDuplicates(p.webURL, p.ck); err != nil {
			return r, err
		}
	}
	// The first input with a key claims it, even when identical: a later
	// input with that key and other content conflicts with it.
	first, claimed := im.mem.firstWithKey(key)
	if !claimed {
		im.mem.addKey(key, p.index)
	}
	for _, m := range matches {
		if m.SHA256 == p.sha || m.ContentKey == p.ck {
			r.Status, r.ID = StatusIdentical, m.ID
			return r, nil
		}
	}
	if claimed {
		r.Status = StatusConflicting
		r.Reason = fmt.Sprintf("conflicting: same %s as %s, other content", p.keyName(), im.inputs[first].path())
		return r, im.insertIfKeepBoth(tx, p, &r)
	}
	switch len(matches) {
	case 0:
		r.Status = StatusNew
		err = im.insert(tx, p, &r)
	case 1:
		r.Status, r.ID = StatusChanged, matches[0].ID
		switch im.opts.OnDuplicate {
		case Replace:
			if !im.opts.DryRun {
				err = tx.Replace(matches[0].ID, p.in.name, p.doc)
				r.Action = ActionReplaced
			}
		case KeepBoth:
			err = im.insert(tx, p, &r)
		}
	default:
		r.Status = StatusConflicting
		ids := make([]string, len(matches))
		for i, m := range matches {
			ids[i] = fmt.Sprintf("#%d", m.ID)
		}
		r.Reason = fmt.Sprintf("conflicting: %d stored articles have this %s (%s)", len(matches), p.keyName(), strings.Join(ids, ", "))
		err = im.insertIfKeepBoth(tx, p, &r)
	}
	return r, err
}

func (im *importer) insertIfKeepBoth(tx *storage.Tx, p *parsed, r *FileResult) error {
	if im.opts.OnDuplicate != KeepBoth {
		return nil
	}
	return im.insert(tx, p, r)
}

func (im *importer) insert(tx *storage.Tx, p *parsed, r *FileResult) error {
	if im.opts.DryRun {
		return nil
	}
	id, err := tx.InsertPrepared(p.in.name, p.prep)
	if err != nil {
		return err
	}
	im.lastID = max(im.lastID, id)
	r.ID, r.Action = id, ActionInserted
	return nil
}
