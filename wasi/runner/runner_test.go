package runner_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// program is a module whose steps leave a trail: each appends its digit
// to the exported global "trail" (start function 1, _initialize 2,
// _start 3, f 4), so the test sees which ran and in what order. parts
// are the module's other fields: its start, exports and bodies.
func program(t *testing.T, parts ...string) *vm.Module {
	t.Helper()
	src := `(module
	  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
	  (memory (export "memory") 1)
	  (global $trail (export "trail") (mut i32) (i32.const 0))
	  (tag $oops)
	  (func $mark (param i32)
	    (global.set $trail (i32.add (i32.mul (global.get $trail) (i32.const 10)) (local.get 0))))
	  (func $begin (call $mark (i32.const 1)))
	  (func $init (call $mark (i32.const 2)))
	  (func $main (call $mark (i32.const 3)))
	  (func $f (param i32) (result i32) (call $mark (i32.const 4)) (i32.add (global.get $trail) (local.get 0)))
	  ` + strings.Join(parts, "\n") + `)`
	m, err := vm.CompileText([]byte(src), "program.wat")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const (
	startFn    = `(start $begin)`
	command    = `(export "_start" (func $main))`
	reactor    = `(export "_initialize" (func $init))`
	exportF    = `(export "f" (func $f))`
	startTraps = `(func $bad unreachable) (start $bad)`
)

func TestSequence(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		entry runner.Entry
		// want: the ending, the step that ended it, the trail left.
		kind  runner.Kind
		step  string
		trail int32
		// exit: the exit status (-1: none); values: a call's results.
		exit   int
		values string
		// err: a part of the error or trap message.
		err string
	}{
		{name: "command", parts: []string{startFn, command, exportF},
			kind: runner.Returned, step: "_start", trail: 13, exit: 0},
		{name: "command exits", parts: []string{`(func (export "_start") (call $main) (call $exit (i32.const 7)))`},
			kind: runner.Exited, step: "_start", trail: 3, exit: 7},
		{name: "command, an export invoked instead of _start", parts: []string{startFn, command, exportF},
			entry: runner.Entry{Invoke: "f", Args: []vm.Value{vm.I32(1000)}},
			kind:  runner.Returned, step: "f(1000)", trail: 14, exit: -1, values: "1014"},
		{name: "reactor and invoke", parts: []string{startFn, reactor, exportF},
			entry: runner.Entry{Invoke: "f", Args: []vm.Value{vm.I32(1000)}},
			kind:  runner.Returned, step: "f(1000)", trail: 124, exit: -1, values: "1124"},
		{name: "reactor alone", parts: []string{startFn, reactor, exportF},
			kind: runner.Ready, step: "_initialize", trail: 12, exit: -1},
		{name: "reactor, _initialize invoked: called once", parts: []string{reactor},
			entry: runner.Entry{Invoke: "_initialize"},
			kind:  runner.Returned, step: "_initialize()", trail: 2, exit: -1},
		{name: "neither: the start function runs", parts: []string{startFn, exportF},
			kind: runner.Ready, step: "start function", trail: 1, exit: -1},
		{name: "neither, no start function: instantiated only", parts: []string{exportF},
			kind: runner.Ready, step: "", trail: 0, exit: -1},
		{name: "start function traps", parts: []string{startTraps, command},
			kind: runner.Trapped, step: "start function", trail: 0, exit: -1, err: "unreachable"},
		{name: "proc_exit in _initialize ends the run", parts: []string{exportF,
			`(func (export "_initialize") (call $init) (call $exit (i32.const 3)))`},
			entry: runner.Entry{Invoke: "f", Args: []vm.Value{vm.I32(0)}},
			kind:  runner.Exited, step: "_initialize", trail: 2, exit: 3},
		{name: "proc_exit(0) in the start function ends the run", parts: []string{command,
			`(func $s (call $begin) (call $exit (i32.const 0))) (start $s)`},
			kind: runner.Exited, step: "start function", trail: 1, exit: 0},
		{name: "_initialize traps", parts: []string{exportF, `(func (export "_initialize") unreachable)`},
			entry: runner.Entry{Invoke: "f", Args: []vm.Value{vm.I32(0)}},
			kind:  runner.Trapped, step: "_initialize", trail: 0, exit: -1, err: "unreachable"},
		{name: "an uncaught exception is a trap", parts: []string{`(func (export "_start") (throw $oops))`},
			kind: runner.Trapped, step: "_start", trail: 0, exit: -1, err: "uncaught exception"},
		{name: "both kinds refused", parts: []string{startFn, command, reactor},
			kind: runner.Failed, step: "", exit: -1, err: "both _start and _initialize"},
		{name: "no such export", parts: []string{reactor},
			entry: runner.Entry{Invoke: "g"},
			kind:  runner.Failed, step: "", exit: -1, err: `no exported function "g"`},
		{name: "wrong number of arguments", parts: []string{exportF},
			entry: runner.Entry{Invoke: "f"},
			kind:  runner.Failed, step: "", exit: -1, err: "f takes 1 arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := program(t, tt.parts...)
			sys, err := wasi.New(wasi.Config{})
			if err != nil {
				t.Fatal(err)
			}
			defer sys.Close()
			var prepared []string
			r := runner.Start(m, runner.Config{System: sys, Entry: tt.entry, Prepare: func(st runner.Step, _ *vm.Execution) {
				prepared = append(prepared, st.String())
			}})
			res := r.Finish()
			if res.Kind != tt.kind {
				t.Fatalf("ended %v (%+v), want %v", res.Kind, res, tt.kind)
			}
			if got := res.Step.String(); got != tt.step {
				t.Errorf("ended in step %q, want %q", got, tt.step)
			}
			if len(prepared) > 0 && prepared[len(prepared)-1] != tt.step {
				t.Errorf("steps prepared %q: the last is not the one that ended the run", prepared)
			}
			code, ok := res.Exit()
			switch {
			case tt.exit < 0 && ok:
				t.Errorf("exit status %d, want none", code)
			case tt.exit >= 0 && (!ok || code != uint32(tt.exit)):
				t.Errorf("exit status %d (%v), want %d", code, ok, tt.exit)
			}
			if got := vm.FormatValues(res.Values); got != tt.values {
				t.Errorf("values %q, want %q", got, tt.values)
			}
			msg := ""
			switch {
			case res.Trap != nil:
				msg = res.Trap.Trace()
			case res.Err != nil:
				msg = res.Err.Error()
			}
			if (tt.err == "") != (msg == "") || !strings.Contains(msg, tt.err) {
				t.Errorf("message %q, want one with %q", msg, tt.err)
			}
			if tt.kind == runner.Failed {
				if r.Instance() != nil {
					t.Error("a run refused before instantiation has an instance")
				}
				return
			}
			g, err := r.Instance().Global("trail")
			if err != nil {
				t.Fatal(err)
			}
			if got := int32(g.Lo); got != tt.trail {
				t.Errorf("trail %d, want %d", got, tt.trail)
			}
		})
	}
}

