package exec

import (
	"encoding/binary"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Garbage collection instructions (Wasm 3.0). They are interpreted from
// their syntax.Instr out of line (opGC), as the rare instructions are,
// except br_on_cast and br_on_cast_fail, which branch (opBrOnCast,
// opBrOnCastFail). Objects live in the store (runtime.Struct, Array); a
// reference is a slot value (see runtime's heap.go).

const (
	msgNullStruct = "null structure reference"
	msgNullArray  = "null array reference"
	msgArrayOOB   = "out of bounds array access"
	msgCast       = "cast failure"
	msgTableOOB   = "out of bounds table access"
)

// unpacked is the operand type of a field: i32 for packed ones.
func unpacked(f syntax.FieldType) syntax.ValType {
	if f.Packed != syntax.PackedNone {
		return syntax.I32
	}
	return f.Type
}

func (c *compiler) subType(x uint32) *syntax.SubType {
	if int(x) < len(c.m.Types) {
		return &c.m.Types[x]
	}
	return &syntax.SubType{Fields: []syntax.FieldType{{Type: syntax.I32}}}
}

func (c *compiler) field(x, y uint32) syntax.FieldType {
	st := c.subType(x)
	if int(y) < len(st.Fields) {
		return st.Fields[y]
	}
	return syntax.FieldType{Type: syntax.I32}
}

// gcInstr compiles a GC instruction; it reports false for other ops.
func (c *compiler) gcInstr(in *syntax.Instr) bool {
	ref := func(nullable bool, x uint32) syntax.ValType { return syntax.RefType(nullable, syntax.HeapType(x)) }
	i32 := syntax.I32
	var ins, outs []syntax.ValType
	switch in.Op {
	case syntax.OpStructNew:
		for _, f := range c.subType(in.X).Fields {
			ins = append(ins, unpacked(f))
		}
		outs = []syntax.ValType{ref(false, in.X)}
	case syntax.OpStructNewDefault:
		outs = []syntax.ValType{ref(false, in.X)}
	case syntax.OpStructGet, syntax.OpStructGetS, syntax.OpStructGetU:
		ins, outs = []syntax.ValType{ref(true, in.X)}, []syntax.ValType{unpacked(c.field(in.X, in.Y))}
	case syntax.OpStructSet:
		ins = []syntax.ValType{ref(true, in.X), unpacked(c.field(in.X, in.Y))}
	case syntax.OpArrayNew:
		ins, outs = []syntax.ValType{unpacked(c.field(in.X, 0)), i32}, []syntax.ValType{ref(false, in.X)}
	case syntax.OpArrayNewDefault:
		ins, outs = []syntax.ValType{i32}, []syntax.ValType{ref(false, in.X)}
	case syntax.OpArrayNewFixed:
		for k := uint32(0); k < in.Y; k++ {
			ins = append(ins, unpacked(c.field(in.X, 0)))
		}
		outs = []syntax.ValType{ref(false, in.X)}
	case syntax.OpArrayNewData, syntax.OpArrayNewElem:
		ins, outs = []syntax.ValType{i32, i32}, []syntax.ValType{ref(false, in.X)}
	case syntax.OpArrayGet, syntax.OpArrayGetS, syntax.OpArrayGetU:
		ins, outs = []syntax.ValType{ref(true, in.X), i32}, []syntax.ValType{unpacked(c.field(in.X, 0))}
	case syntax.OpArraySet:
		ins = []syntax.ValType{ref(true, in.X), i32, unpacked(c.field(in.X, 0))}
	case syntax.OpArrayLen:
		ins, outs = []syntax.ValType{syntax.RefType(true, syntax.HeapArray)}, []syntax.ValType{i32}
	case syntax.OpArrayFill:
		ins = []syntax.ValType{ref(true, in.X), i32, unpacked(c.field(in.X, 0)), i32}
	case syntax.OpArrayCopy:
		ins = []syntax.ValType{ref(true, in.X), i32, ref(true, in.Y), i32, i32}
	case syntax.OpArrayInitData, syntax.OpArrayInitElem:
		ins = []syntax.ValType{ref(true, in.X), i32, i32, i32}
	case syntax.OpRefTest, syntax.OpRefTestNull:
		t := c.pop()
		ins, outs = []syntax.ValType{t}, []syntax.ValType{i32}
		c.emit(opGC, 0, 0, ins, outs)
		c.push(i32)
		return true
	case syntax.OpRefCast, syntax.OpRefCastNull:
		t := c.pop()
		nt := syntax.RefType(in.Op == syntax.OpRefCastNull, syntax.HeapType(int32(in.X)))
		c.emit(opGC, 0, 0, []syntax.ValType{t}, []syntax.ValType{nt})
		c.push(nt)
		return true
	case syntax.OpAnyConvertExtern, syntax.OpExternConvertAny:
		t := c.pop()
		h := syntax.HeapAny
		if in.Op == syntax.OpExternConvertAny {
			h = syntax.HeapExtern
		}
		nt := syntax.RefType(t.Nullable, h)
		c.emit(opGC, 0, 0, []syntax.ValType{t}, []syntax.ValType{nt})
		c.push(nt)
		return true
	case syntax.OpRefI31:
		ins, outs = []syntax.ValType{i32}, []syntax.ValType{syntax.RefType(false, syntax.HeapI31)}
	case syntax.OpI31GetS, syntax.OpI31GetU:
		ins, outs = []syntax.ValType{syntax.RefType(true, syntax.HeapI31)}, []syntax.ValType{i32}
	case syntax.OpBrOnCast, syntax.OpBrOnCastFail:
		c.brOnCast(in)
		return true
	default:
		return false
	}
	c.slowOpAs(opGC, ins, outs)
	return true
}

// slowOpAs pops ins, emits op and pushes outs.
func (c *compiler) slowOpAs(op opcode, ins, outs []syntax.ValType) {
	c.popN(len(ins))
	c.emit(op, 0, 0, ins, outs)
	c.pushAll(outs)
}

// brOnCast compiles br_on_cast and br_on_cast_fail: the reference stays
// on the stack and goes to the label as its last value when the branch is
// taken.
func (c *compiler) brOnCast(in *syntax.Instr) {
	if int(in.X) >= len(c.ctrls) || len(in.Types) != 2 {
		c.fail(in, "unknown label")
		return
	}
	t := &c.ctrls[len(c.ctrls)-1-int(in.X)]
	t1, t2 := in.Types[0], in.Types[1]
	diff := syntax.RefType(t1.Nullable && !t2.Nullable, t1.Heap)
	c.pop()
	taken, rest := t2, diff
	op := opBrOnCast
	if in.Op == syntax.OpBrOnCastFail {
		taken, rest, op = diff, t2, opBrOnCastFail
	}
	c.push(taken)
	keep := slotsOf(t.labelTypes())
	c.branchOp(t, op, keep, c.slots-keep-t.slots, []syntax.ValType{t1}, []syntax.ValType{rest})
	c.pop()
	c.push(rest)
}

// brOnCast executes br_on_cast (fail false) or br_on_cast_fail at the top
// frame, whose pc is past it, and leaves the frame's pc at the next
// instruction or the label.
func (e *Execution) brOnCast(in *inst, fail bool) {
	fr := &e.frames[len(e.frames)-1]
	c := fr.code
	src := c.instrAt(fr.pc - 1)
	ok := e.store.RefTest(e.stack[e.sp-1], fr.inst.Canon(src.Types[1]))
	if ok == fail {
		return
	}
	keep, drop := int(uint32(in.b)), int(in.b>>32)
	copy(e.stack[e.sp-keep-drop:], e.stack[e.sp-keep:e.sp])
	e.sp -= drop
	fr.pc = int(in.a)
}

// gcOp executes the GC instruction at pc of the running frame; it returns
// a trap message or "".
func (e *Execution) gcOp(pc int) string {
	c, inst, s := e.cur, e.inst, e.store
	in := &c.slow[c.insts[pc].a]
	st := e.stack
	sp := e.sp
	defer func() { e.sp = sp }()
	pop := func() uint64 { sp--; return st[sp] }
	push := func(v uint64) { st[sp] = v; sp++ }
	switch in.Op {
	case syntax.OpStructNew, syntax.OpStructNewDefault:
		id := inst.TypeIDs[in.X]
		n := s.Type(id).Slots()
		vals := make([]uint64, n)
		if in.Op == syntax.OpStructNew {
			sp -= n
			copy(vals, st[sp:sp+n])
		}
		o, msg := s.NewStruct(id, vals)
		if msg != "" {
			return msg
		}
		push(s.Ref(o))
	case syntax.OpStructGet, syntax.OpStructGetS, syntax.OpStructGetU:
		o, _ := s.Obj(pop()).(*runtime.Struct)
		if o == nil {
			return msgNullStruct
		}
		ct := s.Type(o.Type)
		sp = e.getField(&o.Fields, ct.Fields[in.Y], s.FieldSlot(o.Type, int(in.Y)), in.Op, sp)
	case syntax.OpStructSet:
		ct := s.Type(inst.TypeIDs[in.X])
		w := slotCount(unpacked(ct.Fields[in.Y]))
		sp -= w
		v := st[sp : sp+w]
		o, _ := s.Obj(pop()).(*runtime.Struct)
		if o == nil {
			return msgNullStruct
		}
		o.Put(s, int(in.Y), v)
	case syntax.OpArrayNew, syntax.OpArrayNewDefault, syntax.OpArrayNewFixed:
		id := inst.TypeIDs[in.X]
		w := s.ElemSlots(id)
		var n uint64
		if in.Op == syntax.OpArrayNewFixed {
			n = uint64(in.Y)
		} else {
			n = uint64(uint32(pop()))
		}
		init := make([]uint64, w)
		if in.Op == syntax.OpArrayNew {
			sp -= w
			copy(init, st[sp:sp+w])
		}
		o, msg := s.NewArray(id, n, init)
		if msg != "" {
			return msg
		}
		if in.Op == syntax.OpArrayNewFixed {
			sp -= int(n) * w
			for i := uint64(0); i < n; i++ {
				o.Put(s, i, st[sp+int(i)*w:])
			}
		}
		push(s.Ref(o))
	case syntax.OpArrayNewData, syntax.OpArrayNewElem:
		n, from := uint64(uint32(pop())), uint64(uint32(pop()))
		id := inst.TypeIDs[in.X]
		vals, msg := e.segment(in.Op == syntax.OpArrayNewData, id, in.Y, from, n)
		if msg != "" {
			return msg
		}
		o, msg := s.NewArray(id, n, make([]uint64, s.ElemSlots(id)))
		if msg != "" {
			return msg
		}
		w := s.ElemSlots(id)
		for i := uint64(0); i < n; i++ {
			o.Put(s, i, vals[int(i)*w:])
		}
		push(s.Ref(o))
	case syntax.OpArrayGet, syntax.OpArrayGetS, syntax.OpArrayGetU:
		i := uint64(uint32(pop()))
		o, _ := s.Obj(pop()).(*runtime.Array)
		if o == nil {
			return msgNullArray
		}
		if i >= o.Len(s) {
			return msgArrayOOB
		}
		ct := s.Type(o.Type)
		sp = e.getField(&o.Fields, ct.Fields[0], int(i)*s.ElemSlots(o.Type), in.Op, sp)
	case syntax.OpArraySet:
		w := s.ElemSlots(inst.TypeIDs[in.X])
		sp -= w
		v := append([]uint64(nil), st[sp:sp+w]...)
		i := uint64(uint32(pop()))
		o, _ := s.Obj(pop()).(*runtime.Array)
		if o == nil {
			return msgNullArray
		}
		if i >= o.Len(s) {
			return msgArrayOOB
		}
		o.Put(s, i, v)
	case syntax.OpArrayLen:
		o, _ := s.Obj(pop()).(*runtime.Array)
		if o == nil {
			return msgNullArray
		}
		push(o.Len(s))
	case syntax.OpArrayFill:
		n := uint64(uint32(pop()))
		w := s.ElemSlots(inst.TypeIDs[in.X])
		sp -= w
		v := append([]uint64(nil), st[sp:sp+w]...)
		d := uint64(uint32(pop()))
		o, _ := s.Obj(pop()).(*runtime.Array)
		if o == nil {
			return msgNullArray
		}
		if d > o.Len(s) || n > o.Len(s)-d {
			return msgArrayOOB
		}
		for i := d; i < d+n; i++ {
			o.Put(s, i, v)
		}
	case syntax.OpArrayCopy:
		n, si := uint64(uint32(pop())), uint64(uint32(pop()))
		so, _ := s.Obj(pop()).(*runtime.Array)
		di := uint64(uint32(pop()))
		do, _ := s.Obj(pop()).(*runtime.Array)
		if so == nil || do == nil {
			return msgNullArray
		}
		if si > so.Len(s) || n > so.Len(s)-si || di > do.Len(s) || n > do.Len(s)-di {
			return msgArrayOOB
		}
		w := uint64(s.ElemSlots(do.Type))
		copy(do.Num[di*w:(di+n)*w], so.Num[si*w:(si+n)*w])
		if do.Obj != nil {
			copy(do.Obj[di*w:(di+n)*w], so.Obj[si*w:(si+n)*w])
		}
	case syntax.OpArrayInitData, syntax.OpArrayInitElem:
		n, from, d := uint64(uint32(pop())), uint64(uint32(pop())), uint64(uint32(pop()))
		o, _ := s.Obj(pop()).(*runtime.Array)
		if o == nil {
			return msgNullArray
		}
		if d > o.Len(s) || n > o.Len(s)-d {
			return msgArrayOOB
		}
		vals, msg := e.segment(in.Op == syntax.OpArrayInitData, o.Type, in.Y, from, n)
		if msg != "" {
			return msg
		}
		w := s.ElemSlots(o.Type)
		for i := uint64(0); i < n; i++ {
			o.Put(s, d+i, vals[int(i)*w:])
		}
	case syntax.OpRefTest, syntax.OpRefTestNull:
		t := inst.Canon(syntax.RefType(in.Op == syntax.OpRefTestNull, syntax.HeapType(int32(in.X))))
		push(b2u(s.RefTest(pop(), t)))
	case syntax.OpRefCast, syntax.OpRefCastNull:
		t := inst.Canon(syntax.RefType(in.Op == syntax.OpRefCastNull, syntax.HeapType(int32(in.X))))
		if !s.RefTest(st[sp-1], t) {
			return msgCast
		}
	case syntax.OpAnyConvertExtern, syntax.OpExternConvertAny:
		// The same slot value in either hierarchy (see runtime's heap.go).
	case syntax.OpRefI31:
		push(runtime.I31Ref(uint32(pop())))
	case syntax.OpI31GetS, syntax.OpI31GetU:
		r := pop()
		if r == 0 {
			return "null i31 reference"
		}
		v := uint32(r) & 0x7fffffff
		if in.Op == syntax.OpI31GetS {
			v = uint32(int32(v<<1) >> 1)
		}
		push(uint64(v))
	default:
		return "internal error: " + in.Op.String() + " is not implemented"
	}
	return ""
}

// getField pushes the field of f of type ft at slot k, extending a packed
// one as op says, and returns the new stack pointer.
func (e *Execution) getField(f *runtime.Fields, ft syntax.FieldType, k int, op syntax.Op, sp int) int {
	v := f.Get(e.store, k)
	signed := op == syntax.OpStructGetS || op == syntax.OpArrayGetS
	switch ft.Packed {
	case syntax.PackedI8:
		if signed {
			v = uint64(uint32(int32(int8(v))))
		}
	case syntax.PackedI16:
		if signed {
			v = uint64(uint32(int32(int16(v))))
		}
	}
	e.stack[sp] = v
	sp++
	if ft.Packed == syntax.PackedNone && ft.Type.Kind == syntax.KindV128 {
		e.stack[sp] = f.Num[k+1]
		sp++
	}
	return sp
}

// segment reads n elements of array type id from data segment (data) or
// element segment idx, starting at from: their slot values.
func (e *Execution) segment(data bool, id, idx uint32, from, n uint64) ([]uint64, string) {
	s := e.store
	ft := s.Type(id).Fields[0]
	if !data {
		seg := e.inst.Elems[idx]
		if from > uint64(len(seg)) || n > uint64(len(seg))-from {
			return nil, msgTableOOB
		}
		return seg[from : from+n], ""
	}
	seg := e.inst.Datas[idx]
	size := uint64(fieldBytes(ft))
	if from > uint64(len(seg)) || n > (uint64(len(seg))-from)/size {
		return nil, msgOOB
	}
	w := s.ElemSlots(id)
	vals := make([]uint64, int(n)*w)
	for i := uint64(0); i < n; i++ {
		b := seg[from+i*size:]
		k := int(i) * w
		switch size {
		case 1:
			vals[k] = uint64(b[0])
		case 2:
			vals[k] = uint64(binary.LittleEndian.Uint16(b))
		case 4:
			vals[k] = uint64(binary.LittleEndian.Uint32(b))
		case 8:
			vals[k] = binary.LittleEndian.Uint64(b)
		default:
			vals[k], vals[k+1] = binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		}
	}
	return vals, ""
}

// fieldBytes is the size of a numeric field in a data segment.
func fieldBytes(f syntax.FieldType) int {
	switch {
	case f.Packed == syntax.PackedI8:
		return 1
	case f.Packed == syntax.PackedI16:
		return 2
	}
	switch f.Type.Kind {
	case syntax.KindI32, syntax.KindF32:
		return 4
	case syntax.KindV128:
		return 16
	}
	return 8
}
