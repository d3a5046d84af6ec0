package valid

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

var (
	funcRef    = syntax.FuncRef
	exnRefNN   = syntax.RefType(false, syntax.HeapExn)
	eqRef      = syntax.RefType(true, syntax.HeapEq)
	i31RefNull = syntax.RefType(true, syntax.HeapI31)
)

// special checks the instructions typed by their own rules.
func (c *checker) special(in *syntax.Instr) {
	v := c.v
	switch in.Op {
	case syntax.OpUnreachable:
		c.setUnreachable()
	case syntax.OpNop:
	case syntax.OpBlock, syntax.OpLoop:
		p, r := c.blockType(in.Block)
		c.popAll(p)
		c.pushCtrl(in.Op, p, r)
	case syntax.OpIf:
		p, r := c.blockType(in.Block)
		c.pop(syntax.I32)
		c.popAll(p)
		c.pushCtrl(in.Op, p, r)
	case syntax.OpElse:
		f := c.ctrls[len(c.ctrls)-1]
		if f.op != syntax.OpIf {
			c.fail("else without matching if")
		}
		c.popCtrl()
		c.pushCtrl(syntax.OpElse, f.params, f.results)
	case syntax.OpEnd:
		f := c.ctrls[len(c.ctrls)-1]
		if f.op == syntax.OpIf {
			// An if without else: the missing branch passes its
			// parameters through, so they must match the results.
			c.popCtrl()
			c.pushCtrl(syntax.OpElse, f.params, f.results)
		}
		c.popCtrl()
		c.pushAll(f.results)
	case syntax.OpTryTable:
		p, r := c.blockType(in.Block)
		c.popAll(p)
		for _, h := range in.Catches {
			var ts []syntax.ValType
			switch h.Kind {
			case syntax.Catch:
				ts = c.tag(h.Tag).Params
			case syntax.CatchRef:
				ts = append(append([]syntax.ValType{}, c.tag(h.Tag).Params...), exnRefNN)
			case syntax.CatchAllRef:
				ts = []syntax.ValType{exnRefNN}
			}
			lt := c.label(h.Label).labelTypes()
			if !v.env.matchAll(ts, lt) {
				c.fail("type mismatch: catch clause does not match label %d", h.Label)
			}
		}
		c.pushCtrl(in.Op, p, r)
	case syntax.OpThrow:
		c.popAll(c.tag(in.X).Params)
		c.setUnreachable()
	case syntax.OpThrowRef:
		c.pop(syntax.RefType(true, syntax.HeapExn))
		c.setUnreachable()
	case syntax.OpBr:
		c.popAll(c.label(in.X).labelTypes())
		c.setUnreachable()
	case syntax.OpBrIf:
		lt := c.label(in.X).labelTypes()
		c.pop(syntax.I32)
		c.popAll(lt)
		c.pushAll(lt)
	case syntax.OpBrTable:
		c.pop(syntax.I32)
		if len(in.Labels) == 0 {
			c.fail("br_table without a default label")
		}
		def := c.label(in.Labels[len(in.Labels)-1]).labelTypes()
		for _, l := range in.Labels[:len(in.Labels)-1] {
			lt := c.label(l).labelTypes()
			if len(lt) != len(def) {
				c.fail("type mismatch: br_table targets of different arities")
			}
			c.checkLabelArgs(lt)
		}
		c.popAll(def)
		c.setUnreachable()
	case syntax.OpReturn:
		c.popAll(c.results)
		c.setUnreachable()
	case syntax.OpCall:
		ft := c.funcSig(in.X)
		c.popAll(ft.Params)
		c.pushAll(ft.Results)
	case syntax.OpReturnCall:
		ft := c.funcSig(in.X)
		c.tailCall(ft)
	case syntax.OpCallIndirect, syntax.OpReturnCallIndirect:
		t := c.table(in.Y)
		if !v.env.match(t.Elem, funcRef) {
			c.fail("type mismatch: call_indirect on a table of %s", t.Elem)
		}
		ft := c.typeSig(in.X)
		c.pop(v.addrType(t.Table64))
		if in.Op == syntax.OpReturnCallIndirect {
			c.tailCall(ft)
			break
		}
		c.popAll(ft.Params)
		c.pushAll(ft.Results)
	case syntax.OpCallRef, syntax.OpReturnCallRef:
		ft := c.typeSig(in.X)
		c.pop(syntax.RefType(true, syntax.HeapType(in.X)))
		if in.Op == syntax.OpReturnCallRef {
			c.tailCall(ft)
			break
		}
		c.popAll(ft.Params)
		c.pushAll(ft.Results)
	case syntax.OpDrop:
		c.popAny()
	case syntax.OpSelect:
		c.pop(syntax.I32)
		t1, t2 := c.popAny(), c.popAny()
		if t1.Kind == syntax.KindRef || t2.Kind == syntax.KindRef {
			c.fail("type mismatch: select without a type on references")
		}
		if t1 != t2 && t1 != bot && t2 != bot {
			c.fail("type mismatch: select of %s and %s", t2, t1)
		}
		if t1 == bot {
			t1 = t2
		}
		c.push(t1)
	case syntax.OpSelectT:
		if len(in.Types) != 1 {
			c.fail("invalid result arity")
		}
		t := in.Types[0]
		if err := v.valType(c.place(), t); err != nil {
			c.fail("%s", err.(*Error).Msg)
		}
		c.pop(syntax.I32)
		c.pop(t)
		c.pop(t)
		c.push(t)
	case syntax.OpLocalGet:
		t := c.local(in.X)
		if c.nonDefaultable && !defaultable(t) && !c.initSet[in.X] {
			c.fail("uninitialized local %d", in.X)
		}
		c.push(t)
	case syntax.OpLocalSet, syntax.OpLocalTee:
		t := c.local(in.X)
		c.pop(t)
		if c.nonDefaultable && !defaultable(t) && !c.initSet[in.X] {
			c.initSet[in.X] = true
			c.inits = append(c.inits, in.X)
		}
		if in.Op == syntax.OpLocalTee {
			c.push(t)
		}
	case syntax.OpGlobalGet:
		c.push(c.global(in.X).Type)
	case syntax.OpGlobalSet:
		g := c.global(in.X)
		if !g.Mutable {
			// The two editions' reference interpreters word it differently.
			if v.cfg.Wasm2 {
				c.fail("global is immutable")
			}
			c.fail("immutable global")
		}
		c.pop(g.Type)
	case syntax.OpTableGet:
		t := c.table(in.X)
		c.pop(v.addrType(t.Table64))
		c.push(t.Elem)
	case syntax.OpTableSet:
		t := c.table(in.X)
		c.pop(t.Elem)
		c.pop(v.addrType(t.Table64))
	case syntax.OpTableSize:
		c.push(v.addrType(c.table(in.X).Table64))
	case syntax.OpTableGrow:
		t := c.table(in.X)
		a := v.addrType(t.Table64)
		c.pop(a)
		c.pop(t.Elem)
		c.push(a)
	case syntax.OpTableFill:
		t := c.table(in.X)
		a := v.addrType(t.Table64)
		c.pop(a)
		c.pop(t.Elem)
		c.pop(a)
	case syntax.OpTableCopy:
		dst, src := c.table(in.X), c.table(in.Y)
		if !v.env.match(src.Elem, dst.Elem) {
			c.fail("type mismatch: table.copy from %s to %s", src.Elem, dst.Elem)
		}
		c.pop(v.addrType(dst.Table64 && src.Table64))
		c.pop(v.addrType(src.Table64))
		c.pop(v.addrType(dst.Table64))
	case syntax.OpTableInit:
		t := c.table(in.Y)
		e := c.elemSeg(in.X)
		if !v.env.match(e.Type, t.Elem) {
			c.fail("type mismatch: table.init of %s into %s", e.Type, t.Elem)
		}
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(v.addrType(t.Table64))
	case syntax.OpElemDrop:
		c.elemSeg(in.X)
	case syntax.OpMemorySize:
		c.push(v.addrType(c.mem(in.X).Mem64))
	case syntax.OpMemoryGrow:
		a := v.addrType(c.mem(in.X).Mem64)
		c.pop(a)
		c.push(a)
	case syntax.OpMemoryFill:
		a := v.addrType(c.mem(in.X).Mem64)
		c.pop(a)
		c.pop(syntax.I32)
		c.pop(a)
	case syntax.OpMemoryCopy:
		dst, src := c.mem(in.X), c.mem(in.Y)
		c.pop(v.addrType(dst.Mem64 && src.Mem64))
		c.pop(v.addrType(src.Mem64))
		c.pop(v.addrType(dst.Mem64))
	case syntax.OpMemoryInit:
		m := c.mem(in.Y)
		c.dataSeg(in.X)
		c.pop(syntax.I32)
		c.pop(syntax.I32)
		c.pop(v.addrType(m.Mem64))
	case syntax.OpDataDrop:
		c.dataSeg(in.X)
	case syntax.OpRefNull:
		h := syntax.HeapType(int32(in.X))
		c.heap(h)
		c.push(syntax.RefType(true, h))
	case syntax.OpRefIsNull:
		c.popRef()
		c.push(syntax.I32)
	case syntax.OpRefFunc:
		c.funcSig(in.X)
		if !c.constant && !v.refs[in.X] {
			c.fail("undeclared function reference")
		}
		c.push(syntax.RefType(false, syntax.HeapType(v.funcs[in.X])))
	case syntax.OpRefEq:
		c.pop(eqRef)
		c.pop(eqRef)
		c.push(syntax.I32)
	case syntax.OpRefAsNonNull:
		t := c.popRef()
		if t == bot {
			c.push(bot)
			break
		}
		c.push(syntax.RefType(false, t.Heap))
	case syntax.OpBrOnNull:
		lt := c.label(in.X).labelTypes()
		t := c.popRef()
		c.popAll(lt)
		c.pushAll(lt)
		if t == bot {
			c.push(bot)
		} else {
			c.push(syntax.RefType(false, t.Heap))
		}
	case syntax.OpBrOnNonNull:
		lt := c.label(in.X).labelTypes()
		if len(lt) == 0 || lt[len(lt)-1].Kind != syntax.KindRef {
			c.fail("type mismatch: br_on_non_null needs a label ending in a reference")
		}
		t := c.popRef()
		if t != bot && !v.env.match(syntax.RefType(false, t.Heap), lt[len(lt)-1]) {
			c.fail("type mismatch: expected %s, found %s", lt[len(lt)-1], t)
		}
		rest := lt[:len(lt)-1]
		c.popAll(rest)
		c.pushAll(rest)
	default:
		c.gc(in)
	}
}

// tailCall checks a return_call*: the callee's results must match the
// caller's.
func (c *checker) tailCall(ft syntax.FuncType) {
	if !c.v.env.matchAll(ft.Results, c.results) {
		c.fail("type mismatch: tail call results %v do not match the function's %v", ft.Results, c.results)
	}
	c.popAll(ft.Params)
	c.setUnreachable()
}
