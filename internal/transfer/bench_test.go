package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

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

// benchCorpus returns a corpus of n articles (seed 1), written once into
// os.TempDir()/seedarchive-bench and reused by later runs: the corpus is
// deterministic, and writing 100,000 files would dwarf what is measured.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	root := filepath.Join(os.TempDir(), "seedarchive-bench")
	dir := filepath.Join(root, fmt.Sprintf("corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return dir
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp, err := os.MkdirTemp(root, "tmp-corpus-")
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.Write(tmp, n, 1); err != nil {
		b.Fatal(err)
	}
	// .complete is a hidden file: imports skip it.
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, ".complete")); serr != nil {
			b.Fatal(err) // not another run's finished corpus
		}
	}
	return dir
}

// BenchmarkImport imports a corpus folder into a fresh archive per iteration.
// Besides wall time it reports the process CPU time (user+system, parsing
// workers included) per article, the figure that a loaded machine disturbs
// least.
func BenchmarkImport(b *testing.B) {
	n := benchCount()
	dir := benchCorpus(b, n)
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, err := storage.Open(filepath.Join(b.TempDir(), fmt.Sprintf("a%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cpuTime()
		sum, err := Import(context.Background(), a, []string{dir}, ImportOptions{})
		cpu += cpuTime() - c0
		b.StopTimer()
		if err != nil || sum.Inserted != n {
			b.Fatalf("import: %v, %+v", err, sum)
		}
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n*b.N), "cpu-µs/article")
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
