package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// benchQueries are the representative --where queries of the README's
// figures. "zuzo" is a made-up word from the tail of the corpus vocabulary,
// quoted to match only itself (a last bare word is also a prefix): a few
// dozen articles of 100,000.
var benchQueries = []struct{ name, query string }{
	{"Topic", "topic:AI"},
	{"Provider", `provider:"Medical Xpress"`},
	{"DateRange", "date:2020-01..2020-06"},
	{"CommonWord", "study"},
	{"RareWord", `"zuzo"`},
	{"Combined", "brain topic:Health date:>=2020 -category:blog quality:>30"},
}

// BenchmarkListWhere measures what `seedctl list --where QUERY` costs on an
// archive of $SEEDARCHIVE_BENCH_N generated articles (default 10,000; the
// README quotes 100,000), built once and kept in os.TempDir() for later
// runs. For each query:
//
//	Count    storage Count (the number the GUI shows)
//	Page     storage List of the first 100 rows (one table page)
//	CLI      the whole command in process: open the archive, list the first
//	         100 matches as a table, close (output discarded)
//	CLIAll   the same listing every match
func BenchmarkListWhere(b *testing.B) {
	n := benchArticles(b)
	db := benchArchive(b, n)
	a, err := storage.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	for _, q := range benchQueries {
		matches, err := a.Count(ctx, q.query)
		if err != nil {
			b.Fatalf("%s: %v", q.query, err)
		}
		if matches == 0 {
			b.Fatalf("%s matches nothing", q.query)
		}
		b.Run(q.name+"/Count", func(b *testing.B) {
			for b.Loop() {
				if _, err := a.Count(ctx, q.query); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(matches), "matches")
		})
		b.Run(q.name+"/Page", func(b *testing.B) {
			for b.Loop() {
				if _, err := a.List(ctx, storage.ListOptions{Query: q.query, Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
		for _, all := range []bool{false, true} {
			name, args := "/CLI", []string{"--db", db, "list", "--where", q.query, "--limit", "100"}
			if all {
				name, args = "/CLIAll", args[:len(args)-2]
			}
			b.Run(q.name+name, func(b *testing.B) {
				for b.Loop() {
					if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
						b.Fatalf("seedctl %s: exit %d", strings.Join(args, " "), code)
					}
				}
			})
		}
	}
}

// benchArticles is $SEEDARCHIVE_BENCH_N, else 10,000.
func benchArticles(b *testing.B) int {
	s := os.Getenv("SEEDARCHIVE_BENCH_N")
	if s == "" {
		return 10_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		b.Fatalf("SEEDARCHIVE_BENCH_N=%q", s)
	}
	return n
}

// benchArchive returns an archive of the first n articles of the corpus of
// seed 1, building it on first use into os.TempDir()/seedarchive-bench
// (named by n and the schema version) and reusing it afterwards.
func benchArchive(b *testing.B, n int) string {
	b.Helper()
	root := filepath.Join(os.TempDir(), "seedarchive-bench")
	db := filepath.Join(root, fmt.Sprintf("list-%d-schema%d.db", n, storage.SchemaVersion()))
	if _, err := os.Stat(db); err == nil {
		return db
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "tmp-archive-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	built := filepath.Join(tmp, "archive.db")
	b.Logf("building an archive of %d articles in %s (once)", n, db)
	if err := buildArchive(built, n); err != nil {
		b.Fatal(err)
	}
	// Closing the last connection checkpointed the WAL into the file: the
	// file alone is the archive.
	if fi, err := os.Stat(built + "-wal"); err == nil && fi.Size() > 0 {
		b.Fatalf("%s-wal left after close", built)
	}
	if err := os.Rename(built, db); err != nil {
		b.Fatal(err)
	}
	return db
}

// buildArchive stores n generated articles in a new archive at path.
func buildArchive(path string, n int) error {
	a, err := storage.Open(path)
	if err != nil {
		return err
	}
	rng := corpus.New(1)
	for done := 0; done < n; {
		batch := min(1000, n-done)
		err := a.WriteTx(context.Background(), func(tx *storage.Tx) error {
			for i := range batch {
				name, text := corpus.Article(rng, done+i)
				doc, err := seedfile.Parse(text)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if _, err := tx.InsertPrepared(name, storage.Prepare(doc)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			a.Close()
			return err
		}
		done += batch
	}
	return a.Close()
}
