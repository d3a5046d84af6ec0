package runner

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/wasi"
)

// Entry says what a run calls after instantiation: Invoke "" runs the
// module by its kind (a command's _start; a reactor is only
// initialized), a name calls that export with Args.
type Entry struct {
	Invoke string
	Args   []vm.Value
}

// StepKind says what a step of a run calls.
type StepKind uint8

// Kinds of steps, in the order a run takes them.
const (
	// StartFunc is the module's start function.
	StartFunc StepKind = iota + 1
	// Initialize is a reactor's _initialize.
	Initialize
	// Command is a command's _start.
	Command
	// Call is an invoked export.
	Call
)

// Step is one call of a run.
type Step struct {
	Kind StepKind
	// Export is the export called; "" for the start function.
	Export string
	// Args are a Call's arguments.
	Args []vm.Value
}

// String names the step as consoles show it: "start function",
// "_initialize", "_start", "add(1, 2)".
func (s Step) String() string {
	switch s.Kind {
	case StartFunc:
		return "start function"
	case Call:
		return s.Export + "(" + vm.FormatValues(s.Args) + ")"
	}
	return s.Export
}

// Begin prepares the step's execution in inst; nothing runs yet.
func (s Step) Begin(inst *vm.Instance) (*vm.Execution, error) {
	if s.Kind == StartFunc {
		if ex := inst.Start(); ex != nil {
			return ex, nil
		}
		return nil, errors.New("the module has no start function")
	}
	return inst.Call(s.Export, s.Args...)
}

// ErrBothKinds is Plan's error for a module that exports both _start and
// _initialize.
var ErrBothKinds = errors.New("the module exports both _start and _initialize: the WASI application ABI makes a module a command or a reactor, not both")

// Plan returns the steps that run m for e, in order (see the package
// documentation). It fails, before anything is instantiated, for a
// module of both kinds, an invoked name that is no exported function or
// the wrong number of arguments.
func Plan(m *vm.Module, e Entry) ([]Step, error) {
	syn := m.Syntax()
	funcs := map[string]uint32{}
	for _, x := range syn.Exports {
		if x.Kind == syntax.ExternFunc {
			funcs[x.Name] = x.Index
		}
	}
	_, command := funcs["_start"]
	_, initialize := funcs["_initialize"]
	if command && initialize {
		return nil, ErrBothKinds
	}
	var steps []Step
	if syn.Start != nil {
		steps = append(steps, Step{Kind: StartFunc})
	}
	switch {
	case command && (e.Invoke == "" || e.Invoke == "_start") && len(e.Args) == 0:
		steps = append(steps, Step{Kind: Command, Export: "_start"})
	case e.Invoke == "":
		if initialize {
			steps = append(steps, Step{Kind: Initialize, Export: "_initialize"})
		}
	default:
		idx, ok := funcs[e.Invoke]
		if !ok {
			return nil, fmt.Errorf("no exported function %q", e.Invoke)
		}
		if ft, ok := syn.FuncType(idx); ok && len(ft.Params) != len(e.Args) {
			return nil, fmt.Errorf("%s takes %d arguments %v, got %d", e.Invoke, len(ft.Params), ft.Params, len(e.Args))
		}
		// Invoking _initialize itself is its one call.
		if initialize && e.Invoke != "_initialize" {
			steps = append(steps, Step{Kind: Initialize, Export: "_initialize"})
		}
		steps = append(steps, Step{Kind: Call, Export: e.Invoke, Args: e.Args})
	}
	return steps, nil
}

// Instantiate makes a store with limits in which host is importable as
// wasi_snapshot_preview1 (a wasi.System's Funcs, or a recording wrapper
// of them) and instantiates m in it. The start function does not run:
// it is the first step of a Run.
func Instantiate(m *vm.Module, limits vm.Config, host map[string]vm.HostFunc) (*vm.Instance, error) {
	store := vm.NewStore(limits)
	store.DefineHost(wasi.ModuleName, host)
	return store.Instantiate(m)
}

// Kind says how a run ended.
type Kind uint8

// Kinds of endings.
const (
	// Returned: the last step returned. For a command (_start) that is
	// exit status 0; for a Call, Values holds its results.
	Returned Kind = iota + 1
	// Exited: the program called proc_exit(ExitCode).
	Exited
	// Ready: a reactor (or a module with neither _start nor
	// _initialize) was instantiated and initialized and nothing was
	// invoked; the instance is live.
	Ready
	// Trapped: a trap, or an uncaught exception, ended the run (Trap,
	// with its Wasm stack).
	Trapped
	// Stopped: Stop ended the run.
	Stopped
	// Refused: the store's memory budget could not hold the module (Err
	// is the *vm.BudgetError naming what was too big).
	Refused
	// Failed: the run could not go on (Err): a module of both kinds, no
	// such export, an import the world does not provide, bad arguments.
	Failed
)

