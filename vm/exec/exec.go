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
	pc   int    // next instruction (while the frame is not running)
	fp   int    // first local's slot
	rid  uint32 // the code's id in the execution's log, when it has one
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
	// batch, when set (obs is then a no-op), takes the new records
	// instead of an Event each.
	batch BatchObserver
	// log records the execution (record.go); ownLog when it is the one
	// SetObserver made to deliver events from. delivered counts the
	// records the observer has had.
	log       *Log
	ownLog    bool
	delivered uint64
	// seq counts recorded instructions, up to the budget mark (the loop
	// does not count: see syncSeq); pend is the record number plus
	// one of the instruction that ran last (0: none), to settle when the
	// next one is recorded: its depth, opRec bits, plain pc and plain
	// code.
	seq       uint64
	mark      int
	pend      uint64
	pendDepth int
	pendB     uint64
	pendPC    uint32
	pendCode  *Code
	// table is the function table of tableInst, the running instance
	// (see setTable).
	table     *funcTable
	tableInst *runtime.Instance
	// stackCharged is what the value stack's growth took from the
	// store's budget, returned when the execution ends.
	stackCharged int64
	hostWrites   [][2]uint64 // (address, length) a host call reported
	// recFast lets the loop record the next instruction itself, with
	// recW0 (its record's word 0 but the pc) set by record.
	recFast bool
	recW0   uint64
	// The last frame record written (see ensureFrame): the code id, the
	// log's generation then, and whether it still stands.
	frameID  uint32
	frameGen uint64
	frameOK  bool
	bps      map[bpKey]struct{}
	// resumeBP is set when paused at a breakpoint, so resuming executes
	// that instruction instead of stopping at it again.
	resumeBP bool
	// executed counts the instructions run (debug.go), trapFrames are the
	// frames as they were when the execution trapped.
	executed   uint64
	trapFrames []FrameInfo

	trapMsg    string
	hostErr    error
	caller     *runtime.Caller
	callerInst *runtime.Instance
	ev         Event
	// cur and inst are the running frame's code and instance, budget the
	// loop's remaining budget (the loop keeps them here rather than in
	// locals while it calls out).
	cur    *Code
	inst   *runtime.Instance
	budget int
	// uncharged says the loop of fast code returned where a run starts
	// before charging it (see refund).
	uncharged bool
	// charge makes the loop of fast code charge the run at the top
	// frame's pc when it reloads its state (see loop).
	charge    bool
	hostRes   []uint64
	precise   bool // running plain code: see setMode
	tailSP    int  // the stack height before a tail call moved its arguments
	observing bool // running observed code

	// caught says whether a handler caught the latest exception thrown
	// (see raise), exn is the one nothing caught.
	caught bool
	exn    *runtime.Exception
	// root makes the value stack a root of the store's collector.
	root runtime.StackRoot
}

