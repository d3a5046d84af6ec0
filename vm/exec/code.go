package exec

import (
	"fmt"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// inst is one internal instruction. Its meaning depends on op (see ops.go):
// a is usually an index, slot or jump target, b a constant, a memory
// offset, or a branch's keep|drop<<32 slot counts.
type inst struct {
	op uint16
	a  uint32
	b  uint64
}

// brTarget is one destination of a br_table.
type brTarget struct {
	pc         uint32
	keep, drop uint32
}

// Code is the compiled form of one defined function.
type Code struct {
	insts []inst
	// src[i] is the index in body of the Wasm instruction insts[i] came
	// from; the instruction's Offset is its module byte offset.
	src      []int32
	body     []syntax.Instr
	brTables [][]brTarget
	v128hi   []uint64 // high halves of v128.const, by inst a

	mod   *syntax.Module
	info  *modInfo
	fn    *syntax.Func
	index uint32 // function index in the module

	paramSlots  int
	localSlots  int // params included
	resultSlots int
	maxSlots    int // locals plus the deepest operand stack
	localTypes  []syntax.ValType
	localOffs   []uint32 // slot of each local

	dbg *debugInfo // built on demand for observers and Frames

	// The fast variant (see fuse) links to its plain variant: orig[pc] is
	// the plain pc of fast instruction pc, fastOf[pc] the fast pc of plain
	// instruction pc (-1 inside a fused sequence), last[pc] the body index
	// of the last Wasm instruction fused into pc (where it can trap). The
	// plain variant links back with fast.
	plain  *Code
	fast   *Code
	orig   []int32
	fastOf []int32
	last   []int32
}

// debugInfo holds, per internal instruction, the types it consumes and
// produces (for observer events).
type debugInfo struct {
	in, out [][]syntax.ValType
}

// trapOffset returns the module byte offset of the Wasm instruction that
// trapped at internal instruction pc.
func (c *Code) trapOffset(pc int) uint32 {
	if c.last != nil && pc >= 0 && pc < len(c.last) {
		return c.body[c.last[pc]].Offset
	}
	return c.offset(pc)
}

// offset returns the module byte offset of internal instruction pc (the
// first Wasm instruction of a fused one).
func (c *Code) offset(pc int) uint32 {
	if pc < 0 || pc >= len(c.src) {
		if len(c.body) > 0 {
			return c.body[len(c.body)-1].Offset
		}
		return 0
	}
	return c.body[c.src[pc]].Offset
}

// Compile compiles every defined function of the validated module m.
func Compile(m *syntax.Module) (codes []*Code, err error) {
	defer func() {
		// Only a module the validator should have rejected gets here.
		if r := recover(); r != nil {
			codes, err = nil, fmt.Errorf("compile: invalid module: %v", r)
		}
	}()
	codes = make([]*Code, len(m.Funcs))
	nimp := uint32(m.NumImported(syntax.ExternFunc))
	mi := newModInfo(m)
	for i := range m.Funcs {
		c, err := compileFunc(m, mi, uint32(i)+nimp, &m.Funcs[i], nil)
		if err != nil {
			return nil, err
		}
		codes[i] = fuse(c)
		c.fast = codes[i]
		hotten(c)
		hotten(codes[i])
	}
	return codes, nil
}

func (c *Code) debug() *debugInfo {
	if c.dbg == nil {
		d := &debugInfo{}
		// The same module compiled twice gives the same code; the second
		// pass only records types.
		if _, err := compileFunc(c.mod, c.info, c.index, c.fn, &compileOpts{dbg: d}); err != nil {
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
	if _, err := compileFunc(c.mod, c.info, c.index, c.fn, o); err != nil {
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
