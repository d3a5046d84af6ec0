package vm_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/trace"
)

const benchWAT = `(module
  (memory 1)
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  ;; loop: fill 4096 bytes of memory, then sum them, n times
  (func (export "loop") (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $outer
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $i (i32.const 0))
        (loop $fill
          (i32.store8 (local.get $i) (i32.add (local.get $i) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $fill (i32.lt_u (local.get $i) (i32.const 4096))))
        (local.set $i (i32.const 0))
        (loop $sum
          (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $sum (i32.lt_u (local.get $i) (i32.const 4096))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $outer)))
    (local.get $s))
)`

func benchInstance(b testing.TB) *vm.Instance {
	mod, err := vm.CompileText([]byte(benchWAT), "bench.wat")
	if err != nil {
		b.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		b.Fatal(err)
	}
	return inst
}

func runBench(b *testing.B, export string, arg int32, want uint64, obs vm.Observer) {
	runBenchLog(b, export, arg, want, obs, nil)
}

// runBenchLog runs export(arg) b.N times, recording into log when it is
// not nil.
func runBenchLog(b *testing.B, export string, arg int32, want uint64, obs vm.Observer, log *vm.Log) {
	runBenchWatch(b, benchInstance(b), export, arg, want, func(ex *vm.Execution) {
		if log != nil {
			log.Reset()
			ex.SetLog(log)
		}
		ex.SetObserver(obs)
	})
}

// runBenchWatch runs export(arg) of inst b.N times, each execution given
// to watch first.
func runBenchWatch(b *testing.B, inst *vm.Instance, export string, arg int32, want uint64, watch func(*vm.Execution)) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ex, err := inst.Call(export, vm.I32(arg))
		if err != nil {
			b.Fatal(err)
		}
		watch(ex)
		if _, err := ex.Run(-1); err != nil {
			b.Fatal(err)
		}
		if got := ex.Results()[0].Lo; got != want {
			b.Fatalf("%s(%d) = %d, want %d", export, arg, got, want)
		}
	}
}

// BenchmarkFib is call-heavy recursion. Comparing it with and without
// -tags wasmscope_nobudget measures the cost of the per-instruction check
// that pausing and observation rest on (no observer attached).
func BenchmarkFib(b *testing.B) { runBench(b, "fib", 25, 75025, nil) }

// BenchmarkLoop is byte stores and loads in tight loops.
func BenchmarkLoop(b *testing.B) { runBench(b, "loop", 50, 26112000, nil) }

// BenchmarkFibObserved is fib with an observer that does nothing: the
// price of decoding every event, for comparison.
func BenchmarkFibObserved(b *testing.B) { runBench(b, "fib", 25, 75025, func(*vm.Event) {}) }

// BenchmarkFibLogged records every instruction of fib into a log of 64
// MiB (a million records): compare with BenchmarkFib for the price of
// recording (target: 3x at most).
func BenchmarkFibLogged(b *testing.B) { runBenchLog(b, "fib", 25, 75025, nil, vm.NewLog(1<<20)) }

// BenchmarkLoopLogged is BenchmarkLoop recorded.
func BenchmarkLoopLogged(b *testing.B) { runBenchLog(b, "loop", 50, 26112000, nil, vm.NewLog(256<<10)) }

// BenchmarkFibTraceText writes fib's trace as text (the CLI's
// --trace=FILE) to nowhere: compare with BenchmarkFib (target: 15x at
// most).
func BenchmarkFibTraceText(b *testing.B) {
	inst := benchInstance(b)
	w := trace.NewWriter(io.Discard, inst.Module().Syntax())
	runBenchWatch(b, inst, "fib", 25, 75025, w.Attach)
}

// BenchmarkTraceRatio runs fib and the loop untraced and, alternately,
// recorded into a log of 64 MiB (logged) or traced as text to nowhere
// (text), and reports the ratio of the fastest runs of each, in CPU time:
// interleaving keeps a loaded machine's swings out of the ratio.
func BenchmarkTraceRatio(b *testing.B) {
	for _, w := range []struct {
		name   string
		export string
		arg    int32
		want   uint64
	}{{"fib", "fib", 25, 75025}, {"loop", "loop", 50, 26112000}} {
		for _, mode := range []string{"logged", "text"} {
			b.Run(w.name+"/"+mode, func(b *testing.B) {
				inst := benchInstance(b)
				log := vm.NewLog(64 << 20)
				tw := trace.NewWriter(io.Discard, inst.Module().Syntax())
				run := func(traced bool) time.Duration {
					ex, err := inst.Call(w.export, vm.I32(w.arg))
					if err != nil {
						b.Fatal(err)
					}
					switch {
					case traced && mode == "logged":
						log.Reset()
						ex.SetLog(log)
					case traced:
						tw.Attach(ex)
					}
					start := cpuNow()
					if _, err := ex.Run(-1); err != nil {
						b.Fatal(err)
					}
					d := cpuNow() - start
					if got := ex.Results()[0].Lo; got != w.want {
						b.Fatalf("%s = %d, want %d", w.export, got, w.want)
					}
					return d
				}
				plain, traced := time.Duration(1<<62), time.Duration(1<<62)
				for i := 0; i < b.N; i++ {
					plain = min(plain, run(false))
					traced = min(traced, run(true))
				}
				b.ReportMetric(float64(plain.Microseconds())/1000, "ms-plain")
				b.ReportMetric(float64(traced)/float64(plain), "x-"+mode)
			})
		}
	}
}

// BenchmarkLoopTraceText is BenchmarkLoop traced as text to nowhere: its
// values are mostly large (addresses, sums), written in decimal and hex.
func BenchmarkLoopTraceText(b *testing.B) {
	inst := benchInstance(b)
	w := trace.NewWriter(io.Discard, inst.Module().Syntax())
	runBenchWatch(b, inst, "loop", 50, 26112000, w.Attach)
}

// BenchmarkAppendLog formats a recorded run of the loop (byte stores and
// loads: addresses, sums) and of fib from the log, as the text trace
// does, and reports the formatting's cost a line: the fastest of the b.N
// formattings, in CPU time, which a busy machine disturbs least.
func BenchmarkAppendLog(b *testing.B) {
	for _, w := range []struct {
		export string
		arg    int32
	}{{"loop", 2}, {"fib", 18}} {
		b.Run(w.export, func(b *testing.B) {
			inst := benchInstance(b)
			log := vm.NewLog(64 << 20)
			ex, err := inst.Call(w.export, vm.I32(w.arg))
			if err != nil {
				b.Fatal(err)
			}
			ex.SetLog(log)
			if _, err := ex.Run(-1); err != nil {
				b.Fatal(err)
			}
			if log.First() != 0 {
				b.Fatal("the log wrapped")
			}
			f := trace.Formatter{Module: inst.Module().Syntax()}
			buf := f.AppendLog(nil, log, 0, log.Total())
			lines := bytes.Count(buf, []byte{'\n'})
			b.ResetTimer()
			best := time.Duration(1 << 62)
			for i := 0; i < b.N; i++ {
				start := cpuNow()
				buf = f.AppendLog(buf[:0], log, 0, log.Total())
				best = min(best, cpuNow()-start)
			}
			b.ReportMetric(float64(best.Nanoseconds())/float64(lines), "ns/line")
		})
	}
}
