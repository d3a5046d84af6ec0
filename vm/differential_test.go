package vm_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// The differential test: random valid modules (arithmetic, locals, globals,
// memory, blocks, ifs, bounded loops, branches, calls) run on the engine's
// paths (the fused code, the plain code, the observed code recording into
// a log, and the fused code in small fuel slices) must agree on the
// results or the trap, the final memory and the globals.

// gen builds one random module from a seed.
type gen struct {
	r     *rand.Rand
	m     *syntax.Module
	funcs []syntax.FuncType // of the functions defined so far
	// per function being built
	locals []syntax.ValType // params and locals
	// counters are the locals that count loop rounds: nothing else
	// writes them, so every loop ends.
	counters map[uint32]bool
	code     []syntax.Instr
	depth    int // expression nesting
	loops    int // loop nesting
	labels   int // blocks open (br targets)
}

var (
	dI32 = syntax.I32
	dI64 = syntax.I64
	dF64 = syntax.F64
)

func (g *gen) emit(in ...syntax.Instr) { g.code = append(g.code, in...) }
func op(o syntax.Op) syntax.Instr      { return syntax.Instr{Op: o} }
func opX(o syntax.Op, x uint32) syntax.Instr {
	return syntax.Instr{Op: o, X: x}
}
func blockOf(o syntax.Op, t *syntax.ValType) syntax.Instr {
	in := syntax.Instr{Op: o}
	if t != nil {
		in.Block = syntax.BlockType{Kind: syntax.BlockValue, Type: *t}
	}
	return in
}

// constant emits a constant of type t, often a small or edge value.
func (g *gen) constant(t syntax.ValType) {
	edges := []uint64{0, 1, 2, 3, 7, 0xff, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 63, ^uint64(0)}
	v := g.r.Uint64()
	if g.r.IntN(2) == 0 {
		v = edges[g.r.IntN(len(edges))]
	}
	switch t {
	case dI32:
		g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: uint64(uint32(v))})
	case dF64:
		fs := []float64{0, 1, -1.5, 0.25, 1e300, math.Inf(1), math.NaN(), math.Copysign(0, -1)}
		g.emit(syntax.Instr{Op: syntax.OpF64Const, Const: math.Float64bits(fs[g.r.IntN(len(fs))])})
	default:
		g.emit(syntax.Instr{Op: syntax.OpI64Const, Const: v})
	}
}

func (g *gen) localOf(t syntax.ValType) (uint32, bool) {
	var xs []uint32
	for i, l := range g.locals {
		if l == t && !g.counters[uint32(i)] {
			xs = append(xs, uint32(i))
		}
	}
	if len(xs) == 0 {
		return 0, false
	}
	return xs[g.r.IntN(len(xs))], true
}

// address emits an address: mostly inside the first page, sometimes
// anywhere (an out-of-bounds access traps the same way on every path);
// sometimes a local plus a small constant, or a local (the shapes the
// engine fuses with the access).
func (g *gen) address() {
	if x, ok := g.localOf(dI32); ok && g.r.IntN(4) == 0 {
		g.emit(opX(syntax.OpLocalGet, x))
		if g.r.IntN(2) == 0 {
			g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: uint64([]int32{0, 4, 8, 100, -4}[g.r.IntN(5)])}, op(syntax.OpI32Add))
		}
		return
	}
	if g.r.IntN(6) == 0 {
		// An element of an array of i32s.
		g.expr(dI32)
		g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: 0xfff}, op(syntax.OpI32And), syntax.Instr{Op: syntax.OpI32Const, Const: 2}, op(syntax.OpI32Shl),
			syntax.Instr{Op: syntax.OpI32Const, Const: 64}, op(syntax.OpI32Add))
		return
	}
	g.expr(dI32)
	if g.r.IntN(24) != 0 {
		g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: 0x7ff8}, op(syntax.OpI32And))
	}
}

