package exec

import "github.com/wasmscope/wasmscope/vm/syntax"

// opcode is an internal instruction's operation (inst.op). Internal
// opcodes are numbered densely in an enumeration of their own, not overlaid
// on Wasm's: the compiler translates each Wasm instruction to one
// (internalOp, a table built once), to a form chosen by operand type
// (opLocalGet2 for a v128 local, ...), or to one interpreted out of line
// (opSlow, opGC), and fuse.go adds the fused ones.
//
// The numbering is what the loop's dispatch is shaped by (see interp.go
// and the RATIONALE in doc.go): the instructions executed most often over
// the bench workloads (counted per dispatch of the fast variant) come
// first, below numHot, and the loop finds them with one compare and a short
// switch before the switch of all the others. On GOARCH=wasm, where a
// switch is a binary search and every taken branch is an indirect jump,
// that shortens the common dispatch from about nine search levels to six;
// natively both switches are jump tables.
type opcode uint16

// The hot opcodes.
const (
	opLocalGet opcode = iota
	opLocalSet
	opLocalTee
	opConst // push b: every constant (i32 and f32 ones zero-extended), ref.null
	opBr
	opBrIf
	opReturn
	opI32Add
	opI32Xor
	opI64And
	opI32WrapI64
	opF64Add
	opF64Mul
	opI32Load
	opI32Load8U
	opF64Load
	opStore32 // i32.store, f32.store, i64.store32
	opStore8  // i32.store8, i64.store8
	opStore64 // i64.store, f64.store
	// Fused (fuse.go).
	opI32AddLC    // push local[a] + uint32(b)
	opI32AddC     // top += uint32(b)
	opLocalGetLL  // push local[a], local[b]
	opLocalSetGet // local[a] = pop; push local[b]
	opI32LoadL    // push i32.load offset b from address local[a]
	opI32ShlC     // top <<= b & 31
	opI32ShrUC    // top >>= b & 31
	opI32AndC     // top &= uint32(b)
	opI32AddLL    // push uint32(local[a] + local[b])
	opF64MulL     // top *= local[a]
	opBrIfLtUC    // jump to a when the popped i32 < uint32(b)
	opBrUnlessLtUC
	opBrIfNz64    // jump to a when the popped i64 is not zero
	opI64LoadL    // push i64.load offset b from address local[a]
	opLocalSetBr  // local[b] = pop; jump to a (the back edge of a loop)
	opI32AddCTee  // top = uint32(top + b); local[a] = top
	opI32AddCLoad // top = i32.load offset b from address uint32(top + a)
	opI32AddLCTee // push local[b>>32] = uint32(local[a] + uint32(b))
	opI32AddLLTee // push local[b>>32] = uint32(local[a] + local[uint32(b)])
	// Three-address forms (see fuse.go's cold ones for the operands'
	// packing).
	opI32AddLCSet   // local[b>>32] = uint32(local[a] + uint32(b))
	opI64AddLCSet   // local[b>>32] = local[a] + int64(int32(b))
	opI32LoadLC     // push i32.load offset b>>32 from address uint32(local[a] + uint32(b))
	opI64LoadLC     // the same for i64.load and f64.load
	opF64MulLL      // push local[a] * local[b] (f64)
	opF64MulLLTee   // push local[b>>32] = local[a] * local[uint32(b)] (f64)
	opStore32LL     // i32.store offset b>>32 of local[uint32(b)] at address local[a]
	opStore64LL     // the same for i64.store and f64.store
	opStore8C       // pop address; i32.store8 offset a of the constant b
	opBrUnlessLtULC // jump to a unless uint32(local[uint32(b)]) < b>>32
	opBrIfEq64LC    // jump to a when local[uint32(b)] == int64(int32(b>>32))
	opI32AndLC      // push local[a] & uint32(b)
	// top = i32.load offset uint32(b) from address uint32((top << (b>>32)) + a):
	// an element of a table of i32s.
	opI32ShlCAddCLoad
	// opRec records the instruction after it (observed code only; see
	// record.go); the opRec... ones record and run their instruction.
	opRec
	opRecLocalGet
	opRecLocalSet
	opRecConst
	opRecI32Add
	opRecBrIf
	opRecStore
	opRecLocalTee
	// Recorded sequences (record.go's recSeqs): several plain
	// instructions recorded and run in one dispatch, each its own record.
	opRecLC    // local.get a; a constant b
	opRecLL    // local.get a; local.get b
	opRecCBin  // a constant b; the binary operation a&31 (recBins), and a suffix with a's top bit
	opRecLCBin // local.get a&0xffffff; a constant b; the operation a>>24&31; a suffix with a's top bit
	opRecLLBin // local.get a&0xffffff; local.get b; the same

	// numHot: the opcodes below it are the hot ones.
	numHot
)

