//go:build !linux

package storage

import (
	"os"
	"path/filepath"
)

// statDir stats the files of one folder by their paths.
type statDir struct{ path string }

func newStatDir(_ *os.File, path string) statDir { return statDir{path: path} }

// stat is os.Stat of the folder's file name: its stat and whether it is a
// regular file, following a symlink.
func (s statDir) stat(name string) (fileStat, bool, error) {
	fi, err := os.Stat(filepath.Join(s.path, name))
	if err != nil {
		return fileStat{}, false, err
	}
	return statOf(fi), fi.Mode().IsRegular(), nil
}