var (
	binI32 = []syntax.Op{syntax.OpI32Add, syntax.OpI32Sub, syntax.OpI32Mul, syntax.OpI32And, syntax.OpI32Or, syntax.OpI32Xor,
		syntax.OpI32Shl, syntax.OpI32ShrS, syntax.OpI32ShrU, syntax.OpI32Rotl, syntax.OpI32DivU, syntax.OpI32RemS,
		syntax.OpI32Eq, syntax.OpI32Ne, syntax.OpI32LtS, syntax.OpI32LtU, syntax.OpI32GeU, syntax.OpI32GtS}
	binI64 = []syntax.Op{syntax.OpI64Add, syntax.OpI64Sub, syntax.OpI64Mul, syntax.OpI64And, syntax.OpI64Or, syntax.OpI64Xor,
		syntax.OpI64Shl, syntax.OpI64ShrU, syntax.OpI64ShrS, syntax.OpI64Rotr, syntax.OpI64DivS, syntax.OpI64RemU}
	cmpI64  = []syntax.Op{syntax.OpI64Eq, syntax.OpI64Ne, syntax.OpI64LtU, syntax.OpI64GtS, syntax.OpI64LeS}
	binF64  = []syntax.Op{syntax.OpF64Add, syntax.OpF64Sub, syntax.OpF64Mul, syntax.OpF64Div, syntax.OpF64Min}
	cmpF64  = []syntax.Op{syntax.OpF64Eq, syntax.OpF64Lt, syntax.OpF64Le, syntax.OpF64Gt}
	loadI32 = []syntax.Op{syntax.OpI32Load, syntax.OpI32Load8U, syntax.OpI32Load8S, syntax.OpI32Load16U}
	loadI64 = []syntax.Op{syntax.OpI64Load, syntax.OpI64Load32U, syntax.OpI64Load8S}
)

// operands emits two values of type t, often a local and a constant or
// two locals: the shapes the engine fuses with the operation after them.
func (g *gen) operands(t syntax.ValType) {
	x, ok := g.localOf(t)
	switch k := g.r.IntN(4); {
	case ok && k == 0:
		g.emit(opX(syntax.OpLocalGet, x))
		g.constant(t)
	case ok && k == 1:
		y, _ := g.localOf(t)
		g.emit(opX(syntax.OpLocalGet, x), opX(syntax.OpLocalGet, y))
	default:
		g.expr(t)
		g.expr(t)
	}
}

