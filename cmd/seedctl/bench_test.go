package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/benchenv"
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

// BenchmarkListWhere measures, in wall and CPU time (cpu-ms/op), what `seedctl list --where QUERY` costs on the
// benchmarks' archive (benchenv.Target: $SEEDARCHIVE_BENCH_DB, else
// $SEEDARCHIVE_BENCH_N generated articles, default 10,000). For each query:
//
//	Count    storage Count (the number the GUI shows)
//	Page     storage List of the first 100 rows (one table page)
//	CLI      the whole command in process: open the archive, list the first
//	         100 matches as a table, close (output discarded)
//	CLIAll   the same listing every match
func BenchmarkListWhere(b *testing.B) {
	db, _ := benchenv.Target(b)
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
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.Count(ctx, q.query); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
			b.ReportMetric(float64(matches), "matches")
		})
		b.Run(q.name+"/Page", func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.List(ctx, storage.ListOptions{Query: q.query, Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
		for _, all := range []bool{false, true} {
			name, args := "/CLI", []string{"--db", db, "list", "--where", q.query, "--limit", "100"}
			if all {
				name, args = "/CLIAll", args[:len(args)-2]
			}
			b.Run(q.name+name, func(b *testing.B) {
				cpu := benchenv.CPUTime()
				for b.Loop() {
					if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
						b.Fatalf("seedctl %s: exit %d", strings.Join(args, " "), code)
					}
				}
				benchenv.ReportCPU(b, cpu)
			})
		}
	}
}

// benchArticles is $SEEDARCHIVE_BENCH_N, else 10,000.
func benchArticles(b *testing.B) int { return benchenv.N(b, 10_000) }

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
