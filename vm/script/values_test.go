package script

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

func exact(t syntax.ValType, lo, hi uint64) text.Result {
	return text.Result{Kind: text.ResultExact, Value: text.Value{Type: t, Lo: lo, Hi: hi}}
}

func nanResult(k text.ResultKind, t syntax.ValType) text.Result {
	return text.Result{Kind: k, Value: text.Value{Type: t}}
}

func lanes(s text.Shape, ls ...text.Lane) text.Result {
	return text.Result{Kind: text.ResultLanes, Shape: s, Lanes: ls}
}

func num(t syntax.ValType, lo, hi uint64) vm.Value { return vm.Value{Type: t, Lo: lo, Hi: hi} }

var (
	canon = text.Lane{Kind: text.ResultNaNCanonical}
	arith = text.Lane{Kind: text.ResultNaNArithmetic}
)

func bitsLane(b uint64) text.Lane { return text.Lane{Kind: text.ResultExact, Bits: b} }

func TestMatch(t *testing.T) {
	i32, i64, f32, f64, v128 := syntax.I32, syntax.I64, syntax.F32, syntax.F64, syntax.V128
	tests := []struct {
		name string
		want text.Result
		got  vm.Value
		ok   bool
	}{
		{"i32 equal", exact(i32, 0xffffffff, 0), num(i32, 0xffffffff, 0), true},
		{"i32 differs", exact(i32, 1, 0), num(i32, 2, 0), false},
		{"i32 is not i64", exact(i32, 1, 0), num(i64, 1, 0), false},
		{"i64 all bits", exact(i64, 1<<63, 0), num(i64, 1<<63, 0), true},
		{"f32 negative zero is not zero", exact(f32, 0x80000000, 0), num(f32, 0, 0), false},
		{"f32 exact nan payload", exact(f32, 0x7fa00000, 0), num(f32, 0x7fa00000, 0), true},
		{"f32 other nan payload", exact(f32, 0x7fa00000, 0), num(f32, 0x7fc00000, 0), false},
		{"f32 canonical", nanResult(text.ResultNaNCanonical, f32), num(f32, 0x7fc00000, 0), true},
		{"f32 canonical negative", nanResult(text.ResultNaNCanonical, f32), num(f32, 0xffc00000, 0), true},
		{"f32 canonical rejects payload", nanResult(text.ResultNaNCanonical, f32), num(f32, 0x7fc00001, 0), false},
		{"f32 canonical rejects inf", nanResult(text.ResultNaNCanonical, f32), num(f32, 0x7f800000, 0), false},
		{"f32 arithmetic payload", nanResult(text.ResultNaNArithmetic, f32), num(f32, 0x7fc00001, 0), true},
		{"f32 arithmetic rejects signalling", nanResult(text.ResultNaNArithmetic, f32), num(f32, 0x7fa00000, 0), false},
		{"f32 nan is not f64", nanResult(text.ResultNaNCanonical, f32), num(f64, 0x7fc00000, 0), false},
		{"f64 canonical", nanResult(text.ResultNaNCanonical, f64), num(f64, 0xfff8000000000000, 0), true},
		{"f64 canonical rejects payload", nanResult(text.ResultNaNCanonical, f64), num(f64, 0x7ff8000000000001, 0), false},
		{"f64 arithmetic", nanResult(text.ResultNaNArithmetic, f64), num(f64, 0x7ffc000000000000, 0), true},
		{"f64 arithmetic rejects signalling", nanResult(text.ResultNaNArithmetic, f64), num(f64, 0x7ff4000000000000, 0), false},
		{"v128 exact", exact(v128, 1, 2), num(v128, 1, 2), true},
		{"v128 high half differs", exact(v128, 1, 2), num(v128, 1, 3), false},
		{"i16x8 lanes", lanes(text.I16x8, bitsLane(1), bitsLane(2), bitsLane(3), bitsLane(4),
			bitsLane(5), bitsLane(6), bitsLane(7), bitsLane(0xffff)),
			num(v128, 0x0004000300020001, 0xffff000700060005), true},
		{"i16x8 lane 7 differs", lanes(text.I16x8, bitsLane(1), bitsLane(2), bitsLane(3), bitsLane(4),
			bitsLane(5), bitsLane(6), bitsLane(7), bitsLane(8)),
			num(v128, 0x0004000300020001, 0xffff000700060005), false},
		{"f32x4 nan lanes", lanes(text.F32x4, canon, arith, bitsLane(0x3f800000), canon),
			num(v128, 0x7fc000017fc00000, 0xffc000003f800000), true},
		{"f32x4 canonical lane rejects payload", lanes(text.F32x4, canon, arith, bitsLane(0x3f800000), canon),
			num(v128, 0x7fc000017fc00001, 0xffc000003f800000), false},
		{"f64x2 lanes", lanes(text.F64x2, arith, bitsLane(0x8000000000000000)),
			num(v128, 0x7ff8000000000123, 0x8000000000000000), true},
		{"lanes need v128", lanes(text.I64x2, bitsLane(0), bitsLane(0)), num(i64, 0, 0), false},
		{"either first", text.Result{Kind: text.ResultEither, Either: []text.Result{exact(i32, 1, 0), exact(i32, 2, 0)}},
			num(i32, 1, 0), true},
		{"either second", text.Result{Kind: text.ResultEither, Either: []text.Result{exact(i32, 1, 0), exact(i32, 2, 0)}},
			num(i32, 2, 0), true},
		{"either none", text.Result{Kind: text.ResultEither, Either: []text.Result{exact(i32, 1, 0), exact(i32, 2, 0)}},
			num(i32, 3, 0), false},
		{"ref.null", text.Result{Kind: text.ResultExact, Value: text.Value{Type: syntax.ExternRef, Ref: text.RefNull}},
			vm.Value{Type: syntax.ExternRef}, true},
		{"ref.null is not ref.extern", text.Result{Kind: text.ResultExact, Value: text.Value{Type: syntax.ExternRef, Ref: text.RefNull}},
			vm.Value{Type: syntax.ExternRef, Ref: hostValue{1}}, false},
		{"ref.extern same", text.Result{Kind: text.ResultExact, Value: text.Value{Type: syntax.ExternRef, Ref: text.RefExtern, Lo: 1}},
			vm.Value{Type: syntax.ExternRef, Ref: hostValue{1}}, true},
		{"ref.extern other", text.Result{Kind: text.ResultExact, Value: text.Value{Type: syntax.ExternRef, Ref: text.RefExtern, Lo: 1}},
			vm.Value{Type: syntax.ExternRef, Ref: hostValue{2}}, false},
		{"any ref.extern", text.Result{Kind: text.ResultRef, Value: text.Value{Ref: text.RefExtern}},
			vm.Value{Type: syntax.ExternRef, Ref: hostValue{7}}, true},
		{"ref.func is not null", text.Result{Kind: text.ResultRef, Value: text.Value{Ref: text.RefFunc}},
			vm.Value{Type: syntax.FuncRef}, false},
		{"ref.func is not extern", text.Result{Kind: text.ResultRef, Value: text.Value{Ref: text.RefFunc}},
			vm.Value{Type: syntax.ExternRef, Ref: hostValue{7}}, false},
		{"number is not a reference", text.Result{Kind: text.ResultExact, Value: text.Value{Type: syntax.FuncRef, Ref: text.RefNull}},
			num(i32, 0, 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := match(tt.want, tt.got); got != tt.ok {
				t.Errorf("match(%s, %s) = %v, want %v", formatResult(tt.want), formatValue(tt.got), got, tt.ok)
			}
		})
	}
}
