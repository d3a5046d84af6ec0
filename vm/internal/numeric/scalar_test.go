package numeric

import (
	"errors"
	"math"
	"testing"
)

// Bit patterns used across the scalar tests.
const (
	negZero32 uint32 = 0x80000000
	sNaN32    uint32 = 0x7fa00000 // signalling, payload 0x200000
	qNaN32    uint32 = 0x7fe00000 // sNaN32 quieted
	negNaN32  uint32 = 0xffc00000
	inf32     uint32 = 0x7f800000
	negInf32  uint32 = 0xff800000

	negZero64 uint64 = 0x8000000000000000
	sNaN64    uint64 = 0x7ff4000000000000
	qNaN64    uint64 = 0x7ffc000000000000
	inf64     uint64 = 0x7ff0000000000000
)

func fb32(b uint32) float32 { return math.Float32frombits(b) }
func fb64(b uint64) float64 { return math.Float64frombits(b) }

func TestF32Unary(t *testing.T) {
	funcs := map[string]func(float32) float32{
		"ceil": F32Ceil, "floor": F32Floor, "trunc": F32Trunc, "nearest": F32Nearest, "sqrt": F32Sqrt,
	}
	tests := []struct {
		op   string
		in   uint32
		want uint32
	}{
		{"ceil", math.Float32bits(-0.5), negZero32},
		{"ceil", math.Float32bits(0.5), math.Float32bits(1)},
		{"ceil", sNaN32, qNaN32},
		{"ceil", negInf32, negInf32},
		{"floor", math.Float32bits(-0.5), math.Float32bits(-1)},
		{"floor", negZero32, negZero32},
		{"floor", sNaN32 | 1<<31, qNaN32 | 1<<31},
		{"trunc", math.Float32bits(-0.9), negZero32},
		{"trunc", math.Float32bits(8388607.5), math.Float32bits(8388607)},
		{"trunc", sNaN32, qNaN32},
		// nearest rounds half to even and keeps the sign of zero results.
		{"nearest", math.Float32bits(0.5), 0},
		{"nearest", math.Float32bits(1.5), math.Float32bits(2)},
		{"nearest", math.Float32bits(2.5), math.Float32bits(2)},
		{"nearest", math.Float32bits(-0.5), negZero32},
		{"nearest", math.Float32bits(-3.5), math.Float32bits(-4)},
		{"nearest", math.Float32bits(8388609), math.Float32bits(8388609)},
		{"nearest", math.Float32bits(4194303.5), math.Float32bits(4194304)},
		{"nearest", sNaN32, qNaN32},
		{"sqrt", negZero32, negZero32},
		{"sqrt", math.Float32bits(-1), CanonicalNaN32},
		{"sqrt", negInf32, CanonicalNaN32},
		{"sqrt", inf32, inf32},
		{"sqrt", math.Float32bits(2), 0x3fb504f3},
		{"sqrt", sNaN32, qNaN32},
	}
	for _, tt := range tests {
		if got := math.Float32bits(funcs[tt.op](fb32(tt.in))); got != tt.want {
			t.Errorf("f32.%s(%#08x) = %#08x, want %#08x", tt.op, tt.in, got, tt.want)
		}
	}
}

func TestF64Unary(t *testing.T) {
	funcs := map[string]func(float64) float64{
		"ceil": F64Ceil, "floor": F64Floor, "trunc": F64Trunc, "nearest": F64Nearest, "sqrt": F64Sqrt,
	}
	tests := []struct {
		op   string
		in   uint64
		want uint64
	}{
		{"ceil", math.Float64bits(-0.5), negZero64},
		{"ceil", sNaN64, qNaN64},
		{"floor", math.Float64bits(-0.5), math.Float64bits(-1)},
		{"floor", sNaN64, qNaN64},
		{"trunc", math.Float64bits(-0.9), negZero64},
		{"trunc", sNaN64, qNaN64},
		{"nearest", math.Float64bits(2.5), math.Float64bits(2)},
		{"nearest", math.Float64bits(-0.5), negZero64},
		{"nearest", math.Float64bits(4503599627370497), math.Float64bits(4503599627370497)},
		{"nearest", math.Float64bits(2251799813685247.5), math.Float64bits(2251799813685248)},
		{"nearest", sNaN64, qNaN64},
		{"sqrt", negZero64, negZero64},
		{"sqrt", math.Float64bits(-1), CanonicalNaN64},
		{"sqrt", sNaN64, qNaN64},
	}
	for _, tt := range tests {
		if got := math.Float64bits(funcs[tt.op](fb64(tt.in))); got != tt.want {
			t.Errorf("f64.%s(%#016x) = %#016x, want %#016x", tt.op, tt.in, got, tt.want)
		}
	}
}

