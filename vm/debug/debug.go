// Package debug is the engine's debugger: it drives the executions of one
// module instance (vm.Execution) to breakpoints — by function, by module
// offset, by instruction count —, steps into, over and out of calls, runs to
// an offset, stops where a write touches a watched address range, keeps
// a trap's state inspectable, and goes back to an earlier instruction
// by restoring a snapshot and re-running from it with the host calls
// replayed (Record, Recorder, Goto). The command line's `wasmscope debug`
// and the page drive it; it knows nothing of source languages (vm/debuginfo maps
// source lines and variables to the offsets and frames used here).
//
// # RATIONALE
//
// Every execution the debugger drives records into one event log (vm.Log),
// so an execution runs the engine's plain code, one internal instruction per
// Wasm instruction: each can be stopped at, the frames read at a trap are
// exact, and "who last wrote this byte" is answered from the log's memory
// write records (stores, bulk operations and the writes WASI host functions
// report) without a second mechanism.
//
// Breakpoints live in the Debugger, not in an execution, and are set on
// every execution it is given (Attach): the start function, _start and each
// call of an export honour them, and one added or deleted while paused takes
// effect on the paused execution at once.
//
// The engine compiles block, loop, try_table, nop and the end of a block
// away, so it can never stop at them: a breakpoint asked for at one moves to
// the next instruction the engine executes (Snap), the function's final end
// (its return) included.
//
// Watchpoints need the state right after the writing instruction, and the
// engine reports writes only in the log: with a watchpoint set, Continue and
// the steps advance one instruction per Run and read the new log records
// after each. That costs what breakpoints already cost (with breakpoints the
// engine runs one instruction per dispatch loop too).
//
// Going back restores a snapshot and re-runs from it. With Record, the
// debugger keeps snapshots of the attached execution (snapshot.go) every
// Recorder.Interval instructions or more, and a Recorder keeps every host
// call's results and the bytes it wrote; Goto to an earlier count restores
// the latest snapshot at least logTail instructions before it and runs
// there with the host calls replayed, so the state there is the forward
// run's by construction (TestTimeTravel, TestReplayPrograms and
// TestTravelSpec compare hashes of memory, globals, tables, frames and
// files at random counts). The way there runs the fast code, unlogged, and
// logs only its last logTail instructions (enough for LastWrite and the
// next reverse step).
//
// Snapshots hold memory as 4 KiB pages, each shared with the snapshot
// before when unchanged: taking one compares every page with the previous
// snapshot's (bytes.Equal, a vectorized memcmp natively), so nothing in
// the engine's loop marks pages dirty — no cost at all on a store, and no
// hook in the compiled code another change would have to keep. That
// comparison costs about what running the guest's memory size in
// instructions costs, so the interval is at least the memory's size in
// bytes (4 MiB of memory: a snapshot per 4M instructions or more). The
// snapshots are kept within twice the guest's memory (the first is a
// whole copy): past it, every other one goes and the interval doubles.
// Measured (bench, compare -timetravel, ~100M instructions per workload,
// CPU time, loaded machine): recording costs 0.79-1.21x an untraced run
// natively (geomean 1.00x), 0.91-1.08x under Node (1.02x); going back to
// a random instruction takes 6-17 ms natively (15-61 ms in Node) on
// average, at most 146 ms (457 ms in Node) where the memory is rewritten
// so often that two snapshots remain (sieve, memcopy); the snapshots hold
// at most 1.99x the guest's memory. See bench/README.md.
//
// Host calls are recorded by what they report writing (WrapReported: WASI
// reports every write exactly, so nothing is copied per call) or, for
// host functions that may not report, by comparing memory before and after
// (Wrap). Files: the host's filesystem is not restored (a replayed call
// does not reach it, so it stays as the furthest point of the run left
// it); the Recorder reads it after each call that may have changed it
// (TrackFiles) and Files says what it held at the current point.
//
// Snapshots hold the instance's memories, globals, tables and segments,
// and the execution's value stack and frames; not the store's GC heap
// (Wasm GC objects), nor other instances' unexported state.
//
// A pause while the program waits for stdin cannot wait for the read to
// end, nor leave it half done: the read gives up before it has taken any
// input (wasi.System.PauseWaits, which SetHostPause connects to Pause)
// and returns vm.ErrRetry, the engine undoes the call instruction (it is
// not counted, its operands stay), and the execution stands before the
// call, inspectable like any pause; resuming makes the call again. No
// goroutine of the debugger's own, and no state is read while a host
// call runs.
//
// Step over and step out run to a temporary breakpoint at the call's return
// site, taken only at the starting depth or above (a recursive call meets
// the same site deeper), so a long call runs at breakpoint speed rather than
// one Run per instruction.
package debug

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Site is an instruction the engine can stop at: a function index and the
// module byte offset of one of its instructions.
type Site struct {
	Func   uint32
	Offset uint32
}