// expr emits instructions leaving one value of type t.
func (g *gen) expr(t syntax.ValType) {
	if t == dF64 {
		g.exprF64()
		return
	}
	g.depth++
	defer func() { g.depth-- }()
	k := g.r.IntN(14)
	if g.depth > 4 {
		k = g.r.IntN(3)
	}
	switch k {
	case 0:
		g.constant(t)
	case 1:
		if x, ok := g.localOf(t); ok {
			g.emit(opX(syntax.OpLocalGet, x))
			return
		}
		g.constant(t)
	case 2:
		g.emit(opX(syntax.OpGlobalGet, map[syntax.ValType]uint32{dI32: 0, dI64: 1}[t]))
	case 3, 4:
		if t == dI32 {
			switch g.r.IntN(6) {
			case 0:
				g.operands(dI64)
				g.emit(op(cmpI64[g.r.IntN(len(cmpI64))]))
				return
			case 1:
				g.operands(dF64)
				g.emit(op(cmpF64[g.r.IntN(len(cmpF64))]))
				return
			}
			g.operands(dI32)
			g.emit(op(binI32[g.r.IntN(len(binI32))]))
			return
		}
		g.operands(dI64)
		g.emit(op(binI64[g.r.IntN(len(binI64))]))
	case 5:
		g.address()
		ops := loadI32
		if t == dI64 {
			ops = loadI64
		}
		g.emit(syntax.Instr{Op: ops[g.r.IntN(len(ops))], MemOffset: uint64(g.r.IntN(3) * 4)})
	case 6:
		// A call of an earlier function.
		var fs []uint32
		for i, ft := range g.funcs {
			if ft.Results[0] == t {
				fs = append(fs, uint32(i))
			}
		}
		if len(fs) == 0 {
			g.constant(t)
			return
		}
		f := fs[g.r.IntN(len(fs))]
		for _, p := range g.funcs[f].Params {
			g.expr(p)
		}
		g.emit(opX(syntax.OpCall, f))
	case 7:
		g.expr(dI32)
		g.emit(blockOf(syntax.OpIf, &t))
		g.labels++
		g.expr(t)
		g.emit(op(syntax.OpElse))
		g.expr(t)
		g.labels--
		g.emit(op(syntax.OpEnd))
	case 8:
		// block (result t) v (br_if 0 v cond) drop v' end
		g.emit(blockOf(syntax.OpBlock, &t))
		g.labels++
		g.expr(t)
		g.expr(dI32)
		g.emit(opX(syntax.OpBrIf, 0), op(syntax.OpDrop))
		g.stmts(1)
		g.expr(t)
		g.labels--
		g.emit(op(syntax.OpEnd))
	case 9:
		g.expr(t)
		g.expr(t)
		g.expr(dI32)
		g.emit(op(syntax.OpSelect))
	case 10:
		if x, ok := g.localOf(t); ok {
			g.expr(t)
			g.emit(opX(syntax.OpLocalTee, x))
			return
		}
		g.constant(t)
	case 11:
		if t == dI32 {
			g.expr(dI64)
			g.emit(op(syntax.OpI32WrapI64))
			return
		}
		g.expr(dI32)
		g.emit(op([]syntax.Op{syntax.OpI64ExtendI32U, syntax.OpI64ExtendI32S}[g.r.IntN(2)]))
	case 12:
		if t == dI32 {
			g.emit(op(syntax.OpMemorySize))
			return
		}
		g.constant(t)
	default:
		g.expr(dI32)
		g.emit(op([]syntax.Op{syntax.OpI32Eqz, syntax.OpI32Clz, syntax.OpI32Popcnt}[g.r.IntN(3)]))
		if t == dI64 {
			g.emit(op(syntax.OpI64ExtendI32U))
		}
	}
}

// exprF64 emits instructions leaving one f64.
func (g *gen) exprF64() {
	g.depth++
	defer func() { g.depth-- }()
	k := g.r.IntN(7)
	if g.depth > 4 {
		k = g.r.IntN(2)
	}
	switch k {
	case 0:
		g.constant(dF64)
	case 1, 2:
		if x, ok := g.localOf(dF64); ok {
			g.emit(opX(syntax.OpLocalGet, x))
			return
		}
		g.constant(dF64)
	case 3, 4:
		g.operands(dF64)
		g.emit(op(binF64[g.r.IntN(len(binF64))]))
	case 5:
		g.address()
		g.emit(syntax.Instr{Op: syntax.OpF64Load, MemOffset: uint64(g.r.IntN(3) * 8)})
	default:
		if x, ok := g.localOf(dF64); ok {
			g.exprF64()
			g.emit(opX(syntax.OpLocalTee, x))
			return
		}
		g.expr(dI32)
		g.emit(op(syntax.OpF64ConvertI32S))
	}
}

// threeAddress emits an operation on a local and a constant or two locals
// whose result goes to a local, the shapes the engine fuses into one
// instruction.
func (g *gen) threeAddress() {
	t := []syntax.ValType{dI32, dI64, dF64}[g.r.IntN(3)]
	x, ok := g.localOf(t)
	d, _ := g.localOf(t)
	if !ok {
		return
	}
	g.emit(opX(syntax.OpLocalGet, x))
	if y, _ := g.localOf(t); g.r.IntN(2) == 0 {
		g.emit(opX(syntax.OpLocalGet, y))
	} else {
		g.constant(t)
	}
	switch t {
	case dI32:
		g.emit(op(binI32[g.r.IntN(len(binI32))]))
	case dI64:
		g.emit(op(binI64[g.r.IntN(len(binI64))]))
	default:
		g.emit(op(binF64[g.r.IntN(len(binF64))]))
		if g.r.IntN(2) == 0 {
			g.code[len(g.code)-1] = op(syntax.OpF64Mul)
		}
	}
	if g.r.IntN(2) == 0 {
		g.emit(opX(syntax.OpLocalSet, d))
	} else {
		g.emit(opX(syntax.OpLocalTee, d), op(syntax.OpDrop))
	}
}

