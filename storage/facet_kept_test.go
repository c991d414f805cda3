package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// recounted is what Facet read before the counts were kept: a count over
// the articles, every value.
func recounted(tb testing.TB, a *Archive, facet string) []FacetCount {
	tb.Helper()
	q, err := facetSQL(facet, "1")
	if err != nil {
		tb.Fatal(err)
	}
	out, err := facetRows(ctx, a.db, ordered(q, 0), nil)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// assertKeptCounts fails unless every kept facet reads as its recount, the
// count of everything is the number of articles, a match of most articles
// (study, in nearly every generated one) counted by subtraction reads as a
// count over it, and Check finds nothing.
func assertKeptCounts(tb testing.TB, a *Archive, after string) {
	tb.Helper()
	for f := range keptFacets {
		kept, err := a.Facet(ctx, f, "", 0)
		if err != nil {
			tb.Fatal(err)
		}
		if want := recounted(tb, a, f); !reflect.DeepEqual(kept, want) {
			tb.Errorf("after %s: %s kept %v, recounted %v", after, f, kept, want)
		}
	}
	var rows int
	if err := a.db.QueryRow(`SELECT count(*) FROM article`).Scan(&rows); err != nil {
		tb.Fatal(err)
	}
	if n, err := a.Count(ctx, ""); err != nil || n != rows {
		tb.Errorf("after %s: Count(\"\") = %d (%v), %d articles", after, n, err, rows)
	}
	// A match of most articles, counted by subtraction from the kept
	// counts (broadFacet), reads as a count over it.
	for f := range keptFacets {
		want, err := a.facetWhere(ctx, f, broadWhere, []any{`"study"`}, 0)
		if err != nil {
			tb.Fatal(err)
		}
		got, ok, err := a.broadFacet(ctx, f, broadWhere, []any{`"study"`}, 0)
		if err != nil {
			tb.Fatal(err)
		}
		if ok && !reflect.DeepEqual(got, want) {
			tb.Errorf("after %s: %s of study subtracted %v, counted %v", after, f, got, want)
		}
	}
	var p problems
	if err := a.checkFacets(ctx, &p); err != nil {
		tb.Fatal(err)
	}
	for _, it := range p.items {
		tb.Errorf("after %s: %s", after, it.msg)
	}
}

// editAll edits ids with fn (as the app's bulk actions do) or fails.
func editAll(tb testing.TB, a *Archive, ids []int64, fn func(doc *seedfile.Document) error) {
	tb.Helper()
	_, err := a.Edit(ctx, ids, func(_ int64, doc *seedfile.Document) (bool, error) { return true, fn(doc) })
	if err != nil {
		tb.Fatal(err)
	}
}

// TestKeptFacetCountsFollowEveryWrite runs each write path in turn on one
// archive and compares the kept counts with a recount after each.
func TestKeptFacetCountsFollowEveryWrite(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	dir := t.TempDir()
	var ids []int64
	var deleted []*Record
	var batch int64
	steps := []struct {
		name string
		do   func(t *testing.T)
	}{
		{"a bulk import", func(t *testing.T) {
			b, err := a.BeginBulk(ctx, bulkMinInputs)
			if err != nil {
				t.Fatal(err)
			}
			insertCorpus(t, a, bulkMinInputs, 3)
			if err := b.Finish(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"an import", func(t *testing.T) {
			ids = insert(t, a,
				seed{title: "One", provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\n"},
				seed{title: "Two", provider: "medical xpress", category: "Blog", topics: []string{"ai", "Zebra"}, extra: "published: false\ntype: story\n"},
				seed{title: "Three", provider: "Phys.org", topics: []string{"Space"}},
				seed{title: "Four"},
			)
		}},
		{"an edit of a topic", func(t *testing.T) {
			editAll(t, a, ids[:1], func(doc *seedfile.Document) error {
				if _, err := doc.RemoveFromList("topics", "Health"); err != nil {
					return err
				}
				_, err := doc.AddToList("topics", "Quokka")
				return err
			})
		}},
		{"an edit of a provider", func(t *testing.T) {
			editAll(t, a, ids[1:2], func(doc *seedfile.Document) error { return doc.Set("provider.name", "Nature") })
		}},
		{"an edit of a value's case", func(t *testing.T) {
			editAll(t, a, ids[1:2], func(doc *seedfile.Document) error { return doc.Set("category", "BLOG") })
		}},
		{"an edit of published and type", func(t *testing.T) {
			editAll(t, a, ids[:2], func(doc *seedfile.Document) error {
				if err := doc.Set("published", false); err != nil {
					return err
				}
				return doc.Set("type", "brief")
			})
		}},
		{"an edit of the title only", func(t *testing.T) {
			editAll(t, a, ids[2:3], func(doc *seedfile.Document) error { return doc.Set("title", "Three again") })
		}},
		{"a bulk add-topic", func(t *testing.T) {
			var all []int64
			for id := int64(1); id <= 300; id++ {
				all = append(all, id)
			}
			editAll(t, a, append(all, ids...), func(doc *seedfile.Document) error {
				_, err := doc.AddToList("topics", "Zebra")
				return err
			})
		}},
		{"a replace", func(t *testing.T) {
			err := a.WriteTx(ctx, func(tx *Tx) error {
				return tx.Replace(ids[2], "three.txt", parse(t, seed{title: "Three", category: "science", topics: []string{"Mars"}}.text()))
			})
			if err != nil {
				t.Fatal(err)
			}
		}},
		{"a delete", func(t *testing.T) {
			var err error
			if deleted, err = a.Delete(ctx, ids[0], ids[2], 5, 6, 7); err != nil {
				t.Fatal(err)
			}
		}},
		{"its undo", func(t *testing.T) {
			if err := a.Restore(ctx, deleted); err != nil {
				t.Fatal(err)
			}
		}},
		{"a delete to the trash", func(t *testing.T) {
			var err error
			if batch, _, err = a.Trash(ctx, ids[1], 10, 11, 12); err != nil {
				t.Fatal(err)
			}
		}},
		{"its undo from the trash", func(t *testing.T) {
			if err := a.Untrash(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}},
		{"a delete to the trash, emptied", func(t *testing.T) {
			if batch, _, err := a.Trash(ctx, ids[3], 20); err != nil {
				t.Fatal(err)
			} else if err := a.Purge(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}},
		{"a link", func(t *testing.T) {
			writeFiles(t, dir, map[string]string{
				"a.txt": seed{title: "Alpha", provider: "Linked News", topics: []string{"Linked", "AI"}}.text(),
				"b.txt": seed{title: "Beta", provider: "Linked News", category: "news"}.text(),
			})
			if _, err := a.Link(ctx, dir, nil); err != nil {
				t.Fatal(err)
			}
		}},
		{"a sync", func(t *testing.T) {
			writeFiles(t, dir, map[string]string{"c.txt": seed{title: "Gamma", topics: []string{"Linked"}}.text()})
			b := seed{title: "Beta", provider: "Other News", category: "blog", topics: []string{"Changed"}}.text()
			if err := os.WriteFile(filepath.Join(dir, "b.txt"), []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(dir, "a.txt")); err != nil {
				t.Fatal(err)
			}
			if res, err := a.Sync(ctx); err != nil || !res.Any() {
				t.Fatalf("sync: %+v, %v", res, err)
			}
		}},
		{"an overwrite of a linked file", func(t *testing.T) {
			text := seed{title: "Gamma", provider: "Phys.org", topics: []string{"Space", "Moon"}}.text()
			if err := a.Overwrite(ctx, idOf(t, a, "c.txt"), []byte(text)); err != nil {
				t.Fatal(err)
			}
		}},
		{"an unlink", func(t *testing.T) {
			if _, err := a.Unlink(ctx, dir); err != nil {
				t.Fatal(err)
			}
		}},
		{"a failed write", func(t *testing.T) {
			err := a.WriteTx(ctx, func(tx *Tx) error {
				if _, err := tx.Insert("x.txt", parse(t, seed{title: "X", provider: "Rolled Back", topics: []string{"Gone"}}.text())); err != nil {
					return err
				}
				return fmt.Errorf("no")
			})
			if err == nil {
				t.Fatal("the write did not fail")
			}
		}},
	}
	for _, s := range steps {
		s.do(t)
		assertKeptCounts(t, a, s.name)
		if _, ok, err := a.broadFacet(ctx, "topic", broadWhere, []any{`"study"`}, 0); err != nil || !ok {
			t.Errorf("after %s: study not counted by subtraction (%v)", s.name, err)
		}
		if t.Failed() {
			return
		}
	}
	topics, err := a.Facet(ctx, "topic", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, fc := range topics {
		names = append(names, fc.Value)
	}
	for _, want := range []string{"Zebra", "Quokka", "Mars"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("topics %q lack %s", names, want)
		}
	}
	mustCheckOK(t, a)
}

// TestRecountFacetsRepairs: Check reports kept counts that differ from a
// recount, and RecountFacets repairs them.
func TestRecountFacetsRepairs(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "One", provider: "Phys.org", topics: []string{"AI"}}, seed{title: "Two", topics: []string{"AI"}})
	if _, err := a.wdb.Exec(`UPDATE facet_count SET n = n + 5 WHERE facet = 'topic';
		INSERT INTO facet_count VALUES ('provider', 'Ghost', 3); DELETE FROM facet_count WHERE value = 'Phys.org';
		UPDATE facet_count SET n = 9 WHERE facet = 'article'`); err != nil {
		t.Fatal(err)
	}
	r := mustCheck(t, a)
	got := strings.Join(r.Problems, "\n")
	for _, want := range []string{`topic "AI" is kept as 7, counted 2`, `provider "Ghost" is kept as 3, counted 0`,
		`provider "Phys.org" is kept as 0, counted 1`, "the number of articles is kept as 9, counted 2", "4 values differ from a recount"} {
		if !strings.Contains(got, want) {
			t.Errorf("check:\n%s\nwant %q", got, want)
		}
	}
	if err := a.RecountFacets(ctx); err != nil {
		t.Fatal(err)
	}
	assertKeptCounts(t, a, "a recount")
	mustCheckOK(t, a)
}

// TestMigrationKeepsTheArticleCount: migration 15 counts the articles of an
// archive written before it, and the count of everything reads it.
func TestMigrationKeepsTheArticleCount(t *testing.T) {
	for _, n := range []int{0, 3} {
		path := filepath.Join(t.TempDir(), "a.db")
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			insert(t, a, seed{title: fmt.Sprint("Article ", i)})
		}
		if _, err := a.wdb.Exec(`DELETE FROM facet_count WHERE facet = 'article'; PRAGMA user_version = 14`); err != nil {
			t.Fatal(err)
		}
		a.Close()
		if a, err = Open(path); err != nil {
			t.Fatal(err)
		}
		if got, err := a.Count(ctx, ""); err != nil || got != n {
			t.Errorf("%d articles: Count(\"\") = %d (%v) after migration 15", n, got, err)
		}
		mustCheckOK(t, a)
		a.Close()
	}
}
