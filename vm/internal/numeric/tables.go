package numeric

import "github.com/wasmscope/wasmscope/vm/syntax"

// The tables below map every SIMD op without immediates (and the lane ops,
// whose lane index the caller passes) to its function, grouped by operand
// and result form. The compiler looks an op up once and keeps the function;
// each op appears in exactly one table (the tests check that none of the
// SIMD ops of syntax.Ops is missing). Not in any table: i8x16.shuffle, which
// is I8x16Shuffle; v128.const; and the memory ops except the extending
// loads of V128LoadExtend.

// V128Unary holds the ops of type [v128] → [v128].
var V128Unary = map[syntax.Op]func(a V128) V128{
	syntax.OpV128Not:                   v128Not,
	syntax.OpF32x4DemoteF64x2Zero:      f32x4DemoteF64x2Zero,
	syntax.OpF64x2PromoteLowF32x4:      f64x2PromoteLowF32x4,
	syntax.OpI8x16Abs:                  i8x16Abs,
	syntax.OpI8x16Neg:                  i8x16Neg,
	syntax.OpI8x16Popcnt:               i8x16Popcnt,
	syntax.OpF32x4Ceil:                 f32x4Ceil,
	syntax.OpF32x4Floor:                f32x4Floor,
	syntax.OpF32x4Trunc:                f32x4Trunc,
	syntax.OpF32x4Nearest:              f32x4Nearest,
	syntax.OpF64x2Ceil:                 f64x2Ceil,
	syntax.OpF64x2Floor:                f64x2Floor,
	syntax.OpF64x2Trunc:                f64x2Trunc,
	syntax.OpF64x2Nearest:              f64x2Nearest,
	syntax.OpI16x8ExtaddPairwiseI8x16S: i16x8ExtaddPairwiseI8x16S,
	syntax.OpI16x8ExtaddPairwiseI8x16U: i16x8ExtaddPairwiseI8x16U,
	syntax.OpI32x4ExtaddPairwiseI16x8S: i32x4ExtaddPairwiseI16x8S,
	syntax.OpI32x4ExtaddPairwiseI16x8U: i32x4ExtaddPairwiseI16x8U,
	syntax.OpI16x8Abs:                  i16x8Abs,
	syntax.OpI16x8Neg:                  i16x8Neg,
	syntax.OpI16x8ExtendLowI8x16S:      i16x8ExtendLowI8x16S,
	syntax.OpI16x8ExtendHighI8x16S:     i16x8ExtendHighI8x16S,
	syntax.OpI16x8ExtendLowI8x16U:      i16x8ExtendLowI8x16U,
	syntax.OpI16x8ExtendHighI8x16U:     i16x8ExtendHighI8x16U,
	syntax.OpI32x4Abs:                  i32x4Abs,
	syntax.OpI32x4Neg:                  i32x4Neg,
	syntax.OpI32x4ExtendLowI16x8S:      i32x4ExtendLowI16x8S,
	syntax.OpI32x4ExtendHighI16x8S:     i32x4ExtendHighI16x8S,
	syntax.OpI32x4ExtendLowI16x8U:      i32x4ExtendLowI16x8U,
	syntax.OpI32x4ExtendHighI16x8U:     i32x4ExtendHighI16x8U,
	syntax.OpI64x2Abs:                  i64x2Abs,
	syntax.OpI64x2Neg:                  i64x2Neg,
	syntax.OpI64x2ExtendLowI32x4S:      i64x2ExtendLowI32x4S,
	syntax.OpI64x2ExtendHighI32x4S:     i64x2ExtendHighI32x4S,
	syntax.OpI64x2ExtendLowI32x4U:      i64x2ExtendLowI32x4U,
	syntax.OpI64x2ExtendHighI32x4U:     i64x2ExtendHighI32x4U,
	syntax.OpF32x4Abs:                  f32x4Abs,
	syntax.OpF32x4Neg:                  f32x4Neg,
	syntax.OpF32x4Sqrt:                 f32x4Sqrt,
	syntax.OpF64x2Abs:                  f64x2Abs,
	syntax.OpF64x2Neg:                  f64x2Neg,
	syntax.OpF64x2Sqrt:                 f64x2Sqrt,
	syntax.OpI32x4TruncSatF32x4S:       i32x4TruncSatF32x4S,
	syntax.OpI32x4TruncSatF32x4U:       i32x4TruncSatF32x4U,
	syntax.OpF32x4ConvertI32x4S:        f32x4ConvertI32x4S,
	syntax.OpF32x4ConvertI32x4U:        f32x4ConvertI32x4U,
	syntax.OpI32x4TruncSatF64x2SZero:   i32x4TruncSatF64x2SZero,
	syntax.OpI32x4TruncSatF64x2UZero:   i32x4TruncSatF64x2UZero,
	syntax.OpF64x2ConvertLowI32x4S:     f64x2ConvertLowI32x4S,
	syntax.OpF64x2ConvertLowI32x4U:     f64x2ConvertLowI32x4U,

	syntax.OpI32x4RelaxedTruncF32x4S:     i32x4TruncSatF32x4S,
	syntax.OpI32x4RelaxedTruncF32x4U:     i32x4TruncSatF32x4U,
	syntax.OpI32x4RelaxedTruncF64x2SZero: i32x4TruncSatF64x2SZero,
	syntax.OpI32x4RelaxedTruncF64x2UZero: i32x4TruncSatF64x2UZero,
}

