package storage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// BenchmarkListQuery measures, in wall and CPU time (cpu-ms/op), what the
// GUI does on the benchmarks' archive (benchenv.Target: $SEEDARCHIVE_BENCH_DB,
// else $SEEDARCHIVE_BENCH_N generated articles, default 10,000, built once
// and cached): pages of the table in several orders and at deep offsets,
// counts, facets and queries, plus Check.
func BenchmarkListQuery(b *testing.B) {
	path, n := benchenv.Target(b)
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	ctx := context.Background()
	page := func(opts storage.ListOptions) func(b *testing.B) {
		return func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				rows, err := a.List(ctx, opts)
				if err != nil {
					b.Fatal(err)
				}
				if len(rows) == 0 {
					b.Fatal("empty page")
				}
			}
			benchenv.ReportCPU(b, cpu)
		}
	}
	deep := n / 2
	cases := []struct {
		name string
		opts storage.ListOptions
	}{
		{"FirstPage", storage.ListOptions{Limit: 100}},
		{"DeepPageByID", storage.ListOptions{Offset: deep, Limit: 100}},
		{"SortTitle", storage.ListOptions{Sort: "title", Limit: 100}},
		{"SortTitleDeep", storage.ListOptions{Sort: "title", Offset: deep, Limit: 100}},
		{"SortQualityDesc", storage.ListOptions{Sort: "-quality", Limit: 100}},
		{"SortDateDeep", storage.ListOptions{Sort: "-date", Offset: deep, Limit: 100}},
		{"SortExcerpt", storage.ListOptions{Sort: "excerpt", Limit: 100}},
		{"TopicSortDate", storage.ListOptions{Query: "topic:AI", Sort: "-date", Limit: 100}},
		{"ProviderQuality", storage.ListOptions{Query: `provider:"Medical Xpress" quality:>50`, Limit: 100}},
		{"FullTextCommon", storage.ListOptions{Query: "study", Limit: 100}},
		{"FullTextPrefixSorted", storage.ListOptions{Query: "neur", Sort: "title", Limit: 100}},
		{"Combined", storage.ListOptions{Query: `brain topic:Health date:>=2020 -category:blog`, Sort: "-heat", Limit: 100}},
		{"FieldRange", storage.ListOptions{Query: "quality:>50 date:2021", Sort: "title", Limit: 200}},
		{"FieldRangeEnd", storage.ListOptions{Query: "quality:>50 date:2021", Sort: "title", Reverse: true, Limit: 200}},
		{"FieldTopicEnd", storage.ListOptions{Query: "topic:AI", Sort: "-quality", Reverse: true, Limit: 200}},
		{"FieldNarrow", storage.ListOptions{Query: "heat:>99", Sort: "-quality", Limit: 200}},
	}
	for _, c := range cases {
		b.Run(c.name, page(c.opts))
	}
	for _, q := range []string{"", "topic:AI", "quality:>50", "neural", "brain"} {
		b.Run(fmt.Sprintf("Count(%s)", q), func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.Count(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
	}
	// A search of field terms only is counted once: by sets of ids read
	// from each term's index when every term is broad, by SQLite's plan
	// when the term it is driven from is narrow (field_set.go, fieldSetPays).
	// Each run forgets the sets the last one kept.
	for _, q := range []string{"quality:>50 date:2021", "quality:>50 heat:>50", "heat:>99 quality:>50",
		"date:2021 -category:blog", `provider:"Medical Xpress" quality:>50`, "topic:AI quality:>50",
		`provider:"Medical Xpress"`, "date:2020-01..2020-06", "heat:>99"} {
		b.Run(fmt.Sprintf("CountFields(%s)", q), func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				storage.ForgetMatchSets(a)
				if _, err := a.Count(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
	}
	// End right after a field search, as the table does it: the count,
	// then the last page read backwards, from the count's set when it kept
	// one (keptFieldPage); then the ids of the result in the same order,
	// the table's order kept from an earlier listing (fieldIDs).
	for _, sort := range []string{"", "title"} {
		const q = "quality:>50 date:2021"
		if _, err := a.IDs(ctx, storage.ListOptions{Sort: sort}); err != nil { // the table's order, kept
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("CountEndFields(%s,%s)", q, sort), func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				storage.ForgetMatchSets(a)
				if _, err := a.Count(ctx, q); err != nil {
					b.Fatal(err)
				}
				if rows, err := a.List(ctx, storage.ListOptions{Query: q, Sort: sort, Reverse: true, Limit: 200}); err != nil || len(rows) == 0 {
					b.Fatal(err, len(rows))
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
		b.Run(fmt.Sprintf("IDsFields(%s,%s)", q, sort), func(b *testing.B) {
			if _, err := a.Count(ctx, q); err != nil { // the set, kept
				b.Fatal(err)
			}
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.IDs(ctx, storage.ListOptions{Query: q, Sort: sort}); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
	}
	for _, f := range []struct{ facet, query string }{
		{"topic", ""}, {"provider", ""}, {"topic", "quality:>50"}, {"published", "neural"}, {"set", ""},
		{"topic", "brain"},
	} {
		b.Run(fmt.Sprintf("Facet(%s,%s)", f.facet, f.query), func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.Facet(ctx, f.facet, f.query, 20); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
	}
	// IDs in id order (the app's default): every id, and a broad full-text
	// match, both read from an index alone (see selectSQL).
	for _, q := range []string{"", "brain"} {
		b.Run(fmt.Sprintf("IDs(%s)", q), func(b *testing.B) {
			cpu := benchenv.CPUTime()
			for b.Loop() {
				if _, err := a.IDs(ctx, storage.ListOptions{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
			benchenv.ReportCPU(b, cpu)
		})
	}
	// FewProbe is one uncached probe of whether a full-text match has few
	// rows, for the prefix of a common word (as typed): what fewProbes saves
	// each time a search compiles its condition again.
	b.Run("FewProbe(brain)", func(b *testing.B) {
		cpu := benchenv.CPUTime()
		for b.Loop() {
			storage.ForgetFewProbes(a)
			if err := storage.CompileWhere(ctx, a, "brain"); err != nil {
				b.Fatal(err)
			}
		}
		benchenv.ReportCPU(b, cpu)
	})
	b.Run("EachAll", func(b *testing.B) {
		cpu := benchenv.CPUTime()
		for b.Loop() {
			if err := a.Each(ctx, storage.ListOptions{Sort: "title"}, func(storage.Row) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
		benchenv.ReportCPU(b, cpu)
	})
	b.Run("EachTextAll", func(b *testing.B) {
		cpu := benchenv.CPUTime()
		for b.Loop() {
			if err := a.EachText(ctx, storage.ListOptions{}, func(int64, string, []byte) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
		benchenv.ReportCPU(b, cpu)
	})
	b.Run("Check", func(b *testing.B) {
		cpu := benchenv.CPUTime()
		for b.Loop() {
			r, err := a.Check(ctx)
			if err != nil {
				b.Fatal(err)
			}
			if !r.OK() {
				b.Fatalf("problems: %q", r.Problems[:min(3, len(r.Problems))])
			}
		}
		benchenv.ReportCPU(b, cpu)
	})
}
