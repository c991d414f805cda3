package transfer

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

// ExportOptions choose what an export writes and how files are named. With
// no Query, Set or IDs the whole archive is exported.
type ExportOptions struct {
	Query string  // articles matching this query (internal/query language)
	Set   string  // articles of this set (combined with Query when both are given)
	IDs   []int64 // exactly these articles, in this order (the GUI's selection); excludes Query and Set
	// NameTemplate names the files, e.g. "{date:2006-01}/{provider.domain}/{slug}.md"
	// (see Placeholders). Empty: each article's original file name, or
	// NNN_<16 hex>.txt when it has none.
	NameTemplate string
	// Force allows overwriting existing files. Without it, Export checks
	// every target first and refuses before writing anything.
	Force bool
	// Progress, if set, is called with the files written so far and the
	// total, at most once per ProgressEvery, and at the end.
	Progress      func(done, total int)
	ProgressEvery time.Duration // 0: DefaultProgressEvery; negative: every file
	// OnFile, if set, receives each file once written (into the staging
	// folder or the zip; a failed export removes it again).
	OnFile func(ExportedFile)
	// ListFiles fills ExportSummary.Files. Without it the export keeps no
	// record per file in memory (TestExportMemoryPerArticle), so that its
	// memory stays flat at a million articles.
	ListFiles bool
	// ToolVersion goes into a zip's manifest (default: the binary's module version).
	ToolVersion string

	// fault, when set (by tests), is asked before each file operation of
	// the writer ("write" or "rename" of a name), and once the plan is made
	// ("planned"), and makes it fail with the error it returns.
	fault func(op, name string) error
}

// injected returns the error a test injects into the operation, if any.
func (o *ExportOptions) injected(op, name string) error {
	if o.fault == nil {
		return nil
	}
	return o.fault(op, name)
}

// ErrExists is wrapped by the error Export returns when targets exist and
// Force is not set.
var ErrExists = errors.New("target exists (use force to overwrite)")

// planned is one article to export and the name it gets. The plan is kept
// in a scratch file (planStore) and read a page at a time: an export holds
// no record per article (TestExportMemoryPerArticle).
type planned struct {
	id   int64
	name string
}

// planError is an error of the planning (or a refusal) that Export returns
// as is, without naming the destination again.
type planError struct{ err error }

func (e planError) Error() string { return e.err.Error() }
func (e planError) Unwrap() error { return e.err }

// Export writes articles to dest: a folder, or a zip file with a manifest
// when dest ends in .zip. The bytes written are the stored current text of
// each article, exactly, with mode 0666 less the umask.
//
// A failed or cancelled export leaves dest as it was: the files are written
// into a hidden staging folder inside dest and moved into place at the end
// (files they replace are kept until every move succeeded, and put back if
// one fails); a zip is built as a temporary file in a hidden staging
// folder beside it and renamed when complete. What a killed export leaves (names starting with
// ".seedarchive-export-") is removed by the next export to the same place.
// The summary of a failed export counts the files left at dest: none,
// unless undoing failed too.
//
// The plan (which article gets which name) and what is recorded per file
// written wait in scratch files beside the output (in the staging folder,
// or beside the zip's temporary file), removed with them: the memory an
// export takes does not grow with the number of articles.
//
// Callbacks run on the goroutine that called Export.
func Export(ctx context.Context, archive *storage.Archive, dest string, opts ExportOptions) (ExportSummary, error) {
	start := time.Now()
	sum := ExportSummary{Dest: dest, Zip: strings.EqualFold(filepath.Ext(dest), ".zip")}
	var tmpl *NameTemplate
	if opts.NameTemplate != "" {
		var err error
		if tmpl, err = ParseNameTemplate(opts.NameTemplate); err != nil {
			return sum, err
		}
	}
	if len(opts.IDs) > 0 && (opts.Query != "" || opts.Set != "") {
		return sum, errors.New("export: IDs exclude a query or a set")
	}
	q := CombineQuery(opts.Query, opts.Set)
	w := &exporter{archive: archive, opts: opts, tmpl: tmpl, query: q, sum: &sum}
	var err error
	if sum.Zip {
		if err := checkZipTarget(dest, opts.Force); err != nil {
			return sum, err
		}
		err = w.writeZip(ctx, dest, manifest{
			ToolVersion: orDefault(opts.ToolVersion, toolVersion()),
			Created:     start.UTC().Format(time.RFC3339),
			Query:       q,
			Set:         opts.Set,
			IDs:         opts.IDs,
		})
	} else {
		var existed bool
		if existed, err = checkFolderTarget(dest); err != nil {
			return sum, err
		}
		err = w.writeFolder(ctx, dest, existed)
	}
	if err == nil && sum.Zip {
		// A zip is compressed: report what it takes on disk, not the text in it.
		var fi os.FileInfo
		if fi, err = os.Stat(dest); err == nil {
			sum.Bytes = fi.Size()
		}
	}
	sum.Elapsed = time.Since(start)
	if w.progress != nil {
		w.progress.flush(sum.Count)
	}
	var pe planError
	if errors.As(err, &pe) {
		return sum, pe.err
	}
	if err != nil {
		return sum, fmt.Errorf("export to %s: %w", dest, err)
	}
	return sum, nil
}