// String names the kind as the page's API reports it.
func (k Kind) String() string {
	if k < Returned || k > Failed {
		return "none"
	}
	return [...]string{"returned", "exited", "ready", "trapped", "stopped", "refused", "failed"}[k-Returned]
}

// Result is how a run ended.
type Result struct {
	Kind Kind
	// Step is the step that ended the run: the one that returned, exited,
	// trapped or was stopped; the zero Step when none had begun.
	Step     Step
	ExitCode uint32     // Exited
	Values   []vm.Value // Returned from a Call
	Trap     *vm.Trap   // Trapped
	Err      error      // Refused, Failed
}

// Exit returns the program's exit status when the run ended as a process
// does: Exited, or a command's _start returning (status 0).
func (r *Result) Exit() (code uint32, ok bool) {
	switch {
	case r.Kind == Exited:
		return r.ExitCode, true
	case r.Kind == Returned && r.Step.Kind == Command:
		return 0, true
	}
	return 0, false
}

// Classify says how step's execution ended with err (not nil):
// proc_exit, a trap or an uncaught exception, the budget, or another
// error.
func Classify(step Step, err error) *Result {
	var exit *vm.ExitError
	var trap *vm.Trap
	var exn *vm.Exception
	var budget *vm.BudgetError
	switch {
	case errors.As(err, &exit):
		return &Result{Kind: Exited, Step: step, ExitCode: exit.Code}
	case errors.As(err, &exn):
		return &Result{Kind: Trapped, Step: step, Trap: exn.AsTrap()}
	case errors.As(err, &trap):
		return &Result{Kind: Trapped, Step: step, Trap: trap}
	case errors.As(err, &budget):
		return &Result{Kind: Refused, Step: step, Err: err}
	}
	return &Result{Kind: Failed, Step: step, Err: err}
}

// Config is what Start needs besides the module.
type Config struct {
	// Host is importable as wasi_snapshot_preview1: System.Funcs() when
	// nil, else this (a recording wrapper of them, say).
	Host map[string]vm.HostFunc
	// System is the program's WASI world; Stop interrupts it. It may be
	// nil when Host is given.
	System *wasi.System
	// Limits are the store's.
	Limits vm.Config
	// Entry says what to call.
	Entry Entry
	// Prepare, when set, sees each step's execution before it first runs
	// (to attach an observer, breakpoints, a debugger).
	Prepare func(Step, *vm.Execution)
}

// State says where Advance left a run.
type State uint8

// Run states after Advance.
const (
	// Paused: the current execution paused (its fuel ran out, a
	// breakpoint, a pause request) and goes on at the next Advance.
	Paused State = iota + 1
	// Next: a step returned and the next one is prepared; none of it has
	// run yet.
	Next
	// Ended: the run is over (Result).
	Ended
)

// Run is one run of a program: its instance, its steps, the execution of
// the current one and, at the end, its Result. Its methods belong to one
// goroutine, except Stop.
type Run struct {
	inst    *vm.Instance
	sys     *wasi.System
	prepare func(Step, *vm.Execution)
	steps   []Step
	cur     int // the index of the current step

	mu      sync.Mutex // guards ex, for Stop
	ex      *vm.Execution
	stopReq atomic.Bool
	res     *Result
}

// Start plans the run (Plan), instantiates m over the WASI world and
// prepares the first step; nothing executes until Advance. A run that
// could not start has ended already: Result says why (Failed, or Refused
// by the memory budget).
func Start(m *vm.Module, cfg Config) *Run {
	r := &Run{sys: cfg.System, prepare: cfg.Prepare, cur: -1}
	steps, err := Plan(m, cfg.Entry)
	if err != nil {
		r.end(&Result{Kind: Failed, Err: err})
		return r
	}
	host := cfg.Host
	if host == nil && cfg.System != nil {
		host = cfg.System.Funcs()
	}
	inst, err := Instantiate(m, cfg.Limits, host)
	if err != nil {
		r.end(Classify(Step{}, fmt.Errorf("instantiating: %w", err)))
		return r
	}
	r.inst, r.steps = inst, steps
	r.next()
	return r
}

