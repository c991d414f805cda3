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
