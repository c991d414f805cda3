package storage

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestOpenMigrateReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep", "er", "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.Path() != path {
		t.Errorf("Path() = %q, want %q", a.Path(), path)
	}
	var version int
	if err := a.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 1 {
		t.Errorf("user_version = %d, SchemaVersion() = %d", version, SchemaVersion())
	}
	var mode string
	if err := a.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	ids := insert(t, a, seed{title: "Kept across reopening"})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	b, err := Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer b.Close()
	rec, err := b.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.Doc.Article().Title; got != "Kept across reopening" {
		t.Errorf("title after reopen = %q", got)
	}
	var fk int
	if err := b.wdb.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 9999"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(path)
	if err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), "9999") {
		t.Fatalf("Open of a newer schema: err = %v, want a refusal naming version 9999", err)
	}
}

func TestOpenRefusesNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(text file) err = %v, want an error naming the file", err)
	}
}

func TestMigrationsLoad(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].version != 1 {
		t.Fatalf("migrations = %v", ms)
	}
	for i := 1; i < len(ms); i++ {
		if ms[i].version <= ms[i-1].version {
			t.Errorf("migrations out of order: %s after %s", ms[i].name, ms[i-1].name)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("SEEDARCHIVE_DB", "/somewhere/x.db")
	if p, err := DefaultPath(); err != nil || p != "/somewhere/x.db" {
		t.Errorf("with $SEEDARCHIVE_DB: %q, %v", p, err)
	}
	t.Setenv("SEEDARCHIVE_DB", "")
	if runtime.GOOS != "linux" {
		t.Skip("the XDG rules apply on Linux")
	}
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, err := DefaultPath(); err != nil || p != "/data/seedarchive/archive.db" {
		t.Errorf("with $XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/someone")
	if p, err := DefaultPath(); err != nil || p != "/home/someone/.local/share/seedarchive/archive.db" {
		t.Errorf("default: %q, %v", p, err)
	}
}

// TestWriterClosesWhenIdle checks that the write connection (and the memory
// an import leaves with it) goes once it has been idle for writerIdleTime,
// and that the next write opens a new one.
func TestWriterClosesWhenIdle(t *testing.T) {
	defer func(d time.Duration) { writerIdleTime = d }(writerIdleTime)
	writerIdleTime = 50 * time.Millisecond
	a := openTest(t)
	id, err := a.Insert(ctx, "a.txt", parse(t, seed{title: "A"}.text()))
	if err != nil {
		t.Fatal(err)
	}
	waitFor := func(open int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for a.wdb.Stats().OpenConnections != open {
			if time.Now().After(deadline) {
				t.Fatalf("write connections open: %d, want %d", a.wdb.Stats().OpenConnections, open)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor(0)
	if err := a.Update(ctx, id, parse(t, seed{title: "B"}.text())); err != nil {
		t.Fatalf("write after the writer closed: %v", err)
	}
	if a.wdb.Stats().OpenConnections != 1 {
		t.Errorf("write connections open right after a write: %d, want 1", a.wdb.Stats().OpenConnections)
	}
	if r, err := a.Row(ctx, id); err != nil || r.Title != "B" {
		t.Errorf("row after the update = %+v, %v", r, err)
	}
	waitFor(0)
}
