//go:build !unix

package benchenv

import "time"

// CPUTime is not measured on this system: 0.
func CPUTime() time.Duration { return 0 }

// lock does nothing on this system: two processes may build the same
// cached input, and the last one's rename wins.
func lock(string) (unlock func(), err error) { return func() {}, nil }

// locks reports that lock does not exclude other processes on this system.
const locks = false

// removeStale does nothing on this system, where lock makes no file and
// another process's temporary folder cannot be told from a killed one's.
func removeStale(string) []string { return nil }
