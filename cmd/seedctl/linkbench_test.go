package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/storage"
)

// linkedCorpus writes n generated seed files into a new folder, dated a
// minute ago (as files checked out earlier are: a scan trusts their stat),
// and returns the folder and its files' paths in order.
func linkedCorpus(b *testing.B, n int) (string, []string) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "seeds")
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files = append(files, p)
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(files)
	return dir, files
}

// reportCPU reports the CPU time per operation since start: the machine
// is shared, so wall time says less.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cpuTime()-start).Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkLink links a folder of $SEEDARCHIVE_BENCH_N generated seed files
// (default 10,000) into a new archive.
func BenchmarkLink(b *testing.B) {
	n := benchArticles(b)
	dir, _ := linkedCorpus(b, n)
	ctx := context.Background()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		a, err := storage.Open(filepath.Join(b.TempDir(), "archive.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := a.Link(ctx, dir, nil)
		if err != nil || res.Added != n {
			b.Fatalf("link: %s, %v", res.Summary(), err)
		}
		b.StopTimer()
		a.Close()
		b.StartTimer()
	}
	reportCPU(b, start)
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkSyncNoChange is the scan every seedctl command runs first, on a
// linked folder of $SEEDARCHIVE_BENCH_N files where nothing changed.
func BenchmarkSyncNoChange(b *testing.B) {
	n := benchArticles(b)
	a, _, _ := linkedArchive(b, n)
	ctx := context.Background()
	b.ResetTimer()
	start := cpuTime()
	for i := 0; i < b.N; i++ {
		res, err := a.Sync(ctx)
		if err != nil || res.Any() {
			b.Fatalf("sync: %s, %v", res.Summary(), err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkSyncNoChangeGit is BenchmarkSyncNoChange on a folder that is a
// git working tree with every file committed: the scan plus the git status
// refresh after it (storage's refreshGit). git-cpu-ms/op is the CPU time of
// the git commands it ran (git status and the two rev-parse of
// gitrepo.Find); cpu-ms/op is this process's.
func BenchmarkSyncNoChangeGit(b *testing.B) {
	n := benchArticles(b)
	dir, _ := linkedCorpus(b, n)
	gitBench(b, dir, "init", "-q")
	gitBench(b, dir, "add", "-A")
	gitBench(b, dir, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-qm", "seeds")
	gitBench(b, dir, "status", "-s") // as a user's first status: the index learns the files' stat
	a, err := storage.Open(filepath.Join(b.TempDir(), "archive.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	ctx := context.Background()
	if res, err := a.Link(ctx, dir, nil); err != nil || res.Added != n {
		b.Fatalf("link: %s, %v", res.Summary(), err)
	}
	if ok, err := a.HasGitFolder(ctx); err != nil || !ok {
		b.Fatalf("the folder is not seen as in git: %v", err)
	}
	b.ResetTimer()
	start, child := cpuTime(), childCPUTime()
	for i := 0; i < b.N; i++ {
		res, err := a.Sync(ctx)
		if err != nil || res.Any() {
			b.Fatalf("sync: %s, %v", res.Summary(), err)
		}
	}
	reportCPU(b, start)
	b.ReportMetric((childCPUTime()-child).Seconds()*1000/float64(b.N), "git-cpu-ms/op")
}

// gitBench runs git in dir for a benchmark's setup, with no configuration
// of the user's and no automatic gc (which would go on writing in the
// background while the test removes the folder).
func gitBench(b *testing.B, dir string, args ...string) {
	b.Helper()
	cmd := exec.Command("git", append([]string{"-c", "gc.auto=0", "-c", "maintenance.auto=false"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

// BenchmarkSyncPull5000 is a git pull that changed 5,000 files (or all,
// with fewer) of a linked folder of $SEEDARCHIVE_BENCH_N files: the sync
// that follows reads, parses and re-indexes them. Rewriting the files is
// not timed.
func BenchmarkSyncPull5000(b *testing.B) {
	n := benchArticles(b)
	a, _, files := linkedArchive(b, n)
	changed := min(5000, n)
	ctx := context.Background()
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Each round moves the files to a new version: their last byte
		// (the body's) goes round through the digits, or a digit is added.
		when := time.Now().Add(-time.Minute + time.Duration(i)*time.Second)
		for k := range changed {
			p := files[k*len(files)/changed]
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			data = append(bytes.TrimRight(data, "0123456789\n"), []byte{'\n', '0' + byte(i%10), '\n'}...)
			if err := os.WriteFile(p, data, 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Chtimes(p, when, when); err != nil {
				b.Fatal(err)
			}
		}
		start := cpuTime()
		b.StartTimer()
		res, err := a.Sync(ctx)
		b.StopTimer()
		cpu += cpuTime() - start
		if err != nil || res.Changed != changed {
			b.Fatalf("sync: %s, %v; want %d changed", res.Summary(), err, changed)
		}
		b.StartTimer()
	}
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
}

// linkedArchive is a new archive linking a folder of n generated files.
func linkedArchive(b *testing.B, n int) (*storage.Archive, string, []string) {
	b.Helper()
	dir, files := linkedCorpus(b, n)
	a, err := storage.Open(filepath.Join(b.TempDir(), "archive.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	if res, err := a.Link(context.Background(), dir, nil); err != nil || res.Added != n {
		b.Fatalf("link: %s, %v", res.Summary(), err)
	}
	return a, dir, files
}
