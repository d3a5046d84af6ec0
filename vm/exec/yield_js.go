//go:build js

package exec

// yieldEachSlice says whether the driver yields to other goroutines after
// each slice (see run): under GOOS=js nothing else preempts it.
const yieldEachSlice = true
