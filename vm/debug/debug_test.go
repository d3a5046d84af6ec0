package debug_test

import (
	"errors"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

const src = `(module
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (func $add (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add)
  (func $main (export "main") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    block
      loop
        nop
        local.get $s
        local.get $i
        call $add
        local.set $s
        local.get $i
        i32.const 1
        i32.add
        local.tee $i
        local.get $n
        i32.lt_s
        br_if 0
      end
    end
    local.get $s
    global.set $g
    local.get $s)
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func $store (export "store") (param i32 i32)
    local.get 0
    local.get 1
    i32.store
    local.get 0
    i32.const 4
    i32.add
    local.get 1
    i32.store))`

// Function indexes in src.
const (
	fAdd = iota
	fMain
	fDiv
	fStore
)

// attached instantiates mod with the host functions of module "env"
// (or of the module named hostModule), calls export with args and returns
// the instance and a debugger attached to the call.
func attached(t testing.TB, mod *vm.Module, hostModule string, host map[string]vm.HostFunc, export string, args ...vm.Value) (*vm.Instance, *debug.Debugger) {
	t.Helper()
	store := vm.NewStore(vm.Config{})
	if host != nil {
		store.DefineHost(hostModule, host)
	}
	inst, err := store.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := inst.Call(export, args...)
	if err != nil {
		t.Fatal(err)
	}
	d := debug.New(mod)
	d.Attach(ex)
	return inst, d
}

type fixture struct {
	t    *testing.T
	mod  *vm.Module
	inst *vm.Instance
	d    *debug.Debugger
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	mod, err := vm.CompileText([]byte(src), "debug.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, mod: mod, inst: inst, d: debug.New(mod)}
}

// call attaches a call of export to the debugger.
func (f *fixture) call(export string, args ...vm.Value) {
	f.t.Helper()
	ex, err := f.inst.Call(export, args...)
	if err != nil {
		f.t.Fatal(err)
	}
	f.d.Attach(ex)
}

// op returns the module offset of the first instruction of function fn
// with op, skipping skip of them.
func (f *fixture) op(fn uint32, op syntax.Op, skip int) uint32 {
	f.t.Helper()
	body, err := f.mod.Body(fn + uint32(f.mod.Syntax().NumImported(syntax.ExternFunc)))
	if err != nil {
		f.t.Fatal(err)
	}
	for _, in := range body {
		if in.Op == op {
			if skip == 0 {
				return in.Offset
			}
			skip--
		}
	}
	f.t.Fatalf("func[%d] has no %v", fn, op)
	return 0
}

// at checks that the innermost frame is at fn:off with depth frames.
func (f *fixture) at(st debug.Stop, want debug.Reason, fn, off uint32, depth int) {
	f.t.Helper()
	if st.Reason != want {
		f.t.Fatalf("stopped: %v (%v), want %v", st.Reason, st.Err, want)
	}
	fr := f.d.Frames()
	if len(fr) != depth {
		f.t.Fatalf("%d frames, want %d", len(fr), depth)
	}
	if fr[0].Func != fn || fr[0].Offset != off {
		f.t.Fatalf("at func[%d]+0x%x, want func[%d]+0x%x", fr[0].Func, fr[0].Offset, fn, off)
	}
}

func TestBreakpoints(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, f *fixture)
	}{
		{"function", func(t *testing.T, f *fixture) {
			if _, err := f.d.BreakFunc("$add"); err != nil {
				t.Fatal(err)
			}
			f.call("main", vm.I32(3))
			for i := 0; i < 3; i++ {
				st := f.d.Continue()
				f.at(st, debug.AtBreak, fAdd, f.op(fAdd, syntax.OpLocalGet, 0), 2)
				if a := f.d.Frames()[0].Locals[0].Lo; a != 0 {
					// $s: 0, then 0+0, then 0+1.
					if want := uint64(i * (i - 1) / 2); a != want {
						t.Fatalf("hit %d: $a = %d, want %d", i, a, want)
					}
				}
			}
			if st := f.d.Continue(); st.Reason != debug.Returned {
				t.Fatalf("after 3 calls: %v, want returned", st.Reason)
			}
		}},
		{"export name", func(t *testing.T, f *fixture) {
			b, err := f.d.BreakFunc("div")
			if err != nil {
				t.Fatal(err)
			}
			if b.Site.Func != fDiv {
				t.Fatalf("div is func[%d], want %d", b.Site.Func, fDiv)
			}
		}},
		{"offset of a block snaps past it", func(t *testing.T, f *fixture) {
			b, err := f.d.BreakOffset(f.op(fMain, syntax.OpBlock, 0))
			if err != nil {
				t.Fatal(err)
			}
			// block, loop and nop are compiled away.
			if want := f.op(fMain, syntax.OpLocalGet, 0); b.Site.Offset != want {
				t.Fatalf("snapped to 0x%x, want 0x%x", b.Site.Offset, want)
			}
			f.call("main", vm.I32(2))
			f.at(f.d.Continue(), debug.AtBreak, fMain, b.Site.Offset, 1)
			f.at(f.d.Continue(), debug.AtBreak, fMain, b.Site.Offset, 1) // the loop's second round
		}},
		{"instruction count", func(t *testing.T, f *fixture) {
			f.d.BreakCount(7)
			f.call("main", vm.I32(3))
			st := f.d.Continue()
			if st.Reason != debug.AtCount || f.d.Executed() != 7 {
				t.Fatalf("%v after %d instructions, want count after 7", st.Reason, f.d.Executed())
			}
			// main: local.get, local.get, call; add: local.get, local.get,
			// i32.add, end; the 8th is main's local.set.
			f.at(st, debug.AtCount, fMain, f.op(fMain, syntax.OpLocalSet, 0), 1)
		}},
		{"added while paused", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			f.at(f.d.StepInto(), debug.Stepped, fMain, f.op(fMain, syntax.OpLocalGet, 1), 1)
			// At the current instruction: continuing executes it rather
			// than stopping at once, and stops there in the next round.
			b, err := f.d.BreakAt(fMain, f.op(fMain, syntax.OpLocalGet, 1))
			if err != nil {
				t.Fatal(err)
			}
			before := f.d.Executed()
			f.at(f.d.Continue(), debug.AtBreak, fMain, b.Site.Offset, 1)
			if f.d.Executed() == before {
				t.Fatal("continue did not move")
			}
		}},
		{"deleted while paused", func(t *testing.T, f *fixture) {
			b, _ := f.d.BreakFunc("add")
			f.call("main", vm.I32(3))
			f.at(f.d.Continue(), debug.AtBreak, fAdd, b.Site.Offset, 2)
			if err := f.d.Delete(b.ID); err != nil {
				t.Fatal(err)
			}
			if st := f.d.Continue(); st.Reason != debug.Returned {
				t.Fatalf("%v, want returned", st.Reason)
			}
			if err := f.d.Delete(b.ID); err == nil {
				t.Fatal("deleting twice: no error")
			}
		}},
		{"honoured by the next export call", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(1))
			b, _ := f.d.BreakFunc("div")
			if st := f.d.Continue(); st.Reason != debug.Returned {
				t.Fatalf("%v, want returned", st.Reason)
			}
			f.call("div", vm.I32(6), vm.I32(3))
			f.at(f.d.Continue(), debug.AtBreak, fDiv, b.Site.Offset, 1)
		}},
		{"run to", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			st, err := f.d.RunTo(fMain, f.op(fMain, syntax.OpGlobalSet, 0))
			if err != nil {
				t.Fatal(err)
			}
			f.at(st, debug.AtBreak, fMain, f.op(fMain, syntax.OpGlobalSet, 0), 1)
			if s := f.d.Frames()[0].Stack[0].Lo; s != 3 {
				t.Fatalf("$s = %d on the stack, want 0+1+2", s)
			}
			// The temporary breakpoint is gone.
			if st := f.d.Continue(); st.Reason != debug.Returned {
				t.Fatalf("%v, want returned", st.Reason)
			}
		}},
		{"bad places", func(t *testing.T, f *fixture) {
			if _, err := f.d.BreakFunc("nosuch"); err == nil {
				t.Error("no such function: no error")
			}
			if _, err := f.d.BreakAt(9, 0); err == nil {
				t.Error("func[9]: no error")
			}
			if _, err := f.d.BreakOffset(1); err == nil {
				t.Error("offset 1: no error")
			}
			if _, err := f.d.BreakAt(fAdd, 0xffff); err == nil {
				t.Error("offset past the function: no error")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, newFixture(t)) })
	}
}

