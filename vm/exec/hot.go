package exec

import "github.com/wasmscope/wasmscope/vm/syntax"

// Hot internal opcodes: the instructions executed most often over the
// bench workloads (counted per dispatch of the fast variant) get numbers of
// their own from hotBase up, so the loop finds them with one compare and a
// short switch before the switch of all the others. On GOARCH=wasm, where
// a switch is a binary search and every taken branch is an indirect jump,
// that shortens the common dispatch from about nine search levels to six.
// Both variants of a function are renumbered once they are built (hotten);
// before that, code uses the ops' ordinary numbers.
const hotBase = 0x200

const (
	hLocalGet uint16 = hotBase + iota
	hLocalSet
	hLocalTee
	hConst
	hBr
	hBrIf
	hReturn
	hI32Add
	hI32Xor
	hI64And
	hI32WrapI64
	hF64Add
	hF64Mul
	hI32Load
	hI32Load8U
	hF64Load
	hStore32
	hStore8
	hStore64
	hI32AddLC
	hI32AddC
	hLocalGetLL
	hLocalSetGet
	hI32LoadL
	hI32ShlC
	hI32ShrUC
	hI32AndC
	hI32AddLL
	hF64MulL
	hBrIfLtUC
	hBrUnlessLtUC
	hBrIfNz64
	hI64LoadL
	hLocalSetBr
	hI32AddCTee
	hI32AddCLoad
	hI32AddLCTee
	hI32AddLLTee
	// hRec records the instruction after it (observed code only; see
	// record.go); the hRec... ones record and run their instruction.
	hRec
	hRecLocalGet
	hRecLocalSet
	hRecConst
	hRecI32Add
	hRecBrIf
	hRecStore
)

// hotOf maps an internal opcode to its hot number, or 0 when it has none.
var hotOf = func() (t [hotBase]uint16) {
	for op, h := range map[syntax.Op]uint16{
		syntax.OpLocalGet: hLocalGet, syntax.OpLocalSet: hLocalSet, syntax.OpLocalTee: hLocalTee,
		syntax.OpI64Const: hConst, syntax.OpBr: hBr, syntax.OpBrIf: hBrIf, syntax.OpReturn: hReturn,
		syntax.OpI32Add: hI32Add, syntax.OpI32Xor: hI32Xor, syntax.OpI64And: hI64And,
		syntax.OpI32WrapI64: hI32WrapI64, syntax.OpF64Add: hF64Add, syntax.OpF64Mul: hF64Mul,
		syntax.OpI32Load: hI32Load, syntax.OpI32Load8U: hI32Load8U, syntax.OpF64Load: hF64Load,
		syntax.OpI32Store: hStore32, syntax.OpF32Store: hStore32, syntax.OpI64Store32: hStore32,
		syntax.OpI32Store8: hStore8, syntax.OpI64Store8: hStore8,
		syntax.OpI64Store: hStore64, syntax.OpF64Store: hStore64,
		opI32AddLC: hI32AddLC, opI32AddC: hI32AddC, opLocalGetLL: hLocalGetLL, opLocalSetGet: hLocalSetGet,
		opI32LoadL: hI32LoadL, opI32ShlC: hI32ShlC, opI32ShrUC: hI32ShrUC, opI32AndC: hI32AndC,
		opI32AddLL: hI32AddLL, opF64MulL: hF64MulL, opBrIfLtUC: hBrIfLtUC, opBrUnlessLtUC: hBrUnlessLtUC,
		opBrIfNz64: hBrIfNz64, opI64LoadL: hI64LoadL, opLocalSetBr: hLocalSetBr,
		opI32AddCTee: hI32AddCTee, opI32AddCLoad: hI32AddCLoad, opI32AddLCTee: hI32AddLCTee, opI32AddLLTee: hI32AddLLTee,
	} {
		t[op] = h
	}
	return t
}()

// hotten renumbers c's hot instructions.
func hotten(c *Code) {
	for i := range c.insts {
		if op := c.insts[i].op; op < hotBase && hotOf[op] != 0 {
			c.insts[i].op = hotOf[op]
		}
	}
}
