package numeric

import "math/bits"

// Bitwise operations.

func v128Not(a V128) V128       { return V128{^a.Lo, ^a.Hi} }
func v128And(a, b V128) V128    { return V128{a.Lo & b.Lo, a.Hi & b.Hi} }
func v128Andnot(a, b V128) V128 { return V128{a.Lo &^ b.Lo, a.Hi &^ b.Hi} }
func v128Or(a, b V128) V128     { return V128{a.Lo | b.Lo, a.Hi | b.Hi} }
func v128Xor(a, b V128) V128    { return V128{a.Lo ^ b.Lo, a.Hi ^ b.Hi} }

// v128Bitselect takes bits of a where c is 1 and of b where c is 0.
func v128Bitselect(a, b, c V128) V128 {
	return V128{a.Lo&c.Lo | b.Lo&^c.Lo, a.Hi&c.Hi | b.Hi&^c.Hi}
}

func v128AnyTrue(a V128) uint32 { return b2i(a.Lo|a.Hi != 0) }

func b2i(c bool) uint32 {
	if c {
		return 1
	}
	return 0
}

// I8x16Shuffle is i8x16.shuffle: byte i of the result is byte lanes[i] of
// the 32-byte concatenation a‖b. The validator guarantees lanes[i] < 32.
func I8x16Shuffle(a, b, lanes V128) V128 {
	x, y, l := a.Bytes(), b.Bytes(), lanes.Bytes()
	var r [16]uint8
	for i, j := range l {
		if j < 16 {
			r[i] = x[j]
		} else {
			r[i] = y[j&15]
		}
	}
	return FromBytes(r)
}

// i8x16Swizzle: byte i is byte b[i] of a, or 0 when b[i] is out of range.
func i8x16Swizzle(a, b V128) V128 {
	x, s := a.Bytes(), b.Bytes()
	var r [16]uint8
	for i, j := range s {
		if j < 16 {
			r[i] = x[j]
		}
	}
	return FromBytes(r)
}

// Splats take the scalar operand as the engine holds it in a 64-bit slot.

func i8x16Splat(x uint64) V128 { w := uint64(uint8(x)) * 0x0101010101010101; return V128{w, w} }
func i16x8Splat(x uint64) V128 { w := uint64(uint16(x)) * 0x0001000100010001; return V128{w, w} }
func i32x4Splat(x uint64) V128 { w := uint64(uint32(x)) * 0x0000000100000001; return V128{w, w} }
func i64x2Splat(x uint64) V128 { return V128{x, x} }

// Lane extraction gives the scalar result as the engine holds it in a 64-bit
// slot: i32 and f32 results zero-extended from 32 bits.

func i8x16ExtractLaneS(a V128, i uint8) uint64 { return uint64(uint32(int8(a.U8(int(i))))) }
func i8x16ExtractLaneU(a V128, i uint8) uint64 { return uint64(a.U8(int(i))) }
func i16x8ExtractLaneS(a V128, i uint8) uint64 { return uint64(uint32(int16(a.U16(int(i))))) }
func i16x8ExtractLaneU(a V128, i uint8) uint64 { return uint64(a.U16(int(i))) }
func i32x4ExtractLane(a V128, i uint8) uint64  { return uint64(a.U32(int(i))) }
func i64x2ExtractLane(a V128, i uint8) uint64  { return a.U64(int(i)) }

func i8x16ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU8(int(i), uint8(x)) }
func i16x8ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU16(int(i), uint16(x)) }
func i32x4ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU32(int(i), uint32(x)) }
func i64x2ReplaceLane(a V128, i uint8, x uint64) V128 { return a.WithU64(int(i), x) }

// Comparisons.

func i8x16Eq(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] == y[i])
	}
	return FromBytes(x)
}

func i8x16Ne(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] != y[i])
	}
	return FromBytes(x)
}

func i8x16LtS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(int8(x[i]) < int8(y[i]))
	}
	return FromBytes(x)
}

func i8x16LtU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] < y[i])
	}
	return FromBytes(x)
}

func i8x16GtS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(int8(x[i]) > int8(y[i]))
	}
	return FromBytes(x)
}

func i8x16GtU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] > y[i])
	}
	return FromBytes(x)
}