func TestMinMax(t *testing.T) {
	tests := []struct {
		name     string
		a, b     uint32
		min, max uint32
	}{
		{"zeros", 0, negZero32, negZero32, 0},
		{"zeros swapped", negZero32, 0, negZero32, 0},
		{"ordered", math.Float32bits(1), math.Float32bits(2), math.Float32bits(1), math.Float32bits(2)},
		{"infinities", negInf32, inf32, negInf32, inf32},
		{"first NaN quieted", sNaN32, math.Float32bits(1), qNaN32, qNaN32},
		{"second NaN quieted", math.Float32bits(1), sNaN32, qNaN32, qNaN32},
		{"NaN sign kept", negNaN32, 0, negNaN32, negNaN32},
		{"two NaNs: first", CanonicalNaN32, sNaN32, CanonicalNaN32, CanonicalNaN32},
	}
	for _, tt := range tests {
		if got := math.Float32bits(F32Min(fb32(tt.a), fb32(tt.b))); got != tt.min {
			t.Errorf("%s: f32.min = %#08x, want %#08x", tt.name, got, tt.min)
		}
		if got := math.Float32bits(F32Max(fb32(tt.a), fb32(tt.b))); got != tt.max {
			t.Errorf("%s: f32.max = %#08x, want %#08x", tt.name, got, tt.max)
		}
		// The same cases widened to f64 (NaN payloads move up by 29 bits).
		w := func(x uint32) uint64 { return math.Float64bits(F64PromoteF32(fb32(x))) }
		if got := math.Float64bits(F64Min(fb64(w(tt.a)), fb64(w(tt.b)))); got != w(tt.min) {
			t.Errorf("%s: f64.min = %#016x, want %#016x", tt.name, got, w(tt.min))
		}
		if got := math.Float64bits(F64Max(fb64(w(tt.a)), fb64(w(tt.b)))); got != w(tt.max) {
			t.Errorf("%s: f64.max = %#016x, want %#016x", tt.name, got, w(tt.max))
		}
	}
}

func TestSignOps(t *testing.T) {
	tests := []struct {
		name string
		got  uint64
		want uint64
	}{
		{"f32.abs sNaN keeps payload", uint64(F32Abs(sNaN32 | 1<<31)), uint64(sNaN32)},
		{"f32.neg sNaN keeps payload", uint64(F32Neg(sNaN32)), uint64(sNaN32 | 1<<31)},
		{"f32.neg 0", uint64(F32Neg(0)), uint64(negZero32)},
		{"f32.copysign NaN sign", uint64(F32Copysign(sNaN32, negZero32)), uint64(sNaN32 | 1<<31)},
		{"f32.copysign from NaN", uint64(F32Copysign(math.Float32bits(2), negNaN32)), uint64(math.Float32bits(-2))},
		{"f64.abs", F64Abs(sNaN64 | 1<<63), sNaN64},
		{"f64.neg", F64Neg(sNaN64), sNaN64 | 1<<63},
		{"f64.copysign", F64Copysign(math.Float64bits(-3), 0), math.Float64bits(3)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %#x, want %#x", tt.name, tt.got, tt.want)
		}
	}
}

