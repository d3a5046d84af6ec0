package numeric

import "math"

// Lane-wise helpers. Each applies a per-lane function to every lane of one
// shape; the SIMD operations are one-line uses of them.

func map8(a V128, f func(x uint8) uint8) V128 {
	x := a.Bytes()
	for i := range x {
		x[i] = f(x[i])
	}
	return FromBytes(x)
}

func zip8(a, b V128, f func(x, y uint8) uint8) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = f(x[i], y[i])
	}
	return FromBytes(x)
}

func map16(a V128, f func(x uint16) uint16) V128 {
	x := a.U16s()
	for i := range x {
		x[i] = f(x[i])
	}
	return FromU16s(x)
}

func zip16(a, b V128, f func(x, y uint16) uint16) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = f(x[i], y[i])
	}
	return FromU16s(x)
}

func map32(a V128, f func(x uint32) uint32) V128 {
	x := a.U32s()
	for i := range x {
		x[i] = f(x[i])
	}
	return FromU32s(x)
}

func zip32(a, b V128, f func(x, y uint32) uint32) V128 {
	x, y := a.U32s(), b.U32s()
	for i := range x {
		x[i] = f(x[i], y[i])
	}
	return FromU32s(x)
}

func map64(a V128, f func(x uint64) uint64) V128 { return V128{f(a.Lo), f(a.Hi)} }

func zip64(a, b V128, f func(x, y uint64) uint64) V128 {
	return V128{f(a.Lo, b.Lo), f(a.Hi, b.Hi)}
}

// mask turns a lane predicate into the lane mask of a SIMD comparison.
func mask8(c bool) uint8 {
	if c {
		return 0xff
	}
	return 0
}

func mask16(c bool) uint16 {
	if c {
		return 0xffff
	}
	return 0
}

func mask32(c bool) uint32 {
	if c {
		return 0xffffffff
	}
	return 0
}

func mask64(c bool) uint64 {
	if c {
		return math.MaxUint64
	}
	return 0
}

// Float lanes travel as bits; only the per-lane function sees float values.

func mapF32(a V128, f func(x float32) float32) V128 {
	return map32(a, func(x uint32) uint32 {
		return math.Float32bits(f(math.Float32frombits(x)))
	})
}

func zipF32(a, b V128, f func(x, y float32) float32) V128 {
	return zip32(a, b, func(x, y uint32) uint32 {
		return math.Float32bits(f(math.Float32frombits(x), math.Float32frombits(y)))
	})
}

func cmpF32(a, b V128, f func(x, y float32) bool) V128 {
	return zip32(a, b, func(x, y uint32) uint32 {
		return mask32(f(math.Float32frombits(x), math.Float32frombits(y)))
	})
}

func mapF64(a V128, f func(x float64) float64) V128 {
	return map64(a, func(x uint64) uint64 {
		return math.Float64bits(f(math.Float64frombits(x)))
	})
}

func zipF64(a, b V128, f func(x, y float64) float64) V128 {
	return zip64(a, b, func(x, y uint64) uint64 {
		return math.Float64bits(f(math.Float64frombits(x), math.Float64frombits(y)))
	})
}

func cmpF64(a, b V128, f func(x, y float64) bool) V128 {
	return zip64(a, b, func(x, y uint64) uint64 {
		return mask64(f(math.Float64frombits(x), math.Float64frombits(y)))
	})
}

// SWAR (SIMD within a register) wrapping add and subtract: the lane's top
// bit is computed apart so that no carry or borrow crosses into the next
// lane. top has the top bit of every lane set.
func swarAdd(a, b, top uint64) uint64 { return ((a &^ top) + (b &^ top)) ^ ((a ^ b) & top) }

func swarSub(a, b, top uint64) uint64 { return ((a | top) - (b &^ top)) ^ ((a ^ ^b) & top) }

const (
	top8  = 0x8080808080808080
	top16 = 0x8000800080008000
	top32 = 0x8000000080000000
)

// Saturation of a wider intermediate to a lane's range.

func satS8(x int32) uint8 { return uint8(int8(min(max(x, math.MinInt8), math.MaxInt8))) }

func satU8(x int32) uint8 { return uint8(min(max(x, 0), math.MaxUint8)) }

func satS16(x int32) uint16 { return uint16(int16(min(max(x, math.MinInt16), math.MaxInt16))) }

func satU16(x int32) uint16 { return uint16(min(max(x, 0), math.MaxUint16)) }
