//go:build unix

package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExportKilledLeavesOnlyLeftovers SIGKILLs `seedctl export` while it
// writes, to a folder and to a zip: the destination holds nothing of the
// export but its hidden temporary folder or file, and the next export to
// the same place removes that and writes everything.
func TestExportKilledLeavesOnlyLeftovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seedctl and exports 3,000 files")
	}
	const files = 3000
	src, db, seedctl := newKillRig(t, files, 7)
	dir := filepath.Dir(db) // the test's temporary folder
	if out, err := seedctl("import", "--quiet", src).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	const prefix = ".seedarchive-export-"
	// staged reports whether the export has written part of its output.
	folderStaged := func(dest string) bool {
		entries, _ := os.ReadDir(dest)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), prefix) {
				n := 0
				_ = filepath.WalkDir(filepath.Join(dest, e.Name(), "new"), func(_ string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						n++
					}
					return nil
				})
				return n >= 100
			}
		}
		return false
	}
	zipStaged := func(dest string) bool {
		matches, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), prefix+filepath.Base(dest)+"-*", "*.tmp"))
		if len(matches) == 0 {
			return false
		}
		fi, err := os.Stat(matches[0])
		return err == nil && fi.Size() > 100<<10
	}
	for _, tc := range []struct {
		name   string
		dest   string
		staged func(string) bool
	}{
		{"folder", filepath.Join(dir, "out"), folderStaged},
		{"zip", filepath.Join(dir, "zips", "out.zip"), zipStaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			place := tc.dest
			if strings.HasSuffix(place, ".zip") {
				place = filepath.Dir(place)
			}
			if err := os.MkdirAll(place, 0o755); err != nil {
				t.Fatal(err)
			}
			mine := filepath.Join(place, "mine.txt")
			if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := seedctl("export", "--quiet", tc.dest)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			for !tc.staged(tc.dest) {
				select {
				case err := <-exited:
					t.Skipf("the export ended (%v) before it could be killed", err)
				case <-time.After(2 * time.Millisecond):
				}
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			var ee *exec.ExitError
			if err := <-exited; !errors.As(err, &ee) || ee.ExitCode() != -1 {
				t.Skipf("the export finished (%v) before the kill", err)
			}
			entries, err := os.ReadDir(place)
			if err != nil {
				t.Fatal(err)
			}
			var left []string
			for _, e := range entries {
				if e.Name() != "mine.txt" {
					left = append(left, e.Name())
				}
			}
			if len(left) != 1 || !strings.HasPrefix(left[0], prefix) {
				t.Fatalf("after the kill %s holds %q, want one %s* leftover", place, left, prefix)
			}
			if out, err := seedctl("export", "--quiet", tc.dest).CombinedOutput(); err != nil {
				t.Fatalf("export again: %v\n%s", err, out)
			}
			entries, _ = os.ReadDir(place)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), prefix) {
					t.Errorf("leftover %s not removed by the next export", e.Name())
				}
			}
			if data, err := os.ReadFile(mine); err != nil || string(data) != "mine" {
				t.Errorf("mine.txt: %q, %v", data, err)
			}
			if !strings.HasSuffix(tc.dest, ".zip") {
				if err := os.Remove(mine); err != nil {
					t.Fatal(err)
				}
				compareTrees(t, src, tc.dest, files)
			} else if fi, err := os.Stat(tc.dest); err != nil || fi.Size() == 0 {
				t.Errorf("zip after the second export: %v", err)
			}
		})
	}
}
