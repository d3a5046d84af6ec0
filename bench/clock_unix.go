//go:build unix

package bench

import (
	"syscall"
	"time"
)

// Clock names what Now measures, for table headers.
const Clock = "CPU time"

// Now returns the CPU time (user plus system) the process has used so far.
func Now() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		// Getrusage(RUSAGE_SELF) cannot fail with a valid pointer.
		panic("getrusage: " + err.Error())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
