package script

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// hostValue is the host value N a script writes as (ref.extern N), as an
// externref, or as Wasm 3.0's (ref.host N), as an anyref: the same value
// seen from the two hierarchies (any.convert_extern turns one into the
// other), as in the reference interpreter. The engine carries it in
// Value.Ref untouched, so a result compares equal to the argument that
// went in; the value's type says which of the two it is.
type hostValue struct{ n uint64 }

// isExtern reports whether reference type t is in the extern hierarchy.
func isExtern(t syntax.ValType) bool {
	return t.Heap == syntax.HeapExtern || t.Heap == syntax.HeapNoExtern
}

// toEngine converts a script constant to an engine value.
func toEngine(v text.Value) vm.Value {
	switch v.Ref {
	case text.RefNull:
		return vm.Value{Type: v.Type}
	case text.RefExtern:
		return vm.Value{Type: v.Type, Ref: hostValue{v.Lo}}
	case text.RefHost:
		return vm.Value{Type: v.Type, Ref: hostValue{v.Lo}}
	}
	return vm.Value{Type: v.Type, Lo: v.Lo, Hi: v.Hi}
}

// match reports whether the engine's value got is what want describes.
func match(want text.Result, got vm.Value) bool {
	switch want.Kind {
	case text.ResultExact:
		return matchExact(want.Value, got)
	case text.ResultNaNCanonical, text.ResultNaNArithmetic:
		switch {
		case want.Value.Type.Kind == syntax.KindF32 && got.Type.Kind == syntax.KindF32:
			return matchLane(text.Lane{Kind: want.Kind}, 32, true, got.Lo)
		case want.Value.Type.Kind == syntax.KindF64 && got.Type.Kind == syntax.KindF64:
			return matchLane(text.Lane{Kind: want.Kind}, 64, true, got.Lo)
		}
		return false
	case text.ResultLanes:
		if got.Type.Kind != syntax.KindV128 || len(want.Lanes) != want.Shape.Lanes() {
			return false
		}
		float := want.Shape == text.F32x4 || want.Shape == text.F64x2
		for i, l := range want.Lanes {
			if !matchLane(l, want.Shape.LaneBits(), float, lane(got, want.Shape, i)) {
				return false
			}
		}
		return true
	case text.ResultRef:
		return matchRefClass(want.Value.Ref, got)
	case text.ResultEither:
		for _, alt := range want.Either {
			if match(alt, got) {
				return true
			}
		}
	}
	return false
}

func matchExact(want text.Value, got vm.Value) bool {
	switch want.Ref {
	case text.RefNull:
		return got.Type.IsRef() && got.Ref == nil
	case text.RefExtern:
		return got.Type.IsRef() && isExtern(got.Type) && got.Ref == any(hostValue{want.Lo})
	case text.RefHost:
		return got.Type.IsRef() && !isExtern(got.Type) && got.Ref == any(hostValue{want.Lo})
	}
	if want.Type.Kind != got.Type.Kind {
		return false
	}
	switch want.Type.Kind {
	case syntax.KindI32, syntax.KindF32:
		return uint32(want.Lo) == uint32(got.Lo)
	case syntax.KindI64, syntax.KindF64:
		return want.Lo == got.Lo
	case syntax.KindV128:
		return want.Lo == got.Lo && want.Hi == got.Hi
	}
	return false
}

// matchLane matches one lane (or one scalar float) of width bits.
func matchLane(l text.Lane, bits int, float bool, got uint64) bool {
	switch l.Kind {
	case text.ResultExact:
		return l.Bits == got
	case text.ResultNaNCanonical:
		if !float {
			return false
		}
		if bits == 32 {
			return isCanonicalF32(uint32(got))
		}
		return isCanonicalF64(got)
	case text.ResultNaNArithmetic:
		if !float {
			return false
		}
		if bits == 32 {
			return isArithmeticF32(uint32(got))
		}
		return isArithmeticF64(got)
	}
	return false
}

