package text

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// typeField parses (type ...) or (rec (type ...)*).
func (mp *modParser) typeField() error {
	if mp.is(mp.peekAt(1), "rec") {
		mp.i += 2
		start := uint32(len(mp.m.Types))
		for mp.peekForm("type") {
			if err := mp.typeDef(); err != nil {
				return err
			}
		}
		for i := start; i < uint32(len(mp.m.Types)); i++ {
			mp.m.Types[i].RecStart, mp.m.Types[i].RecSize = start, uint32(len(mp.m.Types))-start
		}
		return mp.expectR()
	}
	n := uint32(len(mp.m.Types))
	if err := mp.typeDef(); err != nil {
		return err
	}
	mp.m.Types[n].RecStart, mp.m.Types[n].RecSize = n, 1
	return nil
}

// typeDef parses one (type $id? subtype) and appends it.
func (mp *modParser) typeDef() error {
	mp.i += 2
	if _, _, _, err := mp.optID(); err != nil {
		return err
	}
	idx := uint32(len(mp.m.Types))
	st := syntax.SubType{Final: true}
	sub := mp.peekForm("sub")
	if sub {
		mp.i += 2
		st.Final = false
		if mp.is(mp.peek(), "final") {
			st.Final = true
			mp.i++
		}
		for mp.isIndex() {
			x, err := mp.index(spType)
			if err != nil {
				return err
			}
			st.Supers = append(st.Supers, x)
		}
	}
	if err := mp.compType(&st, idx); err != nil {
		return err
	}
	mp.m.Types = append(mp.m.Types, st)
	if sub {
		if err := mp.expectR(); err != nil {
			return err
		}
	}
	return mp.expectR()
}

// compType parses (func ...), (struct ...) or (array ...).
func (mp *modParser) compType(st *syntax.SubType, idx uint32) error {
	if err := mp.expectL(); err != nil {
		return err
	}
	t := mp.next()
	switch {
	case mp.is(t, "func"):
		st.Kind = syntax.CompFunc
		ps, _, _, err := mp.params(true)
		if err != nil {
			return err
		}
		rs, err := mp.results()
		if err != nil {
			return err
		}
		st.Func = syntax.FuncType{Params: ps, Results: rs}
	case mp.is(t, "struct"):
		st.Kind = syntax.CompStruct
		st.Fields = []syntax.FieldType{}
		for mp.peekForm("field") {
			mp.i += 2
			if id := mp.peek(); id.kind == tID {
				name, _, _, err := mp.optID()
				if err != nil {
					return err
				}
				if err := mp.bindField(idx, uint32(len(st.Fields)), name, id); err != nil {
					return err
				}
				ft, err := mp.fieldType()
				if err != nil {
					return err
				}
				st.Fields = append(st.Fields, ft)
			} else {
				for mp.peek().kind != tRParen {
					ft, err := mp.fieldType()
					if err != nil {
						return err
					}
					st.Fields = append(st.Fields, ft)
				}
			}
			if err := mp.expectR(); err != nil {
				return err
			}
		}
	case mp.is(t, "array"):
		st.Kind = syntax.CompArray
		ft, err := mp.fieldType()
		if err != nil {
			return err
		}
		st.Fields = []syntax.FieldType{ft}
	default:
		return mp.unexpected(t, "'func', 'struct' or 'array'")
	}
	return mp.expectR()
}

func (mp *modParser) bindField(typeIdx, fieldIdx uint32, name string, t token) error {
	ids := mp.fieldIDs[typeIdx]
	if ids == nil {
		ids = map[string]uint32{}
		mp.fieldIDs[typeIdx] = ids
	}
	if _, dup := ids[name]; dup {
		return mp.errAt(t, "duplicate field $%s", name)
	}
	ids[name] = fieldIdx
	if mp.m.Names.Fields == nil {
		mp.m.Names.Fields = map[uint32]map[uint32]string{}
	}
	if mp.m.Names.Fields[typeIdx] == nil {
		mp.m.Names.Fields[typeIdx] = map[uint32]string{}
	}
	mp.m.Names.Fields[typeIdx][fieldIdx] = name
	return nil
}