// shape emits one of the statements the engine fuses into fewer
// instructions that random expressions seldom form.
func (g *gen) shape() {
	x, ok := g.localOf(dI32)
	if !ok {
		return
	}
	y, _ := g.localOf(dI32)
	c := syntax.Instr{Op: syntax.OpI32Const, Const: uint64([]int32{0, 8, 64, -8}[g.r.IntN(4)])}
	off := uint64(g.r.IntN(3) * 4)
	switch g.r.IntN(6) {
	case 0:
		g.address()
		g.emit(opX(syntax.OpLocalGet, x), c, op(syntax.OpI32Add),
			syntax.Instr{Op: []syntax.Op{syntax.OpI32Store8, syntax.OpI32Store}[g.r.IntN(2)], MemOffset: off})
	case 1:
		g.exprF64()
		g.emit(opX(syntax.OpLocalGet, x), syntax.Instr{Op: syntax.OpF64Load, MemOffset: off}, op(syntax.OpF64Add), op(syntax.OpDrop))
	case 2:
		g.expr(dI32)
		g.emit(opX(syntax.OpLocalGet, x), op(syntax.OpI32Xor), opX(syntax.OpLocalTee, y), op(syntax.OpDrop))
	case 3:
		g.expr(dI64)
		g.constant(dI64)
		g.emit(op([]syntax.Op{syntax.OpI64ShrU, syntax.OpI64ShrS, syntax.OpI64Shl, syntax.OpI64And}[g.r.IntN(4)]), op(syntax.OpDrop))
	case 4:
		t := []syntax.ValType{dI32, dI64}[g.r.IntN(2)]
		if a, ok := g.localOf(t); ok {
			d, _ := g.localOf(t)
			g.emit(opX(syntax.OpLocalGet, a))
			g.constant(t)
			add := map[syntax.ValType][]syntax.Op{dI32: {syntax.OpI32Add, syntax.OpI32Sub}, dI64: {syntax.OpI64Add, syntax.OpI64Sub}}[t]
			g.emit(op(add[g.r.IntN(2)]), opX(syntax.OpLocalSet, d))
		}
	default:
		store := syntax.Instr{Op: []syntax.Op{syntax.OpI32Store8, syntax.OpI32Store, syntax.OpI32Store16}[g.r.IntN(3)], MemOffset: off}
		switch g.r.IntN(4) {
		case 3:
			// A constant byte at the sum of two locals.
			store.Op = syntax.OpI32Store8
			g.emit(opX(syntax.OpLocalGet, x), opX(syntax.OpLocalGet, y), op(syntax.OpI32Add), c, store)
		case 0:
			g.emit(opX(syntax.OpLocalGet, x), opX(syntax.OpLocalGet, y), store)
		case 1:
			g.address()
			g.emit(opX(syntax.OpLocalGet, y), store)
		default:
			g.address()
			g.emit(c, store)
		}
	}
}

