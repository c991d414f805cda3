//go:build unix

package storage

import (
	"io/fs"
	"syscall"
)

// inodeOf is the file's inode number, which a rename keeps and a rewrite
// through a temporary file changes.
func inodeOf(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int64(st.Ino)
	}
	return 0
}
