// Package vm is the engine's front door: it turns bytes or text into a
// validated, compiled module, links it with imports (host functions written in
// Go, other instances), instantiates it and runs its functions in slices that
// can be paused, stepped, observed and resumed. To run a WASI program (the
// start function, _start or _initialize, exit codes) use package runner,
// which sequences it on top of this one.
//
// The stages live in sub-packages named after the specification's chapters:
// syntax (structure), binary (decoding and encoding), text (the text format),
// exec (compilation and interpretation), runtime (instances), script (the
// .wast runner); trace, debug and debuginfo are the tools built on them.
// What only the engine uses is internal: validation (internal/valid, whose
// errors are ValidationError here) and the numerics (internal/numeric).
//
// A typical embedding (see the examples):
//
//	mod, err := vm.CompileBinary(wasmBytes)
//	store := vm.NewStore(vm.Config{})
//	store.DefineHost("env", map[string]vm.HostFunc{...})
//	inst, err := store.Instantiate(mod)
//	ex, err := inst.Call("main")
//	for {
//		st, err := ex.Run(100_000) // a slice of 100,000 instructions
//		if err != nil || st == vm.Done { break }
//	}
//	results := ex.Results()
//
// Values cross the API as Value, built by I32, I64, F32, F64 and V128,
// read from text by ParseValue and shown by FormatValue; functions are
// labelled by FuncLabel, the one rule traps, traces and the tools share.
package vm

import (
	"github.com/wasmscope/wasmscope/vm/exec"
	"github.com/wasmscope/wasmscope/vm/internal/valid"
	"github.com/wasmscope/wasmscope/vm/runtime"
)

// HostFunc is a function written in Go that modules import, such as WASI's
// fd_write. Arguments arrive as raw bits (i32 values zero-extended, floats as
// IEEE bits); the function writes its results into results, which has
// len(Type.Results) slots. A returned error becomes a trap, except an
// *ExitError, which ends the run with an exit code (WASI proc_exit).
type HostFunc = runtime.HostFunc

// ExitError is returned by a host function to end the whole run with a
// status code, as WASI proc_exit does. It is not a trap.
type ExitError = runtime.ExitError

// Caller is what a host function sees of the instance that called it; its
// Memory method returns the caller's memory 0.
type Caller = runtime.Caller

// NewCaller returns a Caller whose Memory is the given function; the engine
// uses it for every host call, and tests of host modules use it to call a
// HostFunc directly over a byte slice.
func NewCaller(memory func() []byte) *Caller { return runtime.NewCaller(memory) }

// Value is a Wasm value at the API boundary: numbers as bits in Lo (v128 in
// Lo and Hi, little endian), references in Ref (a *Function for funcref,
// the host value for externref, nil for null).
type Value = runtime.Value

// Function is a function instance (Wasm or host), as funcref values and
// exports carry it.
type Function = runtime.Func

// Extern is an exported entity (function, table, memory or global).
type Extern = runtime.Extern

// Trap is a Wasm trap: Msg is the specification's message, Stack the Wasm
// stack trace (innermost first); Trace() renders both.
type Trap = runtime.Trap

// StackFrame is one frame of a trap's stack trace.
type StackFrame = runtime.StackFrame

// BudgetError reports an instantiation that does not fit the store's
// MemoryBudget, naming what was too big.
type BudgetError = runtime.BudgetError

// Budget is a store's host-memory account (Store.Budget): the Wasm GC heap
// charges its objects to it and releases them when collected.
type Budget = runtime.Budget

// ValidationError reports an invalid module: what is wrong and where
// (the field, its index, the instruction).
type ValidationError = valid.Error

// LinkError reports an unknown or incompatible import at instantiation.
type LinkError = runtime.LinkError

// Execution is a call in progress: Run, Step, Stop, breakpoints, observers,
// Frames while paused, Results when done.
type Execution = exec.Execution

// ErrRetry, returned by a host function that did nothing (a wait cut short
// by a pause request), pauses the execution before the call, which is made
// again when it resumes.
var ErrRetry = runtime.ErrRetry

// Saved is an execution's own state (value stack, frames, count) saved
// between two Runs, to Restore later: how package vm/debug steps back.
type Saved = exec.Saved

// Status says whether Run or Step finished (Done) or paused (Paused).
type Status = exec.Status

// Execution states.
const (
	Done   = exec.Done
	Paused = exec.Paused
)

// Observer receives an Event for each executed instruction, call, return,
// host call, memory write and trap of an execution it is attached to.
type Observer = exec.Observer

// BatchObserver receives the new records of an execution's log in
// batches (Execution.SetBatchObserver), for readers that decode them
// themselves (Log.Raws): the CLI's text trace.
type BatchObserver = exec.BatchObserver

// Raw is an event as a log's records hold it, undecoded (Log.Raws).
type Raw = exec.Raw

// InstrInfo describes an instruction of a log's code (Log.InstrInfo).
type InstrInfo = exec.InstrInfo

// Log records an observed execution as fixed-size binary records in a
// ring (Execution.SetLog); Event decodes one when something reads it.
type Log = exec.Log

// NewLog returns a log that keeps the most recent records within bytes
// (RecordSize each).
func NewLog(bytes int64) *Log { return exec.NewLog(bytes) }

// RecordSize is the size of one log record in bytes.
const RecordSize = exec.RecordSize

// Event is what an Observer receives.
type Event = exec.Event

// EventKind says what an Event reports.
type EventKind = exec.EventKind

// Kinds of events.
const (
	EventInstr    = exec.EventInstr
	EventCall     = exec.EventCall
	EventReturn   = exec.EventReturn
	EventHostCall = exec.EventHostCall
	EventMemWrite = exec.EventMemWrite
	EventTrap     = exec.EventTrap
	EventThrow    = exec.EventThrow
	EventCatch    = exec.EventCatch
)

// Exception is a Wasm exception: its tag and payload. An execution that
// ends with one no handler caught returns it as its error; a host function
// may return one to throw it into the calling Wasm code.
type Exception = runtime.Exception

// Tag is a tag instance, an exception's identity.
type Tag = runtime.Tag

// Struct and Array are Wasm GC objects, as Value.Ref carries them; I31 is
// an i31 reference's value.
type (
	Struct = runtime.Struct
	Array  = runtime.Array
	I31    = runtime.I31
)

// Object is a heap object a reference Value may carry: *Struct, *Array or
// *Exception; Store.Runtime().FieldValues opens one.
type Object = runtime.Object

// FrameInfo describes one frame of a paused execution.
type FrameInfo = exec.FrameInfo
