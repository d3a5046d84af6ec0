package playground

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
)

// PausedView is the paused state as the Debug pane shows it.
type PausedView struct {
	// Reason says why the execution paused: "step", "breakpoint", ...
	Reason string
	// What is the job paused in: "_start", "fib(20)".
	What string
	// Frames are the active Wasm frames, innermost first.
	Frames  []FrameView
	Globals []NamedValue
}

// FrameView is one active frame.
type FrameView struct {
	Func   uint32
	Name   string // $fib or func[3]
	Offset uint32 // of the next instruction
	Locals []NamedValue
	// Stack is the frame's operand stack, bottom first.
	Stack []NamedValue
}

// NamedValue is a local, global or stack slot with its value as text.
type NamedValue struct {
	Name, Type, Value string
}

// Where renders a frame's position as "$fib+0x2a (func[1])".
func (f FrameView) Where() string {
	return fmt.Sprintf("%s at 0x%x", f.Name, f.Offset)
}

// Paused returns the paused state, nil when the session is not paused.
func (s *Session) Paused() *PausedView {
	if s.state != Paused || s.cur == nil {
		return nil
	}
	m := s.prog.Module.Syntax()
	v := &PausedView{Reason: s.paused, What: s.queue[0].what}
	for _, fr := range s.cur.Frames() {
		fv := FrameView{Func: fr.Func, Name: vm.FuncLabel(m, fr.Func), Offset: fr.Offset}
		names := m.Names.Locals[fr.Func]
		for i, l := range fr.Locals {
			name := names[uint32(i)]
			if name == "" {
				name = fmt.Sprintf("%d", i)
			} else if !strings.HasPrefix(name, "$") {
				name = "$" + name
			}
			fv.Locals = append(fv.Locals, NamedValue{Name: name, Type: l.Type.String(), Value: vm.FormatValue(l)})
		}
		for i, sv := range fr.Stack {
			fv.Stack = append(fv.Stack, NamedValue{Name: fmt.Sprint(i), Type: sv.Type.String(), Value: vm.FormatValue(sv)})
		}
		v.Frames = append(v.Frames, fv)
	}
	v.Globals = s.Globals()
	return v
}

// Globals returns the instance's globals with their current values.
func (s *Session) Globals() []NamedValue {
	if s.inst == nil {
		return nil
	}
	m := s.prog.Module.Syntax()
	var out []NamedValue
	for i, g := range s.inst.Globals() {
		name := m.Names.Globals[uint32(i)]
		if name == "" {
			name = fmt.Sprintf("%d", i)
		} else if !strings.HasPrefix(name, "$") {
			name = "$" + name
		}
		out = append(out, NamedValue{Name: name, Type: g.Type.String(), Value: vm.FormatValue(g)})
	}
	return out
}
