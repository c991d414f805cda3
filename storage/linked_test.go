package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// writeFiles writes files (slash-separated names) under dir with their
// modification time a minute ago, as files checked out earlier are.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	old := time.Now().Add(-time.Minute)
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			tb.Fatal(err)
		}
	}
}

// linkTest links a new folder holding files and returns the archive, the
// folder and the result.
func linkTest(tb testing.TB, files map[string]string) (*Archive, string, SyncResult) {
	tb.Helper()
	a := openTest(tb)
	dir := tb.TempDir()
	writeFiles(tb, dir, files)
	res, err := a.Link(ctx, dir, nil)
	if err != nil {
		tb.Fatal(err)
	}
	dir, _ = cleanFolder(dir)
	return a, dir, res
}

// idOf finds the article of a linked file by its relative path.
func idOf(tb testing.TB, a *Archive, rel string) int64 {
	tb.Helper()
	var id int64
	if err := a.db.QueryRow(`SELECT article_id FROM linked_file WHERE path = ?`, rel).Scan(&id); err != nil {
		tb.Fatalf("%s: %v", rel, err)
	}
	return id
}

func setTitle(title string) EditFunc {
	return func(_ int64, doc *seedfile.Document) (bool, error) {
		return true, doc.Set("title", title)
	}
}

func TestLinkIndexesInPlace(t *testing.T) {
	a, dir, res := linkTest(t, map[string]string{
		"a.txt":           seed{title: "Alpha"}.text(),
		"sub/b.md":        seed{title: "Beta"}.text(),
		"bad.txt":         "---\ntitle: [unclosed\n---\n",
		".hidden/c.txt":   seed{title: "Hidden"}.text(),
		"notes.json":      "{}",
		"sub/.d.markdown": seed{title: "Hidden too"}.text(),
	})
	if res.Added != 2 || res.Refused != 1 || res.Changed+res.Removed+res.Renamed != 0 {
		t.Fatalf("link: %+v, want 2 added, 1 refused", res)
	}
	if len(res.Problems) != 1 || res.Problems[0].Path != "bad.txt" || res.Problems[0].Line == 0 ||
		!strings.HasPrefix(res.Problems[0].String(), filepath.Join(dir, "bad.txt")+":") {
		t.Errorf("problems: %+v", res.Problems)
	}
	rows, err := a.List(ctx, ListOptions{Sort: "file"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Folder+"|"+r.File)
	}
	want := []string{dir + "|a.txt", dir + "|sub/b.md"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rows: %q, want %q", got, want)
	}
	imported := insert(t, a, seed{title: "Imported"})
	r, err := a.Row(ctx, imported[0])
	if err != nil || r.Folder != "" {
		t.Errorf("imported row: folder %q, %v; want none", r.Folder, err)
	}
	mustCheckOK(t, a)
	if res, err := a.Sync(ctx); err != nil || res.Any() {
		t.Errorf("sync with nothing changed: %+v, %v", res, err)
	}
}

func TestLinkRefusesOverlap(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{"x/a.txt": seed{title: "A"}.text()})
	for _, d := range []string{filepath.Join(dir, "x"), filepath.Dir(dir)} {
		if _, err := a.Link(ctx, d, nil); err == nil || !strings.Contains(err.Error(), "overlaps") {
			t.Errorf("link %s: %v, want an overlap refusal", d, err)
		}
	}
	if res, err := a.Link(ctx, dir, nil); err != nil || res.Any() {
		t.Errorf("linking again: %+v, %v; want a sync with nothing to do", res, err)
	}
}

