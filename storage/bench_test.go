package storage

import (
	"testing"

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
