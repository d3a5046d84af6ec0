package valid

import (
	"errors"
	"fmt"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Config selects the rules a module is checked against.
type Config struct {
	// Wasm2 applies Wasm 2.0's restrictions where 3.0 relaxed them: one
	// memory at most, and constant expressions limited to constants,
	// ref.null, ref.func and global.get of imported globals.
	Wasm2 bool
	// Body, when set, gives the body of defined function i (m.Funcs[i])
	// whose Body is nil (a module decoded without its bodies: see
	// binary.Config.LazyBodies). The validator is done with a body
	// before it asks for the next, so Body may reuse its storage.
	Body func(i int) ([]syntax.Instr, error)
}

// Error is a validation error: where (a function and instruction offset,
// or a module entity) and the spec's message.
type Error struct {
	// Where names the place: "func 3 ($fib) at offset 0x1a3", "global 2",
	// "export \"main\"".
	Where string
	// Msg is the reference interpreter's message, possibly followed by
	// details after a colon ("type mismatch: expected i32, found i64").
	Msg string

	// Field and Index are the place as data, for tools that map it back to
	// a source (a text module's line and column). Index counts in the
	// field's index space, imports first, for functions, tables, memories,
	// globals and tags; in the module's list for types, imports, exports,
	// and element and data segments; it is 0 for FieldStart and
	// FieldModule.
	Field Field
	Index int
	// Item is the element segment's item whose expression is at fault, or
	// -1 (the segment's offset expression, and every other field).
	Item int
	// Instr is the index of the instruction at fault in the function body
	// or constant expression (a constant expression's implicit end counts
	// as one past its last instruction), or -1 when the error is not in
	// code; Op is that instruction's operator.
	Instr int
	Op    syntax.Op
}

func (e *Error) Error() string {
	if e.Where == "" {
		return e.Msg
	}
	return e.Where + ": " + e.Msg
}

// Field is a kind of module field, the place of an Error.
type Field uint8

// The fields an Error can be in.
const (
	FieldModule Field = iota // the module as a whole ("multiple memories")
	FieldType
	FieldImport
	FieldFunc
	FieldTable
	FieldMemory
	FieldTag
	FieldGlobal
	FieldExport
	FieldStart
	FieldElem
	FieldData
)

var fieldNames = [...]string{"module", "type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem", "data"}

func (f Field) String() string {
	if int(f) < len(fieldNames) {
		return fieldNames[f]
	}
	return fmt.Sprintf("field(%d)", uint8(f))
}

// Validate checks m by the rules of Wasm 3.0 (which include 2.0's).
func Validate(m *syntax.Module) error { return ValidateConfig(m, Config{}) }

// ValidateConfig checks m under the given configuration and returns the
// first error found, an *Error.
func ValidateConfig(m *syntax.Module, c Config) error {
	v := newValidator(m, c)
	if err := v.module(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			return e
		}
		return err
	}
	return nil
}

type validator struct {
	m     *syntax.Module
	cfg   Config
	env   *typeEnv
	funcs []uint32 // type index of every function, imports first
	// Index spaces, imports first.
	tables  []syntax.TableType
	mems    []syntax.MemType
	globals []syntax.GlobalType
	tags    []uint32
	// numImportedGlobals bounds global.get in 2.0 constant expressions.
	numImportedGlobals int
	// refs holds the functions that ref.func may name in code: those
	// mentioned outside function bodies.
	refs map[uint32]bool
	// fc and cc are the function and constant-expression checkers, reused
	// so their stacks are allocated once.
	fc, cc checker
	end    [1]syntax.Instr // a constant expression's implicit end
}

func newValidator(m *syntax.Module, c Config) *validator {
	v := &validator{m: m, cfg: c, env: newTypeEnv(m.Types)}
	for _, im := range m.Imports {
		switch im.Kind {
		case syntax.ExternFunc:
			v.funcs = append(v.funcs, im.Func)
		case syntax.ExternTable:
			v.tables = append(v.tables, im.Table)
		case syntax.ExternMemory:
			v.mems = append(v.mems, im.Mem)
		case syntax.ExternGlobal:
			v.globals = append(v.globals, im.Global)
			v.numImportedGlobals++
		case syntax.ExternTag:
			v.tags = append(v.tags, im.Tag.Type)
		}
	}
	for _, f := range m.Funcs {
		v.funcs = append(v.funcs, f.Type)
	}
	for _, t := range m.Tables {
		v.tables = append(v.tables, t.Type)
	}
	v.mems = append(v.mems, m.Mems...)
	for _, t := range m.Tags {
		v.tags = append(v.tags, t.Type)
	}
	// Globals are added one by one while checking them: an initializer
	// sees only the globals before it.
	return v
}

