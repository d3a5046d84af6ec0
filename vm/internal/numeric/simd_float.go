package numeric

import "math"

// Float lane operations. Arithmetic uses Go's operators, whose NaN results
// already satisfy Wasm (see the package RATIONALE); the rest use the scalar
// functions of this package.

func f32x4Splat(x uint64) V128 { return i32x4Splat(x) }
func f64x2Splat(x uint64) V128 { return i64x2Splat(x) }

func f32x4ExtractLane(a V128, i uint8) uint64         { return uint64(a.U32(int(i))) }
func f64x2ExtractLane(a V128, i uint8) uint64         { return a.U64(int(i)) }
func f32x4ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU32(int(i), uint32(x)) }
func f64x2ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU64(int(i), x) }

func f32x4Eq(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) == math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Ne(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) != math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Lt(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) < math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Gt(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) > math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Le(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) <= math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Ge(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(math.Float32frombits(x) >= math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f64x2Eq(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x == y }) }
func f64x2Ne(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x != y }) }
func f64x2Lt(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x < y }) }
func f64x2Gt(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x > y }) }
func f64x2Le(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x <= y }) }
func f64x2Ge(a, b V128) V128 { return cmpF64(a, b, func(x, y float64) bool { return x >= y }) }

// abs and neg only touch sign bits, so NaN payloads pass unchanged.

func f32x4Abs(a V128) V128 { return V128{a.Lo &^ top32, a.Hi &^ top32} }
func f32x4Neg(a V128) V128 { return V128{a.Lo ^ top32, a.Hi ^ top32} }
func f64x2Abs(a V128) V128 { return V128{a.Lo &^ signBit64, a.Hi &^ signBit64} }
func f64x2Neg(a V128) V128 { return V128{a.Lo ^ signBit64, a.Hi ^ signBit64} }

