package binary

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Config selects the language the decoder accepts.
type Config struct {
	// Wasm2 rejects what Wasm 3.0 added to the binary format (new opcodes
	// and types, memory indices in memory instructions, 64-bit and shared
	// limits, tag sections) with the messages of the 2.0 reference
	// interpreter, so the 2.0 suite's assert_malformed cases hold.
	Wasm2 bool
	// LazyBodies leaves every function's Body nil: only each body's
	// extent and local declarations are read, and DecodeBody decodes a
	// body (and reports it malformed) when it is needed. A large module's
	// bodies, as syntax.Instr values, take about 70 bytes of host memory
	// per byte of code; an engine that validates and compiles them one at
	// a time needs them only one at a time, and reads each once fewer.
	LazyBodies bool
}

// Decode reads a binary module in the Wasm 3.0 format (which includes 2.0).
func Decode(b []byte) (*syntax.Module, error) { return DecodeConfig(b, Config{}) }

// DecodeConfig reads a binary module under the given configuration. Any
// malformation gives an *Error; no input makes it panic. Data segments and
// custom sections share b's memory rather than copying it, so b must not
// be modified while the module is in use.
func DecodeConfig(b []byte, c Config) (m *syntax.Module, err error) {
	d := &decoder{r: reader{b: b, wasm2: c.Wasm2}, lazy: c.LazyBodies}
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(*Error)
			if !ok {
				panic(p)
			}
			m, err = nil, e
		}
	}()
	return d.module(), nil
}

// Section ids.
const (
	secCustom    = 0
	secType      = 1
	secImport    = 2
	secFunc      = 3
	secTable     = 4
	secMemory    = 5
	secGlobal    = 6
	secExport    = 7
	secStart     = 8
	secElem      = 9
	secCode      = 10
	secData      = 11
	secDataCount = 12
	secTag       = 13
)

// sectionRank orders the known sections as the format requires them to
// appear (data count and tag have ids out of order); 0 means unknown.
var sectionRank = [...]int{
	secType: 1, secImport: 2, secFunc: 3, secTable: 4, secMemory: 5,
	secTag: 6, secGlobal: 7, secExport: 8, secStart: 9, secElem: 10,
	secDataCount: 11, secCode: 12, secData: 13,
}

type decoder struct {
	r       reader
	m       syntax.Module
	funcs   []uint32 // the function section's type indices
	hasCode bool
	hasData bool
	slab    []syntax.Instr // storage the function bodies are cut from
	// bodyStart is where the body being decoded begins in slab.
	bodyStart int
	// inCode is set while decoding the code section, the only place where
	// data indices require a data count section.
	inCode   bool
	nameData []byte
	nameAt   int
	// lazy: the bodies are read into a reused slab and not kept (see
	// Config.LazyBodies); slab's slots are then cleared per body.
	lazy bool
}

func (d *decoder) module() *syntax.Module {
	r := &d.r
	if len(r.b) < 4 {
		r.fail(len(r.b), msgEOF)
	}
	if string(r.b[:4]) != "\x00asm" {
		r.fail(0, "magic header not detected")
	}
	if len(r.b) < 8 {
		r.fail(len(r.b), msgEOF)
	}
	if string(r.b[4:8]) != "\x01\x00\x00\x00" {
		r.fail(4, "unknown binary version")
	}
	r.pos = 8
	last, lastID := 0, uint8(0)
	for !r.eof() {
		start := r.pos
		id := r.byte()
		if id == secCustom {
			d.custom(lastID)
			continue
		}
		if int(id) >= len(sectionRank) || sectionRank[id] == 0 || (r.wasm2 && id == secTag) {
			r.fail(start, "malformed section id")
		}
		if sectionRank[id] <= last {
			r.fail(start, "unexpected content after last section")
		}
		last, lastID = sectionRank[id], id
		size := r.length()
		end := r.pos + size
		d.section(id, end)
		if r.pos != end {
			r.fail(start, msgSizeMismach)
		}
	}
	if len(d.funcs) != len(d.m.Funcs) {
		r.fail(r.pos, "function and code section have inconsistent lengths")
	}
	if d.m.DataCount != nil && !d.hasData && *d.m.DataCount != 0 {
		r.fail(r.pos, "data count and data section have inconsistent lengths")
	}
	if d.nameData != nil {
		if names, ok := parseNames(d.nameData); ok {
			d.m.Names = names
		} else {
			// Custom sections are opaque to the spec: keep a broken name
			// section verbatim rather than rejecting the module.
			d.insertCustom(syntax.Custom{Name: "name", Data: d.nameData, After: uint8(d.nameAt)})
		}
	}
	return &d.m
}

