package gui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// TestDailyBackupWhileOpen: once the window has the archive open, the daily
// backup is taken beside it, and only once a day.
func TestDailyBackupWhileOpen(t *testing.T) {
	defer func(first, every time.Duration) { backupFirstCheck, backupCheckEvery = first, every }(backupFirstCheck, backupCheckEvery)
	// Checks come further apart than settle's quiet time, so that settle
	// sees the window idle between two of them.
	backupFirstCheck, backupCheckEvery = 10*time.Millisecond, 4*quiet
	h := newHarness(t, sampleArts)
	deadline := time.Now().Add(10 * time.Second)
	var list []storage.BackupFile
	for len(list) == 0 && time.Now().Before(deadline) {
		h.settle()
		var err error
		if list, err = storage.Backups(h.arc.Path()); err != nil {
			t.Fatal(err)
		}
	}
	if len(list) != 1 {
		t.Fatalf("daily backups: %+v, want one", list)
	}
	if err := storage.VerifyBackup(context.Background(), list[0].Path); err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * backupCheckEvery) // several more checks: none is due
	h.settle()
	if again, _ := storage.Backups(h.arc.Path()); len(again) != 1 {
		t.Errorf("backups after more checks: %+v", again)
	}
}

// TestRestoreReplacesTheOpenArchive: File › Restore… after its
// confirmation: the window shows the backup's articles, the archive it
// replaced is kept.
func TestRestoreReplacesTheOpenArchive(t *testing.T) {
	h := newHarness(t, sampleArts)
	ctx := context.Background()
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := h.arc.Backup(ctx, backup, false); err != nil {
		t.Fatal(err)
	}
	before := h.w.res.Len()
	if _, err := h.arc.Delete(ctx, h.ids[0]); err != nil {
		t.Fatal(err)
	}
	h.w.refresh()
	h.settle()
	if h.w.res.Len() != before-1 {
		t.Fatalf("%d rows after the delete, want %d", h.w.res.Len(), before-1)
	}
	h.w.files.restoreBackup(h.arc, backup)
	h.settle()
	t.Cleanup(func() { h.w.arc.Close() })
	if h.w.arc == h.arc {
		t.Fatal("the window still has the replaced archive")
	}
	if h.w.res.Len() != before {
		t.Errorf("%d rows after the restore, want %d", h.w.res.Len(), before)
	}
	if !strings.HasPrefix(h.w.status.hint.Text, "Restored from "+backup+"; the archive it replaced is kept as ") {
		t.Errorf("status %q", h.w.status.hint.Text)
	}
	kept, _ := filepath.Glob(filepath.Join(storage.BackupDir(h.w.arc.Path()), "*-replaced.db"))
	if len(kept) != 1 {
		t.Fatalf("kept: %q", kept)
	}
}