// The other Wasm instructions the loop runs, in Wasm's order (fuse.go
// relies on the comparisons' order).
const (
	opUnreachable opcode = numHot + iota
	opThrow
	opThrowRef
	opBrTable
	opCall
	opCallIndirect
	opReturnCall
	opReturnCallIndirect
	opCallRef
	opReturnCallRef
	opDrop
	opSelect
	opGlobalGet
	opGlobalSet
	opI64Load
	opF32Load
	opI32Load8S
	opI32Load16S
	opI32Load16U
	opI64Load8S
	opI64Load8U
	opI64Load16S
	opI64Load16U
	opI64Load32S
	opI64Load32U
	opMemorySize
	opMemoryGrow
	opI32Eqz
	opI32Eq
	opI32Ne
	opI32LtS
	opI32LtU
	opI32GtS
	opI32GtU
	opI32LeS
	opI32LeU
	opI32GeS
	opI32GeU
	opI64Eqz
	opI64Eq
	opI64Ne
	opI64LtS
	opI64LtU
	opI64GtS
	opI64GtU
	opI64LeS
	opI64LeU
	opI64GeS
	opI64GeU
	opF32Eq
	opF32Ne
	opF32Lt
	opF32Gt
	opF32Le
	opF32Ge
	opF64Eq
	opF64Ne
	opF64Lt
	opF64Gt
	opF64Le
	opF64Ge
	opI32Clz
	opI32Ctz
	opI32Popcnt
	opI32Sub
	opI32Mul
	opI32DivS
	opI32DivU
	opI32RemS
	opI32RemU
	opI32And
	opI32Or
	opI32Shl
	opI32ShrS
	opI32ShrU
	opI32Rotl
	opI32Rotr
	opI64Clz
	opI64Ctz
	opI64Popcnt
	opI64Add
	opI64Sub
	opI64Mul
	opI64DivS
	opI64DivU
	opI64RemS
	opI64RemU
	opI64Or
	opI64Xor
	opI64Shl
	opI64ShrS
	opI64ShrU
	opI64Rotl
	opI64Rotr
	opF32Abs
	opF32Neg
	opF32Ceil
	opF32Floor
	opF32Trunc
	opF32Nearest
	opF32Sqrt
	opF32Add
	opF32Sub
	opF32Mul
	opF32Div
	opF32Min
	opF32Max
	opF32Copysign
	opF64Abs
	opF64Neg
	opF64Ceil
	opF64Floor
	opF64Trunc
	opF64Nearest
	opF64Sqrt
	opF64Sub
	opF64Div
	opF64Min
	opF64Max
	opF64Copysign
	opI32TruncF32S
	opI32TruncF32U
	opI32TruncF64S
	opI32TruncF64U
	opI64ExtendI32S
	opI64ExtendI32U
	opI64TruncF32S
	opI64TruncF32U
	opI64TruncF64S
	opI64TruncF64U
	opF32ConvertI32S
	opF32ConvertI32U
	opF32ConvertI64S
	opF32ConvertI64U
	opF32DemoteF64
	opF64ConvertI32S
	opF64ConvertI32U
	opF64ConvertI64S
	opF64ConvertI64U
	opF64PromoteF32
	opI32ReinterpretF32
	opI64ReinterpretF64
	opF32ReinterpretI32
	opF64ReinterpretI64
	opI32Extend8S
	opI32Extend16S
	opI64Extend8S
	opI64Extend16S
	opI64Extend32S
	opRefFunc

	// opStore16 is i32.store16 and i64.store16.
	opStore16

	// Internal forms.
	opBrMove    // keep b&0xffffffff slots, drop b>>32 below them, jump to a
	opBrIfMove  // the same when the popped i32 is not zero
	opBrUnless  // jump to a when the popped i32 is zero (if)
	opLocalGet2 // two-slot (v128) forms
	opLocalSet2
	opLocalTee2
	opGlobalGet2
	opGlobalSet2
	opSelect2
	opV128Const // push b, then v128hi[a]
	opSIMD      // a SIMD op from the numeric tables: a = simd table index
	opSlow      // rare instruction interpreted from its syntax.Instr (Code.slow[a])
	opGC        // a GC instruction, interpreted likewise (gc.go)
	// br_on_null, br_on_non_null, br_on_cast, br_on_cast_fail: keep and
	// drop as opBrMove.
	opBrOnNull
	opBrOnNonNull
	opBrOnCast
	opBrOnCastFail

	// Recorded and run in one dispatch (observed code only; see
	// record.go), less common than the hot opRec ones.
	opRecI32Sub
	opRecI32LtU
	opRecI32Xor
	opRecF64Add
	opRecF64Mul
	opRecBrUnless
	opRecBr
	opRecI32Load   // a the plain pc, b the offset
	opRecI32Load8U // likewise
	opRecI64Load   // i64.load and f64.load, likewise

	// opCharge (fast code only) charges the run that starts after it, as
	// a branch to it would: fuse puts one where a straight line grows
	// longer than maxRun, so that no run weighs more than a slice holds
	// (see runs.go).
	opCharge

	// opFused is the first of fuse.go's cold opcodes.
	opFused
)