// place names a module entity for error messages; it is formatted only
// when an error is reported, since modules have many segments.
type place struct {
	field  Field
	idx    int
	item   int  // element segment item, or -1
	offset bool // the segment's offset expression
}

// at is the place of field idx as a whole.
func at(f Field, idx int) place { return place{field: f, idx: idx, item: -1} }

// describe formats p as Error.Where.
func (v *validator) describe(p place) string {
	var s string
	switch p.field {
	case FieldModule, FieldStart:
		return p.field.String()
	case FieldImport:
		im := &v.m.Imports[p.idx]
		return fmt.Sprintf("import %d (%q %q)", p.idx, im.Module, im.Name)
	case FieldFunc:
		return v.funcWhere(uint32(p.idx))
	case FieldExport:
		return fmt.Sprintf("export %q", v.m.Exports[p.idx].Name)
	default:
		s = fmt.Sprintf("%s %d", p.field, p.idx)
	}
	if p.item >= 0 {
		s += fmt.Sprintf(" item %d", p.item)
	}
	if p.offset {
		s += " offset"
	}
	return s
}

// errf makes the error at p, outside code.
func (v *validator) errf(p place, format string, args ...any) *Error {
	return &Error{Where: v.describe(p), Msg: fmt.Sprintf(format, args...),
		Field: p.field, Index: p.idx, Item: p.item, Instr: -1}
}

