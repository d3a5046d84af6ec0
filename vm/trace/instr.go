package trace

import (
	"math"
	"strconv"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// appendInstr appends an instruction's mnemonic and immediates in the text
// format's spelling (i32.load offset=8, br_table 0 1 2, f64.const 1.5).
func appendInstr(dst []byte, in *syntax.Instr) []byte {
	if in == nil {
		return append(dst, "?"...)
	}
	info, ok := syntax.Info(in.Op)
	if !ok {
		dst = append(dst, "unknown 0x"...)
		return strconv.AppendUint(dst, uint64(in.Op), 16)
	}
	dst = append(dst, info.Name...)
	u := func(v uint32) {
		dst = append(dst, ' ')
		dst = strconv.AppendUint(dst, uint64(v), 10)
	}
	switch info.Imm {
	case syntax.ImmBlock, syntax.ImmTryTable:
		dst = appendBlockType(dst, in.Block)
		for _, c := range in.Catches {
			dst = append(dst, " ("...)
			dst = append(dst, [...]string{"catch", "catch_ref", "catch_all", "catch_all_ref"}[c.Kind&3]...)
			if c.Kind == syntax.Catch || c.Kind == syntax.CatchRef {
				u(c.Tag)
			}
			u(c.Label)
			dst = append(dst, ')')
		}
	case syntax.ImmIndex:
		u(in.X)
	case syntax.ImmTwoIndex:
		u(in.X)
		u(in.Y)
	case syntax.ImmBrTable:
		for _, l := range in.Labels {
			u(l)
		}
	case syntax.ImmMemArg, syntax.ImmMemLane:
		if in.Y != 0 {
			u(in.Y)
		}
		if in.MemOffset != 0 {
			dst = append(dst, " offset="...)
			dst = strconv.AppendUint(dst, in.MemOffset, 10)
		}
		if info.Imm == syntax.ImmMemLane {
			u(uint32(in.Lane))
		}
	case syntax.ImmLane:
		u(uint32(in.Lane))
	case syntax.ImmI32:
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, int64(int32(in.Const)), 10)
	case syntax.ImmI64:
		dst = append(dst, ' ')
		dst = strconv.AppendInt(dst, int64(in.Const), 10)
	case syntax.ImmF32:
		dst = append(dst, ' ')
		dst = appendFloat(dst, float64(math.Float32frombits(uint32(in.Const))), uint64(uint32(in.Const)), 32)
	case syntax.ImmF64:
		dst = append(dst, ' ')
		dst = appendFloat(dst, math.Float64frombits(in.Const), in.Const, 64)
	case syntax.ImmV128:
		dst = append(dst, " i32x4"...)
		for _, w := range []uint64{in.Const, in.Const2} {
			for _, lane := range []uint32{uint32(w), uint32(w >> 32)} {
				dst = append(dst, " 0x"...)
				dst = strconv.AppendUint(dst, uint64(lane), 16)
			}
		}
	case syntax.ImmShuffle:
		for _, w := range []uint64{in.Const, in.Const2} {
			for i := 0; i < 8; i++ {
				u(uint32(byte(w >> (8 * i))))
			}
		}
	case syntax.ImmSelectT:
		dst = append(dst, " (result"...)
		for _, t := range in.Types {
			dst = append(dst, ' ')
			dst = append(dst, t.String()...)
		}
		dst = append(dst, ')')
	case syntax.ImmHeapType:
		dst = append(dst, ' ')
		dst = append(dst, syntax.HeapType(int32(in.X)).String()...)
	case syntax.ImmBrOnCast:
		u(in.X)
		for _, t := range in.Types {
			dst = append(dst, ' ')
			dst = append(dst, t.String()...)
		}
	}
	return dst
}

func appendBlockType(dst []byte, bt syntax.BlockType) []byte {
	switch bt.Kind {
	case syntax.BlockValue:
		dst = append(dst, " (result "...)
		dst = append(dst, bt.Type.String()...)
		dst = append(dst, ')')
	case syntax.BlockIndex:
		dst = append(dst, " (type "...)
		dst = strconv.AppendUint(dst, uint64(bt.Index), 10)
		dst = append(dst, ')')
	}
	return dst
}