// fieldType parses storagetype or (mut storagetype).
func (mp *modParser) fieldType() (syntax.FieldType, error) {
	var ft syntax.FieldType
	mut := mp.peekForm("mut")
	if mut {
		mp.i += 2
		ft.Mutable = true
	}
	switch t := mp.peek(); {
	case mp.is(t, "i8"):
		ft.Packed = syntax.PackedI8
		mp.i++
	case mp.is(t, "i16"):
		ft.Packed = syntax.PackedI16
		mp.i++
	default:
		vt, err := mp.valType()
		if err != nil {
			return ft, err
		}
		ft.Type = vt
	}
	if mut {
		return ft, mp.expectR()
	}
	return ft, nil
}

// funcField parses (func $id? (export ...)* (import ...)? typeuse local* instr*).
func (mp *modParser) funcField() error {
	idx, err := mp.fieldStart(spFunc)
	if err != nil {
		return err
	}
	if err := mp.inlineExports(syntax.ExternFunc, idx); err != nil {
		return err
	}
	mod, name, imp, err := mp.inlineImport()
	if err != nil {
		return err
	}
	tu, err := mp.typeUse(true)
	if err != nil {
		return err
	}
	if imp {
		mp.m.Imports = append(mp.m.Imports, syntax.Import{Module: mod, Name: name, Kind: syntax.ExternFunc, Func: tu.idx})
		return mp.expectR()
	}
	fc := &funcCtx{locals: map[string]uint32{}, funcIdx: idx}
	for i, n := range tu.paramNames {
		if n != "" {
			if err := mp.bindLocal(fc, n, tu.paramToks[i], uint32(i)); err != nil {
				return err
			}
		}
	}
	f := syntax.Func{Type: tu.idx}
	nlocals := uint32(tu.nparams)
	for mp.peekForm("local") {
		mp.i += 2
		if t := mp.peek(); t.kind == tID {
			n, _, _, err := mp.optID()
			if err != nil {
				return err
			}
			if err := mp.bindLocal(fc, n, t, nlocals); err != nil {
				return err
			}
			vt, err := mp.valType()
			if err != nil {
				return err
			}
			f.Locals = addLocal(f.Locals, vt)
			nlocals++
		} else {
			for mp.peek().kind != tRParen {
				vt, err := mp.valType()
				if err != nil {
					return err
				}
				f.Locals = addLocal(f.Locals, vt)
				nlocals++
			}
		}
		if err := mp.expectR(); err != nil {
			return err
		}
	}
	start := mp.mark()
	body, err := mp.instrs(fc, nil)
	if err != nil {
		return err
	}
	mp.at(mp.peek()) // the function's ')' stands for its implicit end
	f.Body = append(body, syntax.Instr{Op: syntax.OpEnd})
	mp.expr(FieldFunc, idx, -1, start)
	mp.m.Funcs = append(mp.m.Funcs, f)
	return mp.expectR()
}

// addLocal appends one local, extending the last run when the type repeats.
func addLocal(ls []syntax.Local, t syntax.ValType) []syntax.Local {
	if n := len(ls); n > 0 && ls[n-1].Type == t {
		ls[n-1].Count++
		return ls
	}
	return append(ls, syntax.Local{Count: 1, Type: t})
}

func (mp *modParser) bindLocal(fc *funcCtx, name string, t token, idx uint32) error {
	if _, dup := fc.locals[name]; dup {
		return mp.errAt(t, "duplicate local $%s", name)
	}
	fc.locals[name] = idx
	n := &mp.m.Names
	if n.Locals == nil {
		n.Locals = map[uint32]map[uint32]string{}
	}
	if n.Locals[fc.funcIdx] == nil {
		n.Locals[fc.funcIdx] = map[uint32]string{}
	}
	n.Locals[fc.funcIdx][idx] = name
	return nil
}

// addrType reads an optional address type (i32 or i64) and reports
// whether it is i64.
func (mp *modParser) addrType() bool {
	if t := mp.peek(); mp.is(t, "i64") {
		mp.i++
		return true
	} else if mp.is(t, "i32") {
		mp.i++
	}
	return false
}