// Breakpoint is a code breakpoint (Site), an instruction count breakpoint
// (Count > 0: pause once the execution has run Count instructions) or a
// watchpoint (Len > 0: pause after a write touching [Addr, Addr+Len) of
// memory 0).
type Breakpoint struct {
	ID    int
	Site  Site
	Count uint64
	Addr  uint64
	Len   uint64
}

// Reason says why a run of the debugger stopped.
type Reason uint8

// Reasons.
const (
	Stepped     Reason = iota // a step (into, over, out) finished
	AtBreak                   // a code breakpoint or a run-to offset was reached
	AtCount                   // an instruction count breakpoint was reached
	AtWatch                   // an instruction wrote to a watched range
	Interrupted               // Pause was called
	Returned                  // the execution returned (Results)
	Exited                    // the program called proc_exit (Stop.Err)
	Trapped                   // the execution trapped (Stop.Err); Frames stay inspectable
	Sliced                    // the budget (SetBudget) ran out; Continue goes on with what was under way
)

func (r Reason) String() string {
	return [...]string{"step", "breakpoint", "count", "watchpoint", "interrupted", "returned", "exited", "trapped", "sliced"}[r]
}

// Stop is where and why a run of the debugger stopped.
type Stop struct {
	Reason Reason
	// Breakpoint is the breakpoint reached (AtBreak, AtCount, AtWatch), nil
	// for a run-to offset or a step.
	Breakpoint *Breakpoint
	// Write is the write a watchpoint caught (AtWatch).
	Write Write
	// Err is the trap or exit (Trapped, Exited).
	Err error
}

// Write is one memory write from the log.
type Write struct {
	Seq    uint64 // the count of the instruction that wrote (Executed before it)
	Func   uint32 // the function it is in (for a host write, the caller)
	Name   string // the function's name (for a host write, the caller's)
	Offset uint32 // the instruction's module offset (0 for a host write)
	Host   bool   // written by a host function (WASI)
	HostFn string // that host function's name (module.name)
	Addr   uint64
	Len    uint64
}

// Debugger drives the executions of one instance.
type Debugger struct {
	mod     *syntax.Module
	vmod    *vm.Module // decodes the bodies
	ex      *vm.Execution
	log     *vm.Log
	bps     []*Breakpoint
	nextID  int
	scanned uint64 // log records already looked at for watchpoints
	stopReq atomic.Bool
	// running is the attached execution, for Pause from other goroutines.
	running atomic.Pointer[vm.Execution]
	ev      vm.Event
	// tmp is the temporary breakpoint of a step over or out or a run-to,
	// taken at depth tmpDepth or above (tmpDepth 0: any).
	tmp      *Site
	tmpDepth int
	// paused: the attached execution has run and stands paused.
	paused bool
	// rec replays host calls when going back; tl holds the attached
	// execution's snapshots (Record).
	rec *Recorder
	tl  *timeline
	// unlogged: runs record into the log only where needed (SetLogging).
	// The attached execution's records start at log record logFrom (what
	// is before is of a way since undone, or not logged; earlier
	// executions' records stay, for LastWrite);
	// logged: they hold its way to the current instruction (relog).
	unlogged bool
	logFrom  uint64
	logged   bool
	// waits is told of pause requests (SetHostPause).
	waits func(on bool)
	// budget bounds how many instructions one resuming call runs (0: no
	// bound), see SetBudget.
	budget uint64
}

