package storage

import (
	"fmt"
	"path/filepath"
	"runtime"
	"testing"
)

// linkMemoryBound is the most heap a first link may hold per file of the
// folder while it stores them, with the slack of its slices' growth and
// of what is in flight: the scan's entry and name, and the reference to
// it. A million files are linked in one go.
const linkMemoryBound = 320

// linkFinishBound is the most heap a first link may hold per file when
// it comes to Bulk.Finish, where SQLite's memory peaks: the scan is done
// with by then.
const linkFinishBound = 40

// TestLinkMemoryPerFile links a folder of a few thousand small files, named
// like the benchmarks' corpus, in small batches, and fails if the heap held
// halfway through (after a batch commits) is more than linkMemoryBound bytes
// per file: a job made for every file at the start and kept to the end,
// with its absolute path and its new hash, made it half as much again.
// It also fails if more than linkFinishBound bytes per file are still held
// at the link's Bulk.Finish: the scan was, until the end.
func TestLinkMemoryPerFile(t *testing.T) {
	if testing.Short() {
		t.Skip("links 4,000 files")
	}
	if raceEnabled {
		t.Skip("the race detector's own allocations move the heap by more than the bound: the build without it checks it")
	}
	old := syncBatch
	syncBatch = 40 // the batches in flight are then little beside the files
	t.Cleanup(func() { syncBatch = old })
	const dirs, per = 4, 1000
	files := map[string]string{}
	for d := range dirs {
		for i := range per {
			name := fmt.Sprintf("%03d/%03d_%016x.txt", d, i, uint64(d*per+i+1)*0x9e3779b97f4a7c15)
			files[name] = seed{title: fmt.Sprintf("T%d", d*per+i)}.text()
		}
	}
	dir := filepath.Join(t.TempDir(), "a-corpus-folder-named-like-a-users")
	writeFiles(t, dir, files)
	a := openTest(t)
	// A first link of another folder readies what any link holds whatever
	// its size (the full-text compressor's state, the connections).
	warm, warmFiles := t.TempDir(), map[string]string{}
	for i := range 100 {
		warmFiles[fmt.Sprintf("w%d.txt", i)] = seed{title: fmt.Sprintf("W%d", i)}.text()
	}
	writeFiles(t, warm, warmFiles)
	if _, err := a.Link(ctx, warm, nil); err != nil {
		t.Fatal(err)
	}
	var before, during, finish runtime.MemStats
	measured := false
	beforeSyncFinish = func() {
		runtime.GC()
		runtime.ReadMemStats(&finish)
	}
	t.Cleanup(func() { beforeSyncFinish = nil })
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := a.Link(ctx, dir, func(done, total int) {
		if !measured && done >= total/2 && done < total {
			measured = true
			runtime.GC()
			runtime.ReadMemStats(&during)
		}
	})
	if err != nil || res.Added != dirs*per {
		t.Fatalf("link: %s, %v; want %d added", res.Summary(), err, dirs*per)
	}
	if !measured {
		t.Fatal("no progress halfway through")
	}
	perFile := (float64(during.HeapAlloc) - float64(before.HeapAlloc)) / float64(dirs*per)
	t.Logf("%.0f bytes/file held", perFile)
	if perFile > linkMemoryBound {
		t.Errorf("the link holds %.0f bytes per file, want at most %d", perFile, linkMemoryBound)
	}
	atFinish := (float64(finish.HeapAlloc) - float64(before.HeapAlloc)) / float64(dirs*per)
	t.Logf("%.0f bytes/file held at Finish", atFinish)
	if atFinish > linkFinishBound {
		t.Errorf("at Finish the link holds %.0f bytes per file, want at most %d", atFinish, linkFinishBound)
	}
}
