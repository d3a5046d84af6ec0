package runtime

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// FuncName is the one label every view gives function i of m (stack
// traces, traces, the debugger, the page's panes, the command line): its
// name from the name section (or text $id), else the name it is exported
// under, each with one leading $, else func[i].
//
// RATIONALE: the export name is what a module without a name section is
// known by to whoever calls it (browsers' devtools label such functions
// the same way), and lookups (breakpoints, debug.FindFunc) accept it with
// or without the $. A name that already starts with $ (some producers
// write the text format's id into the name section) keeps one, so no
// label reads $$x.
func FuncName(m *syntax.Module, i uint32) string {
	return funcLabel(m, i, func() string {
		for _, e := range m.Exports {
			if e.Kind == syntax.ExternFunc && e.Index == i && e.Name != "" {
				return e.Name
			}
		}
		return ""
	})
}

// funcLabel is FuncName with the export lookup given: exported returns
// the first name function i is exported under, "" for none.
func funcLabel(m *syntax.Module, i uint32, exported func() string) string {
	if n := strings.TrimLeft(m.Names.Funcs[i], "$"); n != "" {
		return "$" + n
	}
	if n := strings.TrimLeft(exported(), "$"); n != "" {
		return "$" + n
	}
	return "func[" + strconv.FormatUint(uint64(i), 10) + "]"
}

