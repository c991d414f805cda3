package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/fyneenv"
)

// TestFyneReadsTheDefaults checks that internal/fyneenv sets FYNE_CACHE
// before Fyne's cache package reads it: in this binary (the app's packages
// plus the tests), Go's own trace of package initialisation must list
// fyneenv first.
func TestFyneReadsTheDefaults(t *testing.T) {
	if want := os.Getenv(expectCacheEnv); want != "" {
		// The child run below: the value the user set is kept.
		if got := os.Getenv("FYNE_CACHE"); got != want {
			t.Fatalf("FYNE_CACHE = %q, want the user's %q", got, want)
		}
		return
	}
	if got := os.Getenv("FYNE_CACHE"); got != fyneenv.CacheDuration {
		t.Errorf("FYNE_CACHE = %q, want the default %q", got, fyneenv.CacheDuration)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	order := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			order[f[1]] = i
		}
	}
	env, ok1 := order["github.com/seedarchive/seedarchive/internal/fyneenv"]
	cache, ok2 := order["fyne.io/fyne/v2/internal/cache"]
	if !ok1 || !ok2 {
		t.Fatalf("the init trace lacks fyneenv (%v) or Fyne's cache (%v):\n%s", ok1, ok2, out)
	}
	if env > cache {
		t.Errorf("Fyne's cache is initialised (line %d) before fyneenv sets FYNE_CACHE (line %d)", cache, env)
	}
	cmd = exec.Command(os.Args[0], "-test.run=^TestFyneReadsTheDefaults$")
	cmd.Env = append(os.Environ(), "FYNE_CACHE=3s", expectCacheEnv+"=3s")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("with FYNE_CACHE=3s set by the user: %v\n%s", err, out)
	}
}

// expectCacheEnv tells a child run of TestFyneReadsTheDefaults the
// FYNE_CACHE it must see.
const expectCacheEnv = "SEEDARCHIVE_TEST_FYNE_CACHE"

// TestTrimHeapHandsBackFreedMemory frees 64 MiB of C memory in pieces that
// the heap cannot give back by itself and checks that a trim does.
func TestTrimHeapHandsBackFreedMemory(t *testing.T) {
	if !trimHeap() {
		t.Skip("no malloc_trim in this C library")
	}
	const n, size = 16384, 4096
	release := fragmentHeap(n, size)
	defer release()
	before := rssAnon(t)
	start := time.Now()
	trimHeap()
	took := time.Since(start)
	after := rssAnon(t)
	t.Logf("private RSS %d → %d MiB; the trim took %v", before>>20, after>>20, took)
	if before-after < n*size/2 {
		t.Errorf("the trim handed back %d MiB of the 64 MiB freed", (before-after)>>20)
	}
}

// rssAnon reads the process's private resident memory.
func rssAnon(t *testing.T) int {
	t.Helper()
	m, err := readMemory(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	return int(m.anon)
}
