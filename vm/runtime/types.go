package runtime

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Canonical types. Every type a module defines gets a store-wide canonical
// ID: two types have the same ID exactly when they are equivalent (the
// same recursion group shape, iso-recursively, with the same references
// outside the group), whichever module defined them. Imports, call_indirect
// and casts compare IDs and walk declared supertypes by ID.

// CType is a canonical type: the module's SubType with every type index
// (in supertypes and in reference types) replaced by a canonical ID.
type CType struct {
	syntax.SubType
	// refs says whether a struct field or array element may hold a heap
	// object; offs is each field's first slot, slots the slots of all
	// fields (of one element for an array).
	refs  bool
	offs  []int
	slots int
	// Name is the $id the first module defining the type gave it, if any.
	Name string
}

// name is what traces call the type: its $id, else type[id].
func (ct *CType) name(id uint32) string {
	if ct.Name != "" {
		return ct.Name
	}
	return "type[" + strconv.FormatUint(uint64(id), 10) + "]"
}

// Slots returns the slots of a struct's fields or of one array element.
func (ct *CType) Slots() int { return ct.slots }

// Type returns canonical type id.
func (s *Store) Type(id uint32) *CType { return s.ctypes[id] }

// Canonicalize returns the canonical IDs of a module's types, adding the
// ones the store has not seen.
func (s *Store) Canonicalize(types []syntax.SubType) []uint32 { return s.canonicalize(types, nil) }

func (s *Store) canonicalize(types []syntax.SubType, names map[uint32]string) []uint32 {
	ids := make([]uint32, len(types))
	for i := 0; i < len(types); {
		start, size := int(types[i].RecStart), int(types[i].RecSize)
		if start != i || size < 1 || start+size > len(types) {
			start, size = i, 1
		}
		var key strings.Builder
		for j := start; j < start+size; j++ {
			syntax.WriteTypeKey(&key, &types[j], func(x uint32) { writeTypeIdx(&key, x, ids, start, size) })
			key.WriteByte(';')
		}
		base, ok := s.groups[key.String()]
		if !ok {
			base = uint32(len(s.ctypes))
			s.groups[key.String()] = base
			for j := start; j < start+size; j++ {
				s.ctypes = append(s.ctypes, nil)
			}
			id := func(x uint32) uint32 {
				if int(x) >= start && int(x) < start+size {
					return base + x - uint32(start)
				}
				if int(x) < len(ids) {
					return ids[x]
				}
				return ^uint32(0)
			}
			for j := start; j < start+size; j++ {
				t := types[j]
				ct := &CType{SubType: t}
				if n := strings.TrimLeft(names[uint32(j)], "$"); n != "" {
					ct.Name = "$" + n // one $, as FuncName's labels
				}
				ct.Supers = make([]uint32, len(t.Supers))
				for k, x := range t.Supers {
					ct.Supers[k] = id(x)
				}
				ct.RecStart, ct.RecSize = base, uint32(size)
				vt := func(v syntax.ValType) syntax.ValType {
					if v.Kind == syntax.KindRef && v.Heap >= 0 {
						v.Heap = syntax.HeapType(id(uint32(v.Heap)))
					}
					return v
				}
				ct.Func = syntax.FuncType{Params: mapTypes(t.Func.Params, vt), Results: mapTypes(t.Func.Results, vt)}
				ct.Fields = make([]syntax.FieldType, len(t.Fields))
				ct.offs = make([]int, len(t.Fields))
				for k, f := range t.Fields {
					f.Type = vt(f.Type)
					ct.Fields[k] = f
					ct.offs[k] = ct.slots
					ct.slots++
					if f.Packed == syntax.PackedNone && f.Type.Kind == syntax.KindV128 {
						ct.slots++
					}
					if f.Packed == syntax.PackedNone && f.Type.IsRef() {
						ct.refs = true
					}
				}
				s.ctypes[base+uint32(j-start)] = ct
			}
		}
		for j := 0; j < size; j++ {
			ids[start+j] = base + uint32(j)
		}
		i = start + size
	}
	return ids
}

func mapTypes(ts []syntax.ValType, f func(syntax.ValType) syntax.ValType) []syntax.ValType {
	out := make([]syntax.ValType, len(ts))
	for i, t := range ts {
		out[i] = f(t)
	}
	return out
}

