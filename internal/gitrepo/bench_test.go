package gitrepo

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// benchCount is the seed files in the benchmark repository:
// $SEEDARCHIVE_BENCH_N, else 10,000.
func benchCount() int {
	if n, err := strconv.Atoi(os.Getenv("SEEDARCHIVE_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 10000
}

// BenchmarkStatus is the git status column's refresh: Status over a linked
// folder of benchCount committed seed files, 1% of them edited and 100 new.
func BenchmarkStatus(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	n := benchCount()
	repo := b.TempDir()
	seeds := filepath.Join(repo, "seeds")
	if err := corpus.Write(seeds, n, 1); err != nil {
		b.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "seeds"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	edited := 0
	err := filepath.WalkDir(seeds, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || edited >= n/100 {
			return err
		}
		edited++
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteString("edited\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100 {
		if err := os.WriteFile(filepath.Join(seeds, "new-"+strconv.Itoa(i)+".txt"), []byte("new\n"), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	r, err := Find(seeds)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		st, err := r.Status(b.Context())
		if err != nil {
			b.Fatal(err)
		}
		if len(st.Changes) != edited+100 {
			b.Fatalf("Status lists %d changes, want %d", len(st.Changes), edited+100)
		}
	}
}
