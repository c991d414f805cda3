package storage_test

import (
	"context"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// jumpQueries are the results BenchmarkJump pages through: everything, two
// common words, a field term and a combination.
var jumpQueries = []struct{ name, query string }{
	{"All", ""},
	{"Brain", "brain"},
	{"Study", "study"},
	{"TopicAI", "topic:AI"},
	{"Combined", "brain topic:Health -category:blog"},
}

// jumpSorts are orders of the table: the default, a date, a text, a number
// with ties and missing values, each way.
var jumpSorts = []string{"", "-id", "-date", "title", "-title", "quality", "-heat", "provider", "topics"}

// jumpPage is the pager's page size (table.PageSize in gui/table).
const jumpPage = 200

// BenchmarkJump measures, in wall and CPU time (cpu-ms/op), what the table
// does when the user jumps (Home, a drag of the scroll bar, End) in a result
// of the benchmarks' archive (benchenv.Target: $SEEDARCHIVE_BENCH_DB, else
// $SEEDARCHIVE_BENCH_N generated articles), per query and sort:
//
//	IDs          listing the ids of every match in order (after a search or
//	             a sort, once; End waits for it), the full-text match's set
//	             kept from an earlier read of the search (storage matchSet)
//	IDsCold      the same with no set kept: the first read of a search
//	First/Middle/End
//	             the page of 200 rows there, read by its listed ids
//	             (storage RowsByID): what a jump costs once the ids are listed
//	EndReverse   the last page read backwards from the end (storage List,
//	             Reverse): what End costs before the ids are listed
//	EndReverseCold
//	             the same with no full-text match set kept
//	MiddleOffset/EndOffset
//	             the same page read by OFFSET (storage List), which grows
//	             with the position
func BenchmarkJump(b *testing.B) {
	path, _ := benchenv.Target(b)
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	for _, q := range jumpQueries {
		b.Run(q.name, func(b *testing.B) {
			for _, s := range jumpSorts {
				b.Run(sortName(s), func(b *testing.B) { jump(b, a, storage.ListOptions{Query: q.query, Sort: s}) })
			}
		})
	}
}

// jump runs BenchmarkJump's measures of one result; the ids are listed
// only when a measure of it is asked for.
func jump(b *testing.B, a *storage.Archive, opts storage.ListOptions) {
	ctx := context.Background()
	ids, err := a.IDs(ctx, opts)
	if err != nil {
		b.Fatalf("%s: %v", opts.Query, err)
	}
	if len(ids) == 0 {
		b.Fatalf("%q matches nothing", opts.Query)
	}
	b.Run("IDs", func(b *testing.B) {
		cpuLoop(b, func() {
			if _, err := a.IDs(ctx, opts); err != nil {
				b.Fatal(err)
			}
		})
		b.ReportMetric(float64(len(ids)), "matches")
	})
	b.Run("IDsCold", func(b *testing.B) {
		cpuLoop(b, func() {
			storage.ForgetMatches(a)
			if _, err := a.IDs(ctx, opts); err != nil {
				b.Fatal(err)
			}
		})
	})
	last := (len(ids) - 1) / jumpPage * jumpPage
	at := map[string]int{"First": 0, "Middle": len(ids) / 2 / jumpPage * jumpPage, "End": last}
	for _, pos := range []string{"First", "Middle", "End"} {
		page := ids[at[pos]:min(len(ids), at[pos]+jumpPage)]
		b.Run(pos, func(b *testing.B) {
			cpuLoop(b, func() {
				rows, err := a.RowsByID(ctx, page)
				if err != nil || len(rows) != len(page) {
					b.Fatalf("%d rows of %d: %v", len(rows), len(page), err)
				}
			})
		})
	}
	back := opts
	back.Reverse, back.Limit = true, len(ids)-last
	for _, cold := range []bool{false, true} {
		name := "EndReverse"
		if cold {
			name += "Cold"
		}
		b.Run(name, func(b *testing.B) {
			cpuLoop(b, func() {
				if cold {
					storage.ForgetMatches(a)
				}
				if rows, err := a.List(ctx, back); err != nil || len(rows) != back.Limit {
					b.Fatalf("%d rows of %d: %v", len(rows), back.Limit, err)
				}
			})
		})
	}
	for _, pos := range []string{"Middle", "End"} {
		o := opts
		o.Offset, o.Limit = at[pos], jumpPage
		b.Run(pos+"Offset", func(b *testing.B) {
			cpuLoop(b, func() {
				if rows, err := a.List(ctx, o); err != nil || len(rows) == 0 {
					b.Fatalf("%d rows: %v", len(rows), err)
				}
			})
		})
	}
}

// cpuLoop runs f b.N times and reports its CPU time per run beside the
// wall time: on a loaded machine the wall time counts the other programs'
// turns too.
func cpuLoop(b *testing.B, f func()) {
	cpu := benchenv.CPUTime()
	for b.Loop() {
		f()
	}
	benchenv.ReportCPU(b, cpu)
}

// sortName names a sort in a benchmark: "-date" is DateDesc, "" is Id.
func sortName(s string) string {
	field, desc := strings.CutPrefix(s, "-")
	if field == "" {
		field = "id"
	}
	name := strings.ToUpper(field[:1]) + field[1:]
	if desc {
		name += "Desc"
	}
	return name
}
