package exec

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

type ctrl struct {
	op          syntax.Op
	height      int // type stack height at entry (params excluded)
	slots       int // operand slot height at entry (params excluded)
	params      []syntax.ValType
	results     []syntax.ValType
	start       int   // loop: pc of the body
	fixups      []int // insts whose target is this block's end
	tableFixups [][2]int
	elseFix     int // if: the opBrUnless to patch, -1 once used
	dead        bool
	// handler is the index in Code.handlers of a try_table's handler (-1
	// for other blocks); catchFixups are the catch clauses (handler,
	// clause) that branch to this block's end.
	handler     int
	catchFixups [][2]int
}

func (c *ctrl) labelTypes() []syntax.ValType {
	if c.op == syntax.OpLoop {
		return c.params
	}
	return c.results
}

type compiler struct {
	m     *syntax.Module
	info  *modInfo
	code  *Code
	opts  *compileOpts
	types []syntax.ValType // operand type stack
	slots int              // operand slots in use
	max   int
	ctrls []ctrl
	body  []syntax.Instr
	cur   int32 // body index being compiled
	err   *CompileError
}

func slotsOf(ts []syntax.ValType) int {
	n := 0
	for _, t := range ts {
		n += slotCount(t)
	}
	return n
}

func slotCount(t syntax.ValType) int {
	if t.Kind == syntax.KindV128 {
		return 2
	}
	return 1
}

// maxLocals is the most locals (parameters included) a function may have:
// each costs a value-stack slot (two for v128) at every call.
const maxLocals = 50000

// checkLocals refuses function index (fn) if it has more than maxLocals
// locals, params included: known without its body, so a lazily compiled
// module is refused when it is loaded, not at the function's first call.
func checkLocals(index uint32, fn *syntax.Func, params int) error {
	n := uint64(params)
	for _, l := range fn.Locals {
		n += uint64(l.Count)
		if n > maxLocals {
			return &CompileError{Func: index, Offset: fn.Offset, Msg: fmt.Sprintf("too many locals (more than %d)", maxLocals)}
		}
	}
	return nil
}

// compileFunc compiles function index, whose syntax is fn and whose
// instructions are body; the code keeps nothing of body.
func compileFunc(m *syntax.Module, mi *modInfo, index uint32, fn *syntax.Func, body []syntax.Instr, opts *compileOpts) (*Code, error) {
	ft, ok := m.FuncType(index)
	if !ok {
		return nil, &CompileError{Func: index, Offset: fn.Offset, Msg: "unknown function type"}
	}
	code := &Code{mod: m, info: mi, fn: fn, index: index, def: int(index) - len(mi.funcs) + len(m.Funcs)}
	for _, p := range ft.Params {
		code.addLocals(1, p)
	}
	code.paramSlots = code.localSlots
	if err := checkLocals(index, fn, len(ft.Params)); err != nil {
		return nil, err
	}
	for _, l := range fn.Locals {
		if l.Count > 0 {
			code.addLocals(l.Count, l.Type)
		}
	}
	code.resultSlots = slotsOf(ft.Results)
	c := &compiler{m: m, info: mi, code: code, opts: opts}
	c.ctrls = append(c.ctrls, ctrl{op: syntax.OpBlock, results: ft.Results, elseFix: -1, handler: -1})
	c.code.insts = make([]inst, 0, len(body))
	c.code.src = make([]int32, 0, len(body))
	c.code.offs = make([]uint32, 0, len(body))
	c.body = body
	for i := range body {
		c.cur = int32(i)
		c.instr(&body[i])
		if c.err != nil {
			return nil, c.err
		}
		if len(c.ctrls) == 0 {
			break
		}
	}
	if len(c.ctrls) != 0 {
		return nil, &CompileError{Func: index, Offset: fn.Offset, Msg: "function body does not end"}
	}
	code.maxSlots = code.localSlots + c.max
	return code, nil
}

func (c *compiler) fail(in *syntax.Instr, msg string) {
	if c.err == nil {
		c.err = &CompileError{Func: c.code.index, Offset: in.Offset, Msg: msg}
	}
}