// CombineQuery returns the query selecting the articles of set that match
// query (either may be empty).
func CombineQuery(q, set string) string {
	if set == "" {
		return q
	}
	s := query.Term("set", set)
	if strings.TrimSpace(q) == "" {
		return s
	}
	return s + " (" + q + ")"
}

// makePlan lists the articles to export in order with unique names into
// a plan kept in the scratch file at scratch, asking check about each name
// (an error from check stops it), and starts the progress reports. Names
// that need an article's text hash load that article as they come.
func (w *exporter) makePlan(ctx context.Context, scratch string, reserved []string, check func(name string) error) error {
	ps, err := openPlanStore(ctx, scratch)
	if err != nil {
		return err
	}
	w.plan = ps
	names, err := newNamer(diskNames{ctx: ctx, ps: ps}, reserved...)
	if err != nil {
		return err
	}
	add := func(f nameFields, text func() ([]byte, error)) error {
		if ps.n >= math.MaxInt32 {
			return planError{fmt.Errorf("export: more than %s articles", num(math.MaxInt32))}
		}
		if needsHash(&f, w.tmpl) {
			if f.WebURL != "" {
				f.Hash = hashOf([]byte(f.WebURL))
			} else {
				t, err := text()
				if err != nil {
					return planError{fmt.Errorf("export: article %d: %w", f.ID, err)}
				}
				f.Hash = hashOf(t)
			}
		}
		name, err := names.unique(nameFor(ps.n, &f, w.tmpl))
		if err != nil {
			return err
		}
		if err := check(name); err != nil {
			return err
		}
		return ps.append(ctx, f.ID, name)
	}
	if len(w.opts.IDs) > 0 {
		for _, id := range w.opts.IDs {
			rec, err := w.archive.Get(ctx, id)
			if err != nil {
				return planError{fmt.Errorf("export: article %d: %w", id, err)}
			}
			if err := add(recordFields(rec), func() ([]byte, error) { return rec.Doc.Bytes(), nil }); err != nil {
				return err
			}
		}
	} else {
		var stop error
		err := w.archive.Each(ctx, storage.ListOptions{Query: w.query, NoTextFields: true}, func(r storage.Row) error {
			stop = add(rowFields(&r), func() ([]byte, error) {
				rec, err := w.archive.Get(ctx, r.ID)
				if err != nil {
					return nil, err
				}
				return rec.Doc.Bytes(), nil
			})
			return stop
		})
		if stop != nil {
			return stop
		}
		if err != nil {
			return planError{fmt.Errorf("export: %w", err)}
		}
	}
	if err := ps.done(ctx); err != nil {
		return err
	}
	if err := w.opts.injected("planned", ""); err != nil {
		return err
	}
	w.progress = newThrottle(w.opts.Progress, w.opts.ProgressEvery, ps.n)
	return nil
}