func i8x16LeS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(int8(x[i]) <= int8(y[i]))
	}
	return FromBytes(x)
}

func i8x16LeU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] <= y[i])
	}
	return FromBytes(x)
}

func i8x16GeS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(int8(x[i]) >= int8(y[i]))
	}
	return FromBytes(x)
}

func i8x16GeU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = mask8(x[i] >= y[i])
	}
	return FromBytes(x)
}

func i16x8Eq(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] == y[i])
	}
	return FromU16s(x)
}

func i16x8Ne(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] != y[i])
	}
	return FromU16s(x)
}

func i16x8LtS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(int16(x[i]) < int16(y[i]))
	}
	return FromU16s(x)
}

func i16x8LtU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] < y[i])
	}
	return FromU16s(x)
}

func i16x8GtS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(int16(x[i]) > int16(y[i]))
	}
	return FromU16s(x)
}

func i16x8GtU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] > y[i])
	}
	return FromU16s(x)
}

func i16x8LeS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(int16(x[i]) <= int16(y[i]))
	}
	return FromU16s(x)
}

func i16x8LeU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] <= y[i])
	}
	return FromU16s(x)
}

func i16x8GeS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(int16(x[i]) >= int16(y[i]))
	}
	return FromU16s(x)
}

func i16x8GeU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = mask16(x[i] >= y[i])
	}
	return FromU16s(x)
}

