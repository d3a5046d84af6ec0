package numeric

import (
	"math"
	"sort"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

var (
	benchV   V128
	benchF32 float32
	benchF64 float64
	benchU64 uint64
)

func BenchmarkScalar(b *testing.B) {
	x32, y32 := float32(2.5), float32(-1.25)
	x64, y64 := 2.5, -1.25
	b.Run("f32.min", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			benchF32 = F32Min(x32, y32)
		}
	})
	b.Run("f64.max", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			benchF64 = F64Max(x64, y64)
		}
	})
	b.Run("f64.nearest", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			benchF64 = F64Nearest(x64)
		}
	})
	b.Run("f32.sqrt", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			benchF32 = F32Sqrt(x32)
		}
	})
	b.Run("i64.trunc_f64_u", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v, _ := I64TruncF64U(x64)
			benchU64 = v
		}
	})
	b.Run("f32.convert_i64_u", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			benchF32 = F32ConvertI64U(math.MaxUint64 - uint64(i))
		}
	})
	b.Run("i32.div_s", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v, _ := I32DivS(int32(i), 7)
			benchU64 = uint64(v)
		}
	})
}

// BenchmarkV128 times each unary, binary and ternary table op through the
// table, the way the interpreter calls them.
func BenchmarkV128(b *testing.B) {
	x, y, z := V128{0x0123456789abcdef, 0xfedcba9876543210}, V128{0x1111111111111111, 0x7f7f7f7f80808080}, V128{3, 4}
	names := func(m map[syntax.Op]bool) []syntax.Op {
		var ops []syntax.Op
		for op := range m {
			ops = append(ops, op)
		}
		sort.Slice(ops, func(i, j int) bool { return ops[i] < ops[j] })
		return ops
	}
	for _, op := range names(keys(V128Unary)) {
		f := V128Unary[op]
		b.Run(op.String(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchV = f(x)
			}
		})
	}
	for _, op := range names(keys(V128Binary)) {
		f := V128Binary[op]
		b.Run(op.String(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchV = f(x, y)
			}
		})
	}
	for _, op := range names(keys(V128Ternary)) {
		f := V128Ternary[op]
		b.Run(op.String(), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchV = f(x, y, z)
			}
		})
	}
}
