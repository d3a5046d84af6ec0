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
			syntax.WriteTypeKey(&key, &types[j], func(x uint32) { e.writeIdx(&key, int(x), start, size) })
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

// DefKind returns the composite kind of type index i, or false.
func (e *typeEnv) DefKind(i uint32) (syntax.CompKind, bool) {
	if int(i) >= len(e.types) {
		return 0, false
	}
	return e.types[i].Kind, true
}

// DefSub reports whether type index a is b, an equivalent type, or a
// subtype of it by declared supertypes.
func (e *typeEnv) DefSub(a, b uint32) bool {
	if e.equivIdx(a, b) {
		return true
	}
	// Walk the declared supertypes (each is an earlier index, so this
	// ends).
	for cur := a; int(cur) < len(e.types); {
		s := e.types[cur].Supers
		if len(s) == 0 || s[0] >= cur {
			return false
		}
		cur = s[0]
		if e.equivIdx(cur, b) {
			return true
		}
	}
	return false
}

// topOf returns the top of the hierarchy a heap type belongs to.
func (e *typeEnv) topOf(h syntax.HeapType) syntax.HeapType { return syntax.TopOf(e, h) }

// heapMatch reports whether heap type a is a subtype of b.
func (e *typeEnv) heapMatch(a, b syntax.HeapType) bool { return syntax.HeapSub(e, a, b) }

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