// SetBudget bounds every later resuming call (Continue, the steps, RunTo)
// to n instructions (0: no bound): past them it returns Sliced, and a step
// over or out or a run-to under way stays under way, so the next Continue
// carries it on. A caller that must give its thread back now and then (the
// page, whose worker runs the program between the browser's events) runs
// in slices this way; Pause still stops a run between two slices.
func (d *Debugger) SetBudget(n uint64) { d.budget = n }

// UseLog makes the debugger record into l instead of a log of its own,
// from the next execution attached: a front end whose trace is an event
// log (the page) then has one log for both. Call it between runs: the
// records before are forgotten (l may have been cleared).
func (d *Debugger) UseLog(l *vm.Log) {
	d.log = l
	d.logFrom, d.scanned = l.Total(), l.Total()
}

// CancelPause withdraws a Pause that no run has answered yet (one asked
// between runs, which the next run would answer). Safe from any goroutine.
func (d *Debugger) CancelPause() { d.stopReq.Store(false) }

// LogBytes is the size of the event log a Debugger records into: the
// window of history LastWrite answers from.
const LogBytes = 16 << 20

// New returns a debugger for instances of mod.
func New(mod *vm.Module) *Debugger {
	return &Debugger{mod: mod.Syntax(), vmod: mod, log: vm.NewLog(LogBytes)}
}

// Log returns the event log the debugger's executions record into.
func (d *Debugger) Log() *vm.Log { return d.log }

// Attach makes ex the execution the debugger drives, with its
// breakpoints set and recording into the debugger's log.
func (d *Debugger) Attach(ex *vm.Execution) {
	d.ex = ex
	d.running.Store(ex)
	d.tmp, d.paused = nil, false
	if !d.unlogged {
		ex.SetLog(d.log)
	}
	d.logged = ex.Executed() == 0
	d.scanned = d.log.Total()
	for _, b := range d.bps {
		if b.Len == 0 && b.Count == 0 {
			ex.SetBreakpoint(b.Site.Func, b.Site.Offset)
		}
	}
	d.tl = nil
	if d.rec != nil {
		d.tl = newTimeline(ex, d.rec)
	}
}

// SetLogging says whether the executions the debugger drives record every
// instruction into the log (on, the default) or run the engine's fast
// code, as an untraced run does (off): going forward then costs what the
// snapshots cost (Record), and what needs the log — History, Back,
// LastWrite — first re-runs the way to the current instruction from the
// latest snapshot before it, logged (its last 65536 instructions), which
// takes what a Goto back takes. Watchpoints log while they are set.
func (d *Debugger) SetLogging(on bool) {
	d.unlogged = !on
	if d.ex != nil {
		if on {
			d.ex.SetLog(d.log)
		} else {
			d.ex.SetLog(nil)
		}
	}
}

// relog makes the log hold the way to the current instruction when runs
// are unlogged (SetLogging), re-running it from a snapshot.
func (d *Debugger) relog() {
	if !d.unlogged || d.logged || d.ex == nil || d.tl == nil || d.tl.ex != d.ex {
		return
	}
	cur := d.ex.Executed()
	if d.restore(cur) == nil {
		d.Goto(cur)
	}
}

// Record makes the debugger keep snapshots of the executions it drives
// (the one attached, and those attached later) at intervals of their
// instruction count, so that Goto goes back to any earlier instruction of
// the execution attached, replaying the host calls rec recorded (the host
// functions the instance calls must be rec's Wrap or WrapReported).
func (d *Debugger) Record(rec *Recorder) {
	d.rec = rec
	if d.ex != nil && (d.tl == nil || d.tl.ex != d.ex) {
		d.tl = newTimeline(d.ex, rec)
	}
}

// SnapshotBytes returns roughly what the attached execution's snapshots
// and the host-call record hold, in bytes.
func (d *Debugger) SnapshotBytes() int {
	if d.tl == nil {
		return 0
	}
	return d.tl.bytes + d.rec.Bytes()
}

// Snapshots returns how many snapshots of the attached execution are kept.
func (d *Debugger) Snapshots() int {
	if d.tl == nil {
		return 0
	}
	return len(d.tl.snaps)
}

// tick takes a snapshot when the attached execution has run far enough
// past the last one.
func (d *Debugger) tick() {
	if tl := d.tl; tl != nil && tl.ex == d.ex && d.ex.Executed() >= tl.next && !d.ex.Done() {
		tl.take(d.rec.next)
	}
}

