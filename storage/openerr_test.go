package storage

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOpenRefusesAndLeavesFileAlone: a file that is not an archive, a
// damaged one or a newer one is refused with its reason, byte for byte as
// it was, with no -wal or -shm file left beside it.
func TestOpenRefusesAndLeavesFileAlone(t *testing.T) {
	t.Parallel()
	// archive writes a closed archive of a few articles at path.
	archive := func(t *testing.T, path string) []byte {
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		insertCorpus(t, a, 300, 1)
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// sqliteFile makes a database with another program's connection.
	sqliteFile := func(t *testing.T, path string, stmts ...string) {
		db, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, s := range stmts {
			if _, err := db.Exec(s); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		write func(t *testing.T, path string)
		want  error
	}{
		{"a text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte(strings.Repeat("not a database\n", 100)))
		}, ErrNotArchive},
		{"a zip", func(t *testing.T, path string) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("a.txt")
			w.Write([]byte("---\ntitle: A\n---\n"))
			zw.Close()
			writeFile(t, path, buf.Bytes())
		}, ErrNotArchive},
		{"a few bytes of the SQLite header", func(t *testing.T, path string) {
			writeFile(t, path, []byte("SQLite format"))
		}, ErrNotArchive},
		{"another program's database", func(t *testing.T, path string) {
			sqliteFile(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)", "INSERT INTO notes (text) VALUES ('mine')")
		}, ErrNotArchive},
		{"a versioned database without the archive's tables", func(t *testing.T, path string) {
			sqliteFile(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 1")
		}, ErrNotArchive},
		{"a truncated archive", func(t *testing.T, path string) {
			b := archive(t, path)
			writeFile(t, path, b[:len(b)/2])
		}, ErrDamaged},
		{"an archive cut inside a page", func(t *testing.T, path string) {
			b := archive(t, path)
			writeFile(t, path, b[:len(b)-1000])
		}, ErrDamaged},
		{"an archive cut inside its header", func(t *testing.T, path string) {
			b := archive(t, path)
			writeFile(t, path, b[:60])
		}, ErrDamaged},
		{"garbage over the schema page", func(t *testing.T, path string) {
			b := archive(t, path)
			rng := rand.New(rand.NewPCG(1, 2))
			for i := 100; i < 4096; i++ {
				b[i] = byte(rng.Uint32())
			}
			writeFile(t, path, b)
		}, ErrDamaged},
		{"a newer schema (rollback journal)", func(t *testing.T, path string) {
			sqliteFile(t, path, "CREATE TABLE article (id INTEGER PRIMARY KEY)", "PRAGMA user_version = 9999")
		}, ErrNewerSchema},
		{"a newer schema (WAL)", func(t *testing.T, path string) {
			archive(t, path)
			sqliteFile(t, path, "PRAGMA user_version = 9999")
		}, ErrNewerSchema},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "file.db")
			tt.write(t, path)
			before := hashFile(t, path)
			a, err := Open(path)
			if err == nil {
				a.Close()
				t.Fatal("Open succeeded")
			}
			var oe *OpenError
			if !errors.Is(err, tt.want) || !errors.As(err, &oe) || oe.Path != path {
				t.Fatalf("Open = %v, want an OpenError of %v for %s", err, tt.want, path)
			}
			if s := oe.Sentence(); !strings.Contains(s, strconv.Quote(path)) || !strings.Contains(s, "left as it is") {
				t.Errorf("Sentence = %q", s)
			}
			if after := hashFile(t, path); after != before {
				t.Error("the file changed")
			}
			for _, side := range []string{"-wal", "-shm", "-journal"} {
				if _, err := os.Stat(path + side); err == nil {
					t.Errorf("%s left behind", side)
				}
			}
		})
	}
}

// TestOpenEmptyFileMakesArchive: an empty file (what a save dialog creates)
// becomes a new archive.
func TestOpenEmptyFileMakesArchive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	writeFile(t, path, nil)
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	insert(t, a, seed{title: "First"})
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func hashFile(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestHeaderPageSize: the page size bytes 16 and 17 of a header give, 1
// meaning 65,536, and 0 for what SQLite cannot have written.
func TestHeaderPageSize(t *testing.T) {
	for _, c := range []struct {
		field uint16
		want  int
	}{{1, 65536}, {512, 512}, {4096, 4096}, {32768, 32768}, {0, 0}, {256, 0}, {511, 0}, {3000, 0}, {65535, 0}} {
		h := make([]byte, 18)
		h[16], h[17] = byte(c.field>>8), byte(c.field)
		if got := headerPageSize(h); got != c.want {
			t.Errorf("headerPageSize(%d) = %d; want %d", c.field, got, c.want)
		}
	}
}