func (c *compiler) push(t syntax.ValType) {
	c.types = append(c.types, t)
	c.slots += slotCount(t)
	if c.slots > c.max {
		c.max = c.slots
	}
}

func (c *compiler) pushAll(ts []syntax.ValType) {
	for _, t := range ts {
		c.push(t)
	}
}

func (c *compiler) pop() syntax.ValType {
	if len(c.types) == 0 {
		// Only invalid code gets here; the validator rejects it first.
		return syntax.I32
	}
	t := c.types[len(c.types)-1]
	c.types = c.types[:len(c.types)-1]
	c.slots -= slotCount(t)
	return t
}

func (c *compiler) popN(n int) {
	for ; n > 0; n-- {
		c.pop()
	}
}

// emit appends an instruction; in and out are the types it pops and pushes
// (recorded for observers when asked). op is opNone when the Wasm
// instruction has no internal opcode (internalOp): compiling fails.
func (c *compiler) emit(op opcode, a uint32, b uint64, in, out []syntax.ValType) int {
	pc := len(c.code.insts)
	if op == opNone {
		c.fail(&c.body[c.cur], "instruction "+c.body[c.cur].Op.String()+" is not supported by the engine")
	}
	if c.opts != nil {
		if c.opts.at == pc && c.opts.dbg == nil && c.opts.types == nil {
			// The operands are already popped: put them back.
			c.opts.types = append(append([]syntax.ValType{}, c.types...), in...)
		}
		if d := c.opts.dbg; d != nil {
			d.in = append(d.in, in)
			d.out = append(d.out, out)
		}
	}
	if op == opSlow || op == opGC {
		// Interpreted from its syntax, which the code keeps.
		a = uint32(len(c.code.slow))
		c.code.slow = append(c.code.slow, c.body[c.cur])
	}
	c.code.insts = append(c.code.insts, inst{op: op, w: 1, a: a, b: b})
	c.code.src = append(c.code.src, c.cur)
	c.code.offs = append(c.code.offs, c.body[c.cur].Offset)
	return pc
}

// opSig is a fixed-signature op's operand and result types for 32-bit
// memories; mem marks the memory instructions, whose 'a' (address) types
// follow the memory's.
type opSig struct {
	in, out []syntax.ValType
	sig     [2]string
	mem     bool
}

// One-byte ops are looked up by array, prefixed ones by map: compiling a
// large module looks up every instruction.
var (
	sigs1 [256]*opSig
	sigsP = map[syntax.Op]*opSig{}
)

func init() {
	for _, o := range syntax.Ops() {
		if o.Sig == "" || o.Sig == "-" {
			continue
		}
		in, out, _ := strings.Cut(o.Sig, ">")
		sg := &opSig{sig: [2]string{in, out}, mem: o.Imm == syntax.ImmMemArg || o.Imm == syntax.ImmMemLane}
		sg.in, sg.out = sigTypes(in, syntax.I32), sigTypes(out, syntax.I32)
		if o.Op.Prefix() == 0 {
			sigs1[o.Op] = sg
		} else {
			sigsP[o.Op] = sg
		}
	}
}

func sigOf(op syntax.Op) *opSig {
	if op < 256 {
		return sigs1[op]
	}
	return sigsP[op]
}

func sigTypes(s string, addr syntax.ValType) []syntax.ValType {
	ts := make([]syntax.ValType, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'i':
			ts[i] = syntax.I32
		case 'I':
			ts[i] = syntax.I64
		case 'f':
			ts[i] = syntax.F32
		case 'F':
			ts[i] = syntax.F64
		case 'v':
			ts[i] = syntax.V128
		case 'a':
			ts[i] = addr
		}
	}
	return ts
}

func (c *compiler) blockType(bt syntax.BlockType) (params, results []syntax.ValType) {
	switch bt.Kind {
	case syntax.BlockValue:
		return nil, []syntax.ValType{bt.Type}
	case syntax.BlockIndex:
		if int(bt.Index) < len(c.m.Types) {
			f := c.m.Types[bt.Index].Func
			return f.Params, f.Results
		}
	}
	return nil, nil
}

