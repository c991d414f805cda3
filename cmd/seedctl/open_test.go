package main

import (
	"bytes"
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
