package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSyncSeesOutsideChanges(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{
		"a.txt":     seed{title: "Alpha"}.text(),
		"b.txt":     seed{title: "Beta"}.text(),
		"c.txt":     seed{title: "Gamma"}.text(),
		"old/d.txt": seed{title: "Delta"}.text(),
		"e.txt":     seed{title: "Epsilon"}.text(),
	})
	d := idOf(t, a, "old/d.txt")
	if _, err := a.AddToSet(ctx, "Reading", []int64{d}); err != nil {
		t.Fatal(err)
	}
	// e.txt is only touched: its content stays.
	if err := os.Chtimes(filepath.Join(dir, "e.txt"), time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	b := strings.Replace(seed{title: "Beta"}.text(), `title: "Beta"`, `title: "Beta, renamed by sed"`, 1)
	if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte(b), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "c.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "old"), filepath.Join(dir, "new")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"f.txt": seed{title: "Zeta"}.text(), "g.md": seed{title: "Eta"}.text()})
	res, err := a.Sync(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Summary(); got != "2 added, 1 changed, 1 removed, 0 refused, 1 renamed" {
		t.Errorf("sync: %s", got)
	}
	r, err := a.Row(ctx, d)
	if err != nil || r.File != "new/d.txt" {
		t.Errorf("renamed file: %+v, %v; want the same article under new/d.txt", r, err)
	}
	if rows, err := a.List(ctx, ListOptions{Query: "set:Reading"}); err != nil || len(rows) != 1 || rows[0].ID != d {
		t.Errorf("the renamed article left its set: %v, %v", rows, err)
	}
	if rows, _ := a.List(ctx, ListOptions{Query: `"renamed by sed"`}); len(rows) != 1 {
		t.Errorf("search finds %d articles with the new title, want 1", len(rows))
	}
	if res, err := a.Sync(ctx); err != nil || res.Any() {
		t.Errorf("second sync: %s, %v; want nothing", res.Summary(), err)
	}
	mustCheckOK(t, a)
}

func TestSyncKeepsProblemFiles(t *testing.T) {
	text := seed{title: "Alpha"}.text()
	a, dir, _ := linkTest(t, map[string]string{"a.txt": text})
	id := idOf(t, a, "a.txt")
	p := filepath.Join(dir, "a.txt")
	conflict := strings.Replace(text, `title: "Alpha"`,
		"<<<<<<< HEAD\ntitle: \"Mine\"\n=======\ntitle: \"Theirs\"\n>>>>>>> origin/main", 1)
	tests := []struct {
		name, text string
		line       int
		reason     string
	}{
		{"conflict markers", conflict, 2, "merge conflict"},
		{"does not parse", "---\ntitle: [\n---\n", 2, ""},
	}
	for _, tt := range tests {
		if err := os.WriteFile(p, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := a.Sync(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if res.Refused != 1 || res.Changed+res.Removed != 0 || len(res.Problems) != 1 {
			t.Fatalf("%s: %s, problems %v", tt.name, res.Summary(), res.Problems)
		}
		pr := res.Problems[0]
		if pr.Line != tt.line || tt.reason != "" && pr.Reason != tt.reason {
			t.Errorf("%s: problem %s", tt.name, pr)
		}
		if r, err := a.Row(ctx, id); err != nil || r.Title != "Alpha" {
			t.Errorf("%s: the article has %q, %v; want the last text that parsed", tt.name, r.Title, err)
		}
		if _, err := a.Edit(ctx, []int64{id}, setTitle("Mine")); err == nil {
			t.Errorf("%s: an edit overwrote the problem file", tt.name)
		}
	}
	if err := os.WriteFile(p, []byte(strings.Replace(text, "Alpha", "Resolved", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Sync(ctx)
	if err != nil || res.Changed != 1 || len(res.Problems) != 0 {
		t.Fatalf("after the fix: %s, %v, %v", res.Summary(), res.Problems, err)
	}
	if r, _ := a.Row(ctx, id); r.Title != "Resolved" {
		t.Errorf("title %q, want Resolved", r.Title)
	}
}

func TestLinkKeepsDuplicates(t *testing.T) {
	same := seed{title: "Same"}.text()
	a, _, res := linkTest(t, map[string]string{"a.txt": same, "b.txt": same + "\nA second copy.\n", "c.txt": seed{title: "Other"}.text()})
	if res.Added != 3 {
		t.Fatalf("link: %s", res.Summary())
	}
	rows, err := a.List(ctx, ListOptions{Query: "has:duplicate", Sort: "file"})
	if err != nil || len(rows) != 2 || rows[0].File != "a.txt" || rows[1].File != "b.txt" {
		t.Errorf("has:duplicate: %v, %v", rows, err)
	}
	if rows, _ := a.List(ctx, ListOptions{Query: "-has:duplicate"}); len(rows) != 1 {
		t.Errorf("-has:duplicate: %d rows, want 1", len(rows))
	}
}

func TestUnlinkKeepsTheFiles(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"a.txt": seed{title: "A"}.text(), "b.txt": "---\nbad: [\n---\n"})
	insert(t, a, seed{title: "Imported"})
	n, err := a.Unlink(ctx, dir)
	if err != nil || n != 1 {
		t.Fatalf("unlink: %d, %v", n, err)
	}
	if rows, _ := a.List(ctx, ListOptions{}); len(rows) != 1 || rows[0].Title != "Imported" {
		t.Errorf("rows after unlink: %v", rows)
	}
	if ps, _ := a.Problems(ctx); len(ps) != 0 {
		t.Errorf("problems after unlink: %v", ps)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.txt")); err != nil {
		t.Errorf("unlink removed a file: %v", err)
	}
	if _, err := a.Unlink(ctx, dir); err == nil {
		t.Error("unlinking twice: no error")
	}
	mustCheckOK(t, a)
}

func TestInsertLinkedWritesANewFile(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"a.txt": seed{title: "A"}.text()})
	text := seed{title: "New one"}.text()
	id, err := a.InsertLinked(ctx, dir, "", parse(t, text))
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.Row(ctx, id)
	if err != nil || r.Folder != dir {
		t.Fatalf("row %+v, %v", r, err)
	}
	if len(r.File) != len("001_0123456789abcdef.txt") || !strings.HasPrefix(r.File, "001_") {
		t.Errorf("new file named %q, want NNN_<16 hex>.txt", r.File)
	}
	if data, err := os.ReadFile(filepath.Join(dir, r.File)); err != nil || string(data) != text {
		t.Errorf("new file: %q, %v", data, err)
	}
	if res, err := a.Sync(ctx); err != nil || res.Any() {
		t.Errorf("sync after insert: %s, %v", res.Summary(), err)
	}
}

// stopAfter is a context whose Err reports cancellation after n calls: a
// sync stopped part way, as a killed one is.
type stopAfter struct {
	context.Context
	n atomic.Int32
}

func (c *stopAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

func TestStoppedLinkLeavesAConsistentArchive(t *testing.T) {
	old := syncBatch
	syncBatch = 3
	t.Cleanup(func() { syncBatch = old })
	files := map[string]string{}
	for i := range 20 {
		files[string(rune('a'+i))+".txt"] = seed{title: "T" + string(rune('a'+i))}.text()
	}
	a := openTest(t)
	dir := t.TempDir()
	writeFiles(t, dir, files)
	sctx := &stopAfter{Context: ctx}
	sctx.n.Store(10)
	if _, err := a.Link(sctx, dir, nil); err == nil {
		t.Fatal("the stopped link reported no error")
	}
	n, err := a.Count(ctx, "")
	if err != nil || n == 0 || n == 20 {
		t.Fatalf("after the stopped link: %d articles, %v; want some", n, err)
	}
	mustCheckOK(t, a)
	res, err := a.Sync(ctx)
	if err != nil || res.Added != 20-n {
		t.Fatalf("sync after: %s, %v", res.Summary(), err)
	}
	mustCheckOK(t, a)
}

// Link reports files indexed of files found after the scan and after each
// batch; linking again counts the unchanged files as done at once.
func TestLinkReportsProgress(t *testing.T) {
	old := syncBatch
	syncBatch = 3
	t.Cleanup(func() { syncBatch = old })
	files := map[string]string{"bad.txt": "---\ntitle: [unclosed\n---\n"}
	for i := range 6 {
		files[string(rune('a'+i))+".txt"] = seed{title: "T" + string(rune('a'+i))}.text()
	}
	a := openTest(t)
	dir := t.TempDir()
	writeFiles(t, dir, files)
	for _, tt := range []struct {
		name string
		want string
	}{
		{"first link", "0/7 3/7 6/7 7/7"},
		{"linked again", "7/7"},
	} {
		var got []string
		_, err := a.Link(ctx, dir, func(done, total int) { got = append(got, fmt.Sprintf("%d/%d", done, total)) })
		if err != nil {
			t.Fatal(err)
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("%s: progress %s, want %s", tt.name, s, tt.want)
		}
	}
}

func TestTwoProgramsSyncAtOnce(t *testing.T) {
	for _, syncers := range []int{1, 2} {
		t.Run(fmt.Sprint(syncers), func(t *testing.T) { testSyncAtOnce(t, syncers) })
	}
}

func testSyncAtOnce(t *testing.T, syncers int) {
	a, dir, _ := linkTest(t, map[string]string{"a.txt": seed{title: "A"}.text()})
	b, err := Open(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("n/%02d.txt", i)] = seed{title: fmt.Sprintf("New %d", i)}.text()
	}
	writeFiles(t, dir, files)
	if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for _, x := range []*Archive{a, b}[:syncers] {
		go func() {
			_, err := x.Sync(ctx)
			errs <- err
		}()
	}
	for range syncers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if n, err := a.Count(ctx, ""); err != nil || n != 40 {
		t.Errorf("%d articles, %v; want 40", n, err)
	}
	mustCheckOK(t, a)
}

func TestInsertLinkedTakesAFreeName(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"2020/a.md": seed{title: "A"}.text()})
	tests := []struct{ name, want string }{
		{"2020/a.md", "2020/a-2.md"},
		{"2020/a.md", "2020/a-3.md"},
		{"new/b.txt", "new/b.txt"},
		{"../out.txt", ""},
		{".hidden/c.txt", ""},
		{"c.json", ""},
	}
	for i, tt := range tests {
		id, err := a.InsertLinked(ctx, dir, tt.name, parse(t, seed{title: fmt.Sprint("N", i)}.text()))
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: accepted", tt.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r, _ := a.Row(ctx, id); r.File != tt.want {
			t.Errorf("%s: stored as %q, want %q", tt.name, r.File, tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tt.want))); err != nil {
			t.Error(err)
		}
	}
	if err := a.SetNameTemplate(ctx, dir, "{slug}.md"); err != nil {
		t.Fatal(err)
	}
	if fs, err := a.Folders(ctx); err != nil || len(fs) != 1 || fs[0].NameTemplate != "{slug}.md" {
		t.Errorf("folders: %+v, %v", fs, err)
	}
	if err := a.SetNameTemplate(ctx, t.TempDir(), ""); !errors.Is(err, ErrNotLinked) {
		t.Errorf("template of a folder not linked: %v", err)
	}
	if res, err := a.Sync(ctx); err != nil || res.Any() {
		t.Errorf("sync after inserts: %s, %v", res.Summary(), err)
	}
}

