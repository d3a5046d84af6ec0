package binary

import (
	"sort"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Encode writes m in the binary format: the sections in the required order,
// each integer in its shortest LEB128 form, the name section built from
// m.Names, and the custom sections back after the sections they followed.
// It does not validate m; an invalid module is encoded as it stands.
//
// A data count section is added when the code needs one and m has none (as
// a module parsed from text), so the output always decodes.
func Encode(m *syntax.Module) []byte {
	e := &encoder{m: m}
	e.b = append(e.b, "\x00asm\x01\x00\x00\x00"...)
	e.customs(0)
	for _, id := range sectionOrder {
		e.section(id)
		e.customs(id)
	}
	if names := encodeNames(&m.Names); names != nil {
		e.custom("name", names)
	}
	// Customs whose predecessor is not a known section go last.
	for _, c := range m.Customs {
		if int(c.After) >= len(sectionRank) || (c.After != 0 && sectionRank[c.After] == 0) {
			e.custom(c.Name, c.Data)
		}
	}
	return e.b
}

// needsDataCount reports whether m's code names data segments (memory.init,
// data.drop, array.new_data, array.init_data), which the binary format
// allows only after a data count section.
func needsDataCount(m *syntax.Module) bool {
	for i := range m.Funcs {
		for j := range m.Funcs[i].Body {
			switch m.Funcs[i].Body[j].Op {
			case syntax.OpMemoryInit, syntax.OpDataDrop, syntax.OpArrayNewData, syntax.OpArrayInitData:
				return true
			}
		}
	}
	return false
}

// sectionOrder lists the known sections in the order the format requires.
var sectionOrder = []byte{
	secType, secImport, secFunc, secTable, secMemory, secTag, secGlobal,
	secExport, secStart, secElem, secDataCount, secCode, secData,
}

// writer appends binary-format values to a byte slice.
type writer struct{ b []byte }

func (w *writer) byte(c byte) { w.b = append(w.b, c) }

func (w *writer) u64(v uint64) {
	for v >= 0x80 {
		w.b = append(w.b, byte(v)|0x80)
		v >>= 7
	}
	w.b = append(w.b, byte(v))
}

func (w *writer) u32(v uint32) { w.u64(uint64(v)) }

func (w *writer) s64(v int64) {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			w.b = append(w.b, c)
			return
		}
		w.b = append(w.b, c|0x80)
	}
}