// insertCustom keeps the custom sections in module order.
func (d *decoder) insertCustom(c syntax.Custom) {
	i := len(d.m.Customs)
	for i > 0 && sectionRank[d.m.Customs[i-1].After] > sectionRank[c.After] {
		i--
	}
	d.m.Customs = append(d.m.Customs, syntax.Custom{})
	copy(d.m.Customs[i+1:], d.m.Customs[i:])
	d.m.Customs[i] = c
}

func (d *decoder) custom(after uint8) {
	r := &d.r
	size := r.length()
	end := r.pos + size
	// The custom section's own name must fit in the section.
	sub := reader{b: r.b[:end], pos: r.pos, wasm2: r.wasm2}
	if sub.eof() {
		sub.fail(end, msgEOF)
	}
	name := sub.name()
	data := r.b[sub.pos:end:end]
	r.pos = end
	if name == "name" && d.nameData == nil {
		d.nameData, d.nameAt = data, int(after)
		return
	}
	d.m.Customs = append(d.m.Customs, syntax.Custom{Name: name, Data: data, After: after})
}

func (d *decoder) section(id byte, end int) {
	r := &d.r
	m := &d.m
	switch id {
	case secType:
		d.types()
	case secImport:
		n := r.count()
		m.Imports = make([]syntax.Import, n)
		for i := range m.Imports {
			d.importEntry(&m.Imports[i])
		}
	case secFunc:
		n := r.count()
		d.funcs = make([]uint32, n)
		for i := range d.funcs {
			d.funcs[i] = r.u32()
		}
	case secTable:
		n := r.count()
		m.Tables = make([]syntax.Table, n)
		for i := range m.Tables {
			d.table(&m.Tables[i])
		}
	case secMemory:
		n := r.count()
		m.Mems = make([]syntax.MemType, n)
		for i := range m.Mems {
			m.Mems[i] = d.memType()
		}
	case secTag:
		n := r.count()
		m.Tags = make([]syntax.TagType, n)
		for i := range m.Tags {
			m.Tags[i] = d.tagType()
		}
	case secGlobal:
		n := r.count()
		m.Globals = make([]syntax.Global, n)
		for i := range m.Globals {
			g := &m.Globals[i]
			g.Type = d.globalType()
			g.Init = d.expr()
		}
	case secExport:
		n := r.count()
		m.Exports = make([]syntax.Export, n)
		for i := range m.Exports {
			e := &m.Exports[i]
			e.Name = r.name()
			pos := r.pos
			k := r.byte()
			if k > byte(syntax.ExternTag) || (r.wasm2 && k == byte(syntax.ExternTag)) {
				r.fail(pos, "malformed export kind")
			}
			e.Kind = syntax.ExternKind(k)
			e.Index = r.u32()
		}
	case secStart:
		s := r.u32()
		m.Start = &s
	case secElem:
		n := r.count()
		m.Elems = make([]syntax.Elem, n)
		for i := range m.Elems {
			d.elem(&m.Elems[i])
		}
	case secDataCount:
		c := r.u32()
		m.DataCount = &c
	case secCode:
		d.inCode = true
		d.code(end)
		d.inCode = false
	case secData:
		d.hasData = true
		pos := r.pos
		n := r.count()
		if m.DataCount != nil && uint32(n) != *m.DataCount {
			r.fail(pos, "data count and data section have inconsistent lengths")
		}
		m.Datas = make([]syntax.Data, n)
		for i := range m.Datas {
			d.data(&m.Datas[i])
		}
	}
}

func (d *decoder) types() {
	r := &d.r
	n := r.count()
	d.m.Types = make([]syntax.SubType, 0, n)
	for i := 0; i < n; i++ {
		start := uint32(len(d.m.Types))
		if b, _ := r.peek(); b == 0x4E && !r.wasm2 {
			r.pos++
			k := r.count()
			for j := 0; j < k; j++ {
				d.m.Types = append(d.m.Types, d.subType())
			}
		} else {
			d.m.Types = append(d.m.Types, d.subType())
		}
		size := uint32(len(d.m.Types)) - start
		for j := start; j < start+size; j++ {
			d.m.Types[j].RecStart, d.m.Types[j].RecSize = start, size
		}
	}
}