// limits parses min max? of a memory or table with 64-bit addresses when
// is64.
func (mp *modParser) limits(is64 bool) (syntax.Limits, error) {
	var l syntax.Limits
	n := 64
	if mp.opt.Wasm2 && !is64 {
		n = 32
	}
	v, err := mp.nat(n)
	if err != nil {
		return l, err
	}
	l.Min = v
	if mp.isNat(mp.peek()) {
		v, err := mp.nat(n)
		if err != nil {
			return l, err
		}
		l.Max, l.HasMax = v, true
	}
	return l, nil
}

func (mp *modParser) tableType() (syntax.TableType, error) {
	tt := syntax.TableType{Table64: mp.addrType()}
	l, err := mp.limits(tt.Table64)
	if err != nil {
		return tt, err
	}
	tt.Limits = l
	tt.Elem, err = mp.refType()
	return tt, err
}

func (mp *modParser) memType() (syntax.MemType, error) {
	mt := syntax.MemType{Mem64: mp.addrType()}
	l, err := mp.limits(mt.Mem64)
	if err != nil {
		return mt, err
	}
	mt.Limits = l
	if mp.is(mp.peek(), "shared") {
		mp.i++
		mt.Shared = true
	}
	return mt, nil
}

func (mp *modParser) globalType() (syntax.GlobalType, error) {
	if mp.peekForm("mut") {
		mp.i += 2
		vt, err := mp.valType()
		if err != nil {
			return syntax.GlobalType{}, err
		}
		return syntax.GlobalType{Type: vt, Mutable: true}, mp.expectR()
	}
	vt, err := mp.valType()
	return syntax.GlobalType{Type: vt}, err
}

// constExpr parses instructions up to the closing ')' of the current form.
func (mp *modParser) constExpr() (syntax.Expr, error) {
	body, err := mp.instrs(&funcCtx{}, nil)
	return syntax.Expr(body), err
}

// addrConst is the offset expression 0 of the given address type.
func addrConst(is64 bool) syntax.Expr {
	if is64 {
		return syntax.Expr{{Op: syntax.OpI64Const}}
	}
	return syntax.Expr{{Op: syntax.OpI32Const}}
}

func (mp *modParser) tableField() error {
	idx, err := mp.fieldStart(spTable)
	if err != nil {
		return err
	}
	if err := mp.inlineExports(syntax.ExternTable, idx); err != nil {
		return err
	}
	mod, name, imp, err := mp.inlineImport()
	if err != nil {
		return err
	}
	if imp {
		tt, err := mp.tableType()
		if err != nil {
			return err
		}
		mp.m.Imports = append(mp.m.Imports, syntax.Import{Module: mod, Name: name, Kind: syntax.ExternTable, Table: tt})
		return mp.expectR()
	}
	is64 := mp.addrType()
	if !mp.isNat(mp.peek()) {
		// (table at? reftype (elem ...)): the size is the element count.
		rt, err := mp.refType()
		if err != nil {
			return err
		}
		if !mp.peekForm("elem") {
			return mp.unexpected(mp.peek(), "'(elem'")
		}
		mp.i += 2
		items, funcs, err := mp.elemItems(true, mp.nextIdx[spElem])
		if err != nil {
			return err
		}
		if err := mp.expectR(); err != nil {
			return err
		}
		// The segment has the table's element type, which a typed table
		// needs; for funcref, (ref func), the type wat2wasm encodes.
		et := rt
		if funcs && rt == syntax.FuncRef {
			et = funcElemType
		}
		n := uint64(len(items))
		mp.m.Tables = append(mp.m.Tables, syntax.Table{Type: syntax.TableType{Elem: rt, Table64: is64, Limits: syntax.Limits{Min: n, Max: n, HasMax: true}}})
		start := mp.mark()
		mp.at(mp.field)
		mp.expr(FieldElem, mp.nextIdx[spElem], -1, start)
		mp.m.Elems = append(mp.m.Elems, syntax.Elem{Mode: syntax.SegActive, Table: idx, Offset: addrConst(is64), Type: et, Init: items})
		mp.nextIdx[spElem]++
		return mp.expectR()
	}
	l, err := mp.limits(is64)
	if err != nil {
		return err
	}
	rt, err := mp.refType()
	if err != nil {
		return err
	}
	t := syntax.Table{Type: syntax.TableType{Elem: rt, Limits: l, Table64: is64}}
	if mp.peek().kind != tRParen {
		start := mp.mark()
		if t.Init, err = mp.constExpr(); err != nil {
			return err
		}
		mp.expr(FieldTable, idx, -1, start)
	}
	mp.m.Tables = append(mp.m.Tables, t)
	return mp.expectR()
}

