//go:build !wasm

package exec

// yieldEachSlice says whether the driver yields to other goroutines after
// each slice (see run): not where the scheduler preempts.
const yieldEachSlice = false
