package main

import (
	"archive/zip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/termsafe"
)

// hostileTitle holds an OSC title change, a colour, a bell, a C1 CSI and a
// right-to-left override: what a crafted seed file can carry in its title.
const hostileTitle = "\x1b]0;pwned\x07\x1b[31mRed\u009b2J \u202eexe.txt"

// assertTerminalSafe fails when out holds any character a terminal would
// act on, other than the line ends of the output itself, or a line that
// starts with what only a forged refusal would.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		for _, r := range line {
			if termsafe.Unsafe(r) {
				t.Errorf("%s prints %U raw in line %q", what, r, line)
				break
			}
		}
		if strings.HasPrefix(line, "fake.txt") {
			t.Errorf("%s prints a forged line: %q", what, line)
		}
	}
}

// TestHostileNamesAreEscaped runs the real commands on a zip whose entry
// names and titles carry control characters: a name with a line break that
// would print a forged refusal line, and titles and names with escape
// sequences. Every line printed for people escapes them; show prints the
// article byte for byte and list --json keeps the title intact.
func TestHostileNamesAreEscaped(t *testing.T) {
	t.Setenv("COLUMNS", "200")
	c := newCLI(t)
	zipPath := filepath.Join(t.TempDir(), "hostile.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	good := seed(hostileTitle, "https://x.test/evil", 50)
	entries := []struct{ name, text string }{
		{"evil\nfake.txt:1: injected.txt", "---\ntitle: x\n\tquality: 1\n---\n"}, // refused
		{"\x1b[2Jclear\u202e.txt", good},
		{"dup\x1b[1m.txt", strings.Replace(seed("Plain", "https://x.test/plain", 10), "2020-02-24T17:51:00Z", `"\e[1;31m\e]8;;x"`, 1)},
	}
	for _, e := range entries {
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.text)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	out, errOut := c.must(exitPartial, "import", "--dry-run", zipPath)
	assertTerminalSafe(t, "import --dry-run stdout", out)
	assertTerminalSafe(t, "import --dry-run stderr", errOut)
	if !strings.Contains(errOut, `evil\nfake.txt:1: injected.txt`) {
		t.Errorf("the refused name is not shown escaped:\n%s", errOut)
	}
	out, errOut = c.must(exitPartial, "import", zipPath)
	assertTerminalSafe(t, "import stdout", out)
	assertTerminalSafe(t, "import stderr", errOut)

	out, _ = c.must(exitOK, "list")
	assertTerminalSafe(t, "list", out)
	if !strings.Contains(out, `\x1b]0;pwned\x07\x1b[31mRed\u009b2J \u202eexe.txt`) {
		t.Errorf("list does not show the title escaped:\n%s", out)
	}
	out, _ = c.must(exitOK, "list", "--json", "--where", "pwned")
	var row struct{ Title, File string }
	if err := json.Unmarshal([]byte(out), &row); err != nil || row.Title != hostileTitle || row.File != entries[1].name {
		t.Errorf("list --json = %q (%v): want the title and name intact", out, err)
	}
	// show prints the stored article byte for byte, escapes and all.
	if out, _ := c.must(exitOK, "show", "1"); out != good {
		t.Errorf("show changed the article bytes:\n%q", out)
	}
	// Names given on the command line come back escaped too.
	setName := "Set\x1b[5m\nfake.txt"
	out, errOut = c.must(exitOK, "set", "add", setName, "1")
	assertTerminalSafe(t, "set add", out+errOut)
	out, errOut = c.must(exitOK, "set", "list")
	assertTerminalSafe(t, "set list", out+errOut)
	out, errOut = c.must(exitOK, "facet")
	assertTerminalSafe(t, "facet", out+errOut)
	if !strings.Contains(out, `Set\x1b[5m fake.txt`) { // a line break is a space, as in list
		t.Errorf("facet does not show the set's name escaped:\n%s", out)
	}
	out, _ = c.must(exitOK, "facet", "--json", "set")
	var fj facetJSON
	if err := json.Unmarshal([]byte(out), &fj); err != nil || fj.Value != setName {
		t.Errorf("facet --json = %q (%v): want the set's name intact", out, err)
	}
	_, errOut = c.must(exitUsage, "list", "--where", "set:\"\x1b[31m\u202e\" ((")
	assertTerminalSafe(t, "a bad query", errOut)
	_, errOut = c.must(exitFatal, "set", "delete", "No\x1b[31mSuch\u202eSet")
	assertTerminalSafe(t, "set delete", errOut)
	_, errOut = c.must(exitUsage, "\x1b[31mnot-a-command")
	assertTerminalSafe(t, "an unknown command", errOut)
}