// V128Binary holds the ops of type [v128 v128] → [v128].
var V128Binary = map[syntax.Op]func(a, b V128) V128{
	syntax.OpI8x16Swizzle: i8x16Swizzle,

	syntax.OpI8x16Eq:  i8x16Eq,
	syntax.OpI8x16Ne:  i8x16Ne,
	syntax.OpI8x16LtS: i8x16LtS,
	syntax.OpI8x16LtU: i8x16LtU,
	syntax.OpI8x16GtS: i8x16GtS,
	syntax.OpI8x16GtU: i8x16GtU,
	syntax.OpI8x16LeS: i8x16LeS,
	syntax.OpI8x16LeU: i8x16LeU,
	syntax.OpI8x16GeS: i8x16GeS,
	syntax.OpI8x16GeU: i8x16GeU,
	syntax.OpI16x8Eq:  i16x8Eq,
	syntax.OpI16x8Ne:  i16x8Ne,
	syntax.OpI16x8LtS: i16x8LtS,
	syntax.OpI16x8LtU: i16x8LtU,
	syntax.OpI16x8GtS: i16x8GtS,
	syntax.OpI16x8GtU: i16x8GtU,
	syntax.OpI16x8LeS: i16x8LeS,
	syntax.OpI16x8LeU: i16x8LeU,
	syntax.OpI16x8GeS: i16x8GeS,
	syntax.OpI16x8GeU: i16x8GeU,
	syntax.OpI32x4Eq:  i32x4Eq,
	syntax.OpI32x4Ne:  i32x4Ne,
	syntax.OpI32x4LtS: i32x4LtS,
	syntax.OpI32x4LtU: i32x4LtU,
	syntax.OpI32x4GtS: i32x4GtS,
	syntax.OpI32x4GtU: i32x4GtU,
	syntax.OpI32x4LeS: i32x4LeS,
	syntax.OpI32x4LeU: i32x4LeU,
	syntax.OpI32x4GeS: i32x4GeS,
	syntax.OpI32x4GeU: i32x4GeU,
	syntax.OpI64x2Eq:  i64x2Eq,
	syntax.OpI64x2Ne:  i64x2Ne,
	syntax.OpI64x2LtS: i64x2LtS,
	syntax.OpI64x2GtS: i64x2GtS,
	syntax.OpI64x2LeS: i64x2LeS,
	syntax.OpI64x2GeS: i64x2GeS,
	syntax.OpF32x4Eq:  f32x4Eq,
	syntax.OpF32x4Ne:  f32x4Ne,
	syntax.OpF32x4Lt:  f32x4Lt,
	syntax.OpF32x4Gt:  f32x4Gt,
	syntax.OpF32x4Le:  f32x4Le,
	syntax.OpF32x4Ge:  f32x4Ge,
	syntax.OpF64x2Eq:  f64x2Eq,
	syntax.OpF64x2Ne:  f64x2Ne,
	syntax.OpF64x2Lt:  f64x2Lt,
	syntax.OpF64x2Gt:  f64x2Gt,
	syntax.OpF64x2Le:  f64x2Le,
	syntax.OpF64x2Ge:  f64x2Ge,

	syntax.OpV128And:    v128And,
	syntax.OpV128Andnot: v128Andnot,
	syntax.OpV128Or:     v128Or,
	syntax.OpV128Xor:    v128Xor,

	syntax.OpI8x16NarrowI16x8S: i8x16NarrowI16x8S,
	syntax.OpI8x16NarrowI16x8U: i8x16NarrowI16x8U,
	syntax.OpI16x8NarrowI32x4S: i16x8NarrowI32x4S,
	syntax.OpI16x8NarrowI32x4U: i16x8NarrowI32x4U,

	syntax.OpI8x16Add:     i8x16Add,
	syntax.OpI8x16AddSatS: i8x16AddSatS,
	syntax.OpI8x16AddSatU: i8x16AddSatU,
	syntax.OpI8x16Sub:     i8x16Sub,
	syntax.OpI8x16SubSatS: i8x16SubSatS,
	syntax.OpI8x16SubSatU: i8x16SubSatU,
	syntax.OpI8x16MinS:    i8x16MinS,
	syntax.OpI8x16MinU:    i8x16MinU,
	syntax.OpI8x16MaxS:    i8x16MaxS,
	syntax.OpI8x16MaxU:    i8x16MaxU,
	syntax.OpI8x16AvgrU:   i8x16AvgrU,

	syntax.OpI16x8Q15mulrSatS: i16x8Q15mulrSatS,
	syntax.OpI16x8Add:         i16x8Add,
	syntax.OpI16x8AddSatS:     i16x8AddSatS,
	syntax.OpI16x8AddSatU:     i16x8AddSatU,
	syntax.OpI16x8Sub:         i16x8Sub,
	syntax.OpI16x8SubSatS:     i16x8SubSatS,
	syntax.OpI16x8SubSatU:     i16x8SubSatU,
	syntax.OpI16x8Mul:         i16x8Mul,
	syntax.OpI16x8MinS:        i16x8MinS,
	syntax.OpI16x8MinU:        i16x8MinU,
	syntax.OpI16x8MaxS:        i16x8MaxS,
	syntax.OpI16x8MaxU:        i16x8MaxU,
	syntax.OpI16x8AvgrU:       i16x8AvgrU,

	syntax.OpI16x8ExtmulLowI8x16S:  i16x8ExtmulLowI8x16S,
	syntax.OpI16x8ExtmulHighI8x16S: i16x8ExtmulHighI8x16S,
	syntax.OpI16x8ExtmulLowI8x16U:  i16x8ExtmulLowI8x16U,
	syntax.OpI16x8ExtmulHighI8x16U: i16x8ExtmulHighI8x16U,
	syntax.OpI32x4ExtmulLowI16x8S:  i32x4ExtmulLowI16x8S,
	syntax.OpI32x4ExtmulHighI16x8S: i32x4ExtmulHighI16x8S,
	syntax.OpI32x4ExtmulLowI16x8U:  i32x4ExtmulLowI16x8U,
	syntax.OpI32x4ExtmulHighI16x8U: i32x4ExtmulHighI16x8U,
	syntax.OpI64x2ExtmulLowI32x4S:  i64x2ExtmulLowI32x4S,
	syntax.OpI64x2ExtmulHighI32x4S: i64x2ExtmulHighI32x4S,
	syntax.OpI64x2ExtmulLowI32x4U:  i64x2ExtmulLowI32x4U,
	syntax.OpI64x2ExtmulHighI32x4U: i64x2ExtmulHighI32x4U,

	syntax.OpI32x4Add:       i32x4Add,
	syntax.OpI32x4Sub:       i32x4Sub,
	syntax.OpI32x4Mul:       i32x4Mul,
	syntax.OpI32x4MinS:      i32x4MinS,
	syntax.OpI32x4MinU:      i32x4MinU,
	syntax.OpI32x4MaxS:      i32x4MaxS,
	syntax.OpI32x4MaxU:      i32x4MaxU,
	syntax.OpI32x4DotI16x8S: i32x4DotI16x8S,
	syntax.OpI64x2Add:       i64x2Add,
	syntax.OpI64x2Sub:       i64x2Sub,
	syntax.OpI64x2Mul:       i64x2Mul,

	syntax.OpF32x4Add:  f32x4Add,
	syntax.OpF32x4Sub:  f32x4Sub,
	syntax.OpF32x4Mul:  f32x4Mul,
	syntax.OpF32x4Div:  f32x4Div,
	syntax.OpF32x4Min:  f32x4Min,
	syntax.OpF32x4Max:  f32x4Max,
	syntax.OpF32x4Pmin: f32x4Pmin,
	syntax.OpF32x4Pmax: f32x4Pmax,
	syntax.OpF64x2Add:  f64x2Add,
	syntax.OpF64x2Sub:  f64x2Sub,
	syntax.OpF64x2Mul:  f64x2Mul,
	syntax.OpF64x2Div:  f64x2Div,
	syntax.OpF64x2Min:  f64x2Min,
	syntax.OpF64x2Max:  f64x2Max,
	syntax.OpF64x2Pmin: f64x2Pmin,
	syntax.OpF64x2Pmax: f64x2Pmax,

	syntax.OpI8x16RelaxedSwizzle:        i8x16Swizzle,
	syntax.OpF32x4RelaxedMin:            f32x4Min,
	syntax.OpF32x4RelaxedMax:            f32x4Max,
	syntax.OpF64x2RelaxedMin:            f64x2Min,
	syntax.OpF64x2RelaxedMax:            f64x2Max,
	syntax.OpI16x8RelaxedQ15mulrS:       i16x8Q15mulrSatS,
	syntax.OpI16x8RelaxedDotI8x16I7x16S: i16x8RelaxedDotI8x16I7x16S,
}