// needsHash reports whether the article's name is made with its hash.
func needsHash(f *nameFields, tmpl *NameTemplate) bool {
	if tmpl == nil {
		return f.File == ""
	}
	return tmpl.usesHash(f)
}

// nameFor renders the (not yet unique) name of the article at export index i.
func nameFor(i int, f *nameFields, tmpl *NameTemplate) string {
	switch {
	case tmpl != nil:
		return tmpl.render(i, f)
	case f.File != "":
		return SanitizePath(f.File)
	default:
		return defaultName(i, f.Hash)
	}
}

func rowFields(r *storage.Row) nameFields {
	return nameFields{ID: r.ID, File: r.File, Title: r.Title, PublishedAt: r.PublishedAt,
		ProviderName: r.ProviderName, ProviderDomain: r.ProviderDomain,
		Category: r.Category, Type: r.Type, WebURL: r.WebURL}
}

func recordFields(rec *storage.Record) nameFields {
	a := rec.Doc.Article()
	published := ""
	if t, err := time.Parse(time.RFC3339, a.PublishedDateTime); err == nil {
		published = t.UTC().Format(time.RFC3339)
	}
	return nameFields{ID: rec.ID, File: rec.File, Title: a.Title, PublishedAt: published,
		ProviderName: a.Provider.Name, ProviderDomain: a.Provider.Domain,
		Category: a.Category, Type: a.Type, WebURL: a.WebURL}
}

// checkZipTarget refuses, before anything is written, to overwrite an
// existing zip without force, and to replace a folder by a zip even with it.
func checkZipTarget(dest string, force bool) error {
	fi, err := os.Stat(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("export: %w", err)
	case fi.IsDir():
		return fmt.Errorf("export: %s is a folder", dest)
	case !force:
		return fmt.Errorf("export: %s: %w", dest, ErrExists)
	}
	return nil
}

// checkFolderTarget refuses a destination folder that is a file, and
// reports whether it exists (else no file in it needs checking).
func checkFolderTarget(dest string) (existed bool, err error) {
	fi, err := os.Stat(dest)
	if err == nil && !fi.IsDir() {
		return false, fmt.Errorf("export: %s is not a folder", dest)
	}
	return err == nil, nil
}

// targets checks, as the plan is made and before anything is moved into
// dest, that no name replaces a folder, and counts the files a name would
// overwrite, keeping the first few names for the refusal's message: with
// force, every file of a repeated export exists.
type targets struct {
	dest     string
	existing []string
	count    int
}

// check checks the target of name.
func (t *targets) check(name string) error {
	fi, err := os.Lstat(filepath.Join(t.dest, filepath.FromSlash(name)))
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrInvalid):
		return nil
	case err != nil:
		// A parent is a file, or unreadable: writing will fail.
		return planError{fmt.Errorf("export: %w", err)}
	case fi.IsDir():
		return planError{fmt.Errorf("export: %s is a folder", filepath.Join(t.dest, name))}
	}
	if t.count++; len(t.existing) < 5 {
		t.existing = append(t.existing, name)
	}
	return nil
}

// refusal is the error refusing to overwrite the existing targets without
// force, if any exist.
func (t *targets) refusal(force bool) error {
	if t.count == 0 || force {
		return nil
	}
	more := ""
	if t.count > len(t.existing) {
		more = fmt.Sprintf(" and %d more", t.count-len(t.existing))
	}
	verb := "exist"
	if t.count == 1 {
		verb = "exists"
	}
	return planError{fmt.Errorf("export: %s %s in %s (%s%s): %w", plural(t.count, "file"), verb, t.dest, strings.Join(t.existing, ", "), more, ErrExists)}
}

// toolVersion is the version of the running binary's main module.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return strings.TrimPrefix(bi.Path+" "+bi.Main.Version, " ")
	}
	return "seedarchive"
}