func i32x4Eq(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x == y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4Ne(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x != y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4LtS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(int32(x) < int32(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4LtU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x < y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4GtS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(int32(x) > int32(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4GtU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x > y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4LeS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(int32(x) <= int32(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4LeU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x <= y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4GeS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(int32(x) >= int32(y)) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4GeU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return mask32(x >= y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i64x2Eq(a, b V128) V128 { return zip64(a, b, func(x, y uint64) uint64 { return mask64(x == y) }) }
func i64x2Ne(a, b V128) V128 { return zip64(a, b, func(x, y uint64) uint64 { return mask64(x != y) }) }
func i64x2LtS(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 { return mask64(int64(x) < int64(y)) })
}

func i64x2GtS(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 { return mask64(int64(x) > int64(y)) })
}

func i64x2LeS(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 { return mask64(int64(x) <= int64(y)) })
}

func i64x2GeS(a, b V128) V128 {
	return zip64(a, b, func(x, y uint64) uint64 { return mask64(int64(x) >= int64(y)) })
}

// Unary lane operations. abs of the most negative value wraps to itself.

func i8x16Abs(a V128) V128 {
	x := a.Bytes()
	for i := range x {
		if int8(x[i]) < 0 {
			x[i] = -x[i]
		}
	}
	return FromBytes(x)
}

func i8x16Neg(a V128) V128 { return swar0Sub(a, top8) }
func i8x16Popcnt(a V128) V128 {
	x := a.Bytes()
	for i := range x {
		x[i] = uint8(bits.OnesCount8(x[i]))
	}
	return FromBytes(x)
}

func i16x8Abs(a V128) V128 {
	x := a.U16s()
	for i := range x {
		if int16(x[i]) < 0 {
			x[i] = -x[i]
		}
	}
	return FromU16s(x)
}

func i16x8Neg(a V128) V128 { return swar0Sub(a, top16) }

func i32x4Abs(a V128) V128 {
	f := func(x uint32) uint32 {
		if int32(x) < 0 {
			return -x
		}
		return x
	}
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func i32x4Neg(a V128) V128 { return swar0Sub(a, top32) }

func i64x2Abs(a V128) V128 {
	return map64(a, func(x uint64) uint64 {
		if int64(x) < 0 {
			return -x
		}
		return x
	})
}

func i64x2Neg(a V128) V128 { return V128{-a.Lo, -a.Hi} }

func swar0Sub(a V128, top uint64) V128 { return V128{swarSub(0, a.Lo, top), swarSub(0, a.Hi, top)} }

// Tests: all_true and bitmask.

func i8x16AllTrue(a V128) uint32 { return b2i(noZeroLane(a.Lo, 0xff, 8) && noZeroLane(a.Hi, 0xff, 8)) }
func i16x8AllTrue(a V128) uint32 {
	return b2i(noZeroLane(a.Lo, 0xffff, 16) && noZeroLane(a.Hi, 0xffff, 16))
}

func i32x4AllTrue(a V128) uint32 {
	return b2i(noZeroLane(a.Lo, 0xffffffff, 32) && noZeroLane(a.Hi, 0xffffffff, 32))
}

func i64x2AllTrue(a V128) uint32 { return b2i(a.Lo != 0 && a.Hi != 0) }

func noZeroLane(w, lane uint64, width uint) bool {
	for s := uint(0); s < 64; s += width {
		if w>>s&lane == 0 {
			return false
		}
	}
	return true
}

// bitmask gathers the top bit of each lane, lane 0 into bit 0.
func bitmask(a V128, width uint) uint32 {
	var r uint32
	n := 64 / width
	for i := uint(0); i < n; i++ {
		r |= uint32(a.Lo>>(i*width+width-1)&1) << i
		r |= uint32(a.Hi>>(i*width+width-1)&1) << (i + n)
	}
	return r
}

func i8x16Bitmask(a V128) uint32 { return bitmask(a, 8) }
func i16x8Bitmask(a V128) uint32 { return bitmask(a, 16) }
func i32x4Bitmask(a V128) uint32 { return bitmask(a, 32) }
func i64x2Bitmask(a V128) uint32 { return bitmask(a, 64) }

// Narrowing: a's lanes saturated into the low half, b's into the high half.

func i8x16NarrowI16x8S(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	var r [16]uint8
	for i := range x {
		r[i] = satS8(int32(int16(x[i])))
		r[i+8] = satS8(int32(int16(y[i])))
	}
	return FromBytes(r)
}

func i8x16NarrowI16x8U(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	var r [16]uint8
	for i := range x {
		r[i] = satU8(int32(int16(x[i])))
		r[i+8] = satU8(int32(int16(y[i])))
	}
	return FromBytes(r)
}

func i16x8NarrowI32x4S(a, b V128) V128 {
	x, y := a.U32s(), b.U32s()
	var r [8]uint16
	for i := range x {
		r[i] = satS16(int32(x[i]))
		r[i+4] = satS16(int32(y[i]))
	}
	return FromU16s(r)
}

func i16x8NarrowI32x4U(a, b V128) V128 {
	x, y := a.U32s(), b.U32s()
	var r [8]uint16
	for i := range x {
		r[i] = satU16(int32(x[i]))
		r[i+4] = satU16(int32(y[i]))
	}
	return FromU16s(r)
}

// Extension of the low or high half of the lanes to twice the width.

func extend8(a V128, high, signed bool) V128 {
	x := a.Bytes()
	off := 0
	if high {
		off = 8
	}
	var r [8]uint16
	for i := range r {
		if signed {
			r[i] = uint16(int8(x[off+i]))
		} else {
			r[i] = uint16(x[off+i])
		}
	}
	return FromU16s(r)
}

func extend16(a V128, high, signed bool) V128 {
	x := a.U16s()
	off := 0
	if high {
		off = 4
	}
	var r [4]uint32
	for i := range r {
		if signed {
			r[i] = uint32(int16(x[off+i]))
		} else {
			r[i] = uint32(x[off+i])
		}
	}
	return FromU32s(r)
}

func extend32(a V128, high, signed bool) V128 {
	w := a.Lo
	if high {
		w = a.Hi
	}
	if signed {
		return V128{uint64(int32(w)), uint64(int32(w >> 32))}
	}
	return V128{uint64(uint32(w)), w >> 32}
}

func i16x8ExtendLowI8x16S(a V128) V128  { return extend8(a, false, true) }
func i16x8ExtendHighI8x16S(a V128) V128 { return extend8(a, true, true) }
func i16x8ExtendLowI8x16U(a V128) V128  { return extend8(a, false, false) }
func i16x8ExtendHighI8x16U(a V128) V128 { return extend8(a, true, false) }
func i32x4ExtendLowI16x8S(a V128) V128  { return extend16(a, false, true) }
func i32x4ExtendHighI16x8S(a V128) V128 { return extend16(a, true, true) }
func i32x4ExtendLowI16x8U(a V128) V128  { return extend16(a, false, false) }
func i32x4ExtendHighI16x8U(a V128) V128 { return extend16(a, true, false) }
func i64x2ExtendLowI32x4S(a V128) V128  { return extend32(a, false, true) }
func i64x2ExtendHighI32x4S(a V128) V128 { return extend32(a, true, true) }
func i64x2ExtendLowI32x4U(a V128) V128  { return extend32(a, false, false) }
func i64x2ExtendHighI32x4U(a V128) V128 { return extend32(a, true, false) }

// Pairwise extending addition: lane i is lane 2i plus lane 2i+1, widened.

func i16x8ExtaddPairwiseI8x16S(a V128) V128 {
	x := a.Bytes()
	var r [8]uint16
	for i := range r {
		r[i] = uint16(int16(int8(x[2*i])) + int16(int8(x[2*i+1])))
	}
	return FromU16s(r)
}

func i16x8ExtaddPairwiseI8x16U(a V128) V128 {
	x := a.Bytes()
	var r [8]uint16
	for i := range r {
		r[i] = uint16(x[2*i]) + uint16(x[2*i+1])
	}
	return FromU16s(r)
}

func i32x4ExtaddPairwiseI16x8S(a V128) V128 {
	x := a.U16s()
	var r [4]uint32
	for i := range r {
		r[i] = uint32(int32(int16(x[2*i])) + int32(int16(x[2*i+1])))
	}
	return FromU32s(r)
}

func i32x4ExtaddPairwiseI16x8U(a V128) V128 {
	x := a.U16s()
	var r [4]uint32
	for i := range r {
		r[i] = uint32(x[2*i]) + uint32(x[2*i+1])
	}
	return FromU32s(r)
}

// Shifts take the count modulo the lane width.

func i8x16Shl(a V128, n uint32) V128 {
	s := n & 7
	m := uint64(0xff>>s) * 0x0101010101010101 // bits that stay inside their lane
	return V128{(a.Lo & m) << s, (a.Hi & m) << s}
}

func i8x16ShrU(a V128, n uint32) V128 {
	s := n & 7
	m := uint64(0xff<<s&0xff) * 0x0101010101010101
	return V128{(a.Lo & m) >> s, (a.Hi & m) >> s}
}

func i8x16ShrS(a V128, n uint32) V128 {
	s := n & 7
	x := a.Bytes()
	for i := range x {
		x[i] = uint8(int8(x[i]) >> s)
	}
	return FromBytes(x)
}

func i16x8Shl(a V128, n uint32) V128 {
	s := n & 15
	m := uint64(0xffff>>s) * 0x0001000100010001
	return V128{(a.Lo & m) << s, (a.Hi & m) << s}
}

func i16x8ShrU(a V128, n uint32) V128 {
	s := n & 15
	m := uint64(0xffff<<s&0xffff) * 0x0001000100010001
	return V128{(a.Lo & m) >> s, (a.Hi & m) >> s}
}

func i16x8ShrS(a V128, n uint32) V128 {
	s := n & 15
	x := a.U16s()
	for i := range x {
		x[i] = uint16(int16(x[i]) >> s)
	}
	return FromU16s(x)
}

func i32x4Shl(a V128, n uint32) V128 {
	s := n & 31
	f := func(x uint32) uint32 { return x << s }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func i32x4ShrU(a V128, n uint32) V128 {
	s := n & 31
	f := func(x uint32) uint32 { return x >> s }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func i32x4ShrS(a V128, n uint32) V128 {
	s := n & 31
	f := func(x uint32) uint32 { return uint32(int32(x) >> s) }
	return pack32(f(a.U32(0)), f(a.U32(1)), f(a.U32(2)), f(a.U32(3)))
}

func i64x2Shl(a V128, n uint32) V128  { s := n & 63; return V128{a.Lo << s, a.Hi << s} }
func i64x2ShrU(a V128, n uint32) V128 { s := n & 63; return V128{a.Lo >> s, a.Hi >> s} }
func i64x2ShrS(a V128, n uint32) V128 {
	s := n & 63
	return V128{uint64(int64(a.Lo) >> s), uint64(int64(a.Hi) >> s)}
}

// Wrapping arithmetic.

func i8x16Add(a, b V128) V128 { return V128{swarAdd(a.Lo, b.Lo, top8), swarAdd(a.Hi, b.Hi, top8)} }
func i8x16Sub(a, b V128) V128 { return V128{swarSub(a.Lo, b.Lo, top8), swarSub(a.Hi, b.Hi, top8)} }
func i16x8Add(a, b V128) V128 { return V128{swarAdd(a.Lo, b.Lo, top16), swarAdd(a.Hi, b.Hi, top16)} }
func i16x8Sub(a, b V128) V128 { return V128{swarSub(a.Lo, b.Lo, top16), swarSub(a.Hi, b.Hi, top16)} }
func i32x4Add(a, b V128) V128 { return V128{swarAdd(a.Lo, b.Lo, top32), swarAdd(a.Hi, b.Hi, top32)} }
func i32x4Sub(a, b V128) V128 { return V128{swarSub(a.Lo, b.Lo, top32), swarSub(a.Hi, b.Hi, top32)} }
func i64x2Add(a, b V128) V128 { return V128{a.Lo + b.Lo, a.Hi + b.Hi} }
func i64x2Sub(a, b V128) V128 { return V128{a.Lo - b.Lo, a.Hi - b.Hi} }
func i16x8Mul(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = x[i] * y[i]
	}
	return FromU16s(x)
}

func i32x4Mul(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return x * y }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i64x2Mul(a, b V128) V128 { return V128{a.Lo * b.Lo, a.Hi * b.Hi} }

// Saturating arithmetic.

// Saturating arithmetic, SWAR: the wrapping result, with the lanes that
// overflowed replaced by the bound they crossed.

func i8x16AddSatS(a, b V128) V128 {
	return V128{swarAddSatS(a.Lo, b.Lo, top8, 8), swarAddSatS(a.Hi, b.Hi, top8, 8)}
}

func i8x16AddSatU(a, b V128) V128 {
	return V128{swarAddSatU(a.Lo, b.Lo, top8, 8), swarAddSatU(a.Hi, b.Hi, top8, 8)}
}

func i8x16SubSatS(a, b V128) V128 {
	return V128{swarSubSatS(a.Lo, b.Lo, top8, 8), swarSubSatS(a.Hi, b.Hi, top8, 8)}
}

func i8x16SubSatU(a, b V128) V128 {
	return V128{swarSubSatU(a.Lo, b.Lo, top8, 8), swarSubSatU(a.Hi, b.Hi, top8, 8)}
}

func i16x8AddSatS(a, b V128) V128 {
	return V128{swarAddSatS(a.Lo, b.Lo, top16, 16), swarAddSatS(a.Hi, b.Hi, top16, 16)}
}

func i16x8AddSatU(a, b V128) V128 {
	return V128{swarAddSatU(a.Lo, b.Lo, top16, 16), swarAddSatU(a.Hi, b.Hi, top16, 16)}
}

func i16x8SubSatS(a, b V128) V128 {
	return V128{swarSubSatS(a.Lo, b.Lo, top16, 16), swarSubSatS(a.Hi, b.Hi, top16, 16)}
}

func i16x8SubSatU(a, b V128) V128 {
	return V128{swarSubSatU(a.Lo, b.Lo, top16, 16), swarSubSatU(a.Hi, b.Hi, top16, 16)}
}

// Min, max and rounding average.

func i8x16MinS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = uint8(min(int8(x[i]), int8(y[i])))
	}
	return FromBytes(x)
}

func i8x16MinU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = min(x[i], y[i])
	}
	return FromBytes(x)
}

func i8x16MaxS(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = uint8(max(int8(x[i]), int8(y[i])))
	}
	return FromBytes(x)
}

func i8x16MaxU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = max(x[i], y[i])
	}
	return FromBytes(x)
}

func i16x8MinS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = uint16(min(int16(x[i]), int16(y[i])))
	}
	return FromU16s(x)
}

