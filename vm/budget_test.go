package vm_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// These are the hostile modules of the bounded-memory work: each must end
// in a clear error or memory.grow / table.grow = -1, never a Go
// out-of-memory crash, natively and under GOOS=js (where Go's heap is a
// 32-bit Wasm memory and the default budget is 1 GiB).

func TestDefaultBudget(t *testing.T) {
	got := vm.NewStore(vm.Config{}).Budget().Limit()
	if runtime.GOOS == "js" && got != 1<<30 || got < 1<<30 || got > 4<<30 {
		t.Errorf("default budget %d: want 1 GiB under GOOS=js, 1-4 GiB natively", got)
	}
	if got := vm.NewStore(vm.Config{MemoryBudget: 1 << 30}).Budget().Limit(); got != 1<<30 {
		t.Errorf("configured budget %d", got)
	}
}

// TestBudgetInstantiate: declared memories and tables past the budget fail
// instantiation with a *BudgetError naming the first one that does not
// fit; what was allocated stays within the budget.
func TestBudgetInstantiate(t *testing.T) {
	repeat := func(s string, n int) string { return strings.Repeat(s+"\n", n) }
	// A 4 GiB memory fits the native default of a machine with 8 GiB of
	// RAM or more (it costs address space, not RAM, until it is written);
	// then the second does not.
	first4G := "memory 0 (65536 pages)"
	if vm.NewStore(vm.Config{}).Budget().Limit() >= 4<<30 {
		first4G = "memory 1 (65536 pages)"
	}
	tests := []struct {
		name   string
		budget int64 // 0: the default
		wat    string
		what   string // the error names it
	}{
		{"8 memories of 4 GiB", 0, repeat("(memory 65536)", 8), first4G},
		{"8 memories of 4 GiB, page budget", 1 << 30, repeat("(memory 65536)", 8), "memory 0 (65536 pages)"},
		{"memories of 16 MiB past 40 MiB", 40 << 20, repeat("(memory 256)", 8), "memory 2 (256 pages)"},
		{"64 tables of 10M entries", 100 << 20, repeat("(table 10000000 funcref)", 64), "table 1 (10000000 elements)"},
		{"a table of 10M entries in 64 MiB", 64 << 20, "(table 10000000 externref)", "table 0 (10000000 elements)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mod, err := vm.CompileText([]byte("(module\n"+tc.wat+")"), "hostile.wat")
			if err != nil {
				t.Fatal(err)
			}
			s := vm.NewStore(vm.Config{MemoryBudget: tc.budget})
			_, err = s.Instantiate(mod)
			var be *vm.BudgetError
			if !errors.As(err, &be) {
				t.Fatalf("instantiate: %v, want a budget error", err)
			}
			if be.What != tc.what || !strings.Contains(err.Error(), tc.what+" needs") {
				t.Errorf("error %q names %q, want %q", err, be.What, tc.what)
			}
			if used := s.Budget().Used(); used > s.Budget().Limit() {
				t.Errorf("budget used %d > limit %d", used, s.Budget().Limit())
			}
		})
	}
}

