package exec

import (
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// values reads values of types ts from the stack, the last one ending at
// slot end.
func (e *Execution) values(ts []syntax.ValType, end int) []runtime.Value {
	n := 0
	for _, t := range ts {
		n += slotCount(t)
	}
	k := end - n
	if k < 0 {
		return nil
	}
	vs := make([]runtime.Value, len(ts))
	for i, t := range ts {
		var hi uint64
		if t.Kind == syntax.KindV128 {
			hi = e.stack[k+1]
		}
		vs[i] = e.store.ValueOf(t, e.stack[k], hi)
		k += slotCount(t)
	}
	return vs
}

// Frames describes the active frames of a paused execution, innermost
// first: function, the offset of the next instruction (of the call in
// progress for outer frames), locals and operand stack.
func (e *Execution) Frames() []FrameInfo { return e.framesAt(false) }

// framesAt is Frames; trapped: the innermost frame's pc is past the
// instruction that trapped, which it describes with the operands it had.
func (e *Execution) framesAt(trapped bool) []FrameInfo {
	fs := make([]FrameInfo, 0, len(e.frames))
	end := e.sp
	for i := len(e.frames) - 1; i >= 0; i-- {
		fr := &e.frames[i]
		c := fr.code
		pc := fr.pc
		if i != len(e.frames)-1 || trapped {
			pc-- // the call in progress, or the instruction that trapped
		}
		fi := FrameInfo{Func: c.index, Name: runtime.FuncName(c.mod, c.index), Offset: c.offset(pc), Inst: fr.inst}
		if trapped && i == len(e.frames)-1 {
			// A fused instruction traps in its last Wasm instruction.
			fi.Offset = c.trapOffset(pc)
		}
		fi.Locals = e.values(c.localTypes(), fr.fp+c.localSlots)
		types := c.stackTypes(pc)
		// Keep the bottom of the recorded types that fits the slots in use
		// (outer frames: the callee's arguments moved into its frame).
		base := fr.fp + c.localSlots
		n, k := 0, 0
		for k < len(types) && base+n+slotCount(types[k]) <= end {
			n += slotCount(types[k])
			k++
		}
		fi.Stack = e.values(types[:k], base+n)
		fs = append(fs, fi)
		end = fr.fp
	}
	return fs
}
