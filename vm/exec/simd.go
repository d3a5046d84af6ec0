package exec

import (
	"github.com/wasmscope/wasmscope/vm/internal/numeric"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// SIMD ops without immediates run through the functions of vm/numeric's
// tables; the compiler stores the op's index in simdFns so the interpreter
// calls the function without a map lookup.
const (
	simdUnary = iota
	simdBinary
	simdTernary
	simdShift
	simdTest
	simdSplat
)

type simdFn struct {
	kind  uint8
	un    func(numeric.V128) numeric.V128
	bin   func(a, b numeric.V128) numeric.V128
	tern  func(a, b, c numeric.V128) numeric.V128
	shift func(numeric.V128, uint32) numeric.V128
	test  func(numeric.V128) uint32
	splat func(uint64) numeric.V128
}

var simdFns, simdIdx = func() ([]simdFn, map[syntax.Op]uint32) {
	var fns []simdFn
	idx := map[syntax.Op]uint32{}
	add := func(op syntax.Op, f simdFn) {
		idx[op] = uint32(len(fns))
		fns = append(fns, f)
	}
	for op, f := range numeric.V128Unary {
		add(op, simdFn{kind: simdUnary, un: f})
	}
	for op, f := range numeric.V128Binary {
		add(op, simdFn{kind: simdBinary, bin: f})
	}
	for op, f := range numeric.V128Ternary {
		add(op, simdFn{kind: simdTernary, tern: f})
	}
	for op, f := range numeric.V128Shift {
		add(op, simdFn{kind: simdShift, shift: f})
	}
	for op, f := range numeric.V128Test {
		add(op, simdFn{kind: simdTest, test: f})
	}
	for op, f := range numeric.V128Splat {
		add(op, simdFn{kind: simdSplat, splat: f})
	}
	return fns, idx
}()

func simdIndex(op syntax.Op) (uint32, bool) {
	i, ok := simdIdx[op]
	return i, ok
}

// simdExec runs SIMD function k on the stack and returns the new sp.
func simdExec(k uint32, st []uint64, sp int) int {
	f := &simdFns[k]
	switch f.kind {
	case simdUnary:
		r := f.un(numeric.V128{Lo: st[sp-2], Hi: st[sp-1]})
		st[sp-2], st[sp-1] = r.Lo, r.Hi
	case simdBinary:
		r := f.bin(numeric.V128{Lo: st[sp-4], Hi: st[sp-3]}, numeric.V128{Lo: st[sp-2], Hi: st[sp-1]})
		sp -= 2
		st[sp-2], st[sp-1] = r.Lo, r.Hi
	case simdTernary:
		r := f.tern(numeric.V128{Lo: st[sp-6], Hi: st[sp-5]}, numeric.V128{Lo: st[sp-4], Hi: st[sp-3]}, numeric.V128{Lo: st[sp-2], Hi: st[sp-1]})
		sp -= 4
		st[sp-2], st[sp-1] = r.Lo, r.Hi
	case simdShift:
		r := f.shift(numeric.V128{Lo: st[sp-3], Hi: st[sp-2]}, uint32(st[sp-1]))
		sp--
		st[sp-2], st[sp-1] = r.Lo, r.Hi
	case simdTest:
		r := f.test(numeric.V128{Lo: st[sp-2], Hi: st[sp-1]})
		sp--
		st[sp-1] = uint64(r)
	case simdSplat:
		r := f.splat(st[sp-1])
		st[sp-1], st[sp] = r.Lo, r.Hi
		sp++
	}
	return sp
}