// endSlice settles the last instruction of a slice that ended with exit
// and delivers the new events to the observer.
func (e *Execution) endSlice(exit int) {
	if exit == exitThrow {
		// raise recorded the throw and the frames it left.
		if e.obs != nil {
			e.drain(e.log.total)
		}
		return
	}
	if exit != exitDone && exit != exitBudget {
		return // trapped or hostFailed takes the record back
	}
	if e.pend != 0 {
		e.settle(e.sp, len(e.frames)-1)
	}
	e.endSnapshot()
	if e.obs != nil {
		e.drain(e.log.total)
	}
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
	e.root = runtime.StackRoot{Stack: &e.stack, SP: &e.sp}
	s.RegisterStack(&e.root)
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

// SetObserver attaches o (nil detaches it): o receives the events of the
// execution's log (SetLog), or of a small log of its own, after each slice
// or when half the log is new.
func (e *Execution) SetObserver(o Observer) {
	e.obs, e.batch = o, nil
	switch {
	case o != nil && e.log == nil:
		e.SetLog(NewLog(observerLog))
		e.ownLog = true
	case o == nil && e.ownLog:
		e.SetLog(nil)
	}
	if e.log != nil {
		e.delivered = e.log.total
	}
}

// BatchObserver receives the records an observed execution added to its
// log, from record from up to record to, for a reader that decodes them
// itself (Log.Raws) rather than an Event each. Records from to on may be
// read too (an instruction's results are in the next record); the log is
// not to be changed.
type BatchObserver func(l *Log, from, to uint64)

// SetBatchObserver attaches o (nil detaches it, as SetObserver(nil)
// does): after each slice, and within one when half the log is new, o
// receives the new records of the execution's log (SetLog first), or of a
// small log of its own. Slices are as long as the log allows (see
// observerSlice): give it a large log to have the records in large
// batches.
func (e *Execution) SetBatchObserver(o BatchObserver) {
	if o == nil {
		e.batch = nil
		e.SetObserver(nil)
		return
	}
	e.SetObserver(noEvent)
	e.batch = o
}

// noEvent stands for a batch observer where the loop asks whether
// something observes.
func noEvent(*Event) {}

// observerSlice is how many instructions an observed slice runs: an
// eighth of the log's records, so that what the loop records itself
// between two deliveries (a record an instruction) fits in the half of the
// log that record leaves before it delivers, within [observerChunk,
// chunk].
func (e *Execution) observerSlice() int64 {
	return int64(min(max(e.log.Cap()/8, 1), chunk))
}

// observerLog is the size of the log SetObserver makes, small enough that
// a spec run of thousands of executions does not notice it; observed
// slices are cut to observerChunk instructions (observerSlice: an eighth
// of the log's records) so that the records between two deliveries fit
// in it: record delivers when half the log is undelivered, and the loop
// writes at most six records an instruction on its own (a return or a
// call: the instruction's record with two slots, the event with two
// values, and a frame record).
const (
	observerLog   = 64 << 10
	observerChunk = 256
)

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
// where it stopped. Fuel counts Wasm instructions (those an observer sees:
// block, loop, end of a block and nop are not executed), whether the
// fused code runs or not: a run paused by fuel N stops at the same
// instruction traced or not, and as a breakpoint after N instructions.
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
	slow := len(e.bps) > 0
	e.setMode(slow || step || e.log != nil, e.log != nil)
	if !e.started {
		e.started = true
		if msg := e.begin(); msg != "" {
			return e.trapped(msg)
		}
		if e.done {
			return Done, e.err
		}
	}
	for fuel != 0 {
		if e.stop.Load() {
			e.stop.Store(false)
			return Paused, nil
		}
		// Let the goroutine that may call Stop run: under GOARCH=wasm
		// nothing preempts this one. Natively the scheduler preempts it anyway,
		// and a Gosched a slice cost a third of sieve's time (it wakes
		// another thread to take the goroutine over: see the RATIONALE
		// in doc.go).
		if yieldEachSlice {
			goruntime.Gosched()
		}
		n := int64(chunk)
		if e.obs != nil {
			// The observer's log must hold a slice's records until they
			// are delivered (see record).
			n = e.observerSlice()
		}
		if e.log != nil {
			// The loop's records of a slice (at most about five an
			// instruction) must fit the log with the frame record
			// that starts the slice, without which they cannot be
			// read (see rec).
			n = min(n, max(int64(e.log.Cap()/8), 1))
		}
		// A frame left inside a fused sequence's plain counterpart (by
		// fuel that ended there) finishes the sequence one instruction at
		// a time, then runs fast again.
		catchUp := !e.precise && e.midFused()
		if slow || catchUp {
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
		e.mark = int(n)
		var left, exit int
		if fr := &e.frames[len(e.frames)-1]; fr.code.runs {
			e.uncharged = false
			left, exit = loop[byRunsLoop](e, int(n))
			left += e.refund()
		} else {
			left, exit = loop[countedLoop](e, int(n))
		}
		e.budget = left // for counting what was recorded (see syncSeq)
		e.executed += uint64(n - int64(left))
		if exit == exitHostErr && e.hostErr == runtime.ErrRetry {
			e.retryCall()
			return Paused, nil
		}
		if exit == exitHostErr && e.hostThrew() {
			// A host function threw: on as if its call instruction had.
			exit = exitBudget
			if !e.caught {
				exit = exitThrow
			}
		}
		if fuel > 0 {
			fuel -= n - int64(left)
			if exit == exitBudget && left > 0 && fuel == int64(left) && !e.precise {
				// The next instruction is a fused one standing for more
				// Wasm instructions than the fuel left: its plain
				// counterpart runs exactly that many.
				e.setMode(true, false)
			}
		}
		if catchUp && exit == exitBudget {
			e.setMode(false, false)
		}
		if e.log != nil {
			e.endSlice(exit)
		}
		switch exit {
		case exitDone:
			e.finishResults()
			return Done, nil
		case exitTrap:
			return e.trapped(e.trapMsg)
		case exitHostErr:
			return e.hostFailed()
		case exitThrow:
			return e.uncaught()
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
			var x *runtime.Exception
			if errors.As(err, &x) {
				e.finish(x)
				return ""
			}
			e.hostErr = err
			_, _ = e.hostFailed()
			return ""
		}
		e.sp = nres
		e.finishResults()
		return ""
	}
	return e.enter(f, e.sp)
}

// setMode switches frames between the fast code (fused instructions), the
// plain code (one internal instruction per Wasm instruction: breakpoints
// and single steps need it) and the observed code (plain, each
// instruction recorded into the log). Frames switch where their position
// exists in the other variant; a frame paused inside a fused sequence's
// plain counterpart finishes in plain code, which is only slower.
func (e *Execution) setMode(precise, observed bool) {
	e.precise, e.observing = precise, observed
	e.recFast = false
	for i := range e.frames {
		fr := &e.frames[i]
		c := fr.code
		// To plain first (a fast frame stays fast when neither is asked).
		switch {
		case c.observed:
			fr.pc /= 2
			c = c.plain
		case c.plain != nil && precise:
			fr.pc = int(c.orig[fr.pc])
			c = c.plain
		}
		switch {
		case observed:
			fr.code, fr.rid = e.observed(c)
			fr.pc *= 2
		case !precise && c.plain == nil && c.fast != nil && c.fast.fastOf[fr.pc] >= 0:
			fr.pc = int(c.fast.fastOf[fr.pc])
			fr.code = c.fast
		default:
			fr.code = c
		}
	}
}

// midFused reports whether the top frame runs plain code at a place that
// has no fast counterpart (inside a fused sequence).
func (e *Execution) midFused() bool {
	if len(e.frames) == 0 {
		return false
	}
	fr := &e.frames[len(e.frames)-1]
	c := fr.code
	return c.plain == nil && !c.observed && c.fast != nil && c.fast.fastOf[fr.pc] < 0
}

// enter pushes a frame for the Wasm function f whose arguments are the top
// of the stack below sp.
func (e *Execution) enter(f *runtime.Func, sp int) string {
	c, err := e.codeOf(f)
	if err != nil {
		return err.Error()
	}
	var rid uint32
	switch {
	case e.observing:
		c, rid = e.observed(c)
	case e.precise && c.plain != nil:
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
		// The stack's growth is host memory like a table's.
		grow := 8 * int64(n-len(e.stack))
		if err := e.store.Budget.Charge(grow, fmt.Sprintf("a value stack of %d slots", n)); err != nil {
			return err.Error()
		}
		e.stackCharged += grow
		ns := make([]uint64, n)
		copy(ns, e.stack[:sp])
		e.stack = ns
	}
	top := fp + c.localSlots
	clear(e.stack[sp:top])
	e.sp = top
	e.frames = append(e.frames, frame{code: c, inst: f.Inst, fp: fp, rid: rid})
	if e.observing {
		e.logCall()
	}
	return ""
}

func (e *Execution) finishResults() {
	e.releaseStack()
	e.done = true
	e.root.Done = true
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
	e.releaseStack()
	e.done = true
	e.root.Done = true
	e.err = err
}

// releaseStack returns the value stack's growth to the budget.
func (e *Execution) releaseStack() {
	e.store.Budget.Release(e.stackCharged)
	e.stackCharged = 0
}

// trapped ends the execution with a trap at the current position.
func (e *Execution) trapped(msg string) (Status, error) {
	t := &runtime.Trap{Msg: msg, Stack: e.stackTrace(false)}
	e.trapFrames = e.framesAt(true)
	if e.log != nil {
		e.unrecord()
		e.logTrap(t)
		if e.obs != nil {
			e.drain(e.log.total)
		}
	}
	e.finish(t)
	e.frames = e.frames[:0]
	return Done, t
}

// uncaught ends the execution with the exception nothing caught.
func (e *Execution) uncaught() (Status, error) {
	e.finish(e.exn)
	e.frames = e.frames[:0]
	return Done, e.exn
}

// hostFailed ends the execution with a host function's error: an exit
// stays an *ExitError, anything else becomes a trap.
func (e *Execution) hostFailed() (Status, error) {
	err := e.hostErr
	var exit *runtime.ExitError
	if errors.As(err, &exit) {
		if e.log != nil {
			e.unrecord()
			if e.obs != nil {
				e.drain(e.log.total)
			}
		}
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
	if e.callerInst != inst || e.caller == nil {
		e.callerInst = inst
		e.caller = runtime.NewCaller(func() []byte {
			if len(inst.Mems) == 0 {
				return nil
			}
			return inst.Mems[0].Data
		})
		e.caller.OnWrite(func(addr, n uint64) {
			if e.observing {
				e.hostWrites = append(e.hostWrites, [2]uint64{addr, n})
			}
		})
	}
	e.hostWrites = e.hostWrites[:0]
	if err := f.Host.Call(e.caller, args, res); err != nil {
		e.hostErr = err
		return false
	}
	if e.observing {
		// Before the results overwrite the arguments.
		e.logHost(f, args, res)
	}
	copy(e.stack[base:base+nr], res)
	e.sp = base + nr
	return true
}

// retryCall undoes the call instruction whose host function asked to be
// called again (runtime.ErrRetry): the frame stands before it, its
// operands on the stack, and it is not counted, so the next Run makes the
// call again.
func (e *Execution) retryCall() {
	e.hostErr = nil
	fr := &e.frames[len(e.frames)-1]
	back := 1
	if fr.code.observed {
		back = 2 // the call's opRec too
	}
	switch fr.code.insts[fr.pc-1].op {
	case opCallIndirect, opReturnCallIndirect, opCallRef, opReturnCallRef:
		e.sp++ // the table index or reference, still in its slot
	}
	fr.pc -= back
	e.executed--
	if e.log != nil {
		e.unrecord()
		e.endSlice(exitBudget)
	}
}

// popFrame returns from the top frame with the results on top of the
// stack; it reports false when that was the outermost frame.
func (e *Execution) popFrame() bool {
	fr := &e.frames[len(e.frames)-1]
	n := fr.code.resultSlots
	if e.observing {
		// A tail call of a host function returns from the frame.
		e.popRecorded(fr)
	}
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
	exitThrow // an exception no handler caught: e.exn
)
