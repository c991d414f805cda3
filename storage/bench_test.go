package storage

import (
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

// BenchmarkEditTopics measures a bulk edit as the app's "add topic" does
// it: one Edit of 100 articles of a 2,000-article archive, each given a
// topic (and, every other op, that topic removed again), re-derived and
// rewritten with its facet counts. cpu-ms/op is the process's CPU time.
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
	b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
