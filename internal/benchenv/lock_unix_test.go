//go:build unix

package benchenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// leftovers lists what is in Dir besides the names kept.
func leftovers(t *testing.T, keep ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(Dir())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if !strings.Contains(strings.Join(keep, "\x00")+"\x00", e.Name()+"\x00") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestLockExcludesWhileItsFileIsRemoved: lockers that each remove the
// lock file on unlock never hold the lock two at a time, though a waiter
// may have opened a file its holder then removes.
func TestLockExcludesWhileItsFileIsRemoved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	var inside, most atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				unlock, err := lock(path)
				if err != nil {
					t.Error(err)
					return
				}
				n := inside.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(50 * time.Microsecond)
				inside.Add(-1)
				unlock()
			}
		}()
	}
	wg.Wait()
	if m := most.Load(); m != 1 {
		t.Errorf("%d lockers held the lock at once", m)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the lock file stays after the last unlock: %v", err)
	}
}

// TestStaleLockFilesAreRemoved: a lock file no one holds beside a cached
// input (left by a killed build or an older version) goes at the next use;
// one a process holds stays.
func TestStaleLockFilesAreRemoved(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	dir := Corpus(t, 3)
	name := filepath.Base(dir)
	if got := leftovers(t, name); len(got) != 0 {
		t.Fatalf("after building, Dir holds %q besides %s", got, name)
	}
	lockFile := dir + ".lock"
	if err := os.WriteFile(lockFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	unlock, err := lock(lockFile) // another process's lock (flock locks per open file)
	if err != nil {
		t.Fatal(err)
	}
	Corpus(t, 3)
	if _, err := os.Stat(lockFile); err != nil {
		t.Fatalf("a held lock file was removed: %v", err)
	}
	unlock()
	if err := os.WriteFile(lockFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	Corpus(t, 3)
	if got := leftovers(t, name); len(got) != 0 {
		t.Errorf("a stale lock file stays: Dir holds %q besides %s", got, name)
	}
}

// envChild makes the test binary a child of TestTwoProcessesBuildOnce.
const envChild = "BENCHENV_TEST_CHILD_LOG"

// TestCachedChild is a child process of TestTwoProcessesBuildOnce: it
// asks for the cached input "shared", whose build logs a line and takes
// a while, so that the other child waits for it.
func TestCachedChild(t *testing.T) {
	logPath := os.Getenv(envChild)
	if logPath == "" {
		t.Skip("a child of TestTwoProcessesBuildOnce")
	}
	cached(t, "shared", func(path string) error {
		f, err := os.OpenFile(logPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		fmt.Fprintf(f, "built by %d\n", os.Getpid())
		if err := f.Close(); err != nil {
			return err
		}
		if os.Getenv(envHang) != "" {
			if err := os.WriteFile(path, []byte("part"), 0o644); err != nil {
				return err
			}
			time.Sleep(time.Hour) // until killed
		}
		time.Sleep(300 * time.Millisecond)
		return os.WriteFile(path, []byte("done"), 0o644)
	})
}

// TestTwoProcessesBuildOnce runs two test processes that want the same
// cached input at once: one builds it, the other waits and reuses it, and
// neither leaves a lock file or a temporary folder behind.
func TestTwoProcessesBuildOnce(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	logPath := filepath.Join(t.TempDir(), "builds.log")
	var cmds []*exec.Cmd
	var outs []*strings.Builder
	for range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCachedChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp, envChild+"="+logPath)
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v\n%s", i, err, outs[i])
		}
	}
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(log), "\n"); n != 1 {
		t.Errorf("built %d times, want once:\n%s", n, log)
	}
	if data, err := os.ReadFile(filepath.Join(Dir(), "shared")); err != nil || string(data) != "done" {
		t.Errorf("the cached input: %q, %v", data, err)
	}
	if got := leftovers(t, "shared"); len(got) != 0 {
		t.Errorf("Dir holds %q besides the cached input", got)
	}
}

// envHang makes TestCachedChild's build hang once it has begun writing,
// until the process is killed.
const envHang = "BENCHENV_TEST_CHILD_HANG"

// TestKilledBuildIsCleanedUp kills a test process while it builds a cached
// input: its temporary folder (and lock file) stay, as a kill skips
// deferred calls. The next build of that input removes them, and a use of
// the built input removes those of a build killed earlier, but not while
// another process holds the input's lock, nor another input's folders.
func TestKilledBuildIsCleanedUp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	logPath := filepath.Join(t.TempDir(), "builds.log")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCachedChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, envChild+"="+logPath, envHang+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if data, _ := os.ReadFile(logPath); len(data) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the child did not start building")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	left := leftovers(t)
	if len(left) != 2 { // shared.lock, tmp-shared-N
		t.Fatalf("after the kill Dir holds %q, want a lock file and a temporary folder", left)
	}
	build := func(path string) error { return os.WriteFile(path, []byte("done"), 0o644) }
	cached(t, "shared", build)
	if got := leftovers(t, "shared"); len(got) != 0 {
		t.Errorf("after the next build Dir holds %q besides the cached input", got)
	}

	// A killed build's folder beside an input built since, and another
	// input's folder (a name that starts with this one's).
	for _, name := range []string{"tmp-shared-123", "tmp-shared2-456"} {
		if err := os.MkdirAll(filepath.Join(Dir(), name, "shared"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	unlock, err := lock(filepath.Join(Dir(), "shared.lock")) // another process building it
	if err != nil {
		t.Fatal(err)
	}
	cached(t, "shared", build)
	if got := leftovers(t, "shared", "shared.lock", "tmp-shared2-456"); len(got) != 1 || got[0] != "tmp-shared-123" {
		t.Errorf("with the lock held elsewhere Dir holds %q, want tmp-shared-123 kept", got)
	}
	unlock()
	cached(t, "shared", build)
	if got := leftovers(t, "shared", "tmp-shared2-456"); len(got) != 0 {
		t.Errorf("Dir holds %q besides the input and another input's folder", got)
	}
	if _, err := os.Stat(filepath.Join(Dir(), "tmp-shared2-456")); err != nil {
		t.Errorf("another input's folder was removed: %v", err)
	}
}