func TestSyncGoesOnPastAMissingFolder(t *testing.T) {
	a, gone, _ := linkTest(t, map[string]string{"a.txt": seed{title: "A"}.text()})
	other := t.TempDir()
	writeFiles(t, other, map[string]string{"b.txt": seed{title: "B"}.text()})
	if _, err := a.Link(ctx, other, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(gone); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, other, map[string]string{"c.txt": seed{title: "C"}.text()})
	res, err := a.Sync(ctx)
	if err == nil || !strings.Contains(err.Error(), gone) {
		t.Errorf("sync: %v, want an error naming %s", err, gone)
	}
	if res.Added != 1 {
		t.Errorf("sync: %s; want the other folder's new file added", res.Summary())
	}
	if n, _ := a.Count(ctx, ""); n != 3 {
		t.Errorf("%d articles, want 3: the missing folder's index stays", n)
	}
}

func TestSyncRemovesTemporaryFilesAKilledWriteLeft(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"a.txt": seed{title: "A"}.text()})
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name -> removed
		".a.txt.tmp-123456":   true,
		"sub/.b.md.tmp-99":    true,
		".a.txt.tmp-12x":      false, // not a name writeTemp makes
		".notes.tmp-1":        false, // not a seed file's
		".fresh.txt.tmp-1234": false, // too recent: a write may be under way
	}
	for name := range files {
		writeFiles(t, dir, map[string]string{name: "partial"})
		if name != ".fresh.txt.tmp-1234" {
			if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), old, old); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Chtimes(filepath.Join(dir, name), time.Now(), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}