// modInfo is what compiling any function needs of its module, gathered
// once: the types of every memory, table and global, imports first.
type modInfo struct {
	src     *Source
	funcs   []syntax.FuncType
	tags    []syntax.FuncType
	mems    []syntax.MemType
	tables  []syntax.TableType
	globals []syntax.GlobalType
}

func newModInfo(m *syntax.Module) *modInfo {
	mi := &modInfo{}
	typ := func(t uint32) syntax.FuncType {
		if int(t) < len(m.Types) {
			return m.Types[t].Func
		}
		return syntax.FuncType{}
	}
	for _, im := range m.Imports {
		switch im.Kind {
		case syntax.ExternFunc:
			mi.funcs = append(mi.funcs, typ(im.Func))
		case syntax.ExternMemory:
			mi.mems = append(mi.mems, im.Mem)
		case syntax.ExternTable:
			mi.tables = append(mi.tables, im.Table)
		case syntax.ExternGlobal:
			mi.globals = append(mi.globals, im.Global)
		case syntax.ExternTag:
			mi.tags = append(mi.tags, typ(im.Tag.Type))
		}
	}
	for _, t := range m.Tags {
		mi.tags = append(mi.tags, typ(t.Type))
	}
	for _, f := range m.Funcs {
		mi.funcs = append(mi.funcs, typ(f.Type))
	}
	mi.mems = append(mi.mems, m.Mems...)
	for _, t := range m.Tables {
		mi.tables = append(mi.tables, t.Type)
	}
	for _, g := range m.Globals {
		mi.globals = append(mi.globals, g.Type)
	}
	return mi
}

func (c *compiler) memType(idx uint32) syntax.MemType {
	if int(idx) < len(c.info.mems) {
		return c.info.mems[idx]
	}
	return syntax.MemType{}
}

func (c *compiler) tableType(idx uint32) syntax.TableType {
	if int(idx) < len(c.info.tables) {
		return c.info.tables[idx]
	}
	return syntax.TableType{}
}

func (c *compiler) globalType(idx uint32) syntax.GlobalType {
	if int(idx) < len(c.info.globals) {
		return c.info.globals[idx]
	}
	return syntax.GlobalType{Type: syntax.I32}
}

func addrType(is64 bool) syntax.ValType {
	if is64 {
		return syntax.I64
	}
	return syntax.I32
}

// branch emits a jump to label depth l, moving the label's values down
// over whatever the enclosing blocks left below them. cond makes it br_if.
func (c *compiler) branch(l uint32, cond bool, in []syntax.ValType) {
	if int(l) >= len(c.ctrls) {
		c.fail(&c.body[c.cur], "unknown label")
		return
	}
	t := &c.ctrls[len(c.ctrls)-1-int(l)]
	keep := slotsOf(t.labelTypes())
	drop := c.slots - keep - t.slots
	op := opBr
	switch {
	case cond && drop == 0:
		op = opBrIf
	case cond:
		op = opBrIfMove
	case drop != 0:
		op = opBrMove
	}
	c.branchOp(t, op, keep, drop, in, nil)
}

// branchOp emits a branch instruction op to block t.
func (c *compiler) branchOp(t *ctrl, op opcode, keep, drop int, in, out []syntax.ValType) {
	pc := c.emit(op, 0, uint64(keep)|uint64(drop)<<32, in, out)
	if t.op == syntax.OpLoop {
		c.code.insts[pc].a = uint32(t.start)
	} else {
		t.fixups = append(t.fixups, pc)
	}
}

// markDead makes the rest of the current block unreachable: nothing is
// emitted until its else or end.
func (c *compiler) markDead() {
	t := &c.ctrls[len(c.ctrls)-1]
	t.dead = true
	c.types = c.types[:t.height]
	c.slots = t.slots
}