// Instantiate creates an instance of the validated module m in s: it
// resolves imports, allocates functions (their code is the engine's exec,
// kept in Instance.Exec), tables, memories and globals, and initializes
// active element and data segments in order. It does not run the start
// function.
//
// A missing or mismatched import is a *LinkError; an out-of-bounds segment
// is a *Trap, and, as in Wasm 2.0, the segments initialized before it stay
// written (they may be in imported tables or memories).
func Instantiate(s *Store, m *syntax.Module, exec any) (*Instance, error) {
	inst := &Instance{Module: m, Store: s, Exports: map[string]Extern{}, Exec: exec}
	s.instances = append(s.instances, inst)
	inst.Types = make([]syntax.FuncType, len(m.Types))
	inst.TypeIDs = s.canonicalize(m.Types, m.Names.Types)
	for i, t := range m.Types {
		if t.Kind == syntax.CompFunc {
			inst.Types[i] = t.Func
		}
	}
	for i := range m.Imports {
		if err := inst.link(&m.Imports[i]); err != nil {
			return nil, err
		}
	}
	// The first export name of each function, found once rather than per
	// unnamed function (a stripped module may define thousands).
	var exported map[uint32]string
	for _, f := range m.Funcs {
		idx := uint32(len(inst.Funcs))
		name := funcLabel(m, idx, func() string {
			if exported == nil {
				exported = map[uint32]string{}
				for _, e := range m.Exports {
					if _, dup := exported[e.Index]; e.Kind == syntax.ExternFunc && e.Name != "" && !dup {
						exported[e.Index] = e.Name
					}
				}
			}
			return exported[idx]
		})
		fn := &Func{Inst: inst, Index: idx, Name: name}
		if int(f.Type) < len(inst.Types) {
			fn.Type = inst.Types[f.Type]
			fn.TypeID = inst.TypeIDs[f.Type]
		}
		s.AddFunc(fn)
		inst.Funcs = append(inst.Funcs, fn)
	}
	nimpTags := len(inst.Tags)
	for i, t := range m.Tags {
		tag := &Tag{Name: TagName(m, uint32(nimpTags+i))}
		if int(t.Type) < len(inst.Types) {
			tag.Type = inst.Types[t.Type]
			tag.TypeID = inst.TypeIDs[t.Type]
		}
		inst.Tags = append(inst.Tags, tag)
	}
	for _, g := range m.Globals {
		lo, hi, err := inst.eval(g.Init)
		if err != nil {
			return nil, err
		}
		inst.Globals = append(inst.Globals, &Global{Type: g.Type, Canon: inst.Canon(g.Type.Type), Lo: lo, Hi: hi})
	}
	for i, t := range m.Tables {
		var init uint64
		if t.Init != nil {
			v, _, err := inst.eval(t.Init)
			if err != nil {
				return nil, err
			}
			init = v
		}
		if t.Type.Limits.Min > s.Limits.MaxTableSize {
			return nil, fmt.Errorf("table %d: initial size %d exceeds the limit of %d elements", i, t.Type.Limits.Min, s.Limits.MaxTableSize)
		}
		idx := len(inst.Tables)
		tb, err := newTable(t.Type, s.Limits.MaxTableSize, init, s.Budget, fmt.Sprintf("table %d (%d elements)", idx, t.Type.Limits.Min))
		if err != nil {
			return nil, err
		}
		tb.Elem = inst.Canon(t.Type.Elem)
		inst.Tables = append(inst.Tables, tb)
	}
	for i, mt := range m.Mems {
		if mt.Limits.Min > s.Limits.MaxMemoryPages {
			return nil, fmt.Errorf("memory %d: initial size %d pages exceeds the limit of %d pages", i, mt.Limits.Min, s.Limits.MaxMemoryPages)
		}
		idx := len(inst.Mems)
		mem, err := newMemory(mt, s.Limits.MaxMemoryPages, s.Budget, fmt.Sprintf("memory %d (%d pages)", idx, mt.Limits.Min))
		if err != nil {
			return nil, err
		}
		inst.Mems = append(inst.Mems, mem)
	}
	for _, e := range m.Exports {
		ext := Extern{Kind: e.Kind}
		switch e.Kind {
		case syntax.ExternFunc:
			ext.Func = inst.Funcs[e.Index]
		case syntax.ExternTable:
			ext.Table = inst.Tables[e.Index]
		case syntax.ExternMemory:
			ext.Mem = inst.Mems[e.Index]
		case syntax.ExternGlobal:
			ext.Global = inst.Globals[e.Index]
		case syntax.ExternTag:
			ext.Tag = inst.Tags[e.Index]
		default:
			return nil, fmt.Errorf("export %q: %s exports are not supported", e.Name, e.Kind)
		}
		inst.Exports[e.Name] = ext
	}
	inst.Elems = make([][]uint64, len(m.Elems))
	for i, e := range m.Elems {
		refs := make([]uint64, len(e.Init))
		for j, x := range e.Init {
			v, _, err := inst.eval(x)
			if err != nil {
				return nil, err
			}
			refs[j] = v
		}
		inst.Elems[i] = refs
	}
	inst.Datas = make([][]byte, len(m.Datas))
	for i, d := range m.Datas {
		inst.Datas[i] = d.Init
	}
	for i, e := range m.Elems {
		switch e.Mode {
		case syntax.SegActive:
			off, _, err := inst.eval(e.Offset)
			if err != nil {
				return nil, err
			}
			if msg := inst.TableInit(e.Table, uint32(i), inst.offset(off, inst.Tables[e.Table].Type.Table64), 0, uint64(len(inst.Elems[i]))); msg != "" {
				return nil, &Trap{Msg: msg}
			}
			inst.Elems[i] = nil
		case syntax.SegDeclarative:
			inst.Elems[i] = nil
		}
	}
	for i, d := range m.Datas {
		if d.Mode != syntax.SegActive {
			continue
		}
		off, _, err := inst.eval(d.Offset)
		if err != nil {
			return nil, err
		}
		if msg := inst.MemoryInit(d.Mem, uint32(i), inst.offset(off, inst.Mems[d.Mem].Type.Mem64), 0, uint64(len(d.Init))); msg != "" {
			return nil, &Trap{Msg: msg}
		}
		inst.Datas[i] = nil
	}
	return inst, nil
}

// offset reads an address operand: i32 zero-extended, or i64.
func (inst *Instance) offset(v uint64, is64 bool) uint64 {
	if is64 {
		return v
	}
	return uint64(uint32(v))
}

// TableInit copies n references from element segment elem, starting at
// src, into table tab at dst (table.init); it returns the trap message or "".
func (inst *Instance) TableInit(tab, elem uint32, dst, src, n uint64) string {
	t := inst.Tables[tab].Elems
	seg := inst.Elems[elem]
	if src > uint64(len(seg)) || n > uint64(len(seg))-src || dst > uint64(len(t)) || n > uint64(len(t))-dst {
		return "out of bounds table access"
	}
	copy(t[dst:dst+n], seg[src:src+n])
	return ""
}

