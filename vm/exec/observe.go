package exec

import (
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// observed is what the driver notes before running one instruction under
// an observer, to report it afterwards.
type observed struct {
	ok    bool
	depth int
	code  *Code
	pc    int
	instr *syntax.Instr
	in    []runtime.Value
	host  *hostCall
}

type hostCall struct {
	f         *runtime.Func
	args, res []uint64
}

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

func (e *Execution) before() observed {
	if len(e.frames) == 0 {
		return observed{}
	}
	fr := &e.frames[len(e.frames)-1]
	c := fr.code
	if fr.pc >= len(c.insts) {
		return observed{}
	}
	d := c.debug()
	return observed{
		ok:    true,
		depth: len(e.frames) - 1,
		code:  c,
		pc:    fr.pc,
		instr: &c.body[c.src[fr.pc]],
		in:    e.values(d.in[fr.pc], e.sp),
	}
}

func (e *Execution) after(pre *observed, exit int) {
	host := e.pending
	e.pending = nil
	if !pre.ok || exit == exitTrap || exit == exitHostErr {
		return
	}
	c := pre.code
	e.ev = Event{Kind: EventInstr, Depth: pre.depth, Func: c.index, Name: runtime.FuncName(c.mod, c.index),
		Offset: pre.instr.Offset, Instr: pre.instr, In: pre.in}
	depth := len(e.frames) - 1
	if exit == exitDone {
		depth = -1
	}
	if depth == pre.depth {
		e.ev.Out = e.values(c.debug().out[pre.pc], e.sp)
	}
	e.obs(&e.ev)
	if host != nil {
		e.emitHost(host.f, host.args, host.res, pre.depth+1, nil)
	}
	switch {
	case depth > pre.depth:
		e.emitCall(pre.instr.Offset)
	case depth < pre.depth:
		ft, _ := c.mod.FuncType(c.index)
		e.ev = Event{Kind: EventReturn, Depth: pre.depth, Func: c.index, Name: runtime.FuncName(c.mod, c.index),
			Offset: pre.instr.Offset, Out: e.values(ft.Results, e.sp)}
		e.obs(&e.ev)
	}
	e.reportWrite(pre)
}

// emitCall reports the entry into the function of the top frame, called
// from offset.
func (e *Execution) emitCall(offset uint32) {
	fr := &e.frames[len(e.frames)-1]
	callee := fr.code
	ft, _ := callee.mod.FuncType(callee.index)
	e.ev = Event{Kind: EventCall, Depth: len(e.frames) - 1, Func: callee.index, Name: runtime.FuncName(callee.mod, callee.index),
		Offset: offset, In: e.values(ft.Params, fr.fp+callee.paramSlots)}
	e.obs(&e.ev)
}

// reportWrite emits EventMemWrite for an instruction that wrote memory.
func (e *Execution) reportWrite(pre *observed) {
	in := pre.instr
	if len(pre.in) == 0 || pre.code == nil {
		return
	}
	var mem uint32
	var addr, n uint64
	switch in.Op {
	case syntax.OpMemoryFill, syntax.OpMemoryCopy:
		mem, addr, n = in.X, pre.in[0].Lo, pre.in[2].Lo
	case syntax.OpMemoryInit:
		mem, addr, n = in.Y, pre.in[0].Lo, pre.in[2].Lo
	default:
		if !isStore(in.Op) {
			return
		}
		mem, addr, n = in.Y, pre.in[0].Lo+in.MemOffset, uint64(memSize(in.Op))
	}
	inst := e.instOf(pre)
	if inst == nil || int(mem) >= len(inst.Mems) {
		return
	}
	m := inst.Mems[mem]
	if !m.Type.Mem64 && in.Op != syntax.OpMemoryCopy {
		addr = uint64(uint32(pre.in[0].Lo)) + in.MemOffset
	}
	if addr > uint64(len(m.Data)) || n > uint64(len(m.Data))-addr || n == 0 {
		return
	}
	e.ev = Event{Kind: EventMemWrite, Depth: pre.depth, Func: pre.code.index, Name: runtime.FuncName(pre.code.mod, pre.code.index),
		Offset: in.Offset, Mem: mem, Addr: addr, Bytes: m.Data[addr : addr+n]}
	e.obs(&e.ev)
}

func (e *Execution) instOf(pre *observed) *runtime.Instance {
	// A write never leaves its frame, so it is still on top.
	if n := len(e.frames); n > 0 && e.frames[n-1].code == pre.code {
		return e.frames[n-1].inst
	}
	return nil
}

// emitHost reports a host call (results nil: before it ran, for a host
// function called as the execution's entry).
func (e *Execution) emitHost(f *runtime.Func, args, res []uint64, depth int, _ *frame) {
	if res == nil {
		return
	}
	ev := Event{Kind: EventHostCall, Depth: depth, Name: f.Name, Host: f.Host}
	ev.In = make([]runtime.Value, len(f.Type.Params))
	for i, t := range f.Type.Params {
		ev.In[i] = e.store.ValueOf(t, args[i], 0)
	}
	ev.Out = make([]runtime.Value, len(f.Type.Results))
	for i, t := range f.Type.Results {
		ev.Out[i] = e.store.ValueOf(t, res[i], 0)
	}
	e.ev = ev
	e.obs(&e.ev)
}

// Frames describes the active frames of a paused execution, innermost
// first: function, the offset of the next instruction (of the call in
// progress for outer frames), locals and operand stack.
func (e *Execution) Frames() []FrameInfo {
	fs := make([]FrameInfo, 0, len(e.frames))
	end := e.sp
	for i := len(e.frames) - 1; i >= 0; i-- {
		fr := &e.frames[i]
		c := fr.code
		pc := fr.pc
		if i != len(e.frames)-1 {
			pc-- // the call in progress
		}
		fi := FrameInfo{Func: c.index, Name: runtime.FuncName(c.mod, c.index), Offset: c.offset(pc), Inst: fr.inst}
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
