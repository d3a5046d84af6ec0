package script

// The spec's NaN result patterns (Numerics, "NaN propagation"):
//
//   - a canonical NaN has an all-ones exponent and a payload of exactly the
//     most significant mantissa bit (either sign);
//   - an arithmetic NaN has an all-ones exponent and the most significant
//     mantissa bit set, whatever the rest of the payload (either sign).
const (
	f32CanonicalNaN = 0x7fc00000
	f64CanonicalNaN = 0x7ff8000000000000
)

func isCanonicalF32(bits uint32) bool { return bits&0x7fffffff == f32CanonicalNaN }

func isArithmeticF32(bits uint32) bool { return bits&f32CanonicalNaN == f32CanonicalNaN }

func isCanonicalF64(bits uint64) bool { return bits&0x7fffffffffffffff == f64CanonicalNaN }

func isArithmeticF64(bits uint64) bool { return bits&f64CanonicalNaN == f64CanonicalNaN }
