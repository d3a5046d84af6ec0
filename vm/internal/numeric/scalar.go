package numeric

import (
	"errors"
	"math"
	"math/bits"
)

// Trap conditions of the numeric instructions, with the specification's
// messages. The interpreter attaches the function and offset.
var (
	ErrIntegerOverflow     = errors.New("integer overflow")
	ErrInvalidConversion   = errors.New("invalid conversion to integer")
	ErrIntegerDivideByZero = errors.New("integer divide by zero")
)

// Bit patterns of the canonical NaNs and the masks of the IEEE fields.
const (
	CanonicalNaN32 uint32 = 0x7fc00000
	CanonicalNaN64 uint64 = 0x7ff8000000000000

	signBit32  uint32 = 1 << 31
	signBit64  uint64 = 1 << 63
	quietBit32 uint32 = 1 << 22
	quietBit64 uint64 = 1 << 51
)

// quiet32 returns the NaN x with its quiet bit set: an arithmetic NaN with
// x's payload, which the spec accepts wherever a NaN operand propagates.
func quiet32(x float32) float32 {
	return math.Float32frombits(math.Float32bits(x) | quietBit32)
}

func quiet64(x float64) float64 {
	return math.Float64frombits(math.Float64bits(x) | quietBit64)
}

// F32Min is f32.min: a NaN operand gives a NaN, and -0 is less than +0.
func F32Min(a, b float32) float32 {
	switch {
	case a != a:
		return quiet32(a)
	case b != b:
		return quiet32(b)
	case a == b: // equal values, or zeros of either sign: -0 wins
		return math.Float32frombits(math.Float32bits(a) | math.Float32bits(b))
	case a < b:
		return a
	}
	return b
}

// F32Max is f32.max: a NaN operand gives a NaN, and +0 is greater than -0.
func F32Max(a, b float32) float32 {
	switch {
	case a != a:
		return quiet32(a)
	case b != b:
		return quiet32(b)
	case a == b: // equal values, or zeros of either sign: +0 wins
		return math.Float32frombits(math.Float32bits(a) & math.Float32bits(b))
	case a > b:
		return a
	}
	return b
}

// F64Min is f64.min: a NaN operand gives a NaN, and -0 is less than +0.
func F64Min(a, b float64) float64 {
	switch {
	case a != a:
		return quiet64(a)
	case b != b:
		return quiet64(b)
	case a == b:
		return math.Float64frombits(math.Float64bits(a) | math.Float64bits(b))
	case a < b:
		return a
	}
	return b
}

// F64Max is f64.max: a NaN operand gives a NaN, and +0 is greater than -0.
func F64Max(a, b float64) float64 {
	switch {
	case a != a:
		return quiet64(a)
	case b != b:
		return quiet64(b)
	case a == b:
		return math.Float64frombits(math.Float64bits(a) & math.Float64bits(b))
	case a > b:
		return a
	}
	return b
}

// The rounding functions compute f32 results in float64, which is exact:
// every float32 is a float64 and an integral float32 stays integral.

// F32Ceil is f32.ceil.
func F32Ceil(x float32) float32 {
	if x != x {
		return quiet32(x)
	}
	return float32(math.Ceil(float64(x)))
}

// F32Floor is f32.floor.
func F32Floor(x float32) float32 {
	if x != x {
		return quiet32(x)
	}
	return float32(math.Floor(float64(x)))
}

// F32Trunc is f32.trunc.
func F32Trunc(x float32) float32 {
	if x != x {
		return quiet32(x)
	}
	return float32(math.Trunc(float64(x)))
}

// F32Nearest is f32.nearest: round to integral, ties to even.
func F32Nearest(x float32) float32 {
	if x != x {
		return quiet32(x)
	}
	return float32(math.RoundToEven(float64(x)))
}

// F32Sqrt is f32.sqrt. The float64 square root rounded to float32 is the
// correctly rounded float32 square root (float64 has more than 2×24+2 bits).
func F32Sqrt(x float32) float32 {
	switch {
	case x != x:
		return quiet32(x)
	case x < 0:
		return math.Float32frombits(CanonicalNaN32)
	}
	return float32(math.Sqrt(float64(x)))
}

// F64Ceil is f64.ceil.
func F64Ceil(x float64) float64 {
	if x != x {
		return quiet64(x)
	}
	return math.Ceil(x)
}

// F64Floor is f64.floor.
func F64Floor(x float64) float64 {
	if x != x {
		return quiet64(x)
	}
	return math.Floor(x)
}

// F64Trunc is f64.trunc.
func F64Trunc(x float64) float64 {
	if x != x {
		return quiet64(x)
	}
	return math.Trunc(x)
}

// F64Nearest is f64.nearest: round to integral, ties to even.
func F64Nearest(x float64) float64 {
	if x != x {
		return quiet64(x)
	}
	return math.RoundToEven(x)
}

// F64Sqrt is f64.sqrt.
func F64Sqrt(x float64) float64 {
	switch {
	case x != x:
		return quiet64(x)
	case x < 0:
		return math.Float64frombits(CanonicalNaN64)
	}
	return math.Sqrt(x)
}

// F32Abs is f32.abs on the bits: it clears the sign, NaN payloads intact.
func F32Abs(x uint32) uint32 { return x &^ signBit32 }

// F32Neg is f32.neg on the bits.
func F32Neg(x uint32) uint32 { return x ^ signBit32 }

// F32Copysign is f32.copysign on the bits: a's magnitude with b's sign.
func F32Copysign(a, b uint32) uint32 { return a&^signBit32 | b&signBit32 }

