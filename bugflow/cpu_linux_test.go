//go:build linux

package bugflow_test

import (
	"syscall"
	"time"
)

// cpuTime returns the process's user and system CPU time, so that
// benchmarks on a shared machine can report CPU time per operation beside
// the wall time.
func cpuTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
