package valid

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// bot is the type of a value popped from the polymorphic stack of
// unreachable code: it matches every type.
var bot = syntax.ValType{}

// typeEnv answers type-equivalence and subtyping questions about a
// module's defined types.
type typeEnv struct {
	types []syntax.SubType
	// canon gives each type index a canonical number: two indices are
	// equivalent types (iso-recursively) exactly when their numbers are
	// equal.
	canon []int
}

func newTypeEnv(types []syntax.SubType) *typeEnv {
	e := &typeEnv{types: types, canon: make([]int, len(types))}
	groups := map[string]int{}
	for i := 0; i < len(types); {
		st := &types[i]
		start, size := int(st.RecStart), int(st.RecSize)
		if start != i || size < 1 || start+size > len(types) {
			// A module built by hand may leave recursion groups unset:
			// treat each such type as its own group.
			start, size = i, 1
		}
		var key strings.Builder
		for j := start; j < start+size; j++ {
			e.writeKey(&key, &types[j], start, size)
			key.WriteByte(';')
		}
		g, ok := groups[key.String()]
		if !ok {
			g = len(groups)
			groups[key.String()] = g
		}
		for j := 0; j < size; j++ {
			e.canon[start+j] = g<<16 | j
		}
		i = start + size
	}
	return e
}

// writeKey spells a type with references into its own recursion group as
// relative indices and references outside it by canonical number.
func (e *typeEnv) writeKey(b *strings.Builder, st *syntax.SubType, start, size int) {
	fmt.Fprintf(b, "%t%d[", st.Final, st.Kind)
	for _, s := range st.Supers {
		e.writeIdx(b, int(s), start, size)
	}
	b.WriteString("](")
	vt := func(t syntax.ValType) {
		fmt.Fprintf(b, "%d.%t.", t.Kind, t.Nullable)
		if t.Kind == syntax.KindRef {
			if t.Heap < 0 {
				fmt.Fprintf(b, "h%d", t.Heap)
			} else {
				e.writeIdx(b, int(t.Heap), start, size)
			}
		}
		b.WriteByte(',')
	}
	for _, t := range st.Func.Params {
		vt(t)
	}
	b.WriteString("->")
	for _, t := range st.Func.Results {
		vt(t)
	}
	for _, f := range st.Fields {
		fmt.Fprintf(b, "%d%t", f.Packed, f.Mutable)
		vt(f.Type)
	}
	b.WriteByte(')')
}

func (e *typeEnv) writeIdx(b *strings.Builder, i, start, size int) {
	switch {
	case i >= start && i < start+size:
		fmt.Fprintf(b, "r%d,", i-start)
	case i < len(e.canon) && i < start:
		fmt.Fprintf(b, "c%d,", e.canon[i])
	default:
		fmt.Fprintf(b, "x%d,", i) // invalid; reported by the type checks
	}
}

func (e *typeEnv) equivIdx(a, b uint32) bool {
	if a == b {
		return true
	}
	if int(a) >= len(e.canon) || int(b) >= len(e.canon) {
		return false
	}
	return e.canon[a] == e.canon[b]
}

// kindOf returns the composite kind of type index i, or false.
func (e *typeEnv) kindOf(i uint32) (syntax.CompKind, bool) {
	if int(i) >= len(e.types) {
		return 0, false
	}
	return e.types[i].Kind, true
}

// topOf returns the top of the hierarchy a heap type belongs to.
func (e *typeEnv) topOf(h syntax.HeapType) syntax.HeapType {
	if h >= 0 {
		if k, ok := e.kindOf(uint32(h)); ok && k == syntax.CompFunc {
			return syntax.HeapFunc
		}
		return syntax.HeapAny
	}
	switch h {
	case syntax.HeapFunc, syntax.HeapNoFunc:
		return syntax.HeapFunc
	case syntax.HeapExtern, syntax.HeapNoExtern:
		return syntax.HeapExtern
	case syntax.HeapExn, syntax.HeapNoExn:
		return syntax.HeapExn
	}
	return syntax.HeapAny
}

