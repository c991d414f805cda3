//go:build unix

package transfer

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
)

// TestExportReadOnlySubfolder exports into a folder whose subfolder is
// read-only: the export fails and leaves the folder as it was (files
// placed before the failing one are taken back).
func TestExportReadOnlySubfolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	a := openArchive(t)
	articles(t, a,
		[2]string{"a.txt", seed("A", "https://x.test/a")},
		[2]string{"new/b.txt", seed("B", "https://x.test/b")},
		[2]string{"ro/c.txt", seed("C", "https://x.test/c")},
		[2]string{"d.txt", seed("D", "https://x.test/d")},
	)
	out := t.TempDir()
	writeFiles(t, out, map[string]string{"ro/mine.txt": "mine"})
	ro := filepath.Join(out, "ro")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(ro, 0o755)
	want := snapshot(t, out)
	_, err := Export(context.Background(), a, out, ExportOptions{})
	if err == nil || !strings.Contains(err.Error(), "ro/c.txt") || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v, want a refusal naming ro/c.txt", err)
	}
	if got := snapshot(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("destination changed:\n got %v\nwant %v", got, want)
	}
}

// TestExportFileModes checks that a folder export and a zip export write
// their files with the same mode, 0666 less the umask.
func TestExportFileModes(t *testing.T) {
	old := syscall.Umask(0o002)
	defer syscall.Umask(old)
	a := openArchive(t)
	articles(t, a, [2]string{"sub/a.txt", seed("A", "https://x.test/a")})
	dir := t.TempDir()
	doExport(t, a, filepath.Join(dir, "out"), ExportOptions{})
	doExport(t, a, filepath.Join(dir, "out.zip"), ExportOptions{})
	for _, name := range []string{"out/sub/a.txt", "out.zip"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o664 {
			t.Errorf("%s has mode %#o, want %#o (0666 less the umask 002)", name, got, 0o664)
		}
	}
}
