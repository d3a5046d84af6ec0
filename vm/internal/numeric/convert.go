package numeric

import "math"

// Float-to-integer truncation. The bounds are exact float64 values; a float32
// argument widens to float64 exactly, so one set of bounds serves both.
// Each trapping form is valid when trunc(x) lies in the target range:
//
//	i32 signed:   -2^31-1 < x < 2^31
//	i32 unsigned: -1      < x < 2^32
//	i64 signed:   -2^63  <= x < 2^63  (no float64 lies strictly between -2^63-1 and -2^63)
//	i64 unsigned: -1      < x < 2^64
const (
	two31 = 2147483648.0
	two32 = 4294967296.0
	two63 = 9223372036854775808.0
	two64 = 18446744073709551616.0
)

func truncI32S(x float64) (int32, error) {
	switch {
	case x != x:
		return 0, ErrInvalidConversion
	case x <= -two31-1 || x >= two31:
		return 0, ErrIntegerOverflow
	}
	return int32(x), nil
}

func truncI32U(x float64) (uint32, error) {
	switch {
	case x != x:
		return 0, ErrInvalidConversion
	case x <= -1 || x >= two32:
		return 0, ErrIntegerOverflow
	}
	return uint32(int64(x)), nil
}

func truncI64S(x float64) (int64, error) {
	switch {
	case x != x:
		return 0, ErrInvalidConversion
	case x < -two63 || x >= two63:
		return 0, ErrIntegerOverflow
	}
	return int64(x), nil
}

func truncI64U(x float64) (uint64, error) {
	switch {
	case x != x:
		return 0, ErrInvalidConversion
	case x <= -1 || x >= two64:
		return 0, ErrIntegerOverflow
	}
	return f64ToU64(x), nil
}

// f64ToU64 converts x, already truncated-range-checked to [0, 2^64), without
// relying on the target's unsigned conversion. Above 2^63 the subtraction is
// exact: both numbers are multiples of the float64 spacing there (2^11).
func f64ToU64(x float64) uint64 {
	if x < two63 {
		return uint64(int64(x))
	}
	return uint64(int64(x-two63)) | 1<<63
}

// I32TruncF32S is i32.trunc_f32_s.
func I32TruncF32S(x float32) (int32, error) { return truncI32S(float64(x)) }

// I32TruncF32U is i32.trunc_f32_u.
func I32TruncF32U(x float32) (uint32, error) { return truncI32U(float64(x)) }

// I32TruncF64S is i32.trunc_f64_s.
func I32TruncF64S(x float64) (int32, error) { return truncI32S(x) }

// I32TruncF64U is i32.trunc_f64_u.
func I32TruncF64U(x float64) (uint32, error) { return truncI32U(x) }

// I64TruncF32S is i64.trunc_f32_s.
func I64TruncF32S(x float32) (int64, error) { return truncI64S(float64(x)) }

// I64TruncF32U is i64.trunc_f32_u.
func I64TruncF32U(x float32) (uint64, error) { return truncI64U(float64(x)) }

// I64TruncF64S is i64.trunc_f64_s.
func I64TruncF64S(x float64) (int64, error) { return truncI64S(x) }

// I64TruncF64U is i64.trunc_f64_u.
func I64TruncF64U(x float64) (uint64, error) { return truncI64U(x) }

// Saturating truncation: NaN gives 0, out-of-range values clamp.

func satI32S(x float64) int32 {
	switch {
	case x != x:
		return 0
	case x <= -two31:
		return math.MinInt32
	case x >= two31:
		return math.MaxInt32
	}
	return int32(x)
}

func satI32U(x float64) uint32 {
	switch {
	case x != x || x <= 0:
		return 0
	case x >= two32:
		return math.MaxUint32
	}
	return uint32(int64(x))
}

func satI64S(x float64) int64 {
	switch {
	case x != x:
		return 0
	case x <= -two63:
		return math.MinInt64
	case x >= two63:
		return math.MaxInt64
	}
	return int64(x)
}