func (d *decoder) subType() syntax.SubType {
	r := &d.r
	st := syntax.SubType{Final: true}
	if b, _ := r.peek(); (b == 0x50 || b == 0x4F) && !r.wasm2 {
		r.pos++
		st.Final = b == 0x4F
		n := r.count()
		st.Supers = make([]uint32, n)
		for i := range st.Supers {
			st.Supers[i] = r.u32()
		}
	}
	pos := r.pos
	switch b := r.byte(); {
	case b == 0x60:
		st.Kind = syntax.CompFunc
		st.Func.Params = d.valTypes()
		st.Func.Results = d.valTypes()
	case b == 0x5F && !r.wasm2:
		st.Kind = syntax.CompStruct
		n := r.count()
		st.Fields = make([]syntax.FieldType, n)
		for i := range st.Fields {
			st.Fields[i] = d.fieldType()
		}
	case b == 0x5E && !r.wasm2:
		st.Kind = syntax.CompArray
		st.Fields = []syntax.FieldType{d.fieldType()}
	default:
		// The reference interpreter reads this byte as a signed LEB128
		// number, so a continuation bit is a too-long integer.
		if b&0x80 != 0 {
			r.fail(pos+1, msgTooLong)
		}
		r.fail(pos, "malformed definition type")
	}
	return st
}

func (d *decoder) fieldType() syntax.FieldType {
	r := &d.r
	var f syntax.FieldType
	switch b, _ := r.peek(); b {
	case 0x78:
		r.pos++
		f.Packed = syntax.PackedI8
	case 0x77:
		r.pos++
		f.Packed = syntax.PackedI16
	default:
		f.Type = d.valType()
	}
	f.Mutable = d.mutability()
	return f
}

func (d *decoder) mutability() bool {
	r := &d.r
	pos := r.pos
	switch r.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	r.fail(pos, "malformed mutability")
	return false
}

func (d *decoder) valTypes() []syntax.ValType {
	n := d.r.count()
	if n == 0 {
		return nil
	}
	ts := make([]syntax.ValType, n)
	for i := range ts {
		ts[i] = d.valType()
	}
	return ts
}

// abstractHeap maps an abstract heap type's byte (0x69..0x74) to HeapType.
func abstractHeap(b byte) syntax.HeapType { return syntax.HeapType(int32(b) - 0x80) }

func isAbstractHeapByte(b byte) bool { return b >= 0x69 && b <= 0x74 }

func (d *decoder) valType() syntax.ValType {
	r := &d.r
	pos := r.pos
	b := r.byte()
	switch b {
	case 0x7F:
		return syntax.I32
	case 0x7E:
		return syntax.I64
	case 0x7D:
		return syntax.F32
	case 0x7C:
		return syntax.F64
	case 0x7B:
		return syntax.V128
	}
	if t, ok := d.refTypeFrom(b); ok {
		return t
	}
	r.fail(pos, "malformed value type")
	return syntax.ValType{}
}

// refTypeFrom finishes reading a reference type whose first byte is b.
func (d *decoder) refTypeFrom(b byte) (syntax.ValType, bool) {
	r := &d.r
	switch {
	case b == 0x70 || b == 0x6F:
		return syntax.RefType(true, abstractHeap(b)), true
	case r.wasm2:
		return syntax.ValType{}, false
	case b == 0x63 || b == 0x64:
		return syntax.RefType(b == 0x63, d.heapType()), true
	case isAbstractHeapByte(b):
		return syntax.RefType(true, abstractHeap(b)), true
	}
	return syntax.ValType{}, false
}

func (d *decoder) refType() syntax.ValType {
	r := &d.r
	pos := r.pos
	if t, ok := d.refTypeFrom(r.byte()); ok {
		return t
	}
	r.fail(pos, "malformed reference type")
	return syntax.ValType{}
}

func (d *decoder) heapType() syntax.HeapType {
	r := &d.r
	pos := r.pos
	v := r.sN(33)
	if v >= 0 {
		if v > 1<<31-1 {
			r.fail(pos, msgTooLarge)
		}
		return syntax.HeapType(v)
	}
	if v < -0x40 || !isAbstractHeapByte(byte(v+0x80)) {
		r.fail(pos, "malformed heap type")
	}
	return syntax.HeapType(v)
}