// Execution returns the execution attached, or nil.
func (d *Debugger) Execution() *vm.Execution { return d.ex }

// Module returns the module debugged.
func (d *Debugger) Module() *syntax.Module { return d.mod }

// Executed returns how many instructions the attached execution has run.
func (d *Debugger) Executed() uint64 {
	if d.ex == nil {
		return 0
	}
	return d.ex.Executed()
}

// Frames returns the attached execution's frames, innermost first: those of
// the paused execution, or after a trap those it had when it trapped, the
// innermost at the trapping instruction. Nil when it has returned or exited.
func (d *Debugger) Frames() []vm.FrameInfo {
	if d.ex == nil {
		return nil
	}
	if d.ex.Done() {
		return d.ex.TrapFrames()
	}
	return d.ex.Frames()
}

// Pause asks the running execution to stop: the run in progress (or, when
// none is, the next one) returns Interrupted; a host call waiting for
// input gives up and the execution stands before it (SetHostPause). Safe
// from any goroutine.
func (d *Debugger) Pause() {
	if ex := d.running.Load(); ex != nil {
		d.stopReq.Store(true)
		ex.Stop()
		if d.waits != nil {
			d.waits(true)
		}
	}
}

// SetHostPause gives the debugger what makes the host's waiting calls
// give up (package wasi's System.PauseWaits): Pause turns it on, so a
// pause is honoured while the program waits for stdin — the call returns
// vm.ErrRetry, the execution pauses before it, Interrupted — and the end
// of the run turns it off, so the call waits again when resumed. Set it
// before running.
func (d *Debugger) SetHostPause(waits func(on bool)) { d.waits = waits }

// FindFunc looks a function up by its name ($fib or fib), export name,
// func[i] or index.
func FindFunc(m *syntax.Module, name string) (uint32, bool) {
	total := uint32(m.NumImported(syntax.ExternFunc) + len(m.Funcs))
	if i, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(name, "func["), "]"), 10, 32); err == nil {
		return uint32(i), uint32(i) < total
	}
	bare := strings.TrimPrefix(name, "$")
	for i := uint32(0); i < total; i++ {
		if strings.TrimPrefix(m.FuncName(i), "$") == bare {
			return i, true
		}
	}
	for _, e := range m.Exports {
		if e.Kind == syntax.ExternFunc && e.Name == bare {
			return e.Index, true
		}
	}
	return 0, false
}

// body returns the instructions of function fn, or an error naming it
// when it is an import or out of range.
func (d *Debugger) body(fn uint32) ([]syntax.Instr, error) {
	nimp := uint32(d.mod.NumImported(syntax.ExternFunc))
	if fn < nimp {
		return nil, fmt.Errorf("func[%d] is imported: it has no code to stop in", fn)
	}
	b, err := d.vmod.Body(fn)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("func[%d] has no code", fn)
	}
	return b, nil
}

// stops reports whether the engine executes instruction i of body (see
// the package's RATIONALE).
func stops(body []syntax.Instr, i int) bool {
	switch body[i].Op {
	case syntax.OpBlock, syntax.OpLoop, syntax.OpTryTable, syntax.OpNop:
		return false
	case syntax.OpEnd:
		return i == len(body)-1
	}
	return true
}

// Snap returns the site a breakpoint at module offset off of function fn
// goes to: the first instruction at or after off that the engine executes.
func (d *Debugger) Snap(fn, off uint32) (Site, error) {
	body, err := d.body(fn)
	if err != nil {
		return Site{}, err
	}
	for i := range body {
		if body[i].Offset >= off && stops(body, i) {
			return Site{fn, body[i].Offset}, nil
		}
	}
	return Site{}, fmt.Errorf("offset 0x%x is past the end of func[%d] (0x%x-0x%x)", off, fn, body[0].Offset, body[len(body)-1].Offset)
}

// FuncAt returns the defined function whose code holds module offset off.
func (d *Debugger) FuncAt(off uint32) (uint32, bool) {
	nimp := uint32(d.mod.NumImported(syntax.ExternFunc))
	for i, f := range d.mod.Funcs {
		if off >= f.BodyOffset && off < f.End {
			return nimp + uint32(i), true
		}
	}
	return 0, false
}

