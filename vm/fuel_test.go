package vm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
)

// where describes a paused execution: every frame's function, offset,
// locals and operand stack.
func where(ex *vm.Execution) string {
	s := ""
	for _, f := range ex.Frames() {
		s += fmt.Sprintf("%d@%#x %v %v; ", f.Func, f.Offset, f.Locals, f.Stack)
	}
	return s
}

// TestFuelCountsWasmInstructions: Run(N) pauses at the same instruction
// whether the fused code runs (untraced), the plain code runs (a
// breakpoint set elsewhere) or every instruction is recorded (a log), and
// where N single steps stop; a recorded run of N has N instruction events.
// Resuming from there gives the same results.
func TestFuelCountsWasmInstructions(t *testing.T) {
	inst := benchInstance(t)
	type mode struct {
		name  string
		setup func(ex *vm.Execution) *vm.Log
	}
	modes := []mode{
		{"fast", func(*vm.Execution) *vm.Log { return nil }},
		{"plain", func(ex *vm.Execution) *vm.Log { ex.SetBreakpoint(99, 0); return nil }},
		{"logged", func(ex *vm.Execution) *vm.Log { l := vm.NewLog(1 << 20); ex.SetLog(l); return l }},
	}
	for _, c := range []struct {
		export string
		arg    int32
	}{{"fib", 6}, {"loop", 1}} {
		steps := pausingSteps(t, inst, c.export, c.arg)
		for _, n := range []int64{1, 2, 3, 4, 5, 7, 10, 13, 17, 29, 64, 101, 250, 999} {
			if n > steps {
				break // the call has ended
			}
			t.Run(fmt.Sprintf("%s/%d", c.export, n), func(t *testing.T) {
				ex, _ := inst.Call(c.export, vm.I32(c.arg))
				for i := int64(0); i < n; i++ {
					if st, err := ex.Step(); err != nil || st != vm.Paused {
						t.Fatalf("step %d: %v, %v", i+1, st, err)
					}
				}
				want := where(ex)
				if _, err := ex.Run(-1); err != nil {
					t.Fatal(err)
				}
				wantResult := ex.Results()[0].Lo
				for _, m := range modes {
					ex, _ := inst.Call(c.export, vm.I32(c.arg))
					l := m.setup(ex)
					// In slices, so pausing inside a fused sequence and
					// resuming is exercised too.
					left := n
					for _, slice := range []int64{n / 3, n / 3, n - 2*(n/3)} {
						if slice == 0 {
							continue
						}
						if st, err := ex.Run(slice); err != nil || st != vm.Paused {
							t.Fatalf("%s: Run(%d) = %v, %v", m.name, slice, st, err)
						}
						left -= slice
					}
					if got := where(ex); got != want {
						t.Errorf("%s: paused after %d at\n%s\nwant\n%s", m.name, n, got, want)
					}
					if l != nil {
						instrs := 0
						var ev vm.Event
						for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
							if l.Event(i, &ev) && ev.Kind == vm.EventInstr {
								instrs++
							}
						}
						if int64(instrs) != n {
							t.Errorf("%s: %d instruction events after Run(%d)", m.name, instrs, n)
						}
					}
					if _, err := ex.Run(-1); err != nil || ex.Results()[0].Lo != wantResult {
						t.Errorf("%s: resumed to %v, %v; want %d", m.name, ex.Results(), err, wantResult)
					}
				}
			})
		}
	}
}

// pausingSteps returns how many single steps of export(arg) pause before
// the call ends.
func pausingSteps(t *testing.T, inst *vm.Instance, export string, arg int32) int64 {
	t.Helper()
	ex, err := inst.Call(export, vm.I32(arg))
	if err != nil {
		t.Fatal(err)
	}
	n := int64(0)
	for {
		st, err := ex.Step()
		if err != nil {
			t.Fatal(err)
		}
		if st != vm.Paused {
			return n
		}
		n++
	}
}

// callExtendWAT calls a function and extends its i32 result to i64, which
// fast code drops (i64.extend_i32_u changes no slot value): the dropped
// instruction must not be counted with the call, before the callee's
// instructions, or Run(N) would stop one instruction early in the callee.
const callExtendWAT = `(module
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func (export "g") (param i32) (result i64)
    local.get 0 call $inc i64.extend_i32_u
    local.get 0 call $inc i64.extend_i32_u
    i64.add))`