// lane extracts lane i of a v128 in the given shape, zero-extended.
func lane(v vm.Value, s text.Shape, i int) uint64 {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], v.Lo)
	binary.LittleEndian.PutUint64(b[8:], v.Hi)
	switch s.LaneBits() {
	case 8:
		return uint64(b[i])
	case 16:
		return uint64(binary.LittleEndian.Uint16(b[2*i:]))
	case 32:
		return uint64(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return binary.LittleEndian.Uint64(b[8*i:])
}

// matchRefClass matches the result patterns that name a class of
// references rather than one value.
func matchRefClass(k text.RefKind, got vm.Value) bool {
	if !got.Type.IsRef() {
		return false
	}
	switch k {
	case text.RefNull:
		return got.Ref == nil
	case text.RefExtern:
		return got.Ref != nil
	}
	if got.Ref == nil {
		return false
	}
	if isExtern(got.Type) {
		// Whatever it holds, an externref is an extern (ref.extern above).
		return false
	}
	switch got.Ref.(type) {
	case *vm.Function:
		return k == text.RefFunc
	case vm.I31:
		return k == text.RefI31 || k == text.RefEq || k == text.RefAny
	case *vm.Struct:
		return k == text.RefStruct || k == text.RefEq || k == text.RefAny
	case *vm.Array:
		return k == text.RefArray || k == text.RefEq || k == text.RefAny
	case *vm.Exception:
		return k == text.RefExn
	}
	// A host value in the any hierarchy.
	return k == text.RefAny
}

// formatScriptValue prints a script constant in the text format.
func formatScriptValue(v text.Value) string {
	switch v.Ref {
	case text.RefNull:
		return "(ref.null " + heapName(v.Type) + ")"
	case text.RefExtern:
		return fmt.Sprintf("(ref.extern %d)", v.Lo)
	case text.RefHost:
		return fmt.Sprintf("(ref.host %d)", v.Lo)
	}
	return formatNum(v.Type, v.Lo, v.Hi)
}

func heapName(t syntax.ValType) string {
	if t.Kind != syntax.KindRef {
		return t.String()
	}
	return t.Heap.String()
}

// formatNum prints a number or v128 with its bits, so a one-bit
// difference is visible: (f32.const 1.5 (0x3fc00000)).
func formatNum(t syntax.ValType, lo, hi uint64) string {
	switch t.Kind {
	case syntax.KindI32:
		return fmt.Sprintf("(i32.const %d (%#x))", int32(lo), uint32(lo))
	case syntax.KindI64:
		return fmt.Sprintf("(i64.const %d (%#x))", int64(lo), lo)
	case syntax.KindF32:
		return fmt.Sprintf("(f32.const %v (%#x))", math.Float32frombits(uint32(lo)), uint32(lo))
	case syntax.KindF64:
		return fmt.Sprintf("(f64.const %v (%#x))", math.Float64frombits(lo), lo)
	case syntax.KindV128:
		return formatV128(lo, hi, text.I32x4)
	}
	return fmt.Sprintf("(%s %#x %#x)", t, lo, hi)
}

// formatV128 prints a v128 with its lanes in shape s, as bits.
func formatV128(lo, hi uint64, s text.Shape) string {
	v := vm.Value{Type: syntax.V128, Lo: lo, Hi: hi}
	var b strings.Builder
	b.WriteString("(v128.const " + s.String())
	for i := 0; i < s.Lanes(); i++ {
		fmt.Fprintf(&b, " %#x", lane(v, s, i))
	}
	b.WriteString(")")
	return b.String()
}

func formatResult(r text.Result) string {
	switch r.Kind {
	case text.ResultExact:
		return formatScriptValue(r.Value)
	case text.ResultNaNCanonical:
		return "(" + r.Value.Type.String() + ".const nan:canonical)"
	case text.ResultNaNArithmetic:
		return "(" + r.Value.Type.String() + ".const nan:arithmetic)"
	case text.ResultLanes:
		var b strings.Builder
		b.WriteString("(v128.const " + r.Shape.String())
		for _, l := range r.Lanes {
			switch l.Kind {
			case text.ResultNaNCanonical:
				b.WriteString(" nan:canonical")
			case text.ResultNaNArithmetic:
				b.WriteString(" nan:arithmetic")
			default:
				fmt.Fprintf(&b, " %#x", l.Bits)
			}
		}
		b.WriteString(")")
		return b.String()
	case text.ResultRef:
		return "(" + refClassName[r.Value.Ref] + ")"
	case text.ResultEither:
		parts := make([]string, len(r.Either))
		for i, alt := range r.Either {
			parts[i] = formatResult(alt)
		}
		return "(either " + strings.Join(parts, " ") + ")"
	}
	return "?"
}

var refClassName = map[text.RefKind]string{
	text.RefNull: "ref.null", text.RefExtern: "ref.extern", text.RefHost: "ref.host",
	text.RefFunc: "ref.func", text.RefAny: "ref.any", text.RefEq: "ref.eq",
	text.RefStruct: "ref.struct", text.RefArray: "ref.array", text.RefI31: "ref.i31",
	text.RefExn: "ref.exn",
}

func formatResults(rs []text.Result) string {
	if len(rs) == 0 {
		return "no results"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = formatResult(r)
	}
	return strings.Join(parts, " ")
}

// formatGot prints the values an action produced; a v128 is shown in the
// lane shape its expected result uses, so the lanes line up.
func formatGot(got []vm.Value, want []text.Result) string {
	if len(got) == 0 {
		return "no results"
	}
	parts := make([]string, len(got))
	for i, v := range got {
		parts[i] = formatValue(v)
		if i < len(want) && want[i].Kind == text.ResultLanes && v.Type.Kind == syntax.KindV128 {
			parts[i] = formatV128(v.Lo, v.Hi, want[i].Shape)
		}
	}
	return strings.Join(parts, " ")
}

// formatValue prints an engine value.
func formatValue(v vm.Value) string {
	if !v.Type.IsRef() {
		return formatNum(v.Type, v.Lo, v.Hi)
	}
	switch r := v.Ref.(type) {
	case nil:
		return "(ref.null " + heapName(v.Type) + ")"
	case hostValue:
		if isExtern(v.Type) {
			return fmt.Sprintf("(ref.extern %d)", r.n)
		}
		return fmt.Sprintf("(ref.host %d)", r.n)
	}
	return fmt.Sprintf("(%s %v)", v.Type, v.Ref)
}

func formatValues(vs []vm.Value) string {
	if len(vs) == 0 {
		return "no results"
	}
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = formatValue(v)
	}
	return strings.Join(parts, " ")
}
