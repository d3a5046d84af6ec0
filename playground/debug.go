package playground

import (
	"fmt"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// PausedView is the paused state as the Debug pane shows it.
type PausedView struct {
	// Reason says why the execution paused: "step", "breakpoint", "trap",
	// "watchpoint", ...
	Reason string
	// What is the job paused in: "_start", "fib(20)".
	What string
	// Frames are the active Wasm frames, innermost first; while the
	// program waits for stdin, the first is the host function's (Host).
	Frames  []FrameView
	Globals []NamedValue
	// Executed is the count of instructions the job has run; Max the
	// furthest it reached (the scrubber's end: a job that went back).
	Executed, Max uint64
	// Trap is the trap's message when paused at one.
	Trap string `json:",omitempty"`
	// Write is the write a watchpoint stopped at.
	Write *WriteView `json:",omitempty"`
	// Recorded: the run was recorded, so it can go back.
	Recorded bool
}

// FrameView is one active frame.
type FrameView struct {
	Func   uint32
	Name   string // $fib or func[3]
	Offset uint32 // of the next instruction
	Locals []NamedValue
	// Stack is the frame's operand stack, bottom first.
	Stack []NamedValue
	// Host is set for a host function's frame (no code, no values).
	Host bool `json:",omitempty"`
	// Src is the frame in source terms, innermost (inlined) first, and
	// Vars the variables of its innermost source function (DWARF).
	Src  []SrcFrame   `json:",omitempty"`
	Vars []NamedValue `json:",omitempty"`
}

// NamedValue is a local, global or stack slot with its value as text.
type NamedValue struct {
	Name, Type, Value string
}

// Where renders a frame's position as "$fib at 0x2a".
func (f FrameView) Where() string {
	if f.Host {
		return f.Name
	}
	return fmt.Sprintf("%s at 0x%x", f.Name, f.Offset)
}

// Paused returns the paused state, nil when the session is not paused.
// While a paused program waits for stdin it may be called from any
// goroutine.
func (s *Session) Paused() *PausedView {
	if s.state != Paused || s.cur == nil {
		return nil
	}
	v := &PausedView{Reason: s.paused, What: s.queue[0].what, Executed: s.dbg.Executed(), Recorded: s.rec != nil}
	v.Max = max(v.Executed, s.maxExecuted)
	v.Frames = s.frameViews(s.dbg.Frames())
	if host := s.hostCallee(); host != "" && s.paused == "paused" && s.Stdin.Waiting() {
		// Paused where a host call waited (a read of stdin): the call
		// is made again when the run goes on.
		v.Frames = append([]FrameView{{Name: host + " (host function: waiting, called again on Continue)", Host: true}}, v.Frames...)
	}
	if s.trapped != nil {
		v.Trap = s.trapped.Trap.Msg
	}
	if s.watchHit != nil {
		w := s.writeView(*s.watchHit)
		v.Write = &w
	}
	v.Globals = s.Globals()
	return v
}

// hostCallee names the imported function the current instruction calls,
// "" when it calls none.
func (s *Session) hostCallee() string {
	fn, off, ok := s.cur.Position()
	if !ok {
		return ""
	}
	body, err := s.prog.Module.Body(fn)
	if err != nil {
		return ""
	}
	m := s.prog.Module.Syntax()
	for _, in := range body {
		if in.Offset == off && in.Op == syntax.OpCall && in.X < uint32(m.NumImported(syntax.ExternFunc)) {
			return vm.FuncLabel(m, in.X)
		}
	}
	return ""
}

// frameViews describes frames with their locals and operand stacks.
func (s *Session) frameViews(frames []vm.FrameInfo) []FrameView {
	m := s.prog.Module.Syntax()
	var out []FrameView
	for _, fr := range frames {
		fv := FrameView{Func: fr.Func, Name: vm.FuncLabel(m, fr.Func), Offset: fr.Offset}
		names := m.Names.Locals[fr.Func]
		for i, l := range fr.Locals {
			fv.Locals = append(fv.Locals, NamedValue{Name: vm.SlotLabel(names[uint32(i)], i), Type: l.Type.String(), Value: vm.FormatValue(l)})
		}
		for i, sv := range fr.Stack {
			fv.Stack = append(fv.Stack, NamedValue{Name: fmt.Sprint(i), Type: sv.Type.String(), Value: vm.FormatValue(sv)})
		}
		fv.Src, fv.Vars = s.srcFrames(fr)
		out = append(out, fv)
	}
	return out
}

// Globals returns the instance's globals with their current values.
func (s *Session) Globals() []NamedValue {
	if s.inst == nil {
		return nil
	}
	m := s.prog.Module.Syntax()
	var out []NamedValue
	for i, g := range s.inst.Globals() {
		out = append(out, NamedValue{Name: vm.SlotLabel(m.Names.Globals[uint32(i)], i), Type: g.Type.String(), Value: vm.FormatValue(g)})
	}
	return out
}
