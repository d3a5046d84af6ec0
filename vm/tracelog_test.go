package vm_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/trace"
)

// traceWAT exercises what the text trace formats from the log's records
// and what it leaves to Event: v128 and reference values, floats, large
// and negative integers, multi-value results, calls with more operands
// than a record's snapshot, memory writes of every size, host calls,
// exceptions and a trap.
const traceWAT = `(module
  (import "env" "put" (func $put (param i32 i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (tag $oops (param i32))
  (elem declare func $many)
  (func $many (param i32 i64 f32 f64 i32) (result i64 i32 f64)
    (i64.add (local.get 1) (i64.extend_i32_s (local.get 0)))
    (i32.sub (i32.const 0) (local.get 4))
    (f64.add (local.get 3) (f64.promote_f32 (local.get 2))))
  (func $vec (param v128) (result v128)
    (i32x4.add (local.get 0) (v128.const i32x4 1 -2 3 0x7fffffff)))
  (func $ref (param funcref) (result i32)
    (ref.is_null (local.get 0)))
  (func $a_function_with_a_long_name (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 1)))
  (func $throws (param i32) (result i32)
    (if (i32.gt_u (local.get 0) (i32.const 2)) (then (throw $oops (local.get 0))))
    (local.get 0))
  (func (export "main") (param $n i32) (result i32)
    (local $i i32) (local $j i32)
    (call $many (i32.const -7) (i64.const 0x123456789) (f32.const 1.5) (f64.const nan:0x4) (i32.const 70000))
    (drop) (drop) (drop)
    (drop (call $vec (v128.const i64x2 -1 42)))
    (drop (call $ref (ref.func $many)))
    (drop (call $ref (ref.null func)))
    (i64.store (i32.const 8) (i64.const -2))
    (i32.store8 (i32.const 100) (i32.const 0x1ff))
    (v128.store (i32.const 200) (v128.const i32x4 1 2 3 4))
    (memory.fill (i32.const 300) (i32.const 9) (i32.const 40))
    (memory.copy (i32.const 400) (i32.const 300) (i32.const 3))
    (drop (call $put (i32.const 500) (i32.const 20)))
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (block $done
        (drop (block $caught (result i32)
          (try_table (catch $oops $caught)
            (drop (call $throws (local.get $i))))
          (br $done))))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    ;; A long name widens the function column in the loop's third turn:
    ;; the lines cached in the turns before (the call of $vec, its
    ;; instructions) are written again with the wider one.
    (loop $again
      (drop (call $vec (v128.const i64x2 1 2)))
      (if (i32.eq (local.get $j) (i32.const 2))
        (then (drop (call $a_function_with_a_long_name (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $j) (i32.const 5))))
    (f32.store (i32.const 600) (f32.div (f32.const 0) (f32.const 0)))
    (i32.div_u (local.get $n) (i32.sub (local.get $i) (local.get $n)))))`

// deepWAT recurses past depth 1000 twice: the same instructions' lines
// at many depths (which the line cache keeps without their depth column)
// and at depths whose column is wider.
const deepWAT = `(module
  (func $deep (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "main") (param i32) (result i32)
    (i32.add (call $deep (local.get 0)) (call $deep (local.get 0)))))`

