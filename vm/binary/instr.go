package binary

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// opDesc is what the decoder needs to know about an opcode; the tables are
// arrays, not maps, because they are consulted once per instruction.
type opDesc struct {
	known bool
	v3    bool // added by Wasm 3.0
	imm   syntax.Imm
}

var (
	oneByteOps [256]opDesc
	prefixOps  [3][]opDesc // 0xFB, 0xFC, 0xFD
)

func init() {
	for _, o := range syntax.Ops() {
		d := opDesc{known: true, imm: o.Imm, v3: isV3(o.Op)}
		if p := o.Op.Prefix(); p != 0 {
			t := &prefixOps[p-syntax.PrefixGC]
			for uint32(len(*t)) <= o.Op.Sub() {
				*t = append(*t, opDesc{})
			}
			(*t)[o.Op.Sub()] = d
			continue
		}
		oneByteOps[o.Op] = d
	}
}

// isV3 reports whether op is one of Wasm 3.0's additions.
func isV3(op syntax.Op) bool {
	switch op {
	case syntax.OpThrow, syntax.OpThrowRef, syntax.OpReturnCall,
		syntax.OpReturnCallIndirect, syntax.OpCallRef, syntax.OpReturnCallRef,
		syntax.OpTryTable, syntax.OpRefEq, syntax.OpRefAsNonNull,
		syntax.OpBrOnNull, syntax.OpBrOnNonNull:
		return true
	}
	switch op.Prefix() {
	case syntax.PrefixGC:
		return true
	case syntax.PrefixSIMD:
		return op.Sub() >= 0x100 // relaxed SIMD
	}
	return false
}

// push appends an instruction slot to the slab and returns it. When the
// slab is full, only the body being decoded moves to a fresh slab, so
// earlier bodies keep their storage and nothing is copied twice.
func (d *decoder) push(start int) *syntax.Instr {
	if len(d.slab) == cap(d.slab) {
		cur := d.slab[start:]
		n := 2*len(cur) + 1024
		fresh := make([]syntax.Instr, len(cur), n)
		copy(fresh, cur)
		d.slab = fresh
		d.bodyStart = 0
	}
	d.slab = d.slab[:len(d.slab)+1]
	return &d.slab[len(d.slab)-1]
}

// instrs reads instructions up to and including the end that closes the
// outermost level. Only the nesting of block/loop/if/try_table and the
// placement of else are checked here; everything else is validation.
func (d *decoder) instrs() {
	r := &d.r
	// ctl holds one byte per open block: 'i' for an if before its else,
	// 'b' otherwise.
	var ctlBuf [32]byte
	ctl := ctlBuf[:0]
	d.bodyStart = len(d.slab)
	for {
		pos := r.pos
		op := r.byte()
		// The slab's slots are fresh, zeroed memory: set only what
		// differs (assigning a whole Instr costs GC write barriers).
		in := d.push(d.bodyStart)
		in.Op, in.Offset = syntax.Op(op), uint32(pos)
		desc := oneByteOps[op]
		if op >= syntax.PrefixGC && op <= syntax.PrefixSIMD {
			sub := r.u32()
			t := prefixOps[op-syntax.PrefixGC]
			desc = opDesc{}
			if sub < uint32(len(t)) {
				desc = t[sub]
			}
			if !desc.known || (desc.v3 && r.wasm2) {
				r.failf(pos, "illegal opcode %02x %d", op, sub)
			}
			in.Op = syntax.Op(uint32(op)<<16 | sub)
		} else if !desc.known || (desc.v3 && r.wasm2) {
			r.failf(pos, "illegal opcode %02x", op)
		}
		switch desc.imm {
		case syntax.ImmNone:
			switch op {
			case byte(syntax.OpEnd):
				if len(ctl) == 0 {
					return
				}
				ctl = ctl[:len(ctl)-1]
			case byte(syntax.OpElse):
				if len(ctl) == 0 || ctl[len(ctl)-1] != 'i' {
					r.fail(pos, "END opcode expected")
				}
				ctl[len(ctl)-1] = 'b'
			}
		case syntax.ImmBlock:
			in.Block = d.blockType()
			if op == byte(syntax.OpIf) {
				ctl = append(ctl, 'i')
			} else {
				ctl = append(ctl, 'b')
			}
		case syntax.ImmTryTable:
			in.Block = d.blockType()
			n := r.count()
			in.Catches = make([]syntax.CatchClause, n)
			for i := range in.Catches {
				c := &in.Catches[i]
				kpos := r.pos
				k := r.byte()
				if k > byte(syntax.CatchAllRef) {
					r.fail(kpos, "malformed catch clause")
				}
				c.Kind = syntax.CatchKind(k)
				if c.Kind == syntax.Catch || c.Kind == syntax.CatchRef {
					c.Tag = r.u32()
				}
				c.Label = r.u32()
			}
			ctl = append(ctl, 'b')
		case syntax.ImmIndex:
			d.indexImm(in)
		case syntax.ImmTwoIndex:
			switch {
			case r.wasm2 && in.Op == syntax.OpMemoryCopy:
				in.X, in.Y = d.zeroByte(), d.zeroByte()
			case r.wasm2 && in.Op == syntax.OpMemoryInit:
				in.X, in.Y = r.u32(), d.zeroByte()
			default:
				in.X, in.Y = r.u32(), r.u32()
			}
			switch in.Op {
			case syntax.OpMemoryInit, syntax.OpArrayNewData, syntax.OpArrayInitData:
				if d.m.DataCount == nil && d.inCode {
					r.fail(pos, "data count section required")
				}
			}
		case syntax.ImmBrTable:
			n := r.count()
			in.Labels = make([]uint32, n+1)
			for i := range in.Labels {
				in.Labels[i] = r.u32()
			}
		case syntax.ImmMemArg:
			d.memArg(in)
		case syntax.ImmMemLane:
			d.memArg(in)
			in.Lane = r.byte()
		case syntax.ImmLane:
			in.Lane = r.byte()
		case syntax.ImmI32:
			in.Const = uint64(uint32(r.s32()))
		case syntax.ImmI64:
			in.Const = uint64(r.s64())
		case syntax.ImmF32:
			in.Const = r.f32()
		case syntax.ImmF64:
			in.Const = r.f64()
		case syntax.ImmV128, syntax.ImmShuffle:
			in.Const = r.f64()
			in.Const2 = r.f64()
		case syntax.ImmSelectT:
			n := r.count()
			in.Types = make([]syntax.ValType, n)
			for i := range in.Types {
				in.Types[i] = d.valType()
			}
		case syntax.ImmHeapType:
			if r.wasm2 {
				// 2.0's ref.null takes a reference type byte.
				tpos := r.pos
				b := r.byte()
				if b != 0x70 && b != 0x6F {
					r.fail(tpos, "malformed reference type")
				}
				in.X = uint32(int32(abstractHeap(b)))
				break
			}
			in.X = uint32(int32(d.heapType()))
		case syntax.ImmBrOnCast:
			fpos := r.pos
			flags := r.byte()
			if flags > 3 {
				r.fail(fpos, "malformed br_on_cast flags")
			}
			in.X = r.u32()
			h1, h2 := d.heapType(), d.heapType()
			in.Types = []syntax.ValType{
				syntax.RefType(flags&1 != 0, h1),
				syntax.RefType(flags&2 != 0, h2),
			}
		}
	}
}

