//go:build unix

package transfer

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestImportRefusalsWithoutLine checks that refusals not about a line
// (too big, not a regular file, unreadable, a dangling link) print as
// "PATH: reason", for files given by name and files found in a folder.
func TestImportRefusalsWithoutLine(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFiles(t, in, map[string]string{"good.txt": seed("Good", "https://x.test/good")})
	big := filepath.Join(in, "big.md")
	if err := os.WriteFile(big, []byte(seed("Big", "https://x.test/big")+strings.Repeat("x", seedfile.MaxSize)), 0o644); err != nil {
		t.Fatal(err)
	}
	fifoIn, fifoOut := filepath.Join(in, "pipe.txt"), filepath.Join(dir, "pipe.md")
	for _, p := range []string{fifoIn, fifoOut} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	dangling := filepath.Join(in, "gone.txt")
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		big:      big + ": file too big",
		fifoIn:   fifoIn + ": not a regular file",
		fifoOut:  fifoOut + ": not a regular file",
		dangling: dangling + ": no such file",
	}
	if os.Geteuid() != 0 { // root reads any file
		locked := filepath.Join(dir, "locked.txt")
		writeFiles(t, dir, map[string]string{"locked.txt": seed("Locked", "https://x.test/l")})
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		want[locked] = locked + ": permission denied"
		defer os.Chmod(locked, 0o644)
	}
	paths := []string{in, fifoOut}
	for p := range want {
		if strings.HasSuffix(p, "locked.txt") {
			paths = append(paths, p)
		}
	}
	a := openArchive(t)
	sum, _ := doImport(t, a, paths, ImportOptions{})
	got := map[string]string{}
	for _, r := range sum.RefusedFiles {
		got[r.Path] = r.String()
		if r.Line != 0 {
			t.Errorf("%s: refusal has line %d", r.Path, r.Line)
		}
	}
	if len(got) != len(want) {
		t.Errorf("refused %v, want %d refusals", got, len(want))
	}
	for p, prefix := range want {
		if !strings.HasPrefix(got[p], prefix) {
			t.Errorf("refusal of %s = %q, want prefix %q", p, got[p], prefix)
		}
	}
	if sum.Inserted != 1 {
		t.Errorf("inserted %d, want 1", sum.Inserted)
	}
}
