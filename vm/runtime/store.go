// Package runtime holds the engine's run-time structures: functions (Wasm
// and host), tables, memories, globals, module instances and the store that
// owns them, and instantiation (linking imports, evaluating constant
// expressions, initializing segments). It does not execute code: the
// interpreter in vm/exec does, over these structures.
//
// # RATIONALE
//
// References live in the interpreter's []uint64 value stack and in tables as
// store addresses plus one (0 is null): a funcref is the index of its *Func
// in Store.Funcs plus one, an externref the index of the host value in the
// store's extern list plus one. Keeping values as plain integers keeps the
// value stack free of pointers (cheap for the Go garbage collector and the
// same code for every value type) at the cost of a slice lookup on
// call_indirect and at the API boundary.
//
// Host memory is budgeted per store (Budget), not per instance or per
// memory: a hostile module can split what it asks for across many memories,
// tables, functions and instances, and only their sum tells whether the
// process can hold it. The budget counts capacities that are decided at
// once (a memory's bytes, a table's elements, compiled code), not every Go
// allocation, so checking it costs nothing on the interpreter's paths;
// compiled code is charged by estimate when it is compiled, to the store
// whose execution first calls the function (package exec compiles lazily),
// and, for code compiled before, once per module per store at
// instantiation. The default is fixed per platform rather than learned from Go's
// heap limit, so a module fails or runs the same way each time.
//
// Wasm 3.0's GC objects (structs, arrays) and exceptions keep that shape
// (heap.go): an i31 is the slot value itself, tagged, and an object
// reference is a tagged index into the store's object table, whose entries
// are the Go objects. Inside objects, references to other objects are Go
// pointers, not table indices. So the table only has to hold what a slot
// (a value stack, a global, a table, an element segment) refers to, and
// the store's collector (Collect, gc.go) is a small mark over those slots
// that drops unmarked table entries and measures what is reachable; Go's
// own collector frees the objects. The alternatives were worse for this
// engine: pointers in the value stack ([]any or a parallel []Object) would
// slow every instruction and every Go GC cycle, and a collector of our own
// over handle-linked objects would have to free objects the host still
// holds (a Value returned by Invoke) or pin them forever. Stacks are
// scanned conservatively (a number that looks like an object reference
// keeps that object) because slots carry no types; that can only keep
// garbage a little longer. GC objects are charged to the store's Budget
// when allocated, and what a collection finds unreachable is released: an
// allocation that does not fit even after a collection traps with "out of
// memory", never a Go out-of-memory crash.
package runtime

