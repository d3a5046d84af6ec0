package valid

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// unpacked is the operand type of a field: i32 for packed fields.
func unpacked(f syntax.FieldType) syntax.ValType {
	if f.Packed != syntax.PackedNone {
		return syntax.I32
	}
	return f.Type
}

func (c *checker) compType(x uint32, k syntax.CompKind, what string) *syntax.SubType {
	if int(x) >= len(c.v.m.Types) {
		c.fail("unknown type %d", x)
	}
	st := &c.v.m.Types[x]
	if st.Kind != k {
		c.fail("type mismatch: type %d is not %s type", x, what)
	}
	return st
}

func (c *checker) structField(x, y uint32) syntax.FieldType {
	st := c.compType(x, syntax.CompStruct, "a struct")
	if int(y) >= len(st.Fields) {
		c.fail("unknown field %d", y)
	}
	return st.Fields[y]
}

func (c *checker) arrayElem(x uint32) syntax.FieldType {
	return c.compType(x, syntax.CompArray, "an array").Fields[0]
}

func (c *checker) mutableArray(x uint32) syntax.FieldType {
	f := c.arrayElem(x)
	if !f.Mutable {
		c.fail("immutable array")
	}
	return f
}

func (c *checker) numericArray(f syntax.FieldType) {
	if f.Packed == syntax.PackedNone && f.Type.Kind == syntax.KindRef {
		c.fail("array type is not numeric or vector")
	}
}

// refOf is (ref null? x) for a type index.
func refOf(nullable bool, x uint32) syntax.ValType {
	return syntax.RefType(nullable, syntax.HeapType(x))
}

// diff is rt1 \ rt2: what is left of rt1 when the cast to rt2 failed.
func diff(t1, t2 syntax.ValType) syntax.ValType {
	return syntax.RefType(t1.Nullable && !t2.Nullable, t1.Heap)
}

