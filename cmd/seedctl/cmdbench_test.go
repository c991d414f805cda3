package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/benchenv"
)

// BenchmarkCommands measures whole `seedctl` commands, in process, on the
// benchmarks' archive (benchenv.Target: $SEEDARCHIVE_BENCH_DB, else
// $SEEDARCHIVE_BENCH_N generated articles, default 10,000): check, and exports of every article to a new folder and to a
// new zip. Besides wall time it reports the process's CPU time (the
// steadier figure on a shared machine), articles per second and, for the
// exports, the bytes written per article.
func BenchmarkCommands(b *testing.B) {
	db, n := benchenv.Target(b)
	for _, c := range []struct {
		name string
		args func(out string) []string
	}{
		{"Check", func(string) []string { return []string{"check"} }},
		{"ExportFolder", func(out string) []string { return []string{"export", "--quiet", out} }},
		{"ExportZip", func(out string) []string { return []string{"export", "--quiet", out + ".zip"} }},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			var written int64
			var cpu time.Duration
			for i := 0; i < b.N; i++ {
				out := filepath.Join(dir, strconv.Itoa(i))
				args := append([]string{"--db", db}, c.args(out)...)
				c0 := cpuTime()
				code := run(args, strings.NewReader(""), io.Discard, io.Discard)
				cpu += cpuTime() - c0
				if code != exitOK {
					b.Fatalf("seedctl %s: exit %d", strings.Join(args, " "), code)
				}
				b.StopTimer()
				written = treeSize(b, out) + treeSize(b, out+".zip")
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				if err := os.RemoveAll(out + ".zip"); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
			if written > 0 {
				b.ReportMetric(float64(written)/float64(n), "B-out/article")
			}
		})
	}
}

// treeSize is the bytes of the files under path (a file or a folder; 0
// when it does not exist).
func treeSize(b *testing.B, path string) int64 {
	b.Helper()
	var total int64
	err := filepath.WalkDir(path, func(_ string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return filepath.SkipAll
		}
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
