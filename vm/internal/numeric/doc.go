// Package numeric implements the numeric semantics of WebAssembly — the
// "Numerics" section of the specification's execution chapter — as pure Go
// functions the interpreter calls: scalar float and integer operations whose
// Go counterparts differ from Wasm (NaN propagation, signed zeros, rounding,
// traps), conversions, and every SIMD (v128) lane operation of Wasm 2.0 plus
// the relaxed SIMD operations of Wasm 3.0. The SIMD operations are also
// gathered in tables keyed by syntax.Op, so the compiler can resolve an
// instruction to a function once, ahead of execution.
//
// Nothing here allocates, and the scalar functions are small enough for the
// Go compiler to inline.
//
// # Use
//
// Scalar functions take and return Go values: float32/float64 for the
// arithmetic ones, bits (uint32/uint64) for abs, neg and copysign. Those
// that can trap (division, remainder, float-to-integer truncation) return
// one of ErrIntegerDivideByZero, ErrIntegerOverflow or ErrInvalidConversion,
// whose texts are the spec's trap messages.
//
// A V128 is two little-endian 64-bit words. The tables V128Unary,
// V128Binary, V128Ternary, V128Shift, V128Test, V128Splat, V128Extract,
// V128Replace and V128LoadExtend map each SIMD op to its function; scalars
// cross them as the engine keeps them in a 64-bit slot (i32 and f32 in the
// low 32 bits, floats as bits). I8x16Shuffle takes its 16 lane indices as a
// V128 (the instruction's Const and Const2).
//
// # RATIONALE
//
// Plain Go +, -, *, / on float32 and float64 already give Wasm's results,
// NaNs included, on every target the engine runs on (amd64 SSE, arm64 and
// wasm itself): a NaN operand comes out quieted with its payload, which is
// an arithmetic NaN, and a NaN made from non-NaN operands is the platform's
// default NaN, which Wasm accepts as canonical whatever its sign. So the
// engine uses those operators directly and this package only supplies the
// operations where Go and Wasm part ways:
//
//   - min and max: Go's builtin min/max and math.Min differ on NaN payloads
//     and we want one deterministic rule (the first NaN operand, quieted).
//   - ceil, floor, trunc, nearest, sqrt: math returns a signalling NaN
//     argument unchanged in its pure-Go paths; Wasm requires a quiet one.
//     math.Sqrt of a negative number is math.NaN() in the pure-Go path,
//     whose payload is not canonical; the functions here return the
//     canonical NaN.
//   - abs, neg, copysign work on the bits, never on float values, so that
//     a signalling NaN's payload survives exactly as Wasm requires (a
//     float32 passing through an f32→f64 widening anywhere would be quieted).
//   - demote and promote build NaN results from the bits for the same
//     reason, so the result does not depend on the platform's conversion.
//   - Conversions from 64-bit integers to floats go through a signed
//     conversion with a sticky bit ("round to odd") instead of relying on
//     how a target lowers float32(uint64), which some targets do through
//     float64 and so round twice.
//   - Float-to-integer truncation reports the spec's two trap conditions as
//     sentinel errors the interpreter turns into traps.
//
// Relaxed SIMD (Wasm 3.0) lets an implementation pick among several results.
// This package picks, for every op, the result its strict Wasm 2.0
// counterpart gives, so a program behaves identically on every host:
// relaxed_swizzle is swizzle, relaxed_trunc is trunc_sat, relaxed_laneselect
// is bitselect, relaxed_min/max are min/max, relaxed_q15mulr is q15mulr_sat;
// relaxed_madd and relaxed_nmadd round twice (multiply, then add), which is
// exact to compute everywhere, whereas a fused f32 multiply-add through
// float64 would round twice the other way; the relaxed dot products treat
// the second operand as signed.
package numeric
