package transfer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// TestManifestStream checks that the manifest written file by file is
// byte for byte what json.MarshalIndent makes of the whole manifest.
func TestManifestStream(t *testing.T) {
	names := []string{
		"plain.txt", "a/b/c.md", `quote".txt`, `back\slash.txt`, "<html>&amp;.txt",
		"tab\t.txt", "ctl\x01\x1f.txt", "del\x7f.txt", "ünïcödé/日本.txt", "sep\u2028\u2029.txt", "emoji 🌱.txt",
	}
	tests := []struct {
		name string
		m    manifest
		n    int // files written
	}{
		{"empty", manifest{ToolVersion: "t 1", Created: "2026-01-02T03:04:05Z"}, 0},
		{"one", manifest{ToolVersion: "t 1", Created: "c", Query: `title:"x" <a>`}, 1},
		{"all", manifest{ToolVersion: "t <1>", Created: "c", Query: "q", Set: "s&t", IDs: []int64{3, 1, 2}}, len(names)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mf, err := newManifestFiles(filepath.Join(t.TempDir(), "manifest"))
			if err != nil {
				t.Fatal(err)
			}
			defer mf.close()
			want := tt.m
			want.Files = []manifestFile{}
			for i := range tt.n {
				name := names[tt.n-1-i]
				sum := sha256.Sum256([]byte(name))
				if err := mf.add(name, sum); err != nil {
					t.Fatal(err)
				}
				want.Files = append(want.Files, manifestFile{Name: name, SHA256: hexOf(sum)})
			}
			want.Count = tt.n
			data, err := json.MarshalIndent(want, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := mf.write(&got, tt.m); err != nil {
				t.Fatal(err)
			}
			if wantText := string(data) + "\n"; got.String() != wantText {
				t.Errorf("manifest:\n%s\nwant:\n%s", got.String(), wantText)
			}
		})
	}
}

func hexOf(sum [sha256.Size]byte) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 0, 2*len(sum))
	for _, c := range sum {
		b = append(b, digits[c>>4], digits[c&15])
	}
	return string(b)
}

