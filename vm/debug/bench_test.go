package debug_test

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
)

// benchSrc runs n rounds of a small loop body, calling the host every
// 1024 rounds (as a program prints now and then).
const benchSrc = `(module
  (import "env" "next" (func $next (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    loop
      local.get $s
      local.get $i
      i32.add
      i32.const 3
      i32.mul
      local.set $s
      local.get $i
      i32.const 1023
      i32.and
      i32.eqz
      if
        i32.const 64
        call $next
        local.get $s
        i32.add
        local.set $s
      end
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if 0
    end
    local.get $s))`

const benchRounds = 200_000

func benchMod(b *testing.B) *vm.Module {
	mod, err := vm.CompileText([]byte(benchSrc), "bench.wat")
	if err != nil {
		b.Fatal(err)
	}
	return mod
}

// BenchmarkRun is the untraced run, the baseline of the two below.
func BenchmarkRun(b *testing.B) {
	mod := benchMod(b)
	for b.Loop() {
		store := vm.NewStore(vm.Config{})
		store.DefineHost("env", counterHost())
		inst, err := store.Instantiate(mod)
		if err != nil {
			b.Fatal(err)
		}
		ex, err := inst.Call("run", vm.I32(benchRounds))
		if err != nil {
			b.Fatal(err)
		}
		if st, err := ex.Run(-1); st != vm.Done || err != nil {
			b.Fatal(st, err)
		}
	}
}

// BenchmarkRecord is the debugger's forward run (Continue): logged, host
// calls recorded (what stepping back costs going forward).
func BenchmarkRecord(b *testing.B) {
	mod := benchMod(b)
	for b.Loop() {
		rec := &debug.Recorder{}
		_, d := attached(b, mod, "env", rec.Wrap("env", counterHost()), "run", vm.I32(benchRounds))
		if st := d.Continue(); st.Reason != debug.Returned {
			b.Fatal(st.Reason, st.Err)
		}
	}
}

// BenchmarkReplayToMiddle is one step back: a re-run replaying the record
// to the middle of the run.
func BenchmarkReplayToMiddle(b *testing.B) {
	mod := benchMod(b)
	rec := &debug.Recorder{}
	host := rec.Wrap("env", counterHost())
	_, d := attached(b, mod, "env", host, "run", vm.I32(benchRounds))
	if st := d.Goto(debug.ToEnd); st.Reason != debug.Returned {
		b.Fatal(st.Reason, st.Err)
	}
	middle := d.Executed() / 2
	for b.Loop() {
		rec.Rewind()
		_, d := attached(b, mod, "env", host, "run", vm.I32(benchRounds))
		if st := d.Goto(middle); st.Reason != debug.Stepped {
			b.Fatal(st.Reason, st.Err)
		}
	}
	b.ReportMetric(float64(2*middle), "instructions/run")
}

// BenchmarkRecordSnapshots is the forward run recorded for time travel
// only: unlogged (SetLogging(false)), host calls recorded, snapshots kept.
func BenchmarkRecordSnapshots(b *testing.B) {
	mod := benchMod(b)
	for b.Loop() {
		rec := &debug.Recorder{}
		_, d := attached(b, mod, "env", rec.Wrap("env", counterHost()), "run", vm.I32(benchRounds))
		d.SetLogging(false)
		d.Record(rec)
		if st := d.Continue(); st.Reason != debug.Returned {
			b.Fatal(st.Reason, st.Err)
		}
	}
}
