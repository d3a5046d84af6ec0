package numeric

import "math"

// Lane-wise helpers. Go inlines neither a helper that calls a function
// value per lane nor, then, that function, and loops over lane arrays go
// through memory; so the operations are written for speed per lane width:
// 8- and 16-bit lanes loop over the arrays of Bytes and U16s, 32-bit lanes
// use pack32, 64-bit lanes (only two) use the helpers below.

// pack32 builds a vector from its four i32x4 lanes. The 32-bit lane
// operations compute each lane with a local closure the compiler inlines,
// from the lane accessors, and pack the results: everything stays in
// registers, where a [4]uint32 array would go through memory.
func pack32(l0, l1, l2, l3 uint32) V128 {
	return V128{uint64(l0) | uint64(l1)<<32, uint64(l2) | uint64(l3)<<32}
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

func mapF64(a V128, f func(x float64) float64) V128 {
	return V128{
		math.Float64bits(f(math.Float64frombits(a.Lo))),
		math.Float64bits(f(math.Float64frombits(a.Hi))),
	}
}

func zipF64(a, b V128, f func(x, y float64) float64) V128 {
	return V128{
		math.Float64bits(f(math.Float64frombits(a.Lo), math.Float64frombits(b.Lo))),
		math.Float64bits(f(math.Float64frombits(a.Hi), math.Float64frombits(b.Hi))),
	}
}

func cmpF64(a, b V128, f func(x, y float64) bool) V128 {
	return V128{
		mask64(f(math.Float64frombits(a.Lo), math.Float64frombits(b.Lo))),
		mask64(f(math.Float64frombits(a.Hi), math.Float64frombits(b.Hi))),
	}
}

// SWAR (SIMD within a register) wrapping add and subtract: the lane's top
// bit is computed apart so that no carry or borrow crosses into the next
// lane. top has the top bit of every lane set.
func swarAdd(a, b, top uint64) uint64 { return ((a &^ top) + (b &^ top)) ^ ((a ^ b) & top) }

func swarSub(a, b, top uint64) uint64 { return ((a | top) - (b &^ top)) ^ ((a ^ ^b) & top) }

// spread turns the top bit of each lane of t (lanes of w bits) into a mask
// of the whole lane.
func spread(t uint64, w uint) uint64 { return (t >> (w - 1)) * (1<<w - 1) }

// swarSelect takes the lanes of x where the top bit of sel is set, else of y.
func swarSelect(x, y, sel uint64, w uint) uint64 {
	m := spread(sel, w)
	return x&m | y&^m
}

// signedBound is, per lane, the signed bound a saturating operation on a
// lane with a's sign runs into: the maximum for a non-negative lane, the
// minimum for a negative one (max+1 wraps to min without leaving the lane).
func signedBound(a, top uint64, w uint) uint64 { return top - top>>(w-1) + (a&top)>>(w-1) }

// Signed overflow: an add of two same-signed lanes, or a subtract of two
// differently signed lanes, whose result's sign differs from a's. Unsigned:
// the carry or borrow out of the lane's top bit.

func swarAddSatS(a, b, top uint64, w uint) uint64 {
	s := swarAdd(a, b, top)
	return swarSelect(signedBound(a, top, w), s, ^(a^b)&(a^s)&top, w)
}

func swarSubSatS(a, b, top uint64, w uint) uint64 {
	s := swarSub(a, b, top)
	return swarSelect(signedBound(a, top, w), s, (a^b)&(a^s)&top, w)
}

func swarAddSatU(a, b, top uint64, w uint) uint64 {
	s := swarAdd(a, b, top)
	return s | spread((a&b|(a|b)&^s)&top, w)
}

func swarSubSatU(a, b, top uint64, w uint) uint64 {
	s := swarSub(a, b, top)
	return s &^ spread((^a&b|^(a^b)&s)&top, w)
}

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
