package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/storage"
)

// benchCount is the articles per benchmark iteration: $SEEDARCHIVE_BENCH_N, else 10,000.
func benchCount() int {
	if n, err := strconv.Atoi(os.Getenv("SEEDARCHIVE_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// benchCorpus writes the corpus once per benchmark into a temp dir.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkImport imports a corpus folder into a fresh archive per iteration.
func BenchmarkImport(b *testing.B) {
	n := benchCount()
	dir := benchCorpus(b, n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, err := storage.Open(filepath.Join(b.TempDir(), fmt.Sprintf("a%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Import(context.Background(), a, []string{dir}, ImportOptions{})
		b.StopTimer()
		if err != nil || sum.Inserted != n {
			b.Fatalf("import: %v, %+v", err, sum)
		}
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkExport exports an imported corpus to a new folder or zip per iteration.
func BenchmarkExport(b *testing.B) {
	n := benchCount()
	a, err := storage.Open(filepath.Join(b.TempDir(), "a.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if _, err := Import(context.Background(), a, []string{benchCorpus(b, n)}, ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"folder", "zip"} {
		b.Run(kind, func(b *testing.B) {
			out := b.TempDir()
			for i := 0; i < b.N; i++ {
				dest := filepath.Join(out, strconv.Itoa(i))
				if kind == "zip" {
					dest += ".zip"
				}
				sum, err := Export(context.Background(), a, dest, ExportOptions{})
				if err != nil || sum.Count != n {
					b.Fatalf("export: %v, %d", err, sum.Count)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
