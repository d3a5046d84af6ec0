package numeric

import "math"

// Relaxed SIMD (Wasm 3.0). Each op takes the deterministic choice described
// in the package RATIONALE; the ones equal to a strict op are that op in the
// tables, the others are here.

// madd computes x·y + z with two roundings. The explicit conversion of the
// product stops the Go compiler from fusing it into one FMA, which the Go
// spec allows on some targets and which would make results differ by host.

func f32x4RelaxedMadd(a, b, c V128) V128 {
	f := func(x, y, z uint32) uint32 {
		return math.Float32bits(float32(math.Float32frombits(x)*math.Float32frombits(y)) + math.Float32frombits(z))
	}
	return pack32(f(a.U32(0), b.U32(0), c.U32(0)), f(a.U32(1), b.U32(1), c.U32(1)),
		f(a.U32(2), b.U32(2), c.U32(2)), f(a.U32(3), b.U32(3), c.U32(3)))
}

// nmadd is -(x·y) + z; negating x first is exact, so it is (-x)·y + z.
func f32x4RelaxedNmadd(a, b, c V128) V128 { return f32x4RelaxedMadd(f32x4Neg(a), b, c) }

func f64x2RelaxedMadd(a, b, c V128) V128 {
	f := func(x, y, z uint64) uint64 {
		return math.Float64bits(float64(math.Float64frombits(x)*math.Float64frombits(y)) + math.Float64frombits(z))
	}
	return V128{f(a.Lo, b.Lo, c.Lo), f(a.Hi, b.Hi, c.Hi)}
}

func f64x2RelaxedNmadd(a, b, c V128) V128 { return f64x2RelaxedMadd(f64x2Neg(a), b, c) }

// i16x8RelaxedDotI8x16I7x16S: lane i is a[2i]·b[2i] + a[2i+1]·b[2i+1] with
// both operands signed, wrapping to 16 bits (the sum only overflows when b
// holds values outside the i7 range the op is meant for).
func i16x8RelaxedDotI8x16I7x16S(a, b V128) V128 {
	x, y := a.Bytes(), b.Bytes()
	var r [8]uint16
	for i := range r {
		r[i] = uint16(int16(int8(x[2*i]))*int16(int8(y[2*i])) + int16(int8(x[2*i+1]))*int16(int8(y[2*i+1])))
	}
	return FromU16s(r)
}

// i32x4RelaxedDotI8x16I7x16AddS: lane i is the sum of the four signed
// products a[4i+k]·b[4i+k] plus lane i of c, wrapping.
func i32x4RelaxedDotI8x16I7x16AddS(a, b, c V128) V128 {
	x, y, z := a.Bytes(), b.Bytes(), c.U32s()
	var r [4]uint32
	for i := range r {
		s := z[i]
		for k := 4 * i; k < 4*i+4; k++ {
			s += uint32(int32(int8(x[k])) * int32(int8(y[k])))
		}
		r[i] = s
	}
	return FromU32s(r)
}