func TestEditWritesOnlyTheEditedLine(t *testing.T) {
	text := seed{title: "Alpha", provider: "P", topics: []string{"x", "y"}, body: "Body.\n"}.text()
	a, dir, _ := linkTest(t, map[string]string{"a.txt": text})
	id := idOf(t, a, "a.txt")
	for round, title := range []string{"Alpha two", "Alpha three"} {
		if _, err := a.Edit(ctx, []int64{id}, setTitle(title)); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "a.txt"))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Replace(text, `title: "Alpha"`, `title: "`+title+`"`, 1)
		if string(data) != want {
			t.Fatalf("round %d: file\n%s\nwant\n%s", round, data, want)
		}
		rec, err := a.Get(ctx, id)
		if err != nil || !bytes.Equal(rec.Text(), data) {
			t.Fatalf("round %d: index text differs from the file (%v)", round, err)
		}
	}
	if res, err := a.Sync(ctx); err != nil || res.Changed != 0 {
		t.Errorf("sync after edits: %+v, %v; want no change", res, err)
	}
	mustCheckOK(t, a)
}

func TestEditRefusesAFileChangedOnDisk(t *testing.T) {
	text := seed{title: "Alpha"}.text()
	tests := []struct {
		name   string
		change func(p string) error
	}{
		{"same size, same tick", func(p string) error {
			return os.WriteFile(p, []byte(strings.Replace(text, "Alpha", "Alpho", 1)), 0o644)
		}},
		{"appended", func(p string) error {
			return os.WriteFile(p, []byte(text+"more\n"), 0o644)
		}},
		{"deleted", os.Remove},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, dir, _ := linkTest(t, map[string]string{"a.txt": text})
			id := idOf(t, a, "a.txt")
			p := filepath.Join(dir, "a.txt")
			if err := tt.change(p); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(p)
			_, err := a.Edit(ctx, []int64{id}, setTitle("Mine"))
			if !errors.Is(err, ErrChangedOnDisk) || !strings.Contains(err.Error(), p) {
				t.Fatalf("edit: %v, want ErrChangedOnDisk naming %s", err, p)
			}
			var cd *ChangedOnDiskError
			if !errors.As(err, &cd) || cd.Path != "a.txt" || cd.File() != p {
				t.Errorf("edit: %#v, want a *ChangedOnDiskError for a.txt in %s", cd, dir)
			}
			after, _ := os.ReadFile(p)
			if !bytes.Equal(before, after) {
				t.Error("the refused edit changed the file")
			}
			if r, _ := a.Row(ctx, id); r.Title != "Alpha" {
				t.Errorf("title in the index %q, want Alpha", r.Title)
			}
			if _, _, err := a.Trash(ctx, id); !errors.Is(err, ErrChangedOnDisk) {
				t.Errorf("trash: %v, want ErrChangedOnDisk", err)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
				t.Errorf("temporary files left: %q", left)
			}
		})
	}
}

func TestDeleteAndUndoRestoreTheFile(t *testing.T) {
	text := seed{title: "Alpha", body: "no newline at the end"}.text()
	text = strings.TrimSuffix(text, "\n") + "\r\n"
	undo := map[string]func(a *Archive, ids []int64) error{
		"trash": func(a *Archive, ids []int64) error {
			batch, _, err := a.Trash(ctx, ids...)
			if err != nil {
				return err
			}
			if err := checkGone(a, ids); err != nil {
				return err
			}
			return a.Untrash(ctx, batch)
		},
		"delete": func(a *Archive, ids []int64) error {
			recs, err := a.Delete(ctx, ids...)
			if err != nil {
				return err
			}
			if err := checkGone(a, ids); err != nil {
				return err
			}
			return a.Restore(ctx, recs)
		},
	}
	for name, fn := range undo {
		t.Run(name, func(t *testing.T) {
			a, dir, _ := linkTest(t, map[string]string{"sub/a.txt": text})
			p := filepath.Join(dir, "sub", "a.txt")
			if err := os.Chmod(p, 0o600); err != nil {
				t.Fatal(err)
			}
			id := idOf(t, a, "sub/a.txt")
			if _, err := a.Edit(ctx, []int64{id}, setTitle("Edited")); err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(p)
			if _, err := a.AddToSet(ctx, "Reading", []int64{id}); err != nil {
				t.Fatal(err)
			}
			if err := fn(a, []int64{id}); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(p)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("restored file %q, %v; want %q", got, err, want)
			}
			if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", fi.Mode().Perm())
			}
			if r, err := a.Row(ctx, id); err != nil || r.Folder != dir || r.File != "sub/a.txt" {
				t.Errorf("restored row %+v, %v", r, err)
			}
			if res, err := a.Sync(ctx); err != nil || res.Changed+res.Added+res.Removed != 0 {
				t.Errorf("sync after undo: %+v, %v", res, err)
			}
			if rows, err := a.List(ctx, ListOptions{Query: "set:Reading"}); err != nil || len(rows) != 1 || rows[0].ID != id {
				t.Errorf("set members %v, %v", rows, err)
			}
			mustCheckOK(t, a)
		})
	}
}

