package transfer

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// readTree maps every file under dir (slash-separated relative names) to its content.
func readTree(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// readZip maps every entry of a zip to its content.
func readZip(tb testing.TB, path string) (map[string]string, []string) {
	tb.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer z.Close()
	m := map[string]string{}
	var order []string
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		m[f.Name] = string(data)
		order = append(order, f.Name)
	}
	return m, order
}

func doExport(tb testing.TB, a *storage.Archive, dest string, opts ExportOptions) ExportSummary {
	tb.Helper()
	opts.ListFiles = true
	sum, err := Export(context.Background(), a, dest, opts)
	if err != nil {
		tb.Fatalf("export: %v", err)
	}
	return sum
}

// TestExportRoundTrip imports a corpus (plus CRLF, BOM and odd files) and
// exports it to a folder and a zip: every file comes back byte for byte
// under its name, and the manifest lists them.
func TestExportRoundTrip(t *testing.T) {
	in := t.TempDir()
	files := writeCorpus(t, in, 120)
	extra := map[string]string{
		"extra/crlf.txt":    strings.ReplaceAll(seed("CRLF", "https://x.test/crlf"), "\n", "\r\n"),
		"extra/bom.md":      "\ufeff" + seed("BOM", "https://x.test/bom") + "Body *text*.\n",
		"extra/no-eol.txt":  strings.TrimSuffix(seed("No EOL", "https://x.test/noeol", "# a comment", "unknown: {a: 1}"), "\n"),
		"extra/Ünïcode.txt": seed("Ünïcode ✓", "https://x.test/uni"),
	}
	writeFiles(t, in, extra)
	for k, v := range extra {
		files[k] = v
	}
	a := openArchive(t)
	if sum, _ := doImport(t, a, []string{in}, ImportOptions{}); sum.Inserted != len(files) {
		t.Fatalf("imported %d of %d", sum.Inserted, len(files))
	}

	out := filepath.Join(t.TempDir(), "out")
	sum := doExport(t, a, out, ExportOptions{})
	if sum.Count != len(files) || len(sum.Files) != len(files) {
		t.Errorf("exported %d, want %d", sum.Count, len(files))
	}
	if got := readTree(t, out); !reflect.DeepEqual(got, files) {
		t.Errorf("folder export differs from the inputs (%d vs %d files)", len(got), len(files))
		for name, text := range files {
			if got[name] != text {
				t.Errorf("  %s differs", name)
			}
		}
	}

	zipPath := filepath.Join(t.TempDir(), "out.zip")
	zsum := doExport(t, a, zipPath, ExportOptions{ToolVersion: "test 1.0"})
	entries, order := readZip(t, zipPath)
	// The summary reports the zip's size on disk, not the text it holds.
	if fi, err := os.Stat(zipPath); err != nil {
		t.Error(err)
	} else if zsum.Bytes != fi.Size() {
		t.Errorf("summary says %d bytes, the zip has %d", zsum.Bytes, fi.Size())
	}
	if order[len(order)-1] != manifestName {
		t.Errorf("manifest is not the last entry: %v", order[len(order)-5:])
	}
	var m manifest
	if err := json.Unmarshal([]byte(entries[manifestName]), &m); err != nil {
		t.Fatal(err)
	}
	delete(entries, manifestName)
	if !reflect.DeepEqual(entries, files) {
		t.Errorf("zip export differs from the inputs")
	}
	if m.Count != len(files) || len(m.Files) != len(files) || m.ToolVersion != "test 1.0" || m.Created == "" || m.Query != "" {
		t.Errorf("manifest = %+v", m)
	}
	for i, f := range m.Files {
		sum := sha256.Sum256([]byte(files[f.Name]))
		if f.SHA256 != hex.EncodeToString(sum[:]) || f.Name != zsum.Files[i].Name {
			t.Errorf("manifest file %d: %+v", i, f)
		}
	}
	// The exported zip imports back as identical.
	back, _ := doImport(t, a, []string{zipPath}, ImportOptions{})
	if back.Identical != len(files) || back.Total != len(files) {
		t.Errorf("reimport of the zip: %+v", back)
	}
	// No temporary files are left beside the outputs.
	for _, dir := range []string{out, filepath.Dir(zipPath)} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if strings.HasSuffix(p, ".tmp") {
				t.Errorf("temporary file left: %s", p)
			}
			return nil
		})
	}
}

