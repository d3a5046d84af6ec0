package valid

import (
	"fmt"
	"sort"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ctrl is an entry of the control stack.
type ctrl struct {
	op              syntax.Op // block, loop, if, else, try_table; end for the function
	params, results []syntax.ValType
	height          int  // operand stack height at entry
	unreachable     bool // the rest of the block is dead code
	initHeight      int  // len(inits) at entry
}

func (c *ctrl) labelTypes() []syntax.ValType {
	if c.op == syntax.OpLoop {
		return c.params
	}
	return c.results
}

// maxFlatLocals bounds how many locals a function's flat type list holds.
const maxFlatLocals = 1 << 12

// localRun is a run of locals of one type ending before index end.
type localRun struct {
	end uint64
	t   syntax.ValType
}

// checker type-checks one function body or constant expression with the
// operand and control stacks of the spec's validation algorithm.
type checker struct {
	v *validator
	// where names a constant expression's place; for a function body the
	// place is made from funcIdx only when an error is reported.
	where   place
	isFunc  bool
	funcIdx uint32
	stack   []syntax.ValType
	ctrls   []ctrl
	locals  []localRun
	// flat lists the type of each local when there are few enough to
	// expand; locals beyond it are found by binary search in locals.
	flat    []syntax.ValType
	results []syntax.ValType
	// constant marks a constant expression; globals then limits which
	// globals global.get may read.
	constant bool
	constEnd bool // checking the constant expression's implicit end
	globals  int
	// Locals of non-defaultable types (3.0) must be set before use; inits
	// lists those set so far, undone at the end of each block.
	nonDefaultable bool
	inits          []uint32
	initSet        map[uint32]bool
	in             *syntax.Instr
	// pc is in's index in the body or expression, for Error.Instr.
	pc int
}

// fail aborts checking with an error at the current instruction; run
// recovers it (see RATIONALE in doc.go).
func (c *checker) fail(format string, args ...any) {
	p := c.place()
	e := c.v.errf(p, format, args...)
	if c.in != nil {
		e.Instr, e.Op = c.pc, c.in.Op
		if c.in.Offset != 0 {
			e.Where += fmt.Sprintf(" at offset %#x", c.in.Offset)
		}
	}
	panic(e)
}

func (c *checker) place() place {
	if c.isFunc {
		return at(FieldFunc, int(c.funcIdx))
	}
	return c.where
}

// run checks body, whose first instruction has index base in its
// function or expression.
func (c *checker) run(body []syntax.Instr, base int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(*Error)
			if !ok {
				panic(p)
			}
			err = e
		}
	}()
	for i := range body {
		c.in, c.pc = &body[i], base+i
		if len(c.ctrls) == 0 {
			c.fail("unexpected instruction after the function's end")
		}
		c.instr(&body[i])
	}
	if len(c.ctrls) != 0 && !(c.constant && !c.constEnd) {
		c.in = nil
		if len(body) > 0 {
			c.in, c.pc = &body[len(body)-1], base+len(body)-1
		}
		c.fail("END opcode expected")
	}
	return nil
}

func (v *validator) function(i int) error {
	f := &v.m.Funcs[i]
	idx := uint32(v.numImported(syntax.ExternFunc) + i)
	ft, _ := v.funcType(idx)
	c := &v.fc
	*c = checker{v: v, funcIdx: idx, isFunc: true, results: ft.Results,
		stack: c.stack[:0], ctrls: c.ctrls[:0], locals: c.locals[:0], inits: c.inits[:0], flat: c.flat[:0]}
	var n uint64
	for _, t := range ft.Params {
		n++
		c.locals = append(c.locals, localRun{end: n, t: t})
	}
	for _, l := range f.Locals {
		if err := v.valType(c.place(), l.Type); err != nil {
			return err
		}
		if l.Count == 0 {
			continue
		}
		n += uint64(l.Count)
		c.locals = append(c.locals, localRun{end: n, t: l.Type})
		if !defaultable(l.Type) {
			c.nonDefaultable = true
		}
	}
	for _, r := range c.locals {
		if r.end > maxFlatLocals {
			break
		}
		for uint64(len(c.flat)) < r.end {
			c.flat = append(c.flat, r.t)
		}
	}
	if c.nonDefaultable {
		c.initSet = map[uint32]bool{}
		// Parameters are always set.
		for j := range ft.Params {
			c.initSet[uint32(j)] = true
		}
	}
	c.ctrls = append(c.ctrls, ctrl{op: syntax.OpEnd, results: ft.Results})
	body := f.Body
	if body == nil && v.cfg.Body != nil {
		var err error
		if body, err = v.cfg.Body(i); err != nil {
			return err
		}
	}
	return c.run(body, 0)
}

