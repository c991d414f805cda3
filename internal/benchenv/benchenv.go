// Package benchenv gives the benchmarks their size and their large inputs.
// $SEEDARCHIVE_BENCH_N sets the number of articles (N), and the archives
// and corpora of that size are built once into os.TempDir()/seedarchive-bench
// and reused by later runs, so a benchmark at 1,000,000 articles pays for
// building its archive only the first time.
//
// Only test files import it. The storage package's own benchmarks that
// need an archive live in its external test package, as this package
// imports storage.
package benchenv

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// EnvN names the variable that sets the benchmarks' number of articles.
const EnvN = "SEEDARCHIVE_BENCH_N"

// EnvDB names an existing archive (e.g. one `seedctl import` built from
// gen_seeds.py's corpus) that the benchmarks reading an archive read
// instead of a generated one (Target). They never write to it.
const EnvDB = "SEEDARCHIVE_BENCH_DB"

// EnvCorpus names a folder of seed files (e.g. one gen_seeds.py wrote) that
// BenchmarkImport imports instead of a generated corpus of N files.
const EnvCorpus = "SEEDARCHIVE_BENCH_CORPUS"

// Seed is the corpus seed of every cached archive and corpus.
const Seed = 1

// N is $SEEDARCHIVE_BENCH_N, else def.
func N(tb testing.TB, def int) int {
	tb.Helper()
	s := os.Getenv(EnvN)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		tb.Fatalf("%s=%q: want a positive number", EnvN, s)
	}
	return n
}

// Dir is where cached archives and corpora are kept.
func Dir() string { return filepath.Join(os.TempDir(), "seedarchive-bench") }

// Archive returns the path of an archive of the first n articles of the
// generated corpus (seed Seed), at the current schema version. Benchmarks
// must only read it. It is built on first use; when only an archive of an
// older schema exists, a copy of it is migrated instead, which at 1,000,000
// articles is quicker than storing them again.
func Archive(tb testing.TB, n int) string {
	tb.Helper()
	name := archiveName(n, storage.SchemaVersion())
	return cached(tb, name, func(path string) error {
		if old := olderArchive(n); old != "" {
			tb.Logf("migrating a copy of %s to schema %d (once)", old, storage.SchemaVersion())
			if err := copyFile(old, path); err != nil {
				return err
			}
			a, err := storage.Open(path)
			if err != nil {
				return err
			}
			return a.Close()
		}
		tb.Logf("building an archive of %d articles in %s (once)", n, filepath.Join(Dir(), name))
		return buildArchive(path, n)
	})
}

// Target returns the archive the benchmarks read and its number of
// articles: $SEEDARCHIVE_BENCH_DB when set, else the cached Archive of
// N(tb, 10_000) articles.
func Target(tb testing.TB) (path string, n int) {
	tb.Helper()
	path = os.Getenv(EnvDB)
	if path == "" {
		n = N(tb, 10_000)
		return Archive(tb, n), n
	}
	a, err := storage.Open(path)
	if err != nil {
		tb.Fatalf("%s: %v", EnvDB, err)
	}
	defer a.Close()
	n, err = a.Count(context.Background(), "")
	if err != nil {
		tb.Fatalf("%s: %v", EnvDB, err)
	}
	return path, n
}

// Corpus returns a folder of n generated seed files (seed Seed), written on
// first use. It holds a hidden file .complete, which imports skip.
func Corpus(tb testing.TB, n int) string {
	tb.Helper()
	return cached(tb, fmt.Sprintf("corpus-%d", n), func(dir string) error {
		if err := corpus.Write(dir, n, Seed); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644)
	})
}