// stmts emits n instructions sequences that leave the stack as it was.
func (g *gen) stmts(n int) {
	for ; n > 0; n-- {
		switch g.r.IntN(12) {
		case 0, 1:
			t := []syntax.ValType{dI32, dI64, dF64}[g.r.IntN(3)]
			if x, ok := g.localOf(t); ok {
				g.expr(t)
				g.emit(opX(syntax.OpLocalSet, x))
			}
		case 2:
			t := []syntax.ValType{dI32, dI64}[g.r.IntN(2)]
			g.expr(t)
			g.emit(opX(syntax.OpGlobalSet, map[syntax.ValType]uint32{dI32: 0, dI64: 1}[t]))
		case 3, 4:
			g.address()
			switch g.r.IntN(3) {
			case 0:
				g.expr(dI32)
				g.emit(syntax.Instr{Op: []syntax.Op{syntax.OpI32Store, syntax.OpI32Store8, syntax.OpI32Store16}[g.r.IntN(3)], MemOffset: uint64(g.r.IntN(3) * 4)})
			case 1:
				g.exprF64()
				g.emit(syntax.Instr{Op: syntax.OpF64Store, MemOffset: uint64(g.r.IntN(3) * 8)})
			default:
				g.expr(dI64)
				g.emit(syntax.Instr{Op: []syntax.Op{syntax.OpI64Store, syntax.OpI64Store32}[g.r.IntN(2)], MemOffset: uint64(g.r.IntN(3) * 4)})
			}
		case 5:
			// memory.fill or memory.copy of a few bytes.
			g.address()
			if g.r.IntN(2) == 0 {
				g.expr(dI32)
				g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: uint64(g.r.IntN(40))}, op(syntax.OpMemoryFill))
			} else {
				g.address()
				g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: uint64(g.r.IntN(40))}, op(syntax.OpMemoryCopy))
			}
		case 6:
			// A loop of at most 4 rounds, counted in a local of its own.
			if g.loops >= 2 || g.depth > 3 {
				continue
			}
			c := uint32(len(g.locals))
			g.locals = append(g.locals, dI32)
			g.counters[c] = true
			g.emit(syntax.Instr{Op: syntax.OpI32Const, Const: uint64(1 + g.r.IntN(4))}, opX(syntax.OpLocalSet, c))
			if g.r.IntN(2) == 0 {
				// A while loop: the test at the head, a br back at the
				// end (which the engine replaces by a copy of the head).
				g.emit(blockOf(syntax.OpBlock, nil), blockOf(syntax.OpLoop, nil),
					opX(syntax.OpLocalGet, c), op(syntax.OpI32Eqz), opX(syntax.OpBrIf, 1))
				g.loops++
				g.labels += 2
				g.stmts(1)
				g.labels -= 2
				g.loops--
				g.emit(opX(syntax.OpLocalGet, c), syntax.Instr{Op: syntax.OpI32Const, Const: 1}, op(syntax.OpI32Sub),
					opX(syntax.OpLocalSet, c), opX(syntax.OpBr, 0), op(syntax.OpEnd), op(syntax.OpEnd))
				continue
			}
			g.emit(blockOf(syntax.OpLoop, nil))
			g.loops++
			g.labels++
			g.stmts(1 + g.r.IntN(3))
			g.labels--
			g.loops--
			g.emit(opX(syntax.OpLocalGet, c), syntax.Instr{Op: syntax.OpI32Const, Const: 1}, op(syntax.OpI32Sub),
				opX(syntax.OpLocalTee, c), opX(syntax.OpBrIf, 0), op(syntax.OpEnd))
		case 7:
			// A block left early by br_if.
			if g.depth > 3 {
				continue
			}
			g.emit(blockOf(syntax.OpBlock, nil))
			g.labels++
			g.stmts(1)
			g.expr(dI32)
			g.emit(opX(syntax.OpBrIf, 0))
			g.stmts(1)
			g.labels--
			g.emit(op(syntax.OpEnd))
		case 8:
			g.threeAddress()
		case 10:
			g.shape()
		case 9:
			// A block left early by a comparison of a local with a
			// constant, or kept on with if.
			x, ok := g.localOf(dI32)
			if !ok || g.depth > 3 {
				continue
			}
			c := syntax.Instr{Op: syntax.OpI32Const, Const: uint64(uint32([]int32{0, 1, 7, -1, 1 << 30}[g.r.IntN(5)]))}
			cmp := op(syntax.OpI32Eq + syntax.Op(g.r.IntN(10)))
			if y, ok := g.localOf(dI64); ok && g.r.IntN(3) == 0 {
				x, c = y, syntax.Instr{Op: syntax.OpI64Const, Const: []uint64{0, 1, 7, ^uint64(0)}[g.r.IntN(4)]}
				cmp = op([]syntax.Op{syntax.OpI64Eq, syntax.OpI64Ne}[g.r.IntN(2)])
			}
			cond := []syntax.Instr{opX(syntax.OpLocalGet, x), c, cmp}
			switch g.r.IntN(4) {
			case 0:
				// Bits of a local tested.
				xi, _ := g.localOf(dI32)
				cond = []syntax.Instr{opX(syntax.OpLocalGet, xi), {Op: syntax.OpI32Const, Const: uint64([]uint32{1, 0xff, 0x80000000}[g.r.IntN(3)])},
					op(syntax.OpI32And)}
				if y, ok := g.localOf(dI64); ok && g.r.IntN(2) == 0 {
					cond = []syntax.Instr{opX(syntax.OpLocalGet, y), {Op: syntax.OpI64Const, Const: uint64(1 + g.r.IntN(300))},
						op(syntax.OpI64And), op(syntax.OpI64Eqz)}
				} else if g.r.IntN(2) == 0 {
					cond = append(cond, op(syntax.OpI32Eqz))
				}
			case 1:
				// An f64 compared with a constant.
				code := g.code
				g.code = nil
				g.exprF64()
				g.constant(dF64)
				cond = append(g.code, op([]syntax.Op{syntax.OpF64Lt, syntax.OpF64Gt, syntax.OpF64Le, syntax.OpF64Ge}[g.r.IntN(4)]))
				g.code = code
			}
			if g.r.IntN(2) == 0 {
				g.emit(cond...)
				g.emit(blockOf(syntax.OpIf, nil))
			} else {
				g.emit(blockOf(syntax.OpBlock, nil))
				g.emit(cond...)
				g.emit(opX(syntax.OpBrIf, 0))
			}
			g.labels++
			g.stmts(1)
			g.labels--
			g.emit(op(syntax.OpEnd))
		default:
			t := []syntax.ValType{dI32, dI64}[g.r.IntN(2)]
			g.expr(t)
			g.emit(op(syntax.OpDrop))
		}
	}
}

