package numeric

import (
	"encoding/binary"
	"math"
)

// V128 is a 128-bit vector value. Lanes are little endian: lane 0 of any
// shape starts at bit 0 of Lo, the way Wasm lays a v128 out in memory.
type V128 struct{ Lo, Hi uint64 }

// half returns the 64-bit word holding byte offset off and the bit shift of
// that offset inside it.
func (v V128) half(off int) (uint64, uint) {
	if off >= 8 {
		return v.Hi, uint(off-8) * 8
	}
	return v.Lo, uint(off) * 8
}

func (v V128) withBits(off int, x, mask uint64) V128 {
	if off >= 8 {
		s := uint(off-8) * 8
		v.Hi = v.Hi&^(mask<<s) | (x&mask)<<s
	} else {
		s := uint(off) * 8
		v.Lo = v.Lo&^(mask<<s) | (x&mask)<<s
	}
	return v
}

// U8 returns lane i (0–15) of the i8x16 shape.
func (v V128) U8(i int) uint8 { w, s := v.half(i); return uint8(w >> s) }

// U16 returns lane i (0–7) of the i16x8 shape.
func (v V128) U16(i int) uint16 { w, s := v.half(2 * i); return uint16(w >> s) }

// U32 returns lane i (0–3) of the i32x4 shape.
func (v V128) U32(i int) uint32 { w, s := v.half(4 * i); return uint32(w >> s) }

// U64 returns lane i (0–1) of the i64x2 shape.
func (v V128) U64(i int) uint64 {
	if i != 0 {
		return v.Hi
	}
	return v.Lo
}

// F32 returns lane i of the f32x4 shape.
func (v V128) F32(i int) float32 { return math.Float32frombits(v.U32(i)) }

// F64 returns lane i of the f64x2 shape.
func (v V128) F64(i int) float64 { return math.Float64frombits(v.U64(i)) }

// WithU8 returns v with lane i of the i8x16 shape replaced by x.
func (v V128) WithU8(i int, x uint8) V128 { return v.withBits(i, uint64(x), 0xff) }

// WithU16 returns v with lane i of the i16x8 shape replaced by x.
func (v V128) WithU16(i int, x uint16) V128 { return v.withBits(2*i, uint64(x), 0xffff) }

// WithU32 returns v with lane i of the i32x4 shape replaced by x.
func (v V128) WithU32(i int, x uint32) V128 { return v.withBits(4*i, uint64(x), 0xffffffff) }

// WithU64 returns v with lane i of the i64x2 shape replaced by x.
func (v V128) WithU64(i int, x uint64) V128 {
	if i != 0 {
		v.Hi = x
	} else {
		v.Lo = x
	}
	return v
}

// Whole-vector lane arrays. Operations that touch every lane unpack once,
// work on the array and pack once, which is cheaper than 16 accessor calls.

// Bytes returns the 16 lanes of the i8x16 shape.
func (v V128) Bytes() (b [16]uint8) {
	binary.LittleEndian.PutUint64(b[:8], v.Lo)
	binary.LittleEndian.PutUint64(b[8:], v.Hi)
	return b
}

// FromBytes packs 16 i8x16 lanes.
func FromBytes(b [16]uint8) V128 {
	return V128{binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])}
}

// U16s returns the 8 lanes of the i16x8 shape.
func (v V128) U16s() [8]uint16 {
	return [8]uint16{
		uint16(v.Lo), uint16(v.Lo >> 16), uint16(v.Lo >> 32), uint16(v.Lo >> 48),
		uint16(v.Hi), uint16(v.Hi >> 16), uint16(v.Hi >> 32), uint16(v.Hi >> 48),
	}
}

// FromU16s packs 8 i16x8 lanes.
func FromU16s(h [8]uint16) V128 {
	return V128{
		uint64(h[0]) | uint64(h[1])<<16 | uint64(h[2])<<32 | uint64(h[3])<<48,
		uint64(h[4]) | uint64(h[5])<<16 | uint64(h[6])<<32 | uint64(h[7])<<48,
	}
}

// U32s returns the 4 lanes of the i32x4 shape.
func (v V128) U32s() [4]uint32 {
	return [4]uint32{uint32(v.Lo), uint32(v.Lo >> 32), uint32(v.Hi), uint32(v.Hi >> 32)}
}

// FromU32s packs 4 i32x4 lanes.
func FromU32s(w [4]uint32) V128 {
	return V128{uint64(w[0]) | uint64(w[1])<<32, uint64(w[2]) | uint64(w[3])<<32}
}

// FromU64s packs 2 i64x2 lanes.
func FromU64s(lo, hi uint64) V128 { return V128{lo, hi} }