// ReportCPU reports the CPU time per operation since start (a CPUTime) as
// cpu-ms/op.
func ReportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((CPUTime()-start).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

func archiveName(n, schema int) string { return fmt.Sprintf("archive-%d-schema%d.db", n, schema) }

var archivePattern = regexp.MustCompile(`^archive-(\d+)-schema(\d+)\.db$`)

// olderArchive is the cached archive of n articles with the newest schema
// older than the current one, or "".
func olderArchive(n int) string {
	entries, err := os.ReadDir(Dir())
	if err != nil {
		return ""
	}
	best, bestSchema := "", 0
	for _, e := range entries {
		m := archivePattern.FindStringSubmatch(e.Name())
		if m == nil || m[1] != strconv.Itoa(n) {
			continue
		}
		schema, _ := strconv.Atoi(m[2])
		if schema < storage.SchemaVersion() && schema > bestSchema {
			best, bestSchema = filepath.Join(Dir(), e.Name()), schema
		}
	}
	return best
}

// cached returns Dir()/name, building it first with build (into a
// temporary path renamed into place once complete) when it is missing.
// A lock file (NAME.lock, removed once the lock is released) keeps two
// test processes from building the same thing.
func cached(tb testing.TB, name string, build func(path string) error) string {
	tb.Helper()
	final := filepath.Join(Dir(), name)
	if _, err := os.Stat(final); err == nil {
		for _, gone := range removeStale(final) {
			tb.Logf("removed %s, left by a build that did not finish", gone)
		}
		return final
	}
	if err := os.MkdirAll(Dir(), 0o755); err != nil {
		tb.Fatal(err)
	}
	unlock, err := lock(final + ".lock")
	if err != nil {
		tb.Fatal(err)
	}
	defer unlock()
	if _, err := os.Stat(final); err == nil { // built while we waited
		return final
	}
	// Holding the lock, no other process builds name: a temporary folder
	// of it is a killed build's (a kill skips the deferred RemoveAll).
	if locks {
		for _, gone := range removeTemps(final) {
			tb.Logf("removed %s, left by a build that did not finish", gone)
		}
	}
	tmp, err := os.MkdirTemp(Dir(), "tmp-"+name+"-")
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, name)
	start := time.Now()
	if err := build(built); err != nil {
		tb.Fatalf("building %s: %v", name, err)
	}
	// Closing an archive's last connection checkpointed its WAL into the
	// file: the file alone is the archive.
	if fi, err := os.Stat(built + "-wal"); err == nil && fi.Size() > 0 {
		tb.Fatalf("%s-wal left after close", built)
	}
	if err := os.Rename(built, final); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built %s in %v", final, time.Since(start).Round(time.Second))
	return final
}

// removeTemps removes the temporary folders cached made to build final
// (tmp-NAME-DIGITS beside it) and returns their paths. Only the holder of
// final's lock may call it: the folders are then no other process's.
func removeTemps(final string) []string {
	dir, name := filepath.Split(final)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var gone []string
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "tmp-"+name+"-")
		if !ok || !e.IsDir() || rest == "" || strings.Trim(rest, "0123456789") != "" {
			continue // another name's (tmp-corpus-50-… beside corpus-5), or not cached's
		}
		path := filepath.Join(dir, e.Name())
		if os.RemoveAll(path) == nil {
			gone = append(gone, path)
		}
	}
	return gone
}

// buildArchive stores the first n generated articles in a new archive at
// path as an import does: in a bulk import, transactions of 1,000, with
// parsing on another goroutine.
func buildArchive(path string, n int) (err error) {
	a, err := storage.Open(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, a.Close()) }()
	ctx := context.Background()
	bulk, err := a.BeginBulk(ctx, n)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, bulk.Finish(ctx)) }()

	type item struct {
		name string
		p    *storage.Prepared
	}
	batches := make(chan []item, 4)
	parseErr := make(chan error, 1)
	go func() {
		defer close(batches)
		rng := corpus.New(Seed)
		for done := 0; done < n; {
			batch := make([]item, 0, min(1000, n-done))
			for range cap(batch) {
				name, text := corpus.Article(rng, done)
				doc, err := seedfile.Parse(text)
				if err != nil {
					parseErr <- fmt.Errorf("%s: %w", name, err)
					return
				}
				batch = append(batch, item{name, storage.Prepare(doc)})
				done++
			}
			batches <- batch
		}
		parseErr <- nil
	}()
	for batch := range batches {
		err := a.WriteTx(ctx, func(tx *storage.Tx) error {
			for _, it := range batch {
				if _, err := tx.InsertPrepared(it.name, it.p); err != nil {
					return fmt.Errorf("%s: %w", it.name, err)
				}
			}
			return nil
		})
		if err != nil {
			for range batches { // let the parser finish
			}
			return err
		}
	}
	return <-parseErr
}

// copyFile copies the file src to dst, which must not exist.
func copyFile(src, dst string) error {
	data, err := os.Open(src)
	if err != nil {
		return err
	}
	defer data.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.ReadFrom(data); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