// checkGone reports an error when a linked article's file still exists.
func checkGone(a *Archive, ids []int64) error {
	for _, id := range ids {
		if _, err := a.Get(ctx, id); !errors.Is(err, ErrNotFound) {
			return errors.New("the article is still there")
		}
	}
	var n int
	if err := a.db.QueryRow(`SELECT count(*) FROM linked_file`).Scan(&n); err != nil || n != 0 {
		return errors.New("linked_file rows are left")
	}
	folders, err := a.Folders(ctx)
	if err != nil {
		return err
	}
	for _, f := range folders {
		if files, err := scanFolder(f.Path); err != nil || len(files) > 0 {
			return fmt.Errorf("files left in %s: %v (%v)", f.Path, files, err)
		}
	}
	return nil
}

func TestCheckFindsALinkedTextThatIsNotTheFile(t *testing.T) {
	a, _, _ := linkTest(t, map[string]string{"a.txt": seed{title: "Alpha"}.text()})
	mustCheckOK(t, a)
	if _, err := a.wdb.Exec(`UPDATE linked_file SET sha256 = 'x', path = 'b.txt'`); err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"its linked file is b.txt", "differs from the linked file"}
	if len(rep.Problems) != 2 || !strings.Contains(rep.Problems[0], want[0]) || !strings.Contains(rep.Problems[1], want[1]) {
		t.Errorf("check: %q, want %q", rep.Problems, want)
	}
}

func TestOverwriteKeepsMine(t *testing.T) {
	text := seed{title: "Alpha"}.text()
	a, dir, _ := linkTest(t, map[string]string{"a.txt": text})
	id := idOf(t, a, "a.txt")
	p := filepath.Join(dir, "a.txt")
	conflict := "<<<<<<< HEAD\n" + text + "=======\n" + text + ">>>>>>> x\n"
	if err := os.WriteFile(p, []byte(conflict), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	if res, err := a.Sync(ctx); err != nil || len(res.Problems) != 1 {
		t.Fatalf("sync: %+v, %v", res, err)
	}
	mine := strings.Replace(text, "Alpha", "Mine", 1)
	if err := a.Overwrite(ctx, id, []byte(mine)); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != mine {
		t.Errorf("file %q, want %q", data, mine)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if r, _ := a.Row(ctx, id); r.Title != "Mine" {
		t.Errorf("title %q", r.Title)
	}
	if ps, _ := a.Problems(ctx); len(ps) != 0 {
		t.Errorf("problems left: %v", ps)
	}
	if res, err := a.Sync(ctx); err != nil || res.Any() {
		t.Errorf("sync after: %s, %v", res.Summary(), err)
	}
	mustCheckOK(t, a)
	imported := insert(t, a, seed{title: "Imported"})
	if err := a.Overwrite(ctx, imported[0], []byte(mine)); !errors.Is(err, ErrNotLinked) {
		t.Errorf("overwrite of an imported article: %v", err)
	}
	if err := a.Overwrite(ctx, id, []byte("---\ntitle: [\n---\n")); err == nil {
		t.Error("a text that does not parse was written")
	}
}
