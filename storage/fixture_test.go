package storage

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// broadTemplate is the file of an archive of fewMatches+300 generated
// articles (corpus seed 9), stored once per test process by broadArchive.
var broadTemplate struct {
	once sync.Once
	file []byte
	err  error
}

// broadArchive returns a new archive of its own holding fewMatches+300
// generated articles (corpus seed 9), in which "study" and "brain" are
// broad full-text matches (more than fewMatches articles). The articles are
// stored once, into an archive whose file each call copies: storing them
// costs more than what the tests using it check, under the race detector
// most.
func broadArchive(t *testing.T) *Archive {
	t.Helper()
	broadTemplate.once.Do(func() {
		dir, err := os.MkdirTemp("", "storage-broad-")
		if err != nil {
			broadTemplate.err = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "archive.db")
		a, err := Open(path)
		if err != nil {
			broadTemplate.err = err
			return
		}
		insertCorpus(t, a, fewMatches+300, 9)
		if err := a.Close(); err != nil { // checkpoints the WAL: the file is the archive
			broadTemplate.err = err
			return
		}
		broadTemplate.file, broadTemplate.err = os.ReadFile(path)
	})
	if broadTemplate.err != nil {
		t.Fatalf("the broad archive: %v", broadTemplate.err)
	}
	if broadTemplate.file == nil {
		t.Fatal("the broad archive was not built (its first test failed)")
	}
	path := filepath.Join(t.TempDir(), "archive.db")
	if err := os.WriteFile(path, broadTemplate.file, 0o644); err != nil {
		t.Fatal(err)
	}
	return openAt(t, path)
}
