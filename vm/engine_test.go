package vm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

const testWAT = `(module
  (import "env" "log" (func $log (param i32) (result i32)))
  (memory (export "mem") 1)
  (global $g (export "g") (mut i32) (i32.const 7))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_u (local.get 0) (local.get 1)))
  (func $outer (export "outer") (param i32 i32) (result i32)
    (call $div (local.get 0) (local.get 1)))
  (func (export "store") (param i32 i32)
    (i32.store (local.get 0) (local.get 1))
    (global.set $g (local.get 1)))
  (func (export "callhost") (param i32) (result i32)
    (call $log (local.get 0)))
  (func (export "spin") (loop $l (br $l)))
)`

// newInstance instantiates testWAT with a host function env.log that
// doubles its argument (and exits with status 3 on 99).
func newInstance(t testing.TB, logged *[]uint32) *vm.Instance {
	t.Helper()
	mod, err := vm.CompileText([]byte(testWAT), "test.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{MaxCallDepth: 200})
	s.DefineHost("env", map[string]vm.HostFunc{"log": {
		Type:       syntax.FuncType{Params: []syntax.ValType{syntax.I32}, Results: []syntax.ValType{syntax.I32}},
		ParamNames: []string{"v"},
		Call: func(c *vm.Caller, args, results []uint64) error {
			if logged != nil {
				*logged = append(*logged, uint32(args[0]))
			}
			if args[0] == 99 {
				return &vm.ExitError{Code: 3}
			}
			results[0] = args[0] * 2
			return nil
		},
	}})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestInvoke(t *testing.T) {
	var logged []uint32
	inst := newInstance(t, &logged)
	tests := []struct {
		name   string
		export string
		args   []vm.Value
		want   []uint32
		err    string
	}{
		{"fib", "fib", []vm.Value{vm.I32(15)}, []uint32{610}, ""},
		{"div", "div", []vm.Value{vm.I32(9), vm.I32(2)}, []uint32{4}, ""},
		{"trap trace", "outer", []vm.Value{vm.I32(1), vm.I32(0)}, nil,
			"integer divide by zero\n  at $div (wasm-function[2]:0x"},
		{"host", "callhost", []vm.Value{vm.I32(21)}, []uint32{42}, ""},
		{"exit", "callhost", []vm.Value{vm.I32(99)}, nil, "exit status 3"},
	}
	for _, tc := range tests {
		res, err := inst.Invoke(tc.export, tc.args...)
		if tc.err != "" {
			msg := ""
			var trap *vm.Trap
			if errors.As(err, &trap) {
				msg = trap.Trace()
			} else if err != nil {
				msg = err.Error()
			}
			if !strings.HasPrefix(msg, tc.err) {
				t.Errorf("%s: error %q, want prefix %q", tc.name, msg, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if len(res) != len(tc.want) {
			t.Fatalf("%s: %d results", tc.name, len(res))
		}
		for i, w := range tc.want {
			if uint32(res[i].Lo) != w {
				t.Errorf("%s: result %d = %d, want %d", tc.name, i, res[i].Lo, w)
			}
		}
	}
	if len(logged) != 2 || logged[0] != 21 {
		t.Errorf("host saw %v", logged)
	}
}

// TestSliced checks that running in slices of any size gives the result
// of an uninterrupted run.
func TestSliced(t *testing.T) {
	inst := newInstance(t, nil)
	for _, fuel := range []int64{1, 2, 7, 1000} {
		ex, err := inst.Call("fib", vm.I32(12))
		if err != nil {
			t.Fatal(err)
		}
		slices := 0
		for {
			st, err := ex.Run(fuel)
			if err != nil {
				t.Fatal(err)
			}
			slices++
			if st == vm.Done {
				break
			}
		}
		if got := ex.Results()[0].Lo; got != 144 {
			t.Errorf("fuel %d: fib(12) = %d", fuel, got)
		}
		if fuel == 1 && slices < 1000 {
			t.Errorf("fuel 1: only %d slices", slices)
		}
	}
}

// TestStepAndRun alternates single steps (plain code) with slices of fast
// code: switching between them mid-function must not change the result.
func TestStepAndRun(t *testing.T) {
	inst := newInstance(t, nil)
	for _, k := range []int64{1, 2, 3, 5, 8} {
		ex, _ := inst.Call("fib", vm.I32(11))
		for i := 0; ; i++ {
			var st vm.Status
			var err error
			if i%2 == 0 {
				st, err = ex.Step()
			} else {
				st, err = ex.Run(k)
			}
			if err != nil {
				t.Fatal(err)
			}
			if st == vm.Done {
				break
			}
		}
		if got := ex.Results()[0].Lo; got != 89 {
			t.Errorf("slices of %d: fib(11) = %d", k, got)
		}
	}
}

func TestStepFramesBreakpoint(t *testing.T) {
	inst := newInstance(t, nil)
	ex, _ := inst.Call("outer", vm.I32(9), vm.I32(3))
	// Step into $div: local.get, local.get, call.
	for i := 0; i < 3; i++ {
		if st, err := ex.Step(); st != vm.Paused || err != nil {
			t.Fatalf("step %d: %v %v", i, st, err)
		}
	}
	fs := ex.Frames()
	if len(fs) != 2 || fs[0].Name != "$div" || fs[1].Name != "$outer" {
		t.Fatalf("frames: %+v", fs)
	}
	if len(fs[0].Locals) != 2 || fs[0].Locals[0].Lo != 9 || fs[0].Locals[1].Lo != 3 {
		t.Errorf("locals of $div: %v", fs[0].Locals)
	}
	ex.Step() // local.get 0
	fs = ex.Frames()
	if len(fs[0].Stack) != 1 || fs[0].Stack[0].Lo != 9 || fs[0].Stack[0].Type != syntax.I32 {
		t.Errorf("operand stack of $div: %v", fs[0].Stack)
	}
	if st, err := ex.Run(-1); st != vm.Done || err != nil || ex.Results()[0].Lo != 3 {
		t.Fatalf("run to the end: %v %v", st, err)
	}

	// A breakpoint at $div's division pauses there, and resuming finishes.
	div, err := inst.Module().Body(2)
	if err != nil {
		t.Fatal(err)
	}
	off := div[2].Offset
	if off == 0 {
		t.Fatal("CompileText gave no instruction offsets")
	}
	ex, _ = inst.Call("outer", vm.I32(8), vm.I32(2))
	ex.SetBreakpoint(2, off)
	if st, err := ex.Run(-1); st != vm.Paused || err != nil {
		t.Fatalf("breakpoint: %v %v", st, err)
	}
	if fs := ex.Frames(); fs[0].Offset != off || len(fs[0].Stack) != 2 {
		t.Errorf("paused at %#x with stack %v, want %#x", fs[0].Offset, fs[0].Stack, off)
	}
	if st, err := ex.Run(-1); st != vm.Done || err != nil || ex.Results()[0].Lo != 4 {
		t.Fatalf("resume: %v %v", st, err)
	}
}

func TestStop(t *testing.T) {
	inst := newInstance(t, nil)
	ex, _ := inst.Call("spin")
	go ex.Stop()
	st, err := ex.Run(-1)
	if st != vm.Paused || err != nil {
		t.Fatalf("stop: %v %v", st, err)
	}
}

func TestObserver(t *testing.T) {
	inst := newInstance(t, nil)
	var kinds []string
	var write *vm.Event
	var host string
	obs := func(ev *vm.Event) {
		kinds = append(kinds, ev.Kind.String())
		switch ev.Kind {
		case vm.EventMemWrite:
			w := *ev
			w.Bytes = append([]byte{}, ev.Bytes...)
			write = &w
		case vm.EventHostCall:
			host = ev.Name + " " + ev.Host.ParamNames[0] + "=" + ev.In[0].String() + " -> " + ev.Out[0].String()
		}
	}
	ex, _ := inst.Call("store", vm.I32(16), vm.I32(0x01020304))
	ex.SetObserver(obs)
	if _, err := ex.Run(-1); err != nil {
		t.Fatal(err)
	}
	// The function's final end is reported as the instruction that returns.
	want := "call instr instr instr memwrite instr instr instr return"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("events %q, want %q", got, want)
	}
	if write == nil || write.Addr != 16 || string(write.Bytes) != "\x04\x03\x02\x01" {
		t.Errorf("memory write %+v", write)
	}
	if g, _ := inst.Global("g"); g.Lo != 0x01020304 {
		t.Errorf("global g = %#x", g.Lo)
	}
	ex, _ = inst.Call("callhost", vm.I32(5))
	ex.SetObserver(obs)
	if _, err := ex.Run(-1); err != nil {
		t.Fatal(err)
	}
	if host != "env.log v=i32:5 -> i32:10" {
		t.Errorf("host call event %q", host)
	}
}

func TestExhaustion(t *testing.T) {
	mod, err := vm.CompileText([]byte(`(module (func (export "r") (call 0)))`), "r.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{MaxCallDepth: 100000}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	_, err = inst.Invoke("r")
	var trap *vm.Trap
	if !errors.As(err, &trap) || trap.Msg != "call stack exhausted" || len(trap.Stack) != 100000 {
		t.Fatalf("got %v", err)
	}
}

func TestLinkErrors(t *testing.T) {
	tests := []struct{ wat, msg string }{
		{`(module (import "env" "nope" (func)))`, "unknown import"},
		{`(module (import "env" "f" (func (param i64))))`, "incompatible import type"},
		{`(module (import "env" "f" (global i32)))`, "incompatible import type"},
	}
	for _, tc := range tests {
		mod, err := vm.CompileText([]byte(tc.wat), "l.wat")
		if err != nil {
			t.Fatal(err)
		}
		s := vm.NewStore(vm.Config{})
		s.DefineHost("env", map[string]vm.HostFunc{"f": {Type: syntax.FuncType{}, Call: func(*vm.Caller, []uint64, []uint64) error { return nil }}})
		_, err = s.Instantiate(mod)
		var le *vm.LinkError
		if !errors.As(err, &le) || le.Msg != tc.msg {
			t.Errorf("%s: got %v, want %s", tc.wat, err, tc.msg)
		}
	}
}
