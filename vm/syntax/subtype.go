package syntax

import (
	"fmt"
	"strings"
)

// TypeEnv is what subtyping needs to know about defined types, whether
// they are one module's type indices (the validator) or a store's
// canonical type IDs (the runtime).
type TypeEnv interface {
	// DefKind returns the composite kind of defined type i, or false when
	// there is no such type.
	DefKind(i uint32) (CompKind, bool)
	// DefSub reports whether defined type a is b or a subtype of it by
	// declared supertypes.
	DefSub(a, b uint32) bool
}

// TopOf returns the top of the hierarchy heap type h belongs to: any,
// func, extern or exn.
func TopOf(env TypeEnv, h HeapType) HeapType {
	if h >= 0 {
		if k, ok := env.DefKind(uint32(h)); ok && k == CompFunc {
			return HeapFunc
		}
		return HeapAny
	}
	switch h {
	case HeapFunc, HeapNoFunc:
		return HeapFunc
	case HeapExtern, HeapNoExtern:
		return HeapExtern
	case HeapExn, HeapNoExn:
		return HeapExn
	}
	return HeapAny
}

// HeapSub reports whether heap type a is a subtype of b.
func HeapSub(env TypeEnv, a, b HeapType) bool {
	if a == b {
		return true
	}
	if a >= 0 && b >= 0 {
		return env.DefSub(uint32(a), uint32(b))
	}
	if a >= 0 {
		k, ok := env.DefKind(uint32(a))
		if !ok {
			return false
		}
		switch b {
		case HeapFunc:
			return k == CompFunc
		case HeapAny, HeapEq:
			return k != CompFunc
		case HeapStruct:
			return k == CompStruct
		case HeapArray:
			return k == CompArray
		}
		return false
	}
	if b >= 0 {
		k, ok := env.DefKind(uint32(b))
		if !ok {
			return false
		}
		switch a {
		case HeapNoFunc:
			return k == CompFunc
		case HeapNone:
			return k != CompFunc
		}
		return false
	}
	switch a {
	case HeapNone:
		return TopOf(env, b) == HeapAny
	case HeapNoFunc:
		return b == HeapFunc
	case HeapNoExtern:
		return b == HeapExtern
	case HeapNoExn:
		return b == HeapExn
	case HeapI31, HeapStruct, HeapArray:
		return b == HeapEq || b == HeapAny
	case HeapEq:
		return b == HeapAny
	}
	return false
}

// WriteTypeKey spells a defined type for recognizing equivalent types
// (iso-recursive equivalence): its finality, kind, supertypes and fields or
// signature, with every type index written by idx (which spells indices
// into the type's own recursion group relatively and others by a canonical
// number).
func WriteTypeKey(b *strings.Builder, st *SubType, idx func(uint32)) {
	fmt.Fprintf(b, "%t%d[", st.Final, st.Kind)
	for _, s := range st.Supers {
		idx(s)
	}
	b.WriteString("](")
	vt := func(t ValType) {
		fmt.Fprintf(b, "%d.%t.", t.Kind, t.Nullable)
		if t.Kind == KindRef {
			if t.Heap < 0 {
				fmt.Fprintf(b, "h%d", t.Heap)
			} else {
				idx(uint32(t.Heap))
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
