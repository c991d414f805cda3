package storage

import (
	"bytes"
	"database/sql/driver"
	"fmt"
	"path/filepath"
	"testing"

	"modernc.org/sqlite"
)

// The tests' SQL functions zt(text) and unzt(stored) convert between a text
// and its stored form, so damage and downgrade statements can edit texts.
func init() {
	conv := func(name string, fn func([]byte) ([]byte, error)) {
		err := sqlite.RegisterDeterministicScalarFunction(name, 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
			switch v := args[0].(type) {
			case nil:
				return nil, nil
			case []byte:
				return fn(v)
			case string:
				return fn([]byte(v))
			}
			return nil, fmt.Errorf("%s: want a blob, got %T", name, args[0])
		})
		if err != nil {
			panic(err)
		}
	}
	conv("zt", func(b []byte) ([]byte, error) { return putText(b), nil })
	conv("unzt", loadText)
}

func TestTextRoundTrip(t *testing.T) {
	for _, text := range [][]byte{
		{},
		[]byte("---\ntitle: x\n---\n"),
		bytes.Repeat([]byte("quality: 40\n"), 50000),
		{0xEF, 0xBB, 0xBF, '-', '-', '-', '\r', '\n'},
	} {
		stored := putText(text)
		got, err := loadText(stored)
		if err != nil || !bytes.Equal(got, text) || got == nil {
			t.Errorf("loadText(putText(%d bytes)) = %d bytes, %v", len(text), len(got), err)
		}
		if len(text) > 1000 && len(stored) > len(text)/10 {
			t.Errorf("%d repetitive bytes stored in %d", len(text), len(stored))
		}
	}
	if got, err := loadText(putText(nil)); got != nil || err != nil {
		t.Errorf("nil text stored and loaded as %q, %v", got, err)
	}
	for _, bad := range [][]byte{[]byte("---\ntitle: raw\n---\n"), putText([]byte("long enough text to damage"))[:12]} {
		if _, err := loadText(bad); err == nil {
			t.Errorf("loadText(%q) succeeded", bad)
		}
	}
}

// TestMigrationCompressesTexts: an archive of schema 7 holds its texts
// raw; opening it compresses them, and the articles, exports and Check
// read the same bytes as before.
func TestMigrationCompressesTexts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	n := compressTextsPage + 3 // more than one page of the migration
	insertCorpus(t, a, n, 5)
	ids := insert(t, a, seed{title: "Edited"})
	if _, err := a.Edit(ctx, ids, addTopic("Health")); err != nil {
		t.Fatal(err)
	}
	want := map[int64][]byte{}
	if err := a.EachText(ctx, ListOptions{}, func(id int64, _ string, text []byte) error {
		want[id] = text
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.wdb.Exec(`UPDATE article_text SET original = unzt(original), current = unzt(current);
		DROP TABLE deferred_index; DROP TABLE git_status; ALTER TABLE linked_folder DROP COLUMN git;
		PRAGMA user_version = 7`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var raw int
	if err := a.db.QueryRow(`SELECT count(*) FROM article_text WHERE substr(original, 1, 4) != X'28B52FFD'
		OR (current IS NOT NULL AND substr(current, 1, 4) != X'28B52FFD')`).Scan(&raw); err != nil || raw != 0 {
		t.Errorf("%d texts not compressed after the migration (%v)", raw, err)
	}
	got := 0
	if err := a.EachText(ctx, ListOptions{}, func(id int64, _ string, text []byte) error {
		got++
		if !bytes.Equal(text, want[id]) {
			t.Errorf("article %d reads %q after the migration, want %q", id, text, want[id])
		}
		return nil
	}); err != nil || got != len(want) {
		t.Fatalf("each text: %d articles, %v", got, err)
	}
	rec, err := a.Get(ctx, ids[0])
	if err != nil || !rec.Edited() || bytes.Equal(rec.Original, rec.Text()) {
		t.Errorf("edited article after the migration: %v, %v", rec, err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check after the migration: %q", r.Problems)
	}
}