func satI64U(x float64) uint64 {
	switch {
	case x != x || x <= 0:
		return 0
	case x >= two64:
		return math.MaxUint64
	}
	return f64ToU64(x)
}

// I32TruncSatF32S is i32.trunc_sat_f32_s.
func I32TruncSatF32S(x float32) int32 { return satI32S(float64(x)) }

// I32TruncSatF32U is i32.trunc_sat_f32_u.
func I32TruncSatF32U(x float32) uint32 { return satI32U(float64(x)) }

// I32TruncSatF64S is i32.trunc_sat_f64_s.
func I32TruncSatF64S(x float64) int32 { return satI32S(x) }

// I32TruncSatF64U is i32.trunc_sat_f64_u.
func I32TruncSatF64U(x float64) uint32 { return satI32U(x) }

// I64TruncSatF32S is i64.trunc_sat_f32_s.
func I64TruncSatF32S(x float32) int64 { return satI64S(float64(x)) }

// I64TruncSatF32U is i64.trunc_sat_f32_u.
func I64TruncSatF32U(x float32) uint64 { return satI64U(float64(x)) }

// I64TruncSatF64S is i64.trunc_sat_f64_s.
func I64TruncSatF64S(x float64) int64 { return satI64S(x) }

// I64TruncSatF64U is i64.trunc_sat_f64_u.
func I64TruncSatF64U(x float64) uint64 { return satI64U(x) }

// Integer-to-float conversion, rounding to nearest, ties to even, once.

// F32ConvertI32S is f32.convert_i32_s.
func F32ConvertI32S(x int32) float32 { return float32(x) }

// F32ConvertI32U is f32.convert_i32_u.
func F32ConvertI32U(x uint32) float32 { return float32(int64(x)) }

// F32ConvertI64S is f32.convert_i64_s. Below 2^53 in magnitude float64 holds
// x exactly and the only rounding is to float32. Above, the low bits that
// float64 would drop are folded into one sticky bit first: rounding a 53-bit
// number with a sticky bit to 24 bits gives the same result as rounding x.
func F32ConvertI64S(x int64) float32 {
	if -1<<53 <= x && x <= 1<<53 {
		return float32(float64(x))
	}
	neg := x < 0
	u := uint64(x)
	if neg {
		u = -u
	}
	f := u64ToF32(u)
	if neg {
		return -f
	}
	return f
}

// F32ConvertI64U is f32.convert_i64_u.
func F32ConvertI64U(x uint64) float32 {
	if x <= 1<<53 {
		return float32(float64(x))
	}
	return u64ToF32(x)
}

// u64ToF32 rounds x > 2^53 to float32 once: x shifted right by 11 with the
// dropped bits ORed into bit 0 fits float64 exactly (53 bits), its rounding
// to float32 is the rounding of x, and the scaling by 2^11 is exact.
func u64ToF32(x uint64) float32 {
	sticky := uint64(0)
	if x&(1<<11-1) != 0 {
		sticky = 1
	}
	return float32(float64(x>>11|sticky)) * (1 << 11)
}

// F64ConvertI32S is f64.convert_i32_s (exact).
func F64ConvertI32S(x int32) float64 { return float64(x) }

// F64ConvertI32U is f64.convert_i32_u (exact).
func F64ConvertI32U(x uint32) float64 { return float64(int64(x)) }

// F64ConvertI64S is f64.convert_i64_s.
func F64ConvertI64S(x int64) float64 { return float64(x) }

// F64ConvertI64U is f64.convert_i64_u. Above 2^63 the value is halved with
// the lost bit kept as a sticky bit (round to odd), converted as a signed
// number and doubled exactly: one rounding in all.
func F64ConvertI64U(x uint64) float64 {
	if int64(x) >= 0 {
		return float64(int64(x))
	}
	return float64(int64(x>>1|x&1)) * 2
}
