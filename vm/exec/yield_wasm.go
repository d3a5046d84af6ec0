//go:build wasm

package exec

// yieldEachSlice says whether the driver yields to other goroutines after
// each slice (see run): under GOARCH=wasm (js and wasip1) nothing else
// preempts it.
const yieldEachSlice = true
