package exec

import (
	"math/bits"

	"github.com/wasmscope/wasmscope/vm/internal/numeric"
)

// rare runs the instructions the loop keeps out of line because they call
// Go functions: float rounding, min/max, sqrt, checked truncation, some
// conversions, popcnt, memory.grow, SIMD and the opSlow instructions. It
// works on e.stack and e.sp; pc is the instruction's index. It returns a
// trap message or "".
func (e *Execution) rare(in *inst, pc int) string {
	stack, sp := e.stack, e.sp
	switch in.op {
	case opMemoryGrow:
		m := e.inst.Mems[0]
		stack[sp-1] = uint64(uint32(int32(m.Grow(uint64(uint32(stack[sp-1]))))))

	case opI32Popcnt:
		stack[sp-1] = uint64(bits.OnesCount32(uint32(stack[sp-1])))
	case opI64Popcnt:
		stack[sp-1] = uint64(bits.OnesCount64(stack[sp-1]))
	case opF32Ceil:
		stack[sp-1] = uf32(numeric.F32Ceil(f32(stack[sp-1])))
	case opF32Floor:
		stack[sp-1] = uf32(numeric.F32Floor(f32(stack[sp-1])))
	case opF32Trunc:
		stack[sp-1] = uf32(numeric.F32Trunc(f32(stack[sp-1])))
	case opF32Nearest:
		stack[sp-1] = uf32(numeric.F32Nearest(f32(stack[sp-1])))
	case opF32Sqrt:
		stack[sp-1] = uf32(numeric.F32Sqrt(f32(stack[sp-1])))
	case opF32Min:
		sp--
		stack[sp-1] = uf32(numeric.F32Min(f32(stack[sp-1]), f32(stack[sp])))
	case opF32Max:
		sp--
		stack[sp-1] = uf32(numeric.F32Max(f32(stack[sp-1]), f32(stack[sp])))
	case opF64Ceil:
		stack[sp-1] = uf64(numeric.F64Ceil(f64(stack[sp-1])))
	case opF64Floor:
		stack[sp-1] = uf64(numeric.F64Floor(f64(stack[sp-1])))
	case opF64Trunc:
		stack[sp-1] = uf64(numeric.F64Trunc(f64(stack[sp-1])))
	case opF64Nearest:
		stack[sp-1] = uf64(numeric.F64Nearest(f64(stack[sp-1])))
	case opF64Sqrt:
		stack[sp-1] = uf64(numeric.F64Sqrt(f64(stack[sp-1])))
	case opF64Min:
		sp--
		stack[sp-1] = uf64(numeric.F64Min(f64(stack[sp-1]), f64(stack[sp])))
	case opF64Max:
		sp--
		stack[sp-1] = uf64(numeric.F64Max(f64(stack[sp-1]), f64(stack[sp])))
	case opI32TruncF32S, opI32TruncF32U, opI32TruncF64S, opI32TruncF64U,
		opI64TruncF32S, opI64TruncF32U, opI64TruncF64S, opI64TruncF64U:
		v, err := truncate(in.op, stack[sp-1])
		if err != nil {
			return err.Error()
		}
		stack[sp-1] = v
	case opF32ConvertI64S:
		stack[sp-1] = uf32(numeric.F32ConvertI64S(int64(stack[sp-1])))
	case opF32ConvertI64U:
		stack[sp-1] = uf32(numeric.F32ConvertI64U(stack[sp-1]))
	case opF32DemoteF64:
		stack[sp-1] = uf32(numeric.F32DemoteF64(f64(stack[sp-1])))
	case opF64ConvertI64S:
		stack[sp-1] = uf64(numeric.F64ConvertI64S(int64(stack[sp-1])))
	case opF64ConvertI64U:
		stack[sp-1] = uf64(numeric.F64ConvertI64U(stack[sp-1]))
	case opF64PromoteF32:
		stack[sp-1] = uf64(numeric.F64PromoteF32(f32(stack[sp-1])))
	case opSIMD:
		sp = simdExec(in.a, stack, sp)
	case opSlow:
		return e.slow(pc)
	case opGC:
		return e.gcOp(pc)
	}
	e.sp = sp
	return ""
}