func TestStepping(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, f *fixture)
	}{
		{"into", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			_, _ = f.d.RunTo(fMain, f.op(fMain, syntax.OpCall, 0))
			f.at(f.d.StepInto(), debug.Stepped, fAdd, f.op(fAdd, syntax.OpLocalGet, 0), 2)
		}},
		{"over", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			_, _ = f.d.RunTo(fMain, f.op(fMain, syntax.OpCall, 0))
			f.at(f.d.StepOver(), debug.Stepped, fMain, f.op(fMain, syntax.OpLocalSet, 0), 1)
			// Not a call: one instruction.
			f.at(f.d.StepOver(), debug.Stepped, fMain, f.op(fMain, syntax.OpLocalGet, 2), 1)
		}},
		{"over stops at a breakpoint inside", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			_, _ = f.d.RunTo(fMain, f.op(fMain, syntax.OpCall, 0))
			b, _ := f.d.BreakAt(fAdd, f.op(fAdd, syntax.OpI32Add, 0))
			f.at(f.d.StepOver(), debug.AtBreak, fAdd, b.Site.Offset, 2)
		}},
		{"out", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			_, _ = f.d.BreakFunc("add")
			f.d.Continue()
			f.at(f.d.StepOut(), debug.Stepped, fMain, f.op(fMain, syntax.OpLocalSet, 0), 1)
		}},
		{"out of the outermost frame ends the call", func(t *testing.T, f *fixture) {
			f.call("main", vm.I32(3))
			f.d.StepInto()
			if st := f.d.StepOut(); st.Reason != debug.Returned {
				t.Fatalf("%v, want returned", st.Reason)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, newFixture(t)) })
	}
}

