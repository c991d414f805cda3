//go:build unix

package gui

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user+sys) the test process has used: the
// benchmarks report it beside the wall time, which a loaded machine
// stretches.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