// F64Abs is f64.abs on the bits.
func F64Abs(x uint64) uint64 { return x &^ signBit64 }

// F64Neg is f64.neg on the bits.
func F64Neg(x uint64) uint64 { return x ^ signBit64 }

// F64Copysign is f64.copysign on the bits.
func F64Copysign(a, b uint64) uint64 { return a&^signBit64 | b&signBit64 }

// F32DemoteF64 is f32.demote_f64. A NaN keeps its sign and the top of its
// payload, quieted; other values round to nearest.
func F32DemoteF64(x float64) float32 {
	if x != x {
		b := math.Float64bits(x)
		return math.Float32frombits(uint32(b>>32)&signBit32 | 0x7f800000 | quietBit32 | uint32(b>>29)&(quietBit32-1))
	}
	return float32(x)
}

// F64PromoteF32 is f64.promote_f32. A NaN keeps its sign and payload,
// quieted; other values convert exactly.
func F64PromoteF32(x float32) float64 {
	if x != x {
		b := math.Float32bits(x)
		return math.Float64frombits(uint64(b&signBit32)<<32 | 0x7ff0000000000000 | quietBit64 | uint64(b&(quietBit32-1))<<29)
	}
	return float64(x)
}

// Integer division and remainder, with the spec's traps.

// I32DivS is i32.div_s.
func I32DivS(a, b int32) (int32, error) {
	switch {
	case b == 0:
		return 0, ErrIntegerDivideByZero
	case a == math.MinInt32 && b == -1:
		return 0, ErrIntegerOverflow
	}
	return a / b, nil
}

// I32DivU is i32.div_u.
func I32DivU(a, b uint32) (uint32, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a / b, nil
}

// I32RemS is i32.rem_s; MinInt32 rem -1 is 0 (Go defines it so too).
func I32RemS(a, b int32) (int32, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a % b, nil
}

// I32RemU is i32.rem_u.
func I32RemU(a, b uint32) (uint32, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a % b, nil
}

// I64DivS is i64.div_s.
func I64DivS(a, b int64) (int64, error) {
	switch {
	case b == 0:
		return 0, ErrIntegerDivideByZero
	case a == math.MinInt64 && b == -1:
		return 0, ErrIntegerOverflow
	}
	return a / b, nil
}

// I64DivU is i64.div_u.
func I64DivU(a, b uint64) (uint64, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a / b, nil
}

// I64RemS is i64.rem_s.
func I64RemS(a, b int64) (int64, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a % b, nil
}

// I64RemU is i64.rem_u.
func I64RemU(a, b uint64) (uint64, error) {
	if b == 0 {
		return 0, ErrIntegerDivideByZero
	}
	return a % b, nil
}

// Bit counting, shifts and rotations. Shift and rotate counts are taken
// modulo the bit width, as Wasm requires (Go would shift everything out).

// I32Clz is i32.clz.
func I32Clz(x uint32) uint32 { return uint32(bits.LeadingZeros32(x)) }

// I32Ctz is i32.ctz.
func I32Ctz(x uint32) uint32 { return uint32(bits.TrailingZeros32(x)) }

// I32Popcnt is i32.popcnt.
func I32Popcnt(x uint32) uint32 { return uint32(bits.OnesCount32(x)) }

// I32Shl is i32.shl.
func I32Shl(a, b uint32) uint32 { return a << (b & 31) }

// I32ShrS is i32.shr_s.
func I32ShrS(a, b uint32) uint32 { return uint32(int32(a) >> (b & 31)) }

// I32ShrU is i32.shr_u.
func I32ShrU(a, b uint32) uint32 { return a >> (b & 31) }

// I32Rotl is i32.rotl.
func I32Rotl(a, b uint32) uint32 { return bits.RotateLeft32(a, int(b&31)) }

// I32Rotr is i32.rotr.
func I32Rotr(a, b uint32) uint32 { return bits.RotateLeft32(a, -int(b&31)) }

// I64Clz is i64.clz.
func I64Clz(x uint64) uint64 { return uint64(bits.LeadingZeros64(x)) }

// I64Ctz is i64.ctz.
func I64Ctz(x uint64) uint64 { return uint64(bits.TrailingZeros64(x)) }

// I64Popcnt is i64.popcnt.
func I64Popcnt(x uint64) uint64 { return uint64(bits.OnesCount64(x)) }

// I64Shl is i64.shl.
func I64Shl(a, b uint64) uint64 { return a << (b & 63) }

// I64ShrS is i64.shr_s.
func I64ShrS(a, b uint64) uint64 { return uint64(int64(a) >> (b & 63)) }

// I64ShrU is i64.shr_u.
func I64ShrU(a, b uint64) uint64 { return a >> (b & 63) }

// I64Rotl is i64.rotl.
func I64Rotl(a, b uint64) uint64 { return bits.RotateLeft64(a, int(b&63)) }

// I64Rotr is i64.rotr.
func I64Rotr(a, b uint64) uint64 { return bits.RotateLeft64(a, -int(b&63)) }

// I32Extend8S is i32.extend8_s.
func I32Extend8S(x uint32) uint32 { return uint32(int8(x)) }

// I32Extend16S is i32.extend16_s.
func I32Extend16S(x uint32) uint32 { return uint32(int16(x)) }

// I64Extend8S is i64.extend8_s.
func I64Extend8S(x uint64) uint64 { return uint64(int8(x)) }

// I64Extend16S is i64.extend16_s.
func I64Extend16S(x uint64) uint64 { return uint64(int16(x)) }

// I64Extend32S is i64.extend32_s.
func I64Extend32S(x uint64) uint64 { return uint64(int32(x)) }