// traceInstance instantiates traceWAT; env.put(addr, n) writes n bytes
// 0xee at addr and says so through Caller.Wrote.
func traceInstance(t *testing.T, mod *vm.Module) *vm.Instance {
	t.Helper()
	s := vm.NewStore(vm.Config{})
	i32 := syntax.I32
	s.DefineHost("env", map[string]vm.HostFunc{"put": {
		Type:       syntax.FuncType{Params: []syntax.ValType{i32, i32}, Results: []syntax.ValType{i32}},
		ParamNames: []string{"buf", "n"},
		Call: func(c *vm.Caller, args, results []uint64) error {
			m := c.Memory()
			for k := uint64(0); k < args[1]; k++ {
				m[args[0]+k] = 0xee
			}
			c.Wrote(args[0], args[1])
			return nil
		},
	}})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestTraceFromLog checks that the text trace formatted straight from the
// log's records (trace.Writer.Attach, Formatter.AppendLog) is line for
// line the one formatted from decoded events (an Observer and
// Formatter.Append), with logs small enough to wrap many times during a
// run and large ones, on hand-written and generated modules.
func TestTraceFromLog(t *testing.T) {
	type program struct {
		name  string
		mod   *vm.Module
		inst  func(*testing.T, *vm.Module) *vm.Instance
		entry string
		args  []vm.Value
	}
	plain := func(t *testing.T, m *vm.Module) *vm.Instance {
		inst, err := vm.NewStore(vm.Config{}).Instantiate(m)
		if err != nil {
			t.Fatal(err)
		}
		return inst
	}
	hand, err := vm.CompileText([]byte(traceWAT), "trace.wat")
	if err != nil {
		t.Fatal(err)
	}
	deep, err := vm.CompileText([]byte(deepWAT), "deep.wat")
	if err != nil {
		t.Fatal(err)
	}
	programs := []program{{"hand-written", hand, traceInstance, "main", []vm.Value{vm.I32(6)}},
		{"deep", deep, plain, "main", []vm.Value{vm.I32(1100)}}}
	for seed := uint64(0); seed < 40; seed++ {
		m, err := vm.CompileBinary(binary.Encode(genModule(seed)))
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		programs = append(programs, program{"seed " + string(rune('0'+seed/10)) + string(rune('0'+seed%10)), m, plain, "main", []vm.Value{vm.I32(7), vm.I64(1 << 33)}})
	}
	run := func(t *testing.T, p program, watch func(*vm.Execution)) {
		t.Helper()
		ex, err := p.inst(t, p.mod).Call(p.entry, p.args...)
		if err != nil {
			t.Fatal(err)
		}
		watch(ex)
		ex.Run(-1)
	}
	for _, p := range programs {
		t.Run(p.name, func(t *testing.T) {
			var want bytes.Buffer
			var f trace.Formatter
			f.Module = p.mod.Syntax()
			run(t, p, func(ex *vm.Execution) {
				ex.SetObserver(func(e *vm.Event) {
					want.Write(f.Append(nil, e))
					want.WriteByte('\n')
				})
			})
			if want.Len() == 0 {
				t.Fatal("the observed run wrote nothing")
			}
			for _, size := range []int64{0, 4 << 10, 64 << 10} {
				var got bytes.Buffer
				w := trace.NewWriter(&got, p.mod.Syntax())
				if size > 0 {
					w.SetLogBytes(size)
				}
				run(t, p, w.Attach)
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					g, w := strings.Split(got.String(), "\n"), strings.Split(want.String(), "\n")
					for i := range min(len(g), len(w)) {
						if g[i] != w[i] {
							t.Fatalf("log of %d bytes: line %d differs:\n got %q\nwant %q", size, i+1, g[i], w[i])
						}
					}
					t.Fatalf("log of %d bytes: %d lines, want %d", size, len(g), len(w))
				}
			}
		})
	}
	// The hand-written module's trace shows what the fast path formats
	// and what it leaves to Event.
	var buf bytes.Buffer
	w := trace.NewWriter(&buf, hand.Syntax())
	run(t, programs[0], w.Attach)
	w.Flush()
	// The write a host function reports is its own line, named as its
	// call's line is (not after the function that called it), at the
	// host call's depth.
	if !regexp.MustCompile(`(?m)^  1 env\.put +0x000000  put\(buf=0x1f4, n=20\) → 0\n  1 env\.put +0x000000  mem\[0x1f4\] +← ee ee`).Match(buf.Bytes()) {
		t.Errorf("no host call and host write lines named env.put in:\n%s", buf.Bytes())
	}
	for _, want := range []string{
		"call $many(-7 (0xfffffff9), 4886718345 (0x123456789), 1.5, nan:0x4, 70000 (0x11170))",
		"return $many → 4886718338 (0x123456782), -70000 (0xfffeee90), nan:0x8000000000004",
		"i32x4.add", "i64x2 ", "ref.func", "ref.null",
		"mem[0x8]                ← fe ff ff ff ff ff ff ff",
		"mem[0x12c]              ← 09 09 09 09 09 09 09 09 09 09 09 09 09 09 09 09 … (40 bytes)",
		"put(buf=0x1f4, n=20) → 0", "throw ", "catch ", "trap: integer divide by zero",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("trace lacks %q", want)
		}
	}
}