// opNone marks a Wasm instruction with no internal opcode of its own.
const opNone opcode = 1<<16 - 1

// wasmOps maps each one-byte Wasm opcode the compiler emits directly to its
// internal opcode (opNone for the others).
var wasmOps = func() (t [256]opcode) {
	for i := range t {
		t[i] = opNone
	}
	for w, o := range map[syntax.Op]opcode{
		syntax.OpUnreachable: opUnreachable, syntax.OpThrow: opThrow, syntax.OpThrowRef: opThrowRef,
		syntax.OpBr: opBr, syntax.OpBrIf: opBrIf, syntax.OpBrTable: opBrTable, syntax.OpReturn: opReturn,
		syntax.OpCall: opCall, syntax.OpCallIndirect: opCallIndirect, syntax.OpReturnCall: opReturnCall,
		syntax.OpReturnCallIndirect: opReturnCallIndirect, syntax.OpCallRef: opCallRef,
		syntax.OpReturnCallRef: opReturnCallRef, syntax.OpDrop: opDrop, syntax.OpSelect: opSelect,
		syntax.OpLocalGet: opLocalGet, syntax.OpLocalSet: opLocalSet, syntax.OpLocalTee: opLocalTee,
		syntax.OpGlobalGet: opGlobalGet, syntax.OpGlobalSet: opGlobalSet, syntax.OpI32Load: opI32Load,
		syntax.OpI64Load: opI64Load, syntax.OpF32Load: opF32Load, syntax.OpF64Load: opF64Load,
		syntax.OpI32Load8S: opI32Load8S, syntax.OpI32Load8U: opI32Load8U,
		syntax.OpI32Load16S: opI32Load16S, syntax.OpI32Load16U: opI32Load16U,
		syntax.OpI64Load8S: opI64Load8S, syntax.OpI64Load8U: opI64Load8U,
		syntax.OpI64Load16S: opI64Load16S, syntax.OpI64Load16U: opI64Load16U,
		syntax.OpI64Load32S: opI64Load32S, syntax.OpI64Load32U: opI64Load32U,
		syntax.OpMemorySize: opMemorySize, syntax.OpMemoryGrow: opMemoryGrow, syntax.OpI32Eqz: opI32Eqz,
		syntax.OpI32Eq: opI32Eq, syntax.OpI32Ne: opI32Ne, syntax.OpI32LtS: opI32LtS,
		syntax.OpI32LtU: opI32LtU, syntax.OpI32GtS: opI32GtS, syntax.OpI32GtU: opI32GtU,
		syntax.OpI32LeS: opI32LeS, syntax.OpI32LeU: opI32LeU, syntax.OpI32GeS: opI32GeS,
		syntax.OpI32GeU: opI32GeU, syntax.OpI64Eqz: opI64Eqz, syntax.OpI64Eq: opI64Eq,
		syntax.OpI64Ne: opI64Ne, syntax.OpI64LtS: opI64LtS, syntax.OpI64LtU: opI64LtU,
		syntax.OpI64GtS: opI64GtS, syntax.OpI64GtU: opI64GtU, syntax.OpI64LeS: opI64LeS,
		syntax.OpI64LeU: opI64LeU, syntax.OpI64GeS: opI64GeS, syntax.OpI64GeU: opI64GeU,
		syntax.OpF32Eq: opF32Eq, syntax.OpF32Ne: opF32Ne, syntax.OpF32Lt: opF32Lt, syntax.OpF32Gt: opF32Gt,
		syntax.OpF32Le: opF32Le, syntax.OpF32Ge: opF32Ge, syntax.OpF64Eq: opF64Eq, syntax.OpF64Ne: opF64Ne,
		syntax.OpF64Lt: opF64Lt, syntax.OpF64Gt: opF64Gt, syntax.OpF64Le: opF64Le, syntax.OpF64Ge: opF64Ge,
		syntax.OpI32Clz: opI32Clz, syntax.OpI32Ctz: opI32Ctz, syntax.OpI32Popcnt: opI32Popcnt,
		syntax.OpI32Add: opI32Add, syntax.OpI32Sub: opI32Sub, syntax.OpI32Mul: opI32Mul,
		syntax.OpI32DivS: opI32DivS, syntax.OpI32DivU: opI32DivU, syntax.OpI32RemS: opI32RemS,
		syntax.OpI32RemU: opI32RemU, syntax.OpI32And: opI32And, syntax.OpI32Or: opI32Or,
		syntax.OpI32Xor: opI32Xor, syntax.OpI32Shl: opI32Shl, syntax.OpI32ShrS: opI32ShrS,
		syntax.OpI32ShrU: opI32ShrU, syntax.OpI32Rotl: opI32Rotl, syntax.OpI32Rotr: opI32Rotr,
		syntax.OpI64Clz: opI64Clz, syntax.OpI64Ctz: opI64Ctz, syntax.OpI64Popcnt: opI64Popcnt,
		syntax.OpI64Add: opI64Add, syntax.OpI64Sub: opI64Sub, syntax.OpI64Mul: opI64Mul,
		syntax.OpI64DivS: opI64DivS, syntax.OpI64DivU: opI64DivU, syntax.OpI64RemS: opI64RemS,
		syntax.OpI64RemU: opI64RemU, syntax.OpI64And: opI64And, syntax.OpI64Or: opI64Or,
		syntax.OpI64Xor: opI64Xor, syntax.OpI64Shl: opI64Shl, syntax.OpI64ShrS: opI64ShrS,
		syntax.OpI64ShrU: opI64ShrU, syntax.OpI64Rotl: opI64Rotl, syntax.OpI64Rotr: opI64Rotr,
		syntax.OpF32Abs: opF32Abs, syntax.OpF32Neg: opF32Neg, syntax.OpF32Ceil: opF32Ceil,
		syntax.OpF32Floor: opF32Floor, syntax.OpF32Trunc: opF32Trunc, syntax.OpF32Nearest: opF32Nearest,
		syntax.OpF32Sqrt: opF32Sqrt, syntax.OpF32Add: opF32Add, syntax.OpF32Sub: opF32Sub,
		syntax.OpF32Mul: opF32Mul, syntax.OpF32Div: opF32Div, syntax.OpF32Min: opF32Min,
		syntax.OpF32Max: opF32Max, syntax.OpF32Copysign: opF32Copysign, syntax.OpF64Abs: opF64Abs,
		syntax.OpF64Neg: opF64Neg, syntax.OpF64Ceil: opF64Ceil, syntax.OpF64Floor: opF64Floor,
		syntax.OpF64Trunc: opF64Trunc, syntax.OpF64Nearest: opF64Nearest, syntax.OpF64Sqrt: opF64Sqrt,
		syntax.OpF64Add: opF64Add, syntax.OpF64Sub: opF64Sub, syntax.OpF64Mul: opF64Mul,
		syntax.OpF64Div: opF64Div, syntax.OpF64Min: opF64Min, syntax.OpF64Max: opF64Max,
		syntax.OpF64Copysign: opF64Copysign, syntax.OpI32WrapI64: opI32WrapI64,
		syntax.OpI32TruncF32S: opI32TruncF32S, syntax.OpI32TruncF32U: opI32TruncF32U,
		syntax.OpI32TruncF64S: opI32TruncF64S, syntax.OpI32TruncF64U: opI32TruncF64U,
		syntax.OpI64ExtendI32S: opI64ExtendI32S, syntax.OpI64ExtendI32U: opI64ExtendI32U,
		syntax.OpI64TruncF32S: opI64TruncF32S, syntax.OpI64TruncF32U: opI64TruncF32U,
		syntax.OpI64TruncF64S: opI64TruncF64S, syntax.OpI64TruncF64U: opI64TruncF64U,
		syntax.OpF32ConvertI32S: opF32ConvertI32S, syntax.OpF32ConvertI32U: opF32ConvertI32U,
		syntax.OpF32ConvertI64S: opF32ConvertI64S, syntax.OpF32ConvertI64U: opF32ConvertI64U,
		syntax.OpF32DemoteF64: opF32DemoteF64, syntax.OpF64ConvertI32S: opF64ConvertI32S,
		syntax.OpF64ConvertI32U: opF64ConvertI32U, syntax.OpF64ConvertI64S: opF64ConvertI64S,
		syntax.OpF64ConvertI64U: opF64ConvertI64U, syntax.OpF64PromoteF32: opF64PromoteF32,
		syntax.OpI32ReinterpretF32: opI32ReinterpretF32, syntax.OpI64ReinterpretF64: opI64ReinterpretF64,
		syntax.OpF32ReinterpretI32: opF32ReinterpretI32, syntax.OpF64ReinterpretI64: opF64ReinterpretI64,
		syntax.OpI32Extend8S: opI32Extend8S, syntax.OpI32Extend16S: opI32Extend16S,
		syntax.OpI64Extend8S: opI64Extend8S, syntax.OpI64Extend16S: opI64Extend16S,
		syntax.OpI64Extend32S: opI64Extend32S, syntax.OpRefFunc: opRefFunc, syntax.OpI32Const: opConst,
		syntax.OpI64Const: opConst, syntax.OpF32Const: opConst, syntax.OpF64Const: opConst,
		syntax.OpI32Store: opStore32, syntax.OpF32Store: opStore32, syntax.OpI64Store32: opStore32,
		syntax.OpI64Store: opStore64, syntax.OpF64Store: opStore64, syntax.OpI32Store8: opStore8,
		syntax.OpI64Store8: opStore8, syntax.OpI32Store16: opStore16, syntax.OpI64Store16: opStore16,
	} {
		t[w] = o
	}
	return t
}()

// internalOp returns Wasm opcode w's internal opcode, or opNone.
func internalOp(w syntax.Op) opcode {
	if w < 256 {
		return wasmOps[w]
	}
	return opNone
}