// genModule returns a random valid module whose last function, exported
// as "main", takes (i32, i64) and returns i32; it exports its memory and
// globals.
func genModule(seed uint64) *syntax.Module {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), m: &syntax.Module{}}
	m := g.m
	m.Mems = []syntax.MemType{{Limits: syntax.Limits{Min: 1, Max: 2, HasMax: true}}}
	m.Globals = []syntax.Global{
		{Type: syntax.GlobalType{Type: dI32, Mutable: true}, Init: syntax.Expr{{Op: syntax.OpI32Const, Const: 5}}},
		{Type: syntax.GlobalType{Type: dI64, Mutable: true}, Init: syntax.Expr{{Op: syntax.OpI64Const, Const: 1 << 40}}},
	}
	nf := 1 + g.r.IntN(4)
	for f := 0; f < nf; f++ {
		ft := syntax.FuncType{Params: []syntax.ValType{dI32, dI64}, Results: []syntax.ValType{[]syntax.ValType{dI32, dI64}[g.r.IntN(2)]}}
		if f == nf-1 {
			ft.Results = []syntax.ValType{dI32}
		} else if g.r.IntN(2) == 0 {
			ft.Params = ft.Params[:1]
		}
		m.Types = append(m.Types, syntax.SubType{Final: true, RecSize: 1, Kind: syntax.CompFunc, Func: ft})
		g.locals = append([]syntax.ValType{}, ft.Params...)
		g.locals = append(g.locals, dI32, dI64, dI32, dF64, dF64)
		g.counters = map[uint32]bool{}
		g.code = nil
		g.stmts(2 + g.r.IntN(5))
		if ft.Results[0] == dI32 && g.r.IntN(3) == 0 {
			// i32.add; return fuse.
			g.expr(dI32)
			g.expr(dI32)
			g.emit(op(syntax.OpI32Add))
		} else {
			g.expr(ft.Results[0])
		}
		g.emit(op(syntax.OpEnd))
		var locals []syntax.Local
		for _, l := range g.locals[len(ft.Params):] {
			locals = append(locals, syntax.Local{Count: 1, Type: l})
		}
		m.Funcs = append(m.Funcs, syntax.Func{Type: uint32(f), Locals: locals, Body: g.code})
		g.funcs = append(g.funcs, ft)
	}
	m.Exports = []syntax.Export{
		{Name: "main", Kind: syntax.ExternFunc, Index: uint32(nf - 1)},
		{Name: "mem", Kind: syntax.ExternMemory},
		{Name: "g0", Kind: syntax.ExternGlobal, Index: 0},
		{Name: "g1", Kind: syntax.ExternGlobal, Index: 1},
	}
	return m
}

