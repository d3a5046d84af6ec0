// Package exec compiles validated functions into the engine's internal code
// and interprets it in one loop over explicit frames, pausable after any
// instruction and observable.
package exec

import (
	"errors"
	"sync/atomic"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Code is the compiled form of one defined function.
type Code struct{}

// Compile compiles every defined function of the validated module m.
func Compile(m *syntax.Module) ([]*Code, error) {
	return make([]*Code, len(m.Funcs)), nil
}

// Limits bound an execution.
type Limits struct {
	MaxCallDepth  int
	MaxValueStack int
}

// Execution is one call in progress.
type Execution struct {
	stop atomic.Bool
	obs  Observer
}

// NewExecution prepares a call of f with args (slot values); it does not run.
func NewExecution(s *runtime.Store, f *runtime.Func, args []uint64, l Limits) *Execution {
	return &Execution{}
}

// Run executes up to fuel instructions (fuel < 0: no limit).
func (e *Execution) Run(fuel int64) (Status, error) {
	return Done, errors.New("exec: not implemented")
}

// Step executes exactly one instruction.
func (e *Execution) Step() (Status, error) { return e.Run(1) }

// Stop requests a pause; safe from another goroutine.
func (e *Execution) Stop() { e.stop.Store(true) }

// SetBreakpoint pauses before the instruction at offset in function fn.
func (e *Execution) SetBreakpoint(fn, offset uint32) {}

// ClearBreakpoint removes a breakpoint.
func (e *Execution) ClearBreakpoint(fn, offset uint32) {}

// Results returns the results once Done without error.
func (e *Execution) Results() []runtime.Value { return nil }

// Frames describes the active frames, innermost first.
func (e *Execution) Frames() []FrameInfo { return nil }

// SetObserver attaches an observer (nil detaches).
func (e *Execution) SetObserver(o Observer) { e.obs = o }