// limits reads a limits pair. In 3.0 the flags byte also says whether the
// limits are 64-bit (bit 2) and, for memories, shared (bit 1); the bounds
// are read as 64-bit numbers and range-checked by the validator.
func (d *decoder) limits(mem bool) (l syntax.Limits, is64, shared bool) {
	r := &d.r
	if r.wasm2 {
		l.HasMax = r.uN(1) == 1
		l.Min = uint64(r.u32())
		if l.HasMax {
			l.Max = uint64(r.u32())
		}
		return l, false, false
	}
	pos := r.pos
	flags := r.byte()
	allowed := byte(0x05)
	if mem {
		allowed = 0x07
	}
	if flags&^allowed != 0 {
		r.fail(pos, "malformed limits flags")
	}
	l.HasMax = flags&1 != 0
	shared, is64 = flags&2 != 0, flags&4 != 0
	l.Min = r.u64()
	if l.HasMax {
		l.Max = r.u64()
	}
	return l, is64, shared
}

func (d *decoder) tableType() syntax.TableType {
	var t syntax.TableType
	t.Elem = d.refType()
	t.Limits, t.Table64, _ = d.limits(false)
	return t
}

func (d *decoder) memType() syntax.MemType {
	var t syntax.MemType
	t.Limits, t.Mem64, t.Shared = d.limits(true)
	return t
}

func (d *decoder) globalType() syntax.GlobalType {
	t := d.valType()
	return syntax.GlobalType{Type: t, Mutable: d.mutability()}
}

func (d *decoder) tagType() syntax.TagType {
	r := &d.r
	pos := r.pos
	if r.byte() != 0 {
		r.fail(pos, "malformed tag attribute")
	}
	return syntax.TagType{Type: r.u32()}
}

func (d *decoder) table(t *syntax.Table) {
	r := &d.r
	if b, _ := r.peek(); b == 0x40 && !r.wasm2 {
		r.pos++
		pos := r.pos
		if r.byte() != 0 {
			r.fail(pos, "malformed table")
		}
		t.Type = d.tableType()
		t.Init = d.expr()
		return
	}
	t.Type = d.tableType()
}

func (d *decoder) importEntry(im *syntax.Import) {
	r := &d.r
	im.Offset = uint32(r.pos)
	im.Module = r.name()
	im.Name = r.name()
	pos := r.pos
	k := r.byte()
	switch syntax.ExternKind(k) {
	case syntax.ExternFunc:
		im.Func = r.u32()
	case syntax.ExternTable:
		im.Table = d.tableType()
	case syntax.ExternMemory:
		im.Mem = d.memType()
	case syntax.ExternGlobal:
		im.Global = d.globalType()
	case syntax.ExternTag:
		if r.wasm2 {
			r.fail(pos, "malformed import kind")
		}
		im.Tag = d.tagType()
	default:
		r.fail(pos, "malformed import kind")
	}
	im.Kind = syntax.ExternKind(k)
}

// funcRefElem is the element type of the segment forms that list function
// indices: (ref func) in 3.0, funcref in 2.0.
func (d *decoder) funcRefElem() syntax.ValType {
	if d.r.wasm2 {
		return syntax.FuncRef
	}
	return syntax.RefType(false, syntax.HeapFunc)
}

func (d *decoder) elem(e *syntax.Elem) {
	r := &d.r
	pos := r.pos
	flags := r.u32()
	if flags > 7 {
		r.fail(pos, "malformed elements segment kind")
	}
	switch {
	case flags&1 == 0:
		e.Mode = syntax.SegActive
		if flags&2 != 0 {
			e.Table = r.u32()
		}
		e.Offset = d.expr()
	case flags&2 == 0:
		e.Mode = syntax.SegPassive
	default:
		e.Mode = syntax.SegDeclarative
	}
	exprs := flags&4 != 0
	switch {
	case flags&3 == 0 && exprs:
		e.Type = syntax.FuncRef
	case flags&3 == 0:
		e.Type = d.funcRefElem()
	case exprs:
		e.Type = d.refType()
	default:
		kpos := r.pos
		if r.byte() != 0 {
			r.fail(kpos, "malformed elements segment kind")
		}
		e.Type = d.funcRefElem()
	}
	n := r.count()
	e.Init = make([]syntax.Expr, n)
	if exprs {
		for i := range e.Init {
			e.Init[i] = d.expr()
		}
		return
	}
	// Function indices become ref.func expressions; one backing array.
	backing := make([]syntax.Instr, n)
	for i := range e.Init {
		off := r.pos
		backing[i] = syntax.Instr{Op: syntax.OpRefFunc, Offset: uint32(off), X: r.u32()}
		e.Init[i] = backing[i : i+1 : i+1]
	}
}