// outcome is what a run leaves: results or trap, memory and globals, and
// the Wasm instructions it executed (which every path must count alike:
// fuel and time travel go by them).
type outcome struct {
	result   string
	mem      []byte
	g0, g1   uint64
	executed uint64
}

// runPath runs main(7, 1<<33) on one path.
func runPath(t *testing.T, mod *vm.Module, path string, seed uint64) outcome {
	t.Helper()
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := inst.Call("main", vm.I32(7), vm.I64(1<<33))
	if err != nil {
		t.Fatal(err)
	}
	var log *vm.Log
	switch path {
	case "plain":
		// A breakpoint nowhere makes every frame run the plain code.
		ex.SetBreakpoint(1<<30, 0)
	case "observed":
		log = vm.NewLog(1 << 20)
		ex.SetLog(log)
	}
	r := rand.New(rand.NewPCG(seed, 1))
	for {
		fuel := int64(-1)
		if path == "sliced" {
			fuel = 1 + r.Int64N(20)
		}
		st, err := ex.Run(fuel)
		if err != nil {
			o := outcome{result: "trap: " + err.Error(), executed: ex.Executed()}
			return finish(inst, o, log)
		}
		if st == vm.Done {
			break
		}
	}
	return finish(inst, outcome{result: fmt.Sprint(ex.Results()), executed: ex.Executed()}, log)
}

// finish completes o with what inst holds; an observed run that recorded
// nothing says so in its result.
func finish(inst *vm.Instance, o outcome, log *vm.Log) outcome {
	o.mem = append([]byte{}, inst.Memory(0)...)
	g0, _ := inst.Global("g0")
	g1, _ := inst.Global("g1")
	o.g0, o.g1 = g0.Lo, g1.Lo
	if log != nil && log.Total() == 0 {
		o.result += " (nothing recorded)"
	}
	return o
}

func differential(t *testing.T, seed uint64) {
	m := genModule(seed)
	b := binary.Encode(m)
	mod, err := vm.CompileBinary(b)
	if err != nil {
		t.Fatalf("seed %d: the generated module does not compile: %v", seed, err)
	}
	want := runPath(t, mod, "fast", seed)
	for _, path := range []string{"plain", "observed", "sliced"} {
		got := runPath(t, mod, path, seed)
		if got.result != want.result || got.g0 != want.g0 || got.g1 != want.g1 {
			t.Errorf("seed %d, %s path: %s, globals %#x %#x; fast path: %s, globals %#x %#x",
				seed, path, got.result, got.g0, got.g1, want.result, want.g0, want.g1)
		}
		if got.executed != want.executed {
			t.Errorf("seed %d, %s path: %d instructions executed; fast path: %d", seed, path, got.executed, want.executed)
		}
		if !bytes.Equal(got.mem, want.mem) {
			i := 0
			for i < len(got.mem) && i < len(want.mem) && got.mem[i] == want.mem[i] {
				i++
			}
			t.Errorf("seed %d, %s path: memory differs from the fast path's at %#x (%d and %d bytes)", seed, path, i, len(got.mem), len(want.mem))
		}
	}
}

// FuzzDifferential runs generated modules on every path; its seed corpus
// (the seeds below) runs in every go test.
func FuzzDifferential(f *testing.F) {
	for seed := uint64(0); seed < 250; seed++ {
		f.Add(seed)
	}
	f.Fuzz(differential)
}
