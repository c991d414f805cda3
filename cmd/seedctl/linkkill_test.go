//go:build unix

package main

import (
	"bytes"
	"errors"
	"os/exec"
	"testing"
)

// TestLinkSurvivesKill kills `seedctl link` with SIGKILL after its first
// commit and checks that the archive is consistent, holding whole batches,
// and that the next command's sync indexes the rest: every file once.
func TestLinkSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seedctl and links 3,000 files")
	}
	const files = 3000
	src, db, seedctl := newKillRig(t, files, 11)
	cmd := seedctl("link", src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		t.Fatalf("link ended before the kill (%v)\n%s", err, stderr.Bytes())
	case <-waitCount(db, 1, exited):
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	err := <-exited
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != -1 {
		t.Fatalf("link was not killed: %v", err)
	}
	n := countArticles(t, db)
	if n == 0 || n == files {
		t.Fatalf("%d articles after the kill, want some of %d", n, files)
	}
	if out, err := seedctl("check").CombinedOutput(); err != nil {
		t.Fatalf("check after the kill: %v\n%s", err, out)
	}
	out, err := seedctl("sync").CombinedOutput()
	if err != nil {
		t.Fatalf("sync: %v\n%s", err, out)
	}
	if countArticles(t, db) != files {
		t.Fatalf("after the sync: %d articles, want %d\n%s", countArticles(t, db), files, out)
	}
	if out, err := seedctl("check").CombinedOutput(); err != nil {
		t.Fatalf("check at the end: %v\n%s", err, out)
	}
	t.Logf("killed after %d of %d files", n, files)
}
