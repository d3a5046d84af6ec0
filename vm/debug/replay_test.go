package debug_test

import (
	"fmt"
	"hash/maphash"
	"math/rand"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// replaySrc calls a host function that answers differently each time and
// writes memory, in a loop, and keeps what it got in a global and memory.
const replaySrc = `(module
  (import "env" "next" (func $next (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $sum (mut i32) (i32.const 0))
  (func (export "run") (param $n i32)
    (local $i i32)
    loop
      local.get $i
      i32.const 4
      i32.mul
      call $next
      global.get $sum
      i32.add
      global.set $sum
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if 0
    end))`

// counterHost is a host function whose answers depend on how often it was
// called: a re-run that called it again would see other values.
func counterHost() map[string]vm.HostFunc {
	calls := 0
	return map[string]vm.HostFunc{"next": {
		Type: syntax.FuncType{Params: []syntax.ValType{syntax.I32}, Results: []syntax.ValType{syntax.I32}},
		Call: func(c *vm.Caller, args, res []uint64) error {
			calls++
			v := uint32(calls*7919 + 13)
			m := c.Memory()
			p := args[0]
			m[p], m[p+1], m[p+2], m[p+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
			res[0] = uint64(v)
			return nil
		},
	}}
}

// stateHash hashes memory, globals, tables and the frames (functions,
// offsets, locals, operand stacks) of a paused execution, and files when
// given.
func stateHash(inst *vm.Instance, d *debug.Debugger, files ...debug.File) string {
	// maphash rather than a cryptographic hash: memories are hashed
	// thousands of times (TestTravelSpec); one seed for the process.
	h := new(maphash.Hash)
	h.SetSeed(hashSeed)
	for _, m := range inst.Runtime().Mems {
		fmt.Fprint(h, len(m.Data), ":")
		h.Write(m.Data)
	}
	for _, g := range inst.Globals() {
		fmt.Fprint(h, vm.FormatValue(g), ";")
	}
	for _, t := range inst.Runtime().Tables {
		fmt.Fprint(h, t.Elems, ";")
	}
	for _, fr := range d.Frames() {
		fmt.Fprint(h, fr.Func, fr.Offset, "|")
		for _, v := range append(fr.Locals, fr.Stack...) {
			fmt.Fprint(h, vm.FormatValue(v), ",")
		}
	}
	for _, f := range files {
		fmt.Fprintf(h, "%s %v %d:", f.Path, f.Mode, len(f.Data))
		h.Write(f.Data)
	}
	return fmt.Sprintf("%x", h.Sum64())
}

var hashSeed = maphash.MakeSeed()

// stepHashes runs the attached execution to its return one instruction at
// a time and returns the state's hash before each instruction.
func stepHashes(t *testing.T, inst *vm.Instance, d *debug.Debugger) []string {
	t.Helper()
	var forward []string
	for {
		forward = append(forward, stateHash(inst, d))
		if st := d.StepInto(); st.Reason != debug.Stepped {
			if st.Reason != debug.Returned {
				t.Fatalf("forward run: %v %v", st.Reason, st.Err)
			}
			return forward
		}
	}
}

// TestReplay runs the program forward one instruction at a time, keeping
// the state's hash at every count, then re-runs it from a new instance that
// replays the recorded host calls to each count, and compares.
func TestReplay(t *testing.T) {
	mod, err := vm.CompileText([]byte(replaySrc), "replay.wat")
	if err != nil {
		t.Fatal(err)
	}
	rec := &debug.Recorder{}
	host := rec.Wrap("env", counterHost())
	start := func() (*vm.Instance, *debug.Debugger) { return attached(t, mod, "env", host, "run", vm.I32(5)) }
	inst, d := start()
	forward := stepHashes(t, inst, d)
	if rec.Calls() != 5 {
		t.Fatalf("%d host calls recorded, want 5", rec.Calls())
	}
	sum := vm.FormatValue(inst.Globals()[0])
	for _, n := range []int{0, 1, 4, 5, 6, 17, len(forward) / 2, len(forward) - 1} {
		t.Run(fmt.Sprint("back to ", n), func(t *testing.T) {
			rec.Rewind()
			inst, d := start()
			if st := d.Goto(uint64(n)); st.Reason != debug.Stepped {
				t.Fatalf("%v %v", st.Reason, st.Err)
			}
			if got := stateHash(inst, d); got != forward[n] {
				t.Fatalf("state at instruction %d differs from the forward run's", n)
			}
			// On to the end from the record alone: the sum is the forward
			// run's, and the host was not called again.
			if st := d.Goto(debug.ToEnd); st.Reason != debug.Returned {
				t.Fatalf("to the end: %v %v", st.Reason, st.Err)
			}
			if got := vm.FormatValue(inst.Globals()[0]); got != sum || rec.Calls() != 5 {
				t.Fatalf("sum %s after %d host calls, want %s after 5", got, rec.Calls(), sum)
			}
		})
	}
	t.Run("diverged", func(t *testing.T) {
		rec.Rewind()
		// The record's calls are env.next; this run's are other.next.
		_, d := attached(t, mod, "env", rec.Wrap("other", counterHost()), "run", vm.I32(5))
		st := d.Goto(debug.ToEnd)
		if st.Reason != debug.Trapped || !strings.Contains(st.Err.Error(), "replay diverged at host call 0: the program called other.next, the recorded run env.next") {
			t.Fatalf("%v %v, want the divergence", st.Reason, st.Err)
		}
	})
}

func TestBack(t *testing.T) {
	tests := []struct {
		name  string
		steps int  // StepInto from the start of main(3)
		out   bool // Back(true)
		want  uint64
		ok    bool
	}{
		// main: local.get 0, local.get 1, call $add (count 2); add's
		// first instruction is count 3.
		{"over, in main", 2, false, 1, true},
		{"over, into the caller from a callee's first instruction", 3, false, 2, true},
		{"over, inside the callee", 5, false, 4, true},
		{"out of the callee", 5, true, 2, true},
		{"out of main: it is the outermost", 2, true, 0, false},
		{"over, at the start", 0, false, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.call("main", vm.I32(3))
			for i := 0; i < tc.steps; i++ {
				f.d.StepInto()
			}
			got, ok := f.d.Back(tc.out)
			if got != tc.want || ok != tc.ok {
				t.Fatalf("Back(%v) after %d steps = %d %v, want %d %v", tc.out, tc.steps, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestTimeTravel goes back and forth in one execution: the forward run
// keeps the state's hash at every instruction, with snapshots every 100
// instructions; Goto to earlier counts, in random order, restores the
// latest snapshot and replays the host calls from there, and must find the
// same states; going to the end again calls the host no more.
func TestTimeTravel(t *testing.T) {
	mod, err := vm.CompileText([]byte(replaySrc), "replay.wat")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		interval uint64
		reported bool
	}{
		{"compared memory, snapshots every 100", 100, false},
		{"compared memory, one snapshot", 0, false},
		{"reported writes, snapshots every 37", 37, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &debug.Recorder{Interval: tc.interval}
			host := counterHost()
			if tc.reported {
				host = reporting(host)
				host = rec.WrapReported("env", host)
			} else {
				host = rec.Wrap("env", host)
			}
			inst, d := attached(t, mod, "env", host, "run", vm.I32(60))
			d.Record(rec)
			forward := stepHashes(t, inst, d)
			end := stateHash(inst, d)
			if tc.interval != 0 && d.Snapshots() < 5 {
				t.Errorf("%d snapshots of %d instructions every %d", d.Snapshots(), len(forward), tc.interval)
			}
			rnd := rand.New(rand.NewSource(1))
			for _, n := range append([]int{0, len(forward) - 1, 1}, rnd.Perm(len(forward))[:40]...) {
				if st := d.Goto(uint64(n)); st.Reason != debug.Stepped {
					t.Fatalf("back to %d: %v %v", n, st.Reason, st.Err)
				}
				if got := stateHash(inst, d); got != forward[n] {
					t.Fatalf("state at instruction %d differs from the forward run's", n)
				}
			}
			if st := d.Goto(debug.ToEnd); st.Reason != debug.Returned {
				t.Fatalf("to the end: %v %v", st.Reason, st.Err)
			}
			if stateHash(inst, d) != end || rec.Calls() != 60 {
				t.Fatalf("at the end after going back: the state differs, or %d host calls (want 60)", rec.Calls())
			}
		})
	}
}

// reporting makes counterHost's functions report their writes.
func reporting(funcs map[string]vm.HostFunc) map[string]vm.HostFunc {
	out := map[string]vm.HostFunc{}
	for name, f := range funcs {
		call := f.Call
		f.Call = func(c *vm.Caller, args, res []uint64) error {
			err := call(c, args, res)
			c.Wrote(args[0], 4)
			return err
		}
		out[name] = f
	}
	return out
}

// TestUnlogged: a debugger whose runs are unlogged (SetLogging(false))
// answers Back and LastWrite as a logged one does, re-running the way from
// a snapshot when asked.
func TestUnlogged(t *testing.T) {
	mod, err := vm.CompileText([]byte(replaySrc), "replay.wat")
	if err != nil {
		t.Fatal(err)
	}
	type answers struct {
		back, out   uint64
		okB, okO    bool
		write       debug.Write
		wrote       bool
		state, next string
	}
	ask := func(inst *vm.Instance, d *debug.Debugger) answers {
		var a answers
		a.back, a.okB = d.Back(false)
		a.out, a.okO = d.Back(true)
		a.write, a.wrote = d.LastWrite(4 * 7)
		a.state = stateHash(inst, d)
		return a
	}
	for _, n := range []uint64{0, 1, 130, 131, 132, 500, 777} {
		t.Run(fmt.Sprint("at ", n), func(t *testing.T) {
			var got [2]answers
			for i, logged := range []bool{true, false} {
				rec := &debug.Recorder{Interval: 100}
				inst, d := attached(t, mod, "env", rec.Wrap("env", counterHost()), "run", vm.I32(60))
				d.Record(rec)
				d.SetLogging(logged)
				d.BreakCount(n)
				if n > 0 {
					if st := d.Continue(); st.Reason != debug.AtCount {
						t.Fatalf("%v %v", st.Reason, st.Err)
					}
				}
				got[i] = ask(inst, d)
			}
			if got[0] != got[1] {
				t.Fatalf("logged: %+v\nunlogged: %+v", got[0], got[1])
			}
			if n > 500 && !got[0].wrote {
				t.Fatalf("no write of address 28 found: %+v", got[0])
			}
		})
	}
}
