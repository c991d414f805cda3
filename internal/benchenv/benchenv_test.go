package benchenv

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

func TestNReadsTheEnvironment(t *testing.T) {
	for _, c := range []struct {
		env  string
		want int
	}{
		{"", 10_000},
		{"1000000", 1_000_000},
		{"25", 25},
	} {
		t.Setenv(EnvN, c.env)
		if got := N(t, 10_000); got != c.want {
			t.Errorf("%s=%q: N = %d, want %d", EnvN, c.env, got, c.want)
		}
	}
}

// count opens the archive at path and returns its number of articles
// after checking it.
func count(t *testing.T, path string) int {
	t.Helper()
	a, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	r, err := a.Check(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
	n, err := a.Count(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestArchiveIsBuiltOnceAndReused(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	path := Archive(t, 1200) // over the bulk import's threshold
	if got := count(t, path); got != 1200 {
		t.Fatalf("archive has %d articles, want 1200", got)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if again := Archive(t, 1200); again != path {
		t.Fatalf("second call: %s, want %s", again, path)
	}
	after, err := os.Stat(path)
	if err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("archive rebuilt: %v, %v", before.ModTime(), after.ModTime())
	}
	if other := Archive(t, 30); other == path || count(t, other) != 30 {
		t.Fatalf("an archive of 30 articles: %s", other)
	}
}

func TestArchiveOfAnOlderSchemaIsCopiedNotRebuilt(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	// An archive of 30 articles under the name of an older archive of 40:
	// a copy keeps 30, a rebuild would store 40.
	old := filepath.Join(Dir(), archiveName(40, storage.SchemaVersion()-1))
	if err := os.Rename(Archive(t, 30), old); err != nil {
		t.Fatal(err)
	}
	if got := olderArchive(40); got != old {
		t.Fatalf("olderArchive = %q, want %q", got, old)
	}
	if got := count(t, Archive(t, 40)); got != 30 {
		t.Fatalf("Archive(40) has %d articles: rebuilt, not copied", got)
	}
	if _, err := os.Stat(old); err != nil {
		t.Fatalf("the older archive is gone: %v", err)
	}
}

func TestCorpusIsWrittenOnce(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := Corpus(t, 25)
	var files int
	err := filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(d.Name()) == ".txt" {
			files++
		}
		return err
	})
	if err != nil || files != 25 {
		t.Fatalf("corpus has %d files (%v), want 25", files, err)
	}
	if again := Corpus(t, 25); again != dir {
		t.Fatalf("second call: %s, want %s", again, dir)
	}
}

func TestTargetIsTheNamedArchiveElseTheCachedOne(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	t.Setenv(EnvN, "20")
	t.Setenv(EnvDB, "")
	path, n := Target(t)
	if path != Archive(t, 20) || n != 20 {
		t.Fatalf("Target = %s, %d; want the cached archive of 20", path, n)
	}
	named := filepath.Join(t.TempDir(), "named.db")
	if err := copyFile(Archive(t, 35), named); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvDB, named)
	if path, n := Target(t); path != named || n != 35 {
		t.Fatalf("Target = %s, %d; want %s, 35", path, n, named)
	}
}
