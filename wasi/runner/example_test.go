package runner_test

import (
	"fmt"
	"os"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// hello is a WASI command: _start writes "hello" to stdout.
const hello = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`

// Running a WASI command: compile, give it a WASI world, Start and
// Finish. Returning from _start is exit status 0.
func ExampleStart() {
	mod, err := vm.CompileText([]byte(hello), "hello.wat")
	if err != nil {
		panic(err)
	}
	sys, err := wasi.New(wasi.Config{Args: []string{"hello"}, Stdout: os.Stdout})
	if err != nil {
		panic(err)
	}
	defer sys.Close()
	res := runner.Start(mod, runner.Config{System: sys}).Finish()
	code, _ := res.Exit()
	fmt.Println(res.Kind, "with status", code)
	// Output:
	// hello
	// returned with status 0
}

// A reactor: _initialize runs before the invoked export, whose results
// the Result carries as values.
func ExampleStart_reactor() {
	mod, err := vm.CompileText([]byte(`(module
	  (global $base (mut i32) (i32.const 0))
	  (func (export "_initialize") (global.set $base (i32.const 100)))
	  (func (export "add") (param i32 i32) (result i32)
	    (i32.add (global.get $base) (i32.add (local.get 0) (local.get 1)))))`), "lib.wat")
	if err != nil {
		panic(err)
	}
	sys, _ := wasi.New(wasi.Config{})
	defer sys.Close()
	r := runner.Start(mod, runner.Config{System: sys, Entry: runner.Entry{Invoke: "add", Args: []vm.Value{vm.I32(1), vm.I32(2)}}})
	res := r.Finish()
	fmt.Printf("%s %s → %s\n", res.Kind, res.Step, vm.FormatValues(res.Values))

	// The instance stays live: call it again.
	again := runner.Resume(r.Instance(), sys, nil, "add", vm.I32(-1), vm.I32(-2)).Finish()
	fmt.Println(vm.FormatValues(again.Values))
	// Output:
	// returned add(1, 2) → 103
	// 97
}

// Driving a run in slices, as the page does between frames: each Slice
// runs at most the given number of instructions. Stop, from any
// goroutine, ends the run at its next slice.
func ExampleRun_Slice() {
	mod, err := vm.CompileText([]byte(`(module
	  (func (export "_start") (loop $forever (br $forever))))`), "spin.wat")
	if err != nil {
		panic(err)
	}
	r := runner.Start(mod, runner.Config{Host: map[string]vm.HostFunc{}})
	slices := 0
	for r.Slice(10_000) == runner.Paused {
		slices++
		if slices == 3 {
			r.Stop() // a Stop button, say
		}
	}
	res := r.Result()
	fmt.Println(slices, "slices, then", res.Kind, "in", res.Step)
	// Output:
	// 3 slices, then stopped in _start
}

// How a trap is reported: typed, with the Wasm stack labelled by
// vm.FuncLabel's rule.
func ExampleResult_trap() {
	mod, err := vm.CompileText([]byte(`(module
	  (func $divide (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
	  (func (export "_start") (drop (call $divide (i32.const 0)))))`), "trap.wat")
	if err != nil {
		panic(err)
	}
	res := runner.Start(mod, runner.Config{Host: map[string]vm.HostFunc{}}).Finish()
	fmt.Println(res.Kind, "in", res.Step)
	fmt.Println(res.Trap.Msg)
	for _, f := range res.Trap.Stack {
		fmt.Println("at", f.Name)
	}
	// Output:
	// trapped in _start
	// integer divide by zero
	// at $divide
	// at $_start
}