// TestPlanCursor reads plans of several pages in order, seeking forward,
// back and past the end, and finds planned articles by id.
func TestPlanCursor(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{0, 1, planPage, 2*planPage + 3} {
		ps, err := openPlanStore(ctx, filepath.Join(t.TempDir(), "plan.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer ps.close()
		id := func(i int) int64 { return int64(7*i + 3) }
		name := func(i int) string { return "f" + strconv.Itoa(i) }
		for i := range n {
			if err := ps.append(ctx, id(i), name(i)); err != nil {
				t.Fatal(err)
			}
		}
		if err := ps.done(ctx); err != nil {
			t.Fatal(err)
		}
		cur := &planCursor{ps: ps}
		var order []int
		for i := range n {
			order = append(order, i)
		}
		if n > 0 {
			order = append(order, n-1, 0, n/2, min(n/2+1, n-1), n-1)
		}
		for k, want := range order {
			if k == 0 || order[k-1]+1 != want {
				cur.seek(want)
			}
			i, p, ok, err := cur.peek(ctx)
			if err != nil || !ok || i != want || p.id != id(want) || p.name != name(want) {
				t.Fatalf("n=%d: peek at %d = %d %+v %v %v", n, want, i, p, ok, err)
			}
			cur.seek(i + 1)
			if fi, fname, ok, err := ps.find(ctx, id(want)); err != nil || !ok || fi != want || fname != name(want) {
				t.Fatalf("n=%d: find(%d) = %d %q %v %v", n, id(want), fi, fname, ok, err)
			}
		}
		cur.seek(n)
		if _, _, ok, err := cur.peek(ctx); ok || err != nil {
			t.Errorf("n=%d: peek past the end: %v %v", n, ok, err)
		}
		if _, _, ok, err := ps.find(ctx, 1); ok || err != nil {
			t.Errorf("n=%d: find of an id not planned: %v %v", n, ok, err)
		}
	}
}

// exportMemoryBound is the most live heap an export may hold per article
// written, for a folder and a zip: next to none, as the plan, the names
// taken and what is recorded per file written (the names for the moves,
// the manifest's entries, the zip's central directory) wait in scratch
// files. The bound leaves room for the measurement's noise, some
// kilobytes; the export that kept ids and names in memory held 50 bytes
// an article for a folder and 150 for a zip.
var exportMemoryBound = map[string]float64{"folder": 10, "zip": 10}

// TestExportMemoryPerArticle exports a few thousand articles, and a tenth
// of them, and fails if what the export holds grows past
// exportMemoryBound per article: keeping a record per file (a name, a
// hash, a central directory record, the plan) is what made a million
// articles take hundreds of megabytes.
func TestExportMemoryPerArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 3,000 articles")
	}
	if raceEnabled {
		t.Skip("the race detector's own allocations move the heap by more than the bound: the build without it checks it")
	}
	const n = 3000
	if os.Getenv("SEEDARCHIVE_EXPORT_HEAP_PROFILE") != "" {
		runtime.MemProfileRate = 1
	}
	a := openArchive(t)
	in := t.TempDir()
	writeCorpus(t, in, n)
	doImport(t, a, []string{in}, ImportOptions{})
	ctx := context.Background()
	var ids []int64
	err := a.Each(ctx, storage.ListOptions{NoTextFields: true}, func(r storage.Row) error {
		if len(ids) < n/10 {
			ids = append(ids, r.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "tenth", ids); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"folder", "zip"} {
		t.Run(kind, func(t *testing.T) {
			perArticle := exportMemory(t, a, kind, "tenth", n)
			t.Logf("%s: %.0f bytes/article held", kind, perArticle)
			if perArticle > exportMemoryBound[kind] {
				t.Errorf("%s export holds %.0f bytes/article, want at most %.0f", kind, perArticle, exportMemoryBound[kind])
			}
		})
	}
}

// exportMemory exports the articles of a's set (a part of them) and then
// all n of them, each to a new folder or zip, and returns how much more
// live heap the larger export held per article once every file was
// written: what an export keeps per article, without what it holds once
// (buffers, the compressor, SQLite's cache).
func exportMemory(tb testing.TB, a *storage.Archive, kind, set string, n int) float64 {
	heldByExport(tb, a, kind, set) // what the first export makes once (caches) is not counted
	part, heldPart := heldByExport(tb, a, kind, set)
	all, heldAll := heldByExport(tb, a, kind, "")
	if all != n || part >= n || part == 0 {
		tb.Fatalf("exported %d and %d articles, want a part and %d", part, all, n)
	}
	return (heldAll - heldPart) / float64(all-part)
}

// heldByExport exports the articles of set (all with "") to a new folder
// or zip and returns how many, and how much the live heap had grown at
// most, sampled when the last file was written and when the last was
// moved into place (a folder) or the zip renamed: after the plan, the
// writes, the moves, the manifest and the zip's directory.
func heldByExport(tb testing.TB, a *storage.Archive, kind, set string) (int, float64) {
	dest := filepath.Join(tb.TempDir(), "out")
	if kind == "zip" {
		dest += ".zip"
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var most uint64
	sample := func() {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		most = max(most, m.HeapAlloc)
		if prof := os.Getenv("SEEDARCHIVE_EXPORT_HEAP_PROFILE"); prof != "" {
			f, err := os.Create(fmt.Sprintf("%s.%s-%d.pprof", prof, kind, len(set)))
			if err == nil {
				_ = pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	total, renames := -1, 0
	opts := ExportOptions{Set: set, ProgressEvery: -1, Progress: func(done, n int) {
		total = n
		if done == n {
			sample()
		}
	}}
	opts.fault = func(op, _ string) error {
		if op == "rename" {
			if renames++; kind == "zip" || renames == total {
				sample()
			}
		}
		return nil
	}
	sum, err := Export(context.Background(), a, dest, opts)
	if err != nil {
		tb.Fatalf("export: %v", err)
	}
	return sum.Count, float64(most) - float64(before.HeapAlloc)
}

// BenchmarkExportMemory reports the live heap an export of the
// benchmarks' archive (benchenv.Target, not written to) holds once every
// file is written, per article: what grows with a million articles, plus
// what an export holds once (buffers, the compressor) shared out.
func BenchmarkExportMemory(b *testing.B) {
	a, n := benchArchive(b)
	for _, kind := range []string{"folder", "zip"} {
		b.Run(kind, func(b *testing.B) {
			var perArticle float64
			for range b.N {
				count, held := heldByExport(b, a, kind, "")
				if count != n {
					b.Fatalf("exported %d articles, want %d", count, n)
				}
				perArticle = held / float64(n)
			}
			b.ReportMetric(perArticle, "heap-B/article")
		})
	}
}

// TestCheckTargetsNamesAFew refuses existing targets naming the first five
// and counting the rest (only those are kept, however many exist).
func TestCheckTargetsNamesAFew(t *testing.T) {
	tests := []struct {
		exist int
		want  string
	}{
		{0, ""},
		{1, "1 file exists in DIR (f0.txt)"},
		{5, "5 files exist in DIR (f0.txt, f1.txt, f2.txt, f3.txt, f4.txt)"},
		{7, "7 files exist in DIR (f0.txt, f1.txt, f2.txt, f3.txt, f4.txt and 2 more)"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		tg := &targets{dest: dir}
		for i := range 9 {
			name := "f" + strconv.Itoa(i) + ".txt"
			if i < tt.exist {
				writeFiles(t, dir, map[string]string{name: "x"})
			}
			if err := tg.check(name); err != nil {
				t.Fatal(err)
			}
		}
		err := tg.refusal(false)
		got := ""
		if err != nil {
			got = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(err.Error(), "export: "), ": "+ErrExists.Error()), dir, "DIR")
		}
		if got != tt.want || (err != nil) != errors.Is(err, ErrExists) {
			t.Errorf("%d existing: %v, want %q", tt.exist, err, tt.want)
		}
		if err := tg.refusal(true); err != nil {
			t.Errorf("%d existing, with force: %v", tt.exist, err)
		}
	}
}
