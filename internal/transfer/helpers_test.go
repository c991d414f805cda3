package transfer

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/storage"
)

// openArchive opens a fresh archive in a temp dir, closed at cleanup.
func openArchive(tb testing.TB) *storage.Archive {
	tb.Helper()
	a, err := storage.Open(filepath.Join(tb.TempDir(), "archive.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { a.Close() })
	return a
}

// seed renders a small valid seed file. Extra lines go before the closing ---.
func seed(title, url string, extra ...string) string {
	var b strings.Builder
	b.WriteString("---\ncategory: news\n")
	fmt.Fprintf(&b, "title: %q\n", title)
	b.WriteString("publishedDateTime: 2020-02-24T17:51:00Z\n")
	if url != "" {
		fmt.Fprintf(&b, "webUrl: %q\n", url)
	}
	b.WriteString("type: article\nquality: 39\npublished: false\n\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n\ntopics:\n  - AI\n")
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	b.WriteString("---\n")
	return b.String()
}

// writeFiles writes name -> content under dir (names use forward slashes).
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

type zipEntry struct{ name, data string }

// writeZip writes a zip with the entries in order; a name ending in "/" is a folder.
func writeZip(tb testing.TB, path string, entries ...zipEntry) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(e.data)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// doImport imports and collects every per-file result.
func doImport(tb testing.TB, a *storage.Archive, paths []string, opts ImportOptions) (ImportSummary, []FileResult) {
	tb.Helper()
	var results []FileResult
	opts.OnFile = func(r FileResult) { results = append(results, r) }
	sum, err := Import(context.Background(), a, paths, opts)
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	return sum, results
}

// stored maps each stored article's file name to its current text.
func stored(tb testing.TB, a *storage.Archive) map[string]string {
	tb.Helper()
	m := map[string]string{}
	err := a.EachText(context.Background(), storage.ListOptions{}, func(id int64, file string, text []byte) error {
		if _, dup := m[file]; dup {
			file = fmt.Sprintf("%s#%d", file, id)
		}
		m[file] = string(text)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// statuses maps each result's path to its status.
func statuses(results []FileResult) map[string]Status {
	m := map[string]Status{}
	for _, r := range results {
		m[r.Path] = r.Status
	}
	return m
}

// mustCheck fails unless storage Check finds nothing wrong.
func mustCheck(tb testing.TB, a *storage.Archive) {
	tb.Helper()
	rep, err := a.Check(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		tb.Fatalf("check: %v", rep.Problems)
	}
}

// writeCorpus writes n corpus articles under dir and returns name -> text.
func writeCorpus(tb testing.TB, dir string, n int) map[string]string {
	tb.Helper()
	if err := corpus.Write(dir, n, 7); err != nil {
		tb.Fatal(err)
	}
	m := map[string]string{}
	rng := corpus.New(7)
	for i := range n {
		name, text := corpus.Article(rng, i)
		m[name] = string(text)
	}
	return m
}

func count(tb testing.TB, a *storage.Archive) int {
	tb.Helper()
	n, err := a.Count(context.Background(), "")
	if err != nil {
		tb.Fatal(err)
	}
	return n
}
