//go:build !unix && !js

package bench

import "time"

// Clock names what Now measures, for table headers.
const Clock = "wall time"

var origin = time.Now()

// Now returns the time elapsed since the program started: on these
// platforms there is no CPU-time clock at hand.
func Now() time.Duration { return time.Since(origin) }
