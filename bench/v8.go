package bench

import (
	_ "embed"
	"time"
)

// v8Source is v8.js: Node's own WebAssembly running a workload, with the
// little WASI the workloads need. Natively it runs in a node child process
// (v8_native.go); under GOOS=js it is evaluated in the harness's own Node
// process (v8_js.go). It evaluates to an object {load, compile, startWASI,
// main}.
//
//go:embed v8.js
var v8Source string

// V8 is the reference: V8 (Node 20's WebAssembly) compiling the same module
// to machine code, with a minimal WASI of its own (v8.js). Its runs are
// timed as the harness times its own engines: CPU time of the process
// (process.cpuUsage()) around instantiate + run.
type V8 struct{}

// Name implements Engine.
func (V8) Name() string { return "V8" }

// timedLoaded is a Loaded whose runs happen in another process, which
// measures each run's CPU time itself; Measure uses that time.
type timedLoaded interface {
	RunTimed(size int32) (sum string, cpu time.Duration, err error)
}

// timedCompiler is an Engine that compiles in another process and measures
// the compilation's CPU time there.
type timedCompiler interface {
	CompileTimed(wasm []byte) (time.Duration, error)
}