// constExpr checks a constant expression producing a value of type t.
func (v *validator) constExpr(where place, e syntax.Expr, t syntax.ValType) error {
	c := &v.cc
	*c = checker{v: v, where: where, constant: true, globals: len(v.globals),
		stack: c.stack[:0], ctrls: c.ctrls[:0], results: c.results[:0]}
	if v.cfg.Wasm2 {
		c.globals = v.numImportedGlobals
	}
	c.results = append(c.results, t)
	c.ctrls = append(c.ctrls, ctrl{op: syntax.OpEnd, results: c.results})
	if err := c.run(e, 0); err != nil {
		return err
	}
	// The expression's implicit end.
	v.end[0] = syntax.Instr{Op: syntax.OpEnd}
	if len(e) > 0 {
		v.end[0].Offset = e[len(e)-1].Offset
	}
	c.constEnd = true
	return c.run(v.end[:], len(e))
}

// --- operand stack ---

func (c *checker) push(t syntax.ValType) { c.stack = append(c.stack, t) }

func (c *checker) pushAll(ts []syntax.ValType) { c.stack = append(c.stack, ts...) }

func (c *checker) popAny() syntax.ValType {
	f := &c.ctrls[len(c.ctrls)-1]
	if len(c.stack) == f.height {
		if f.unreachable {
			return bot
		}
		c.fail("type mismatch: expected a value, found nothing")
	}
	t := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	return t
}

func (c *checker) pop(want syntax.ValType) syntax.ValType {
	f := &c.ctrls[len(c.ctrls)-1]
	if len(c.stack) == f.height {
		if f.unreachable {
			return bot
		}
		c.fail("type mismatch: expected %s, found nothing", want)
	}
	t := c.stack[len(c.stack)-1]
	if t != want && !c.v.env.match(t, want) {
		c.fail("type mismatch: expected %s, found %s", want, t)
	}
	c.stack = c.stack[:len(c.stack)-1]
	return t
}

// popAll pops values of the given types, last first.
func (c *checker) popAll(ts []syntax.ValType) {
	for i := len(ts) - 1; i >= 0; i-- {
		c.pop(ts[i])
	}
}

// popRef pops a reference (or bot) and returns it.
func (c *checker) popRef() syntax.ValType {
	t := c.popAny()
	if t != bot && t.Kind != syntax.KindRef {
		c.fail("type mismatch: expected a reference, found %s", t)
	}
	return t
}

func (c *checker) pushCtrl(op syntax.Op, params, results []syntax.ValType) {
	c.ctrls = append(c.ctrls, ctrl{op: op, params: params, results: results, height: len(c.stack), initHeight: len(c.inits)})
	c.pushAll(params)
}

func (c *checker) popCtrl() ctrl {
	f := c.ctrls[len(c.ctrls)-1]
	c.popAll(f.results)
	if len(c.stack) != f.height {
		c.fail("type mismatch: %d values left on the stack at the end of the block", len(c.stack)-f.height)
	}
	c.ctrls = c.ctrls[:len(c.ctrls)-1]
	c.resetInits(f.initHeight)
	return f
}

func (c *checker) resetInits(h int) {
	for _, l := range c.inits[h:] {
		delete(c.initSet, l)
	}
	c.inits = c.inits[:h]
}

func (c *checker) setUnreachable() {
	f := &c.ctrls[len(c.ctrls)-1]
	c.stack = c.stack[:f.height]
	f.unreachable = true
}

func (c *checker) label(l uint32) *ctrl {
	if uint64(l) >= uint64(len(c.ctrls)) {
		c.fail("unknown label %d", l)
	}
	return &c.ctrls[len(c.ctrls)-1-int(l)]
}

// --- index spaces ---

func (c *checker) local(x uint32) syntax.ValType {
	if x < uint32(len(c.flat)) {
		return c.flat[x]
	}
	i := sort.Search(len(c.locals), func(i int) bool { return c.locals[i].end > uint64(x) })
	if i == len(c.locals) {
		c.fail("unknown local %d", x)
	}
	return c.locals[i].t
}

func (c *checker) global(x uint32) syntax.GlobalType {
	if int(x) >= len(c.v.globals) || (c.constant && int(x) >= c.globals) {
		c.fail("unknown global %d", x)
	}
	return c.v.globals[x]
}

func (c *checker) table(x uint32) syntax.TableType {
	if int(x) >= len(c.v.tables) {
		c.fail("unknown table %d", x)
	}
	return c.v.tables[x]
}

func (c *checker) mem(x uint32) syntax.MemType {
	if int(x) >= len(c.v.mems) {
		c.fail("unknown memory %d", x)
	}
	return c.v.mems[x]
}

func (c *checker) funcSig(x uint32) syntax.FuncType {
	if int(x) >= len(c.v.funcs) {
		c.fail("unknown function %d", x)
	}
	ft, ok := c.v.funcType(x)
	if !ok {
		c.fail("unknown type %d", c.v.funcs[x])
	}
	return ft
}

func (c *checker) typeSig(x uint32) syntax.FuncType {
	if int(x) >= len(c.v.m.Types) {
		c.fail("unknown type %d", x)
	}
	st := &c.v.m.Types[x]
	if st.Kind != syntax.CompFunc {
		c.fail("type mismatch: type %d is not a function type", x)
	}
	return st.Func
}

func (c *checker) tag(x uint32) syntax.FuncType {
	if int(x) >= len(c.v.tags) {
		c.fail("unknown tag %d", x)
	}
	return c.typeSig(c.v.tags[x])
}

