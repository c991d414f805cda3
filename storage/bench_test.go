package storage

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// BenchmarkInsert measures imports: parsed articles stored in write
// transactions of 500, as internal/transfer batches them.
func BenchmarkInsert(b *testing.B) {
	a := openTest(b)
	rng := corpus.New(1)
	docs := make([]*seedfile.Document, 2000)
	names := make([]string, len(docs))
	for i := range docs {
		name, text := corpus.Article(rng, i)
		doc, err := seedfile.Parse(text)
		if err != nil {
			b.Fatal(err)
		}
		docs[i], names[i] = doc, name
	}
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(500, b.N-done)
		err := a.WriteTx(ctx, func(tx *Tx) error {
			for i := range n {
				k := (done + i) % len(docs)
				if _, err := tx.Insert(names[k], docs[k]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		done += n
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// benchSize is the number of articles of the large archive:
// $SEEDARCHIVE_BENCH_N, default 100,000.
func benchSize(b *testing.B) int {
	if s := os.Getenv("SEEDARCHIVE_BENCH_N"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("SEEDARCHIVE_BENCH_N=%q", s)
		}
		return n
	}
	return 100_000
}

// BenchmarkListQuery measures what the GUI does on a large archive (built
// once, when the benchmark runs): pages of the table in several orders and
// at deep offsets, counts, facets and queries, plus Check.
func BenchmarkListQuery(b *testing.B) {
	n := benchSize(b)
	a := openTest(b)
	start := time.Now()
	insertCorpus(b, a, n, 42)
	b.Logf("built an archive of %d articles in %v (%.0f rows/s)", n, time.Since(start).Round(time.Millisecond),
		float64(n)/time.Since(start).Seconds())
	if fi, err := os.Stat(a.Path()); err == nil {
		b.Logf("database file: %d MB", fi.Size()>>20)
	}
	page := func(opts ListOptions) func(b *testing.B) {
		return func(b *testing.B) {
			for b.Loop() {
				rows, err := a.List(ctx, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) == 0 {
					b.Fatal("empty page")
				}
			}
		}
	}
	deep := n / 2
	cases := []struct {
		name string
		opts ListOptions
	}{
		{"FirstPage", ListOptions{Limit: 100}},
		{"DeepPageByID", ListOptions{Offset: deep, Limit: 100}},
		{"SortTitle", ListOptions{Sort: "title", Limit: 100}},
		{"SortTitleDeep", ListOptions{Sort: "title", Offset: deep, Limit: 100}},
		{"SortQualityDesc", ListOptions{Sort: "-quality", Limit: 100}},
		{"SortDateDeep", ListOptions{Sort: "-date", Offset: deep, Limit: 100}},
		{"SortExcerpt", ListOptions{Sort: "excerpt", Limit: 100}},
		{"TopicSortDate", ListOptions{Query: "topic:AI", Sort: "-date", Limit: 100}},
		{"ProviderQuality", ListOptions{Query: `provider:"Medical Xpress" quality:>50`, Limit: 100}},
		{"FullTextCommon", ListOptions{Query: "study", Limit: 100}},
		{"FullTextPrefixSorted", ListOptions{Query: "neur", Sort: "title", Limit: 100}},
		{"Combined", ListOptions{Query: `brain topic:Health date:>=2020 -category:blog`, Sort: "-heat", Limit: 100}},
	}
	for _, c := range cases {
		b.Run(c.name, page(c.opts))
	}
	for _, q := range []string{"", "topic:AI", "quality:>50", "neural"} {
		b.Run(fmt.Sprintf("Count(%s)", q), func(b *testing.B) {
			for b.Loop() {
				if _, err := a.Count(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, f := range []struct{ facet, query string }{
		{"topic", ""}, {"provider", ""}, {"topic", "quality:>50"}, {"published", "neural"}, {"set", ""},
		{"topic", "brain"},
	} {
		b.Run(fmt.Sprintf("Facet(%s,%s)", f.facet, f.query), func(b *testing.B) {
			for b.Loop() {
				if _, err := a.Facet(ctx, f.facet, f.query, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// IDs in id order (the app's default): every id, and a broad full-text
	// match, both read from an index alone (see selectSQL).
	for _, q := range []string{"", "brain"} {
		b.Run(fmt.Sprintf("IDs(%s)", q), func(b *testing.B) {
			for b.Loop() {
				if _, err := a.IDs(ctx, ListOptions{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// FewProbe is one uncached probe of whether a full-text match has few
	// rows, for the prefix of a common word (as typed): what fewProbes saves
	// each time a search compiles its condition again.
	b.Run("FewProbe(brain)", func(b *testing.B) {
		for b.Loop() {
			a.few.forget()
			if _, _, err := a.where(ctx, a.db, "brain"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EachAll", func(b *testing.B) {
		for b.Loop() {
			if err := a.Each(ctx, ListOptions{Sort: "title"}, func(Row) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("EachTextAll", func(b *testing.B) {
		for b.Loop() {
			if err := a.EachText(ctx, ListOptions{}, func(int64, string, []byte) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Check", func(b *testing.B) {
		for b.Loop() {
			r, err := a.Check(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if !r.OK() {
				b.Fatalf("problems: %q", r.Problems[:min(3, len(r.Problems))])
			}
		}
	})
}

// BenchmarkEditTopics measures a bulk edit as the app's "add topic" does
// it: one Edit of 100 articles of a 2,000-article archive, each given a
// topic (and, every other op, that topic removed again), re-derived and
// rewritten with its facet counts.
func BenchmarkEditTopics(b *testing.B) {
	a := openTest(b)
	insertCorpus(b, a, 2000, 7)
	ids := make([]int64, 100)
	for i := range ids {
		ids[i] = int64(1 + i*20)
	}
	add := true
	cpu := cpuTime()
	for b.Loop() {
		_, err := a.Edit(ctx, ids, func(_ int64, doc *seedfile.Document) (bool, error) {
			if add {
				return doc.AddToList("topics", "Bench topic")
			}
			return doc.RemoveFromList("topics", "Bench topic")
		})
		if err != nil {
			b.Fatal(err)
		}
		add = !add
	}
	reportCPU(b, cpu)
}
