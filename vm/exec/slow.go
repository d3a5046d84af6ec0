package exec

import (
	"encoding/binary"

	"github.com/wasmscope/wasmscope/vm/internal/numeric"
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// slow interprets the rare instructions from their syntax.Instr: memory
// access to memories other than 0 or to 64-bit memories, SIMD memory and
// lane ops, bulk memory and table ops, saturating truncation. It works on
// e.stack and e.sp and returns a trap message or "".
func (e *Execution) slow(pc int) string {
	c, inst := e.cur, e.inst
	in := &c.slow[c.insts[pc].a]
	st := e.stack
	sp := e.sp
	pop := func() uint64 { sp--; return st[sp] }
	push := func(v uint64) { st[sp] = v; sp++ }
	pop128 := func() numeric.V128 { sp -= 2; return numeric.V128{Lo: st[sp], Hi: st[sp+1]} }
	push128 := func(v numeric.V128) { st[sp], st[sp+1] = v.Lo, v.Hi; sp += 2 }
	defer func() { e.sp = sp }()

	info, _ := syntax.Info(in.Op)
	if info.Imm == syntax.ImmMemArg || info.Imm == syntax.ImmMemLane {
		return e.memOp(in, inst.Mems[in.Y], &sp)
	}
	switch in.Op {
	case syntax.OpMemorySize:
		push(inst.Mems[in.X].Pages())
	case syntax.OpMemoryGrow:
		m := inst.Mems[in.X]
		d := pop()
		if !m.Type.Mem64 {
			d = uint64(uint32(d))
		}
		r := m.Grow(d)
		if m.Type.Mem64 {
			push(uint64(r))
		} else {
			push(uint64(uint32(int32(r))))
		}
	case syntax.OpI32TruncSatF32S:
		push(uint64(uint32(numeric.I32TruncSatF32S(f32(pop())))))
	case syntax.OpI32TruncSatF32U:
		push(uint64(numeric.I32TruncSatF32U(f32(pop()))))
	case syntax.OpI32TruncSatF64S:
		push(uint64(uint32(numeric.I32TruncSatF64S(f64(pop())))))
	case syntax.OpI32TruncSatF64U:
		push(uint64(numeric.I32TruncSatF64U(f64(pop()))))
	case syntax.OpI64TruncSatF32S:
		push(uint64(numeric.I64TruncSatF32S(f32(pop()))))
	case syntax.OpI64TruncSatF32U:
		push(numeric.I64TruncSatF32U(f32(pop())))
	case syntax.OpI64TruncSatF64S:
		push(uint64(numeric.I64TruncSatF64S(f64(pop()))))
	case syntax.OpI64TruncSatF64U:
		push(numeric.I64TruncSatF64U(f64(pop())))
	case syntax.OpMemoryInit:
		n, s, d := uint64(uint32(pop())), uint64(uint32(pop())), e.addr(pop(), inst.Mems[in.Y].Type.Mem64)
		if inst.Datas[in.X] == nil && n == 0 && s == 0 {
			// A dropped segment behaves as empty.
			if d > uint64(len(inst.Mems[in.Y].Data)) {
				return msgOOB
			}
			return ""
		}
		return inst.MemoryInit(in.Y, in.X, d, s, n)
	case syntax.OpDataDrop:
		inst.Datas[in.X] = nil
	case syntax.OpMemoryCopy:
		dm, sm := inst.Mems[in.X], inst.Mems[in.Y]
		n := pop()
		s, d := e.addr(pop(), sm.Type.Mem64), e.addr(pop(), dm.Type.Mem64)
		if !(dm.Type.Mem64 && sm.Type.Mem64) {
			n = uint64(uint32(n))
		}
		if s > uint64(len(sm.Data)) || n > uint64(len(sm.Data))-s || d > uint64(len(dm.Data)) || n > uint64(len(dm.Data))-d {
			return msgOOB
		}
		copy(dm.Data[d:d+n], sm.Data[s:s+n])
	case syntax.OpMemoryFill:
		m := inst.Mems[in.X]
		n := e.addr(pop(), m.Type.Mem64)
		v := byte(pop())
		d := e.addr(pop(), m.Type.Mem64)
		if d > uint64(len(m.Data)) || n > uint64(len(m.Data))-d {
			return msgOOB
		}
		b := m.Data[d : d+n]
		for i := range b {
			b[i] = v
		}
	case syntax.OpTableGet:
		t := inst.Tables[in.X]
		i := e.addr(pop(), t.Type.Table64)
		if i >= uint64(len(t.Elems)) {
			return "out of bounds table access"
		}
		push(t.Elems[i])
	case syntax.OpTableSet:
		t := inst.Tables[in.X]
		v := pop()
		i := e.addr(pop(), t.Type.Table64)
		if i >= uint64(len(t.Elems)) {
			return "out of bounds table access"
		}
		t.Elems[i] = v
	case syntax.OpTableSize:
		push(uint64(len(inst.Tables[in.X].Elems)))
	case syntax.OpTableGrow:
		t := inst.Tables[in.X]
		n := e.addr(pop(), t.Type.Table64)
		v := pop()
		r := t.Grow(n, v)
		if t.Type.Table64 {
			push(uint64(r))
		} else {
			push(uint64(uint32(int32(r))))
		}
	case syntax.OpTableFill:
		t := inst.Tables[in.X]
		n := e.addr(pop(), t.Type.Table64)
		v := pop()
		d := e.addr(pop(), t.Type.Table64)
		if d > uint64(len(t.Elems)) || n > uint64(len(t.Elems))-d {
			return "out of bounds table access"
		}
		for i := d; i < d+n; i++ {
			t.Elems[i] = v
		}
	case syntax.OpTableInit:
		t := inst.Tables[in.Y]
		n, s, d := uint64(uint32(pop())), uint64(uint32(pop())), e.addr(pop(), t.Type.Table64)
		if inst.Elems[in.X] == nil && n == 0 && s == 0 {
			if d > uint64(len(t.Elems)) {
				return "out of bounds table access"
			}
			return ""
		}
		return inst.TableInit(in.Y, in.X, d, s, n)
	case syntax.OpElemDrop:
		inst.Elems[in.X] = nil
	case syntax.OpTableCopy:
		dt, stt := inst.Tables[in.X], inst.Tables[in.Y]
		n := pop()
		s, d := e.addr(pop(), stt.Type.Table64), e.addr(pop(), dt.Type.Table64)
		if !(dt.Type.Table64 && stt.Type.Table64) {
			n = uint64(uint32(n))
		}
		if s > uint64(len(stt.Elems)) || n > uint64(len(stt.Elems))-s || d > uint64(len(dt.Elems)) || n > uint64(len(dt.Elems))-d {
			return "out of bounds table access"
		}
		copy(dt.Elems[d:d+n], stt.Elems[s:s+n])
	case syntax.OpRefAsNonNull:
		if st[sp-1] == 0 {
			return "null reference"
		}
	case syntax.OpI8x16Shuffle:
		b := pop128()
		a := pop128()
		var lanes [16]byte
		binary.LittleEndian.PutUint64(lanes[:8], in.Const)
		binary.LittleEndian.PutUint64(lanes[8:], in.Const2)
		ab, bb := a.Bytes(), b.Bytes()
		var r [16]byte
		for i, l := range lanes {
			if l < 16 {
				r[i] = ab[l]
			} else {
				r[i] = bb[l&15]
			}
		}
		push128(numeric.FromBytes(r))
	case syntax.OpI8x16ExtractLaneS:
		push(uint64(uint32(int32(int8(pop128().U8(int(in.Lane)))))))
	case syntax.OpI8x16ExtractLaneU:
		push(uint64(pop128().U8(int(in.Lane))))
	case syntax.OpI16x8ExtractLaneS:
		push(uint64(uint32(int32(int16(pop128().U16(int(in.Lane)))))))
	case syntax.OpI16x8ExtractLaneU:
		push(uint64(pop128().U16(int(in.Lane))))
	case syntax.OpI32x4ExtractLane, syntax.OpF32x4ExtractLane:
		push(uint64(pop128().U32(int(in.Lane))))
	case syntax.OpI64x2ExtractLane, syntax.OpF64x2ExtractLane:
		push(pop128().U64(int(in.Lane)))
	case syntax.OpI8x16ReplaceLane:
		x := pop()
		push128(pop128().WithU8(int(in.Lane), uint8(x)))
	case syntax.OpI16x8ReplaceLane:
		x := pop()
		push128(pop128().WithU16(int(in.Lane), uint16(x)))
	case syntax.OpI32x4ReplaceLane, syntax.OpF32x4ReplaceLane:
		x := pop()
		push128(pop128().WithU32(int(in.Lane), uint32(x)))
	case syntax.OpI64x2ReplaceLane, syntax.OpF64x2ReplaceLane:
		x := pop()
		push128(pop128().WithU64(int(in.Lane), x))
	default:
		return "internal error: " + in.Op.String() + " is not implemented"
	}
	return ""
}

// addr reads an address operand of a 32- or 64-bit memory or table.
func (e *Execution) addr(v uint64, is64 bool) uint64 {
	if is64 {
		return v
	}
	return uint64(uint32(v))
}

// memOp performs a load or store on memory m; *spp is the stack pointer.
func (e *Execution) memOp(in *syntax.Instr, m *runtime.Memory, spp *int) string {
	st := e.stack
	sp := *spp
	defer func() { *spp = sp }()
	size := memSize(in.Op)
	store := isStore(in.Op)
	lane := in.Op >= syntax.OpV128Load8Lane && in.Op <= syntax.OpV128Store64Lane
	// Operands: address, then the value (stores and lane loads).
	var val [2]uint64
	switch {
	case in.Op == syntax.OpV128Store || lane:
		sp -= 2
		val[0], val[1] = st[sp], st[sp+1]
	case store:
		sp--
		val[0] = st[sp]
	}
	sp--
	a := e.addr(st[sp], m.Type.Mem64)
	ea := a + in.MemOffset
	if ea < a || ea > uint64(len(m.Data)) || uint64(size) > uint64(len(m.Data))-ea {
		return msgOOB
	}
	b := m.Data[ea : ea+uint64(size)]
	v := numeric.V128{Lo: val[0], Hi: val[1]}
	if store {
		switch in.Op {
		case syntax.OpV128Store:
			binary.LittleEndian.PutUint64(b, v.Lo)
			binary.LittleEndian.PutUint64(b[8:], v.Hi)
		case syntax.OpV128Store8Lane:
			b[0] = v.U8(int(in.Lane))
		case syntax.OpV128Store16Lane:
			binary.LittleEndian.PutUint16(b, v.U16(int(in.Lane)))
		case syntax.OpV128Store32Lane:
			binary.LittleEndian.PutUint32(b, v.U32(int(in.Lane)))
		case syntax.OpV128Store64Lane:
			binary.LittleEndian.PutUint64(b, v.U64(int(in.Lane)))
		default:
			var tmp [8]byte
			binary.LittleEndian.PutUint64(tmp[:], val[0])
			copy(b, tmp[:size])
		}
		return ""
	}
	var r numeric.V128
	switch in.Op {
	case syntax.OpI32Load, syntax.OpF32Load, syntax.OpI64Load32U:
		r.Lo = uint64(binary.LittleEndian.Uint32(b))
	case syntax.OpI64Load, syntax.OpF64Load:
		r.Lo = binary.LittleEndian.Uint64(b)
	case syntax.OpI32Load8S:
		r.Lo = uint64(uint32(int32(int8(b[0]))))
	case syntax.OpI32Load8U, syntax.OpI64Load8U:
		r.Lo = uint64(b[0])
	case syntax.OpI32Load16S:
		r.Lo = uint64(uint32(int32(int16(binary.LittleEndian.Uint16(b)))))
	case syntax.OpI32Load16U, syntax.OpI64Load16U:
		r.Lo = uint64(binary.LittleEndian.Uint16(b))
	case syntax.OpI64Load8S:
		r.Lo = uint64(int64(int8(b[0])))
	case syntax.OpI64Load16S:
		r.Lo = uint64(int64(int16(binary.LittleEndian.Uint16(b))))
	case syntax.OpI64Load32S:
		r.Lo = uint64(int64(int32(binary.LittleEndian.Uint32(b))))
	case syntax.OpV128Load:
		r = numeric.V128{Lo: binary.LittleEndian.Uint64(b), Hi: binary.LittleEndian.Uint64(b[8:])}
	case syntax.OpV128Load8x8S, syntax.OpV128Load8x8U:
		var h [8]uint16
		for i := range h {
			if in.Op == syntax.OpV128Load8x8S {
				h[i] = uint16(int16(int8(b[i])))
			} else {
				h[i] = uint16(b[i])
			}
		}
		r = numeric.FromU16s(h)
	case syntax.OpV128Load16x4S, syntax.OpV128Load16x4U:
		var w [4]uint32
		for i := range w {
			x := binary.LittleEndian.Uint16(b[2*i:])
			if in.Op == syntax.OpV128Load16x4S {
				w[i] = uint32(int32(int16(x)))
			} else {
				w[i] = uint32(x)
			}
		}
		r = numeric.FromU32s(w)
	case syntax.OpV128Load32x2S, syntax.OpV128Load32x2U:
		x0, x1 := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:])
		if in.Op == syntax.OpV128Load32x2S {
			r = numeric.V128{Lo: uint64(int64(int32(x0))), Hi: uint64(int64(int32(x1)))}
		} else {
			r = numeric.V128{Lo: uint64(x0), Hi: uint64(x1)}
		}
	case syntax.OpV128Load8Splat:
		x := uint64(b[0]) * 0x0101010101010101
		r = numeric.V128{Lo: x, Hi: x}
	case syntax.OpV128Load16Splat:
		x := uint64(binary.LittleEndian.Uint16(b)) * 0x0001000100010001
		r = numeric.V128{Lo: x, Hi: x}
	case syntax.OpV128Load32Splat:
		x := uint64(binary.LittleEndian.Uint32(b)) * 0x0000000100000001
		r = numeric.V128{Lo: x, Hi: x}
	case syntax.OpV128Load64Splat:
		x := binary.LittleEndian.Uint64(b)
		r = numeric.V128{Lo: x, Hi: x}
	case syntax.OpV128Load32Zero:
		r.Lo = uint64(binary.LittleEndian.Uint32(b))
	case syntax.OpV128Load64Zero:
		r.Lo = binary.LittleEndian.Uint64(b)
	case syntax.OpV128Load8Lane:
		r = v.WithU8(int(in.Lane), b[0])
	case syntax.OpV128Load16Lane:
		r = v.WithU16(int(in.Lane), binary.LittleEndian.Uint16(b))
	case syntax.OpV128Load32Lane:
		r = v.WithU32(int(in.Lane), binary.LittleEndian.Uint32(b))
	case syntax.OpV128Load64Lane:
		r = v.WithU64(int(in.Lane), binary.LittleEndian.Uint64(b))
	default:
		return "internal error: " + in.Op.String() + " is not implemented"
	}
	st[sp] = r.Lo
	sp++
	info, _ := syntax.Info(in.Op)
	if info.Sig[len(info.Sig)-1] == 'v' {
		st[sp] = r.Hi
		sp++
	}
	return ""
}

