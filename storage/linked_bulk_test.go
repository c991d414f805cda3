package storage

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// bulkFolder is a folder of n seed files (every third on topic "third",
// each with a body word of its own) and one that does not parse: enough
// new files for a link into an empty archive to be a bulk one.
func bulkFolder(t *testing.T, n int) string {
	t.Helper()
	files := map[string]string{"zz/bad.txt": "---\ntitle: [unclosed\n---\n"}
	for i := range n {
		s := seed{title: fmt.Sprintf("Bulk %d", i), quality: fmt.Sprint(i % 100), body: fmt.Sprintf("word%dend\n", i)}
		if i%3 == 0 {
			s.topics = []string{"third"}
		}
		files[fmt.Sprintf("%02d/%04d.txt", i%7, i)] = s.text()
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// checkBulkDone checks that an archive a bulk link wrote into is whole
// again: the schema's indexes (want), FTS5's automerge, nothing set aside,
// check clean, and the n articles found by their rows and full text.
func checkBulkDone(t *testing.T, a *Archive, want []string, n int) {
	t.Helper()
	high := 0 // quality i%100 of 50 or more
	for i := range n {
		if i%100 >= 50 {
			high++
		}
	}
	if got := schemaIndexes(t, a.wdb); !slices.Equal(got, want) {
		t.Errorf("indexes after the link:\n%q\nwant\n%q", got, want)
	}
	if d, err := a.DeferredIndexes(ctx); err != nil || d != 0 {
		t.Errorf("%d indexes set aside, %v; want 0", d, err)
	}
	if m := automerge(t, a); m != defaultAutomerge {
		t.Errorf("automerge %d after the link, want %d", m, defaultAutomerge)
	}
	if r := mustCheck(t, a); !r.OK() || len(r.Warnings) != 0 {
		t.Errorf("check: problems %q, warnings %q", r.Problems, r.Warnings)
	}
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"", n},
		{"topic:third", (n + 2) / 3},
		{"word7end", 1},
		{"quality:>=50", high},
	} {
		if got, err := a.Count(ctx, tt.query); err != nil || got != tt.want {
			t.Errorf("count %q: %d, %v; want %d", tt.query, got, err, tt.want)
		}
	}
	var files int
	if err := a.db.QueryRow(`SELECT count(*) FROM linked_file`).Scan(&files); err != nil || files != n {
		t.Errorf("%d linked files, %v; want %d", files, err, n)
	}
}

// TestBulkLink: a link of many files into an empty archive stores them as
// a bulk import does and leaves the archive whole, also when it stops
// after its first batch (and the next sync indexes the rest).
func TestBulkLink(t *testing.T) {
	const n = bulkMinInputs + 200
	old := syncBatch
	syncBatch = 300
	t.Cleanup(func() { syncBatch = old })
	for _, stop := range []bool{false, true} {
		t.Run(fmt.Sprintf("stopped=%v", stop), func(t *testing.T) {
			a := openTest(t)
			want := schemaIndexes(t, a.wdb)
			dir := bulkFolder(t, n)
			lctx, cancel := context.WithCancel(ctx)
			defer cancel()
			var bulk bool
			res, err := a.Link(lctx, dir, func(done, total int) {
				if d, err := a.DeferredIndexes(ctx); err == nil && d > 0 {
					bulk = true
				}
				if stop && done > 0 {
					cancel()
				}
			})
			if !bulk {
				t.Error("the link set no index aside")
			}
			if !stop {
				if err != nil || res.Added != n || res.Refused != 1 || len(res.Problems) != 1 {
					t.Fatalf("link: %s, %d problems, %v", res.Summary(), len(res.Problems), err)
				}
				checkBulkDone(t, a, want, n)
				return
			}
			if err == nil {
				t.Fatal("the stopped link reported no error")
			}
			got, err := a.Count(ctx, "")
			if err != nil || got == 0 || got >= n {
				t.Fatalf("after the stopped link: %d articles, %v; want some of %d", got, err, n)
			}
			mustCheckOK(t, a)
			if res, err = a.Sync(ctx); err != nil || res.Added != n-got {
				t.Fatalf("sync after: %s, %v; want %d added", res.Summary(), err, n-got)
			}
			checkBulkDone(t, a, want, n)
		})
	}
}