func TestPauseOnTrap(t *testing.T) {
	f := newFixture(t)
	f.call("div", vm.I32(7), vm.I32(0))
	st := f.d.Continue()
	var trap *vm.Trap
	if !errors.As(st.Err, &trap) || trap.Msg != "integer divide by zero" {
		t.Fatalf("err %v, want the divide trap", st.Err)
	}
	f.at(st, debug.Trapped, fDiv, f.op(fDiv, syntax.OpI32DivS, 0), 1)
	fr := f.d.Frames()[0]
	if len(fr.Stack) != 2 || fr.Stack[0].Lo != 7 || fr.Stack[1].Lo != 0 {
		t.Fatalf("stack at the trap %v, want the operands 7 0", fr.Stack)
	}
	if len(fr.Locals) != 2 || fr.Locals[0].Lo != 7 {
		t.Fatalf("locals at the trap %v", fr.Locals)
	}
}

func TestWatch(t *testing.T) {
	tests := []struct {
		name     string
		addr, n  uint64
		want     int // which store stops (0, 1), -1: none
		wantByte uint64
	}{
		{"first word", 100, 4, 0, 100},
		{"last byte of the first", 103, 1, 0, 103},
		{"second word", 104, 2, 1, 105},
		{"straddling both", 102, 4, 0, 102},
		{"elsewhere", 200, 8, -1, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			if _, err := f.d.Watch(tc.addr, tc.n); err != nil {
				t.Fatal(err)
			}
			f.call("store", vm.I32(100), vm.I32(0x01020304))
			st := f.d.Continue()
			if tc.want < 0 {
				if st.Reason != debug.Returned {
					t.Fatalf("%v, want returned", st.Reason)
				}
				return
			}
			store := f.op(fStore, syntax.OpI32Store, tc.want)
			if st.Reason != debug.AtWatch || st.Write.Offset != store || st.Write.Func != fStore {
				t.Fatalf("%v by func[%d]+0x%x, want watchpoint by the store at 0x%x", st.Reason, st.Write.Func, st.Write.Offset, store)
			}
			if st.Write.Addr != 100+4*uint64(tc.want) || st.Write.Len != 4 {
				t.Fatalf("write of %d at %d", st.Write.Len, st.Write.Addr)
			}
			// Paused right after the store.
			if got := f.inst.Memory(0)[tc.wantByte]; got == 0 {
				t.Fatalf("byte %d not written yet", tc.wantByte)
			}
			w, ok := f.d.LastWrite(tc.wantByte)
			if !ok || w.Offset != store || w.Seq != f.d.Executed()-1 {
				t.Fatalf("last write of %d: %+v %v, want the store at 0x%x, instruction %d", tc.wantByte, w, ok, store, f.d.Executed()-1)
			}
		})
	}
	t.Run("set after the write", func(t *testing.T) {
		f := newFixture(t)
		f.call("store", vm.I32(100), vm.I32(1))
		f.d.StepInto()
		f.d.StepInto()
		f.d.StepInto() // the first store
		if _, err := f.d.Watch(100, 4); err != nil {
			t.Fatal(err)
		}
		if st := f.d.Continue(); st.Reason != debug.Returned {
			t.Fatalf("%v by the store at 0x%x, want returned: the write came before the watchpoint", st.Reason, st.Write.Offset)
		}
	})
	t.Run("never written", func(t *testing.T) {
		f := newFixture(t)
		f.call("store", vm.I32(100), vm.I32(1))
		f.d.Continue()
		if w, ok := f.d.LastWrite(99); ok {
			t.Fatalf("byte 99: %+v", w)
		}
		if _, err := f.d.Watch(0, 0); err == nil {
			t.Fatal("empty range: no error")
		}
	})
}

