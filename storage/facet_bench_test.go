package storage

import (
	"os"
	"testing"
	"time"
)

// sidebarFacets are the facets the app's sidebar counts for each query.
var sidebarFacets = []string{"set", "topic", "provider", "category", "type", "published"}

// BenchmarkFacetCounts measures the sidebar's counts (every facet it shows,
// all values) for one query on an archive of $SEEDARCHIVE_BENCH_N
// generated articles, or on the archive $SEEDARCHIVE_BENCH_DB (migrated in
// place: give it a copy). Estimate is what the sidebar waits for
// (FacetEstimates: the kept counts with no query, at most FacetSample
// articles with one); Exact is Facet, which the sidebar runs afterwards,
// in the background, when an estimate was not exact. cpu-ms/op is the
// process's CPU time (user+sys), which other work on the machine does not
// inflate.
func BenchmarkFacetCounts(b *testing.B) {
	a := benchFacetArchive(b)
	for _, q := range []struct{ name, query string }{
		{"none", ""},
		{"brain", "brain"},
		{"topicAI", "topic:AI"},
		{"combined", "brain topic:Health date:>=2020 -category:blog"},
	} {
		total, err := a.Count(ctx, q.query)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.name+"/Estimate", func(b *testing.B) {
			cpu := cpuTime()
			exact := true
			for b.Loop() {
				_, ok, err := a.FacetEstimates(ctx, sidebarFacets, q.query, total)
				if err != nil {
					b.Fatal(err)
				}
				exact = ok
			}
			reportCPU(b, cpu)
			b.ReportMetric(float64(total), "matches")
			if exact {
				b.ReportMetric(1, "exact")
			}
		})
		b.Run(q.name+"/Exact", func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				for _, f := range sidebarFacets {
					if _, err := a.Facet(ctx, f, q.query, 0); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportCPU(b, cpu)
		})
	}
	// Recount is what the counts with no query cost before they were kept.
	b.Run("none/Recount", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			for f := range keptFacets {
				q, err := facetSQL(f, "1")
				if err != nil {
					b.Fatal(err)
				}
				if _, err := a.facetRows(ctx, ordered(q, 0), nil); err != nil {
					b.Fatal(err)
				}
			}
		}
		reportCPU(b, cpu)
	})
}

// reportCPU reports the CPU time per op since cpu.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// benchFacetArchive opens $SEEDARCHIVE_BENCH_DB, else builds an archive of
// benchSize generated articles.
func benchFacetArchive(b *testing.B) *Archive {
	if path := os.Getenv("SEEDARCHIVE_BENCH_DB"); path != "" {
		a, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { a.Close() })
		return a
	}
	a := openTest(b)
	insertCorpus(b, a, benchSize(b), 42)
	return a
}