// skipDepth counts blocks opened inside dead code.
func (c *compiler) instr(in *syntax.Instr) {
	top := &c.ctrls[len(c.ctrls)-1]
	if top.dead {
		c.deadInstr(in)
		return
	}
	op := in.Op
	if sg := sigOf(op); sg != nil {
		c.fixed(in, sg)
		return
	}
	switch op {
	case syntax.OpNop:
	case syntax.OpUnreachable:
		c.emit(opUnreachable, 0, 0, nil, nil)
		c.markDead()
	case syntax.OpBlock, syntax.OpLoop, syntax.OpIf:
		params, results := c.blockType(in.Block)
		var cin []syntax.ValType
		if op == syntax.OpIf {
			c.pop()
			cin = []syntax.ValType{syntax.I32}
		}
		nt := ctrl{op: op, params: params, results: results, elseFix: -1, handler: -1}
		nt.height = len(c.types) - len(params)
		nt.slots = c.slots - slotsOf(params)
		nt.start = len(c.code.insts)
		if op == syntax.OpIf {
			nt.elseFix = c.emit(opBrUnless, 0, 0, cin, nil)
		}
		c.ctrls = append(c.ctrls, nt)
	case syntax.OpTryTable:
		c.tryTable(in)
	case syntax.OpThrow, syntax.OpThrowRef:
		c.throw(in)
	case syntax.OpElse:
		t := &c.ctrls[len(c.ctrls)-1]
		if !t.dead {
			pc := c.emit(opBr, 0, 0, nil, nil)
			t.fixups = append(t.fixups, pc)
		}
		c.elseArm(t)
	case syntax.OpEnd:
		c.end()
	case syntax.OpBr:
		c.branch(in.X, false, nil)
		c.markDead()
	case syntax.OpBrIf:
		c.pop()
		c.branch(in.X, true, []syntax.ValType{syntax.I32})
	case syntax.OpBrTable:
		c.pop()
		tab := make([]brTarget, len(in.Labels))
		idx := len(c.code.brTables)
		c.emit(opBrTable, uint32(idx), 0, []syntax.ValType{syntax.I32}, nil)
		for k, l := range in.Labels {
			if int(l) >= len(c.ctrls) {
				c.fail(in, "unknown label")
				return
			}
			t := &c.ctrls[len(c.ctrls)-1-int(l)]
			keep := slotsOf(t.labelTypes())
			tab[k] = brTarget{keep: uint32(keep), drop: uint32(c.slots - keep - t.slots)}
			if t.op == syntax.OpLoop {
				tab[k].pc = uint32(t.start)
			} else {
				t.tableFixups = append(t.tableFixups, [2]int{idx, k})
			}
		}
		c.code.brTables = append(c.code.brTables, tab)
		c.markDead()
	case syntax.OpReturn:
		c.popN(len(c.ctrls[0].results))
		c.emit(opReturn, 0, 0, c.ctrls[0].results, nil)
		c.markDead()
	case syntax.OpCall, syntax.OpReturnCall:
		if int(in.X) >= len(c.info.funcs) {
			c.fail(in, "unknown function")
			return
		}
		ft := c.info.funcs[in.X]
		c.popN(len(ft.Params))
		if op == syntax.OpReturnCall {
			c.emit(internalOp(op), in.X, 0, ft.Params, nil)
			c.markDead()
			return
		}
		c.emit(internalOp(op), in.X, 0, ft.Params, ft.Results)
		c.pushAll(ft.Results)
	case syntax.OpCallIndirect, syntax.OpReturnCallIndirect:
		if int(in.X) >= len(c.m.Types) {
			c.fail(in, "unknown type")
			return
		}
		ft := c.m.Types[in.X].Func
		c.pop()
		c.popN(len(ft.Params))
		ins := append(append([]syntax.ValType{}, ft.Params...), addrType(c.tableType(in.Y).Table64))
		if op == syntax.OpReturnCallIndirect {
			c.emit(internalOp(op), in.X, uint64(in.Y), ins, nil)
			c.markDead()
			return
		}
		c.emit(internalOp(op), in.X, uint64(in.Y), ins, ft.Results)
		c.pushAll(ft.Results)
	case syntax.OpCallRef, syntax.OpReturnCallRef:
		if int(in.X) >= len(c.m.Types) {
			c.fail(in, "unknown type")
			return
		}
		ft := c.m.Types[in.X].Func
		rt := c.pop()
		c.popN(len(ft.Params))
		ins := append(append([]syntax.ValType{}, ft.Params...), rt)
		if op == syntax.OpReturnCallRef {
			c.emit(internalOp(op), in.X, 0, ins, nil)
			c.markDead()
			return
		}
		c.emit(internalOp(op), in.X, 0, ins, ft.Results)
		c.pushAll(ft.Results)
	case syntax.OpRefAsNonNull:
		t := c.pop()
		nt := syntax.RefType(false, t.Heap)
		c.emit(opSlow, 0, 0, []syntax.ValType{t}, []syntax.ValType{nt})
		c.push(nt)
	case syntax.OpRefEq:
		t := c.pop()
		c.pop()
		c.emit(opI64Eq, 0, 0, []syntax.ValType{t, t}, []syntax.ValType{syntax.I32})
		c.push(syntax.I32)
	case syntax.OpBrOnNull, syntax.OpBrOnNonNull:
		if int(in.X) >= len(c.ctrls) {
			c.fail(in, "unknown label")
			return
		}
		t := &c.ctrls[len(c.ctrls)-1-int(in.X)]
		rt := c.pop()
		nt := syntax.RefType(false, rt.Heap)
		keep := slotsOf(t.labelTypes())
		if op == syntax.OpBrOnNull {
			// Null: the reference is dropped and the label's values kept.
			c.branchOp(t, opBrOnNull, keep, c.slots-keep-t.slots, []syntax.ValType{rt}, []syntax.ValType{nt})
			c.push(nt)
		} else {
			// Not null: the reference goes to the label, last of its values.
			c.push(nt)
			c.branchOp(t, opBrOnNonNull, keep, c.slots-keep-t.slots, nil, nil)
			c.pop()
		}
	case syntax.OpDrop:
		t := c.pop()
		c.emit(opDrop, uint32(slotCount(t)), 0, []syntax.ValType{t}, nil)
	case syntax.OpSelect, syntax.OpSelectT:
		c.pop()
		t := c.pop()
		c.pop()
		o := opSelect
		if t.Kind == syntax.KindV128 {
			o = opSelect2
		}
		c.emit(o, 0, 0, []syntax.ValType{t, t, syntax.I32}, []syntax.ValType{t})
		c.push(t)
	case syntax.OpLocalGet, syntax.OpLocalSet, syntax.OpLocalTee:
		t, slot, ok := c.code.local(in.X)
		if !ok {
			c.fail(in, "unknown local")
			return
		}
		wide := t.Kind == syntax.KindV128
		one := []syntax.ValType{t}
		switch op {
		case syntax.OpLocalGet:
			c.emit(pick(wide, opLocalGet2, internalOp(op)), slot, 0, nil, one)
			c.push(t)
		case syntax.OpLocalSet:
			c.pop()
			c.emit(pick(wide, opLocalSet2, internalOp(op)), slot, 0, one, nil)
		default:
			c.pop()
			c.emit(pick(wide, opLocalTee2, internalOp(op)), slot, 0, one, one)
			c.push(t)
		}
	case syntax.OpGlobalGet, syntax.OpGlobalSet:
		t := c.globalType(in.X).Type
		wide := t.Kind == syntax.KindV128
		one := []syntax.ValType{t}
		if op == syntax.OpGlobalGet {
			c.emit(pick(wide, opGlobalGet2, internalOp(op)), in.X, 0, nil, one)
			c.push(t)
		} else {
			c.pop()
			c.emit(pick(wide, opGlobalSet2, internalOp(op)), in.X, 0, one, nil)
		}
	case syntax.OpRefNull:
		t := syntax.RefType(true, syntax.HeapType(int32(in.X)))
		c.emit(opConst, 0, 0, nil, []syntax.ValType{t})
		c.push(t)
	case syntax.OpRefIsNull:
		t := c.pop()
		c.emit(opI64Eqz, 0, 0, []syntax.ValType{t}, []syntax.ValType{syntax.I32})
		c.push(syntax.I32)
	case syntax.OpRefFunc:
		t := syntax.FuncRef
		c.emit(opRefFunc, in.X, 0, nil, []syntax.ValType{t})
		c.push(t)
	case syntax.OpMemorySize, syntax.OpMemoryGrow:
		at := addrType(c.memType(in.X).Mem64)
		var ins []syntax.ValType
		if op == syntax.OpMemoryGrow {
			c.pop()
			ins = []syntax.ValType{at}
		}
		if in.X == 0 && !c.memType(0).Mem64 {
			c.emit(internalOp(op), 0, 0, ins, []syntax.ValType{at})
		} else {
			c.emit(opSlow, 0, 0, ins, []syntax.ValType{at})
		}
		c.push(at)
	case syntax.OpTableGet, syntax.OpTableSet, syntax.OpTableSize, syntax.OpTableGrow, syntax.OpTableFill:
		tt := c.tableType(in.X)
		at := addrType(tt.Table64)
		var ins, outs []syntax.ValType
		switch op {
		case syntax.OpTableGet:
			ins, outs = []syntax.ValType{at}, []syntax.ValType{tt.Elem}
		case syntax.OpTableSet:
			ins = []syntax.ValType{at, tt.Elem}
		case syntax.OpTableSize:
			outs = []syntax.ValType{at}
		case syntax.OpTableGrow:
			ins, outs = []syntax.ValType{tt.Elem, at}, []syntax.ValType{at}
		case syntax.OpTableFill:
			ins = []syntax.ValType{at, tt.Elem, at}
		}
		c.slowOp(ins, outs)
	case syntax.OpMemoryInit:
		at := addrType(c.memType(in.Y).Mem64)
		c.slowOp([]syntax.ValType{at, syntax.I32, syntax.I32}, nil)
	case syntax.OpMemoryCopy:
		d, s := addrType(c.memType(in.X).Mem64), addrType(c.memType(in.Y).Mem64)
		n := d
		if d != s {
			n = syntax.I32
		}
		c.slowOp([]syntax.ValType{d, s, n}, nil)
	case syntax.OpMemoryFill:
		at := addrType(c.memType(in.X).Mem64)
		c.slowOp([]syntax.ValType{at, syntax.I32, at}, nil)
	case syntax.OpTableInit:
		at := addrType(c.tableType(in.Y).Table64)
		c.slowOp([]syntax.ValType{at, syntax.I32, syntax.I32}, nil)
	case syntax.OpTableCopy:
		d, s := addrType(c.tableType(in.X).Table64), addrType(c.tableType(in.Y).Table64)
		n := d
		if d != s {
			n = syntax.I32
		}
		c.slowOp([]syntax.ValType{d, s, n}, nil)
	case syntax.OpDataDrop, syntax.OpElemDrop:
		c.slowOp(nil, nil)
	default:
		if op.Prefix() == syntax.PrefixGC && c.gcInstr(in) {
			return
		}
		c.fail(in, "instruction "+op.String()+" is not supported by the engine")
	}
}

