package exec

import (
	"fmt"
	"unsafe"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// inst is one internal instruction. Its meaning depends on op (see ops.go):
// a is usually an index, slot or jump target, b a constant, a memory
// offset, or a branch's keep|drop<<32 slot counts.
type inst struct {
	op opcode
	// w is the instruction's weight: how many Wasm instructions (plain
	// instructions) it stands for, which is what it costs of the fuel.
	// It fits the padding after op.
	w uint16
	a uint32
	b uint64
}

// brTarget is one destination of a br_table.
type brTarget struct {
	pc         uint32
	keep, drop uint32
}

// Code is the compiled form of one defined function.
type Code struct {
	insts []inst
	// src[i] is the index in the function's body of the Wasm instruction
	// insts[i] came from; the body's syntax is decoded on demand (see
	// Source and instrs).
	src []int32
	// offs[i] is the module byte offset of that Wasm instruction: four
	// bytes an instruction, kept so that what a log records for every
	// call and return (the call site's offset) needs no decoded body.
	offs     []uint32
	brTables [][]brTarget
	// slow holds the syntax of the instructions interpreted out of line
	// (opSlow, opGC), by their inst's a: all the syntax execution needs.
	slow []syntax.Instr
	// handlers are the try_tables' handlers in the order the try_tables
	// open, in plain pcs (the fast variant maps its pcs through orig).
	handlers []handler
	v128hi   []uint64 // high halves of v128.const, by inst a

	mod   *syntax.Module
	info  *modInfo
	fn    *syntax.Func
	index uint32 // function index in the module
	def   int    // defined function index (m.Funcs[def])

	paramSlots  int
	localSlots  int // params included
	resultSlots int
	maxSlots    int // locals plus the deepest operand stack
	// locals lists the locals (parameters first) as runs of one type, as
	// the function declares them: a function may declare 50,000 locals in
	// a few bytes, and a list of them all would cost a megabyte of host
	// memory per function (see local).
	locals []localRun

	dbg *debugInfo // built on demand for observers and Frames

	// The fast variant (see fuse) links to its plain variant: orig[pc] is
	// the plain pc of fast instruction pc, fastOf[pc] the fast pc of plain
	// instruction pc (-1 inside a fused sequence), last[pc] the body index
	// of the last Wasm instruction fused into pc (where it can trap). The
	// plain variant links back with fast.
	plain *Code
	fast  *Code
	// rec is the plain variant's observed variant (see record.go), built
	// on first use; observed marks that variant, whose plain is the
	// plain code and orig[pc] = pc/2.
	rec      *Code
	observed bool
	// runs marks the fast variant, whose w are the weights of runs (see
	// runs.go).
	runs   bool
	orig   []int32
	fastOf []int32
	last   []int32

	// writes describes the observed variant's memory-writing instructions
	// (see recWrite).
	writes []recWrite
}

// localRun is a run of locals of one type: first is the index of its first
// local, slot that local's slot.
type localRun struct {
	first, slot uint32
	t           syntax.ValType
}

// addLocals appends n locals of type t.
func (c *Code) addLocals(n uint32, t syntax.ValType) {
	first := uint32(0)
	if k := len(c.locals); k > 0 {
		r := c.locals[k-1]
		first = r.first + uint32((c.localSlots-int(r.slot))/slotCount(r.t))
		if r.t == t {
			c.localSlots += int(n) * slotCount(t)
			return
		}
	}
	c.locals = append(c.locals, localRun{first: first, slot: uint32(c.localSlots), t: t})
	c.localSlots += int(n) * slotCount(t)
}

// numLocals returns how many locals (parameters included) the function has.
func (c *Code) numLocals() uint32 {
	k := len(c.locals)
	if k == 0 {
		return 0
	}
	r := c.locals[k-1]
	return r.first + uint32((c.localSlots-int(r.slot))/slotCount(r.t))
}

// local returns the type and slot of local x; ok is false when there is
// no such local.
func (c *Code) local(x uint32) (t syntax.ValType, slot uint32, ok bool) {
	if x >= c.numLocals() {
		return syntax.ValType{}, 0, false
	}
	lo, hi := 0, len(c.locals)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if c.locals[mid].first <= x {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	r := c.locals[lo]
	return r.t, r.slot + (x-r.first)*uint32(slotCount(r.t)), true
}

// localTypes lists the type of every local, for a paused frame's view.
func (c *Code) localTypes() []syntax.ValType {
	ts := make([]syntax.ValType, 0, c.numLocals())
	for x := uint32(0); x < c.numLocals(); x++ {
		t, _, _ := c.local(x)
		ts = append(ts, t)
	}
	return ts
}

// hostBytes estimates the Go heap the compiled code of one function holds
// while it lives: both variants' instructions and maps, and the syntax of
// the instructions interpreted out of line. Stores charge it to their
// budget (runtime.Budget).
func (c *Code) hostBytes() int64 {
	var n int64
	for _, v := range []*Code{c, c.plain} {
		if v == nil {
			continue
		}
		n += int64(len(v.insts))*int64(unsafe.Sizeof(inst{})) + 4*int64(len(v.src)+len(v.offs)+len(v.orig)+len(v.fastOf)+len(v.last))
		n += 8*int64(len(v.v128hi)) + int64(unsafe.Sizeof(localRun{}))*int64(len(v.locals)) + int64(unsafe.Sizeof(Code{}))
		for _, t := range v.brTables {
			n += int64(len(t)) * int64(unsafe.Sizeof(brTarget{}))
		}
	}
	return n + int64(len(c.slow))*int64(unsafe.Sizeof(syntax.Instr{}))
}

// debugInfo holds, per internal instruction, the types it consumes and
// produces (for observer events).
type debugInfo struct {
	in, out [][]syntax.ValType
}

// instrs returns the function's instructions, decoded from the module's
// bytes (nil if they cannot be: only a module changed after compiling).
func (c *Code) instrs() []syntax.Instr {
	b, _ := c.info.src.Body(c.def)
	return b
}

// instrAt returns the syntax of the Wasm instruction internal instruction
// pc came from (nil when there is none).
func (c *Code) instrAt(pc int) *syntax.Instr {
	if pc < 0 || pc >= len(c.src) {
		return nil
	}
	b := c.instrs()
	if k := int(c.src[pc]); k < len(b) {
		return &b[k]
	}
	return nil
}

// trapOffset returns the module byte offset of the Wasm instruction that
// trapped at internal instruction pc.
func (c *Code) trapOffset(pc int) uint32 {
	if c.last != nil && pc >= 0 && pc < len(c.last) {
		if b := c.instrs(); int(c.last[pc]) < len(b) {
			return b[c.last[pc]].Offset
		}
	}
	return c.offset(pc)
}

// offset returns the module byte offset of internal instruction pc (the
// first Wasm instruction of a fused one); past the code, that of the
// function's final end.
func (c *Code) offset(pc int) uint32 {
	if pc >= 0 && pc < len(c.offs) {
		return c.offs[pc]
	}
	if in := c.instrAt(pc); in != nil {
		return in.Offset
	}
	if c.fn.End > 0 {
		return c.fn.End - 1 // the final end is one byte
	}
	if b := c.instrs(); len(b) > 0 {
		return b[len(b)-1].Offset
	}
	return 0
}

// weigh gives each instruction of fast code f the number of plain
// instructions it stands for: those fused into it, the dropped ones after
// it (which it always runs on into: see fuse) and the jumps it skips
// (which fuse left in w), so that fuel counts Wasm instructions whichever
// variant runs.
func weigh(f *Code) {
	n := len(f.plain.insts)
	for i := range f.insts {
		next := n
		if i+1 < len(f.insts) {
			next = int(f.orig[i+1])
		}
		f.insts[i].w = uint16(min(next-int(f.orig[i])+int(f.insts[i].w), 1<<16-1))
	}
}

func (c *Code) debug() *debugInfo {
	if c.dbg == nil {
		d := &debugInfo{}
		// The same module compiled twice gives the same code; the second
		// pass only records types.
		if _, err := compileFunc(c.mod, c.info, c.index, c.fn, c.instrs(), &compileOpts{dbg: d}); err != nil {
			d = &debugInfo{in: make([][]syntax.ValType, len(c.insts)), out: make([][]syntax.ValType, len(c.insts))}
		}
		c.dbg = d
	}
	return c.dbg
}

// stackTypes returns the operand stack's types before instruction pc.
func (c *Code) stackTypes(pc int) []syntax.ValType {
	if c.plain != nil {
		if pc < 0 || pc >= len(c.orig) {
			return nil
		}
		return c.plain.stackTypes(int(c.orig[pc]))
	}
	o := &compileOpts{at: pc}
	if _, err := compileFunc(c.mod, c.info, c.index, c.fn, c.instrs(), o); err != nil {
		return nil
	}
	return o.types
}

type compileOpts struct {
	dbg   *debugInfo
	at    int              // record the type stack before this inst
	types []syntax.ValType // the recorded stack
}

// CompileError reports a function the compiler cannot translate.
type CompileError struct {
	Func   uint32
	Offset uint32
	Msg    string
}

func (e *CompileError) Error() string {
	return fmt.Sprintf("func %d at offset %#x: %s", e.Func, e.Offset, e.Msg)
}