// funcElemType is the element type of a segment given as function indices
// (Wasm 3.0 types it non-null, as the binary format's elemkind 0x00).
var funcElemType = syntax.RefType(false, syntax.HeapFunc)

// elemItems parses the element list of segment seg: 'func' x*, reftype
// item*, or (when bareFuncs) a plain list of function indices. funcs
// reports a list of function indices.
func (mp *modParser) elemItems(bareFuncs bool, seg uint32) (items []syntax.Expr, funcs bool, err error) {
	items = []syntax.Expr{}
	funcs = bareFuncs && mp.isIndex()
	if mp.is(mp.peek(), "func") {
		mp.i++
		funcs = true
	}
	if funcs || (bareFuncs && mp.peek().kind == tRParen) {
		for mp.isIndex() {
			start, t := mp.mark(), mp.peek()
			x, err := mp.index(spFunc)
			if err != nil {
				return nil, false, err
			}
			mp.at(t)
			mp.expr(FieldElem, seg, len(items), start)
			items = append(items, syntax.Expr{{Op: syntax.OpRefFunc, X: x}})
		}
		return items, true, nil
	}
	for mp.peek().kind == tLParen {
		start := mp.mark()
		if mp.peekForm("item") {
			mp.i += 2
			e, err := mp.constExpr()
			if err != nil {
				return nil, false, err
			}
			mp.expr(FieldElem, seg, len(items), start)
			items = append(items, e)
			if err := mp.expectR(); err != nil {
				return nil, false, err
			}
			continue
		}
		e, err := mp.instr(&funcCtx{}, nil)
		if err != nil {
			return nil, false, err
		}
		mp.expr(FieldElem, seg, len(items), start)
		items = append(items, e)
	}
	return items, false, nil
}

func (mp *modParser) memoryField() error {
	idx, err := mp.fieldStart(spMem)
	if err != nil {
		return err
	}
	if err := mp.inlineExports(syntax.ExternMemory, idx); err != nil {
		return err
	}
	mod, name, imp, err := mp.inlineImport()
	if err != nil {
		return err
	}
	if imp {
		mt, err := mp.memType()
		if err != nil {
			return err
		}
		mp.m.Imports = append(mp.m.Imports, syntax.Import{Module: mod, Name: name, Kind: syntax.ExternMemory, Mem: mt})
		return mp.expectR()
	}
	if mp.peekForm("data") || ((mp.is(mp.peek(), "i32") || mp.is(mp.peek(), "i64")) && mp.peekAt(1).kind == tLParen) {
		// (memory at? (data ...)): the size is the data's, in pages.
		is64 := mp.addrType()
		if !mp.peekForm("data") {
			return mp.unexpected(mp.peek(), "'(data'")
		}
		mp.i += 2
		b, err := mp.dataStrings()
		if err != nil {
			return err
		}
		if err := mp.expectR(); err != nil {
			return err
		}
		start := mp.mark()
		mp.at(mp.field)
		mp.expr(FieldData, mp.nextIdx[spData], -1, start)
		pages := (uint64(len(b)) + 0xFFFF) / 0x10000
		mp.m.Mems = append(mp.m.Mems, syntax.MemType{Mem64: is64, Limits: syntax.Limits{Min: pages, Max: pages, HasMax: true}})
		mp.m.Datas = append(mp.m.Datas, syntax.Data{Mode: syntax.SegActive, Mem: idx, Offset: addrConst(is64), Init: b})
		mp.nextIdx[spData]++
		return mp.expectR()
	}
	mt, err := mp.memType()
	if err != nil {
		return err
	}
	mp.m.Mems = append(mp.m.Mems, mt)
	return mp.expectR()
}