// MemoryInit copies n bytes of data segment data, starting at src, into
// memory mem at dst (memory.init); it returns the trap message or "".
func (inst *Instance) MemoryInit(mem, data uint32, dst, src, n uint64) string {
	m := inst.Mems[mem].Data
	seg := inst.Datas[data]
	if src > uint64(len(seg)) || n > uint64(len(seg))-src || dst > uint64(len(m)) || n > uint64(len(m))-dst {
		return "out of bounds memory access"
	}
	copy(m[dst:dst+n], seg[src:src+n])
	return ""
}

func (inst *Instance) link(im *syntax.Import) error {
	s := inst.Store
	ext, ok := s.Lookup(im.Module, im.Name)
	if !ok {
		return &LinkError{Module: im.Module, Name: im.Name, Msg: "unknown import"}
	}
	bad := &LinkError{Module: im.Module, Name: im.Name, Msg: "incompatible import type"}
	if ext.Kind != im.Kind {
		return bad
	}
	switch im.Kind {
	case syntax.ExternFunc:
		if int(im.Func) >= len(inst.TypeIDs) || !s.SubID(ext.Func.TypeID, inst.TypeIDs[im.Func]) {
			return bad
		}
		inst.Funcs = append(inst.Funcs, ext.Func)
	case syntax.ExternTable:
		t := ext.Table
		actual := syntax.Limits{Min: uint64(len(t.Elems)), Max: t.Type.Limits.Max, HasMax: t.Type.Limits.HasMax}
		if t.Elem != inst.Canon(im.Table.Elem) || t.Type.Table64 != im.Table.Table64 || !limitsMatch(actual, im.Table.Limits) {
			return bad
		}
		inst.Tables = append(inst.Tables, t)
	case syntax.ExternMemory:
		mem := ext.Mem
		actual := syntax.Limits{Min: mem.Pages(), Max: mem.Type.Limits.Max, HasMax: mem.Type.Limits.HasMax}
		if mem.Type.Mem64 != im.Mem.Mem64 || mem.Type.Shared != im.Mem.Shared || !limitsMatch(actual, im.Mem.Limits) {
			return bad
		}
		inst.Mems = append(inst.Mems, mem)
	case syntax.ExternGlobal:
		g, want := ext.Global, inst.Canon(im.Global.Type)
		if g.Type.Mutable != im.Global.Mutable || !s.ValSub(g.Canon, want) || g.Type.Mutable && g.Canon != want {
			return bad
		}
		inst.Globals = append(inst.Globals, ext.Global)
	case syntax.ExternTag:
		if int(im.Tag.Type) >= len(inst.TypeIDs) || ext.Tag.TypeID != inst.TypeIDs[im.Tag.Type] {
			return bad
		}
		inst.Tags = append(inst.Tags, ext.Tag)
	default:
		return bad
	}
	return nil
}

// limitsMatch reports whether actual limits fit the import's expected ones.
func limitsMatch(actual, want syntax.Limits) bool {
	if actual.Min < want.Min {
		return false
	}
	if want.HasMax {
		return actual.HasMax && actual.Max <= want.Max
	}
	return true
}

