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
// least, and the archive's size on disk once the import has ended (the
// database, its -wal and -shm) as a multiple of the corpus's bytes.
func BenchmarkImport(b *testing.B) {
	n := benchCount()
	dir := benchCorpus(b, n)
	corpusBytes := treeBytes(b, dir)
	var archiveBytes int64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), fmt.Sprintf("a%d.db", i))
		a, err := storage.Open(path)
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
		archiveBytes = 0
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if st, err := os.Stat(path + suffix); err == nil {
				archiveBytes += st.Size()
			}
		}
		a.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(n*b.N), "cpu-µs/article")
	b.ReportMetric(float64(archiveBytes)/float64(corpusBytes), "archive/corpus")
}

// treeBytes is the total size of the files under dir.
func treeBytes(b *testing.B, dir string) int64 {
	b.Helper()
	var total int64
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			total += info.Size()
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return total
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