func (mp *modParser) dataStrings() ([]byte, error) {
	b := []byte{}
	for mp.peek().kind == tString {
		s, err := mp.str()
		if err != nil {
			return nil, err
		}
		b = append(b, s...)
	}
	return b, nil
}

func (mp *modParser) globalField() error {
	idx, err := mp.fieldStart(spGlobal)
	if err != nil {
		return err
	}
	if err := mp.inlineExports(syntax.ExternGlobal, idx); err != nil {
		return err
	}
	mod, name, imp, err := mp.inlineImport()
	if err != nil {
		return err
	}
	gt, err := mp.globalType()
	if err != nil {
		return err
	}
	if imp {
		mp.m.Imports = append(mp.m.Imports, syntax.Import{Module: mod, Name: name, Kind: syntax.ExternGlobal, Global: gt})
		return mp.expectR()
	}
	start := mp.mark()
	init, err := mp.constExpr()
	if err != nil {
		return err
	}
	mp.expr(FieldGlobal, idx, -1, start)
	mp.m.Globals = append(mp.m.Globals, syntax.Global{Type: gt, Init: init})
	return mp.expectR()
}

func (mp *modParser) tagField() error {
	idx, err := mp.fieldStart(spTag)
	if err != nil {
		return err
	}
	if err := mp.inlineExports(syntax.ExternTag, idx); err != nil {
		return err
	}
	mod, name, imp, err := mp.inlineImport()
	if err != nil {
		return err
	}
	tu, err := mp.typeUse(false)
	if err != nil {
		return err
	}
	if imp {
		mp.m.Imports = append(mp.m.Imports, syntax.Import{Module: mod, Name: name, Kind: syntax.ExternTag, Tag: syntax.TagType{Type: tu.idx}})
	} else {
		mp.m.Tags = append(mp.m.Tags, syntax.TagType{Type: tu.idx})
	}
	return mp.expectR()
}

func (mp *modParser) importField() error {
	mp.i += 2
	mod, err := mp.name()
	if err != nil {
		return err
	}
	name, err := mp.name()
	if err != nil {
		return err
	}
	if err := mp.expectL(); err != nil {
		return err
	}
	kt := mp.next()
	s, ok := spaceOfKeyword[mp.text(kt)]
	if kt.kind != tAtom || !ok {
		return mp.unexpected(kt, "an import kind")
	}
	if _, _, _, err := mp.optID(); err != nil {
		return err
	}
	mp.nextIdx[s]++
	im := syntax.Import{Module: mod, Name: name}
	switch s {
	case spFunc:
		im.Kind = syntax.ExternFunc
		tu, err := mp.typeUse(true)
		if err != nil {
			return err
		}
		im.Func = tu.idx
	case spTag:
		im.Kind = syntax.ExternTag
		tu, err := mp.typeUse(false)
		if err != nil {
			return err
		}
		im.Tag.Type = tu.idx
	case spTable:
		im.Kind = syntax.ExternTable
		if im.Table, err = mp.tableType(); err != nil {
			return err
		}
	case spMem:
		im.Kind = syntax.ExternMemory
		if im.Mem, err = mp.memType(); err != nil {
			return err
		}
	case spGlobal:
		im.Kind = syntax.ExternGlobal
		if im.Global, err = mp.globalType(); err != nil {
			return err
		}
	}
	mp.m.Imports = append(mp.m.Imports, im)
	if err := mp.expectR(); err != nil {
		return err
	}
	return mp.expectR()
}

var externOfSpace = map[space]syntax.ExternKind{
	spFunc: syntax.ExternFunc, spTable: syntax.ExternTable, spMem: syntax.ExternMemory,
	spGlobal: syntax.ExternGlobal, spTag: syntax.ExternTag,
}

