//go:build unix

package benchenv

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// CPUTime is the CPU time this process has used, user and system: on a
// shared machine a steadier figure than wall time. It is 0 where
// getrusage is missing.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// lock takes an exclusive lock on the file path, waiting for it; unlock
// removes the file, so that no lock file stays beside the cached inputs.
//
// Removing a lock file races with a process waiting on it: that process
// then holds a lock on a file no longer at path while a third one creates
// and locks a new one. So a lock counts only when path still names the
// file locked; otherwise lock tries again with the file now at path.
func lock(path string) (unlock func(), err error) {
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		same, err := stillAt(f, path)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !same {
			f.Close() // removed by its holder: lock the file at path now
			continue
		}
		return func() {
			// Removed before it is unlocked: a process that locks it
			// after this finds it gone from path and tries again.
			_ = os.Remove(path)
			f.Close()
		}, nil
	}
}

// stillAt reports whether path names the open file f.
func stillAt(f *os.File, path string) (bool, error) {
	held, err := f.Stat()
	if err != nil {
		return false, err
	}
	now, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return os.SameFile(held, now), nil
}

// locks reports that lock excludes other processes on this system.
const locks = true

// removeStale removes what a build of final that did not finish left
// beside it, when no process holds final's lock: its lock file and its
// temporary folders (removeTemps), which a killed process could not
// remove, and a lock file kept by an older version of this package. It
// returns the folders removed. Called once final exists, so a process
// that takes the lock afterwards finds final and builds nothing; a lock
// held elsewhere, by a build still removing its folder, is left alone.
func removeStale(final string) []string {
	path := final + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err == nil { // else none: no process holds the lock (its holder keeps the file at path)
		defer f.Close()
		if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
			return nil // held: its holder removes both
		}
		same, err := stillAt(f, path)
		if err != nil || !same {
			return nil // unlocked and removed by its holder a moment ago: next time
		}
		_ = os.Remove(path)
	}
	return removeTemps(final)
}