// V128Ternary holds the ops of type [v128 v128 v128] → [v128].
var V128Ternary = map[syntax.Op]func(a, b, c V128) V128{
	syntax.OpV128Bitselect:                 v128Bitselect,
	syntax.OpF32x4RelaxedMadd:              f32x4RelaxedMadd,
	syntax.OpF32x4RelaxedNmadd:             f32x4RelaxedNmadd,
	syntax.OpF64x2RelaxedMadd:              f64x2RelaxedMadd,
	syntax.OpF64x2RelaxedNmadd:             f64x2RelaxedNmadd,
	syntax.OpI8x16RelaxedLaneselect:        v128Bitselect,
	syntax.OpI16x8RelaxedLaneselect:        v128Bitselect,
	syntax.OpI32x4RelaxedLaneselect:        v128Bitselect,
	syntax.OpI64x2RelaxedLaneselect:        v128Bitselect,
	syntax.OpI32x4RelaxedDotI8x16I7x16AddS: i32x4RelaxedDotI8x16I7x16AddS,
}

// V128Shift holds the shifts, [v128 i32] → [v128].
var V128Shift = map[syntax.Op]func(a V128, n uint32) V128{
	syntax.OpI8x16Shl:  i8x16Shl,
	syntax.OpI8x16ShrS: i8x16ShrS,
	syntax.OpI8x16ShrU: i8x16ShrU,
	syntax.OpI16x8Shl:  i16x8Shl,
	syntax.OpI16x8ShrS: i16x8ShrS,
	syntax.OpI16x8ShrU: i16x8ShrU,
	syntax.OpI32x4Shl:  i32x4Shl,
	syntax.OpI32x4ShrS: i32x4ShrS,
	syntax.OpI32x4ShrU: i32x4ShrU,
	syntax.OpI64x2Shl:  i64x2Shl,
	syntax.OpI64x2ShrS: i64x2ShrS,
	syntax.OpI64x2ShrU: i64x2ShrU,
}

