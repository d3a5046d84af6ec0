package text

import (
	"reflect"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// TestInstrImmediates parses one instruction per case in a module that
// defines something of every index space, and checks its immediates.
func TestInstrImmediates(t *testing.T) {
	const prelude = `
		(type $s (struct (field $a i32) (field $b (mut i64))))
		(type $arr (array (mut i8)))
		(type $sig (func (param i32) (result i32)))
		(rec (type $r0 (sub (func))) (type $r1 (sub final $r0 (func))))
		(memory $m0 1) (memory $m1 i64 1)
		(table $t0 1 funcref) (table $t1 1 externref)
		(global $g (mut i32) (i32.const 0))
		(tag $e (param i32))
		(elem $el func)
		(data $d "")
		(func $f)
		(func $body (param $x i32) (local $y i64)
	`
	tests := []struct {
		src  string
		want syntax.Instr
	}{
		{"local.get $y", syntax.Instr{Op: syntax.OpLocalGet, X: 1}},
		{"global.set $g", syntax.Instr{Op: syntax.OpGlobalSet}},
		{"call $body", syntax.Instr{Op: syntax.OpCall, X: 1}},
		{"return_call $f", syntax.Instr{Op: syntax.OpReturnCall}},
		{"ref.func $body", syntax.Instr{Op: syntax.OpRefFunc, X: 1}},
		{"call_indirect $t1 (type $sig)", syntax.Instr{Op: syntax.OpCallIndirect, X: 2, Y: 1}},
		{"call_indirect (param i32) (result i32)", syntax.Instr{Op: syntax.OpCallIndirect, X: 2}},
		{"return_call_indirect (type $sig)", syntax.Instr{Op: syntax.OpReturnCallIndirect, X: 2}},
		{"call_ref $sig", syntax.Instr{Op: syntax.OpCallRef, X: 2}},
		{"i32.load", syntax.Instr{Op: syntax.OpI32Load, X: 2}},
		{"i64.load32_u $m1 offset=0x1_0000_0000 align=2", syntax.Instr{Op: syntax.OpI64Load32U, X: 1, Y: 1, MemOffset: 1 << 32}},
		{"i32.store8 1", syntax.Instr{Op: syntax.OpI32Store8, Y: 1}},
		{"v128.load8x8_s", syntax.Instr{Op: syntax.OpV128Load8x8S, X: 3}},
		{"v128.load64_splat", syntax.Instr{Op: syntax.OpV128Load64Splat, X: 3}},
		{"v128.load16_lane 3", syntax.Instr{Op: syntax.OpV128Load16Lane, X: 1, Lane: 3}},
		{"v128.store32_lane $m1 offset=4 1", syntax.Instr{Op: syntax.OpV128Store32Lane, X: 2, Y: 1, MemOffset: 4, Lane: 1}},
		{"v128.load8_lane 1 0", syntax.Instr{Op: syntax.OpV128Load8Lane, Y: 1}},
		{"memory.size $m1", syntax.Instr{Op: syntax.OpMemorySize, X: 1}},
		{"memory.grow", syntax.Instr{Op: syntax.OpMemoryGrow}},
		{"memory.copy $m1 $m0", syntax.Instr{Op: syntax.OpMemoryCopy, X: 1}},
		{"memory.init $d", syntax.Instr{Op: syntax.OpMemoryInit}},
		{"memory.init $m1 $d", syntax.Instr{Op: syntax.OpMemoryInit, Y: 1}},
		{"data.drop $d", syntax.Instr{Op: syntax.OpDataDrop}},
		{"table.init $t1 $el", syntax.Instr{Op: syntax.OpTableInit, Y: 1}},
		{"table.copy $t1 $t0", syntax.Instr{Op: syntax.OpTableCopy, X: 1}},
		{"table.get $t1", syntax.Instr{Op: syntax.OpTableGet, X: 1}},
		{"table.size", syntax.Instr{Op: syntax.OpTableSize}},
		{"elem.drop $el", syntax.Instr{Op: syntax.OpElemDrop}},
		{"i32.const -0x8000_0000", syntax.Instr{Op: syntax.OpI32Const, Const: 0x80000000}},
		{"i64.const 0xffff_ffff_ffff_ffff", syntax.Instr{Op: syntax.OpI64Const, Const: 1<<64 - 1}},
		{"f32.const -inf", syntax.Instr{Op: syntax.OpF32Const, Const: 0xFF800000}},
		{"f64.const 0x1p-1074", syntax.Instr{Op: syntax.OpF64Const, Const: 1}},
		{"v128.const i8x16 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 13 255", syntax.Instr{Op: syntax.OpV128Const, Const: 0x06050403020100FF, Const2: 0xFF0D0C0B0A090807}},
		{"v128.const i64x2 -1 1", syntax.Instr{Op: syntax.OpV128Const, Const: 1<<64 - 1, Const2: 1}},
		{"v128.const f64x2 1 -0", syntax.Instr{Op: syntax.OpV128Const, Const: 0x3FF0000000000000, Const2: 1 << 63}},
		{"i8x16.shuffle 31 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14", syntax.Instr{Op: syntax.OpI8x16Shuffle, Const: 0x060504030201001F, Const2: 0x0E0D0C0B0A090807}},
		{"i16x8.extract_lane_u 7", syntax.Instr{Op: syntax.OpI16x8ExtractLaneU, Lane: 7}},
		{"select", syntax.Instr{Op: syntax.OpSelect}},
		{"select (result i64)", syntax.Instr{Op: syntax.OpSelectT, Types: []syntax.ValType{syntax.I64}}},
		{"ref.null extern", syntax.Instr{Op: syntax.OpRefNull, X: uint32(0xFFFFFFEF)}},
		{"ref.null $s", syntax.Instr{Op: syntax.OpRefNull}},
		{"ref.test (ref $s)", syntax.Instr{Op: syntax.OpRefTest}},
		{"ref.test anyref", syntax.Instr{Op: syntax.OpRefTestNull, X: uint32(0xFFFFFFEE)}},
		{"ref.cast (ref null $arr)", syntax.Instr{Op: syntax.OpRefCastNull, X: 1}},
		{"struct.new $s", syntax.Instr{Op: syntax.OpStructNew}},
		{"struct.get $s $b", syntax.Instr{Op: syntax.OpStructGet, Y: 1}},
		{"struct.set $s 0", syntax.Instr{Op: syntax.OpStructSet}},
		{"array.new_fixed $arr 3", syntax.Instr{Op: syntax.OpArrayNewFixed, X: 1, Y: 3}},
		{"array.new_data $arr $d", syntax.Instr{Op: syntax.OpArrayNewData, X: 1}},
		{"array.init_elem $arr $el", syntax.Instr{Op: syntax.OpArrayInitElem, X: 1}},
		{"array.copy $arr $arr", syntax.Instr{Op: syntax.OpArrayCopy, X: 1, Y: 1}},
		{"array.len", syntax.Instr{Op: syntax.OpArrayLen}},
		{"ref.i31", syntax.Instr{Op: syntax.OpRefI31}},
		{"throw $e", syntax.Instr{Op: syntax.OpThrow}},
		{"throw_ref", syntax.Instr{Op: syntax.OpThrowRef}},
		{"br_table 0 0 0", syntax.Instr{Op: syntax.OpBrTable, Labels: []uint32{0, 0, 0}}},
		{"br_on_null 0", syntax.Instr{Op: syntax.OpBrOnNull}},
		{"br_on_cast 0 anyref (ref $s)", syntax.Instr{Op: syntax.OpBrOnCast, Types: []syntax.ValType{syntax.RefType(true, syntax.HeapAny), syntax.RefType(false, 0)}}},
		{"br_on_cast_fail 0 (ref null $r0) (ref $r1)", syntax.Instr{Op: syntax.OpBrOnCastFail, Types: []syntax.ValType{syntax.RefType(true, 3), syntax.RefType(false, 4)}}},
	}
	for _, tt := range tests {
		m, err := ParseModule([]byte(prelude+tt.src+")"), "t.wat")
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		got := m.Funcs[1].Body[0]
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.src, got, tt.want)
		}
	}
}

