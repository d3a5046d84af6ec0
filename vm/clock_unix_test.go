//go:build unix

package vm_test

import (
	"syscall"
	"time"
)

// cpuNow returns the CPU time the process has used: benchmarks that
// compare runs measure it rather than wall time, which a loaded machine
// stretches at random.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic("getrusage: " + err.Error())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