// returnSite is where execution continues in function fn after the call at
// offset off: the first instruction after it the engine executes.
func (d *Debugger) returnSite(fn, off uint32) (Site, bool) {
	body, err := d.body(fn)
	if err != nil {
		return Site{}, false
	}
	for i := range body {
		if body[i].Offset > off && stops(body, i) {
			return Site{fn, body[i].Offset}, true
		}
	}
	return Site{}, false
}

func (d *Debugger) add(b *Breakpoint) *Breakpoint {
	d.nextID++
	b.ID = d.nextID
	d.bps = append(d.bps, b)
	if b.Len == 0 && b.Count == 0 && d.ex != nil {
		d.ex.SetBreakpoint(b.Site.Func, b.Site.Offset)
	}
	return b
}

// BreakAt sets a breakpoint at the instruction at or after offset off of
// function fn (Snap).
func (d *Debugger) BreakAt(fn, off uint32) (*Breakpoint, error) {
	s, err := d.Snap(fn, off)
	if err != nil {
		return nil, err
	}
	for _, b := range d.bps {
		if b.Len == 0 && b.Count == 0 && b.Site == s {
			return b, nil
		}
	}
	return d.add(&Breakpoint{Site: s}), nil
}

// BreakOffset sets a breakpoint at module offset off, in the function whose
// code holds it.
func (d *Debugger) BreakOffset(off uint32) (*Breakpoint, error) {
	fn, ok := d.FuncAt(off)
	if !ok {
		return nil, fmt.Errorf("offset 0x%x is in no function's code", off)
	}
	return d.BreakAt(fn, off)
}

// BreakFunc sets a breakpoint at the first instruction of the function
// named name (FindFunc).
func (d *Debugger) BreakFunc(name string) (*Breakpoint, error) {
	fn, ok := FindFunc(d.mod, name)
	if !ok {
		return nil, fmt.Errorf("no function %q", name)
	}
	return d.BreakAt(fn, 0)
}

// BreakCount sets a breakpoint that pauses the execution once it has run n
// instructions.
func (d *Debugger) BreakCount(n uint64) *Breakpoint {
	return d.add(&Breakpoint{Count: n})
}

// Watch sets a watchpoint: pause after any write touching n bytes at addr
// of memory 0.
func (d *Debugger) Watch(addr, n uint64) (*Breakpoint, error) {
	if n == 0 {
		return nil, errors.New("watch: the range is empty")
	}
	// Only writes from now on: the log holds earlier ones too.
	d.scanned = d.log.Total()
	return d.add(&Breakpoint{Addr: addr, Len: n}), nil
}

// Breakpoints returns the breakpoints and watchpoints set, oldest first.
func (d *Debugger) Breakpoints() []*Breakpoint { return d.bps }

// Delete removes breakpoint or watchpoint id.
func (d *Debugger) Delete(id int) error {
	for i, b := range d.bps {
		if b.ID != id {
			continue
		}
		d.bps = append(d.bps[:i], d.bps[i+1:]...)
		if b.Len == 0 && b.Count == 0 && d.ex != nil && !d.siteSet(b.Site) {
			d.ex.ClearBreakpoint(b.Site.Func, b.Site.Offset)
		}
		return nil
	}
	return fmt.Errorf("no breakpoint %d", id)
}

// siteSet reports whether a code breakpoint (or the temporary one) is at s.
func (d *Debugger) siteSet(s Site) bool {
	if d.tmp != nil && *d.tmp == s {
		return true
	}
	for _, b := range d.bps {
		if b.Len == 0 && b.Count == 0 && b.Site == s {
			return true
		}
	}
	return false
}

func (d *Debugger) watching() bool {
	for _, b := range d.bps {
		if b.Len > 0 {
			return true
		}
	}
	return false
}

// Continue runs until a breakpoint, a watchpoint, the end or Pause.
func (d *Debugger) Continue() Stop { return d.resume(false) }

// StepInto executes one instruction; a call stops at the callee's first.
func (d *Debugger) StepInto() Stop { return d.resume(true) }

