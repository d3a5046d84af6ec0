package vm_test

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm"
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

func benchInstance(b *testing.B) *vm.Instance {
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
	inst := benchInstance(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ex, err := inst.Call(export, vm.I32(arg))
		if err != nil {
			b.Fatal(err)
		}
		ex.SetObserver(obs)
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
// price of tracing, for comparison.
func BenchmarkFibObserved(b *testing.B) { runBench(b, "fib", 15, 610, func(*vm.Event) {}) }
