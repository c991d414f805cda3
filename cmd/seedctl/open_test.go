package main

import (
	"bytes"
	"database/sql"
	"os"
	"strings"
	"testing"
)

// TestOpenRefusalIsASentence: a file that is not an archive gets a sentence
// naming it (exit 1) and stays as it was.
func TestOpenRefusalIsASentence(t *testing.T) {
	c := newCLI(t)
	text := []byte("Dear diary,\nnot a database.\n")
	if err := os.WriteFile(c.db, text, 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut := c.must(exitFatal, "list")
	want := `seedctl: "` + c.db + `" is not a Seed Archive file: it is not an SQLite database. It was left as it is;`
	if !strings.HasPrefix(errOut, want) {
		t.Errorf("stderr = %q, want it to start with %q", errOut, want)
	}
	if b, err := os.ReadFile(c.db); err != nil || !bytes.Equal(b, text) {
		t.Errorf("the file changed: %q, %v", b, err)
	}
}

// TestCheckWarnsAboutInvalidNumbers: quality: "high" is a warning, not a
// problem: check names it and still passes; list does not take it for 0.
func TestCheckWarnsAboutInvalidNumbers(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	text := strings.Replace(seed("Worded quality", "https://x.test/w", 1), "quality: 1", `quality: "high"`, 1)
	if err := os.WriteFile(dir+"/w.txt", []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	c.must(exitOK, "import", "--quiet", dir)
	out, _ := c.must(exitOK, "check")
	want := `warning: article 1 (w.txt): quality holds "high", not a whole number: it is kept as no value` + "\n"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, "ok: ") {
		t.Errorf("check printed %q, want it to start with %q and end ok", out, want)
	}
	if out, _ := c.must(exitOK, "list", "--json", "--where", "quality:<10"); out != "" {
		t.Errorf("quality:<10 lists %q, want nothing", out)
	}
}

// TestCheckRecountRepairsFacetCounts: kept counts that differ from the
// articles fail check, naming them; check --recount rebuilds them.
func TestCheckRecountRepairsFacetCounts(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/a.txt", []byte(seed("Counted", "https://x.test/a", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	c.must(exitOK, "import", "--quiet", dir)
	db, err := sql.Open("sqlite", c.db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE facet_count SET n = n + 2`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, _ := c.must(exitFatal, "check")
	if !strings.Contains(out, "facet counts: ") || !strings.Contains(out, "seedctl check --recount") {
		t.Errorf("check printed %q, want the facet counts that differ", out)
	}
	if out, _ := c.must(exitOK, "check", "--recount"); !strings.Contains(out, "ok: ") {
		t.Errorf("check --recount printed %q", out)
	}
	c.must(exitOK, "check")
}
