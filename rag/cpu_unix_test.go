//go:build unix

package rag

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system, all threads) this process
// has used so far, for benchmarks to report beside wall time on a shared
// machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// syncDisks asks the kernel to write out dirty pages now, so that the
// writeback of a benchmark's set-up does not compete with what it times.
func syncDisks() { syscall.Sync() }
