package storage

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// oldRelated gives a's database the related table of the schemas before
// 12, with one row for article id of the given quality.
func oldRelated(t *testing.T, a *Archive, id int64, quality int) {
	t.Helper()
	if _, err := a.wdb.Exec(`CREATE TABLE related (
		article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
		position INTEGER NOT NULL, title TEXT, excerpt TEXT, published_at TEXT, web_url TEXT,
		type TEXT, provider_name TEXT, provider_domain TEXT, quality INTEGER,
		PRIMARY KEY (article_id, position)) WITHOUT ROWID`); err != nil {
		t.Fatal(err)
	}
	if _, err := a.wdb.Exec(`INSERT INTO related (article_id, position, title, quality) VALUES (?, 0, 'Other', ?)`,
		id, quality); err != nil {
		t.Fatal(err)
	}
}

// hasTable reports whether a's database has a table of that name.
func hasTable(t *testing.T, a *Archive, name string) bool {
	t.Helper()
	var n int
	if err := a.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// TestMigrationDropsRelated: an archive of schema 11 (with the related
// table) loses that table, and the file its pages, when opened, keeps its
// articles' related counts, and passes Check.
func TestMigrationDropsRelated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if hasTable(t, a, "related") {
		t.Fatal("a new archive has the related table")
	}
	ids := insert(t, a, invalidNumbers, seed{title: "Plain"})
	oldRelated(t, a, ids[0], 12)
	if _, err := a.wdb.Exec(`PRAGMA user_version = 11`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if hasTable(t, a, "related") {
		t.Error("the related table is still there after migration 12")
	}
	var free int
	if err := a.db.QueryRow(`PRAGMA freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Errorf("%d free pages after migration 12 (%v), want 0: its pages go back to the file system", free, err)
	}
	for q, want := range map[string]int{"has:related": 1, "-has:related": 1} {
		if n, err := a.Count(ctx, q); err != nil || n != want {
			t.Errorf("%s matches %d (%v), want %d", q, n, err, want)
		}
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check after the migration: %q", r.Problems)
	}
}

// TestDuplicateLookupsUseIndexes: both lookups of FindDuplicates search an
// index, the one by content the partial index of the articles without a
// webUrl, and find what they should (a webUrl: "" is no webUrl).
func TestDuplicateLookupsUseIndexes(t *testing.T) {
	a := openTest(t)
	texts := []string{
		"---\ntitle: No URL\n---\n",
		"---\ntitle: Empty URL\nwebUrl: \"\"\n---\n",
		"---\ntitle: With URL\nwebUrl: https://example.com/a\n---\n",
	}
	var ids []int64
	for i, text := range texts {
		id, err := a.Insert(ctx, fmt.Sprintf("seed%02d.txt", i), parse(t, text))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	for _, tc := range []struct{ sql, index string }{
		{findByURLSQL, "USING INDEX article_web_url"},
		{findByContentSQL, "USING INDEX article_content_key"},
	} {
		if plan := explain(t, a.db, tc.sql, []any{"x"}); !strings.Contains(plan, tc.index) {
			t.Errorf("%s: plan does not use %s:\n%s", tc.sql, tc.index, plan)
		}
	}
	err := a.WriteTx(ctx, func(tx *Tx) error {
		for i, text := range texts {
			p := Prepare(parse(t, text))
			got, err := tx.FindDuplicates(p.WebURL(), p.ContentKey())
			if err != nil {
				return err
			}
			if len(got) != 1 || got[0].ID != ids[i] {
				t.Errorf("%q: duplicates %+v, want article %d", text, got, ids[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
