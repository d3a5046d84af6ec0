//go:build !unix

package bench

import "time"

// Clock names what Now measures, for table headers.
const Clock = "wall time"

var origin = time.Now()

// Now returns the time elapsed since the program started: on these
// platforms (GOOS=js under Node among them) there is no CPU-time clock.
func Now() time.Duration { return time.Since(origin) }
