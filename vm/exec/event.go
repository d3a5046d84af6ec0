package exec

import (
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Status says whether an execution finished or paused.
type Status uint8

// Execution states after Run or Step.
const (
	// Done: the call returned (Results is valid), trapped or exited.
	Done Status = iota
	// Paused: fuel ran out, a breakpoint was hit, a step finished or Stop
	// was requested; Run or Step resumes.
	Paused
)

func (s Status) String() string {
	if s == Done {
		return "done"
	}
	return "paused"
}

// EventKind says what an Event reports.
type EventKind uint8

// Kinds of events.
const (
	EventInstr    EventKind = iota // an instruction executed
	EventCall                      // a Wasm function was entered (In: arguments)
	EventReturn                    // a Wasm function returned (Out: results)
	EventHostCall                  // a host function was called (In, Out)
	EventMemWrite                  // memory was written (Addr, Bytes)
	EventTrap                      // the execution trapped (Trap)
	EventThrow                     // an exception was thrown (Exn; In: its payload)
	EventCatch                     // a try_table caught it (Exn), at Depth
)

func (k EventKind) String() string {
	return [...]string{"instr", "call", "return", "hostcall", "memwrite", "trap", "throw", "catch"}[k]
}

// Event is what an Observer receives. The observer must not keep the
// pointer or the slices past its return: the engine reuses them.
type Event struct {
	Kind EventKind
	// Depth is the call depth (0 for the outermost function).
	Depth int
	// Seq counts the execution's instructions: an instruction's event has
	// its number (from 0), the events it causes (a call, a memory write)
	// the same. Log.Seek finds an event by it.
	Seq uint64
	// Func is the function index in its module, Name its name for traces
	// (name section, else func[i]; module.name for host functions).
	Func uint32
	Name string
	// Offset is the module byte offset of the instruction (EventInstr,
	// EventMemWrite, EventTrap) or of the call site.
	Offset uint32
	Instr  *syntax.Instr // EventInstr
	// In and Out are the values the instruction consumed and produced, or
	// a call's arguments and results.
	In, Out []runtime.Value
	// Mem, Addr, Len and Bytes: EventMemWrite's memory index, address,
	// number of bytes written and the first of them (at most 16: a store's
	// all, the start of a bulk or host write).
	Mem   uint32
	Addr  uint64
	Len   uint64
	Bytes []byte
	// Host is the host function called (EventHostCall), or the one that
	// wrote the memory (an EventMemWrite it reported, whose Name is the
	// host function's, Func the function that called it, Offset 0);
	// ParamNames come from it.
	Host *runtime.HostFunc
	Trap *runtime.Trap // EventTrap
	// Exn is the exception thrown or caught (EventThrow, EventCatch).
	// When a throw leaves functions, an EventReturn without results
	// reports each, innermost first, between the throw and the catch.
	Exn *runtime.Exception
}

// Observer receives events; see Execution.SetObserver.
type Observer func(*Event)

// FrameInfo describes one active frame of a paused execution.
type FrameInfo struct {
	Func   uint32 // function index in its module
	Name   string // name section's name, else func[i]
	Offset uint32 // module byte offset of the next instruction
	Locals []runtime.Value
	Stack  []runtime.Value // the frame's operand stack, bottom first
	Inst   *runtime.Instance
}