func pick(wide bool, w, n opcode) opcode {
	if wide {
		return w
	}
	return n
}

func (c *compiler) slowOp(ins, outs []syntax.ValType) {
	c.popN(len(ins))
	c.emit(opSlow, 0, 0, ins, outs)
	c.pushAll(outs)
}

// fixed compiles an op with a fixed signature: numeric, memory and SIMD.
func (c *compiler) fixed(in *syntax.Instr, sg *opSig) {
	op := in.Op
	mem := sg.mem
	var mt syntax.MemType
	ins, outs := sg.in, sg.out
	if mem {
		mt = c.memType(in.Y)
		if mt.Mem64 {
			ins, outs = sigTypes(sg.sig[0], syntax.I64), sigTypes(sg.sig[1], syntax.I64)
		}
	}
	c.popN(len(ins))
	switch {
	case op == syntax.OpV128Const:
		c.emit(opV128Const, uint32(len(c.code.v128hi)), in.Const, ins, outs)
		c.code.v128hi = append(c.code.v128hi, in.Const2)
	case op.Prefix() == syntax.PrefixSIMD:
		if k, ok := simdIndex(op); ok && !mem {
			c.emit(opSIMD, k, 0, ins, outs)
		} else {
			c.emit(opSlow, 0, 0, ins, outs)
		}
	case mem && (in.Y != 0 || mt.Mem64):
		c.emit(opSlow, 0, 0, ins, outs)
	case mem:
		c.emit(internalOp(op), 0, in.MemOffset, ins, outs)
	case op == syntax.OpI32Const || op == syntax.OpF32Const:
		c.emit(opConst, 0, uint64(uint32(in.Const)), ins, outs)
	case op == syntax.OpI64Const || op == syntax.OpF64Const:
		c.emit(opConst, 0, in.Const, ins, outs)
	case op.Prefix() == syntax.PrefixMisc:
		c.emit(opSlow, 0, 0, ins, outs)
	case op.Prefix() == 0:
		c.emit(internalOp(op), 0, 0, ins, outs)
	default:
		c.fail(in, "instruction "+op.String()+" is not supported by the engine")
	}
	c.pushAll(outs)
}

