//go:build !unix

package vm_test

import "time"

var origin = time.Now()

// cpuNow returns wall time here (no CPU clock at hand; under GOOS=js the
// one thread runs only the test).
func cpuNow() time.Duration { return time.Since(origin) }