// TestFuelAcrossCalls: Run(N) in fast code pauses where N single steps do,
// for every N up to the end of a call that returns into a dropped
// instruction.
func TestFuelAcrossCalls(t *testing.T) {
	mod, err := vm.CompileText([]byte(callExtendWAT), "callextend.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	// Every N at which the call is still running.
	steps := pausingSteps(t, inst, "g", 5)
	if steps < 12 {
		t.Fatalf("g paused after only %d steps", steps)
	}
	for n := int64(1); n <= steps; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			stepped, _ := inst.Call("g", vm.I32(5))
			for i := int64(0); i < n; i++ {
				if st, err := stepped.Step(); err != nil || st != vm.Paused {
					t.Fatalf("step %d: %v, %v", i+1, st, err)
				}
			}
			fast, _ := inst.Call("g", vm.I32(5))
			if err := pausedAsStepped(fast, stepped, n); err != nil {
				t.Error(err)
			}
		})
	}
}

// pausedAsStepped runs fast for n instructions and says how it differs
// from stepped, paused after n single steps: where it paused (every
// frame) and how many instructions it counts as executed.
func pausedAsStepped(fast, stepped *vm.Execution, n int64) error {
	if st, err := fast.Run(n); err != nil || st != vm.Paused {
		return fmt.Errorf("Run(%d) = %v, %v", n, st, err)
	}
	if got, want := where(fast), where(stepped); got != want {
		return fmt.Errorf("Run(%d) paused at\n%s\nwant (after %d steps)\n%s", n, got, n, want)
	}
	if got, want := fast.Executed(), stepped.Executed(); got != want {
		return fmt.Errorf("Run(%d): %d instructions executed, %d after as many steps", n, got, want)
	}
	return nil
}

// longRunsWAT builds a function whose straight lines are longer than a
// run of fast code may be (fast code charges its fuel by runs and cuts a
// long line with a charge of its own): a loop whose body is 600
// instructions, and a tail of 300 after it that ends in a load, which
// traps when the argument is out of bounds.
func longRunsWAT() string {
	var body strings.Builder
	for k := 0; k < 150; k++ {
		fmt.Fprintf(&body, "local.get $x i32.const %d i32.add local.set $x\n", k)
	}
	var tail strings.Builder
	for k := 0; k < 75; k++ {
		fmt.Fprintf(&tail, "local.get $x i32.const %d i32.xor local.set $x\n", k)
	}
	return `(module (memory 1)
  (func (export "f") (param $n i32) (param $a i32) (result i32) (local $x i32)
    (loop $l
      ` + body.String() + `
      local.get $n i32.const 1 i32.sub local.tee $n
      br_if $l)
    ` + tail.String() + `
    local.get $a i32.load
    local.get $x i32.add))`
}

// TestFuelByRuns: for every N up to the end of a call whose straight lines
// are longer than a run, Run(N) pauses where N single steps do, and a trap
// in the middle of a run counts the instructions executed as stepping
// does.
func TestFuelByRuns(t *testing.T) {
	mod, err := vm.CompileText([]byte(longRunsWAT()), "longruns.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	args := []vm.Value{vm.I32(2), vm.I32(16)}
	stepped, _ := inst.Call("f", args...)
	for n := int64(1); ; n++ {
		st, err := stepped.Step()
		if err != nil {
			t.Fatal(err)
		}
		if st != vm.Paused {
			if n < 1500 {
				t.Fatalf("f ended after %d steps", n)
			}
			break
		}
		fast, _ := inst.Call("f", args...)
		if err := pausedAsStepped(fast, stepped, n); err != nil {
			t.Fatal(err)
		}
		// Resumed in slices of 97 to the end: the same result.
		for st == vm.Paused {
			if st, err = fast.Run(97); err != nil {
				t.Fatalf("after Run(%d), resumed: %v", n, err)
			}
		}
	}
	trapped := func(ex *vm.Execution, run func() (vm.Status, error)) uint64 {
		for {
			st, err := run()
			if err != nil {
				return ex.Executed()
			}
			if st != vm.Paused {
				t.Fatal("f did not trap")
			}
		}
	}
	bad := []vm.Value{vm.I32(2), vm.I32(1 << 20)}
	ex1, _ := inst.Call("f", bad...)
	ex2, _ := inst.Call("f", bad...)
	ex3, _ := inst.Call("f", bad...)
	fast, step, sliced := trapped(ex1, func() (vm.Status, error) { return ex1.Run(-1) }), trapped(ex2, ex2.Step), trapped(ex3, func() (vm.Status, error) { return ex3.Run(100) })
	if fast != step || sliced != step {
		t.Errorf("trapped after %d instructions run at once, %d in slices of 100, %d stepped", fast, sliced, step)
	}
}