// indexImm reads the single index of an ImmIndex instruction, with the
// 2.0 format's reserved zero bytes where 3.0 has memory indices.
func (d *decoder) indexImm(in *syntax.Instr) {
	r := &d.r
	switch in.Op {
	case syntax.OpMemorySize, syntax.OpMemoryGrow, syntax.OpMemoryFill:
		if r.wasm2 {
			in.X = d.zeroByte()
			return
		}
	case syntax.OpDataDrop:
		if d.m.DataCount == nil && d.inCode {
			r.fail(int(in.Offset), "data count section required")
		}
	}
	in.X = r.u32()
}

func (d *decoder) zeroByte() uint32 {
	r := &d.r
	pos := r.pos
	if r.byte() != 0 {
		r.fail(pos, "zero byte expected")
	}
	return 0
}

// memArg reads alignment, memory index and offset. In 3.0, bit 6 of the
// alignment field says a memory index follows, and the offset is 64-bit.
func (d *decoder) memArg(in *syntax.Instr) {
	r := &d.r
	if r.wasm2 {
		pos := r.pos
		if in.X = r.u32(); in.X >= 32 {
			r.fail(pos, "malformed memop flags")
		}
		in.MemOffset = uint64(r.u32())
		return
	}
	pos := r.pos
	flags := r.u32()
	if flags >= 0x80 {
		r.fail(pos, "malformed memop flags")
	}
	if flags&0x40 != 0 {
		in.Y = r.u32()
	}
	in.X = flags & 0x3F
	in.MemOffset = r.u64()
}

func (d *decoder) blockType() syntax.BlockType {
	r := &d.r
	pos := r.pos
	b, _ := r.peek()
	switch {
	case b == 0x40:
		r.pos++
		return syntax.BlockType{}
	case b >= 0x7B && b <= 0x7F, b == 0x70, b == 0x6F,
		!r.wasm2 && (b == 0x63 || b == 0x64 || isAbstractHeapByte(b)):
		return syntax.BlockType{Kind: syntax.BlockValue, Type: d.valType()}
	}
	v := r.sN(33)
	if v < 0 || v > 1<<32-1 {
		r.fail(pos, "malformed block type")
	}
	return syntax.BlockType{Kind: syntax.BlockIndex, Index: uint32(v)}
}
