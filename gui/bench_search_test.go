package gui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// benchQueries are typical searches: full-text words, a phrase, facets,
// ranges, a negation, and the whole archive.
var benchQueries = []struct{ name, q string }{
	{"word", "galaxy"},
	{"common-word", "brain"},
	{"two-words", "galaxy vaccine"},
	{"phrase", `"neural network"`},
	{"facet", "topic:AI"},
	{"words+facet", "climate ocean topic:Climate"},
	{"range", "quality:>50 date:2021"},
	{"negation", "-type:blog published:yes"},
	{"everything", ""},
}

// BenchmarkSearchShowsRows measures the search box over a real archive: from
// the query being set in the box (as Enter or the end of the typing pause
// runs it) to the table showing the first rows of the result, with the real
// storage, pager and table widgets (Fyne's test driver, no GPU). The metrics:
// ns/op is query to rows shown; ms-all is until the sidebar counts and the
// status bar are updated too; cpu-ms/op and cpu-ms-all are the CPU time the
// process used over the same spans (what a loaded machine does not
// stretch); rows is the number of matches. Typing adds the
// search box's 30 ms pause (searchDelay) before the query runs.
//
// The archive is benchenv.Target's: $SEEDARCHIVE_BENCH_DB, else a cached
// one of $SEEDARCHIVE_BENCH_N generated articles. It is only read.
func BenchmarkSearchShowsRows(b *testing.B) {
	w, tk, q := benchWindow(b)

	for _, bq := range benchQueries {
		b.Run(bq.name, func(b *testing.B) {
			var all, cpu, cpuAll time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w.search.setText("zzqxnomatchzz") // an empty result, replaced by the timed query
				settle(b, tk, q)
				seq := w.res.ShownSeq()
				b.StartTimer()
				start, cpu0 := time.Now(), benchenv.CPUTime()
				w.search.setText(bq.q)
				drainUntil(b, q, func() bool { return w.res.ShownSeq() != seq })
				b.StopTimer()
				cpu += benchenv.CPUTime() - cpu0
				drainUntil(b, q, func() bool { return tk.Pending() == 0 && len(q) == 0 })
				all += time.Since(start)
				cpuAll += benchenv.CPUTime() - cpu0
				b.StartTimer()
			}
			b.ReportMetric(float64(all.Milliseconds())/float64(b.N), "ms-all")
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(cpuAll.Seconds()*1000/float64(b.N), "cpu-ms-all")
			b.ReportMetric(float64(w.res.Len()), "rows")
		})
	}
}

// benchWindow opens the benchmarks' archive (benchenv.Target) in the main
// window, settled.
func benchWindow(b *testing.B) (*Window, *tasks, chan func()) {
	path, _ := benchenv.Target(b)
	if _, err := os.Stat(path); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	a.Preferences().SetBool(prefFetchAfterImport, false)
	arc, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = arc.Close() })
	tk, q := testTasks()
	w := newWindow(a, arc, tk)
	b.Cleanup(w.stopWatching)
	w.win.Resize(fyne.NewSize(1400, 860))
	settle(b, tk, q)
	return w, tk, q
}

