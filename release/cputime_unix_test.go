//go:build unix

package release

import (
	"syscall"
	"testing"
)

// cpuClock measures the process's CPU time over a benchmark loop, which a
// loaded machine inflates far less than wall time: on a VM shared by many
// jobs ns/op can be ten times what the code costs, cpu-ns/op stays close.
type cpuClock int64

func startCPU() cpuClock { return cpuClock(cpuNanos()) }

// report adds cpu-ns/op, the CPU time per iteration of the loop just run.
func (c cpuClock) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuNanos()-int64(c))/float64(b.N), "cpu-ns/op")
	}
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
