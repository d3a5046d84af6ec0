package numeric

import (
	"math"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Vector builders from lanes, lane 0 first.

func i8s(l ...int8) V128 {
	var b [16]uint8
	for i, x := range l {
		b[i] = uint8(x)
	}
	return FromBytes(b)
}

func u8s(l ...uint8) V128 { var b [16]uint8; copy(b[:], l); return FromBytes(b) }

func i16s(l ...int16) V128 {
	var h [8]uint16
	for i, x := range l {
		h[i] = uint16(x)
	}
	return FromU16s(h)
}

func i32s(l ...int32) V128 {
	var w [4]uint32
	for i, x := range l {
		w[i] = uint32(x)
	}
	return FromU32s(w)
}

func i64s(a, b int64) V128 { return V128{uint64(a), uint64(b)} }

func f32bits(l ...uint32) V128 { var w [4]uint32; copy(w[:], l); return FromU32s(w) }

func f32s(l ...float32) V128 {
	var w [4]uint32
	for i, x := range l {
		w[i] = math.Float32bits(x)
	}
	return FromU32s(w)
}

func f64s(a, b float64) V128 { return V128{math.Float64bits(a), math.Float64bits(b)} }

// apply runs op from whichever table holds it.
func apply(t *testing.T, op syntax.Op, args []V128) V128 {
	t.Helper()
	switch {
	case V128Unary[op] != nil && len(args) == 1:
		return V128Unary[op](args[0])
	case V128Binary[op] != nil && len(args) == 2:
		return V128Binary[op](args[0], args[1])
	case V128Ternary[op] != nil && len(args) == 3:
		return V128Ternary[op](args[0], args[1], args[2])
	}
	t.Fatalf("%s: no table entry for %d operands", op, len(args))
	return V128{}
}

func TestSIMDOps(t *testing.T) {
	const min8, max8, min16, max16 = math.MinInt8, math.MaxInt8, math.MinInt16, math.MaxInt16
	tests := []struct {
		op   syntax.Op
		args []V128
		want V128
	}{
		// Wrapping and saturating arithmetic at the lane edges: no carry
		// may cross into the next lane.
		{syntax.OpI8x16Add, []V128{i8s(max8, -1, -1), i8s(1, 1, 0)}, i8s(min8, 0, -1)},
		{syntax.OpI8x16Sub, []V128{i8s(min8, 0, 0), i8s(1, 1, 0)}, i8s(max8, -1, 0)},
		{syntax.OpI16x8Add, []V128{i16s(max16, -1), i16s(1, 1)}, i16s(min16, 0)},
		{syntax.OpI16x8Sub, []V128{i16s(0, min16), i16s(1, 1)}, i16s(-1, max16)},
		{syntax.OpI32x4Add, []V128{i32s(math.MaxInt32, -1), i32s(1, 1)}, i32s(math.MinInt32, 0)},
		{syntax.OpI32x4Sub, []V128{i32s(0, math.MinInt32), i32s(1, 1)}, i32s(-1, math.MaxInt32)},
		{syntax.OpI8x16AddSatS, []V128{i8s(max8, min8, 5), i8s(1, -1, -6)}, i8s(max8, min8, -1)},
		{syntax.OpI8x16AddSatU, []V128{u8s(255, 200), u8s(1, 55)}, u8s(255, 255)},
		{syntax.OpI8x16SubSatS, []V128{i8s(min8, max8), i8s(1, -1)}, i8s(min8, max8)},
		{syntax.OpI8x16SubSatU, []V128{u8s(0, 5), u8s(1, 3)}, u8s(0, 2)},
		{syntax.OpI16x8AddSatS, []V128{i16s(max16, min16), i16s(1, -1)}, i16s(max16, min16)},
		{syntax.OpI16x8SubSatU, []V128{i16s(0, -1), i16s(1, 1)}, i16s(0, -2)},
		{syntax.OpI16x8Mul, []V128{i16s(min16, 300), i16s(-1, 300)}, i16s(min16, 300*300-65536)},
		{syntax.OpI64x2Mul, []V128{i64s(math.MinInt64, 3), i64s(-1, -3)}, i64s(math.MinInt64, -9)},
		{syntax.OpI8x16Neg, []V128{i8s(min8, 1, 0)}, i8s(min8, -1, 0)},
		{syntax.OpI16x8Neg, []V128{i16s(min16, 1)}, i16s(min16, -1)},
		{syntax.OpI32x4Neg, []V128{i32s(math.MinInt32, 1)}, i32s(math.MinInt32, -1)},
		{syntax.OpI8x16Abs, []V128{i8s(min8, -1, 1)}, i8s(min8, 1, 1)},
		{syntax.OpI64x2Abs, []V128{i64s(math.MinInt64, -5)}, i64s(math.MinInt64, 5)},
		{syntax.OpI8x16Popcnt, []V128{u8s(0xff, 0x80, 0, 0x55)}, u8s(8, 1, 0, 4)},
		{syntax.OpI8x16AvgrU, []V128{u8s(255, 0, 1), u8s(255, 1, 2)}, u8s(255, 1, 2)},
		{syntax.OpI16x8AvgrU, []V128{i16s(-1, 0), i16s(-1, 1)}, i16s(-1, 1)},
		{syntax.OpI8x16MinS, []V128{i8s(-1, 1), i8s(1, -1)}, i8s(-1, -1)},
		{syntax.OpI8x16MinU, []V128{i8s(-1, 1), i8s(1, -1)}, i8s(1, 1)},
		{syntax.OpI32x4MaxS, []V128{i32s(-1, math.MinInt32), i32s(1, 0)}, i32s(1, 0)},
		{syntax.OpI32x4MaxU, []V128{i32s(-1, math.MinInt32), i32s(1, 0)}, i32s(-1, math.MinInt32)},

		// Narrowing saturates signed input to the signed or unsigned range.
		{syntax.OpI8x16NarrowI16x8S, []V128{i16s(300, -300, 5), i16s(min16, max16)},
			i8s(max8, min8, 5, 0, 0, 0, 0, 0, min8, max8)},
		{syntax.OpI8x16NarrowI16x8U, []V128{i16s(300, -300, 5), i16s(255, 256)},
			u8s(255, 0, 5, 0, 0, 0, 0, 0, 255, 255)},
		{syntax.OpI16x8NarrowI32x4S, []V128{i32s(70000, -70000), i32s(1)}, i16s(max16, min16, 0, 0, 1)},
		{syntax.OpI16x8NarrowI32x4U, []V128{i32s(70000, -70000, 65535), i32s(1)}, i16s(-1, 0, -1, 0, 1)},

		// Extension, pairwise addition and multiplication.
		{syntax.OpI16x8ExtendLowI8x16S, []V128{i8s(-1, 2)}, i16s(-1, 2)},
		{syntax.OpI16x8ExtendHighI8x16U, []V128{i8s(0, 0, 0, 0, 0, 0, 0, 0, -1)}, i16s(255)},
		{syntax.OpI32x4ExtendHighI16x8S, []V128{i16s(0, 0, 0, 0, -2)}, i32s(-2)},
		{syntax.OpI64x2ExtendLowI32x4U, []V128{i32s(-1, -2)}, i64s(0xffffffff, 0xfffffffe)},
		{syntax.OpI64x2ExtendHighI32x4S, []V128{i32s(0, 0, -1, 7)}, i64s(-1, 7)},
		{syntax.OpI16x8ExtaddPairwiseI8x16S, []V128{i8s(min8, min8, max8, max8)}, i16s(-256, 254)},
		{syntax.OpI16x8ExtaddPairwiseI8x16U, []V128{u8s(255, 255)}, i16s(510)},
		{syntax.OpI32x4ExtaddPairwiseI16x8U, []V128{i16s(-1, -1)}, i32s(131070)},
		{syntax.OpI32x4ExtaddPairwiseI16x8S, []V128{i16s(min16, min16)}, i32s(-65536)},
		{syntax.OpI16x8ExtmulLowI8x16S, []V128{i8s(min8, -1), i8s(min8, 1)}, i16s(16384, -1)},
		{syntax.OpI16x8ExtmulHighI8x16U, []V128{u8s(0, 0, 0, 0, 0, 0, 0, 0, 255), u8s(0, 0, 0, 0, 0, 0, 0, 0, 255)},
			i16s(-511)}, // 65025 as a 16-bit lane
		{syntax.OpI32x4ExtmulLowI16x8S, []V128{i16s(min16), i16s(min16)}, i32s(1 << 30)},
		{syntax.OpI64x2ExtmulHighI32x4U, []V128{i32s(0, 0, -1), i32s(0, 0, -1)}, i64s(-0x1ffffffff, 0)},
		{syntax.OpI64x2ExtmulLowI32x4S, []V128{i32s(math.MinInt32, -1), i32s(math.MinInt32, 1)}, i64s(1<<62, -1)},

		// q15mulr saturates only -1 × -1 in Q15; dot wraps only 2 × (-32768)².
		{syntax.OpI16x8Q15mulrSatS, []V128{i16s(min16, 16384, -16384, 1), i16s(min16, 16384, 16384, 1)},
			i16s(max16, 8192, -8192, 0)},
		{syntax.OpI32x4DotI16x8S, []V128{i16s(min16, min16, 1, 2), i16s(min16, min16, 3, 4)}, i32s(math.MinInt32, 11)},

		// Swizzle zeroes out-of-range indices; shuffle has its own test.
		{syntax.OpI8x16Swizzle, []V128{u8s(10, 11, 12), u8s(2, 16, 255, 0)}, u8s(12, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)},

		// Comparisons, signed and unsigned.
		{syntax.OpI8x16LtS, []V128{i8s(-1, 1), i8s(1, -1)}, i8s(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)},
		{syntax.OpI8x16LtU, []V128{i8s(-1, 1), i8s(1, -1)}, i8s(0, -1)},
		{syntax.OpI16x8GeS, []V128{i16s(min16, 0), i16s(0, 0)}, i16s(0, -1, -1, -1, -1, -1, -1, -1)},
		{syntax.OpI32x4GtU, []V128{i32s(-1, 0), i32s(1, 0)}, i32s(-1, 0, 0, 0)},
		{syntax.OpI64x2LeS, []V128{i64s(math.MinInt64, 1), i64s(0, 0)}, i64s(-1, 0)},
		{syntax.OpI64x2Ne, []V128{i64s(1, 2), i64s(1, 3)}, i64s(0, -1)},

		// Float lanes: NaN comparisons are false except ne; min/max follow
		// the scalar rules; pmin/pmax return an operand's bits as they are.
		{syntax.OpF32x4Eq, []V128{f32bits(CanonicalNaN32, 0), f32bits(CanonicalNaN32, negZero32)}, i32s(0, -1, -1, -1)},
		{syntax.OpF32x4Ne, []V128{f32bits(CanonicalNaN32), f32bits(CanonicalNaN32)}, i32s(-1, 0, 0, 0)},
		{syntax.OpF64x2Lt, []V128{V128{CanonicalNaN64, math.Float64bits(-1)}, f64s(0, 0)}, i64s(0, -1)},
		{syntax.OpF32x4Min, []V128{f32bits(0, sNaN32, 1), f32bits(negZero32, 0, sNaN32)}, f32bits(negZero32, qNaN32, qNaN32)},
		{syntax.OpF64x2Max, []V128{V128{negZero64, sNaN64}, V128{0, 0}}, V128{0, qNaN64}},
		{syntax.OpF32x4Pmin, []V128{f32bits(sNaN32, 0, math.Float32bits(1)), f32bits(0, sNaN32, math.Float32bits(-1))},
			f32bits(sNaN32, 0, math.Float32bits(-1))},
		{syntax.OpF32x4Pmax, []V128{f32bits(0, negZero32), f32bits(negZero32, 0)}, f32bits(0, negZero32)},
		{syntax.OpF64x2Pmin, []V128{V128{0, sNaN64}, V128{negZero64, 0}}, V128{0, sNaN64}},
		{syntax.OpF64x2Pmax, []V128{V128{sNaN64, math.Float64bits(1)}, V128{0, math.Float64bits(2)}}, V128{sNaN64, math.Float64bits(2)}},
		{syntax.OpF32x4Abs, []V128{f32bits(sNaN32|1<<31, negZero32)}, f32bits(sNaN32, 0)},
		{syntax.OpF64x2Neg, []V128{V128{sNaN64, 0}}, V128{sNaN64 | 1<<63, negZero64}},
		{syntax.OpF32x4Nearest, []V128{f32s(2.5, -0.5, 3.5, -2.5)}, f32bits(math.Float32bits(2), negZero32, math.Float32bits(4), math.Float32bits(-2))},
		{syntax.OpF64x2Sqrt, []V128{f64s(-1, 4)}, V128{CanonicalNaN64, math.Float64bits(2)}},
		{syntax.OpF32x4Div, []V128{f32s(1, 0, -1, 3), f32s(0, 0, 0, 2)}, f32bits(inf32, 0, negInf32, math.Float32bits(1.5))}, // lane 1: 0/0 is a NaN; checked below

		// Conversions: saturation, the _zero and _low forms.
		{syntax.OpI32x4TruncSatF32x4S, []V128{f32bits(CanonicalNaN32, inf32, negInf32, math.Float32bits(-1.9))},
			i32s(0, math.MaxInt32, math.MinInt32, -1)},
		{syntax.OpI32x4TruncSatF32x4U, []V128{f32s(-1, 4294967296, 1.9, 3e9)}, i32s(0, -1, 1, -1294967296)},
		{syntax.OpI32x4TruncSatF64x2SZero, []V128{f64s(-2147483649, 2147483647.9)}, i32s(math.MinInt32, math.MaxInt32, 0, 0)},
		{syntax.OpI32x4TruncSatF64x2UZero, []V128{f64s(-0.9, 4294967296)}, i32s(0, -1, 0, 0)},
		{syntax.OpF32x4ConvertI32x4U, []V128{i32s(-1, 16777217)}, f32s(4294967296, 16777216)},
		{syntax.OpF32x4ConvertI32x4S, []V128{i32s(math.MinInt32, -16777217)}, f32s(-2147483648, -16777216)},
		{syntax.OpF64x2ConvertLowI32x4U, []V128{i32s(-1, 1, 7, 7)}, f64s(4294967295, 1)},
		{syntax.OpF64x2ConvertLowI32x4S, []V128{i32s(-1, math.MinInt32, 7, 7)}, f64s(-1, -2147483648)},
		{syntax.OpF32x4DemoteF64x2Zero, []V128{V128{CanonicalNaN64, math.Float64bits(0x1p-150)}}, f32bits(CanonicalNaN32, 0, 0, 0)},
		{syntax.OpF64x2PromoteLowF32x4, []V128{f32bits(sNaN32, negZero32, 7, 7)}, V128{qNaN64, negZero64}},

		// Bitwise.
		{syntax.OpV128Andnot, []V128{{0xff00, 0xf0}, {0x0f00, 0xff}}, V128{0xf000, 0}},
		{syntax.OpV128Bitselect, []V128{{0xffff, 0}, {0, 0xffff}, {0x00ff, 0xff00}}, V128{0x00ff, 0x00ff}},
		{syntax.OpV128Not, []V128{{0, math.MaxUint64}}, V128{math.MaxUint64, 0}},

		// Relaxed ops take their strict counterparts' results, or round twice.
		{syntax.OpI8x16RelaxedSwizzle, []V128{u8s(10, 11), u8s(1, 200)}, u8s(11, 0, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10)},
		{syntax.OpI32x4RelaxedTruncF32x4S, []V128{f32bits(CanonicalNaN32, inf32, negInf32, math.Float32bits(-1.9))},
			i32s(0, math.MaxInt32, math.MinInt32, -1)},
		{syntax.OpI32x4RelaxedTruncF32x4U, []V128{f32s(-1, 4294967296, 1.9, 3e9)}, i32s(0, -1, 1, -1294967296)},
		{syntax.OpI32x4RelaxedTruncF64x2SZero, []V128{f64s(math.NaN(), -1e300)}, i32s(0, math.MinInt32, 0, 0)},
		{syntax.OpI32x4RelaxedTruncF64x2UZero, []V128{f64s(1e300, 5.5)}, i32s(-1, 5, 0, 0)},
		{syntax.OpF32x4RelaxedMadd, []V128{f32s(0x1.000004p+0), f32s(0x1.0002p+0), f32s(-0x1.000204p+0)}, f32s(0)},
		{syntax.OpF32x4RelaxedNmadd, []V128{f32s(2, 1), f32s(3, 1), f32s(1, 1)}, f32s(-5, 0)},
		{syntax.OpF64x2RelaxedMadd, []V128{f64s(0x1.fffffffffffffp+1023, 2), f64s(2, 3), f64s(-0x1.fffffffffffffp+1023, 1)},
			V128{inf64, math.Float64bits(7)}},
		{syntax.OpF64x2RelaxedNmadd, []V128{f64s(2, -1), f64s(3, 1), f64s(1, 1)}, f64s(-5, 2)},
		{syntax.OpI16x8RelaxedLaneselect, []V128{{0xffff, 1}, {0, 2}, {0x00ff, 0}}, V128{0x00ff, 2}},
		{syntax.OpF32x4RelaxedMin, []V128{f32bits(0, sNaN32), f32bits(negZero32, 0)}, f32bits(negZero32, qNaN32)},
		{syntax.OpF64x2RelaxedMax, []V128{V128{negZero64, 0}, V128{0, sNaN64}}, V128{0, qNaN64}},
		{syntax.OpI16x8RelaxedQ15mulrS, []V128{i16s(min16), i16s(min16)}, i16s(max16)},
		{syntax.OpI16x8RelaxedDotI8x16I7x16S, []V128{i8s(min8, min8, 1, 2), i8s(min8, min8, 3, 4)}, i16s(min16, 11)},
		{syntax.OpI32x4RelaxedDotI8x16I7x16AddS, []V128{i8s(min8, min8, min8, min8, 1), i8s(min8, min8, min8, min8, 2), i32s(1, 1, 0, 0)},
			i32s(65537, 3, 0, 0)},
	}
	for _, tt := range tests {
		got := apply(t, tt.op, tt.args)
		if tt.op == syntax.OpF32x4Div { // 0/0: any NaN the platform makes is canonical or arithmetic
			if !isNaNKind(uint64(got.U32(1)), 32, false) {
				t.Errorf("f32x4.div 0/0 = %#08x, want a NaN", got.U32(1))
			}
			got = got.WithU32(1, 0)
		}
		if got != tt.want {
			t.Errorf("%s%v = %016x_%016x, want %016x_%016x", tt.op, tt.args, got.Hi, got.Lo, tt.want.Hi, tt.want.Lo)
		}
	}
}

func TestSIMDShifts(t *testing.T) {
	tests := []struct {
		op   syntax.Op
		a    V128
		n    uint32
		want V128
	}{
		{syntax.OpI8x16Shl, u8s(0x81, 1), 1, u8s(2, 2)},
		{syntax.OpI8x16Shl, u8s(0x81, 1), 9, u8s(2, 2)}, // 9 mod 8
		{syntax.OpI8x16ShrU, u8s(0x80, 0xff), 7, u8s(1, 1)},
		{syntax.OpI8x16ShrU, u8s(0x80, 0xff), 8, u8s(0x80, 0xff)},
		{syntax.OpI8x16ShrS, i8s(-128, 64), 7, i8s(-1, 0)},
		{syntax.OpI8x16ShrS, i8s(-128, 64), 0xffffffff, i8s(-1, 0)},
		{syntax.OpI16x8Shl, i16s(-1, 1), 15, i16s(math.MinInt16, math.MinInt16)},
		{syntax.OpI16x8Shl, i16s(-1, 1), 16, i16s(-1, 1)},
		{syntax.OpI16x8ShrU, i16s(-1), 17, i16s(0x7fff)},
		{syntax.OpI16x8ShrS, i16s(math.MinInt16), 15, i16s(-1)},
		{syntax.OpI32x4Shl, i32s(1, -1), 33, i32s(2, -2)},
		{syntax.OpI32x4ShrU, i32s(-1), 31, i32s(1)},
		{syntax.OpI32x4ShrS, i32s(math.MinInt32), 63, i32s(-1)},
		{syntax.OpI64x2Shl, i64s(1, -1), 65, i64s(2, -2)},
		{syntax.OpI64x2ShrU, i64s(-1, 4), 64, i64s(-1, 4)},
		{syntax.OpI64x2ShrS, i64s(math.MinInt64, 4), 63, i64s(-1, 0)},
	}
	for _, tt := range tests {
		if got := V128Shift[tt.op](tt.a, tt.n); got != tt.want {
			t.Errorf("%s(%x, %d) = %x, want %x", tt.op, tt.a, tt.n, got, tt.want)
		}
	}
}

func TestSIMDTests(t *testing.T) {
	tests := []struct {
		op   syntax.Op
		a    V128
		want uint32
	}{
		{syntax.OpV128AnyTrue, V128{0, 1 << 63}, 1},
		{syntax.OpV128AnyTrue, V128{}, 0},
		{syntax.OpI8x16AllTrue, u8s(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 1},
		{syntax.OpI8x16AllTrue, u8s(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0), 0},
		{syntax.OpI16x8AllTrue, i16s(1, 1, 1, 1, 1, 1, 1, 0x100), 1},
		{syntax.OpI16x8AllTrue, i16s(1, 1, 1, 0, 1, 1, 1, 1), 0},
		{syntax.OpI32x4AllTrue, i32s(1, 1, 1, math.MinInt32), 1},
		{syntax.OpI32x4AllTrue, i32s(1, 1, 0, 1), 0},
		{syntax.OpI64x2AllTrue, i64s(1<<40, 1), 1},
		{syntax.OpI64x2AllTrue, i64s(1<<40, 0), 0},
		{syntax.OpI8x16Bitmask, i8s(-1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -128), 0x8005},
		{syntax.OpI16x8Bitmask, i16s(-1, 1, 0, 0, 0, 0, 0, -1), 0x81},
		{syntax.OpI32x4Bitmask, i32s(-1, 0, 0, math.MinInt32), 0x9},
		{syntax.OpI64x2Bitmask, i64s(1, -1), 0x2},
	}
	for _, tt := range tests {
		if got := V128Test[tt.op](tt.a); got != tt.want {
			t.Errorf("%s(%x) = %d, want %d", tt.op, tt.a, got, tt.want)
		}
	}
}

func TestLanes(t *testing.T) {
	v := V128{0x0706050403020100, 0x0f0e0d0c0b0a0908}
	for i := 0; i < 16; i++ {
		if v.U8(i) != uint8(i) {
			t.Errorf("U8(%d) = %d", i, v.U8(i))
		}
		if w := v.WithU8(i, 0xee); w.U8(i) != 0xee || w.WithU8(i, uint8(i)) != v {
			t.Errorf("WithU8(%d) changed other lanes: %x", i, w)
		}
	}
	if v.U16(5) != 0x0b0a || v.U32(3) != 0x0f0e0d0c || v.U64(1) != v.Hi || v.U64(0) != v.Lo {
		t.Errorf("lane accessors: %x %x %x", v.U16(5), v.U32(3), v.U64(1))
	}
	if w := v.WithU16(7, 0xaaaa); w.Hi != 0xaaaa0d0c0b0a0908 || w.Lo != v.Lo {
		t.Errorf("WithU16(7) = %x", w)
	}
	if w := v.WithU32(1, 0xaaaaaaaa); w.Lo != 0xaaaaaaaa03020100 || w.Hi != v.Hi {
		t.Errorf("WithU32(1) = %x", w)
	}
	if w := v.WithU64(1, 5); w != (V128{v.Lo, 5}) {
		t.Errorf("WithU64(1) = %x", w)
	}
	if FromBytes(v.Bytes()) != v || FromU16s(v.U16s()) != v || FromU32s(v.U32s()) != v || FromU64s(v.Lo, v.Hi) != v {
		t.Error("array round trips differ")
	}
	if f := f32s(1.5, -2).F32(1); f != -2 {
		t.Errorf("F32(1) = %v", f)
	}
	if f := f64s(1.5, -2).F64(1); f != -2 {
		t.Errorf("F64(1) = %v", f)
	}
}

func TestSplatExtractReplace(t *testing.T) {
	splats := []struct {
		op   syntax.Op
		x    uint64
		want V128
	}{
		{syntax.OpI8x16Splat, 0x1ff, V128{math.MaxUint64, math.MaxUint64}}, // only the low byte counts
		{syntax.OpI16x8Splat, 0x12345, i16s(0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345, 0x2345)},
		{syntax.OpI32x4Splat, 0xffffffff_00000001, i32s(1, 1, 1, 1)},
		{syntax.OpI64x2Splat, 7, i64s(7, 7)},
		{syntax.OpF32x4Splat, uint64(sNaN32), f32bits(sNaN32, sNaN32, sNaN32, sNaN32)},
		{syntax.OpF64x2Splat, sNaN64, V128{sNaN64, sNaN64}},
	}
	for _, tt := range splats {
		if got := V128Splat[tt.op](tt.x); got != tt.want {
			t.Errorf("%s(%#x) = %x, want %x", tt.op, tt.x, got, tt.want)
		}
	}
	v := i8s(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)
	extracts := []struct {
		op   syntax.Op
		a    V128
		lane uint8
		want uint64
	}{
		{syntax.OpI8x16ExtractLaneS, v, 15, 0xffffffff},
		{syntax.OpI8x16ExtractLaneU, v, 15, 0xff},
		{syntax.OpI16x8ExtractLaneS, v, 7, 0xffffff00},
		{syntax.OpI16x8ExtractLaneU, v, 7, 0xff00},
		{syntax.OpI32x4ExtractLane, v, 3, 0xff000000},
		{syntax.OpI64x2ExtractLane, v, 1, 0xff00000000000000},
		{syntax.OpF32x4ExtractLane, f32bits(0, 0, sNaN32), 2, uint64(sNaN32)},
		{syntax.OpF64x2ExtractLane, V128{0, sNaN64}, 1, sNaN64},
	}
	for _, tt := range extracts {
		if got := V128Extract[tt.op](tt.a, tt.lane); got != tt.want {
			t.Errorf("%s %d (%x) = %#x, want %#x", tt.op, tt.lane, tt.a, got, tt.want)
		}
	}
	replaces := []struct {
		op   syntax.Op
		lane uint8
		x    uint64
		want V128
	}{
		{syntax.OpI8x16ReplaceLane, 9, 0x1ab, V128{0, 0xab00}},
		{syntax.OpI16x8ReplaceLane, 3, 0x1abcd, V128{0xabcd000000000000, 0}},
		{syntax.OpI32x4ReplaceLane, 2, 0xffffffff_12345678, V128{0, 0x12345678}},
		{syntax.OpI64x2ReplaceLane, 0, 9, V128{9, 0}},
		{syntax.OpF32x4ReplaceLane, 1, uint64(sNaN32), V128{uint64(sNaN32) << 32, 0}},
		{syntax.OpF64x2ReplaceLane, 1, sNaN64, V128{0, sNaN64}},
	}
	for _, tt := range replaces {
		if got := V128Replace[tt.op](V128{}, tt.lane, tt.x); got != tt.want {
			t.Errorf("%s %d (%#x) = %x, want %x", tt.op, tt.lane, tt.x, got, tt.want)
		}
	}
}

func TestShuffle(t *testing.T) {
	a := u8s(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
	b := u8s(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31)
	lanes := u8s(31, 0, 16, 15, 1, 1, 1, 1, 17, 17, 17, 17, 2, 2, 2, 2)
	if got := I8x16Shuffle(a, b, lanes); got != lanes {
		t.Errorf("shuffle = %x, want %x", got, lanes)
	}
}

func TestLoadExtend(t *testing.T) {
	const x = 0x8081_7f00_ffff_0102
	tests := []struct {
		op   syntax.Op
		want V128
	}{
		{syntax.OpV128Load8x8S, i16s(2, 1, -1, -1, 0, 127, -127, -128)},
		{syntax.OpV128Load8x8U, i16s(2, 1, 255, 255, 0, 127, 129, 128)},
		{syntax.OpV128Load16x4S, i32s(0x0102, -1, 0x7f00, -32639)},
		{syntax.OpV128Load16x4U, i32s(0x0102, 0xffff, 0x7f00, 0x8081)},
		{syntax.OpV128Load32x2S, i64s(-65278, -2138996992)},
		{syntax.OpV128Load32x2U, i64s(0xffff0102, 0x80817f00)},
	}
	for _, tt := range tests {
		if got := V128LoadExtend[tt.op](x); got != tt.want {
			t.Errorf("%s = %x, want %x", tt.op, got, tt.want)
		}
	}
}

// TestNoAllocation runs every table function and the scalar functions with
// a trap result: none may allocate (they run in the interpreter's loop).
func TestNoAllocation(t *testing.T) {
	a, b, c := V128{0x0123456789abcdef, 0xfedcba9876543210}, V128{1, 2}, V128{3, 4}
	var sink V128
	var sinkU uint64
	allocs := testing.AllocsPerRun(10, func() {
		for _, f := range V128Unary {
			sink = f(a)
		}
		for _, f := range V128Binary {
			sink = f(a, b)
		}
		for _, f := range V128Ternary {
			sink = f(a, b, c)
		}
		for _, f := range V128Shift {
			sink = f(a, 3)
		}
		for _, f := range V128Test {
			sinkU = uint64(f(a))
		}
		for _, f := range V128Splat {
			sink = f(7)
		}
		for _, f := range V128Extract {
			sinkU = f(a, 1)
		}
		for _, f := range V128Replace {
			sink = f(a, 1, 9)
		}
		for _, f := range V128LoadExtend {
			sink = f(0x1234)
		}
		sink = I8x16Shuffle(a, b, c)
		_, err := I32DivS(math.MinInt32, -1)
		_, err2 := I64TruncF64U(math.NaN())
		if err == nil || err2 == nil {
			t.Fatal("no trap")
		}
	})
	if allocs != 0 {
		t.Errorf("%v allocations per run, want 0", allocs)
	}
	_, _ = sink, sinkU
}

// TestSaturatingExhaustive checks the SWAR saturating ops against the lane
// definition: every pair of 8-bit lanes, and 16-bit lanes over edge values.
func TestSaturatingExhaustive(t *testing.T) {
	sat := func(x, lo, hi int32) int32 { return min(max(x, lo), hi) }
	ops8 := []struct {
		op  syntax.Op
		ref func(x, y uint8) uint8
	}{
		{syntax.OpI8x16AddSatS, func(x, y uint8) uint8 { return uint8(sat(int32(int8(x))+int32(int8(y)), -128, 127)) }},
		{syntax.OpI8x16SubSatS, func(x, y uint8) uint8 { return uint8(sat(int32(int8(x))-int32(int8(y)), -128, 127)) }},
		{syntax.OpI8x16AddSatU, func(x, y uint8) uint8 { return uint8(sat(int32(x)+int32(y), 0, 255)) }},
		{syntax.OpI8x16SubSatU, func(x, y uint8) uint8 { return uint8(sat(int32(x)-int32(y), 0, 255)) }},
	}
	for _, o := range ops8 {
		f := V128Binary[o.op]
		for x := 0; x < 256; x++ {
			var a, b, want [16]uint8
			for y := 0; y < 256; y += 16 {
				for k := range a {
					a[k], b[k] = uint8(x), uint8(y+k)
					want[k] = o.ref(a[k], b[k])
				}
				if got := f(FromBytes(a), FromBytes(b)); got != FromBytes(want) {
					t.Fatalf("%s(%d, %d…%d) = %x, want %x", o.op, x, y, y+15, got.Bytes(), want)
				}
			}
		}
	}
	edges := []uint16{0, 1, 2, 0x7e, 0x7f, 0x80, 0xff, 0x100, 0x3fff, 0x4000, 0x7ffe, 0x7fff,
		0x8000, 0x8001, 0xbfff, 0xc000, 0xfeff, 0xff00, 0xff7f, 0xff80, 0xfffe, 0xffff}
	ops16 := []struct {
		op  syntax.Op
		ref func(x, y uint16) uint16
	}{
		{syntax.OpI16x8AddSatS, func(x, y uint16) uint16 { return uint16(sat(int32(int16(x))+int32(int16(y)), -32768, 32767)) }},
		{syntax.OpI16x8SubSatS, func(x, y uint16) uint16 { return uint16(sat(int32(int16(x))-int32(int16(y)), -32768, 32767)) }},
		{syntax.OpI16x8AddSatU, func(x, y uint16) uint16 { return uint16(sat(int32(x)+int32(y), 0, 65535)) }},
		{syntax.OpI16x8SubSatU, func(x, y uint16) uint16 { return uint16(sat(int32(x)-int32(y), 0, 65535)) }},
	}
	for _, o := range ops16 {
		f := V128Binary[o.op]
		for _, x := range edges {
			for _, y := range edges {
				// Put the pair in every lane position, next to neighbours
				// that overflow the other way, to catch carries across lanes.
				var a, b, want [8]uint16
				for k := range a {
					if k%2 == 0 {
						a[k], b[k] = x, y
					} else {
						a[k], b[k] = y, x
					}
					want[k] = o.ref(a[k], b[k])
				}
				if got := f(FromU16s(a), FromU16s(b)); got != FromU16s(want) {
					t.Errorf("%s(%#x, %#x) = %x, want %x", o.op, x, y, got.U16s(), want)
				}
			}
		}
	}
}
