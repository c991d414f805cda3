//go:build unix

package main

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/numfmt"
	"github.com/seedarchive/seedarchive/internal/transfer"
)

// TestImportSurvivesKill kills `seedctl import` with SIGKILL at several
// points of a large import into one archive, each time after at least one
// batch was committed, and checks that every kill leaves a consistent
// archive holding whole batches only, and that running the same import
// again finishes the job: every file stored once, exported byte for byte.
func TestImportSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds seedctl and imports 4,000 files")
	}
	const files = 4000
	const batch = transfer.DefaultBatchSize
	src, db, seedctl := newKillRig(t, files, 7)
	check := func(when string) string {
		t.Helper()
		out, err := seedctl("check").CombinedOutput()
		if err != nil {
			t.Fatalf("check %s: %v\n%s", when, err, out)
		}
		return string(out)
	}

	stored, killed := 0, 0
	for round := 0; round < 3 && stored < files-batch; round++ {
		cmd := seedctl("import", "--quiet", src)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		started := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		// Wait for this run's first commit, then let it run a random part
		// of a batch more, so that the kill lands anywhere: while parsing,
		// inserting, committing or checkpointing.
		target := stored + batch
		var err error
		select {
		case err = <-exited:
			t.Fatalf("round %d: import ended before the kill (%v)\n%s", round, err, stderr.Bytes())
		case <-waitCount(db, target, exited):
		}
		// The time it took to get here is about a batch's worth or more
		// (startup, skipping what earlier rounds stored, one batch), so the
		// kill comes at most a batch or two later, well before the end.
		delay := rand.N(time.Since(started))
		select {
		case err = <-exited:
		case <-time.After(delay):
			if kerr := cmd.Process.Kill(); kerr != nil {
				t.Fatalf("kill: %v", kerr)
			}
			err = <-exited
		}
		n := countArticles(t, db)
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == -1:
			killed++
			t.Logf("round %d: killed %v after the %d-file mark: %d files stored", round, delay.Round(time.Millisecond), target, n)
		case err == nil:
			t.Logf("round %d: the import finished within %v after the %d-file mark", round, delay.Round(time.Millisecond), target)
		default:
			t.Fatalf("round %d: import: %v\n%s", round, err, stderr.Bytes())
		}
		if n < target || n%batch != 0 && n != files {
			t.Fatalf("round %d: %d files stored after the kill: want whole batches of %d, at least %d", round, n, batch, target)
		}
		check(fmt.Sprintf("after round %d", round))
		stored = n
	}
	if killed == 0 {
		t.Fatal("no import was killed before it finished")
	}

	out, err := seedctl("import", src).CombinedOutput()
	if err != nil {
		t.Fatalf("import again: %v\n%s", err, out)
	}
	want := fmt.Sprintf("imported %s of %s files: %s new, %s identical",
		numfmt.Int(files-stored), numfmt.Int(files), numfmt.Int(files-stored), numfmt.Int(stored))
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("import again: %q, want %q…", out, want)
	}
	// The first import is a bulk one (storage.BeginBulk): whatever
	// indexes a kill left set aside, the rerun has rebuilt them.
	if out := check("at the end"); strings.Contains(out, "set aside") {
		t.Errorf("check at the end:\n%s", out)
	}
	if n := countArticles(t, db); n != files {
		t.Fatalf("%d articles stored, want %d", n, files)
	}
	dest := filepath.Join(filepath.Dir(db), "export")
	if out, err := seedctl("export", "--quiet", dest).CombinedOutput(); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}
	compareTrees(t, src, dest, files)
}

// buildSeedctl builds this command into a temporary folder.
func buildSeedctl(t *testing.T) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build seedctl with")
	}
	bin := filepath.Join(t.TempDir(), "seedctl")
	cmd := exec.Command(gobin, "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// readOnly opens the archive for polling, without ever writing to it.
func readOnly(db string) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "query_only(1)")
	u := url.URL{Scheme: "file", OmitHost: true, Path: db, RawQuery: q.Encode()}
	return sql.Open("sqlite", u.String())
}

// countArticles counts the committed articles.
func countArticles(t *testing.T, db string) int {
	t.Helper()
	d, err := readOnly(db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.QueryRow(`SELECT count(*) FROM article`).Scan(&n); err != nil {
		t.Fatalf("count: %v", err)
	}
	return n
}

// newKillRig builds seedctl and writes a corpus of files seed files (from
// seed) for a test that kills seedctl: the corpus folder, the archive's
// path, and commands running seedctl on that archive (never the one
// SEEDARCHIVE_DB names).
func newKillRig(t *testing.T, files int, seed int64) (src, db string, seedctl func(args ...string) *exec.Cmd) {
	t.Helper()
	bin := buildSeedctl(t)
	dir := t.TempDir()
	src = filepath.Join(dir, "corpus")
	if err := corpus.Write(src, files, seed); err != nil {
		t.Fatal(err)
	}
	db = filepath.Join(dir, "archive.db")
	seedctl = func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "SEEDARCHIVE_DB=")
		return cmd
	}
	return src, db, seedctl
}

// waitCount returns a channel closed once the archive holds at least n
// articles. It polls until then or until the import exits (the exit is
// left in exited for the caller).
func waitCount(db string, n int, exited chan error) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		var d *sql.DB
		defer func() {
			if d != nil {
				d.Close()
			}
		}()
		for {
			if _, err := os.Stat(db); err == nil && d == nil {
				d, _ = readOnly(db) // retried on the next poll when it fails
			}
			var c int
			// Errors are expected while the first run creates the schema.
			if d != nil && d.QueryRow(`SELECT count(*) FROM article`).Scan(&c) == nil && c >= n {
				close(done)
				return
			}
			select {
			case err := <-exited:
				exited <- err
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return done
}

// compareTrees checks that dest holds exactly the want files of src, byte for byte.
func compareTrees(t *testing.T, src, dest string, want int) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dest, p)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		orig, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			return fmt.Errorf("exported %s is not an input: %w", rel, err)
		}
		if !bytes.Equal(got, orig) {
			return fmt.Errorf("exported %s differs from the input", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Fatalf("exported %d files, want %d", n, want)
	}
}