func TestDemotePromote(t *testing.T) {
	demote := []struct {
		in   uint64
		want uint32
	}{
		{CanonicalNaN64, CanonicalNaN32},
		{CanonicalNaN64 | 1<<63, CanonicalNaN32 | 1<<31},
		{0x7ff0000020000000, 0x7fc00001},                     // signalling, payload in the kept bits: quieted
		{0x7ff0000000000001, CanonicalNaN32},                 // payload only in dropped bits
		{math.Float64bits(0x1.fffffefffffffp-1), 0x3f7fffff}, // just below a tie: down
		{math.Float64bits(0x1.fffffffp-1), 0x3f800000},       // above: up to 1
		{math.Float64bits(0x1.ffffffp127), inf32},            // tie above the largest float32: to even, inf
		{math.Float64bits(0x1.fffffefp127), 0x7f7fffff},      // below the tie: the largest float32
		{math.Float64bits(0x1p-150), 0},                      // tie to even: 0
		{math.Float64bits(0x1.000001p-150), 1},               // above the tie: smallest subnormal
		{negZero64, negZero32},
		{inf64, inf32},
	}
	for _, tt := range demote {
		if got := math.Float32bits(F32DemoteF64(fb64(tt.in))); got != tt.want {
			t.Errorf("f32.demote_f64(%#016x) = %#08x, want %#08x", tt.in, got, tt.want)
		}
	}
	promote := []struct {
		in   uint32
		want uint64
	}{
		{CanonicalNaN32, CanonicalNaN64},
		{negNaN32, CanonicalNaN64 | 1<<63},
		{sNaN32, 0x7ffc000000000000},
		{0x7f800001, 0x7ff8000020000000},
		{1, math.Float64bits(0x1p-149)},
		{negZero32, negZero64},
	}
	for _, tt := range promote {
		if got := math.Float64bits(F64PromoteF32(fb32(tt.in))); got != tt.want {
			t.Errorf("f64.promote_f32(%#08x) = %#016x, want %#016x", tt.in, got, tt.want)
		}
	}
}

func TestConvert(t *testing.T) {
	f32s := []struct {
		name string
		got  float32
		want uint32
	}{
		// Double rounding through float64 would give 0x1p+63 and 0x1.fffffcp+63.
		{"i64_u 0x8000008000000001", F32ConvertI64U(0x8000008000000001), 0x5f000001},
		{"i64_u 0xfffffe8000000001", F32ConvertI64U(0xfffffe8000000001), 0x5f7fffff},
		{"i64_u 9007199791611905", F32ConvertI64U(9007199791611905), math.Float32bits(9007200328482816)},
		{"i64_u max", F32ConvertI64U(math.MaxUint64), math.Float32bits(0x1p64)},
		{"i64_u tie to even", F32ConvertI64U(0x8000008000000000), 0x5f000000},
		{"i64_s 0x20000020000001", F32ConvertI64S(0x20000020000001), math.Float32bits(0x1.000002p+53)},
		{"i64_s -0x20000020000001", F32ConvertI64S(-0x20000020000001), math.Float32bits(-0x1.000002p+53)},
		{"i64_s min", F32ConvertI64S(math.MinInt64), math.Float32bits(-0x1p63)},
		{"i64_s 2^53+1", F32ConvertI64S(1<<53 + 1), math.Float32bits(0x1p53)},
		{"i32_u max", F32ConvertI32U(math.MaxUint32), math.Float32bits(0x1p32)},
		{"i32_s 16777217", F32ConvertI32S(16777217), math.Float32bits(16777216)},
		{"i32_s 16777219", F32ConvertI32S(16777219), math.Float32bits(16777220)},
	}
	for _, tt := range f32s {
		if got := math.Float32bits(tt.got); got != tt.want {
			t.Errorf("f32.convert_%s = %#08x, want %#08x", tt.name, got, tt.want)
		}
	}
	f64s := []struct {
		name string
		got  float64
		want float64
	}{
		{"i64_u max", F64ConvertI64U(math.MaxUint64), 0x1p64},
		{"i64_u 0x8000000000000401", F64ConvertI64U(0x8000000000000401), 0x1.0000000000001p63},
		{"i64_u 0x8000000000000400 tie", F64ConvertI64U(0x8000000000000400), 0x1p63},
		{"i64_u 2^53+1", F64ConvertI64U(1<<53 + 1), 0x1p53},
		{"i64_s min", F64ConvertI64S(math.MinInt64), -0x1p63},
		{"i32_u max", F64ConvertI32U(math.MaxUint32), 4294967295},
		{"i32_s min", F64ConvertI32S(math.MinInt32), -2147483648},
	}
	for _, tt := range f64s {
		if tt.got != tt.want {
			t.Errorf("f64.convert_%s = %x, want %x", tt.name, tt.got, tt.want)
		}
	}
}