func (v *validator) module() error {
	m := v.m
	for i := range m.Types {
		if err := v.subType(uint32(i)); err != nil {
			return err
		}
	}
	v.collectRefs()
	for i, im := range m.Imports {
		where := at(FieldImport, i)
		var err error
		switch im.Kind {
		case syntax.ExternFunc:
			err = v.funcTypeIdx(where, im.Func)
		case syntax.ExternTable:
			err = v.tableType(where, im.Table)
		case syntax.ExternMemory:
			err = v.memType(where, im.Mem)
		case syntax.ExternGlobal:
			err = v.valType(where, im.Global.Type)
		case syntax.ExternTag:
			err = v.tagType(where, im.Tag.Type)
		}
		if err != nil {
			return err
		}
	}
	for i, f := range m.Funcs {
		if int(f.Type) < len(m.Types) && m.Types[f.Type].Kind == syntax.CompFunc {
			continue
		}
		if err := v.funcTypeIdx(at(FieldFunc, v.numImported(syntax.ExternFunc)+i), f.Type); err != nil {
			return err
		}
	}
	nt := v.numImported(syntax.ExternTable)
	for i, t := range m.Tables {
		where := at(FieldTable, nt+i)
		if err := v.tableType(where, t.Type); err != nil {
			return err
		}
		if t.Init != nil {
			if err := v.constExpr(where, t.Init, t.Type.Elem); err != nil {
				return err
			}
		} else if !defaultable(t.Type.Elem) {
			return v.errf(where, "type mismatch: table of non-nullable %s needs an initializer", t.Type.Elem)
		}
	}
	nm := v.numImported(syntax.ExternMemory)
	for i, mt := range m.Mems {
		if err := v.memType(at(FieldMemory, nm+i), mt); err != nil {
			return err
		}
	}
	if v.cfg.Wasm2 && len(v.mems) > 1 {
		return v.errf(at(FieldModule, 0), "multiple memories")
	}
	ng := v.numImported(syntax.ExternTag)
	for i, t := range m.Tags {
		if err := v.tagType(at(FieldTag, ng+i), t.Type); err != nil {
			return err
		}
	}
	for i, g := range m.Globals {
		p := at(FieldGlobal, v.numImportedGlobals+i)
		if err := v.valType(p, g.Type.Type); err != nil {
			return err
		}
		if err := v.constExpr(p, g.Init, g.Type.Type); err != nil {
			return err
		}
		v.globals = append(v.globals, g.Type)
	}
	if err := v.exports(); err != nil {
		return err
	}
	if m.Start != nil {
		ft, ok := v.funcType(*m.Start)
		if !ok {
			return v.errf(at(FieldStart, 0), "unknown function %d", *m.Start)
		}
		if len(ft.Params) != 0 || len(ft.Results) != 0 {
			return v.errf(at(FieldStart, 0), "start function must have type [] -> []")
		}
	}
	for i := range m.Elems {
		if err := v.elem(i); err != nil {
			return err
		}
	}
	for i := range m.Datas {
		if err := v.data(i); err != nil {
			return err
		}
	}
	for i := range m.Funcs {
		if err := v.function(i); err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) numImported(k syntax.ExternKind) int { return v.m.NumImported(k) }

func (v *validator) funcWhere(idx uint32) string {
	if n := v.m.Names.Funcs[idx]; n != "" {
		return fmt.Sprintf("func %d ($%s)", idx, n)
	}
	return fmt.Sprintf("func %d", idx)
}

// funcType returns the signature of function idx.
func (v *validator) funcType(idx uint32) (syntax.FuncType, bool) {
	if int(idx) >= len(v.funcs) {
		return syntax.FuncType{}, false
	}
	t := v.funcs[idx]
	if int(t) >= len(v.m.Types) || v.m.Types[t].Kind != syntax.CompFunc {
		return syntax.FuncType{}, false
	}
	return v.m.Types[t].Func, true
}

func (v *validator) funcTypeIdx(where place, t uint32) error {
	if int(t) >= len(v.m.Types) {
		return v.errf(where, "unknown type %d", t)
	}
	if v.m.Types[t].Kind != syntax.CompFunc {
		return v.errf(where, "type mismatch: type %d is not a function type", t)
	}
	return nil
}

func (v *validator) heapType(where place, h syntax.HeapType) error {
	if h >= 0 && int(h) >= len(v.m.Types) {
		return v.errf(where, "unknown type %d", h)
	}
	if h < 0 && syntax.HeapTypeByName[h.String()] != h {
		return v.errf(where, "malformed heap type %d", int32(h))
	}
	return nil
}

func (v *validator) valType(where place, t syntax.ValType) error {
	switch t.Kind {
	case syntax.KindI32, syntax.KindI64, syntax.KindF32, syntax.KindF64, syntax.KindV128:
		return nil
	case syntax.KindRef:
		return v.heapType(where, t.Heap)
	}
	return v.errf(where, "malformed value type")
}

func (v *validator) subType(i uint32) error {
	st := &v.m.Types[i]
	where := at(FieldType, int(i))
	// References may point into the type's own recursion group.
	limit := int(st.RecStart + st.RecSize)
	if limit <= int(i) {
		limit = int(i) + 1
	}
	check := func(t syntax.ValType) error {
		if t.Kind == syntax.KindRef && t.Heap >= 0 && int(t.Heap) >= limit {
			return v.errf(where, "unknown type %d", t.Heap)
		}
		return v.valType(where, t)
	}
	for _, t := range st.Func.Params {
		if err := check(t); err != nil {
			return err
		}
	}
	for _, t := range st.Func.Results {
		if err := check(t); err != nil {
			return err
		}
	}
	for _, f := range st.Fields {
		if f.Packed == syntax.PackedNone {
			if err := check(f.Type); err != nil {
				return err
			}
		}
	}
	if len(st.Supers) > 1 {
		return v.errf(where, "sub type %d has more than one supertype", i)
	}
	for _, s := range st.Supers {
		if s >= i {
			return v.errf(where, "unknown type %d", s)
		}
		sup := &v.m.Types[s]
		if sup.Final {
			return v.errf(where, "sub type %d does not match final supertype %d", i, s)
		}
		if !v.env.compMatch(st, sup) {
			return v.errf(where, "sub type %d does not match supertype %d", i, s)
		}
	}
	return nil
}

func (v *validator) limits(where place, l syntax.Limits, max uint64, what string) error {
	if l.Min > max {
		return v.errf(where, "%s", what)
	}
	if l.HasMax {
		if l.Max > max {
			return v.errf(where, "%s", what)
		}
		if l.Min > l.Max {
			return v.errf(where, "size minimum must not be greater than maximum")
		}
	}
	return nil
}

func (v *validator) tableType(where place, t syntax.TableType) error {
	if err := v.valType(where, t.Elem); err != nil {
		return err
	}
	if t.Elem.Kind != syntax.KindRef {
		return v.errf(where, "malformed reference type")
	}
	max, what := uint64(1<<32-1), "table size must be at most 2^32-1"
	if t.Table64 {
		max, what = 1<<64-1, "table size must be at most 2^64-1"
	}
	return v.limits(where, t.Limits, max, what)
}

func (v *validator) memType(where place, t syntax.MemType) error {
	max, what := uint64(1<<16), "memory size must be at most 65536 pages (4GiB)"
	if t.Mem64 {
		max, what = 1<<48, "memory size must be at most 2^48 pages (256TiB)"
	}
	if err := v.limits(where, t.Limits, max, what); err != nil {
		return err
	}
	if t.Shared && !t.Limits.HasMax {
		return v.errf(where, "shared memory must have maximum")
	}
	return nil
}

func (v *validator) tagType(where place, t uint32) error {
	if err := v.funcTypeIdx(where, t); err != nil {
		return err
	}
	if len(v.m.Types[t].Func.Results) != 0 {
		return v.errf(where, "non-empty tag result type")
	}
	return nil
}

// collectRefs gathers the functions referenced outside function bodies,
// which are the ones ref.func may name inside them.
func (v *validator) collectRefs() {
	v.refs = map[uint32]bool{}
	scan := func(e syntax.Expr) {
		for _, in := range e {
			if in.Op == syntax.OpRefFunc {
				v.refs[in.X] = true
			}
		}
	}
	for _, g := range v.m.Globals {
		scan(g.Init)
	}
	for _, t := range v.m.Tables {
		scan(t.Init)
	}
	for _, e := range v.m.Elems {
		scan(e.Offset)
		for _, x := range e.Init {
			scan(x)
		}
	}
	for _, d := range v.m.Datas {
		scan(d.Offset)
	}
	for _, e := range v.m.Exports {
		if e.Kind == syntax.ExternFunc {
			v.refs[e.Index] = true
		}
	}
}

func (v *validator) exports() error {
	seen := make(map[string]bool, len(v.m.Exports))
	for i, e := range v.m.Exports {
		where := at(FieldExport, i)
		if seen[e.Name] {
			return v.errf(where, "duplicate export name")
		}
		seen[e.Name] = true
		var n int
		what := e.Kind.String()
		switch e.Kind {
		case syntax.ExternFunc:
			n, what = len(v.funcs), "function"
		case syntax.ExternTable:
			n = len(v.tables)
		case syntax.ExternMemory:
			n = len(v.mems)
		case syntax.ExternGlobal:
			n = len(v.globals)
		case syntax.ExternTag:
			n = len(v.tags)
		default:
			return v.errf(where, "malformed export kind")
		}
		if int(e.Index) >= n {
			return v.errf(where, "unknown %s %d", what, e.Index)
		}
	}
	return nil
}

func (v *validator) addrType(is64 bool) syntax.ValType {
	if is64 {
		return syntax.I64
	}
	return syntax.I32
}

func (v *validator) elem(i int) error {
	e := &v.m.Elems[i]
	p := at(FieldElem, i)
	if err := v.valType(p, e.Type); err != nil {
		return err
	}
	if e.Type.Kind != syntax.KindRef {
		return v.errf(p, "malformed reference type")
	}
	for j, x := range e.Init {
		item := p
		item.item = j
		if err := v.constExpr(item, x, e.Type); err != nil {
			return err
		}
	}
	if e.Mode != syntax.SegActive {
		return nil
	}
	if int(e.Table) >= len(v.tables) {
		return v.errf(p, "unknown table %d", e.Table)
	}
	t := v.tables[e.Table]
	off := p
	off.offset = true
	if err := v.constExpr(off, e.Offset, v.addrType(t.Table64)); err != nil {
		return err
	}
	if !v.env.match(e.Type, t.Elem) {
		return v.errf(p, "type mismatch: elements of %s for a table of %s", e.Type, t.Elem)
	}
	return nil
}

func (v *validator) data(i int) error {
	d := &v.m.Datas[i]
	if d.Mode != syntax.SegActive {
		return nil
	}
	p := at(FieldData, i)
	if int(d.Mem) >= len(v.mems) {
		return v.errf(p, "unknown memory %d", d.Mem)
	}
	p.offset = true
	return v.constExpr(p, d.Offset, v.addrType(v.mems[d.Mem].Mem64))
}