// writeTypeIdx spells type index i for a key: relative inside the group
// [start, start+size), by canonical ID before it.
func writeTypeIdx(b *strings.Builder, i uint32, ids []uint32, start, size int) {
	switch {
	case int(i) >= start && int(i) < start+size:
		fmt.Fprintf(b, "r%d,", int(i)-start)
	case int(i) < start:
		fmt.Fprintf(b, "c%d,", ids[i])
	default:
		fmt.Fprintf(b, "x%d,", i)
	}
}

// FuncTypeID returns the canonical ID of a function signature standing on
// its own (a final type in a recursion group of one), as host functions
// have.
func (s *Store) FuncTypeID(ft syntax.FuncType) uint32 {
	return s.Canonicalize([]syntax.SubType{{Final: true, Kind: syntax.CompFunc, Func: ft, RecSize: 1}})[0]
}

// SubID reports whether canonical type a is a subtype of b: b itself or
// one of a's declared supertypes, transitively.
func (s *Store) SubID(a, b uint32) bool {
	for n := 0; n <= len(s.ctypes); n++ {
		if a == b {
			return true
		}
		if int(a) >= len(s.ctypes) || len(s.ctypes[a].Supers) == 0 {
			return false
		}
		a = s.ctypes[a].Supers[0]
	}
	return false
}

// ctEnv is the store's canonical types as a syntax.TypeEnv.
type ctEnv struct{ s *Store }

func (e ctEnv) DefKind(id uint32) (syntax.CompKind, bool) {
	if int(id) < len(e.s.ctypes) {
		return e.s.ctypes[id].Kind, true
	}
	return syntax.CompFunc, false
}

func (e ctEnv) DefSub(a, b uint32) bool { return e.s.SubID(a, b) }

// TopOf returns the top of the hierarchy canonical heap type h belongs to:
// any, func, extern or exn.
func (s *Store) TopOf(h syntax.HeapType) syntax.HeapType { return syntax.TopOf(ctEnv{s}, h) }

// HeapSub reports whether canonical heap type a is a subtype of b.
func (s *Store) HeapSub(a, b syntax.HeapType) bool { return syntax.HeapSub(ctEnv{s}, a, b) }

// ValSub reports whether canonical value type a matches b.
func (s *Store) ValSub(a, b syntax.ValType) bool {
	if a == b {
		return true
	}
	if !a.IsRef() || !b.IsRef() || a.Nullable && !b.Nullable {
		return false
	}
	return s.HeapSub(a.Heap, b.Heap)
}

// Canon returns t with a type index heap replaced by its canonical ID in
// inst.
func (inst *Instance) Canon(t syntax.ValType) syntax.ValType {
	if t.IsRef() && t.Heap >= 0 && int(t.Heap) < len(inst.TypeIDs) {
		t.Heap = syntax.HeapType(inst.TypeIDs[t.Heap])
	}
	return t
}

// RefTest reports whether reference slot value r matches the canonical
// reference type t (ref.test, ref.cast, br_on_cast): the value is known to
// be in t's hierarchy (validation guarantees it).
func (s *Store) RefTest(r uint64, t syntax.ValType) bool {
	if r == 0 {
		return t.Nullable
	}
	h := t.Heap
	switch s.TopOf(h) {
	case syntax.HeapExtern:
		return h == syntax.HeapExtern
	case syntax.HeapExn:
		return h == syntax.HeapExn
	case syntax.HeapFunc:
		if h == syntax.HeapFunc {
			return true
		}
		if h == syntax.HeapNoFunc || int(r-1) >= len(s.Funcs) {
			return false
		}
		return s.SubID(s.Funcs[r-1].TypeID, uint32(h))
	}
	switch {
	case IsI31(r):
		return h == syntax.HeapI31 || h == syntax.HeapEq || h == syntax.HeapAny
	case IsObj(r):
		var id uint32
		switch o := s.Obj(r).(type) {
		case *Struct:
			id = o.Type
		case *Array:
			id = o.Type
		default:
			return false
		}
		return s.HeapSub(syntax.HeapType(id), h)
	}
	// A host value brought into any (any.convert_extern).
	return h == syntax.HeapAny
}
