package transfer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"path/filepath"
	"runtime"
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
			w := &exporter{}
			want := tt.m
			want.Files = []manifestFile{}
			for i := range tt.n {
				w.plan = append(w.plan, planned{id: int64(i), name: names[i]})
				// Written in another order than planned.
				k := tt.n - 1 - i
				w.written = append(w.written, int32(k))
				sum := sha256.Sum256([]byte(names[k]))
				w.sums = append(w.sums, sum)
				want.Files = append(want.Files, manifestFile{Name: names[k], SHA256: hexOf(sum)})
			}
			want.Count = tt.n
			data, err := json.MarshalIndent(want, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := w.writeManifest(&got, tt.m); err != nil {
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

// TestPlanIndex finds every planned id, in plan order, out of order and
// in a plan whose ids do not ascend, and no id that is not planned.
func TestPlanIndex(t *testing.T) {
	for _, ids := range [][]int64{{}, {5}, {1, 2, 4, 8, 9}, {9, 2, 7, 1, 30}} {
		plan := make([]planned, len(ids))
		for i, id := range ids {
			plan[i] = planned{id: id}
		}
		find := planIndex(plan)
		order := make([]int, 0, 2*len(ids))
		for i := range ids {
			order = append(order, i)
		}
		for i := len(ids) - 1; i >= 0; i-- {
			order = append(order, i)
		}
		for _, i := range order {
			if got, ok := find(ids[i]); !ok || got != i {
				t.Errorf("%v: find(%d) = %d, %v; want %d", ids, ids[i], got, ok, i)
			}
		}
		for _, id := range []int64{0, 3, 10, 31} {
			if got, ok := find(id); ok {
				t.Errorf("%v: find(%d) = %d, want none", ids, id, got)
			}
		}
	}
}

// exportMemoryBound is the most heap an export may hold per article once
// it has written every file, for a folder and a zip: the plan (id and
// name), the order written, and for a zip the SHA-256 for the manifest and
// the central directory's record (zipStream).
var exportMemoryBound = map[string]float64{"folder": 100, "zip": 200}

// TestExportMemoryPerArticle exports a few thousand articles, and a third
// of them, and fails if what the export holds once every file is written
// grows past exportMemoryBound per article: keeping a record per file (a
// hex hash, an ExportedFile, a map from id to plan index, the whole
// manifest) is what made a million articles take hundreds of megabytes.
func TestExportMemoryPerArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 3,000 articles")
	}
	const n = 3000
	a := openArchive(t)
	in := t.TempDir()
	writeCorpus(t, in, n)
	doImport(t, a, []string{in}, ImportOptions{})
	ctx := context.Background()
	var ids []int64
	err := a.Each(ctx, storage.ListOptions{NoTextFields: true}, func(r storage.Row) error {
		if len(ids) < n/3 {
			ids = append(ids, r.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddToSet(ctx, "third", ids); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"folder", "zip"} {
		t.Run(kind, func(t *testing.T) {
			perArticle := exportMemory(t, a, kind, "third", n)
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
	part, heldPart := heldByExport(tb, a, kind, set)
	all, heldAll := heldByExport(tb, a, kind, "")
	if all != n || part >= n || part == 0 {
		tb.Fatalf("exported %d and %d articles, want a part and %d", part, all, n)
	}
	return (heldAll - heldPart) / float64(all-part)
}

// heldByExport exports the articles of set (all with "") to a new folder
// or zip and returns how many, and how much the live heap had grown when
// the last file was written.
func heldByExport(tb testing.TB, a *storage.Archive, kind, set string) (int, float64) {
	dest := filepath.Join(tb.TempDir(), "out")
	if kind == "zip" {
		dest += ".zip"
	}
	var before, end runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	opts := ExportOptions{Set: set, ProgressEvery: -1, Progress: func(done, total int) {
		if done == total && end.HeapAlloc == 0 {
			runtime.GC()
			runtime.ReadMemStats(&end)
		}
	}}
	sum, err := Export(context.Background(), a, dest, opts)
	if err != nil {
		tb.Fatalf("export: %v", err)
	}
	return sum.Count, float64(end.HeapAlloc) - float64(before.HeapAlloc)
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
		var plan []planned
		for i := range 9 {
			name := "f" + strconv.Itoa(i) + ".txt"
			plan = append(plan, planned{id: int64(i + 1), name: name})
			if i < tt.exist {
				writeFiles(t, dir, map[string]string{name: "x"})
			}
		}
		err := checkTargets(dir, false, plan, false)
		got := ""
		if err != nil {
			got = strings.ReplaceAll(strings.TrimSuffix(strings.TrimPrefix(err.Error(), "export: "), ": "+ErrExists.Error()), dir, "DIR")
		}
		if got != tt.want || (err != nil) != errors.Is(err, ErrExists) {
			t.Errorf("%d existing: %v, want %q", tt.exist, err, tt.want)
		}
		if err := checkTargets(dir, false, plan, true); err != nil {
			t.Errorf("%d existing, with force: %v", tt.exist, err)
		}
	}
}
