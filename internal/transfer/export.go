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
	// record per file beyond a few bytes (BenchmarkExportMemory), so that
	// its memory stays flat at a million articles.
	ListFiles bool
	// ToolVersion goes into a zip's manifest (default: the binary's module version).
	ToolVersion string

	// fault, when set (by tests), is asked before each file operation of
	// the writer ("write" or "rename" of a name) and makes it fail with the
	// error it returns.
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

// planned is one article to export and the name it gets. The plan is the
// export's only record with a name per article: the files written, the
// folder's moves and the zip's manifest refer to it by index
// (BenchmarkExportMemory).
type planned struct {
	id   int64
	name string
}

// Export writes articles to dest: a folder, or a zip file with a manifest
// when dest ends in .zip. The bytes written are the stored current text of
// each article, exactly, with mode 0666 less the umask.
//
// A failed or cancelled export leaves dest as it was: the files are written
// into a hidden staging folder inside dest and moved into place at the end
// (files they replace are kept until every move succeeded, and put back if
// one fails); a zip is built as a hidden temporary file and renamed when
// complete. What a killed export leaves (names starting with
// ".seedarchive-export-") is removed by the next export to the same place.
// The summary of a failed export counts the files left at dest: none,
// unless undoing failed too.
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
	var reserved []string
	if sum.Zip {
		reserved = append(reserved, manifestName)
	}
	q := CombineQuery(opts.Query, opts.Set)
	plan, err := makePlan(ctx, archive, q, opts.IDs, tmpl, newNamer(reserved...))
	if err != nil {
		return sum, err
	}
	if err := checkTargets(dest, sum.Zip, plan, opts.Force); err != nil {
		return sum, err
	}
	if len(plan) > math.MaxInt32 {
		return sum, fmt.Errorf("export: %s: more than %s", plural(len(plan), "article"), num(math.MaxInt32))
	}
	w := &exporter{archive: archive, opts: opts, plan: plan, sum: &sum,
		progress: newThrottle(opts.Progress, opts.ProgressEvery, len(plan))}
	if sum.Zip {
		err = w.writeZip(ctx, dest, manifest{
			ToolVersion: orDefault(opts.ToolVersion, toolVersion()),
			Created:     start.UTC().Format(time.RFC3339),
			Query:       q,
			Set:         opts.Set,
			IDs:         opts.IDs,
		})
	} else {
		err = w.writeFolder(ctx, dest)
	}
	if err == nil && sum.Zip {
		// A zip is compressed: report what it takes on disk, not the text in it.
		var fi os.FileInfo
		if fi, err = os.Stat(dest); err == nil {
			sum.Bytes = fi.Size()
		}
	}
	sum.Elapsed = time.Since(start)
	w.progress.flush(sum.Count)
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

// makePlan lists the articles to export in order with unique names. Only
// ids and names are kept; an article whose name needs a hash of its text is
// loaded after the listing (never during it).
func makePlan(ctx context.Context, archive *storage.Archive, query string, ids []int64, tmpl *NameTemplate, names *namer) ([]planned, error) {
	var plan []planned
	later := map[int]nameFields{} // plan index -> fields still needing the text hash
	add := func(f nameFields) {
		i := len(plan)
		if needsHash(&f, tmpl) {
			if f.WebURL == "" {
				later[i] = f
				plan = append(plan, planned{id: f.ID})
				return
			}
			f.Hash = hashOf([]byte(f.WebURL))
		}
		plan = append(plan, planned{id: f.ID, name: nameFor(i, &f, tmpl)})
	}
	if len(ids) > 0 {
		for _, id := range ids {
			rec, err := archive.Get(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("export: article %d: %w", id, err)
			}
			add(recordFields(rec))
		}
	} else {
		err := archive.Each(ctx, storage.ListOptions{Query: query, NoTextFields: true}, func(r storage.Row) error {
			add(rowFields(&r))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	for i, f := range later {
		rec, err := archive.Get(ctx, f.ID)
		if err != nil {
			return nil, fmt.Errorf("export: article %d: %w", f.ID, err)
		}
		f.Hash = hashOf(rec.Doc.Bytes())
		plan[i].name = nameFor(i, &f, tmpl)
	}
	for i := range plan {
		plan[i].name = names.unique(plan[i].name)
	}
	return plan, nil
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

// checkTargets refuses, before anything is written, to overwrite existing
// files without force, and to replace a folder by a file even with it.
func checkTargets(dest string, isZip bool, plan []planned, force bool) error {
	if isZip {
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
	if fi, err := os.Stat(dest); err == nil && !fi.IsDir() {
		return fmt.Errorf("export: %s is not a folder", dest)
	} else if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	// The first few names are kept for the message, and a count: with
	// force, every file of a repeated export exists.
	var existing []string
	count := 0
	for _, p := range plan {
		fi, err := os.Lstat(filepath.Join(dest, filepath.FromSlash(p.name)))
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrInvalid):
			continue
		case err != nil:
			// A parent is a file, or unreadable: writing will fail.
			return fmt.Errorf("export: %w", err)
		case fi.IsDir():
			return fmt.Errorf("export: %s is a folder", filepath.Join(dest, p.name))
		}
		if count++; len(existing) < 5 {
			existing = append(existing, p.name)
		}
	}
	if count == 0 || force {
		return nil
	}
	more := ""
	if count > len(existing) {
		more = fmt.Sprintf(" and %d more", count-len(existing))
	}
	verb := "exist"
	if count == 1 {
		verb = "exists"
	}
	return fmt.Errorf("export: %s %s in %s (%s%s): %w", plural(count, "file"), verb, dest, strings.Join(existing, ", "), more, ErrExists)
}

// toolVersion is the version of the running binary's main module.
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return strings.TrimPrefix(bi.Path+" "+bi.Main.Version, " ")
	}
	return "seedarchive"
}
