//go:build linux

package storage

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// statDir stats the files of one open folder by name (fstatat), which
// spares the kernel resolving each file's whole path.
type statDir struct {
	fd   int
	path string
}

func newStatDir(d *os.File, path string) statDir {
	return statDir{fd: int(d.Fd()), path: path}
}

// stat is os.Stat of the folder's file name: its stat and whether it is a
// regular file, following a symlink.
func (s statDir) stat(name string) (fileStat, bool, error) {
	var st unix.Stat_t
	var err error
	for {
		if err = unix.Fstatat(s.fd, name, &st, 0); err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return fileStat{}, false, &fs.PathError{Op: "stat", Path: filepath.Join(s.path, name), Err: err}
	}
	return fileStat{
		size:  st.Size,
		mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec,
		inode: int64(st.Ino),
		mode:  fs.FileMode(st.Mode) & fs.ModePerm,
	}, st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}
