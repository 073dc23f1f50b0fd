//go:build unix

package sla_test

import (
	"syscall"
	"testing"
	"time"
)

// ckCPUTime returns the CPU time the process has used so far.
func ckCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// ckReportCPU reports the CPU time per operation since start as
// "cpu-ns/op": on a shared machine wall time per operation also counts
// the time other processes hold the cores. Call it after the b.Loop loop.
func ckReportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 && start > 0 {
		b.ReportMetric(float64(ckCPUTime()-start)/float64(b.N), "cpu-ns/op")
	}
}
