package transfer

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// snapshot maps every entry under dir (hidden ones included) to its
// content, "<dir>" for folders; a missing dir is nil.
func snapshot(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			m[filepath.ToSlash(rel)] = "<dir>"
			return nil
		}
		data, err := os.ReadFile(p)
		m[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// failAt returns a fault hook failing the n-th (1-based) operation op.
func failAt(op string, n int) func(string, string) error {
	seen := 0
	return func(o, name string) error {
		if o != op {
			return nil
		}
		if seen++; seen == n {
			return errors.New("injected failure (no space left on device)")
		}
		return nil
	}
}

// TestExportFailureLeavesDest fails exports part-way, while writing and
// while moving files into place, to a folder and a zip, new or holding
// files that --force replaces: every time the destination is left exactly
// as it was, with no temporary files.
func TestExportFailureLeavesDest(t *testing.T) {
	a := openArchive(t)
	for i, name := range []string{"a.txt", "sub/b.txt", "c.txt", "sub/deep/d.txt", "e.txt"} {
		url := "https://x.test/" + name
		articles(t, a, [2]string{name, seed(strings.Repeat("T", i+1), url)})
	}
	existing := map[string]string{"c.txt": "mine", "sub/other.txt": "other", "keep.txt": "keep"}
	tests := []struct {
		name    string
		dest    string            // relative to a temp dir
		before  map[string]string // files in the temp dir first
		fault   func(string, string) error
		wantErr string
	}{
		{"folder: write fails", "out", existing, failAt("write", 3), "injected"},
		{"folder: first write fails", "out", existing, failAt("write", 1), "injected"},
		{"folder: move fails after some moved", "out", existing, failAt("rename", 4), "injected"},
		{"folder: last move fails", "out", existing, failAt("rename", 5), "injected"},
		{"new folder: write fails", "new/deeper/out", nil, failAt("write", 4), "injected"},
		{"new folder: move fails", "new/out", nil, failAt("rename", 3), "injected"},
		{"zip: write fails", "x.zip", map[string]string{"x.zip": "old zip"}, failAt("write", 3), "injected"},
		{"zip: rename fails", "x.zip", map[string]string{"x.zip": "old zip"}, failAt("rename", 1), "injected"},
		{"new zip in a new folder: write fails", "new/x.zip", nil, failAt("write", 2), "injected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if strings.HasSuffix(tt.dest, ".zip") {
				writeFiles(t, dir, tt.before)
			} else if tt.before != nil {
				writeFiles(t, filepath.Join(dir, tt.dest), tt.before)
			}
			want := snapshot(t, dir)
			dest := filepath.Join(dir, filepath.FromSlash(tt.dest))
			sum, err := Export(context.Background(), a, dest, ExportOptions{Force: true, ListFiles: true, fault: tt.fault})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			if sum.Count != 0 || len(sum.Files) != 0 {
				t.Errorf("summary counts %d files left, want 0", sum.Count)
			}
			if got := snapshot(t, dir); !reflect.DeepEqual(got, want) {
				t.Errorf("destination changed:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// TestExportCleansLeftovers puts what a killed export leaves (a staging
// folder, a zip's temporary file) where the next export writes: it is
// removed, and nothing else is.
func TestExportCleansLeftovers(t *testing.T) {
	a := openArchive(t)
	articles(t, a, [2]string{"a.txt", seed("A", "https://x.test/a")})
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	writeFiles(t, dir, map[string]string{
		"out/" + stagePrefix + "0123456789ab/new/x.txt": "half-written",
		"out/.hidden-mine":                         "kept",
		stagePrefix + "out.zip-0123456789ab.tmp":   "half a zip",
		stagePrefix + "other.zip-0123456789ab.tmp": "another zip's",
	})
	doExport(t, a, out, ExportOptions{})
	doExport(t, a, filepath.Join(dir, "out.zip"), ExportOptions{})
	want := map[string]string{".": "<dir>", "out": "<dir>", "out/a.txt": seed("A", "https://x.test/a"),
		"out/.hidden-mine": "kept", stagePrefix + "other.zip-0123456789ab.tmp": "another zip's"}
	got := snapshot(t, dir)
	delete(got, "out.zip")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after the exports:\n got %v\nwant %v", got, want)
	}
}