// V128Test holds the ops of type [v128] → [i32].
var V128Test = map[syntax.Op]func(a V128) uint32{
	syntax.OpV128AnyTrue:  v128AnyTrue,
	syntax.OpI8x16AllTrue: i8x16AllTrue,
	syntax.OpI16x8AllTrue: i16x8AllTrue,
	syntax.OpI32x4AllTrue: i32x4AllTrue,
	syntax.OpI64x2AllTrue: i64x2AllTrue,
	syntax.OpI8x16Bitmask: i8x16Bitmask,
	syntax.OpI16x8Bitmask: i16x8Bitmask,
	syntax.OpI32x4Bitmask: i32x4Bitmask,
	syntax.OpI64x2Bitmask: i64x2Bitmask,
}

// V128Splat holds the splats. The operand is the scalar as the engine keeps
// it in a 64-bit slot (i32 and f32 in the low 32 bits, floats as bits).
var V128Splat = map[syntax.Op]func(x uint64) V128{
	syntax.OpI8x16Splat: i8x16Splat,
	syntax.OpI16x8Splat: i16x8Splat,
	syntax.OpI32x4Splat: i32x4Splat,
	syntax.OpI64x2Splat: i64x2Splat,
	syntax.OpF32x4Splat: f32x4Splat,
	syntax.OpF64x2Splat: f64x2Splat,
}