// heapMatch reports whether heap type a is a subtype of b.
func (e *typeEnv) heapMatch(a, b syntax.HeapType) bool {
	if a == b {
		return true
	}
	if a >= 0 && b >= 0 {
		if e.equivIdx(uint32(a), uint32(b)) {
			return true
		}
		// Walk the declared supertypes (each is an earlier index, so this
		// ends).
		for cur := uint32(a); int(cur) < len(e.types); {
			s := e.types[cur].Supers
			if len(s) == 0 || s[0] >= cur {
				return false
			}
			cur = s[0]
			if e.equivIdx(cur, uint32(b)) {
				return true
			}
		}
		return false
	}
	if a >= 0 {
		k, ok := e.kindOf(uint32(a))
		if !ok {
			return false
		}
		switch b {
		case syntax.HeapFunc:
			return k == syntax.CompFunc
		case syntax.HeapAny, syntax.HeapEq:
			return k != syntax.CompFunc
		case syntax.HeapStruct:
			return k == syntax.CompStruct
		case syntax.HeapArray:
			return k == syntax.CompArray
		}
		return false
	}
	if b >= 0 {
		k, ok := e.kindOf(uint32(b))
		if !ok {
			return false
		}
		switch a {
		case syntax.HeapNoFunc:
			return k == syntax.CompFunc
		case syntax.HeapNone:
			return k != syntax.CompFunc
		}
		return false
	}
	switch a {
	case syntax.HeapNone:
		return e.topOf(b) == syntax.HeapAny
	case syntax.HeapNoFunc:
		return b == syntax.HeapFunc
	case syntax.HeapNoExtern:
		return b == syntax.HeapExtern
	case syntax.HeapNoExn:
		return b == syntax.HeapExn
	case syntax.HeapI31, syntax.HeapStruct, syntax.HeapArray:
		return b == syntax.HeapEq || b == syntax.HeapAny
	case syntax.HeapEq:
		return b == syntax.HeapAny
	}
	return false
}

// match reports whether a value of type a may be used where b is expected.
func (e *typeEnv) match(a, b syntax.ValType) bool {
	if a == b || a == bot {
		return true
	}
	if a.Kind != syntax.KindRef || b.Kind != syntax.KindRef {
		return false
	}
	if a.Nullable && !b.Nullable {
		return false
	}
	return e.heapMatch(a.Heap, b.Heap)
}

func (e *typeEnv) matchAll(as, bs []syntax.ValType) bool {
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if !e.match(as[i], bs[i]) {
			return false
		}
	}
	return true
}

// fieldMatch is subtyping of struct fields and array elements: immutable
// fields are covariant, mutable ones invariant.
func (e *typeEnv) fieldMatch(a, b syntax.FieldType) bool {
	if a.Mutable != b.Mutable || a.Packed != b.Packed {
		return false
	}
	if a.Packed != syntax.PackedNone {
		return true
	}
	if a.Mutable {
		return e.match(a.Type, b.Type) && e.match(b.Type, a.Type)
	}
	return e.match(a.Type, b.Type)
}

// compMatch reports whether composite type a is a subtype of b (used for
// declared supertypes).
func (e *typeEnv) compMatch(a, b *syntax.SubType) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case syntax.CompFunc:
		return e.matchAll(b.Func.Params, a.Func.Params) && e.matchAll(a.Func.Results, b.Func.Results)
	case syntax.CompStruct:
		if len(a.Fields) < len(b.Fields) {
			return false
		}
		for i := range b.Fields {
			if !e.fieldMatch(a.Fields[i], b.Fields[i]) {
				return false
			}
		}
		return true
	}
	return len(a.Fields) == 1 && len(b.Fields) == 1 && e.fieldMatch(a.Fields[0], b.Fields[0])
}

// defaultable reports whether locals and table elements of type t have a
// default value.
func defaultable(t syntax.ValType) bool { return t.Kind != syntax.KindRef || t.Nullable }