func (d *decoder) data(s *syntax.Data) {
	r := &d.r
	pos := r.pos
	flags := r.u32()
	switch flags {
	case 0:
		s.Offset = d.expr()
	case 1:
		s.Mode = syntax.SegPassive
	case 2:
		s.Mem = r.u32()
		s.Offset = d.expr()
	default:
		r.fail(pos, "malformed data segment kind")
	}
	n := int(r.u32())
	s.InitOffset = uint32(r.pos)
	s.Init = r.bytes(n)
}

func (d *decoder) code(end int) {
	r := &d.r
	n := r.count()
	d.m.Funcs = make([]syntax.Func, n)
	if !d.lazy {
		// One slab for all bodies: about one instruction per two code
		// bytes.
		d.slab = make([]syntax.Instr, 0, (end-r.pos)/2+16)
	}
	for i := range d.m.Funcs {
		f := &d.m.Funcs[i]
		if i < len(d.funcs) { // else the count check after the last section fails
			f.Type = d.funcs[i]
		}
		f.Offset = uint32(r.pos)
		size := r.length()
		f.BodyOffset = uint32(r.pos)
		bodyEnd := r.pos + size
		nl := r.count()
		if nl > 0 {
			f.Locals = make([]syntax.Local, nl)
		}
		var total uint64
		for j := range f.Locals {
			f.Locals[j].Count = r.u32()
			total += uint64(f.Locals[j].Count)
			f.Locals[j].Type = d.valType()
		}
		if total >= 1<<32 {
			r.fail(int(f.BodyOffset), "too many locals")
		}
		if d.lazy {
			if bodyEnd > end {
				r.fail(int(f.Offset), msgSizeMismach)
			}
			r.pos = bodyEnd
		} else {
			f.Body = d.body()
		}
		if r.pos != bodyEnd {
			r.fail(int(f.Offset), msgSizeMismach)
		}
		f.End = uint32(bodyEnd)
	}
}

// DecodeBody decodes the instructions of defined function i of m, which
// DecodeConfig read from the binary module b with the same c (typically
// with LazyBodies: the body nil), or fails as Decode would on the body.
// Their offsets are b's, as Decode gives them. buf is nil or a body
// DecodeBody returned before, whose storage is reused (its instructions
// are overwritten).
func DecodeBody(b []byte, m *syntax.Module, i int, c Config, buf []syntax.Instr) (body []syntax.Instr, err error) {
	f := &m.Funcs[i]
	if f.End == 0 || int(f.End) > len(b) || f.BodyOffset >= f.End {
		return nil, &Error{Offset: int(f.Offset), Msg: "function body out of the module's bytes"}
	}
	// As in the code section: memory.init and data.drop need a data count
	// section.
	d := &decoder{r: reader{b: b, pos: int(f.BodyOffset), wasm2: c.Wasm2}, inCode: true}
	d.m.DataCount = m.DataCount
	defer func() {
		if p := recover(); p != nil {
			e, ok := p.(*Error)
			if !ok {
				panic(p)
			}
			body, err = nil, e
		}
	}()
	r := &d.r
	for n := r.count(); n > 0; n-- {
		r.u32()
		d.valType()
	}
	// push relies on the slots past the slice's length being zero, as
	// they are past a body DecodeBody returned.
	clear(buf)
	d.slab = buf[:0]
	if cap(d.slab) == 0 {
		d.slab = make([]syntax.Instr, 0, (int(f.End)-r.pos)/2+16)
	}
	d.instrs()
	if r.pos != int(f.End) {
		r.fail(int(f.Offset), msgSizeMismach)
	}
	// bodyStart is 0: the body is all of the slab, whose spare capacity
	// the next call with it may use.
	return d.slab, nil
}

// body reads a function body's instructions through its final end,
// appending to the slab and returning the function's part of it.
func (d *decoder) body() []syntax.Instr {
	d.instrs()
	return d.slab[d.bodyStart:len(d.slab):len(d.slab)]
}

// expr reads a constant expression through its end; the end is dropped.
func (d *decoder) expr() syntax.Expr {
	saved, savedStart := d.slab, d.bodyStart
	d.slab = make([]syntax.Instr, 0, 2)
	d.instrs()
	e := d.slab[: len(d.slab)-1 : len(d.slab)-1]
	d.slab, d.bodyStart = saved, savedStart
	if len(e) == 0 {
		return syntax.Expr{}
	}
	return e
}