// V128Extract holds the extract_lane ops; lane is the instruction's
// immediate (validated to be in range). The result is the scalar in a 64-bit
// slot: i32 and f32 zero-extended, floats as bits.
var V128Extract = map[syntax.Op]func(a V128, lane uint8) uint64{
	syntax.OpI8x16ExtractLaneS: i8x16ExtractLaneS,
	syntax.OpI8x16ExtractLaneU: i8x16ExtractLaneU,
	syntax.OpI16x8ExtractLaneS: i16x8ExtractLaneS,
	syntax.OpI16x8ExtractLaneU: i16x8ExtractLaneU,
	syntax.OpI32x4ExtractLane:  i32x4ExtractLane,
	syntax.OpI64x2ExtractLane:  i64x2ExtractLane,
	syntax.OpF32x4ExtractLane:  f32x4ExtractLane,
	syntax.OpF64x2ExtractLane:  f64x2ExtractLane,
}

// V128Replace holds the replace_lane ops; x is the scalar in a 64-bit slot.
var V128Replace = map[syntax.Op]func(a V128, lane uint8, x uint64) V128{
	syntax.OpI8x16ReplaceLane: i8x16ReplaceLane,
	syntax.OpI16x8ReplaceLane: i16x8ReplaceLane,
	syntax.OpI32x4ReplaceLane: i32x4ReplaceLane,
	syntax.OpI64x2ReplaceLane: i64x2ReplaceLane,
	syntax.OpF32x4ReplaceLane: f32x4ReplaceLane,
	syntax.OpF64x2ReplaceLane: f64x2ReplaceLane,
}

// V128LoadExtend holds the extending loads v128.load8x8_s … load32x2_u:
// given the 8 bytes read from memory as a little-endian uint64, the vector.
// (The splat loads are the splats of V128Splat applied to the loaded
// scalar; the lane loads and stores are V128Replace and V128Extract.)
var V128LoadExtend = map[syntax.Op]func(x uint64) V128{
	syntax.OpV128Load8x8S:  func(x uint64) V128 { return i16x8ExtendLowI8x16S(V128{Lo: x}) },
	syntax.OpV128Load8x8U:  func(x uint64) V128 { return i16x8ExtendLowI8x16U(V128{Lo: x}) },
	syntax.OpV128Load16x4S: func(x uint64) V128 { return i32x4ExtendLowI16x8S(V128{Lo: x}) },
	syntax.OpV128Load16x4U: func(x uint64) V128 { return i32x4ExtendLowI16x8U(V128{Lo: x}) },
	syntax.OpV128Load32x2S: func(x uint64) V128 { return i64x2ExtendLowI32x4S(V128{Lo: x}) },
	syntax.OpV128Load32x2U: func(x uint64) V128 { return i64x2ExtendLowI32x4U(V128{Lo: x}) },
}
