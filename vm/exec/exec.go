package exec

import (
	"errors"
	"fmt"
	goruntime "runtime"
	"sync/atomic"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Limits bound an execution.
type Limits struct {
	MaxCallDepth  int // frames
	MaxValueStack int // slots
}

type frame struct {
	code *Code
	inst *runtime.Instance
	pc   int // next instruction (while the frame is not running)
	fp   int // first local's slot
}

type bpKey struct{ fn, off uint32 }

// Execution is one call in progress. Run and Step drive it; Stop may be
// called from another goroutine; everything else belongs to the goroutine
// that runs it.
type Execution struct {
	store   *runtime.Store
	lim     Limits
	fn      *runtime.Func
	stack   []uint64
	sp      int
	frames  []frame
	started bool
	done    bool
	err     error
	results []runtime.Value

	stop atomic.Bool
	obs  Observer
	bps  map[bpKey]struct{}
	// resumeBP is set when paused at a breakpoint, so resuming executes
	// that instruction instead of stopping at it again.
	resumeBP bool

	trapMsg    string
	hostErr    error
	caller     *runtime.Caller
	callerInst *runtime.Instance
	ev         Event
	pending    *hostCall // a host call to report after its instruction
	// cur and inst are the running frame's code and instance, budget the
	// loop's remaining budget (the loop keeps them here rather than in
	// locals while it calls out).
	cur     *Code
	inst    *runtime.Instance
	budget  int
	hostRes []uint64
	precise bool // running plain code: see setPrecise
}

// NewExecution prepares a call of f with args (slot values, v128 as two);
// nothing runs until Run or Step.
func NewExecution(s *runtime.Store, f *runtime.Func, args []uint64, l Limits) *Execution {
	if l.MaxCallDepth <= 0 {
		l.MaxCallDepth = 10000
	}
	if l.MaxValueStack <= 0 {
		l.MaxValueStack = 4 << 20
	}
	n := 1024
	if len(args) > n {
		n = len(args)
	}
	e := &Execution{store: s, lim: l, fn: f, stack: make([]uint64, n), frames: make([]frame, 0, 64)}
	copy(e.stack, args)
	e.sp = len(args)
	return e
}

// Stop requests a pause; Run returns Paused soon after (within a few
// thousand instructions). Safe from any goroutine.
func (e *Execution) Stop() { e.stop.Store(true) }

// SetBreakpoint makes Run pause before executing the instruction at module
// byte offset off in function index fn.
func (e *Execution) SetBreakpoint(fn, off uint32) {
	if e.bps == nil {
		e.bps = map[bpKey]struct{}{}
	}
	e.bps[bpKey{fn, off}] = struct{}{}
}

// ClearBreakpoint removes a breakpoint set with SetBreakpoint.
func (e *Execution) ClearBreakpoint(fn, off uint32) { delete(e.bps, bpKey{fn, off}) }

// SetObserver attaches o (nil detaches it). While an observer is attached
// the execution runs one instruction at a time and reports events.
func (e *Execution) SetObserver(o Observer) { e.obs = o }

// Done reports whether the execution has finished.
func (e *Execution) Done() bool { return e.done }

// Err returns the error the execution ended with, if any.
func (e *Execution) Err() error { return e.err }

// Results returns the function's results once Run returned Done with no
// error.
func (e *Execution) Results() []runtime.Value { return e.results }

// Step executes exactly one instruction (entering a function counts as
// part of its call instruction).
func (e *Execution) Step() (Status, error) { return e.run(1, true) }

// Run executes up to fuel instructions (fuel < 0: no limit) and returns
// Done when the call finished (error: *runtime.Trap or
// *runtime.ExitError) or Paused when the fuel ran out, a breakpoint was
// reached or Stop was called. Resuming with Run or Step continues exactly
// where it stopped. Fuel counts internal instructions: without an observer
// or breakpoints a fused instruction (several Wasm instructions, see
// package doc) counts once; with them, and for Step, one is one Wasm
// instruction.
func (e *Execution) Run(fuel int64) (Status, error) { return e.run(fuel, false) }

// chunk is how many instructions run between checks of the stop flag.
const chunk = 1 << 14

func (e *Execution) run(fuel int64, step bool) (st Status, err error) {
	if e.done {
		return Done, e.err
	}
	defer func() {
		// A Go panic here is an engine bug; report it as a trap rather
		// than crash the embedding program (or the browser tab).
		if r := recover(); r != nil {
			e.finish(&runtime.Trap{Msg: fmt.Sprintf("internal error: %v", r), Stack: e.stackTrace(true)})
			st, err = Done, e.err
		}
	}()
	if !e.started {
		e.started = true
		if msg := e.begin(); msg != "" {
			return e.trapped(msg)
		}
		if e.done {
			return Done, e.err
		}
	}
	slow := e.obs != nil || len(e.bps) > 0
	e.setPrecise(slow || step)
	for fuel != 0 {
		if e.stop.Load() {
			e.stop.Store(false)
			return Paused, nil
		}
		// Let the goroutine that may call Stop run: under GOOS=js nothing
		// preempts this one.
		goruntime.Gosched()
		n := int64(chunk)
		if slow {
			n = 1
			if e.bps != nil && !e.resumeBP && e.atBreakpoint() {
				e.resumeBP = true
				return Paused, nil
			}
			e.resumeBP = false
		}
		if fuel > 0 && fuel < n {
			n = fuel
		}
		var pre observed
		if e.obs != nil {
			pre = e.before()
		}
		left, exit := e.loop(int(n))
		if fuel > 0 {
			fuel -= n - int64(left)
		}
		if e.obs != nil {
			e.after(&pre, exit)
		}
		switch exit {
		case exitDone:
			e.finishResults()
			return Done, nil
		case exitTrap:
			return e.trapped(e.trapMsg)
		case exitHostErr:
			return e.hostFailed()
		}
		if step {
			break
		}
	}
	if e.bps != nil && e.atBreakpoint() {
		e.resumeBP = true
	}
	return Paused, nil
}

// begin sets up the outermost frame (or calls a host function outright).
func (e *Execution) begin() string {
	f := e.fn
	if f.Host != nil {
		nres := len(f.Type.Results)
		if len(e.stack) < nres {
			e.stack = append(e.stack, make([]uint64, nres)...)
		}
		np := e.sp
		args := append([]uint64{}, e.stack[:np]...)
		res := e.stack[:nres]
		for i := range res {
			res[i] = 0
		}
		if err := f.Host.Call(runtime.NewCaller(nil), args, res); err != nil {
			e.hostErr = err
			_, _ = e.hostFailed()
			return ""
		}
		if e.obs != nil {
			e.emitHost(f, args, res, 0, nil)
		}
		e.sp = nres
		e.finishResults()
		return ""
	}
	if msg := e.enter(f, e.sp); msg != "" {
		return msg
	}
	if e.obs != nil {
		e.emitCall(0)
	}
	return ""
}

// setPrecise switches between the fast code (fused instructions) and the
// plain code (one internal instruction per Wasm instruction), which
// observers, breakpoints and single steps need. Frames switch where their
// position exists in the other variant; a frame paused inside a fused
// sequence's plain counterpart finishes in plain code, which is only
// slower.
func (e *Execution) setPrecise(on bool) {
	e.precise = on
	for i := range e.frames {
		fr := &e.frames[i]
		c := fr.code
		switch {
		case on && c.plain != nil:
			fr.pc = int(c.orig[fr.pc])
			fr.code = c.plain
		case !on && c.fast != nil && c.fast.fastOf[fr.pc] >= 0:
			fr.pc = int(c.fast.fastOf[fr.pc])
			fr.code = c.fast
		}
	}
}

// enter pushes a frame for the Wasm function f whose arguments are the top
// of the stack below sp.
func (e *Execution) enter(f *runtime.Func, sp int) string {
	c, ok := f.Code.(*Code)
	if !ok || c == nil {
		return "function " + f.Name + " has no compiled code"
	}
	if e.precise && c.plain != nil {
		c = c.plain
	}
	if len(e.frames) >= e.lim.MaxCallDepth {
		return "call stack exhausted"
	}
	fp := sp - c.paramSlots
	need := fp + c.maxSlots
	if need > len(e.stack) {
		if need > e.lim.MaxValueStack {
			return "call stack exhausted"
		}
		n := 2 * len(e.stack)
		for n < need {
			n *= 2
		}
		if n > e.lim.MaxValueStack {
			n = e.lim.MaxValueStack
		}
		ns := make([]uint64, n)
		copy(ns, e.stack[:sp])
		e.stack = ns
	}
	top := fp + c.localSlots
	clear(e.stack[sp:top])
	e.sp = top
	e.frames = append(e.frames, frame{code: c, inst: f.Inst, fp: fp})
	return ""
}

func (e *Execution) finishResults() {
	e.done = true
	ts := e.fn.Type.Results
	e.results = make([]runtime.Value, len(ts))
	k := 0
	for i, t := range ts {
		var hi uint64
		lo := e.stack[k]
		if t.Kind == syntax.KindV128 {
			hi = e.stack[k+1]
			k++
		}
		k++
		e.results[i] = e.store.ValueOf(t, lo, hi)
	}
}

func (e *Execution) finish(err error) {
	e.done = true
	e.err = err
}

// trapped ends the execution with a trap at the current position.
func (e *Execution) trapped(msg string) (Status, error) {
	t := &runtime.Trap{Msg: msg, Stack: e.stackTrace(false)}
	if e.obs != nil {
		e.ev = Event{Kind: EventTrap, Depth: len(e.frames) - 1, Trap: t}
		if len(t.Stack) > 0 {
			e.ev.Func, e.ev.Name, e.ev.Offset = t.Stack[0].Func, t.Stack[0].Name, t.Stack[0].Offset
		}
		e.obs(&e.ev)
	}
	e.finish(t)
	e.frames = e.frames[:0]
	return Done, t
}

// hostFailed ends the execution with a host function's error: an exit
// stays an *ExitError, anything else becomes a trap.
func (e *Execution) hostFailed() (Status, error) {
	err := e.hostErr
	var exit *runtime.ExitError
	if errors.As(err, &exit) {
		e.finish(exit)
		e.frames = e.frames[:0]
		return Done, exit
	}
	return e.trapped(err.Error())
}

// stackTrace lists the active frames, innermost first; the innermost
// frame's pc points past the faulting instruction unless exact.
func (e *Execution) stackTrace(exact bool) []runtime.StackFrame {
	st := make([]runtime.StackFrame, 0, len(e.frames))
	for i := len(e.frames) - 1; i >= 0; i-- {
		fr := &e.frames[i]
		pc := fr.pc - 1
		if exact && i == len(e.frames)-1 {
			pc = fr.pc
		}
		name := runtime.FuncName(fr.code.mod, fr.code.index)
		st = append(st, runtime.StackFrame{Func: fr.code.index, Name: name, Offset: fr.code.trapOffset(pc)})
	}
	return st
}

func (e *Execution) atBreakpoint() bool {
	if len(e.frames) == 0 {
		return false
	}
	fr := &e.frames[len(e.frames)-1]
	_, ok := e.bps[bpKey{fr.code.index, fr.code.offset(fr.pc)}]
	return ok
}

// callHost calls host function f with the arguments below e.sp and leaves
// its results in their place. It reports false when the function failed
// (e.hostErr).
func (e *Execution) callHost(f *runtime.Func, inst *runtime.Instance) bool {
	np, nr := len(f.Type.Params), len(f.Type.Results)
	base := e.sp - np
	args := e.stack[base:e.sp]
	if cap(e.hostRes) < nr {
		e.hostRes = make([]uint64, nr)
	}
	res := e.hostRes[:nr]
	clear(res)
	if e.obs != nil {
		args = append([]uint64{}, args...)
	}
	if e.callerInst != inst || e.caller == nil {
		e.callerInst = inst
		e.caller = runtime.NewCaller(func() []byte {
			if len(inst.Mems) == 0 {
				return nil
			}
			return inst.Mems[0].Data
		})
	}
	if err := f.Host.Call(e.caller, args, res); err != nil {
		e.hostErr = err
		return false
	}
	copy(e.stack[base:base+nr], res)
	e.sp = base + nr
	if e.obs != nil {
		e.pending = &hostCall{f: f, args: args, res: append([]uint64{}, res...)}
	}
	return true
}

// popFrame returns from the top frame with the results on top of the
// stack; it reports false when that was the outermost frame.
func (e *Execution) popFrame() bool {
	fr := &e.frames[len(e.frames)-1]
	n := fr.code.resultSlots
	copy(e.stack[fr.fp:fr.fp+n], e.stack[e.sp-n:e.sp])
	e.sp = fr.fp + n
	e.frames = e.frames[:len(e.frames)-1]
	return len(e.frames) > 0
}

// Loop exits.
const (
	exitBudget = iota
	exitDone
	exitTrap
	exitHostErr
)