// eval evaluates a constant expression; v128 results use hi.
func (inst *Instance) eval(e syntax.Expr) (lo, hi uint64, err error) {
	var st [][2]uint64
	pop := func() uint64 {
		if len(st) == 0 {
			return 0
		}
		v := st[len(st)-1][0]
		st = st[:len(st)-1]
		return v
	}
	for _, in := range e {
		switch in.Op {
		case syntax.OpI32Const, syntax.OpF32Const:
			st = append(st, [2]uint64{uint64(uint32(in.Const))})
		case syntax.OpI64Const, syntax.OpF64Const:
			st = append(st, [2]uint64{in.Const})
		case syntax.OpV128Const:
			st = append(st, [2]uint64{in.Const, in.Const2})
		case syntax.OpRefNull:
			st = append(st, [2]uint64{})
		case syntax.OpRefFunc:
			if int(in.X) >= len(inst.Funcs) {
				return 0, 0, fmt.Errorf("constant expression at offset %#x: unknown function %d", in.Offset, in.X)
			}
			st = append(st, [2]uint64{FuncRef(inst.Funcs[in.X])})
		case syntax.OpGlobalGet:
			if int(in.X) >= len(inst.Globals) {
				return 0, 0, fmt.Errorf("constant expression at offset %#x: unknown global %d", in.Offset, in.X)
			}
			g := inst.Globals[in.X]
			st = append(st, [2]uint64{g.Lo, g.Hi})
		case syntax.OpI32Add, syntax.OpI32Sub, syntax.OpI32Mul, syntax.OpI64Add, syntax.OpI64Sub, syntax.OpI64Mul:
			b, a := pop(), pop()
			var r uint64
			switch in.Op {
			case syntax.OpI32Add, syntax.OpI64Add:
				r = a + b
			case syntax.OpI32Sub, syntax.OpI64Sub:
				r = a - b
			default:
				r = a * b
			}
			if in.Op <= syntax.OpI32Mul && in.Op >= syntax.OpI32Add {
				r = uint64(uint32(r))
			}
			st = append(st, [2]uint64{r})
		case syntax.OpRefI31:
			st = append(st, [2]uint64{I31Ref(uint32(pop()))})
		case syntax.OpAnyConvertExtern, syntax.OpExternConvertAny:
			// The same slot value in either hierarchy (see heap.go).
		case syntax.OpStructNew, syntax.OpStructNewDefault, syntax.OpArrayNew, syntax.OpArrayNewDefault, syntax.OpArrayNewFixed:
			r, msg := inst.evalNew(&in, &st)
			if msg != "" {
				return 0, 0, &Trap{Msg: msg}
			}
			st = append(st, [2]uint64{r})
		default:
			return 0, 0, fmt.Errorf("constant expression at offset %#x: %s is not supported", in.Offset, in.Op)
		}
	}
	if len(st) != 1 {
		return 0, 0, fmt.Errorf("constant expression: %d values instead of 1", len(st))
	}
	return st[0][0], st[0][1], nil
}

// evalNew evaluates an allocation in a constant expression, popping its
// operands from *st, and returns the new object's slot value or a trap
// message.
func (inst *Instance) evalNew(in *syntax.Instr, st *[][2]uint64) (uint64, string) {
	s := inst.Store
	pop := func() [2]uint64 {
		if len(*st) == 0 {
			return [2]uint64{}
		}
		v := (*st)[len(*st)-1]
		*st = (*st)[:len(*st)-1]
		return v
	}
	id := inst.TypeIDs[in.X]
	ct := s.Type(id)
	switch in.Op {
	case syntax.OpStructNew, syntax.OpStructNewDefault:
		vals := make([]uint64, ct.slots)
		if in.Op == syntax.OpStructNew {
			for i := len(ct.Fields) - 1; i >= 0; i-- {
				v := pop()
				vals[ct.offs[i]] = v[0]
				if f := ct.Fields[i]; f.Packed == syntax.PackedNone && f.Type.Kind == syntax.KindV128 {
					vals[ct.offs[i]+1] = v[1]
				}
			}
		}
		o, msg := s.NewStruct(id, vals)
		if msg != "" {
			return 0, msg
		}
		return s.Ref(o), ""
	}
	var n uint64
	var elems [][2]uint64
	if in.Op == syntax.OpArrayNewFixed {
		n = uint64(in.Y)
		elems = make([][2]uint64, n)
		for i := int(n) - 1; i >= 0; i-- {
			elems[i] = pop()
		}
	} else {
		n = uint64(uint32(pop()[0]))
	}
	var init [2]uint64
	if in.Op == syntax.OpArrayNew {
		init = pop()
	}
	o, msg := s.NewArray(id, n, init[:])
	if msg != "" {
		return 0, msg
	}
	for i, v := range elems {
		o.Put(s, uint64(i), v[:])
	}
	return s.Ref(o), ""
}
