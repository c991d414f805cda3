package main

import (
	"strings"
	"testing"
)

// TestCount runs seedctl count over the three seeds of seedDir (quality
// 10, 60 and 90), before and after one is deleted.
func TestCount(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string
		stderr string // part of stderr
	}{
		{args: nil, stdout: "3\n"},
		{args: []string{"--where", "quality:>=60"}, stdout: "2\n"},
		{args: []string{"--where", "gamma"}, stdout: "1\n"},
		{args: []string{"--where", "zzqxnomatch"}, stdout: "0\n"},
		{args: []string{"--where", "quality:>>"}, code: exitUsage, stderr: "bad query"},
		{args: []string{"quality:>=60"}, code: exitUsage, stderr: `unexpected argument "quality:>=60"`},
	} {
		code, out, errOut := c.run(append([]string{"count"}, tc.args...)...)
		if code != tc.code || out != tc.stdout || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("count %q: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.args, code, out, errOut, tc.code, tc.stdout, tc.stderr)
		}
	}
	ids, _ := c.must(exitOK, "list", "--json", "--where", "gamma")
	if !strings.Contains(ids, `"id":3`) {
		t.Fatalf("gamma is not article 3: %s", ids)
	}
	c.must(exitOK, "edit", "3", "quality=20")
	if out, _ := c.must(exitOK, "count", "--where", "quality:>=60"); out != "1\n" {
		t.Errorf("count after an edit = %q, want 1", out)
	}
}