func TestExportEditedText(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": seed("Before", "https://x.test/a")})
	a := openArchive(t)
	_, res := doImport(t, a, []string{filepath.Join(dir, "a.txt")}, ImportOptions{})
	rec, err := a.Get(context.Background(), res[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := seedfile.Parse([]byte(strings.Replace(string(rec.Doc.Bytes()), `"Before"`, `"After"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Update(context.Background(), rec.ID, doc); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	doExport(t, a, out, ExportOptions{})
	if got := readTree(t, out)["a.txt"]; got != string(doc.Bytes()) {
		t.Errorf("export is not the current text:\n%s", got)
	}
}

// articles imports documents with the given names and returns their ids in order.
func articles(tb testing.TB, a *storage.Archive, docs ...[2]string) []int64 {
	tb.Helper()
	var ids []int64
	for _, d := range docs {
		doc, err := seedfile.Parse([]byte(d[1]))
		if err != nil {
			tb.Fatal(err)
		}
		id, err := a.Insert(context.Background(), d[0], doc)
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestExportNames(t *testing.T) {
	a := openArchive(t)
	noURL := seed("No URL here", "")
	ids := articles(t, a,
		[2]string{"keep.txt", seed("Deep learning: a survey!", "https://x.test/1")},
		[2]string{"", seed("Nameless", "https://x.test/2")},
		[2]string{"", noURL},
		[2]string{"KEEP.TXT", seed("Same name, other case", "https://x.test/3")},
		[2]string{"../../etc/passwd", seed("Evil", "https://x.test/4")},
		[2]string{"sub/keep.txt", seed("Deep learning: a survey!", "https://x.test/5")},
	)
	if len(ids) != 6 {
		t.Fatal(ids)
	}
	tests := []struct {
		tmpl string
		want []string
	}{
		{"", []string{"keep.txt", "001_" + hashOf([]byte("https://x.test/2")) + ".txt",
			"002_" + hashOf([]byte(noURL)) + ".txt", "KEEP-2.TXT", "_/_/etc/passwd", "sub/keep.txt"}},
		{"{date:2006-01}/{provider.domain}/{slug}.md", []string{
			"2020-02/medicalxpress.com/deep-learning-a-survey.md", "2020-02/medicalxpress.com/nameless.md",
			"2020-02/medicalxpress.com/no-url-here.md", "2020-02/medicalxpress.com/same-name-other-case.md",
			"2020-02/medicalxpress.com/evil.md", "2020-02/medicalxpress.com/deep-learning-a-survey-2.md"}},
		{"{id}-{name}.{type}", []string{"1-keep.article", "2-001_" + hashOf([]byte("https://x.test/2")) + ".article",
			"3-002_" + hashOf([]byte(noURL)) + ".article", "4-KEEP.article", "5-/_/etc/passwd.article", "6-sub/keep.article"}},
		{"{category}/{title}.txt", []string{"news/Deep learning_ a survey!.txt", "news/Nameless.txt", "news/No URL here.txt",
			"news/Same name, other case.txt", "news/Evil.txt", "news/Deep learning_ a survey!-2.txt"}},
		{"{provider.name}/{date}/{hash}", []string{"Medical Xpress/2020-02-24/" + hashOf([]byte("https://x.test/1")),
			"Medical Xpress/2020-02-24/" + hashOf([]byte("https://x.test/2")), "Medical Xpress/2020-02-24/" + hashOf([]byte(noURL)),
			"Medical Xpress/2020-02-24/" + hashOf([]byte("https://x.test/3")), "Medical Xpress/2020-02-24/" + hashOf([]byte("https://x.test/4")),
			"Medical Xpress/2020-02-24/" + hashOf([]byte("https://x.test/5"))}},
		{"same.txt", []string{"same.txt", "same-2.txt", "same-3.txt", "same-4.txt", "same-5.txt", "same-6.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.tmpl, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			sum := doExport(t, a, out, ExportOptions{NameTemplate: tt.tmpl})
			var got []string
			for _, f := range sum.Files {
				got = append(got, f.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("names\n got %q\nwant %q", got, tt.want)
			}
			tree := readTree(t, out)
			if len(tree) != len(tt.want) {
				t.Errorf("%d files written, want %d", len(tree), len(tt.want))
			}
		})
	}
}

func TestExportNoOverwrite(t *testing.T) {
	a := openArchive(t)
	articles(t, a, [2]string{"a.txt", seed("A", "https://x.test/a")}, [2]string{"b.txt", seed("B", "https://x.test/b")})
	out := filepath.Join(t.TempDir(), "out")
	writeFiles(t, out, map[string]string{"b.txt": "mine"})
	_, err := Export(context.Background(), a, out, ExportOptions{})
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "b.txt") {
		t.Fatalf("err = %v, want ErrExists naming b.txt", err)
	}
	if got := readTree(t, out); !reflect.DeepEqual(got, map[string]string{"b.txt": "mine"}) {
		t.Errorf("refused export wrote something: %v", got)
	}
	doExport(t, a, out, ExportOptions{Force: true})
	if got := readTree(t, out); got["b.txt"] != seed("B", "https://x.test/b") || len(got) != 2 {
		t.Errorf("forced export: %v", got)
	}

	zipPath := filepath.Join(t.TempDir(), "x.zip")
	writeFiles(t, filepath.Dir(zipPath), map[string]string{"x.zip": "old"})
	if _, err := Export(context.Background(), a, zipPath, ExportOptions{}); !errors.Is(err, ErrExists) {
		t.Fatalf("zip err = %v, want ErrExists", err)
	}
	if data, _ := os.ReadFile(zipPath); string(data) != "old" {
		t.Error("refused zip export changed the file")
	}
	doExport(t, a, zipPath, ExportOptions{Force: true})
	if entries, _ := readZip(t, zipPath); len(entries) != 3 {
		t.Errorf("forced zip export: %d entries", len(entries))
	}
}

func TestExportSelection(t *testing.T) {
	a := openArchive(t)
	ids := articles(t, a,
		[2]string{"a.txt", seed("Alpha", "https://x.test/a")},
		[2]string{"b.txt", strings.Replace(seed("Beta", "https://x.test/b"), "quality: 39", "quality: 90", 1)},
		[2]string{"c.txt", strings.Replace(seed("Gamma", "https://x.test/c"), "quality: 39", "quality: 95", 1)},
		[2]string{"d.txt", seed("Delta", "https://x.test/d")},
	)
	ctx := context.Background()
	if _, err := a.AddToSet(ctx, "My Picks", []int64{ids[0], ids[2]}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts ExportOptions
		want []string
	}{
		{"query", ExportOptions{Query: "quality:>50"}, []string{"b.txt", "c.txt"}},
		{"set", ExportOptions{Set: "My Picks"}, []string{"a.txt", "c.txt"}},
		{"set and query", ExportOptions{Set: "My Picks", Query: "quality:>50"}, []string{"c.txt"}},
		{"ids in order", ExportOptions{IDs: []int64{ids[3], ids[1]}}, []string{"d.txt", "b.txt"}},
		{"all", ExportOptions{}, []string{"a.txt", "b.txt", "c.txt", "d.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "sel.zip")
			sum := doExport(t, a, dest, tt.opts)
			var got []string
			for _, f := range sum.Files {
				got = append(got, f.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("exported %q, want %q", got, tt.want)
			}
			entries, _ := readZip(t, dest)
			var m manifest
			if err := json.Unmarshal([]byte(entries[manifestName]), &m); err != nil {
				t.Fatal(err)
			}
			if m.Query != CombineQuery(tt.opts.Query, tt.opts.Set) || m.Count != len(tt.want) {
				t.Errorf("manifest query %q count %d", m.Query, m.Count)
			}
		})
	}
	if _, err := Export(ctx, a, t.TempDir(), ExportOptions{IDs: []int64{999}}); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown id: err = %v", err)
	}
	if _, err := Export(ctx, a, t.TempDir(), ExportOptions{IDs: ids, Query: "x"}); err == nil {
		t.Error("IDs with a query: no error")
	}
}

func TestExportCancel(t *testing.T) {
	a := openArchive(t)
	in := t.TempDir()
	writeCorpus(t, in, 40)
	doImport(t, a, []string{in}, ImportOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := ExportOptions{OnFile: func(f ExportedFile) {
		if f.ID == 10 {
			cancel()
		}
	}}
	zipPath := filepath.Join(t.TempDir(), "c.zip")
	if _, err := Export(ctx, a, zipPath, opts); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if left, _ := os.ReadDir(filepath.Dir(zipPath)); len(left) != 0 {
		t.Errorf("cancelled zip export left %v", left)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Export(ctx, a, out, opts)
	if !errors.Is(err, context.Canceled) || sum.Count != 0 {
		t.Fatalf("err = %v, count %d", err, sum.Count)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a cancelled export left its folder (%v)", err)
	}
}

// TestExportDotTitles exports articles titled ".", ".." and the name of a
// folder with '{category}/{title}': every article is written, none as a
// "." or ".." element, and a file/folder clash is resolved with "-2".
func TestExportDotTitles(t *testing.T) {
	a := openArchive(t)
	withCategory := func(cat, title, url string) string {
		return strings.Replace(seed(title, url), "category: news", "category: "+cat, 1)
	}
	articles(t, a,
		[2]string{"1.txt", seed(".", "https://x.test/1")},
		[2]string{"2.txt", seed("..", "https://x.test/2")},
		[2]string{"3.txt", seed("Plain", "https://x.test/3")},
		[2]string{"4.txt", withCategory(`"."`, "Dot category", "https://x.test/4")},
		[2]string{"5.txt", withCategory("news/Plain", "Inside", "https://x.test/5")},
	)
	for _, dest := range []string{"out", "out.zip"} {
		t.Run(dest, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), dest)
			sum := doExport(t, a, out, ExportOptions{NameTemplate: "{category}/{title}"})
			var got []string
			for _, f := range sum.Files {
				got = append(got, f.Name)
			}
			want := []string{"news/_", "news/_-2", "news/Plain", "_/Dot category", "news_Plain/Inside"}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("names %q, want %q", got, want)
			}
		})
	}
	// Stored names where one is the other's folder, in both orders.
	b := openArchive(t)
	articles(t, b,
		[2]string{"notes", seed("x", "https://x.test/1")},
		[2]string{"notes/a.txt", seed("y", "https://x.test/2")},
		[2]string{"sub/b.txt", seed("z", "https://x.test/3")},
		[2]string{"SUB", seed("w", "https://x.test/4")},
	)
	out := filepath.Join(t.TempDir(), "out")
	sum := doExport(t, b, out, ExportOptions{})
	var got []string
	for _, f := range sum.Files {
		got = append(got, f.Name)
	}
	if want := []string{"notes", "notes-2/a.txt", "sub/b.txt", "SUB-2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names %q, want %q", got, want)
	}
	if n := len(readTree(t, out)); n != 4 {
		t.Errorf("%d files written, want 4", n)
	}
}

// TestExportChangesDuringExport deletes planned articles and stores new
// ones after the plan is made, before the texts are read: the export
// writes the planned articles still stored, under their planned names,
// and none of the new ones, to a folder and a zip.
func TestExportChangesDuringExport(t *testing.T) {
	for _, tc := range []struct{ name, dest, query string }{
		{"folder", "out", ""},
		{"zip", "out.zip", ""},
		{"folder, a query", "out", "category:news"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := openArchive(t)
			var docs [][2]string
			for i, file := range []string{"dup.txt", "dup.txt", "b.txt", "c.txt", "dup.txt", "d.txt"} {
				docs = append(docs, [2]string{file, seed(fmt.Sprintf("T%d", (i*7)%6), fmt.Sprintf("https://x.test/%d", i))})
			}
			ids := articles(t, a, docs...)
			var want []string
			sum := doExport(t, a, filepath.Join(t.TempDir(), tc.dest), ExportOptions{Query: tc.query})
			for _, f := range sum.Files {
				if f.ID != ids[0] && f.ID != ids[3] {
					want = append(want, f.Name)
				}
			}
			changed := false
			opts := ExportOptions{Query: tc.query, fault: func(op, _ string) error {
				if op == "planned" && !changed {
					changed = true
					if _, err := a.Delete(context.Background(), ids[0], ids[3]); err != nil {
						return err
					}
					articles(t, a, [2]string{"new.txt", seed("T9", "https://x.test/new")}, [2]string{"dup.txt", seed("A", "https://x.test/new2")})
				}
				return nil
			}}
			dest := filepath.Join(t.TempDir(), tc.dest)
			sum = doExport(t, a, dest, opts)
			var got []string
			for _, f := range sum.Files {
				got = append(got, f.Name)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("exported %q, want %q", got, want)
			}
			var written []string
			if strings.HasSuffix(dest, ".zip") {
				m, order := readZip(t, dest)
				written = order[:len(order)-1] // the manifest last
				if !strings.Contains(m[manifestName], fmt.Sprintf(`"count": %d,`, len(want))) {
					t.Errorf("manifest: %s", m[manifestName])
				}
			} else {
				for name := range readTree(t, dest) {
					written = append(written, name)
				}
				slices.Sort(written)
				want = slices.Sorted(slices.Values(want))
			}
			if !reflect.DeepEqual(written, want) {
				t.Errorf("wrote %q, want %q", written, want)
			}
		})
	}
}