// BenchmarkTypingShowsRows types each query into the search box one key
// every keyInterval, as a person does, running the UI callbacks between
// keys, and times from the last key to the table showing the first rows of
// the whole query (ns/op): the typing pause plus the query plus the redraw.
// Queries of earlier keys run too (and are cancelled) as they would.
// cpu-ms/op is the CPU time the process used over the same span.
// It reads the archive BenchmarkSearchShowsRows reads.
func BenchmarkTypingShowsRows(b *testing.B) {
	const keyInterval = 120 * time.Millisecond
	old := facetDelay
	facetDelay = 150 * time.Millisecond // as in the app: TestMain sets 0
	b.Cleanup(func() { facetDelay = old })
	w, tk, q := benchWindow(b)

	for _, bq := range benchQueries {
		if bq.q == "" {
			continue
		}
		b.Run(bq.name, func(b *testing.B) {
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w.search.setText("")
				settle(b, tk, q)
				for _, r := range bq.q[:len(bq.q)-1] {
					w.search.entry.TypedRune(r)
					runFor(q, keyInterval)
				}
				seq := w.res.ShownSeq()
				b.StartTimer()
				cpu0 := benchenv.CPUTime()
				w.search.entry.TypedRune(rune(bq.q[len(bq.q)-1]))
				drainUntil(b, q, func() bool { return w.res.ShownSeq() != seq && w.res.Options().Query == bq.q })
				b.StopTimer()
				cpu += benchenv.CPUTime() - cpu0
				settle(b, tk, q)
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// BenchmarkEndShowsRows measures End in the table over a real archive, per
// query and sort: from the key to the last rows in memory for the grid (their
// page read and handed to the table), once the ids of the result are listed,
// with the last page not in memory. The sidebar counts, which each listing
// starts a moment later, have ended before the key (Facet in
// BenchmarkListQuery measures them). Like BenchmarkSearchShowsRows it needs
// $SEEDARCHIVE_BENCH_DB.
func BenchmarkEndShowsRows(b *testing.B) {
	w, tk, q := benchWindow(b)
	settled := func() {
		settle(b, tk, q)
		runFor(q, 100*time.Millisecond) // a timer that fired late on a loaded machine
		settle(b, tk, q)
	}
	for _, c := range []struct{ name, query, sort string }{
		{"everything", "", ""},
		{"everything-date-desc", "", "-date"},
		{"common-word", "brain", ""},
		{"common-word-title", "brain", "title"},
		{"facet-quality", "topic:AI", "-quality"},
	} {
		b.Run(c.name, func(b *testing.B) {
			w.res.sort = c.sort
			w.runQuery(c.query)
			settle(b, tk, q)
			w.win.Canvas().Focus(w.table.Grid())
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
				w.refresh() // a new pager cache: the last page is read again
				settled()
				last := w.res.Len() - 1
				b.StartTimer()
				w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
				drainUntil(b, q, func() bool { return w.res.cursor == last && w.res.Row(last) != nil })
				b.StopTimer()
				settle(b, tk, q)
				b.StartTimer()
			}
			b.ReportMetric(float64(w.res.Len()), "rows")
		})
	}
}

// BenchmarkEndAfterSearchShowsRows measures End pressed as soon as a new
// search (or sort) shows its first rows, before the ids of its matches are
// listed: from the key to the last row in memory with the cursor on it.
// End waits for the count and reads the last page backwards from the end
// (Table.jumpEarly), not for the listing of every id, which goes on
// meanwhile (its CPU time counts in cpu-ms/op); before-ids is the share of
// runs that landed before it ended.
// It reads the archive BenchmarkSearchShowsRows reads.
func BenchmarkEndAfterSearchShowsRows(b *testing.B) {
	w, tk, q := benchWindow(b)
	// At 1,000,000 articles the background work after a search (the ids,
	// the sidebar's exact counts) outlasts settle's deadline.
	idle := func() { drainUntil(b, q, func() bool { return tk.Pending() == 0 && len(q) == 0 }) }
	for _, c := range []struct{ name, query, sort string }{
		{"everything-date-desc", "", "-date"},
		{"common-word", "brain", ""},
		{"common-word-title", "brain", "title"},
		{"common-word-topics", "brain", "topics"},
		{"everything-topics", "", "topics"},
		{"facet-quality", "topic:AI", "-quality"},
		// Field terms only, each broad: End waits for the count, read
		// from each term's index as sets of ids, and reads the last page
		// from the count's set (storage's field sets).
		{"range", "quality:>50 date:2021", ""},
		{"range-title", "quality:>50 date:2021", "title"},
	} {
		b.Run(c.name, func(b *testing.B) {
			var cpu time.Duration
			early := 0
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				w.res.sort = c.sort
				w.search.setText("zzqxnomatchzz")
				idle()
				w.win.Canvas().Focus(w.table.Grid())
				seq := w.res.ShownSeq()
				w.search.setText(c.query)
				drainUntil(b, q, func() bool { return w.res.ShownSeq() != seq })
				b.StartTimer()
				cpu0 := benchenv.CPUTime()
				w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
				drainUntil(b, q, func() bool {
					last := w.res.Len() - 1
					return w.res.Counted() && w.res.cursor == last && w.res.Row(last) != nil
				})
				b.StopTimer()
				cpu += benchenv.CPUTime() - cpu0
				if !w.res.Listed() {
					early++
				}
				idle()
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(early)/float64(b.N), "before-ids")
			b.ReportMetric(float64(w.res.Len()), "rows")
		})
	}
}