// gc checks the garbage-collection instructions of Wasm 3.0.
func (c *checker) gc(in *syntax.Instr) {
	v := c.v
	switch in.Op {
	case syntax.OpStructNew:
		st := c.compType(in.X, syntax.CompStruct, "a struct")
		for i := len(st.Fields) - 1; i >= 0; i-- {
			c.pop(unpacked(st.Fields[i]))
		}
		c.push(refOf(false, in.X))
	case syntax.OpStructNewDefault:
		st := c.compType(in.X, syntax.CompStruct, "a struct")
		for _, f := range st.Fields {
			if f.Packed == syntax.PackedNone && !defaultable(f.Type) {
				c.fail("type mismatch: field type %s is not defaultable", f.Type)
			}
		}
		c.push(refOf(false, in.X))
	case syntax.OpStructGet, syntax.OpStructGetS, syntax.OpStructGetU:
		f := c.structField(in.X, in.Y)
		if (in.Op == syntax.OpStructGet) != (f.Packed == syntax.PackedNone) {
			c.fail("type mismatch: field %d is packed only for get_s and get_u", in.Y)
		}
		c.pop(refOf(true, in.X))
		c.push(unpacked(f))
	case syntax.OpStructSet:
		f := c.structField(in.X, in.Y)
		if !f.Mutable {
			c.fail("immutable field")
		}
		c.pop(unpacked(f))
		c.pop(refOf(true, in.X))
	case syntax.OpArrayNew:
		f := c.arrayElem(in.X)
		c.pop(syntax.I32)
		c.pop(unpacked(f))
		c.push(refOf(false, in.X))
	case syntax.OpArrayNewDefault:
		f := c.arrayElem(in.X)
		if f.Packed == syntax.PackedNone && !defaultable(f.Type) {
			c.fail("type mismatch: array element type %s is not defaultable", f.Type)
		}
		c.pop(syntax.I32)
		c.push(refOf(false, in.X))
	case syntax.OpArrayNewFixed:
		f := c.arrayElem(in.X)
		t := unpacked(f)
		if uint64(in.Y) > uint64(len(c.stack)) && !c.ctrls[len(c.ctrls)-1].unreachable {
			c.fail("type mismatch: array.new_fixed of %d values", in.Y)
		}
		for i := uint32(0); i < in.Y; i++ {
			c.pop(t)
		}
		c.push(refOf(false, in.X))
	case syntax.OpArrayNewData:
		f := c.arrayElem(in.X)
		c.numericArray(f)
		c.dataSeg(in.Y)
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.push(refOf(false, in.X))
	case syntax.OpArrayNewElem:
		f := c.arrayElem(in.X)
		e := c.elemSeg(in.Y)
		if !v.env.match(e.Type, unpacked(f)) {
			c.fail("type mismatch: elements of %s for an array of %s", e.Type, unpacked(f))
		}
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.push(refOf(false, in.X))
	case syntax.OpArrayGet, syntax.OpArrayGetS, syntax.OpArrayGetU:
		f := c.arrayElem(in.X)
		if (in.Op == syntax.OpArrayGet) != (f.Packed == syntax.PackedNone) {
			c.fail("type mismatch: array element is packed only for get_s and get_u")
		}
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
		c.push(unpacked(f))
	case syntax.OpArraySet:
		f := c.mutableArray(in.X)
		c.pop(unpacked(f))
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
	case syntax.OpArrayLen:
		c.pop(syntax.RefType(true, syntax.HeapArray))
		c.push(syntax.I32)
	case syntax.OpArrayFill:
		f := c.mutableArray(in.X)
		c.pop(syntax.I32)
		c.pop(unpacked(f))
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
	case syntax.OpArrayCopy:
		dst := c.mutableArray(in.X)
		src := c.arrayElem(in.Y)
		ok := dst.Packed == src.Packed
		if ok && dst.Packed == syntax.PackedNone {
			ok = v.env.match(src.Type, dst.Type)
		}
		if !ok {
			c.fail("array types do not match")
		}
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(refOf(true, in.Y))
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
	case syntax.OpArrayInitData:
		f := c.mutableArray(in.X)
		c.numericArray(f)
		c.dataSeg(in.Y)
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
	case syntax.OpArrayInitElem:
		f := c.mutableArray(in.X)
		e := c.elemSeg(in.Y)
		if !v.env.match(e.Type, unpacked(f)) {
			c.fail("type mismatch: elements of %s for an array of %s", e.Type, unpacked(f))
		}
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(refOf(true, in.X))
	case syntax.OpRefTest, syntax.OpRefTestNull, syntax.OpRefCast, syntax.OpRefCastNull:
		h := syntax.HeapType(int32(in.X))
		c.heap(h)
		rt := syntax.RefType(in.Op == syntax.OpRefTestNull || in.Op == syntax.OpRefCastNull, h)
		c.pop(syntax.RefType(true, v.env.topOf(h)))
		if in.Op == syntax.OpRefTest || in.Op == syntax.OpRefTestNull {
			c.push(syntax.I32)
		} else {
			c.push(rt)
		}
	case syntax.OpBrOnCast, syntax.OpBrOnCastFail:
		if len(in.Types) != 2 {
			c.fail("type mismatch: br_on_cast needs two reference types")
		}
		t1, t2 := in.Types[0], in.Types[1]
		c.heap(t1.Heap)
		c.heap(t2.Heap)
		if !v.env.match(t2, t1) {
			c.fail("type mismatch: cast type %s is not a subtype of %s", t2, t1)
		}
		lt := c.label(in.X).labelTypes()
		if len(lt) == 0 {
			c.fail("type mismatch: label %d has no reference type", in.X)
		}
		branch, fall := t2, diff(t1, t2)
		if in.Op == syntax.OpBrOnCastFail {
			branch, fall = fall, t2
		}
		if !v.env.match(branch, lt[len(lt)-1]) {
			c.fail("type mismatch: expected %s, found %s", lt[len(lt)-1], branch)
		}
		c.pop(t1)
		rest := lt[:len(lt)-1]
		c.popAll(rest)
		c.pushAll(rest)
		c.push(fall)
	case syntax.OpAnyConvertExtern, syntax.OpExternConvertAny:
		from, to := syntax.HeapExtern, syntax.HeapAny
		if in.Op == syntax.OpExternConvertAny {
			from, to = to, from
		}
		t := c.pop(syntax.RefType(true, from))
		c.push(syntax.RefType(t == bot || t.Nullable, to))
	case syntax.OpRefI31:
		c.pop(syntax.I32)
		c.push(syntax.RefType(false, syntax.HeapI31))
	case syntax.OpI31GetS, syntax.OpI31GetU:
		c.pop(i31RefNull)
		c.push(syntax.I32)
	default:
		c.fail("unknown operator %#x", uint32(in.Op))
	}
}