func i16x8MinU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = min(x[i], y[i])
	}
	return FromU16s(x)
}

func i16x8MaxS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = uint16(max(int16(x[i]), int16(y[i])))
	}
	return FromU16s(x)
}

func i16x8MaxU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = max(x[i], y[i])
	}
	return FromU16s(x)
}

func i32x4MinS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return uint32(min(int32(x), int32(y))) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4MinU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return min(x, y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4MaxS(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return uint32(max(int32(x), int32(y))) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i32x4MaxU(a, b V128) V128 {
	f := func(x, y uint32) uint32 { return max(x, y) }
	return pack32(f(a.U32(0), b.U32(0)), f(a.U32(1), b.U32(1)), f(a.U32(2), b.U32(2)), f(a.U32(3), b.U32(3)))
}

func i8x16AvgrU(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	for i := range x {
		x[i] = uint8((uint16(x[i]) + uint16(y[i]) + 1) >> 1)
	}
	return FromBytes(x)
}

func i16x8AvgrU(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = uint16((uint32(x[i]) + uint32(y[i]) + 1) >> 1)
	}
	return FromU16s(x)
}

// i16x8Q15mulrSatS is the Q15 fixed-point product, rounded, saturated: only
// -32768 × -32768 overflows.
func i16x8Q15mulrSatS(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	for i := range x {
		x[i] = satS16((int32(int16(x[i]))*int32(int16(y[i])) + 0x4000) >> 15)
	}
	return FromU16s(x)
}

// i32x4DotI16x8S: lane i is a[2i]·b[2i] + a[2i+1]·b[2i+1], wrapping (only
// two products of -32768 × -32768 overflow, to -2^31).
func i32x4DotI16x8S(a, b V128) V128 {
	x, y := a.U16s(), b.U16s()
	var r [4]uint32
	for i := range r {
		r[i] = uint32(int32(int16(x[2*i]))*int32(int16(y[2*i])) + int32(int16(x[2*i+1]))*int32(int16(y[2*i+1])))
	}
	return FromU32s(r)
}

// Extending multiplication of the low or high half of the lanes.

func extmul8(a, b V128, high, signed bool) V128 {
	x, y := a.Bytes(), b.Bytes()
	off := 0
	if high {
		off = 8
	}
	var r [8]uint16
	for i := range r {
		if signed {
			r[i] = uint16(int16(int8(x[off+i])) * int16(int8(y[off+i])))
		} else {
			r[i] = uint16(x[off+i]) * uint16(y[off+i])
		}
	}
	return FromU16s(r)
}

func extmul16(a, b V128, high, signed bool) V128 {
	x, y := a.U16s(), b.U16s()
	off := 0
	if high {
		off = 4
	}
	var r [4]uint32
	for i := range r {
		if signed {
			r[i] = uint32(int32(int16(x[off+i])) * int32(int16(y[off+i])))
		} else {
			r[i] = uint32(x[off+i]) * uint32(y[off+i])
		}
	}
	return FromU32s(r)
}

func extmul32(a, b V128, high, signed bool) V128 {
	x, y := a.Lo, b.Lo
	if high {
		x, y = a.Hi, b.Hi
	}
	if signed {
		return V128{
			uint64(int64(int32(x)) * int64(int32(y))),
			uint64(int64(int32(x>>32)) * int64(int32(y>>32))),
		}
	}
	return V128{uint64(uint32(x)) * uint64(uint32(y)), (x >> 32) * (y >> 32)}
}

func i16x8ExtmulLowI8x16S(a, b V128) V128  { return extmul8(a, b, false, true) }
func i16x8ExtmulHighI8x16S(a, b V128) V128 { return extmul8(a, b, true, true) }
func i16x8ExtmulLowI8x16U(a, b V128) V128  { return extmul8(a, b, false, false) }
func i16x8ExtmulHighI8x16U(a, b V128) V128 { return extmul8(a, b, true, false) }
func i32x4ExtmulLowI16x8S(a, b V128) V128  { return extmul16(a, b, false, true) }
func i32x4ExtmulHighI16x8S(a, b V128) V128 { return extmul16(a, b, true, true) }
func i32x4ExtmulLowI16x8U(a, b V128) V128  { return extmul16(a, b, false, false) }
func i32x4ExtmulHighI16x8U(a, b V128) V128 { return extmul16(a, b, true, false) }
func i64x2ExtmulLowI32x4S(a, b V128) V128  { return extmul32(a, b, false, true) }
func i64x2ExtmulHighI32x4S(a, b V128) V128 { return extmul32(a, b, true, true) }
func i64x2ExtmulLowI32x4U(a, b V128) V128  { return extmul32(a, b, false, false) }
func i64x2ExtmulHighI32x4U(a, b V128) V128 { return extmul32(a, b, true, false) }
