package transfer

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// inputMemoryBound is the most heap the input list may hold per file found
// in a folder, with the slack of its slice's growth: a million inputs stay
// in memory for a whole import.
const inputMemoryBound = 100

// TestCollectMemoryPerInput walks a folder of a few thousand files, named
// like the benchmarks' corpus, and fails if the input list holds more than
// inputMemoryBound bytes per file: three path strings per input (the path
// shown, the OS path, the stored name) and a refusal's error in every one
// made it about twice that.
func TestCollectMemoryPerInput(t *testing.T) {
	root := filepath.Join(t.TempDir(), "a-corpus-folder-named-like-a-users")
	const dirs, per = 4, 1000
	for d := range dirs {
		dir := filepath.Join(root, fmt.Sprintf("%03d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range per {
			name := filepath.Join(dir, fmt.Sprintf("%03d_%016x.txt", i, fileHash(i)))
			if err := os.WriteFile(name, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var c collector
	c.collect([]string{root})
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(c.inputs) != dirs*per {
		t.Fatalf("collected %d inputs, want %d", len(c.inputs), dirs*per)
	}
	perInput := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / float64(len(c.inputs))
	t.Logf("%.0f bytes/input held", perInput)
	if perInput > inputMemoryBound {
		t.Errorf("the input list holds %.0f bytes per file, want at most %d", perInput, inputMemoryBound)
	}
	// What is no longer stored is still found from the source and the name.
	in := c.inputs[per+2]
	wantName := fmt.Sprintf("001/002_%016x.txt", fileHash(2))
	if in.name != wantName || in.path() != filepath.Join(root, filepath.FromSlash(wantName)) {
		t.Errorf("input %d: name %q, path %q; want %q under %s", per+2, in.name, in.path(), wantName, root)
	}
	runtime.KeepAlive(c.inputs)
}

// TestImportForgetsInputsBeforeFinish checks that an import drops its input
// list and run memory before the end of the import (storage.Bulk.Finish),
// where SQLite's memory peaks: held, a million inputs' list and maps (and
// the GC's headroom above them) added to that peak.
func TestImportForgetsInputsBeforeFinish(t *testing.T) {
	a := openArchive(t)
	dir := t.TempDir()
	writeCorpus(t, dir, 50)
	called := false
	beforeFinish = func(im *importer) {
		called = true
		if im.inputs != nil || im.mem != nil {
			t.Errorf("before Finish the importer holds %d inputs and run memory %v, want none", len(im.inputs), im.mem != nil)
		}
	}
	defer func() { beforeFinish = nil }()
	sum, _ := doImport(t, a, []string{dir}, ImportOptions{})
	if !called || sum.Inserted != 50 {
		t.Errorf("hook called %v, %d inserted; want true, 50", called, sum.Inserted)
	}
}

// fileHash is a 64-bit number per i, for file names like the corpus's.
func fileHash(i int) uint64 { return uint64(i+1) * 0x9e3779b97f4a7c15 }
