package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// openAt opens the archive at path, closed when the test ends.
func openAt(t *testing.T, path string) *Archive {
	t.Helper()
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// TestBackupWhileWriting takes backups while another handle (the app, or
// seedctl) keeps editing: each backup passes VerifyBackup and Check and
// holds a whole number of edit transactions.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "archive.db")
	a := openAt(t, path)
	insertCorpus(t, a, 400, 5)
	writer := openAt(t, path)
	ids := make([]int64, 400)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var writeErr error
	go func() {
		defer wg.Done()
		for r := 0; ; r++ {
			select {
			case <-stop:
				return
			default:
			}
			// Each transaction adds one topic to all 400 articles.
			if _, err := writer.Edit(ctx, ids, addTopic(fmt.Sprintf("Round%d", r))); err != nil {
				writeErr = err
				return
			}
		}
	}()
	const backups = 4
	for i := range backups {
		dest := filepath.Join(dir, "copies", fmt.Sprintf("copy%d.db", i))
		if err := a.Backup(ctx, dest, false); err != nil {
			t.Fatal(err)
		}
		if err := VerifyBackup(ctx, dest); err != nil {
			t.Fatal(err)
		}
		b := openAt(t, dest)
		if r := mustCheck(t, b); !r.OK() {
			t.Fatalf("backup %d: %q", i, r.Problems)
		}
		// Whole transactions only: every round's topic is on all articles or none.
		for r := 0; ; r++ {
			n, err := b.Count(ctx, fmt.Sprintf("topic:round%d", r))
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if n != len(ids) {
				t.Fatalf("backup %d holds round %d on %d of %d articles", i, r, n, len(ids))
			}
		}
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("the writer failed while backups ran: %v", writeErr)
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	a := openAt(t, filepath.Join(dir, "archive.db"))
	insert(t, a, seed{title: "One"})
	dest := filepath.Join(dir, "mine.db")
	writeFile(t, dest, []byte("precious"))
	if err := a.Backup(ctx, dest, false); !errors.Is(err, ErrExists) {
		t.Fatalf("Backup over a file = %v, want ErrExists", err)
	}
	if b, _ := os.ReadFile(dest); string(b) != "precious" {
		t.Fatalf("the file was changed: %q", b)
	}
	if err := a.Backup(ctx, a.Path(), true); err == nil {
		t.Fatal("Backup onto the archive itself succeeded")
	}
	if err := a.Backup(ctx, dest, true); err != nil {
		t.Fatal(err)
	}
	if err := VerifyBackup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}

// TestAutoBackupKeepsTheLastN: one backup a day at most, the newest keep
// kept, none with keep 0.
func TestAutoBackupKeepsTheLastN(t *testing.T) {
	dir := t.TempDir()
	a := openAt(t, filepath.Join(dir, "archive.db"))
	insert(t, a, seed{title: "One"})
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var taken []string
	for i := range 6 {
		now := day.Add(time.Duration(i) * 25 * time.Hour)
		p, err := a.AutoBackup(ctx, 3, now)
		if err != nil || p == "" {
			t.Fatalf("day %d: AutoBackup = %q, %v", i, p, err)
		}
		taken = append(taken, p)
		if p, err := a.AutoBackup(ctx, 3, now.Add(23*time.Hour)); err != nil || p != "" {
			t.Fatalf("day %d: a second backup within a day: %q, %v", i, p, err)
		}
	}
	if want := filepath.Join(dir, "backups", "archive-20260301-090000.db"); taken[0] != want {
		t.Errorf("first backup %s, want %s", taken[0], want)
	}
	list, err := Backups(a.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Path != taken[5] || list[2].Path != taken[3] {
		t.Errorf("kept %+v, want the last three of %q", list, taken)
	}
	for _, b := range list {
		if err := VerifyBackup(ctx, b.Path); err != nil {
			t.Error(err)
		}
	}
	if p, err := a.AutoBackup(ctx, 0, day.Add(1000*time.Hour)); err != nil || p != "" {
		t.Errorf("keep 0: %q, %v; want nothing", p, err)
	}
}

// TestBackupBeforeMigration: opening an archive of an older schema keeps a
// copy of it as it was first.
func TestBackupBeforeMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := insert(t, a, seed{title: "Old"})
	oldRelated(t, a, ids[0], 1)
	if _, err := a.wdb.Exec(`DROP TABLE change_seq; DROP TABLE git_status; DROP TABLE linked_file; DROP TABLE linked_problem;
		DROP TABLE linked_folder; DROP TABLE trash_linked; PRAGMA user_version = 4`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if _, err := os.Stat(BackupDir(path)); err == nil {
		t.Fatal("backups before any migration")
	}
	openAt(t, path)
	got, _ := filepath.Glob(filepath.Join(BackupDir(path), "archive-*-before-schema-4.db"))
	if len(got) != 1 {
		t.Fatalf("backups before the migration: %q, want one", got)
	}
	if err := VerifyBackup(ctx, got[0]); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", plainDSN(got[0], "ro", time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != 4 {
		t.Errorf("the backup's schema version = %d, %v; want 4", v, err)
	}
	// Opening again migrates nothing and backs up nothing.
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if again, _ := filepath.Glob(filepath.Join(BackupDir(path), "*.db")); len(again) != 1 {
		t.Errorf("backups after reopening: %q", again)
	}
}

func TestRestoreBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	insert(t, a, seed{title: "Before the backup"})
	backup := filepath.Join(dir, "saved.db")
	if err := a.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	insert(t, a, seed{title: "After the backup"})

	// Refused while open (here by a; the app or seedctl alike).
	if _, err := RestoreBackup(ctx, path, backup); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while open = %v, want ErrInUse", err)
	}
	a.Close()
	current := hashFile(t, path)

	// Bad backups are refused and change nothing.
	bad := map[string]error{}
	text := filepath.Join(dir, "text.db")
	writeFile(t, text, []byte("not a backup\n"))
	bad[text] = ErrNotArchive
	empty := filepath.Join(dir, "empty.db")
	writeFile(t, empty, nil)
	bad[empty] = ErrNotArchive
	whole, _ := os.ReadFile(backup)
	cut := filepath.Join(dir, "cut.db")
	writeFile(t, cut, whole[:len(whole)/2])
	bad[cut] = ErrDamaged
	rotten := filepath.Join(dir, "rotten.db")
	garbled := append([]byte(nil), whole...)
	page, size := rootPage(t, backup, "article")
	for i := (page-1)*size + 8; i < page*size; i++ { // the table's page, past its header
		garbled[i] = byte(i * 7)
	}
	writeFile(t, rotten, garbled)
	bad[rotten] = ErrDamaged
	for file, want := range bad {
		if _, err := RestoreBackup(ctx, path, file); !errors.Is(err, want) {
			t.Errorf("restore from %s = %v, want %v", filepath.Base(file), err, want)
		}
	}
	if hashFile(t, path) != current {
		t.Fatal("a refused restore changed the archive")
	}

	kept, err := RestoreBackup(ctx, path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(kept, BackupDir(path)+string(filepath.Separator)+"archive-") || !strings.HasSuffix(kept, "-replaced.db") {
		t.Errorf("kept the replaced archive as %s", kept)
	}
	titles := func(p string) []string {
		b := openAt(t, p)
		if r := mustCheck(t, b); !r.OK() {
			t.Errorf("%s: %q", filepath.Base(p), r.Problems)
		}
		rows, err := b.List(ctx, ListOptions{Sort: "title"})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		b.Close()
		return out
	}
	if got := titles(path); strings.Join(got, "|") != "Before the backup" {
		t.Errorf("restored archive holds %q", got)
	}
	if got := titles(kept); strings.Join(got, "|") != "After the backup|Before the backup" {
		t.Errorf("kept archive holds %q", got)
	}
	if err := VerifyBackup(ctx, backup); err != nil {
		t.Errorf("the backup after the restore: %v", err)
	}
}

// rootPage is the page number of table's root in the database at path,
// and the database's page size.
func rootPage(t *testing.T, path, table string) (page, size int) {
	t.Helper()
	db, err := sql.Open("sqlite", plainDSN(path, "ro", time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	return page, size
}
