package storage

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// invalidNumbers is an article whose number fields hold no number.
var invalidNumbers = seed{title: "Words for numbers", quality: `"high"`,
	extra: "heat: 99999999999999999999\nrelated:\n  - title: Other\n    quality: lots\n"}

// storedNumbers reads an article's quality and heat.
func storedNumbers(t *testing.T, db *sql.DB, id int64) [2]sql.NullInt64 {
	t.Helper()
	var c [2]sql.NullInt64
	err := db.QueryRow(`SELECT a.quality, a.heat FROM article a WHERE a.id = ?`, id).Scan(&c[0], &c[1])
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestInvalidNumbersAreNull: quality: "high" and a number too large for 64
// bits are kept as no value (they used to be 0): they neither match nor sort
// as 0, and Check warns about them without failing.
func TestInvalidNumbersAreNull(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, invalidNumbers, seed{title: "Zero", quality: "0"})
	if c := storedNumbers(t, a.db, ids[0]); c[0].Valid || c[1].Valid {
		t.Errorf("columns = %+v, want all NULL", c)
	}
	if c := storedNumbers(t, a.db, ids[1]); !c[0].Valid || c[0].Int64 != 0 {
		t.Errorf("quality: 0 stored as %+v", c[0])
	}
	for q, want := range map[string]int{"quality:<10": 1, "quality:0": 1, "heat:<=0": 0, "has:related quality:<1": 0} {
		if n, err := a.Count(ctx, q); err != nil || n != want {
			t.Errorf("%s matches %d (%v), want %d", q, n, err, want)
		}
	}
	r := mustCheck(t, a)
	if !r.OK() {
		t.Errorf("problems: %q", r.Problems)
	}
	if len(r.Warnings) != 3 || !slices.ContainsFunc(r.Warnings, func(w string) bool {
		return strings.Contains(w, "seed00.txt") && strings.Contains(w, `quality holds "high"`)
	}) {
		t.Errorf("warnings = %q, want three, one about quality \"high\" in seed00.txt", r.Warnings)
	}
}

// TestMigrationNullsInvalidNumbers: an archive an older version wrote
// (schema 4: no change counter, 0 stored for a value that is not a number)
// gets NULL there when opened; a real 0 stays.
func TestMigrationNullsInvalidNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := insert(t, a, invalidNumbers, seed{title: "Zero", quality: "0"})
	if _, err := a.wdb.Exec(`UPDATE article SET quality = 0, heat = 0`); err != nil {
		t.Fatal(err)
	}
	if r := mustCheck(t, a); r.OK() {
		t.Fatal("Check passed with 0 stored for the invalid numbers")
	}
	// Schema 4 stored the texts as they are, had the related table (with
	// 0 for a quality that is no number) and neither the change counter,
	// the linked-folder tables nor deferred_index.
	oldRelated(t, a, ids[0], 0)
	if _, err := a.wdb.Exec(`UPDATE article_text SET original = unzt(original), current = unzt(current);
		DROP TABLE change_seq; DROP TABLE git_status; DROP TABLE linked_file; DROP TABLE linked_problem;
		DROP TABLE linked_folder; DROP TABLE trash_linked; DROP TABLE deferred_index; PRAGMA user_version = 4`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if c := storedNumbers(t, a.db, ids[0]); c[0].Valid || c[1].Valid {
		t.Errorf("after the migration: columns = %+v, want all NULL", c)
	}
	if c := storedNumbers(t, a.db, ids[1]); !c[0].Valid || c[0].Int64 != 0 {
		t.Errorf("after the migration: quality: 0 is %+v", c[0])
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check after the migration: %q", r.Problems)
	}
}