func TestTrunc(t *testing.T) {
	type res struct {
		v   int64
		err error
	}
	wrap32s := func(v int32, err error) res { return res{int64(v), err} }
	wrap32u := func(v uint32, err error) res { return res{int64(v), err} }
	wrap64s := func(v int64, err error) res { return res{v, err} }
	wrap64u := func(v uint64, err error) res { return res{int64(v), err} }
	nan32, nan64 := fb32(CanonicalNaN32), fb64(CanonicalNaN64)
	tests := []struct {
		name string
		got  res
		want res
	}{
		{"i32_f32_s -2^31", wrap32s(I32TruncF32S(-2147483648)), res{math.MinInt32, nil}},
		{"i32_f32_s 2^31", wrap32s(I32TruncF32S(2147483648)), res{0, ErrIntegerOverflow}},
		{"i32_f32_s below -2^31", wrap32s(I32TruncF32S(-2147483904)), res{0, ErrIntegerOverflow}},
		{"i32_f32_s NaN", wrap32s(I32TruncF32S(nan32)), res{0, ErrInvalidConversion}},
		{"i32_f32_s -inf", wrap32s(I32TruncF32S(fb32(negInf32))), res{0, ErrIntegerOverflow}},
		{"i32_f32_s -1.9", wrap32s(I32TruncF32S(-1.9)), res{-1, nil}},
		{"i32_f64_s -2^31-0.9", wrap32s(I32TruncF64S(-2147483648.9)), res{math.MinInt32, nil}},
		{"i32_f64_s -2^31-1", wrap32s(I32TruncF64S(-2147483649)), res{0, ErrIntegerOverflow}},
		{"i32_f64_s 2^31-0.1", wrap32s(I32TruncF64S(2147483647.9)), res{math.MaxInt32, nil}},
		{"i32_f32_u -0.9", wrap32u(I32TruncF32U(-0.9)), res{0, nil}},
		{"i32_f32_u -1", wrap32u(I32TruncF32U(-1)), res{0, ErrIntegerOverflow}},
		{"i32_f32_u 2^32-256", wrap32u(I32TruncF32U(4294967040)), res{4294967040, nil}},
		{"i32_f32_u 2^32", wrap32u(I32TruncF32U(4294967296)), res{0, ErrIntegerOverflow}},
		{"i32_f64_u 2^32-0.1", wrap32u(I32TruncF64U(4294967295.9)), res{4294967295, nil}},
		{"i32_f64_u NaN", wrap32u(I32TruncF64U(nan64)), res{0, ErrInvalidConversion}},
		{"i64_f32_s -2^63", wrap64s(I64TruncF32S(-0x1p63)), res{math.MinInt64, nil}},
		{"i64_f32_s 2^63", wrap64s(I64TruncF32S(0x1p63)), res{0, ErrIntegerOverflow}},
		{"i64_f64_s -2^63", wrap64s(I64TruncF64S(-0x1p63)), res{math.MinInt64, nil}},
		{"i64_f64_s below -2^63", wrap64s(I64TruncF64S(-0x1.0000000000001p63)), res{0, ErrIntegerOverflow}},
		{"i64_f64_s largest", wrap64s(I64TruncF64S(0x1.fffffffffffffp62)), res{0x7ffffffffffffc00, nil}},
		{"i64_f64_u 2^64-2048", wrap64u(I64TruncF64U(18446744073709549568)), res{-2048, nil}},
		{"i64_f64_u 2^64", wrap64u(I64TruncF64U(0x1p64)), res{0, ErrIntegerOverflow}},
		{"i64_f64_u 2^63", wrap64u(I64TruncF64U(0x1p63)), res{math.MinInt64, nil}},
		{"i64_f32_u -0.9", wrap64u(I64TruncF32U(-0.9)), res{0, nil}},
		{"i64_f32_u NaN", wrap64u(I64TruncF32U(nan32)), res{0, ErrInvalidConversion}},
	}
	for _, tt := range tests {
		if tt.got.err != tt.want.err || tt.got.err == nil && tt.got.v != tt.want.v {
			t.Errorf("%s: got %d, %v; want %d, %v", tt.name, tt.got.v, tt.got.err, tt.want.v, tt.want.err)
		}
	}
}

