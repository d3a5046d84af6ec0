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
// "nan:0x200000", "i64x2 1 -1", "ref.null"; the CLI's results, the
// page's values and the traces show it (AppendValue).
func FormatValue(v Value) string { return string(AppendValue(nil, v)) }

// AppendValue appends v as FormatValue renders it, for writers that
// format into a reused buffer (traces).
func AppendValue(dst []byte, v Value) []byte {
	switch v.Type.Kind {
	case syntax.KindI32:
		return strconv.AppendInt(dst, int64(int32(v.Lo)), 10)
	case syntax.KindI64:
		return strconv.AppendInt(dst, int64(v.Lo), 10)
	case syntax.KindF32:
		return AppendF32(dst, uint32(v.Lo))
	case syntax.KindF64:
		return AppendF64(dst, v.Lo)
	case syntax.KindV128:
		dst = append(dst, "i64x2 "...)
		dst = strconv.AppendInt(dst, int64(v.Lo), 10)
		dst = append(dst, ' ')
		return strconv.AppendInt(dst, int64(v.Hi), 10)
	}
	if v.Ref == nil {
		return append(dst, "ref.null"...)
	}
	switch v.Ref.(type) {
	case *runtime.Func, runtime.I31, runtime.Object:
		return append(dst, v.String()...)
	}
	return fmt.Appendf(dst, "ref.extern %v", v.Ref)
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

// SlotLabel names local or global i whose name-section name is name (""
// for none) as every view does: the name with one leading $, else the
// index ("$n", "3").
func SlotLabel(name string, i int) string {
	if n := strings.TrimLeft(name, "$"); n != "" {
		return "$" + n
	}
	return strconv.Itoa(i)
}

// FormatF32 renders f32 bits in the shortest form that reads back the same,
// NaNs with their payload as the text format writes them.
func FormatF32(bits uint32) string { return string(AppendF32(nil, bits)) }

// FormatF64 renders f64 bits like FormatF32.
func FormatF64(bits uint64) string { return string(AppendF64(nil, bits)) }

// AppendF32 appends f32 bits as FormatF32 renders them.
func AppendF32(dst []byte, bits uint32) []byte {
	f := math.Float32frombits(bits)
	if f != f {
		return appendNaN(dst, bits>>31 != 0, uint64(bits&0x7fffff), 0x400000)
	}
	return appendFloat(dst, float64(f), 32)
}

// AppendF64 appends f64 bits as FormatF64 renders them.
func AppendF64(dst []byte, bits uint64) []byte {
	f := math.Float64frombits(bits)
	if f != f {
		return appendNaN(dst, bits>>63 != 0, bits&0xfffffffffffff, 1<<51)
	}
	return appendFloat(dst, f, 64)
}

func appendFloat(dst []byte, f float64, size int) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	return strconv.AppendFloat(dst, f, 'g', -1, size)
}

// appendNaN writes a NaN as the text format does: nan for the canonical
// payload, nan:0x… for another, with - when the sign is set.
func appendNaN(dst []byte, neg bool, payload, canonical uint64) []byte {
	if neg {
		dst = append(dst, '-')
	}
	if payload == canonical {
		return append(dst, "nan"...)
	}
	dst = append(dst, "nan:0x"...)
	return strconv.AppendUint(dst, payload, 16)
}
