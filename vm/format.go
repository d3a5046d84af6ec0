package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// FormatValue renders one value as people read it: "3", "-1", "0.5",
// "nan:0x200000", "ref.null"; the CLI's results and the page's values show it.
func FormatValue(v Value) string {
	switch v.Type.Kind {
	case syntax.KindI32:
		return strconv.FormatInt(int64(int32(v.Lo)), 10)
	case syntax.KindI64:
		return strconv.FormatInt(int64(v.Lo), 10)
	case syntax.KindF32:
		return FormatF32(uint32(v.Lo))
	case syntax.KindF64:
		return FormatF64(v.Lo)
	case syntax.KindV128:
		return fmt.Sprintf("i64x2 %d %d", int64(v.Lo), int64(v.Hi))
	}
	if v.Ref == nil {
		return "ref.null"
	}
	switch v.Ref.(type) {
	case *runtime.Func, runtime.I31, runtime.Object:
		return v.String()
	}
	return fmt.Sprintf("ref.extern %v", v.Ref)
}

// FormatValues renders values as a call's arguments or results are
// written: "1, 2.5" (FormatValue each, joined by ", ").
func FormatValues(vs []Value) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = FormatValue(v)
	}
	return strings.Join(out, ", ")
}

// FuncLabel names function i of m as every view does: its name-section
// name, else its export name, each with one leading $, else func[i]
// ("$fib", "$add", "func[3]"). Traps, traces and frames carry the same.
func FuncLabel(m *syntax.Module, i uint32) string { return runtime.FuncName(m, i) }

// FormatF32 renders f32 bits in the shortest form that reads back the same,
// NaNs with their payload as the text format writes them.
func FormatF32(bits uint32) string {
	f := math.Float32frombits(bits)
	if f != f {
		return nanText(bits>>31 != 0, uint64(bits&0x7fffff), 0x400000)
	}
	return floatText(float64(f), 32)
}

// FormatF64 renders f64 bits like FormatF32.
func FormatF64(bits uint64) string {
	f := math.Float64frombits(bits)
	if f != f {
		return nanText(bits>>63 != 0, bits&0xfffffffffffff, 1<<51)
	}
	return floatText(f, 64)
}

func floatText(f float64, size int) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, size)
}

func nanText(neg bool, payload, canonical uint64) string {
	s := "nan"
	if payload != canonical {
		s = fmt.Sprintf("nan:0x%x", payload)
	}
	if neg {
		return "-" + s
	}
	return s
}
