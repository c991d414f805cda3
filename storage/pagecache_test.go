package storage

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// bulkPageCacheChild names the environment variable under which
// TestBulkPageCache runs in a process of its own, as seedctl does: the
// page cache is set once per process, before any archive is opened.
const bulkPageCacheChild = "SEEDARCHIVE_BULK_PAGECACHE_CHILD"

// TestBulkPageCache fills the writer's page cache (more pages written than
// it holds) in a process that called BulkPageCache first, and fails if
// the process grew by more than one and a half times the cache: a page at
// a time, the allocator's power-of-two slots made it about three times.
func TestBulkPageCache(t *testing.T) {
	if os.Getenv(bulkPageCacheChild) != "" {
		bulkPageCacheFill(t)
		return
	}
	if testing.Short() {
		t.Skip("writes 100 MB")
	}
	if raceEnabled {
		t.Skip("the race detector's own memory moves the process's size by more than the bound: the build without it checks it")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestBulkPageCache$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), bulkPageCacheChild+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", bytes.TrimSpace(out))
	if err != nil {
		t.Fatalf("the child process: %v", err)
	}
}

// bulkPageCacheFill is TestBulkPageCache's child.
func bulkPageCacheFill(t *testing.T) {
	before := residentKiB(t)
	path := filepath.Join(t.TempDir(), "archive.db")
	if err := BulkPageCache(path); err != nil {
		t.Fatal(err)
	}
	if err := BulkPageCache(path); err == nil {
		t.Error("BulkPageCache twice: no error")
	}
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.WriteTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(`CREATE TABLE fill (b BLOB)`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	blob := bytes.Repeat([]byte("0123456789abcdef"), 7000/16) // below a page: a page each
	const rows = 2 * writerCacheKiB / 7                       // twice the cache's worth
	for start := 0; start < rows; start += 2000 {
		err := a.WriteTx(ctx, func(tx *Tx) error {
			for i := start; i < min(start+2000, rows); i++ {
				if _, err := tx.exec(`INSERT INTO fill (b) VALUES (?)`, blob); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	grown := residentKiB(t) - before
	t.Logf("resident memory grew by %d KiB for a page cache of %d KiB", grown, writerCacheKiB)
	if grown > writerCacheKiB*3/2 {
		t.Errorf("resident memory grew by %d KiB, want at most %d (1.5 × the cache)", grown, writerCacheKiB*3/2)
	}
}

// residentKiB is the process's resident memory (VmRSS).
func residentKiB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status:", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}