// elseArm starts the else arm of the if on top of the control stack.
func (c *compiler) elseArm(t *ctrl) {
	if t.elseFix >= 0 {
		c.code.insts[t.elseFix].a = uint32(len(c.code.insts))
		t.elseFix = -1
	}
	t.dead = false
	c.types = append(c.types[:t.height], t.params...)
	c.slots = t.slots + slotsOf(t.params)
}

func (c *compiler) end() {
	t := &c.ctrls[len(c.ctrls)-1]
	if t.op == syntax.OpIf && t.elseFix >= 0 {
		// An if without else: the false path skips to the end.
		c.code.insts[t.elseFix].a = uint32(len(c.code.insts))
		t.elseFix = -1
	}
	pc := uint32(len(c.code.insts))
	for _, f := range t.fixups {
		c.code.insts[f].a = pc
	}
	for _, f := range t.tableFixups {
		c.code.brTables[f[0]][f[1]].pc = pc
	}
	for _, f := range t.catchFixups {
		c.code.handlers[f[0]].catches[f[1]].pc = int(pc)
	}
	if t.handler >= 0 {
		c.code.handlers[t.handler].to = int(pc)
	}
	if len(c.ctrls) == 1 && (!t.dead || len(t.fixups) > 0 || len(t.tableFixups) > 0) {
		// The function's end returns; branches to its label land here.
		c.types = c.types[:t.height]
		c.emit(opReturn, 0, 0, t.results, nil)
	}
	c.types = append(c.types[:t.height], t.results...)
	c.slots = t.slots + slotsOf(t.results)
	if c.slots > c.max {
		c.max = c.slots
	}
	c.ctrls = c.ctrls[:len(c.ctrls)-1]
}

// deadInstr skips an instruction of unreachable code, tracking the blocks
// it opens so the right else or end revives the enclosing block.
func (c *compiler) deadInstr(in *syntax.Instr) {
	t := &c.ctrls[len(c.ctrls)-1]
	switch in.Op {
	case syntax.OpBlock, syntax.OpLoop, syntax.OpIf, syntax.OpTryTable:
		// A block inside dead code: compile it as dead too.
		c.ctrls = append(c.ctrls, ctrl{op: in.Op, height: len(c.types), slots: c.slots, elseFix: -1, handler: -1, dead: true})
	case syntax.OpElse:
		if t.op == syntax.OpIf && !c.deadParent() {
			c.elseArm(t)
		}
	case syntax.OpEnd:
		if c.deadParent() {
			c.ctrls = c.ctrls[:len(c.ctrls)-1]
			return
		}
		c.end()
	}
}

// deadParent reports whether the top block was opened inside dead code
// (so nothing of it can run).
func (c *compiler) deadParent() bool {
	n := len(c.ctrls)
	return n >= 2 && c.ctrls[n-2].dead
}
