//go:build !unix

package storage

import "io/fs"

// inodeOf is 0 where the system has no inode numbers: the cheap scan then
// compares size and modification time only.
func inodeOf(fs.FileInfo) int64 { return 0 }
