//go:build !unix

package storage

import "time"

// cpuTime is 0 where the CPU time of the process is not at hand; the
// benchmark then reports 0 cpu-ms/op.
func cpuTime() time.Duration { return 0 }