func f32x4Sqrt(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32Sqrt(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f32x4Ceil(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32Ceil(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f32x4Floor(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32Floor(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f32x4Trunc(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32Trunc(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f32x4Nearest(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32Nearest(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f64x2Sqrt(a V128) V128    { return mapF64(a, F64Sqrt) }
func f64x2Ceil(a V128) V128    { return mapF64(a, F64Ceil) }
func f64x2Floor(a V128) V128   { return mapF64(a, F64Floor) }
func f64x2Trunc(a V128) V128   { return mapF64(a, F64Trunc) }
func f64x2Nearest(a V128) V128 { return mapF64(a, F64Nearest) }

func f32x4Add(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return math.Float32bits(math.Float32frombits(x) + math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Sub(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return math.Float32bits(math.Float32frombits(x) - math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Mul(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return math.Float32bits(math.Float32frombits(x) * math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Div(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return math.Float32bits(math.Float32frombits(x) / math.Float32frombits(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Min(a, b V128) V128 {
	f := func(x, y uint32) uint32 {
		return math.Float32bits(F32Min(math.Float32frombits(x), math.Float32frombits(y)))
	}
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Max(a, b V128) V128 {
	f := func(x, y uint32) uint32 {
		return math.Float32bits(F32Max(math.Float32frombits(x), math.Float32frombits(y)))
	}
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f64x2Add(a, b V128) V128 {
	return V128{
		math.Float64bits(math.Float64frombits(a.Lo) + math.Float64frombits(b.Lo)),
		math.Float64bits(math.Float64frombits(a.Hi) + math.Float64frombits(b.Hi)),
	}
}

func f64x2Sub(a, b V128) V128 {
	return V128{
		math.Float64bits(math.Float64frombits(a.Lo) - math.Float64frombits(b.Lo)),
		math.Float64bits(math.Float64frombits(a.Hi) - math.Float64frombits(b.Hi)),
	}
}

func f64x2Mul(a, b V128) V128 {
	return V128{
		math.Float64bits(math.Float64frombits(a.Lo) * math.Float64frombits(b.Lo)),
		math.Float64bits(math.Float64frombits(a.Hi) * math.Float64frombits(b.Hi)),
	}
}

func f64x2Div(a, b V128) V128 {
	return V128{
		math.Float64bits(math.Float64frombits(a.Lo) / math.Float64frombits(b.Lo)),
		math.Float64bits(math.Float64frombits(a.Hi) / math.Float64frombits(b.Hi)),
	}
}

func f64x2Min(a, b V128) V128 { return zipF64(a, b, F64Min) }
func f64x2Max(a, b V128) V128 { return zipF64(a, b, F64Max) }

// pmin and pmax are the "pseudo" min and max of C's a < b ? a : b: they
// return one operand's bits unchanged, NaN or not, and pick by one compare.
// They select on bits so that a NaN operand is not quieted on the way.

func f32x4Pmin(a, b V128) V128 {
	f := func(x, y uint32) uint32 {
		if math.Float32frombits(y) < math.Float32frombits(x) {
			return y
		}
		return x
	}
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f32x4Pmax(a, b V128) V128 {
	f := func(x, y uint32) uint32 {
		if math.Float32frombits(x) < math.Float32frombits(y) {
			return y
		}
		return x
	}
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func f64x2Pmin(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 {
		if math.Float64frombits(y) < math.Float64frombits(x) {
			return y
		}
		return x
	})
}

func f64x2Pmax(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 {
		if math.Float64frombits(x) < math.Float64frombits(y) {
			return y
		}
		return x
	})
}

// Conversions.

func i32x4TruncSatF32x4S(a V128) V128 {
	f := func(x uint32) uint32 { return uint32(I32TruncSatF32S(math.Float32frombits(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func i32x4TruncSatF32x4U(a V128) V128 {
	f := func(x uint32) uint32 { return I32TruncSatF32U(math.Float32frombits(x)) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

// The _zero forms fill the two high lanes with zeros.

func i32x4TruncSatF64x2SZero(a V128) V128 {
	lo := uint32(I32TruncSatF64S(math.Float64frombits(a.Lo)))
	hi := uint32(I32TruncSatF64S(math.Float64frombits(a.Hi)))
	return V128{uint64(lo) | uint64(hi)<<32, 0}
}

func i32x4TruncSatF64x2UZero(a V128) V128 {
	lo := I32TruncSatF64U(math.Float64frombits(a.Lo))
	hi := I32TruncSatF64U(math.Float64frombits(a.Hi))
	return V128{uint64(lo) | uint64(hi)<<32, 0}
}

func f32x4ConvertI32x4S(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32ConvertI32S(int32(x))) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f32x4ConvertI32x4U(a V128) V128 {
	f := func(x uint32) uint32 { return math.Float32bits(F32ConvertI32U(x)) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func f64x2ConvertLowI32x4S(a V128) V128 {
	return V128{
		math.Float64bits(F64ConvertI32S(int32(a.Lo))),
		math.Float64bits(F64ConvertI32S(int32(a.Lo >> 32))),
	}
}

func f64x2ConvertLowI32x4U(a V128) V128 {
	return V128{
		math.Float64bits(F64ConvertI32U(uint32(a.Lo))),
		math.Float64bits(F64ConvertI32U(uint32(a.Lo >> 32))),
	}
}

func f32x4DemoteF64x2Zero(a V128) V128 {
	lo := math.Float32bits(F32DemoteF64(math.Float64frombits(a.Lo)))
	hi := math.Float32bits(F32DemoteF64(math.Float64frombits(a.Hi)))
	return V128{uint64(lo) | uint64(hi)<<32, 0}
}

func f64x2PromoteLowF32x4(a V128) V128 {
	return V128{
		math.Float64bits(F64PromoteF32(math.Float32frombits(uint32(a.Lo)))),
		math.Float64bits(F64PromoteF32(math.Float32frombits(uint32(a.Lo >> 32)))),
	}
}
