package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// sidebarFacets are the facets the app's sidebar counts for each query.
var sidebarFacets = []string{"set", "topic", "provider", "category", "type", "published"}

// BenchmarkFacetCounts measures the sidebar's counts (every facet it shows,
// all values) for one query on the benchmarks' archive (benchenv.Target:
// $SEEDARCHIVE_BENCH_DB, else $SEEDARCHIVE_BENCH_N generated articles).
// Estimate is what the sidebar waits for (FacetEstimates: the kept counts
// with no query, at most 5,000 matching articles with one); Exact is
// Facet, which the sidebar runs afterwards, in the background, when an
// estimate was not exact, each time with nothing kept from an earlier
// search (storage.ForgetMatches); ExactAfterWord is the same after the
// exact counts of the query's first word alone (untimed), as when that
// word was typed first, whose match set Facet then reuses; ExactAfterSearch
// is the same after the search's own ids and count (IDs in the table's default
// order, then Count; untimed), which the app reads before the sidebar
// counts exactly: what the sidebar's exact pass costs in the app. cpu-ms/op is
// the process's CPU time (user+sys), which other work on the machine does
// not inflate.
func BenchmarkFacetCounts(b *testing.B) {
	path, _ := benchenv.Target(b)
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	ctx := context.Background()
	for _, q := range []struct{ name, query, word string }{
		{"none", "", ""},
		{"brain", "brain", ""},
		{"study", "study", ""},
		{"topicAI", "topic:AI", ""},
		{"combined", "brain topic:Health date:>=2020 -category:blog", "brain"},
	} {
		total, err := a.Count(ctx, q.query)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.name+"/Estimate", func(b *testing.B) {
			cpu := benchenv.CPUTime()
			exact := true
			for b.Loop() {
				_, ok, err := a.FacetEstimates(ctx, sidebarFacets, q.query, total)
				if err != nil {
					b.Fatal(err)
				}
				exact = ok
			}
			benchenv.ReportCPU(b, cpu)
			b.ReportMetric(float64(total), "matches")
			if exact {
				b.ReportMetric(1, "exact")
			}
		})
		exact := func(b *testing.B, word string, searched bool) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				storage.ForgetMatches(a)
				if searched {
					if _, err := a.IDs(ctx, storage.ListOptions{Query: q.query}); err != nil {
						b.Fatal(err)
					}
					if _, err := a.Count(ctx, q.query); err != nil {
						b.Fatal(err)
					}
				}
				for _, f := range sidebarFacets {
					if word == "" {
						break
					}
					if _, err := a.Facet(ctx, f, word, 0); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				start := benchenv.CPUTime()
				for _, f := range sidebarFacets {
					if _, err := a.Facet(ctx, f, q.query, 0); err != nil {
						b.Fatal(err)
					}
				}
				cpu += benchenv.CPUTime() - start
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
		}
		b.Run(q.name+"/Exact", func(b *testing.B) { exact(b, "", false) })
		if q.word != "" {
			b.Run(q.name+"/ExactAfterWord", func(b *testing.B) { exact(b, q.word, false) })
		}
		if q.query != "" {
			b.Run(q.name+"/ExactAfterSearch", func(b *testing.B) { exact(b, "", true) })
		}
	}
}