func TestTruncSat(t *testing.T) {
	nan32, nan64 := fb32(CanonicalNaN32), fb64(CanonicalNaN64)
	inf, ninf := math.Inf(1), math.Inf(-1)
	tests := []struct {
		name      string
		got, want int64
	}{
		{"i32_f32_s NaN", int64(I32TruncSatF32S(nan32)), 0},
		{"i32_f32_s 2^31", int64(I32TruncSatF32S(2147483648)), math.MaxInt32},
		{"i32_f32_s -inf", int64(I32TruncSatF32S(float32(ninf))), math.MinInt32},
		{"i32_f64_s -2^31-0.9", int64(I32TruncSatF64S(-2147483648.9)), math.MinInt32},
		{"i32_f64_s 2^31-0.1", int64(I32TruncSatF64S(2147483647.9)), math.MaxInt32},
		{"i32_f64_s -1.5", int64(I32TruncSatF64S(-1.5)), -1},
		{"i32_f32_u -1", int64(I32TruncSatF32U(-1)), 0},
		{"i32_f32_u inf", int64(I32TruncSatF32U(float32(inf))), math.MaxUint32},
		{"i32_f64_u 2^32-0.1", int64(I32TruncSatF64U(4294967295.9)), math.MaxUint32},
		{"i32_f64_u NaN", int64(I32TruncSatF64U(nan64)), 0},
		{"i64_f32_s 2^63", I64TruncSatF32S(0x1p63), math.MaxInt64},
		{"i64_f64_s -inf", I64TruncSatF64S(ninf), math.MinInt64},
		{"i64_f64_s NaN", I64TruncSatF64S(nan64), 0},
		{"i64_f32_u 2^64", int64(I64TruncSatF32U(0x1p64)), -1},
		{"i64_f64_u 2^63", int64(I64TruncSatF64U(0x1p63)), math.MinInt64},
		{"i64_f64_u -inf", int64(I64TruncSatF64U(ninf)), 0},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("trunc_sat %s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}

func TestDivRem(t *testing.T) {
	type res struct {
		v   int64
		err error
	}
	r32 := func(v int32, err error) res { return res{int64(v), err} }
	r32u := func(v uint32, err error) res { return res{int64(v), err} }
	r64 := func(v int64, err error) res { return res{v, err} }
	r64u := func(v uint64, err error) res { return res{int64(v), err} }
	tests := []struct {
		name      string
		got, want res
	}{
		{"i32.div_s min/-1", r32(I32DivS(math.MinInt32, -1)), res{0, ErrIntegerOverflow}},
		{"i32.div_s /0", r32(I32DivS(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i32.div_s -7/2", r32(I32DivS(-7, 2)), res{-3, nil}},
		{"i32.rem_s min%-1", r32(I32RemS(math.MinInt32, -1)), res{0, nil}},
		{"i32.rem_s -7%2", r32(I32RemS(-7, 2)), res{-1, nil}},
		{"i32.rem_s %0", r32(I32RemS(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i32.div_u", r32u(I32DivU(0x80000000, 2)), res{0x40000000, nil}},
		{"i32.div_u /0", r32u(I32DivU(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i32.rem_u", r32u(I32RemU(0x80000001, 2)), res{1, nil}},
		{"i32.rem_u %0", r32u(I32RemU(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i64.div_s min/-1", r64(I64DivS(math.MinInt64, -1)), res{0, ErrIntegerOverflow}},
		{"i64.div_s /0", r64(I64DivS(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i64.rem_s min%-1", r64(I64RemS(math.MinInt64, -1)), res{0, nil}},
		{"i64.rem_s %0", r64(I64RemS(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i64.div_u", r64u(I64DivU(math.MaxUint64, 2)), res{math.MaxInt64, nil}},
		{"i64.div_u /0", r64u(I64DivU(1, 0)), res{0, ErrIntegerDivideByZero}},
		{"i64.rem_u", r64u(I64RemU(math.MaxUint64, 10)), res{5, nil}},
		{"i64.rem_u %0", r64u(I64RemU(1, 0)), res{0, ErrIntegerDivideByZero}},
	}
	for _, tt := range tests {
		if tt.got.err != tt.want.err || tt.got.err == nil && tt.got.v != tt.want.v {
			t.Errorf("%s: got %d, %v; want %d, %v", tt.name, tt.got.v, tt.got.err, tt.want.v, tt.want.err)
		}
	}
	if !errors.Is(ErrIntegerOverflow, ErrIntegerOverflow) || ErrIntegerOverflow.Error() != "integer overflow" ||
		ErrInvalidConversion.Error() != "invalid conversion to integer" ||
		ErrIntegerDivideByZero.Error() != "integer divide by zero" {
		t.Error("trap messages differ from the spec's")
	}
}

func TestBitOps(t *testing.T) {
	tests := []struct {
		name      string
		got, want uint64
	}{
		{"i32.clz 0", uint64(I32Clz(0)), 32},
		{"i32.clz 1", uint64(I32Clz(1)), 31},
		{"i32.ctz 0", uint64(I32Ctz(0)), 32},
		{"i32.ctz 0x80000000", uint64(I32Ctz(0x80000000)), 31},
		{"i32.popcnt", uint64(I32Popcnt(0xffffffff)), 32},
		{"i32.shl by 32 is by 0", uint64(I32Shl(1, 32)), 1},
		{"i32.shl by 33", uint64(I32Shl(1, 33)), 2},
		{"i32.shr_s", uint64(I32ShrS(0x80000000, 31)), 0xffffffff},
		{"i32.shr_s by 32", uint64(I32ShrS(0x80000000, 32)), 0x80000000},
		{"i32.shr_u by 35", uint64(I32ShrU(0x80000000, 35)), 0x10000000},
		{"i32.rotl", uint64(I32Rotl(0x80000001, 1)), 3},
		{"i32.rotl by 33", uint64(I32Rotl(0x80000001, 33)), 3},
		{"i32.rotr", uint64(I32Rotr(1, 1)), 0x80000000},
		{"i32.rotr by -1", uint64(I32Rotr(1, 0xffffffff)), 2},
		{"i64.clz 0", I64Clz(0), 64},
		{"i64.ctz 0", I64Ctz(0), 64},
		{"i64.popcnt", I64Popcnt(0x8000000000000001), 2},
		{"i64.shl by 64", I64Shl(1, 64), 1},
		{"i64.shr_s by 63", I64ShrS(1<<63, 63), math.MaxUint64},
		{"i64.shr_u by 65", I64ShrU(1<<63, 65), 1 << 62},
		{"i64.rotl by 65", I64Rotl(1<<63, 65), 1},
		{"i64.rotr by 64", I64Rotr(5, 64), 5},
		{"i32.extend8_s", uint64(I32Extend8S(0x180)), 0xffffff80},
		{"i32.extend16_s", uint64(I32Extend16S(0x17fff)), 0x7fff},
		{"i64.extend8_s", I64Extend8S(0xff), math.MaxUint64},
		{"i64.extend16_s", I64Extend16S(0x8000), 0xffffffffffff8000},
		{"i64.extend32_s", I64Extend32S(0x1_8000_0000), 0xffffffff80000000},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %#x, want %#x", tt.name, tt.got, tt.want)
		}
	}
}