func (mp *modParser) exportField() error {
	mp.i += 2
	name, err := mp.name()
	if err != nil {
		return err
	}
	if err := mp.expectL(); err != nil {
		return err
	}
	kt := mp.next()
	s, ok := spaceOfKeyword[mp.text(kt)]
	if kt.kind != tAtom || !ok {
		return mp.unexpected(kt, "an export kind")
	}
	x, err := mp.index(s)
	if err != nil {
		return err
	}
	mp.m.Exports = append(mp.m.Exports, syntax.Export{Name: name, Kind: externOfSpace[s], Index: x})
	if err := mp.expectR(); err != nil {
		return err
	}
	return mp.expectR()
}

func (mp *modParser) startField() error {
	at := mp.peek()
	mp.i += 2
	if mp.m.Start != nil {
		return mp.errAt(at, "multiple start sections")
	}
	x, err := mp.index(spFunc)
	if err != nil {
		return err
	}
	mp.m.Start = &x
	return mp.expectR()
}

// offsetExpr parses (offset instr*) or a single folded instruction.
func (mp *modParser) offsetExpr() (syntax.Expr, error) {
	if mp.peekForm("offset") {
		mp.i += 2
		e, err := mp.constExpr()
		if err != nil {
			return nil, err
		}
		return e, mp.expectR()
	}
	e, err := mp.instr(&funcCtx{}, nil)
	return syntax.Expr(e), err
}

func (mp *modParser) elemField() error {
	idx, err := mp.fieldStart(spElem)
	if err != nil {
		return err
	}
	e := syntax.Elem{Mode: syntax.SegPassive, Type: funcElemType}
	switch {
	case mp.is(mp.peek(), "declare"):
		mp.i++
		e.Mode = syntax.SegDeclarative
	case mp.peekForm("table") || mp.isIndex() || mp.peekForm("offset") ||
		(mp.peek().kind == tLParen && !mp.peekForm("ref") && !mp.peekForm("item")):
		e.Mode = syntax.SegActive
		if e.Table, e.Offset, err = mp.activeSegment("table", spTable, FieldElem, idx); err != nil {
			return err
		}
	}
	bare := e.Mode == syntax.SegActive
	if !mp.is(mp.peek(), "func") && !(bare && (mp.isIndex() || mp.peek().kind == tRParen)) {
		rt, err := mp.refType()
		if err != nil {
			return err
		}
		e.Type = rt
	}
	items, _, err := mp.elemItems(bare, idx)
	if err != nil {
		return err
	}
	e.Init = items
	mp.m.Elems = append(mp.m.Elems, e)
	return mp.expectR()
}

// activeSegment reads where an active element or data segment goes: its
// target, "(table x)" / "(memory x)" or a bare index (0 when absent), then
// its offset expression, whose position field kind idx records.
func (mp *modParser) activeSegment(keyword string, sp space, kind FieldKind, idx uint32) (uint32, syntax.Expr, error) {
	var target uint32
	switch {
	case mp.peekForm(keyword):
		mp.i += 2
		x, err := mp.index(sp)
		if err != nil {
			return 0, nil, err
		}
		if err := mp.expectR(); err != nil {
			return 0, nil, err
		}
		target = x
	case mp.isIndex():
		x, err := mp.index(sp)
		if err != nil {
			return 0, nil, err
		}
		target = x
	}
	start := mp.mark()
	off, err := mp.offsetExpr()
	if err != nil {
		return 0, nil, err
	}
	mp.expr(kind, idx, -1, start)
	return target, off, nil
}

func (mp *modParser) dataField() error {
	idx, err := mp.fieldStart(spData)
	if err != nil {
		return err
	}
	d := syntax.Data{Mode: syntax.SegPassive}
	if mp.peekForm("memory") || mp.isIndex() || mp.peek().kind == tLParen {
		d.Mode = syntax.SegActive
		if d.Mem, d.Offset, err = mp.activeSegment("memory", spMem, FieldData, idx); err != nil {
			return err
		}
	}
	b, err := mp.dataStrings()
	if err != nil {
		return err
	}
	d.Init = b
	mp.m.Datas = append(mp.m.Datas, d)
	return mp.expectR()
}
