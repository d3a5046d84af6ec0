package numeric

import (
	"math"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// scalarOps evaluates the scalar numeric instructions for the spec
// cross-check, on operands as the engine keeps them (64-bit slots, floats
// as bits). Where this package has a function, it is used; the rest are the
// Go operators the engine uses directly, so the cross-check also confirms
// the package RATIONALE's claim that those match Wasm, NaNs included.
var scalarOps = map[syntax.Op]func(a []uint64) (uint64, error){
	syntax.OpI32Eqz:    i32un(func(x uint32) uint32 { return b2i(x == 0) }),
	syntax.OpI32Eq:     i32bin(func(x, y uint32) uint32 { return b2i(x == y) }),
	syntax.OpI32Ne:     i32bin(func(x, y uint32) uint32 { return b2i(x != y) }),
	syntax.OpI32LtS:    i32bin(func(x, y uint32) uint32 { return b2i(int32(x) < int32(y)) }),
	syntax.OpI32LtU:    i32bin(func(x, y uint32) uint32 { return b2i(x < y) }),
	syntax.OpI32GtS:    i32bin(func(x, y uint32) uint32 { return b2i(int32(x) > int32(y)) }),
	syntax.OpI32GtU:    i32bin(func(x, y uint32) uint32 { return b2i(x > y) }),
	syntax.OpI32LeS:    i32bin(func(x, y uint32) uint32 { return b2i(int32(x) <= int32(y)) }),
	syntax.OpI32LeU:    i32bin(func(x, y uint32) uint32 { return b2i(x <= y) }),
	syntax.OpI32GeS:    i32bin(func(x, y uint32) uint32 { return b2i(int32(x) >= int32(y)) }),
	syntax.OpI32GeU:    i32bin(func(x, y uint32) uint32 { return b2i(x >= y) }),
	syntax.OpI32Clz:    i32un(I32Clz),
	syntax.OpI32Ctz:    i32un(I32Ctz),
	syntax.OpI32Popcnt: i32un(I32Popcnt),
	syntax.OpI32Add:    i32bin(func(x, y uint32) uint32 { return x + y }),
	syntax.OpI32Sub:    i32bin(func(x, y uint32) uint32 { return x - y }),
	syntax.OpI32Mul:    i32bin(func(x, y uint32) uint32 { return x * y }),
	syntax.OpI32DivS: func(a []uint64) (uint64, error) {
		r, err := I32DivS(int32(a[0]), int32(a[1]))
		return uint64(uint32(r)), err
	},
	syntax.OpI32DivU: func(a []uint64) (uint64, error) {
		r, err := I32DivU(uint32(a[0]), uint32(a[1]))
		return uint64(r), err
	},
	syntax.OpI32RemS: func(a []uint64) (uint64, error) {
		r, err := I32RemS(int32(a[0]), int32(a[1]))
		return uint64(uint32(r)), err
	},
	syntax.OpI32RemU: func(a []uint64) (uint64, error) {
		r, err := I32RemU(uint32(a[0]), uint32(a[1]))
		return uint64(r), err
	},
	syntax.OpI32And:       i32bin(func(x, y uint32) uint32 { return x & y }),
	syntax.OpI32Or:        i32bin(func(x, y uint32) uint32 { return x | y }),
	syntax.OpI32Xor:       i32bin(func(x, y uint32) uint32 { return x ^ y }),
	syntax.OpI32Shl:       i32bin(I32Shl),
	syntax.OpI32ShrS:      i32bin(I32ShrS),
	syntax.OpI32ShrU:      i32bin(I32ShrU),
	syntax.OpI32Rotl:      i32bin(I32Rotl),
	syntax.OpI32Rotr:      i32bin(I32Rotr),
	syntax.OpI32Extend8S:  i32un(I32Extend8S),
	syntax.OpI32Extend16S: i32un(I32Extend16S),

	syntax.OpI64Eqz:    i64test(func(x uint64) bool { return x == 0 }),
	syntax.OpI64Eq:     i64cmp(func(x, y uint64) bool { return x == y }),
	syntax.OpI64Ne:     i64cmp(func(x, y uint64) bool { return x != y }),
	syntax.OpI64LtS:    i64cmp(func(x, y uint64) bool { return int64(x) < int64(y) }),
	syntax.OpI64LtU:    i64cmp(func(x, y uint64) bool { return x < y }),
	syntax.OpI64GtS:    i64cmp(func(x, y uint64) bool { return int64(x) > int64(y) }),
	syntax.OpI64GtU:    i64cmp(func(x, y uint64) bool { return x > y }),
	syntax.OpI64LeS:    i64cmp(func(x, y uint64) bool { return int64(x) <= int64(y) }),
	syntax.OpI64LeU:    i64cmp(func(x, y uint64) bool { return x <= y }),
	syntax.OpI64GeS:    i64cmp(func(x, y uint64) bool { return int64(x) >= int64(y) }),
	syntax.OpI64GeU:    i64cmp(func(x, y uint64) bool { return x >= y }),
	syntax.OpI64Clz:    i64un(I64Clz),
	syntax.OpI64Ctz:    i64un(I64Ctz),
	syntax.OpI64Popcnt: i64un(I64Popcnt),
	syntax.OpI64Add:    i64bin(func(x, y uint64) uint64 { return x + y }),
	syntax.OpI64Sub:    i64bin(func(x, y uint64) uint64 { return x - y }),
	syntax.OpI64Mul:    i64bin(func(x, y uint64) uint64 { return x * y }),
	syntax.OpI64DivS: func(a []uint64) (uint64, error) {
		r, err := I64DivS(int64(a[0]), int64(a[1]))
		return uint64(r), err
	},
	syntax.OpI64DivU: func(a []uint64) (uint64, error) { return I64DivU(a[0], a[1]) },
	syntax.OpI64RemS: func(a []uint64) (uint64, error) {
		r, err := I64RemS(int64(a[0]), int64(a[1]))
		return uint64(r), err
	},
	syntax.OpI64RemU:      func(a []uint64) (uint64, error) { return I64RemU(a[0], a[1]) },
	syntax.OpI64And:       i64bin(func(x, y uint64) uint64 { return x & y }),
	syntax.OpI64Or:        i64bin(func(x, y uint64) uint64 { return x | y }),
	syntax.OpI64Xor:       i64bin(func(x, y uint64) uint64 { return x ^ y }),
	syntax.OpI64Shl:       i64bin(I64Shl),
	syntax.OpI64ShrS:      i64bin(I64ShrS),
	syntax.OpI64ShrU:      i64bin(I64ShrU),
	syntax.OpI64Rotl:      i64bin(I64Rotl),
	syntax.OpI64Rotr:      i64bin(I64Rotr),
	syntax.OpI64Extend8S:  i64un(I64Extend8S),
	syntax.OpI64Extend16S: i64un(I64Extend16S),
	syntax.OpI64Extend32S: i64un(I64Extend32S),

	syntax.OpF32Eq:       f32cmp(func(x, y float32) bool { return x == y }),
	syntax.OpF32Ne:       f32cmp(func(x, y float32) bool { return x != y }),
	syntax.OpF32Lt:       f32cmp(func(x, y float32) bool { return x < y }),
	syntax.OpF32Gt:       f32cmp(func(x, y float32) bool { return x > y }),
	syntax.OpF32Le:       f32cmp(func(x, y float32) bool { return x <= y }),
	syntax.OpF32Ge:       f32cmp(func(x, y float32) bool { return x >= y }),
	syntax.OpF32Abs:      i32un(F32Abs),
	syntax.OpF32Neg:      i32un(F32Neg),
	syntax.OpF32Copysign: i32bin(F32Copysign),
	syntax.OpF32Ceil:     f32un(F32Ceil),
	syntax.OpF32Floor:    f32un(F32Floor),
	syntax.OpF32Trunc:    f32un(F32Trunc),
	syntax.OpF32Nearest:  f32un(F32Nearest),
	syntax.OpF32Sqrt:     f32un(F32Sqrt),
	syntax.OpF32Add:      f32bin(func(x, y float32) float32 { return x + y }),
	syntax.OpF32Sub:      f32bin(func(x, y float32) float32 { return x - y }),
	syntax.OpF32Mul:      f32bin(func(x, y float32) float32 { return x * y }),
	syntax.OpF32Div:      f32bin(func(x, y float32) float32 { return x / y }),
	syntax.OpF32Min:      f32bin(F32Min),
	syntax.OpF32Max:      f32bin(F32Max),

	syntax.OpF64Eq:       f64cmp(func(x, y float64) bool { return x == y }),
	syntax.OpF64Ne:       f64cmp(func(x, y float64) bool { return x != y }),
	syntax.OpF64Lt:       f64cmp(func(x, y float64) bool { return x < y }),
	syntax.OpF64Gt:       f64cmp(func(x, y float64) bool { return x > y }),
	syntax.OpF64Le:       f64cmp(func(x, y float64) bool { return x <= y }),
	syntax.OpF64Ge:       f64cmp(func(x, y float64) bool { return x >= y }),
	syntax.OpF64Abs:      i64un(F64Abs),
	syntax.OpF64Neg:      i64un(F64Neg),
	syntax.OpF64Copysign: i64bin(F64Copysign),
	syntax.OpF64Ceil:     f64un(F64Ceil),
	syntax.OpF64Floor:    f64un(F64Floor),
	syntax.OpF64Trunc:    f64un(F64Trunc),
	syntax.OpF64Nearest:  f64un(F64Nearest),
	syntax.OpF64Sqrt:     f64un(F64Sqrt),
	syntax.OpF64Add:      f64bin(func(x, y float64) float64 { return x + y }),
	syntax.OpF64Sub:      f64bin(func(x, y float64) float64 { return x - y }),
	syntax.OpF64Mul:      f64bin(func(x, y float64) float64 { return x * y }),
	syntax.OpF64Div:      f64bin(func(x, y float64) float64 { return x / y }),
	syntax.OpF64Min:      f64bin(F64Min),
	syntax.OpF64Max:      f64bin(F64Max),

	syntax.OpI32WrapI64:      func(a []uint64) (uint64, error) { return uint64(uint32(a[0])), nil },
	syntax.OpI64ExtendI32S:   func(a []uint64) (uint64, error) { return uint64(int32(a[0])), nil },
	syntax.OpI64ExtendI32U:   func(a []uint64) (uint64, error) { return uint64(uint32(a[0])), nil },
	syntax.OpI32TruncF32S:    func(a []uint64) (uint64, error) { r, err := I32TruncF32S(f32(a[0])); return uint64(uint32(r)), err },
	syntax.OpI32TruncF32U:    func(a []uint64) (uint64, error) { r, err := I32TruncF32U(f32(a[0])); return uint64(r), err },
	syntax.OpI32TruncF64S:    func(a []uint64) (uint64, error) { r, err := I32TruncF64S(f64(a[0])); return uint64(uint32(r)), err },
	syntax.OpI32TruncF64U:    func(a []uint64) (uint64, error) { r, err := I32TruncF64U(f64(a[0])); return uint64(r), err },
	syntax.OpI64TruncF32S:    func(a []uint64) (uint64, error) { r, err := I64TruncF32S(f32(a[0])); return uint64(r), err },
	syntax.OpI64TruncF32U:    func(a []uint64) (uint64, error) { return I64TruncF32U(f32(a[0])) },
	syntax.OpI64TruncF64S:    func(a []uint64) (uint64, error) { r, err := I64TruncF64S(f64(a[0])); return uint64(r), err },
	syntax.OpI64TruncF64U:    func(a []uint64) (uint64, error) { return I64TruncF64U(f64(a[0])) },
	syntax.OpI32TruncSatF32S: func(a []uint64) (uint64, error) { return uint64(uint32(I32TruncSatF32S(f32(a[0])))), nil },
	syntax.OpI32TruncSatF32U: func(a []uint64) (uint64, error) { return uint64(I32TruncSatF32U(f32(a[0]))), nil },
	syntax.OpI32TruncSatF64S: func(a []uint64) (uint64, error) { return uint64(uint32(I32TruncSatF64S(f64(a[0])))), nil },
	syntax.OpI32TruncSatF64U: func(a []uint64) (uint64, error) { return uint64(I32TruncSatF64U(f64(a[0]))), nil },
	syntax.OpI64TruncSatF32S: func(a []uint64) (uint64, error) { return uint64(I64TruncSatF32S(f32(a[0]))), nil },
	syntax.OpI64TruncSatF32U: func(a []uint64) (uint64, error) { return I64TruncSatF32U(f32(a[0])), nil },
	syntax.OpI64TruncSatF64S: func(a []uint64) (uint64, error) { return uint64(I64TruncSatF64S(f64(a[0]))), nil },
	syntax.OpI64TruncSatF64U: func(a []uint64) (uint64, error) { return I64TruncSatF64U(f64(a[0])), nil },
	syntax.OpF32ConvertI32S:  func(a []uint64) (uint64, error) { return b32(F32ConvertI32S(int32(a[0]))), nil },
	syntax.OpF32ConvertI32U:  func(a []uint64) (uint64, error) { return b32(F32ConvertI32U(uint32(a[0]))), nil },
	syntax.OpF32ConvertI64S:  func(a []uint64) (uint64, error) { return b32(F32ConvertI64S(int64(a[0]))), nil },
	syntax.OpF32ConvertI64U:  func(a []uint64) (uint64, error) { return b32(F32ConvertI64U(a[0])), nil },
	syntax.OpF64ConvertI32S:  func(a []uint64) (uint64, error) { return b64(F64ConvertI32S(int32(a[0]))), nil },
	syntax.OpF64ConvertI32U:  func(a []uint64) (uint64, error) { return b64(F64ConvertI32U(uint32(a[0]))), nil },
	syntax.OpF64ConvertI64S:  func(a []uint64) (uint64, error) { return b64(F64ConvertI64S(int64(a[0]))), nil },
	syntax.OpF64ConvertI64U:  func(a []uint64) (uint64, error) { return b64(F64ConvertI64U(a[0])), nil },
	syntax.OpF32DemoteF64:    func(a []uint64) (uint64, error) { return b32(F32DemoteF64(f64(a[0]))), nil },
	syntax.OpF64PromoteF32:   func(a []uint64) (uint64, error) { return b64(F64PromoteF32(f32(a[0]))), nil },

	// The reinterpretations move bits; the engine does not touch them.
	syntax.OpI32ReinterpretF32: func(a []uint64) (uint64, error) { return a[0], nil },
	syntax.OpI64ReinterpretF64: func(a []uint64) (uint64, error) { return a[0], nil },
	syntax.OpF32ReinterpretI32: func(a []uint64) (uint64, error) { return a[0], nil },
	syntax.OpF64ReinterpretI64: func(a []uint64) (uint64, error) { return a[0], nil },
}

func f32(x uint64) float32 { return math.Float32frombits(uint32(x)) }
func f64(x uint64) float64 { return math.Float64frombits(x) }
func b32(x float32) uint64 { return uint64(math.Float32bits(x)) }
func b64(x float64) uint64 { return math.Float64bits(x) }

func i32un(f func(uint32) uint32) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(f(uint32(a[0]))), nil }
}

func i32bin(f func(x, y uint32) uint32) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(f(uint32(a[0]), uint32(a[1]))), nil }
}

func i64un(f func(uint64) uint64) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return f(a[0]), nil }
}

func i64bin(f func(x, y uint64) uint64) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return f(a[0], a[1]), nil }
}

func i64test(f func(uint64) bool) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(b2i(f(a[0]))), nil }
}

func i64cmp(f func(x, y uint64) bool) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(b2i(f(a[0], a[1]))), nil }
}

func f32un(f func(float32) float32) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return b32(f(f32(a[0]))), nil }
}

func f32bin(f func(x, y float32) float32) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return b32(f(f32(a[0]), f32(a[1]))), nil }
}

func f32cmp(f func(x, y float32) bool) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(b2i(f(f32(a[0]), f32(a[1])))), nil }
}

func f64un(f func(float64) float64) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return b64(f(f64(a[0]))), nil }
}

func f64bin(f func(x, y float64) float64) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return b64(f(f64(a[0]), f64(a[1]))), nil }
}

func f64cmp(f func(x, y float64) bool) func([]uint64) (uint64, error) {
	return func(a []uint64) (uint64, error) { return uint64(b2i(f(f64(a[0]), f64(a[1])))), nil }
}
