package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadOnlyCommandsCreateNothing runs every command that only reads the
// archive, and import --dry-run, on a missing archive: none creates the
// file (nor its folder), the read-only ones say there is no archive, and
// the dry run classifies its input against an empty archive.
func TestReadOnlyCommandsCreateNothing(t *testing.T) {
	dir, _ := seedDir(t)
	parent := filepath.Join(t.TempDir(), "not-yet")
	c := &cli{t: t, db: filepath.Join(parent, "archive.db")}
	out, _ := c.must(exitOK, "import", "--dry-run", dir)
	if !strings.Contains(out, "dry run: 3 files: 3 new") {
		t.Errorf("dry run on a missing archive:\n%s", out)
	}
	for _, args := range [][]string{
		{"list"}, {"list", "--json"}, {"count"}, {"facet"}, {"facet", "--json", "topic"}, {"show", "1"}, {"edit", "1", "title=x"}, {"check"},
		{"export", filepath.Join(t.TempDir(), "out")}, {"set", "list"}, {"set", "remove", "S", "1"},
		{"set", "delete", "S"}, {"images", "list"},
	} {
		_, errOut := c.must(exitFatal, args...)
		if !strings.Contains(errOut, "no archive at ") {
			t.Errorf("%s: %q", strings.Join(args, " "), errOut)
		}
	}
	if _, err := os.Stat(parent); !os.IsNotExist(err) {
		entries, _ := os.ReadDir(parent)
		t.Fatalf("%s was created (%v): %v", parent, err, entries)
	}
	// An import creates the archive; then a dry run reads it.
	c.must(exitOK, "import", dir)
	if out, _ := c.must(exitOK, "import", "--dry-run", dir); !strings.Contains(out, "0 new, 3 identical") {
		t.Errorf("dry run on the archive:\n%s", out)
	}
}