// TestBudgetGrow: memory.grow and table.grow past the budget return -1,
// whether asked for at once or one page (element block) at a time, and
// the memory then holds close to the whole budget.
func TestBudgetGrow(t *testing.T) {
	const budget = 48 << 20
	mod, err := vm.CompileText([]byte(`(module
  (memory (export "mem") 1)
  (table $t 0 externref)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "grow_table") (param i32) (result i32) (table.grow $t (ref.null extern) (local.get 0)))
  (func (export "grow_all") (result i32)
    (local $n i32)
    (block $full (loop $l
      (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $n)))`), "grow.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{MemoryBudget: budget})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	call := func(name string, args ...vm.Value) int32 {
		t.Helper()
		r, err := inst.Invoke(name, args...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return int32(r[0].Lo)
	}
	t.Run("memory at once", func(t *testing.T) {
		if got := call("grow", vm.I32(budget/65536)); got != -1 {
			t.Errorf("memory.grow(%d pages) = %d, want -1", budget/65536, got)
		}
		if got := call("grow", vm.I32(65535)); got != -1 {
			t.Errorf("memory.grow(65535) = %d, want -1", got)
		}
		// The last refusal is kept for the run's report, once.
		e := s.Budget().TakeRefused()
		if e == nil || e.What != "memory 0" || e.GrowTo != 65536*65536 || e.Limit != budget {
			t.Fatalf("TakeRefused() = %+v", e)
		}
		want := "the store's memory budget of 48 MiB refused to grow memory 0 to 4294967296 bytes"
		if !strings.HasPrefix(e.Error(), want) {
			t.Errorf("refusal says %q, want it to start %q", e.Error(), want)
		}
		if e := s.Budget().TakeRefused(); e != nil {
			t.Errorf("a second TakeRefused() = %v", e)
		}
	})
	t.Run("table at once", func(t *testing.T) {
		if got := call("grow_table", vm.I32(budget/8)); got != -1 {
			t.Errorf("table.grow(%d) = %d, want -1", budget/8, got)
		}
		if e := s.Budget().TakeRefused(); e == nil || e.What != "table 0" || e.GrowTo != budget {
			t.Errorf("TakeRefused() = %+v", e)
		}
		if got := call("grow_table", vm.I32(1000)); got != 0 {
			t.Errorf("table.grow(1000) = %d, want 0", got)
		}
		if e := s.Budget().TakeRefused(); e != nil {
			t.Errorf("TakeRefused() after a grow that fit = %v", e)
		}
	})
	t.Run("memory page by page", func(t *testing.T) {
		n := call("grow_all")
		size := int64(len(inst.Memory(0)))
		if size > budget || size < budget*7/8 {
			t.Errorf("grew %d pages to %d bytes; want near the budget of %d", n, size, budget)
		}
		if used := s.Budget().Used(); used > budget {
			t.Errorf("budget used %d > %d", used, budget)
		}
		if e := s.Budget().TakeRefused(); e == nil || e.GrowTo != size+65536 {
			t.Errorf("TakeRefused() = %+v, want the grow to %d bytes", e, size+65536)
		}
	})
}

// TestManyLocals: a function may declare 49,999 locals in a few bytes;
// compiling many of them costs host memory in proportion to the module's
// size, not to the locals, and they run. More than the engine's limit is a
// clear compile error.
func TestManyLocals(t *testing.T) {
	module := func(funcs int, locals uint32) []byte {
		m := &syntax.Module{Types: []syntax.SubType{{Final: true, RecSize: 1, Kind: syntax.CompFunc, Func: syntax.FuncType{Results: []syntax.ValType{syntax.I64}}}}}
		for i := 0; i < funcs; i++ {
			m.Funcs = append(m.Funcs, syntax.Func{Type: 0,
				Locals: []syntax.Local{{Count: locals - 1, Type: syntax.I64}, {Count: 1, Type: syntax.I32}},
				Body:   []syntax.Instr{{Op: syntax.OpLocalGet, X: locals - 2}, {Op: syntax.OpEnd}}})
		}
		m.Exports = []syntax.Export{{Name: "f", Kind: syntax.ExternFunc, Index: uint32(funcs - 1)}}
		return binary.Encode(m)
	}
	t.Run("20000 functions of 49999 locals", func(t *testing.T) {
		b := module(20000, 49999)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		mod, err := vm.CompileBinary(b)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		// Generous: a few KiB per function, against a megabyte each when
		// every local was listed.
		alloc := after.TotalAlloc - before.TotalAlloc
		if perByte := alloc / uint64(len(b)); perByte > 2000 {
			t.Errorf("compiling a %d-byte module allocated %d bytes (%d per module byte)", len(b), alloc, perByte)
		}
		inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := inst.Invoke("f"); err != nil || r[0].Lo != 0 {
			t.Errorf("f() = %v, %v", r, err)
		}
	})
	t.Run("over the limit", func(t *testing.T) {
		_, err := vm.CompileBinary(module(1, 50001))
		if err == nil || !strings.Contains(err.Error(), "too many locals") {
			t.Errorf("compile: %v, want too many locals", err)
		}
	})
}

// TestBudgetCompiledCode: a function whose code does not fit the budget
// fails at its first call (when it is compiled), naming its code.
func TestBudgetCompiledCode(t *testing.T) {
	var body strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&body, "(drop (i32.add (i32.const %d) (i32.const 1)))\n", i)
	}
	mod, err := vm.CompileText([]byte("(module (func (export \"f\") "+body.String()+"))"), "big.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{MemoryBudget: 64 << 10}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	_, err = inst.Invoke("f")
	if err == nil || !strings.Contains(err.Error(), "the compiled code of func 0 needs") || !strings.Contains(err.Error(), "budget") {
		t.Fatalf("call: %v, want a budget error for the compiled code of func 0", err)
	}
	inst, err = vm.NewStore(vm.Config{MemoryBudget: 16 << 20}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inst.Invoke("f"); err != nil {
		t.Errorf("with room: %v", err)
	}
}

// TestBudgetValueStack: the value stack's growth is charged to the budget,
// so deep recursion in a small budget ends with a clear error naming the
// stack (before the call-depth limit), and the charge is returned when the
// execution ends.
func TestBudgetValueStack(t *testing.T) {
	mod, err := vm.CompileText([]byte(`(module
  (func $f (export "f") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (if (result i32) (local.get 0)
      (then (call $f (i32.sub (local.get 0) (i32.const 1))))
      (else (i32.const 7)))))`), "deep.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{MemoryBudget: 1 << 20, MaxValueStack: 64 << 20})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	_, err = inst.Invoke("f", vm.I32(9000))
	if err == nil || !strings.Contains(err.Error(), "a value stack of") || !strings.Contains(err.Error(), "budget") {
		t.Fatalf("deep recursion: %v, want a budget error for the value stack", err)
	}
	used := s.Budget().Used()
	if r, err := inst.Invoke("f", vm.I32(100)); err != nil || r[0].Lo != 7 {
		t.Fatalf("shallow recursion: %v %v", r, err)
	}
	if s.Budget().Used() != used {
		t.Errorf("budget in use %d after a call, %d before: the stack's charge was not returned", s.Budget().Used(), used)
	}
}