// StepOver executes one instruction; a call of a Wasm function runs to its
// return (stopping early at a breakpoint or watchpoint).
func (d *Debugger) StepOver() Stop {
	fr := d.Frames()
	if len(fr) == 0 || d.ex.Done() {
		return d.StepInto()
	}
	depth := d.ex.Depth()
	ret, ok := d.returnSite(fr[0].Func, fr[0].Offset)
	st := d.StepInto()
	if st.Reason != Stepped || d.ex.Depth() <= depth || !ok {
		return st
	}
	return stepped(d.runTo(ret, depth))
}

// stepped reports reaching a step's temporary breakpoint as a step.
func stepped(st Stop) Stop {
	if st.Reason == AtBreak && st.Breakpoint == nil {
		st.Reason = Stepped
	}
	return st
}

// StepOut runs until the current function returns to its caller, and
// stops there (or at a breakpoint or watchpoint before); from the
// outermost frame, until the execution ends.
func (d *Debugger) StepOut() Stop {
	fr := d.Frames()
	if len(fr) < 2 || d.ex.Done() {
		return d.resume(false)
	}
	ret, ok := d.returnSite(fr[1].Func, fr[1].Offset)
	if !ok {
		return d.resume(false)
	}
	return stepped(d.runTo(ret, d.ex.Depth()-1))
}

// RunTo runs until the instruction at or after offset off of function fn
// (Snap), a breakpoint or a watchpoint.
func (d *Debugger) RunTo(fn, off uint32) (Stop, error) {
	s, err := d.Snap(fn, off)
	if err != nil {
		return Stop{}, err
	}
	return d.runTo(s, 0), nil
}

// runTo runs with a temporary breakpoint at s, taken at depth maxDepth or
// above (0: at any depth).
func (d *Debugger) runTo(s Site, maxDepth int) Stop {
	d.clearTmp()
	d.tmp, d.tmpDepth = &s, maxDepth
	d.ex.SetBreakpoint(s.Func, s.Offset)
	return d.resume(false)
}

// clearTmp removes the temporary breakpoint of a step over or out or a
// run-to, once it is reached or the run ended otherwise.
func (d *Debugger) clearTmp() {
	if d.tmp == nil {
		return
	}
	s := *d.tmp
	d.tmp = nil
	if d.ex != nil && !d.siteSet(s) {
		d.ex.ClearBreakpoint(s.Func, s.Offset)
	}
}

// slice is the fuel of one Run while nothing else bounds it, so a Pause from
// another goroutine (Ctrl-C) is noticed between Runs as well.
const slice = 1 << 20

// resume runs the attached execution until something stops it; step: after
// one instruction. A temporary breakpoint (step over, out, run-to) stays
// set only while the run is Sliced.
func (d *Debugger) resume(step bool) (st Stop) {
	ex := d.ex
	if ex == nil {
		return Stop{Reason: Returned, Err: errors.New("no execution to run")}
	}
	if d.waits != nil {
		defer d.waits(false)
	}
	defer func() {
		if st.Reason != Sliced {
			d.clearTmp()
		}
	}()
	watch := d.watching()
	if d.unlogged {
		d.logged = false
		if watch {
			d.logFrom = d.log.Total()
			ex.SetLog(d.log)
			defer ex.SetLog(nil)
		}
	}
	start, wasPaused := ex.Executed(), d.paused
	d.paused = true // until the end says otherwise
	limit := uint64(math.MaxUint64)
	if d.budget > 0 {
		limit = start + d.budget
	}
	for {
		fuel := int64(slice)
		if step || watch {
			fuel = 1
		}
		if left := limit - ex.Executed(); left < uint64(fuel) {
			fuel = int64(left)
		}
		countBP := d.nextCount()
		if countBP != nil && int64(countBP.Count-ex.Executed()) < fuel {
			fuel = int64(countBP.Count - ex.Executed())
		}
		before := ex.Executed()
		var status vm.Status
		var err error
		if fuel == 0 {
			status = vm.Paused
		} else {
			status, err = ex.Run(fuel)
		}
		ran := ex.Executed() - before
		d.tick()
		if status == vm.Done {
			d.paused = false
			return d.done(err)
		}
		if watch {
			if b, w, ok := d.watchHit(); ok {
				return Stop{Reason: AtWatch, Breakpoint: b, Write: w}
			}
		}
		if d.stopReq.Swap(false) {
			return Stop{Reason: Interrupted}
		}
		if countBP != nil && ex.Executed() >= countBP.Count {
			return Stop{Reason: AtCount, Breakpoint: countBP}
		}
		// A breakpoint where the run stopped: the engine stops before an
		// instruction with one, or the fuel ended there. One set where the
		// run began (while paused there), or a temporary one met deeper
		// than wanted, is passed: the engine resumes past it on the next
		// Run.
		if !(wasPaused && ex.Executed() == start) {
			if st, ok := d.atBreak(); ok {
				return st
			}
		}
		if step && ran > 0 {
			return Stop{Reason: Stepped}
		}
		if ex.Executed() >= limit {
			return Stop{Reason: Sliced}
		}
	}
}