import (
	"fmt"
	"weak"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Limits bound what instances in a store may allocate.
type Limits struct {
	MaxMemoryPages uint64 // per memory; 0 means the format's limit (65536)
	MaxTableSize   uint64 // per table; 0 means 10,000,000 elements
	// Budget is the store's host-memory budget in bytes (0 means
	// DefaultBudget): see Budget.
	Budget int64
}

// Store owns every function, and the host values referenced by externref,
// of the instances created in it; it also maps module names to the entities
// imports resolve to (host modules and registered instances).
type Store struct {
	Limits Limits
	// Budget accounts for the host memory the store's entities hold; Wasm
	// GC objects are charged to it and released when collected.
	Budget  *Budget
	Funcs   []*Func
	externs []any
	modules map[string]map[string]Extern
	// ctypes are the canonical types by ID, groups the first ID of each
	// recursion group by its key (see types.go).
	ctypes []*CType
	groups map[string]uint32
	// objs is the object table (see heap.go): the heap objects that
	// slot values refer to, by index; free lists its empty entries.
	objs []Object
	free []uint32
	// The collector's state (gc.go): bytes charged, bytes allocated since
	// the last collection, the collection count, the value stacks and the
	// instances whose slots are roots.
	gcUsed, gcSince int64
	epoch           uint32
	serials         uint64
	stacks          []weak.Pointer[StackRoot]
	liveStacks      int
	instances       []*Instance
}

// NewStore returns an empty store with the given limits.
func NewStore(l Limits) *Store {
	if l.MaxMemoryPages == 0 || l.MaxMemoryPages > 65536 {
		l.MaxMemoryPages = 65536
	}
	if l.MaxTableSize == 0 {
		l.MaxTableSize = 10_000_000
	}
	return &Store{Limits: l, Budget: NewBudget(l.Budget), modules: map[string]map[string]Extern{}, groups: map[string]uint32{}}
}

// Extern is an importable and exportable entity: exactly one of the
// pointers is set, as Kind says.
type Extern struct {
	Kind   syntax.ExternKind
	Func   *Func
	Table  *Table
	Mem    *Memory
	Global *Global
	Tag    *Tag
}

// Define makes ext importable as module.name, replacing an earlier
// definition of that name.
func (s *Store) Define(module, name string, ext Extern) {
	m := s.modules[module]
	if m == nil {
		m = map[string]Extern{}
		s.modules[module] = m
	}
	m[name] = ext
}

// Lookup finds the entity an import of module.name resolves to.
func (s *Store) Lookup(module, name string) (Extern, bool) {
	e, ok := s.modules[module][name]
	return e, ok
}

// Register makes every export of inst importable under the module name.
func (s *Store) Register(name string, inst *Instance) {
	m := map[string]Extern{}
	for k, v := range inst.Exports {
		m[k] = v
	}
	s.modules[name] = m
}

// AddFunc gives f its address in the store.
func (s *Store) AddFunc(f *Func) {
	f.Addr = uint32(len(s.Funcs))
	s.Funcs = append(s.Funcs, f)
}

// NewHostFunc returns a host function added to the store; name is what
// traces and stack traces call it (module.name).
func (s *Store) NewHostFunc(name string, h *HostFunc) *Func {
	f := &Func{Type: h.Type, Host: h, Name: name, TypeID: s.FuncTypeID(h.Type)}
	s.AddFunc(f)
	return f
}

// FuncRef is the slot value of a reference to f.
func FuncRef(f *Func) uint64 { return uint64(f.Addr) + 1 }

// FuncAt returns the function a non-null funcref slot value refers to.
func (s *Store) FuncAt(ref uint64) *Func { return s.Funcs[ref-1] }

// ExternRef is the slot value of an externref to a host value; nil is null.
func (s *Store) ExternRef(v any) uint64 {
	if v == nil {
		return 0
	}
	s.externs = append(s.externs, v)
	return uint64(len(s.externs))
}

// Value is a Wasm value outside the interpreter: numbers as bits (i32 in
// the low 32 bits of Lo, floats as IEEE bits, v128 in Lo and Hi, little
// endian) and references in Ref: a *Func for a non-null funcref, the host
// value for a non-null externref, nil for null.
type Value struct {
	Type   syntax.ValType
	Lo, Hi uint64
	Ref    any
}

func (v Value) String() string {
	switch v.Type.Kind {
	case syntax.KindI32:
		return fmt.Sprintf("i32:%d", int32(v.Lo))
	case syntax.KindI64:
		return fmt.Sprintf("i64:%d", int64(v.Lo))
	case syntax.KindF32:
		return fmt.Sprintf("f32:%#x", uint32(v.Lo))
	case syntax.KindF64:
		return fmt.Sprintf("f64:%#x", v.Lo)
	case syntax.KindV128:
		return fmt.Sprintf("v128:%#016x%016x", v.Hi, v.Lo)
	}
	if v.Ref == nil {
		return "ref.null"
	}
	switch r := v.Ref.(type) {
	case *Func:
		return "ref.func " + r.Name
	case I31:
		return fmt.Sprintf("ref.i31 %d", uint32(r))
	case *Exception:
		return "ref.exn " + r.Tag.Name
	case *Struct:
		return r.String()
	case *Array:
		return r.String()
	}
	return fmt.Sprintf("ref.extern %v", v.Ref)
}

// Slots converts v to its slot representation (lo, hi).
func (s *Store) Slots(v Value) (lo, hi uint64) {
	if !v.Type.IsRef() {
		return v.Lo, v.Hi
	}
	switch r := v.Ref.(type) {
	case nil:
		return 0, 0
	case *Func:
		return FuncRef(r), 0
	case I31:
		return I31Ref(uint32(r)), 0
	case Object:
		return s.Ref(r), 0
	default:
		return s.ExternRef(r), 0
	}
}

// I31 is an i31 reference's value at the API boundary (Value.Ref): the
// low 31 bits.
type I31 uint32

// ValueOf converts slots of type t to a Value.
func (s *Store) ValueOf(t syntax.ValType, lo, hi uint64) Value {
	v := Value{Type: t}
	if !t.IsRef() {
		v.Lo = lo
		if t.Kind == syntax.KindV128 {
			v.Hi = hi
		}
		return v
	}
	switch {
	case lo == 0:
	case IsI31(lo):
		v.Ref = I31(lo &^ RefI31)
	case IsObj(lo):
		if o := s.Obj(lo); o != nil {
			v.Ref = o
		}
	case isFuncHeap(t.Heap):
		if int(lo-1) < len(s.Funcs) {
			v.Ref = s.Funcs[lo-1]
		}
	default:
		// extern, or any holding an externalized host value.
		if int(lo-1) < len(s.externs) {
			v.Ref = s.externs[lo-1]
		}
	}
	return v
}

// isFuncHeap reports whether a non-null, non-object reference of heap type
// h is a function: h is func, nofunc or a type index (a defined struct or
// array type holds only objects, so the slot of a type index that is not an
// object is a function).
func isFuncHeap(h syntax.HeapType) bool {
	return h >= 0 || h == syntax.HeapFunc || h == syntax.HeapNoFunc
}

// SlotCount is the number of value-stack slots a value of type t takes.
func SlotCount(t syntax.ValType) int {
	if t.Kind == syntax.KindV128 {
		return 2
	}
	return 1
}