func TestPause(t *testing.T) {
	mod, err := vm.CompileText([]byte(`(module (func (export "spin") (loop br 0)))`), "spin.wat")
	if err != nil {
		t.Fatal(err)
	}
	_, d := attached(t, mod, "", nil, "spin")
	done := make(chan struct{})
	go func() {
		// Before or during the run: either way Continue returns.
		d.Pause()
		close(done)
	}()
	if st := d.Continue(); st.Reason != debug.Interrupted {
		t.Fatalf("%v, want interrupted", st.Reason)
	}
	<-done
	if fr := d.Frames(); d.Execution().Done() || len(fr) > 1 {
		t.Fatalf("%d frames after the pause, done %v", len(fr), d.Execution().Done())
	}
}

func TestHostWrite(t *testing.T) {
	mod, err := vm.CompileText([]byte(`(module
  (import "env" "fill" (func $fill (param i32)))
  (memory (export "memory") 1)
  (func (export "run") i32.const 40 call $fill))`), "host.wat")
	if err != nil {
		t.Fatal(err)
	}
	fill := map[string]vm.HostFunc{"fill": {
		Type: syntax.FuncType{Params: []syntax.ValType{syntax.I32}},
		Call: func(c *vm.Caller, args, _ []uint64) error {
			copy(c.Memory()[args[0]:], "abcd")
			c.Wrote(args[0], 4)
			return nil
		},
	}}
	_, d := attached(t, mod, "env", fill, "run")
	// Set before the run: the first Continue sees the write.
	if _, err := d.Watch(43, 1); err != nil {
		t.Fatal(err)
	}
	st := d.Continue()
	if st.Reason != debug.AtWatch || !st.Write.Host || st.Write.HostFn != "env.fill" || st.Write.Addr != 40 || st.Write.Len != 4 {
		t.Fatalf("%v %+v, want the watchpoint by env.fill's write of 4 bytes at 40", st.Reason, st.Write)
	}
	if w, ok := d.LastWrite(41); !ok || w.HostFn != "env.fill" {
		t.Fatalf("last write of 41: %+v %v", w, ok)
	}
}
