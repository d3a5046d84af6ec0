package runtime

import (
	"strconv"
	"weak"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Sizes charged per object: a header (Go object headers, the table entry)
// and per slot (8 bytes, 24 more when the slot may hold an object pointer).
const (
	objOverhead  = 64
	slotBytes    = 8
	objSlotBytes = 24
)

// A StackRoot is a value stack the collector scans: an execution's slots
// below its stack pointer. Executions register one (RegisterStack) and
// keep it; the store holds it weakly, so an execution dropped while
// paused stops being a root when Go collects it.
type StackRoot struct {
	Stack *[]uint64
	SP    *int
	Done  bool // the execution finished: nothing to scan
}

// RegisterStack makes r a root of the store's collector.
func (s *Store) RegisterStack(r *StackRoot) {
	if len(s.stacks) >= 2*s.liveStacks+64 {
		// Drop the entries of executions Go has collected or that ended.
		live := s.stacks[:0]
		for _, w := range s.stacks {
			if p := w.Value(); p != nil && !p.Done {
				live = append(live, w)
			}
		}
		clear(s.stacks[len(live):])
		s.stacks = live
		s.liveStacks = len(live)
	}
	s.stacks = append(s.stacks, weak.Make(r))
}

// objSize is what an object of n slots is charged.
func objSize(n int, refs bool) int64 {
	per := int64(slotBytes)
	if refs {
		per += objSlotBytes
	}
	return objOverhead + int64(n)*per
}

// alloc charges an object of n slots to the store's budget, collecting
// first when enough was allocated since the last collection, and again
// when the budget refuses it. It returns what was charged, or a trap
// message when the object does not fit even then.
func (s *Store) alloc(n uint64, refs bool, what string) (int64, string) {
	if n > 1<<40 {
		return 0, "out of memory: " + what + " is larger than any budget"
	}
	size := objSize(int(n), refs)
	if s.gcSince > max(s.gcUsed, 16<<20) {
		s.Collect()
	}
	err := s.Budget.Charge(size, what)
	if err != nil {
		s.Collect()
		err = s.Budget.Charge(size, what)
	}
	if err != nil {
		return 0, "out of memory: " + err.Error()
	}
	s.gcUsed += size
	s.gcSince += size
	return size, ""
}

// GCUsed returns the bytes charged for heap objects: the reachable ones
// as of the last collection and those allocated since.
func (s *Store) GCUsed() int64 { return s.gcUsed }

// NewStruct allocates a struct of canonical type id with the given field
// slot values (v128 fields take two).
func (s *Store) NewStruct(id uint32, vals []uint64) (*Struct, string) {
	ct := s.ctypes[id]
	size, msg := s.alloc(uint64(ct.slots), ct.refs, "a struct")
	if msg != "" {
		return nil, msg
	}
	o := &Struct{Type: id, Def: ct, Fields: NewFields(ct.slots, ct.refs)}
	o.Serial, o.size = s.serial(), size
	for i, f := range ct.Fields {
		k := ct.offs[i]
		o.put(s, f, k, vals[k:])
	}
	return o, ""
}

// NewArray allocates an array of canonical type id with n elements, each
// init (the slot values of one element).
func (s *Store) NewArray(id uint32, n uint64, init []uint64) (*Array, string) {
	ct := s.ctypes[id]
	w := uint64(ct.slots)
	size, msg := s.alloc(n*w, ct.refs, "an array of "+strconv.FormatUint(n, 10)+" elements")
	if msg != "" {
		return nil, msg
	}
	o := &Array{Type: id, Def: ct, Fields: NewFields(int(n*w), ct.refs)}
	o.Serial, o.size = s.serial(), size
	f := ct.Fields[0]
	for i := uint64(0); i < n; i++ {
		o.put(s, f, int(i*w), init)
	}
	return o, ""
}

// put stores a field value (its slots first in v) at slot k, wrapping a
// packed one.
func (f *Fields) put(s *Store, ft syntax.FieldType, k int, v []uint64) {
	switch {
	case ft.Packed == syntax.PackedI8:
		f.Num[k] = v[0] & 0xff
	case ft.Packed == syntax.PackedI16:
		f.Num[k] = v[0] & 0xffff
	case ft.Type.IsRef():
		f.Set(s, k, v[0])
	case ft.Type.Kind == syntax.KindV128:
		f.Num[k], f.Num[k+1] = v[0], v[1]
	default:
		f.Num[k] = v[0]
	}
}

// NewException makes an exception of tag with a payload of n zero slots,
// charged like an object.
func (s *Store) NewException(tag *Tag, n int) (*Exception, string) {
	refs := false
	for _, t := range tag.Type.Params {
		refs = refs || t.IsRef()
	}
	size, msg := s.alloc(uint64(n), refs, "an exception")
	if msg != "" {
		return nil, msg
	}
	x := &Exception{Tag: tag, Payload: NewFields(n, refs)}
	x.Serial, x.size = s.serial(), size
	return x, ""
}

func (s *Store) serial() uint64 {
	s.serials++
	return s.serials
}

// Put stores value v (slots) in field i of a struct.
func (o *Struct) Put(s *Store, i int, v []uint64) {
	o.put(s, o.Def.Fields[i], o.Def.offs[i], v)
}

// Put stores value v (slots) as element i of an array.
func (o *Array) Put(s *Store, i uint64, v []uint64) {
	o.put(s, o.Def.Fields[0], int(i)*o.Def.slots, v)
}

// Len returns the array's length.
func (o *Array) Len(s *Store) uint64 { return uint64(len(o.Num) / o.Def.slots) }

// ElemSlots returns the slots of one element of the array type.
func (s *Store) ElemSlots(id uint32) int { return s.ctypes[id].slots }

// FieldSlot returns field i's first slot in a struct of type id.
func (s *Store) FieldSlot(id uint32, i int) int { return s.ctypes[id].offs[i] }

// Collect drops from the object table the objects no root refers to, and
// releases from the budget what was charged for objects no longer
// reachable from the roots: the value stacks of the store's executions (scanned
// conservatively: a number that looks like an object reference keeps that
// object), and the globals, tables and element segments of its instances.
// Objects refer to each other by Go pointer, so an object dropped from the
// table stays intact for whoever holds it (Go's collector frees it when
// nothing does), and gets a new table entry when it is referred to again.
func (s *Store) Collect() {
	s.epoch++
	marked := make([]bool, len(s.objs))
	var live int64
	var visit func(o Object)
	visit = func(o Object) {
		h := o.hdr()
		if h.epoch == s.epoch {
			return
		}
		h.epoch = s.epoch
		var f *Fields
		switch o := o.(type) {
		case *Struct:
			f = &o.Fields
		case *Array:
			f = &o.Fields
		case *Exception:
			f = &o.Payload
		}
		live += h.size
		for _, c := range f.Obj {
			if c != nil {
				visit(c)
			}
		}
	}
	root := func(r uint64) {
		if !IsObj(r) {
			return
		}
		i := r &^ RefObj
		if i < uint64(len(marked)) && s.objs[i] != nil {
			marked[i] = true
			visit(s.objs[i])
		}
	}
	for _, w := range s.stacks {
		if p := w.Value(); p != nil && !p.Done {
			st := *p.Stack
			for _, v := range st[:min(*p.SP, len(st))] {
				root(v)
			}
		}
	}
	for _, inst := range s.instances {
		for _, g := range inst.Globals {
			if g.Type.Type.IsRef() {
				root(g.Lo)
			}
		}
		for _, t := range inst.Tables {
			for _, v := range t.Elems {
				root(v)
			}
		}
		for _, seg := range inst.Elems {
			for _, v := range seg {
				root(v)
			}
		}
	}
	for i, o := range s.objs {
		if o != nil && !marked[i] {
			s.objs[i] = nil
			s.free = append(s.free, uint32(i))
		}
	}
	s.Budget.Release(s.gcUsed - live)
	s.gcUsed = live
	s.gcSince = 0
}

// FieldValues returns what a debugger shows when it opens object o: a
// struct's fields, an array's elements from first on (at most n), an
// exception's payload. Packed fields read as i32 (zero-extended).
func (s *Store) FieldValues(o Object, first, n int) []Value {
	var ct *CType
	var f *Fields
	switch o := o.(type) {
	case *Struct:
		ct, f = o.Def, &o.Fields
	case *Array:
		ct, f = o.Def, &o.Fields
	case *Exception:
		vs := o.Values(s)
		first = min(max(first, 0), len(vs))
		return vs[first:min(len(vs), first+max(n, 0))]
	default:
		return nil
	}
	get := func(ft syntax.FieldType, k int) Value {
		t := ft.Type
		if ft.Packed != syntax.PackedNone {
			t = syntax.I32
		}
		var hi uint64
		if t.Kind == syntax.KindV128 {
			hi = f.Num[k+1]
		}
		return s.ValueOf(t, f.Get(s, k), hi)
	}
	var vs []Value
	if _, ok := o.(*Struct); ok {
		for i, ft := range ct.Fields {
			vs = append(vs, get(ft, ct.offs[i]))
		}
		return vs
	}
	length := len(f.Num) / max(ct.slots, 1)
	for i := max(first, 0); i < length && len(vs) < n; i++ {
		vs = append(vs, get(ct.Fields[0], i*ct.slots))
	}
	return vs
}