func (w *writer) name(s string) {
	w.u32(uint32(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) fixed(v uint64, n int) {
	for i := 0; i < n; i++ {
		w.b = append(w.b, byte(v>>(8*i)))
	}
}

type encoder struct {
	writer
	m       *syntax.Module
	scratch writer // section contents before their size is known
}

func (e *encoder) customs(after byte) {
	for _, c := range e.m.Customs {
		if c.After == after {
			e.custom(c.Name, c.Data)
		}
	}
}

func (e *encoder) custom(name string, data []byte) {
	var w writer
	w.name(name)
	w.b = append(w.b, data...)
	e.byte(secCustom)
	e.u32(uint32(len(w.b)))
	e.b = append(e.b, w.b...)
}

// section writes section id when m has contents for it.
func (e *encoder) section(id byte) {
	m := e.m
	w := &writer{b: e.scratch.b[:0]}
	switch id {
	case secType:
		if len(m.Types) == 0 {
			return
		}
		encodeTypes(w, m.Types)
	case secImport:
		if len(m.Imports) == 0 {
			return
		}
		w.u32(uint32(len(m.Imports)))
		for i := range m.Imports {
			encodeImport(w, &m.Imports[i])
		}
	case secFunc:
		if len(m.Funcs) == 0 {
			return
		}
		w.u32(uint32(len(m.Funcs)))
		for _, f := range m.Funcs {
			w.u32(f.Type)
		}
	case secTable:
		if len(m.Tables) == 0 {
			return
		}
		w.u32(uint32(len(m.Tables)))
		for _, t := range m.Tables {
			if t.Init != nil {
				w.byte(0x40)
				w.byte(0x00)
				encodeTableType(w, t.Type)
				encodeExpr(w, t.Init)
				continue
			}
			encodeTableType(w, t.Type)
		}
	case secMemory:
		if len(m.Mems) == 0 {
			return
		}
		w.u32(uint32(len(m.Mems)))
		for _, t := range m.Mems {
			encodeMemType(w, t)
		}
	case secTag:
		if len(m.Tags) == 0 {
			return
		}
		w.u32(uint32(len(m.Tags)))
		for _, t := range m.Tags {
			w.byte(0)
			w.u32(t.Type)
		}
	case secGlobal:
		if len(m.Globals) == 0 {
			return
		}
		w.u32(uint32(len(m.Globals)))
		for _, g := range m.Globals {
			encodeGlobalType(w, g.Type)
			encodeExpr(w, g.Init)
		}
	case secExport:
		if len(m.Exports) == 0 {
			return
		}
		w.u32(uint32(len(m.Exports)))
		for _, x := range m.Exports {
			w.name(x.Name)
			w.byte(byte(x.Kind))
			w.u32(x.Index)
		}
	case secStart:
		if m.Start == nil {
			return
		}
		w.u32(*m.Start)
	case secElem:
		if len(m.Elems) == 0 {
			return
		}
		w.u32(uint32(len(m.Elems)))
		for i := range m.Elems {
			encodeElem(w, &m.Elems[i])
		}
	case secDataCount:
		switch {
		case m.DataCount != nil:
			w.u32(*m.DataCount)
		case needsDataCount(m):
			// A module from the text format has no data count of its own.
			w.u32(uint32(len(m.Datas)))
		default:
			return
		}
	case secCode:
		if len(m.Funcs) == 0 {
			return
		}
		w.u32(uint32(len(m.Funcs)))
		var body writer
		for i := range m.Funcs {
			f := &m.Funcs[i]
			body.b = body.b[:0]
			body.u32(uint32(len(f.Locals)))
			for _, l := range f.Locals {
				body.u32(l.Count)
				encodeValType(&body, l.Type)
			}
			for j := range f.Body {
				encodeInstr(&body, &f.Body[j])
			}
			w.u32(uint32(len(body.b)))
			w.b = append(w.b, body.b...)
		}
	case secData:
		if len(m.Datas) == 0 {
			return
		}
		w.u32(uint32(len(m.Datas)))
		for _, d := range m.Datas {
			switch {
			case d.Mode == syntax.SegPassive:
				w.u32(1)
			case d.Mem == 0:
				w.u32(0)
				encodeExpr(w, d.Offset)
			default:
				w.u32(2)
				w.u32(d.Mem)
				encodeExpr(w, d.Offset)
			}
			w.u32(uint32(len(d.Init)))
			w.b = append(w.b, d.Init...)
		}
	}
	e.byte(id)
	e.u32(uint32(len(w.b)))
	e.b = append(e.b, w.b...)
	e.scratch.b = w.b
}

func encodeTypes(w *writer, types []syntax.SubType) {
	// Count the recursion groups first; a type whose group fields are
	// unset (a module built by hand) is a group of its own.
	groups := 0
	for i := 0; i < len(types); i += recSize(types, i) {
		groups++
	}
	w.u32(uint32(groups))
	for i := 0; i < len(types); {
		n := recSize(types, i)
		if n > 1 {
			w.byte(0x4E)
			w.u32(uint32(n))
		}
		for j := i; j < i+n; j++ {
			encodeSubType(w, &types[j])
		}
		i += n
	}
}

func recSize(types []syntax.SubType, i int) int {
	t := &types[i]
	if int(t.RecStart) != i || t.RecSize < 1 || i+int(t.RecSize) > len(types) {
		return 1
	}
	return int(t.RecSize)
}

func encodeSubType(w *writer, t *syntax.SubType) {
	if !t.Final || len(t.Supers) > 0 {
		if t.Final {
			w.byte(0x4F)
		} else {
			w.byte(0x50)
		}
		w.u32(uint32(len(t.Supers)))
		for _, s := range t.Supers {
			w.u32(s)
		}
	}
	switch t.Kind {
	case syntax.CompFunc:
		w.byte(0x60)
		encodeValTypes(w, t.Func.Params)
		encodeValTypes(w, t.Func.Results)
	case syntax.CompStruct:
		w.byte(0x5F)
		w.u32(uint32(len(t.Fields)))
		for _, f := range t.Fields {
			encodeField(w, f)
		}
	case syntax.CompArray:
		w.byte(0x5E)
		var f syntax.FieldType
		if len(t.Fields) > 0 {
			f = t.Fields[0]
		}
		encodeField(w, f)
	}
}

func encodeField(w *writer, f syntax.FieldType) {
	switch f.Packed {
	case syntax.PackedI8:
		w.byte(0x78)
	case syntax.PackedI16:
		w.byte(0x77)
	default:
		encodeValType(w, f.Type)
	}
	encodeBool(w, f.Mutable)
}

func encodeBool(w *writer, b bool) {
	if b {
		w.byte(1)
	} else {
		w.byte(0)
	}
}

func encodeValTypes(w *writer, ts []syntax.ValType) {
	w.u32(uint32(len(ts)))
	for _, t := range ts {
		encodeValType(w, t)
	}
}

func encodeValType(w *writer, t syntax.ValType) {
	switch t.Kind {
	case syntax.KindI32:
		w.byte(0x7F)
	case syntax.KindI64:
		w.byte(0x7E)
	case syntax.KindF32:
		w.byte(0x7D)
	case syntax.KindF64:
		w.byte(0x7C)
	case syntax.KindV128:
		w.byte(0x7B)
	case syntax.KindRef:
		if t.Nullable && t.Heap < 0 {
			w.s64(int64(t.Heap)) // the one-byte shorthand (funcref is 0x70)
			return
		}
		if t.Nullable {
			w.byte(0x63)
		} else {
			w.byte(0x64)
		}
		w.s64(int64(t.Heap))
	default:
		w.byte(0x00) // not a value type; the decoder rejects it
	}
}

func encodeLimits(w *writer, l syntax.Limits, shared, is64 bool) {
	var flags byte
	if l.HasMax {
		flags |= 1
	}
	if shared {
		flags |= 2
	}
	if is64 {
		flags |= 4
	}
	w.byte(flags)
	w.u64(l.Min)
	if l.HasMax {
		w.u64(l.Max)
	}
}

func encodeTableType(w *writer, t syntax.TableType) {
	encodeValType(w, t.Elem)
	encodeLimits(w, t.Limits, false, t.Table64)
}

func encodeMemType(w *writer, t syntax.MemType) { encodeLimits(w, t.Limits, t.Shared, t.Mem64) }

func encodeGlobalType(w *writer, t syntax.GlobalType) {
	encodeValType(w, t.Type)
	encodeBool(w, t.Mutable)
}

func encodeImport(w *writer, im *syntax.Import) {
	w.name(im.Module)
	w.name(im.Name)
	w.byte(byte(im.Kind))
	switch im.Kind {
	case syntax.ExternFunc:
		w.u32(im.Func)
	case syntax.ExternTable:
		encodeTableType(w, im.Table)
	case syntax.ExternMemory:
		encodeMemType(w, im.Mem)
	case syntax.ExternGlobal:
		encodeGlobalType(w, im.Global)
	case syntax.ExternTag:
		w.byte(0)
		w.u32(im.Tag.Type)
	}
}

// encodeElem picks the segment encoding that decodes back to e: the
// function-index forms (flags 0-3) mean element type (ref func), flag 4
// means funcref in table 0, the others carry the type.
func encodeElem(w *writer, e *syntax.Elem) {
	indices := e.Type == syntax.RefType(false, syntax.HeapFunc)
	for _, x := range e.Init {
		if len(x) != 1 || x[0].Op != syntax.OpRefFunc {
			indices = false
			break
		}
	}
	var flags uint32
	if !indices {
		flags = 4
	}
	switch e.Mode {
	case syntax.SegPassive:
		flags |= 1
	case syntax.SegDeclarative:
		flags |= 3
	default:
		if e.Table != 0 || (!indices && e.Type != syntax.FuncRef) {
			flags |= 2
		}
	}
	w.u32(flags)
	if e.Mode == syntax.SegActive {
		if flags&2 != 0 {
			w.u32(e.Table)
		}
		encodeExpr(w, e.Offset)
	}
	if flags&3 != 0 {
		if indices {
			w.byte(0x00) // elemkind funcref
		} else {
			encodeValType(w, e.Type)
		}
	}
	w.u32(uint32(len(e.Init)))
	for _, x := range e.Init {
		if indices {
			w.u32(x[0].X)
		} else {
			encodeExpr(w, x)
		}
	}
}

func encodeExpr(w *writer, e syntax.Expr) {
	for i := range e {
		encodeInstr(w, &e[i])
	}
	w.byte(byte(syntax.OpEnd))
}

func encodeBlockType(w *writer, bt syntax.BlockType) {
	switch bt.Kind {
	case syntax.BlockValue:
		encodeValType(w, bt.Type)
	case syntax.BlockIndex:
		w.s64(int64(bt.Index))
	default:
		w.byte(0x40)
	}
}

func encodeInstr(w *writer, in *syntax.Instr) {
	op := in.Op
	var desc opDesc
	if p := op.Prefix(); p != 0 {
		w.byte(p)
		w.u32(op.Sub())
		if p >= syntax.PrefixGC && p <= syntax.PrefixSIMD {
			if t := prefixOps[p-syntax.PrefixGC]; op.Sub() < uint32(len(t)) {
				desc = t[op.Sub()]
			}
		}
	} else {
		w.byte(byte(op))
		if op <= 0xFF {
			desc = oneByteOps[op]
		}
	}
	switch desc.imm {
	case syntax.ImmBlock:
		encodeBlockType(w, in.Block)
	case syntax.ImmTryTable:
		encodeBlockType(w, in.Block)
		w.u32(uint32(len(in.Catches)))
		for _, c := range in.Catches {
			w.byte(byte(c.Kind))
			if c.Kind == syntax.Catch || c.Kind == syntax.CatchRef {
				w.u32(c.Tag)
			}
			w.u32(c.Label)
		}
	case syntax.ImmIndex:
		w.u32(in.X)
	case syntax.ImmTwoIndex:
		w.u32(in.X)
		w.u32(in.Y)
	case syntax.ImmBrTable:
		n := len(in.Labels)
		if n == 0 {
			w.u32(0)
			w.u32(0)
			break
		}
		w.u32(uint32(n - 1))
		for _, l := range in.Labels {
			w.u32(l)
		}
	case syntax.ImmMemArg, syntax.ImmMemLane:
		if in.Y != 0 {
			w.u32(in.X | 0x40)
			w.u32(in.Y)
		} else {
			w.u32(in.X)
		}
		w.u64(in.MemOffset)
		if desc.imm == syntax.ImmMemLane {
			w.byte(in.Lane)
		}
	case syntax.ImmLane:
		w.byte(in.Lane)
	case syntax.ImmI32:
		w.s64(int64(int32(uint32(in.Const))))
	case syntax.ImmI64:
		w.s64(int64(in.Const))
	case syntax.ImmF32:
		w.fixed(in.Const, 4)
	case syntax.ImmF64:
		w.fixed(in.Const, 8)
	case syntax.ImmV128, syntax.ImmShuffle:
		w.fixed(in.Const, 8)
		w.fixed(in.Const2, 8)
	case syntax.ImmSelectT:
		encodeValTypes(w, in.Types)
	case syntax.ImmHeapType:
		w.s64(int64(int32(in.X)))
	case syntax.ImmBrOnCast:
		var t1, t2 syntax.ValType
		if len(in.Types) == 2 {
			t1, t2 = in.Types[0], in.Types[1]
		}
		var flags byte
		if t1.Nullable {
			flags |= 1
		}
		if t2.Nullable {
			flags |= 2
		}
		w.byte(flags)
		w.u32(in.X)
		w.s64(int64(t1.Heap))
		w.s64(int64(t2.Heap))
	}
}

// encodeNames builds the name section's contents, or nil when n is empty.
func encodeNames(n *syntax.Names) []byte {
	var w writer
	sub := func(id byte, body func(*writer)) {
		var s writer
		body(&s)
		w.byte(id)
		w.u32(uint32(len(s.b)))
		w.b = append(w.b, s.b...)
	}
	if n.Module != "" {
		sub(nameModule, func(s *writer) { s.name(n.Module) })
	}
	maps := []struct {
		id  byte
		one map[uint32]string
		two map[uint32]map[uint32]string
	}{
		{nameFuncs, n.Funcs, nil}, {nameLocals, nil, n.Locals}, {nameLabels, nil, n.Labels},
		{nameTypes, n.Types, nil}, {nameTables, n.Tables, nil}, {nameMems, n.Mems, nil},
		{nameGlobal, n.Globals, nil}, {nameElems, n.Elems, nil}, {nameDatas, n.Datas, nil},
		{nameFields, nil, n.Fields}, {nameTags, n.Tags, nil},
	}
	for _, mp := range maps {
		switch {
		case len(mp.one) > 0:
			sub(mp.id, func(s *writer) { encodeNameMap(s, mp.one) })
		case len(mp.two) > 0:
			sub(mp.id, func(s *writer) {
				keys := sortedKeys(mp.two)
				s.u32(uint32(len(keys)))
				for _, k := range keys {
					s.u32(k)
					encodeNameMap(s, mp.two[k])
				}
			})
		}
	}
	if len(w.b) == 0 {
		return nil
	}
	return w.b
}

func encodeNameMap(w *writer, m map[uint32]string) {
	keys := sortedKeys(m)
	w.u32(uint32(len(keys)))
	for _, k := range keys {
		w.u32(k)
		w.name(m[k])
	}
}

func sortedKeys[V any](m map[uint32]V) []uint32 {
	keys := make([]uint32, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	return keys
}