// TestSyncFinishesAKilledBulk: the indexes a killed bulk link (or import)
// set aside are built by the next sync that reads a file, however few.
func TestSyncFinishesAKilledBulk(t *testing.T) {
	a := openTest(t)
	want := schemaIndexes(t, a.wdb)
	if _, err := a.BeginBulk(ctx, 5000); err != nil { // and no Finish: killed
		t.Fatal(err)
	}
	if d, err := a.DeferredIndexes(ctx); err != nil || d == 0 {
		t.Fatalf("%d indexes set aside, %v", d, err)
	}
	dir := bulkFolder(t, 20)
	if res, err := a.Link(ctx, dir, nil); err != nil || res.Added != 20 {
		t.Fatalf("link: %s, %v", res.Summary(), err)
	}
	checkBulkDone(t, a, want, 20)
}

// TestScanOrderIsWalkCompare: scanFolder lists files in
// filepath.WalkDir's order, which walkCompare sorts to (the sync merges
// the walk with the index in that order), also where a folder's name is
// a prefix of a file's and with bytes below '/' in names.
func TestScanOrderIsWalkCompare(t *testing.T) {
	files := map[string]string{}
	for _, name := range []string{
		"a.txt", "a/x.txt", "a-b/x.txt", "a b.txt", "a/b/c.txt", "a/b.txt", "A.txt",
		"a!.md", "b/a.txt", "ab.txt", "a.b/c.txt", "a/b-c/d.txt", "a/b c.txt",
	} {
		files[name] = seed{title: name}.text()
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	var walked []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		walked = append(walked, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	scanned, err := scanFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range scanned {
		got = append(got, s.rel)
	}
	if !slices.Equal(got, walked) {
		t.Errorf("scan order\n%q\nwant WalkDir's\n%q", got, walked)
	}
	sorted := slices.Clone(walked)
	slices.Reverse(sorted)
	slices.SortFunc(sorted, walkCompare)
	if !slices.Equal(sorted, walked) {
		t.Errorf("walkCompare order\n%q\nwant WalkDir's\n%q", sorted, walked)
	}
}

// TestSyncMergesOutOfOrder: the index's rows come in table order, which
// new files and renames take away from the walk's; a sync still matches
// every file to its row, and the next finds nothing to do.
func TestSyncMergesOutOfOrder(t *testing.T) {
	a, dir, _ := linkTest(t, map[string]string{
		"m/1.txt": seed{title: "M1"}.text(), "m/2.txt": seed{title: "M2"}.text(),
		"m.txt": seed{title: "M"}.text(), "z.txt": seed{title: "Z"}.text(),
	})
	writeFiles(t, dir, map[string]string{
		"a/1.txt": seed{title: "A1"}.text(), "m-1.txt": seed{title: "M-1"}.text(),
		"m/15.txt": seed{title: "M15"}.text(), "m!.txt": seed{title: "M!"}.text(),
	})
	if err := os.Rename(filepath.Join(dir, "z.txt"), filepath.Join(dir, "0.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "m", "2.txt")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []SyncResult{{Added: 4, Removed: 1, Renamed: 1}, {}} {
		res, err := a.Sync(ctx)
		if err != nil || res.Added != want.Added || res.Removed != want.Removed || res.Renamed != want.Renamed || res.Changed != 0 {
			t.Fatalf("sync: %s, %v; want %s", res.Summary(), err, want.Summary())
		}
	}
	if n, err := a.Count(ctx, ""); err != nil || n != 7 {
		t.Errorf("%d articles, %v; want 7", n, err)
	}
	mustCheckOK(t, a)
}
