package storage

import (
	"context"
	"fmt"
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
