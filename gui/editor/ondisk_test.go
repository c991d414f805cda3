package editor

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

// ChangedFile finds the file a wrapped *ChangedOnDiskError names, even with
// ": " inside the folder's name, and never parses an error's text.
func TestChangedFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "odd: name")
	if err := mkdir(dir); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a.txt")
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"wrapped", fmt.Errorf("storage: edit 3: %w", &storage.ChangedOnDiskError{Folder: dir, Path: "a.txt"}), file},
		{"deleted", &storage.ChangedOnDiskError{Folder: dir, Path: "a.txt", Reason: "it was deleted"}, file},
		{"text only", fmt.Errorf("%s: %w", file, storage.ErrChangedOnDisk), ""},
		{"bare", storage.ErrChangedOnDisk, ""},
		{"other error", errors.New("x: y"), ""},
	} {
		if got := ChangedFile(tc.err); got != tc.want {
			t.Errorf("%s: ChangedFile = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func mkdir(dir string) error { return os.MkdirAll(dir, 0o755) }
