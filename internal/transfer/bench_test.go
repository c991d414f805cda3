package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/storage"
)

// benchCount is the articles per benchmark iteration: $SEEDARCHIVE_BENCH_N, else 10,000.
func benchCount() int {
	if n, err := strconv.Atoi(os.Getenv("SEEDARCHIVE_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// benchCorpus returns a folder of n generated seed files, written once and
// cached (internal/benchenv): writing 100,000 files would dwarf what is
// measured.
func benchCorpus(b *testing.B, n int) string { return benchenv.Corpus(b, n) }

// importCorpus is the folder BenchmarkImport imports and its number of
// seed files: $SEEDARCHIVE_BENCH_CORPUS (e.g. a folder gen_seeds.py wrote),
// else the generated corpus of benchCount() files.
func importCorpus(b *testing.B) (string, int) {
	dir := os.Getenv(benchenv.EnvCorpus)
	if dir == "" {
		n := benchCount()
		return benchCorpus(b, n), n
	}
	var c collector
	defer c.close()
	c.collect([]string{dir})
	if len(c.inputs) == 0 {
		b.Fatalf("%s=%s: no seed files", benchenv.EnvCorpus, dir)
	}
	return dir, len(c.inputs)
}

// BenchmarkImport imports a corpus folder (importCorpus) into a fresh
// archive per iteration.
// Besides wall time it reports the process CPU time (user+system, parsing
// workers included) per article, the figure that a loaded machine disturbs
// least, and the archive's size on disk once the import has ended (the
// database, its -wal and -shm) as a multiple of the corpus's bytes.
func BenchmarkImport(b *testing.B) {
	dir, n := importCorpus(b)
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

// benchArchive opens the benchmarks' archive (benchenv.Target), closed
// when b ends, and its number of articles.
func benchArchive(b *testing.B) (*storage.Archive, int) {
	path, n := benchenv.Target(b)
	a, err := storage.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	return a, n
}

// BenchmarkExport exports the benchmarks' archive (benchenv.Target) to a
// new folder or zip per iteration.
func BenchmarkExport(b *testing.B) {
	a, n := benchArchive(b)
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
