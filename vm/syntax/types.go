package syntax

import (
	"fmt"
	"strings"
)

// Kind says which class a value type belongs to.
type Kind uint8

// Value type kinds. The numbers are internal; binary codes live in the
// decoder and encoder.
const (
	KindI32 Kind = iota + 1
	KindI64
	KindF32
	KindF64
	KindV128
	KindRef
)

// HeapType is the target of a reference type: a type index (>= 0) or one of
// the abstract heap types (< 0). The abstract values are the binary format's
// one-byte codes read as signed 7-bit numbers (0x70 func is -0x10), so the
// decoder can store what it reads.
type HeapType int32

// Abstract heap types.
const (
	HeapExn      HeapType = -0x17 // 0x69 exn
	HeapArray    HeapType = -0x16 // 0x6A array
	HeapStruct   HeapType = -0x15 // 0x6B struct
	HeapI31      HeapType = -0x14 // 0x6C i31
	HeapEq       HeapType = -0x13 // 0x6D eq
	HeapAny      HeapType = -0x12 // 0x6E any
	HeapExtern   HeapType = -0x11 // 0x6F extern
	HeapFunc     HeapType = -0x10 // 0x70 func
	HeapNone     HeapType = -0x0F // 0x71 none
	HeapNoExtern HeapType = -0x0E // 0x72 noextern
	HeapNoFunc   HeapType = -0x0D // 0x73 nofunc
	HeapNoExn    HeapType = -0x0C // 0x74 noexn
)

var heapNames = map[HeapType]string{
	HeapExn: "exn", HeapArray: "array", HeapStruct: "struct", HeapI31: "i31",
	HeapEq: "eq", HeapAny: "any", HeapExtern: "extern", HeapFunc: "func",
	HeapNone: "none", HeapNoExtern: "noextern", HeapNoFunc: "nofunc", HeapNoExn: "noexn",
}

// shortRefNames spells (ref null h) for the abstract heap types; the bottom
// types' short forms are not "noneref" but "nullref" and the like.
var shortRefNames = map[HeapType]string{
	HeapExn: "exnref", HeapArray: "arrayref", HeapStruct: "structref", HeapI31: "i31ref",
	HeapEq: "eqref", HeapAny: "anyref", HeapExtern: "externref", HeapFunc: "funcref",
	HeapNone: "nullref", HeapNoExtern: "nullexternref", HeapNoFunc: "nullfuncref", HeapNoExn: "nullexnref",
}

// HeapTypeByName maps the text format's abstract heap type keywords.
var HeapTypeByName = func() map[string]HeapType {
	m := make(map[string]HeapType, len(heapNames))
	for h, n := range heapNames {
		m[n] = h
	}
	return m
}()

// IsAbstract reports whether h names an abstract heap type, not a type index.
func (h HeapType) IsAbstract() bool { return h < 0 }

func (h HeapType) String() string {
	if h >= 0 {
		return fmt.Sprint(uint32(h))
	}
	if n, ok := heapNames[h]; ok {
		return n
	}
	return fmt.Sprintf("heap(%d)", int32(h))
}

// ValType is a value type: a number type, v128, or a reference type.
// It is comparable, so two types are equal when their fields are.
type ValType struct {
	Kind     Kind
	Nullable bool     // KindRef only
	Heap     HeapType // KindRef only
}

// The common value types.
var (
	I32       = ValType{Kind: KindI32}
	I64       = ValType{Kind: KindI64}
	F32       = ValType{Kind: KindF32}
	F64       = ValType{Kind: KindF64}
	V128      = ValType{Kind: KindV128}
	FuncRef   = ValType{Kind: KindRef, Nullable: true, Heap: HeapFunc}
	ExternRef = ValType{Kind: KindRef, Nullable: true, Heap: HeapExtern}
)

// RefType returns the reference type (ref null? h).
func RefType(nullable bool, h HeapType) ValType {
	return ValType{Kind: KindRef, Nullable: nullable, Heap: h}
}

// IsNum reports whether t is i32, i64, f32 or f64.
func (t ValType) IsNum() bool { return t.Kind >= KindI32 && t.Kind <= KindF64 }

// IsRef reports whether t is a reference type.
func (t ValType) IsRef() bool { return t.Kind == KindRef }

// String gives the text format's spelling, with the short forms
// (funcref, externref, ...) where they exist.
func (t ValType) String() string {
	switch t.Kind {
	case KindI32:
		return "i32"
	case KindI64:
		return "i64"
	case KindF32:
		return "f32"
	case KindF64:
		return "f64"
	case KindV128:
		return "v128"
	case KindRef:
		if t.Nullable && t.Heap < 0 {
			return shortRefNames[t.Heap]
		}
		if t.Nullable {
			return "(ref null " + t.Heap.String() + ")"
		}
		return "(ref " + t.Heap.String() + ")"
	}
	return "invalid"
}

// FuncType is a function signature.
type FuncType struct {
	Params, Results []ValType
}

// Equal reports whether two signatures have the same parameters and results.
func (f FuncType) Equal(g FuncType) bool {
	return equalTypes(f.Params, g.Params) && equalTypes(f.Results, g.Results)
}

func equalTypes(a, b []ValType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (f FuncType) String() string {
	var b strings.Builder
	b.WriteString("(func")
	if len(f.Params) > 0 {
		b.WriteString(" (param")
		for _, t := range f.Params {
			b.WriteString(" " + t.String())
		}
		b.WriteString(")")
	}
	if len(f.Results) > 0 {
		b.WriteString(" (result")
		for _, t := range f.Results {
			b.WriteString(" " + t.String())
		}
		b.WriteString(")")
	}
	b.WriteString(")")
	return b.String()
}

// Packed is the storage type of a struct or array field: a value type, or
// one of the packed integer types i8 and i16.
type Packed uint8

// Packed storage types; PackedNone means the field stores a value type.
const (
	PackedNone Packed = iota
	PackedI8
	PackedI16
)

// FieldType is a field of a struct, or the element of an array.
type FieldType struct {
	Type    ValType // when Packed == PackedNone
	Packed  Packed
	Mutable bool
}

// CompKind says which composite type a type definition is.
type CompKind uint8

// Composite type kinds.
const (
	CompFunc CompKind = iota
	CompStruct
	CompArray
)

// SubType is one entry of the type section: a composite type with its
// declared supertypes. A Wasm 2.0 type is a final func type with no
// supertypes in a recursion group of its own.
type SubType struct {
	Final  bool
	Supers []uint32
	Kind   CompKind
	Func   FuncType    // CompFunc
	Fields []FieldType // CompStruct: the fields; CompArray: one element field
	// RecStart is the index of the first type of this type's recursion
	// group, RecSize the number of types in that group.
	RecStart, RecSize uint32
}

// Limits bound the size of a memory (in pages) or table (in elements).
type Limits struct {
	Min    uint64
	Max    uint64
	HasMax bool
}

// TableType describes a table.
type TableType struct {
	Elem    ValType
	Limits  Limits
	Table64 bool // addressed with i64 (Wasm 3.0 memory64 proposal)
}

// MemType describes a linear memory.
type MemType struct {
	Limits Limits
	Mem64  bool // addressed with i64
	Shared bool
}

// GlobalType describes a global.
type GlobalType struct {
	Type    ValType
	Mutable bool
}

// TagType describes an exception tag: its type index (a function type with
// no results).
type TagType struct {
	Type uint32
}