// TestBlocks checks labels, block types and the folded forms.
func TestBlocks(t *testing.T) {
	m, err := ParseModule([]byte(`
		(type $pair (func (param i32) (result i32 i32)))
		(tag $e)
		(func $f (param i32) (result i32)
			(block $out (result i32)
				(loop $again (param i32) (result i32 i32)
					(br_if $again (local.get 0))
					(if $cond (result i32) (local.get 0)
						(then (br $out (i32.const 1)))
						(else (i32.const 2))))
				drop)
			block $outer try_table $t (catch $e $outer) (catch_all_ref 1) end $t end)`), "b.wat")
	if err != nil {
		t.Fatal(err)
	}
	pair := uint32(0)
	want := []syntax.Instr{
		{Op: syntax.OpBlock, Block: syntax.BlockType{Kind: syntax.BlockValue, Type: syntax.I32}},
		{Op: syntax.OpLoop, Block: syntax.BlockType{Kind: syntax.BlockIndex, Index: pair}},
		{Op: syntax.OpLocalGet},
		{Op: syntax.OpBrIf},
		{Op: syntax.OpLocalGet},
		{Op: syntax.OpIf, Block: syntax.BlockType{Kind: syntax.BlockValue, Type: syntax.I32}},
		{Op: syntax.OpI32Const, Const: 1},
		{Op: syntax.OpBr, X: 2},
		{Op: syntax.OpElse},
		{Op: syntax.OpI32Const, Const: 2},
		{Op: syntax.OpEnd},
		{Op: syntax.OpEnd},
		{Op: syntax.OpDrop},
		{Op: syntax.OpEnd},
		{Op: syntax.OpBlock},
		// Catch labels are counted from outside the try_table.
		{Op: syntax.OpTryTable, Catches: []syntax.CatchClause{{Kind: syntax.Catch, Label: 0}, {Kind: syntax.CatchAllRef, Label: 1}}},
		{Op: syntax.OpEnd},
		{Op: syntax.OpEnd},
		{Op: syntax.OpEnd},
	}
	if !reflect.DeepEqual(m.Funcs[0].Body, want) {
		t.Errorf("body:\n got %+v\nwant %+v", m.Funcs[0].Body, want)
	}
	wantLabels := map[uint32]string{0: "out", 1: "again", 2: "cond", 3: "outer", 4: "t"}
	if !reflect.DeepEqual(m.Names.Labels[0], wantLabels) {
		t.Errorf("labels: %v", m.Names.Labels)
	}
}
