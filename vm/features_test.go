package vm_test

import (
	"errors"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// TestFeatures runs one small module per instruction group through the
// public API: every case is checked plain, in slices of 2 instructions
// (fast code resumed mid-function) and observed (plain code).
func TestFeatures(t *testing.T) {
	tests := []struct {
		name string
		wat  string
		args []vm.Value
		want []uint64 // Lo of each result (v128: Lo then Hi)
		trap string
	}{
		{"i64 arithmetic", `(func (export "f") (param i64) (result i64)
			(i64.rotl (i64.mul (local.get 0) (i64.const 3)) (i64.const 1)))`,
			[]vm.Value{vm.I64(5)}, []uint64{30}, ""},
		{"f64 arithmetic", `(func (export "f") (param f64) (result f64)
			(f64.sqrt (f64.mul (local.get 0) (local.get 0))))`,
			[]vm.Value{vm.F64(-3)}, []uint64{vm.F64(3).Lo}, ""},
		{"trunc traps", `(func (export "f") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))`,
			[]vm.Value{vm.F32(3e9)}, nil, "integer overflow"},
		{"trunc_sat", `(func (export "f") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))`,
			[]vm.Value{vm.F32(3e9)}, []uint64{0x7fffffff}, ""},
		{"sign extension", `(func (export "f") (param i32) (result i32) (i32.extend8_s (local.get 0)))`,
			[]vm.Value{vm.I32(0x80)}, []uint64{0xffffff80}, ""},
		{"multi-value block", `(func (export "f") (result i32 i32)
			(block (result i32 i32) (i32.const 1) (i32.const 2)))`,
			nil, []uint64{1, 2}, ""},
		{"loop with params", `(func (export "f") (result i32)
			(i32.const 0)
			(loop (param i32) (result i32)
				(i32.add (i32.const 1))
				(br_if 0 (i32.lt_u (local.tee 0 (local.get 0)) (i32.const 10)))))`,
			nil, nil, "invalid"},
		{"loop carrying a value", `(func (export "f") (result i32) (local i32)
			(i32.const 0)
			(loop (param i32) (result i32)
				(i32.add (i32.const 3))
				(local.tee 0)
				(br_if 0 (i32.lt_u (local.get 0) (i32.const 10)))))`,
			nil, []uint64{12}, ""},
		{"br_table with values", `(func (export "f") (param i32) (result i32)
			(block (result i32) (block (result i32)
				(i32.const 7) (i32.const 8) (br_table 0 1 (local.get 0)))
				(i32.add (i32.const 100))))`,
			[]vm.Value{vm.I32(0)}, []uint64{108}, ""},
		{"v128 locals and select", `(func (export "f") (param i32) (result v128)
			(local v128)
			(local.set 1 (v128.const i32x4 1 2 3 4))
			(select (local.get 1) (i32x4.add (local.get 1) (local.get 1)) (local.get 0)))`,
			[]vm.Value{vm.I32(0)}, []uint64{0x0000000400000002, 0x0000000800000006}, ""},
		{"simd lanes", `(func (export "f") (result i32)
			(i8x16.extract_lane_u 15 (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
				(v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)
				(i8x16.splat (i32.const 200)))))`,
			nil, []uint64{200}, ""},
		{"memory grow and limit", `(memory 1 2)
			(func (export "f") (result i32)
				(drop (memory.grow (i32.const 1)))
				(i32.add (memory.grow (i32.const 1)) (memory.size)))`,
			nil, []uint64{1}, ""},
		{"bulk memory", `(memory 1)
			(func (export "f") (result i32)
				(memory.fill (i32.const 10) (i32.const 7) (i32.const 4))
				(memory.copy (i32.const 20) (i32.const 9) (i32.const 4))
				(i32.load (i32.const 20)))`,
			nil, []uint64{0x07070700}, ""},
		{"memory.fill out of bounds", `(memory 1)
			(func (export "f") (memory.fill (i32.const 65530) (i32.const 0) (i32.const 7)))`,
			nil, nil, "out of bounds memory access"},
		{"multiple memories", `(memory 1) (memory $b 1)
			(func (export "f") (result i32)
				(i32.store $b (i32.const 8) (i32.const 42))
				(i32.add (i32.load $b (i32.const 8)) (i32.load (i32.const 8))))`,
			nil, []uint64{42}, ""},
		{"tables and references", `(table $t 2 funcref) (elem declare func $g)
			(func $g (result i32) (i32.const 5))
			(func (export "f") (result i32)
				(table.set $t (i32.const 1) (ref.func $g))
				(drop (table.grow $t (ref.null func) (i32.const 3)))
				(i32.add (table.size $t)
					(call_indirect $t (result i32) (i32.const 1))))`,
			nil, []uint64{10}, ""},
		{"null call_indirect", `(table 2 funcref)
			(func (export "f") (call_indirect (i32.const 0)))`,
			nil, nil, "uninitialized element"},
		{"tail calls", `(func $loop (param i32 i64) (result i64)
				(if (result i64) (i32.eqz (local.get 0)) (then (local.get 1))
					(else (return_call $loop (i32.sub (local.get 0) (i32.const 1))
						(i64.add (local.get 1) (i64.const 2))))))
			(func (export "f") (result i64) (call $loop (i32.const 100000) (i64.const 0)))`,
			nil, []uint64{200000}, ""},
		{"globals", `(global $g (mut i64) (i64.const 40))
			(func (export "f") (result i64)
				(global.set $g (i64.add (global.get $g) (i64.const 2))) (global.get $g))`,
			nil, []uint64{42}, ""},
	}
	for _, tc := range tests {
		mod, err := vm.CompileText([]byte("(module "+tc.wat+")"), tc.name+".wat")
		if tc.trap == "invalid" {
			// A module that uses a local it lacks: rejected, never run.
			if err == nil {
				t.Errorf("%s: invalid module compiled", tc.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, mode := range []string{"plain", "sliced", "observed"} {
			inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			ex, err := inst.Call("f", tc.args...)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			fuel := int64(-1)
			switch mode {
			case "sliced":
				fuel = 2
			case "observed":
				ex.SetObserver(func(*vm.Event) {})
			}
			for {
				st, e := ex.Run(fuel)
				err = e
				if st == vm.Done {
					break
				}
			}
			if tc.trap != "" {
				var trap *vm.Trap
				if !errors.As(err, &trap) || len(trap.Msg) < len(tc.trap) || trap.Msg[:len(tc.trap)] != tc.trap {
					t.Errorf("%s (%s): got %v, want trap %q", tc.name, mode, err, tc.trap)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s (%s): %v", tc.name, mode, err)
				continue
			}
			var got []uint64
			for _, r := range ex.Results() {
				got = append(got, r.Lo)
				if r.Type.Kind == syntax.KindV128 {
					got = append(got, r.Hi)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("%s (%s): results %#x, want %#x", tc.name, mode, got, tc.want)
				continue
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("%s (%s): results %#x, want %#x", tc.name, mode, got, tc.want)
					break
				}
			}
		}
	}
}
