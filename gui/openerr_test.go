package gui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestStartupOnANonArchiveSaysSo: the app's startup error for a file that is
// not an archive is the sentence storage gives, not a chain of prefixes.
func TestStartupOnANonArchiveSaysSo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte("shopping list\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SEEDARCHIVE_DB", path)
	arc, err := OpenStartupArchive(test.NewTempApp(t))
	if err == nil {
		arc.Close()
		t.Fatal("opened a text file as an archive")
	}
	want := strconv.Quote(path) + " is not a Seed Archive file: it is not an SQLite database."
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error = %q, want it to start with %q", err, want)
	}
}