// TestTrapStack: a trap's Wasm stack names the functions with the one
// label rule.
func TestTrapStack(t *testing.T) {
	m := program(t, `(func $deep (call $bad)) (func $bad unreachable) (export "_start" (func $deep))`)
	sys, err := wasi.New(wasi.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Close()
	res := runner.Start(m, runner.Config{System: sys}).Finish()
	if res.Kind != runner.Trapped {
		t.Fatalf("ended %v: %v", res.Kind, res.Err)
	}
	var names []string
	for _, f := range res.Trap.Stack {
		names = append(names, f.Name)
	}
	if strings.Join(names, " ") != "$bad $deep" {
		t.Errorf("stack %q, want $bad $deep", names)
	}
}

func TestRefused(t *testing.T) {
	m, err := vm.CompileText([]byte(`(module (memory 64) (func (export "_start")))`), "big.wat")
	if err != nil {
		t.Fatal(err)
	}
	r := runner.Start(m, runner.Config{Host: map[string]vm.HostFunc{}, Limits: vm.Config{MemoryBudget: 1 << 20}})
	res := r.Result()
	var budget *vm.BudgetError
	if res == nil || res.Kind != runner.Refused || !errors.As(res.Err, &budget) {
		t.Fatalf("result %+v, want Refused with a *vm.BudgetError", res)
	}
	if !strings.Contains(res.Err.Error(), "memory 0") {
		t.Errorf("error %q does not name the memory", res.Err)
	}
}

func TestSlices(t *testing.T) {
	m, err := vm.CompileText([]byte(`(module
	  (global $i (export "i") (mut i32) (i32.const 0))
	  (func $s (global.set $i (i32.const 0))) (start $s)
	  (func (export "_start")
	    (loop $l
	      (global.set $i (i32.add (global.get $i) (i32.const 1)))
	      (br_if $l (i32.ne (global.get $i) (i32.const 1000))))))`), "loop.wat")
	if err != nil {
		t.Fatal(err)
	}
	r := runner.Start(m, runner.Config{Host: map[string]vm.HostFunc{}})
	var states []runner.State
	for {
		st := r.Slice(500)
		if len(states) == 0 || states[len(states)-1] != st {
			states = append(states, st)
		}
		if st == runner.Ended || len(states) > 10 {
			break
		}
	}
	// The start function ends within its first slice (Next); _start
	// needs several (Paused) before it returns.
	want := []runner.State{runner.Next, runner.Paused, runner.Ended}
	if len(states) != len(want) || states[0] != want[0] || states[1] != want[1] || states[2] != want[2] {
		t.Errorf("states %v, want %v", states, want)
	}
	if res := r.Result(); res.Kind != runner.Returned || res.Step.Kind != runner.Command {
		t.Errorf("result %+v", res)
	}
	if g, _ := r.Instance().Global("i"); g.Lo != 1000 {
		t.Errorf("i = %d after the run", g.Lo)
	}
}

func TestStop(t *testing.T) {
	m, err := vm.CompileText([]byte(`(module
	  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
	  (memory (export "memory") 1)
	  (func (export "spin") (loop $l (br $l)))
	  (func (export "read") (result i32)
	    (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 8))
	    (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))))`), "stop.wat")
	if err != nil {
		t.Fatal(err)
	}
	for _, export := range []string{"spin", "read"} {
		t.Run(export, func(t *testing.T) {
			// stdin never ends: the read waits until Stop interrupts it.
			pr := blockingReader{}
			sys, err := wasi.New(wasi.Config{Stdin: pr})
			if err != nil {
				t.Fatal(err)
			}
			defer sys.Close()
			r := runner.Start(m, runner.Config{System: sys, Entry: runner.Entry{Invoke: export}})
			go func() {
				time.Sleep(20 * time.Millisecond)
				r.Stop()
			}()
			res := r.Finish()
			if res.Kind != runner.Stopped || res.Step.Export != export {
				t.Errorf("result %+v, want stopped in %s", res, export)
			}
			if r.Execution() != nil {
				t.Error("an ended run has a current execution")
			}
		})
	}
}

// blockingReader never returns data.
type blockingReader struct{}

func (blockingReader) Read([]byte) (int, error) { select {} }

// TestCallAfter: a reactor's exports are called on its live instance
// after it ended Ready, as the page's Call does.
func TestCallAfter(t *testing.T) {
	m := program(t, startFn, reactor, exportF)
	sys, _ := wasi.New(wasi.Config{})
	defer sys.Close()
	r := runner.Start(m, runner.Config{System: sys})
	if res := r.Finish(); res.Kind != runner.Ready {
		t.Fatalf("%+v", res)
	}
	for _, want := range []string{"125", "1245"} {
		c := runner.Resume(r.Instance(), sys, nil, "f", vm.I32(1))
		res := c.Finish()
		if res.Kind != runner.Returned || vm.FormatValues(res.Values) != want {
			t.Errorf("f(1): %+v, want %s", res, want)
		}
	}
	bad := runner.Resume(r.Instance(), sys, nil, "f")
	if res := bad.Result(); res == nil || res.Kind != runner.Failed {
		t.Errorf("f(): %+v, want failed", res)
	}
}
