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
}

func (e *Error) Error() string {
	if e.Where == "" {
		return e.Msg
	}
	return e.Where + ": " + e.Msg
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
	what   string // "global", "elem", "data", "table"
	idx    int
	item   int  // element segment item, or -1
	offset bool // the segment's offset expression
}

func (p place) String() string {
	s := fmt.Sprintf("%s %d", p.what, p.idx)
	if p.item >= 0 {
		s += fmt.Sprintf(" item %d", p.item)
	}
	if p.offset {
		s += " offset"
	}
	return s
}

func errf(where, format string, args ...any) *Error {
	return &Error{Where: where, Msg: fmt.Sprintf(format, args...)}
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
		where := fmt.Sprintf("import %d (%q %q)", i, im.Module, im.Name)
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
		if err := v.funcTypeIdx(v.funcWhere(uint32(v.numImported(syntax.ExternFunc)+i)), f.Type); err != nil {
			return err
		}
	}
	nt := v.numImported(syntax.ExternTable)
	for i, t := range m.Tables {
		where := fmt.Sprintf("table %d", nt+i)
		if err := v.tableType(where, t.Type); err != nil {
			return err
		}
		if t.Init != nil {
			if err := v.constExpr(place{what: "table", idx: nt + i, item: -1}, t.Init, t.Type.Elem); err != nil {
				return err
			}
		} else if !defaultable(t.Type.Elem) {
			return errf(where, "type mismatch: table of non-nullable %s needs an initializer", t.Type.Elem)
		}
	}
	nm := v.numImported(syntax.ExternMemory)
	for i, mt := range m.Mems {
		if err := v.memType(fmt.Sprintf("memory %d", nm+i), mt); err != nil {
			return err
		}
	}
	if v.cfg.Wasm2 && len(v.mems) > 1 {
		return errf("module", "multiple memories")
	}
	ng := v.numImported(syntax.ExternTag)
	for i, t := range m.Tags {
		if err := v.tagType(fmt.Sprintf("tag %d", ng+i), t.Type); err != nil {
			return err
		}
	}
	for i, g := range m.Globals {
		p := place{what: "global", idx: v.numImportedGlobals + i, item: -1}
		if err := v.valType(p.String(), g.Type.Type); err != nil {
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
			return errf("start", "unknown function %d", *m.Start)
		}
		if len(ft.Params) != 0 || len(ft.Results) != 0 {
			return errf("start", "start function must have type [] -> []")
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

func (v *validator) funcTypeIdx(where string, t uint32) error {
	if int(t) >= len(v.m.Types) {
		return errf(where, "unknown type %d", t)
	}
	if v.m.Types[t].Kind != syntax.CompFunc {
		return errf(where, "type mismatch: type %d is not a function type", t)
	}
	return nil
}

func (v *validator) heapType(where string, h syntax.HeapType) error {
	if h >= 0 && int(h) >= len(v.m.Types) {
		return errf(where, "unknown type %d", h)
	}
	if h < 0 && syntax.HeapTypeByName[h.String()] != h {
		return errf(where, "malformed heap type %d", int32(h))
	}
	return nil
}

func (v *validator) valType(where string, t syntax.ValType) error {
	switch t.Kind {
	case syntax.KindI32, syntax.KindI64, syntax.KindF32, syntax.KindF64, syntax.KindV128:
		return nil
	case syntax.KindRef:
		return v.heapType(where, t.Heap)
	}
	return errf(where, "malformed value type")
}

func (v *validator) subType(i uint32) error {
	st := &v.m.Types[i]
	where := fmt.Sprintf("type %d", i)
	// References may point into the type's own recursion group.
	limit := int(st.RecStart + st.RecSize)
	if limit <= int(i) {
		limit = int(i) + 1
	}
	check := func(t syntax.ValType) error {
		if t.Kind == syntax.KindRef && t.Heap >= 0 && int(t.Heap) >= limit {
			return errf(where, "unknown type %d", t.Heap)
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
		return errf(where, "sub type %d has more than one supertype", i)
	}
	for _, s := range st.Supers {
		if s >= i {
			return errf(where, "unknown type %d", s)
		}
		sup := &v.m.Types[s]
		if sup.Final {
			return errf(where, "sub type %d does not match final supertype %d", i, s)
		}
		if !v.env.compMatch(st, sup) {
			return errf(where, "sub type %d does not match supertype %d", i, s)
		}
	}
	return nil
}

func (v *validator) limits(where string, l syntax.Limits, max uint64, what string) error {
	if l.Min > max {
		return errf(where, "%s", what)
	}
	if l.HasMax {
		if l.Max > max {
			return errf(where, "%s", what)
		}
		if l.Min > l.Max {
			return errf(where, "size minimum must not be greater than maximum")
		}
	}
	return nil
}

func (v *validator) tableType(where string, t syntax.TableType) error {
	if err := v.valType(where, t.Elem); err != nil {
		return err
	}
	if t.Elem.Kind != syntax.KindRef {
		return errf(where, "malformed reference type")
	}
	max, what := uint64(1<<32-1), "table size must be at most 2^32-1"
	if t.Table64 {
		max, what = 1<<64-1, "table size must be at most 2^64-1"
	}
	return v.limits(where, t.Limits, max, what)
}

func (v *validator) memType(where string, t syntax.MemType) error {
	max, what := uint64(1<<16), "memory size must be at most 65536 pages (4GiB)"
	if t.Mem64 {
		max, what = 1<<48, "memory size must be at most 2^48 pages (256TiB)"
	}
	if err := v.limits(where, t.Limits, max, what); err != nil {
		return err
	}
	if t.Shared && !t.Limits.HasMax {
		return errf(where, "shared memory must have maximum")
	}
	return nil
}

func (v *validator) tagType(where string, t uint32) error {
	if err := v.funcTypeIdx(where, t); err != nil {
		return err
	}
	if len(v.m.Types[t].Func.Results) != 0 {
		return errf(where, "non-empty tag result type")
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
	for _, e := range v.m.Exports {
		where := fmt.Sprintf("export %q", e.Name)
		if seen[e.Name] {
			return errf(where, "duplicate export name")
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
			return errf(where, "malformed export kind")
		}
		if int(e.Index) >= n {
			return errf(where, "unknown %s %d", what, e.Index)
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
	p := place{what: "elem", idx: i, item: -1}
	if err := v.valType(p.String(), e.Type); err != nil {
		return err
	}
	if e.Type.Kind != syntax.KindRef {
		return errf(p.String(), "malformed reference type")
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
		return errf(p.String(), "unknown table %d", e.Table)
	}
	t := v.tables[e.Table]
	off := p
	off.offset = true
	if err := v.constExpr(off, e.Offset, v.addrType(t.Table64)); err != nil {
		return err
	}
	if !v.env.match(e.Type, t.Elem) {
		return errf(p.String(), "type mismatch: elements of %s for a table of %s", e.Type, t.Elem)
	}
	return nil
}

func (v *validator) data(i int) error {
	d := &v.m.Datas[i]
	if d.Mode != syntax.SegActive {
		return nil
	}
	p := place{what: "data", idx: i, item: -1}
	if int(d.Mem) >= len(v.mems) {
		return errf(p.String(), "unknown memory %d", d.Mem)
	}
	p.offset = true
	return v.constExpr(p, d.Offset, v.addrType(v.mems[d.Mem].Mem64))
}