// nextCount returns the count breakpoint the execution reaches first.
func (d *Debugger) nextCount() *Breakpoint {
	var next *Breakpoint
	for _, b := range d.bps {
		if b.Count > d.ex.Executed() && (next == nil || b.Count < next.Count) {
			next = b
		}
	}
	return next
}

// atBreak says which breakpoint the execution stands at, if it is one it
// should stop at.
func (d *Debugger) atBreak() (Stop, bool) {
	fn, off, ok := d.ex.Position()
	if !ok {
		return Stop{}, false
	}
	s := Site{fn, off}
	for _, b := range d.bps {
		if b.Len == 0 && b.Count == 0 && b.Site == s {
			return Stop{Reason: AtBreak, Breakpoint: b}, true
		}
	}
	if d.tmp != nil && *d.tmp == s && (d.tmpDepth == 0 || d.ex.Depth() <= d.tmpDepth) {
		return Stop{Reason: AtBreak}, true
	}
	return Stop{}, false
}

// done turns the end of the execution into a Stop.
func (d *Debugger) done(err error) Stop {
	var exit *vm.ExitError
	switch {
	case err == nil:
		return Stop{Reason: Returned}
	case errors.As(err, &exit):
		return Stop{Reason: Exited, Err: err}
	}
	return Stop{Reason: Trapped, Err: err}
}

// watchHit looks at the log records written since the last look for a
// write touching a watched range.
func (d *Debugger) watchHit() (*Breakpoint, Write, bool) {
	l := d.log
	from := max(d.scanned, l.First())
	d.scanned = l.Total()
	for i := from; i < l.Total(); i++ {
		if !l.IsEvent(i) || !l.Event(i, &d.ev) || d.ev.Kind != vm.EventMemWrite || d.ev.Mem != 0 {
			continue
		}
		for _, b := range d.bps {
			if b.Len > 0 && d.ev.Addr < b.Addr+b.Len && b.Addr < d.ev.Addr+d.ev.Len {
				return b, d.write(i), true
			}
		}
	}
	return nil, Write{}, false
}

// write describes the memory write event at record i of the log.
func (d *Debugger) write(i uint64) Write {
	l := d.log
	var ev vm.Event
	l.Event(i, &ev)
	w := Write{Seq: ev.Seq, Func: ev.Func, Name: ev.Name, Offset: ev.Offset, Addr: ev.Addr, Len: ev.Len, Host: ev.Host != nil}
	if w.Host {
		// The event names the host function; Func is its caller.
		w.HostFn, w.Name = ev.Name, vm.FuncLabel(d.mod, ev.Func)
	}
	return w
}

// LastWrite returns the latest write in the log that touched byte addr of
// memory 0, and false when the log holds none (it keeps the most recent
// LogBytes of history).
func (d *Debugger) LastWrite(addr uint64) (Write, bool) {
	d.relog()
	l := d.log
	var ev vm.Event
	for i := l.Total(); i > max(l.First(), d.logFrom); i-- {
		if !l.IsEvent(i-1) || !l.Event(i-1, &ev) || ev.Kind != vm.EventMemWrite || ev.Mem != 0 {
			continue
		}
		if addr >= ev.Addr && addr-ev.Addr < ev.Len {
			return d.write(i - 1), true
		}
	}
	return Write{}, false
}