// Resume returns a run over inst, an instance made (and initialized)
// already, that calls export with args.
func Resume(inst *vm.Instance, sys *wasi.System, prepare func(Step, *vm.Execution), export string, args ...vm.Value) *Run {
	r := &Run{inst: inst, sys: sys, prepare: prepare, cur: -1, steps: []Step{{Kind: Call, Export: export, Args: args}}}
	r.next()
	return r
}

// next makes the step after the current one current, or ends the run
// Ready when there is none (the steps ran were the start function and
// _initialize, or there were none).
func (r *Run) next() {
	r.cur++
	if r.cur >= len(r.steps) {
		r.cur = len(r.steps) - 1
		r.end(&Result{Kind: Ready, Step: r.Step()})
		return
	}
	st := r.steps[r.cur]
	ex, err := st.Begin(r.inst)
	if err != nil {
		r.end(&Result{Kind: Failed, Step: st, Err: err})
		return
	}
	if r.prepare != nil {
		r.prepare(st, ex)
	}
	r.mu.Lock()
	r.ex = ex
	r.mu.Unlock()
}

// end ends the run with res.
func (r *Run) end(res *Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ex = nil
	r.res = res
}

// Reopen makes the current step's execution ex again and the run go on
// with it, ended or not: a debugger moved it back to an earlier
// instruction (vm/debug's Debugger.Goto), so the next Advance continues
// it from there.
func (r *Run) Reopen(ex *vm.Execution) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ex, r.res = ex, nil
}

// Instance returns the run's instance, nil when instantiation failed.
func (r *Run) Instance() *vm.Instance { return r.inst }

// Execution returns the current step's execution, nil once the run
// ended.
func (r *Run) Execution() *vm.Execution {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ex
}

// Step returns the current step (the last one once the run ended; the
// zero Step when there was none).
func (r *Run) Step() Step {
	if r.cur < 0 || r.cur >= len(r.steps) {
		return Step{}
	}
	return r.steps[r.cur]
}

// StepIndex returns the index of the current step among the run's
// steps: 0 for the first.
func (r *Run) StepIndex() int { return r.cur }

// Result returns how the run ended, nil while it goes on.
func (r *Run) Result() *Result { return r.res }

// Advance advances the current execution with drive (ex.Run(fuel),
// ex.Step, a debugger's command), which reports vm.Paused, or vm.Done
// with the execution's error (nil when it returned), and moves the run
// on: Paused, Next (the step returned and the next is prepared) or
// Ended. A Stop before or during drive ends the run Stopped however the
// execution ended; a Go panic in drive (a host function's bug) ends it
// Failed rather than the process.
func (r *Run) Advance(drive func(*vm.Execution) (vm.Status, error)) (st State) {
	if r.res != nil {
		return Ended
	}
	step := r.Step()
	if r.stopReq.Load() {
		r.end(&Result{Kind: Stopped, Step: step})
		return Ended
	}
	defer func() {
		if p := recover(); p != nil {
			r.end(&Result{Kind: Failed, Step: step, Err: fmt.Errorf("internal error: %v", p)})
			st = Ended
		}
	}()
	status, err := drive(r.ex)
	if r.stopReq.Load() {
		r.end(&Result{Kind: Stopped, Step: step})
		return Ended
	}
	if err != nil {
		r.end(Classify(step, err))
		return Ended
	}
	if status == vm.Paused {
		return Paused
	}
	if r.cur+1 < len(r.steps) {
		r.next()
		if r.res != nil {
			return Ended
		}
		return Next
	}
	res := &Result{Kind: Returned, Step: step}
	switch step.Kind {
	case StartFunc, Initialize:
		res.Kind = Ready
	case Call:
		res.Values = r.ex.Results()
	}
	r.end(res)
	return Ended
}

// Slice runs the current execution for at most fuel instructions (fuel <
// 0: no limit); see Advance.
func (r *Run) Slice(fuel int64) State {
	return r.Advance(func(ex *vm.Execution) (vm.Status, error) { return ex.Run(fuel) })
}

// Finish runs every step to the end, in one slice each, and returns the
// Result.
func (r *Run) Finish() *Result {
	for r.Slice(-1) != Ended {
	}
	return r.res
}

// Stop ends the run: the execution running pauses within the engine's
// stop latency, and a host call waiting (a sleep, a read of stdin)
// returns at once, the WASI system being interrupted; Advance then
// reports the run Stopped. Safe from any goroutine.
func (r *Run) Stop() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.res != nil {
		return
	}
	r.stopReq.Store(true)
	if r.ex != nil {
		r.ex.Stop()
	}
	if r.sys != nil {
		r.sys.Interrupt()
	}
}