// memSize is the number of bytes a memory instruction accesses.
func memSize(op syntax.Op) int {
	switch op {
	case syntax.OpI32Load8S, syntax.OpI32Load8U, syntax.OpI64Load8S, syntax.OpI64Load8U,
		syntax.OpI32Store8, syntax.OpI64Store8, syntax.OpV128Load8Splat, syntax.OpV128Load8Lane, syntax.OpV128Store8Lane:
		return 1
	case syntax.OpI32Load16S, syntax.OpI32Load16U, syntax.OpI64Load16S, syntax.OpI64Load16U,
		syntax.OpI32Store16, syntax.OpI64Store16, syntax.OpV128Load16Splat, syntax.OpV128Load16Lane, syntax.OpV128Store16Lane:
		return 2
	case syntax.OpI32Load, syntax.OpF32Load, syntax.OpI64Load32S, syntax.OpI64Load32U,
		syntax.OpI32Store, syntax.OpF32Store, syntax.OpI64Store32, syntax.OpV128Load32Splat,
		syntax.OpV128Load32Zero, syntax.OpV128Load32Lane, syntax.OpV128Store32Lane:
		return 4
	case syntax.OpV128Load, syntax.OpV128Store:
		return 16
	}
	return 8
}

func isStore(op syntax.Op) bool {
	switch op {
	case syntax.OpI32Store, syntax.OpI64Store, syntax.OpF32Store, syntax.OpF64Store,
		syntax.OpI32Store8, syntax.OpI32Store16, syntax.OpI64Store8, syntax.OpI64Store16, syntax.OpI64Store32,
		syntax.OpV128Store, syntax.OpV128Store8Lane, syntax.OpV128Store16Lane, syntax.OpV128Store32Lane, syntax.OpV128Store64Lane:
		return true
	}
	return false
}