func (c *checker) elemSeg(x uint32) *syntax.Elem {
	if int(x) >= len(c.v.m.Elems) {
		c.fail("unknown elem segment %d", x)
	}
	return &c.v.m.Elems[x]
}

func (c *checker) dataSeg(x uint32) {
	if int(x) >= len(c.v.m.Datas) {
		c.fail("unknown data segment %d", x)
	}
}

func (c *checker) heap(h syntax.HeapType) {
	if err := c.v.heapType(c.place(), h); err != nil {
		c.fail("%s", err.(*Error).Msg)
	}
}

func (c *checker) blockType(bt syntax.BlockType) (params, results []syntax.ValType) {
	switch bt.Kind {
	case syntax.BlockValue:
		if err := c.v.valType(c.place(), bt.Type); err != nil {
			c.fail("%s", err.(*Error).Msg)
		}
		if one, ok := singleTypes[bt.Type]; ok {
			return nil, one
		}
		return nil, []syntax.ValType{bt.Type}
	case syntax.BlockIndex:
		ft := c.typeSig(bt.Index)
		return ft.Params, ft.Results
	}
	return nil, nil
}

// singleTypes holds one-element result lists for the common block types,
// so checking a block does not allocate.
var singleTypes = func() map[syntax.ValType][]syntax.ValType {
	m := map[syntax.ValType][]syntax.ValType{}
	for _, t := range []syntax.ValType{syntax.I32, syntax.I64, syntax.F32, syntax.F64, syntax.V128, syntax.FuncRef, syntax.ExternRef} {
		m[t] = []syntax.ValType{t}
	}
	return m
}()

// checkLabelArgs checks that the top of the stack matches a label's types
// and puts back what it popped (bot stays bot, as in the spec's algorithm).
func (c *checker) checkLabelArgs(ts []syntax.ValType) {
	popped := make([]syntax.ValType, len(ts))
	for i := len(ts) - 1; i >= 0; i-- {
		popped[i] = c.pop(ts[i])
	}
	c.pushAll(popped)
}

func (c *checker) constOnly(in *syntax.Instr) {
	switch in.Op {
	case syntax.OpI32Const, syntax.OpI64Const, syntax.OpF32Const, syntax.OpF64Const,
		syntax.OpV128Const, syntax.OpRefNull, syntax.OpRefFunc, syntax.OpEnd:
		return
	case syntax.OpGlobalGet:
		if int(in.X) < len(c.v.globals) && c.v.globals[in.X].Mutable && int(in.X) < c.globals {
			c.fail("constant expression required")
		}
		return
	case syntax.OpI32Add, syntax.OpI32Sub, syntax.OpI32Mul,
		syntax.OpI64Add, syntax.OpI64Sub, syntax.OpI64Mul,
		syntax.OpStructNew, syntax.OpStructNewDefault, syntax.OpArrayNew,
		syntax.OpArrayNewDefault, syntax.OpArrayNewFixed, syntax.OpRefI31,
		syntax.OpAnyConvertExtern, syntax.OpExternConvertAny:
		if !c.v.cfg.Wasm2 {
			return
		}
	}
	c.fail("constant expression required")
}

func (c *checker) memArg(in *syntax.Instr, oi *opInfo) syntax.ValType {
	mt := c.mem(in.Y)
	if in.X >= 32 || uint32(1)<<in.X > oi.width {
		c.fail("alignment must not be larger than natural")
	}
	if !mt.Mem64 && in.MemOffset > 1<<32-1 {
		c.fail("offset out of range")
	}
	return c.v.addrType(mt.Mem64)
}

// sig applies a fixed signature, with kindAddr replaced by addr.
func (c *checker) sig(oi *opInfo, addr syntax.ValType) {
	for i := len(oi.params) - 1; i >= 0; i-- {
		t := oi.params[i]
		if t.Kind == kindAddr {
			t = addr
		}
		c.pop(t)
	}
	c.pushAll(oi.results)
}

func (c *checker) instr(in *syntax.Instr) {
	c.in = in
	if c.constant {
		c.constOnly(in)
	}
	oi := info(in.Op)
	if !oi.known {
		c.fail("unknown operator %#x", uint32(in.Op))
	}
	if oi.fixed {
		addr := syntax.I32
		switch oi.imm {
		case syntax.ImmMemArg:
			addr = c.memArg(in, oi)
		case syntax.ImmMemLane:
			addr = c.memArg(in, oi)
			if in.Lane >= oi.lanes {
				c.fail("invalid lane index")
			}
		case syntax.ImmLane:
			if in.Lane >= oi.lanes {
				c.fail("invalid lane index")
			}
		case syntax.ImmShuffle:
			for i := 0; i < 16; i++ {
				lane := in.Const >> (8 * i)
				if i >= 8 {
					lane = in.Const2 >> (8 * (i - 8))
				}
				if byte(lane) >= 32 {
					c.fail("invalid lane index")
				}
			}
		}
		c.sig(oi, addr)
		return
	}
	c.special(in)
}
