package storage

import (
	"database/sql"
	"path/filepath"
	"testing"
)

// TestNewArchiveSettingsWithTheFileOpen checks that a new archive gets its
// page size and incremental auto-vacuum while another connection has the
// file open (a reader polling it, as a script or a second seedctl may), and
// that a file another program created empty in WAL mode still opens with
// auto-vacuum: leaving WAL is refused while the file is shared.
func TestNewArchiveSettingsWithTheFileOpen(t *testing.T) {
	for _, tc := range []struct {
		name     string
		foreign  bool // the file exists, with no table, in WAL mode with the default page size
		wantPage int
	}{
		{"new file", false, newPageSize},
		{"empty WAL file of another program", true, 4096},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			other, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			other.SetMaxOpenConns(1)
			if tc.foreign {
				if _, err := other.Exec(`PRAGMA journal_mode = WAL; CREATE TABLE x(a); DROP TABLE x`); err != nil {
					t.Fatal(err)
				}
			}
			// Hold the file open (a read transaction would block the VACUUM
			// for good; an open connection is what a poller keeps).
			if err := other.Ping(); err != nil {
				t.Fatal(err)
			}
			a, err := Open(path)
			if err != nil {
				t.Fatalf("open with the file open elsewhere: %v", err)
			}
			defer a.Close()
			var page, vacuum int
			if err := a.wdb.QueryRow(`PRAGMA page_size`).Scan(&page); err != nil || page != tc.wantPage {
				t.Errorf("page_size = %d (%v), want %d", page, err, tc.wantPage)
			}
			if err := a.wdb.QueryRow(`PRAGMA auto_vacuum`).Scan(&vacuum); err != nil || vacuum != 2 {
				t.Errorf("auto_vacuum = %d (%v), want 2 (incremental)", vacuum, err)
			}
		})
	}
}
