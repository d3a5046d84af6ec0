package playground

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hack-pad/hackpadfs"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// Options configures a Session; zero fields take the defaults.
type Options struct {
	// OutputLimit is how many bytes of console output are kept (64 KiB:
	// about as much as a page can lay out again several times a second).
	OutputLimit int
	// TraceLimit is how many records the trace's log keeps (by default
	// 64 MiB of vm.RecordSize-byte records, allocated at the first traced
	// run): one or two per instruction (two where it consumes two
	// values), and more for calls, returns and memory writes.
	TraceLimit int
	// Limits are the engine's (call depth, value stack, memory, tables).
	Limits vm.Config
	// HighlightLimit is the largest memory, in bytes, whose writes are
	// highlighted (64 MiB); larger memories are not copied for it.
	HighlightLimit int
}

// RunConfig is the world a run sees.
type RunConfig struct {
	// Args follow the program name, which is the loaded file's name.
	Args []string
	// Env holds KEY=value entries.
	Env []string
	// Stdin is given up front; more may be written to Session.Stdin while
	// the program runs. StdinEOF ends the input after it.
	Stdin    []byte
	StdinEOF bool
	// Files are placed into the in-memory filesystem before the run.
	Files []File
	// Trace records every instruction in the trace ring. It makes the run
	// slower (the engine reports each instruction).
	Trace bool
	// Breakpoints are what Session.Break takes: functions to pause in on
	// entry ("$fib", "fib", "func[3]", "3"), module offsets ("0x1a2"),
	// instruction counts ("@1000"). Breakpoints set otherwise stay.
	Breakpoints []string
	// PauseOnTrap keeps a trapping run paused at the trapping instruction,
	// its frames inspectable, until it is continued, stepped or killed.
	PauseOnTrap bool
}

// File is a file placed before or found after a run.
type File struct {
	Path string // guest path, "/shout.txt"
	Data []byte
}

// State is where a session is.
type State uint8

// Session states.
const (
	// Empty: nothing is loaded.
	Empty State = iota
	// Idle: a program is loaded and no execution is in progress (before
	// the first run, or after a run or call ended).
	Idle
	// Running: an execution is in progress; RunSlice advances it.
	Running
	// Paused: an execution is paused by a step, a breakpoint or Pause;
	// its frames, locals and stack can be inspected.
	Paused
)

func (s State) String() string {
	return [...]string{"empty", "idle", "running", "paused"}[s]
}

// Result is how the last run or call ended: the runner's typed result
// (Kind, the step, the exit code, values, trap or error) and what the
// session was asked to do.
type Result struct {
	runner.Result
	// What names what ended, for people: the step ("_start",
	// "add(1, 2)"), else what was asked (the export to call, the program
	// to run) when no step began.
	What string
	// Call is set when the action was a call of an export (Call), not a
	// run of the program (Start).
	Call bool
	// Refused is the last growth of a memory or table that the store's
	// memory budget refused during the run (the program saw memory.grow
	// or table.grow return -1), nil when none was.
	Refused *vm.BudgetError
}

// Session is one program in the playground and its runs: load, configure,
// run in slices, pause, step, stop, call exports, and look at output,
// trace, memory and files.
//
// The control methods (Load, Start, Call, RunSlice, Step, StepOver and the
// views) belong to one goroutine. Pause and Stop, the Stdin, the Output
// and the Trace are safe from any goroutine, so a page can stop a run that
// its runner goroutine is in the middle of.
type Session struct {
	opts Options
	prog *Program
	cfg  RunConfig

	// Out is the console of the current or last run.
	Out *Output
	// Trace holds the traced events of the current or last run.
	Trace *Trace
	// Stdin is the current run's standard input.
	Stdin *Stdin

	inst *vm.Instance
	sys  *wasi.System

	mu  sync.Mutex // guards cur, curSys and dbg, for Pause and Stop from other goroutines
	cur *vm.Execution
	// curSys is the WASI system cur runs over, which Stop interrupts.
	curSys  *wasi.System
	queue   []job // what remains to run, cur's job first
	state   State
	stopReq atomic.Bool
	// dbg drives the executions of the loaded program (vm/debug): its
	// breakpoints outlive a run. It records into the trace's log.
	dbg *debug.Debugger
	// cfgBps are the breakpoints RunConfig.Breakpoints set.
	cfgBps []int
	// info is the loaded program's DWARF (nil without), infoErr why it
	// could not be read.
	info    *debuginfo.Info
	infoErr error
	// rec records the run's host calls, so the debugger can go back in
	// the current step (snapshots, replay).
	rec *debug.Recorder
	// stepping names the step under way (for the pause reason once it
	// ends); stepFrom is the instruction count it began at.
	stepping string
	stepFrom uint64
	// trapped is the result of a trap the run is paused at (PauseOnTrap).
	trapped *Result
	// watchHit is the write a watchpoint stopped at.
	watchHit *debug.Write
	// maxExecuted is the furthest instruction count the current step
	// reached: the end of the scrubber.
	maxExecuted uint64
	// lastJob is the step attached last, which going back from the end
	// of a run goes back in.
	lastJob *job

	result *Result
	// calling is set while the action is a Call.
	calling bool
	// before holds each memory's bytes when the last action began; written
	// what changed by its end.
	before  [][]byte
	written []Ranges
	// paused says why the execution last paused.
	paused string
	// sliced is set while a run goes on over several slices, whose memory
	// copy was taken at the first.
	sliced bool
	// logWrites is set when the current action is traced: what it wrote
	// comes from the trace's memory-write records, not from a copy.
	logWrites bool
	// preview is an instance of the loaded program that never runs, for
	// showing memory before the first run; noPreview records that one
	// could not be made (an import WASI does not provide).
	preview   *vm.Instance
	noPreview bool
	// stale is set when a run was stopped midway: its instance is shown
	// but not called into.
	stale bool
}

// job is one execution to run: a step of the WASI sequence
// (runner.Plan) on the session's instance.
type job struct {
	what string
	step runner.Step
}

// jobsOf turns steps into jobs.
func jobsOf(steps []runner.Step) []job {
	jobs := make([]job, len(steps))
	for i, st := range steps {
		jobs[i] = job{what: st.String(), step: st}
	}
	return jobs
}

// New returns an empty session.
func New(opts Options) *Session {
	if opts.OutputLimit <= 0 {
		opts.OutputLimit = 64 << 10
	}
	if opts.TraceLimit <= 0 {
		opts.TraceLimit = (64 << 20) / vm.RecordSize
	}
	if opts.HighlightLimit <= 0 {
		opts.HighlightLimit = 64 << 20
	}
	return &Session{
		opts:  opts,
		Out:   NewOutput(opts.OutputLimit),
		Trace: NewTrace(opts.TraceLimit, nil),
		Stdin: NewStdin(),
	}
}

// Load replaces the session's program with the one in data (binary or
// text, detected). On error the session keeps its previous program.
func (s *Session) Load(name string, data []byte) error {
	p, err := Load(name, data)
	if err != nil {
		return err
	}
	s.Stop()
	s.prog = p
	s.mu.Lock()
	s.dbg = debug.New(p.Module)
	s.mu.Unlock()
	s.cfgBps = nil
	s.loadDebugInfo()
	s.preview, s.noPreview = nil, false
	s.reset()
	s.state = Idle
	return nil
}

// Program returns the loaded program, nil when none is.
func (s *Session) Program() *Program { return s.prog }

// State returns where the session is.
func (s *Session) State() State { return s.state }

// Result returns how the last run or call ended, nil while none has.
func (s *Session) Result() *Result { return s.result }

// Configure sets the world of the next run.
func (s *Session) Configure(cfg RunConfig) { s.cfg = cfg }

// reset drops the instance and the state of any run.
func (s *Session) reset() {
	s.mu.Lock()
	s.cur, s.curSys = nil, nil
	s.mu.Unlock()
	s.queue = nil
	s.inst, s.sys = nil, nil
	s.calling = false
	s.result = nil
	s.before, s.written = nil, nil
	s.paused = ""
	s.stepping, s.trapped, s.watchHit, s.maxExecuted, s.rec, s.lastJob = "", nil, nil, 0, nil, nil
	s.sliced = false
	s.stale = false
	s.Out = NewOutput(s.opts.OutputLimit)
	var m *syntax.Module
	if s.prog != nil {
		m = s.prog.Module.Syntax()
	}
	s.Trace.Reset(m)
	if s.info != nil {
		s.Trace.SetSource(s.info.Where)
	}
	if s.dbg != nil {
		s.dbg.UseLog(s.Trace.Log()) // the log was cleared
	}
	s.Stdin = NewStdin()
}

// Start begins a fresh run of the program, as package runner sequences
// it: a new instance over a new filesystem holding the configured files,
// its start function, then a command's _start or a reactor's
// _initialize. Nothing executes until RunSlice or Step. A reactor ends
// Ready, its exports left to call.
func (s *Session) Start() error {
	if s.prog == nil {
		return errors.New("no program is loaded")
	}
	s.Stop()
	s.reset()
	s.stopReq.Store(false)
	s.dbg.CancelPause() // a Stop of the last run that the debugger did not see
	if err := s.configBreakpoints(); err != nil {
		s.state = Idle
		return err
	}
	if err := s.instantiate(runner.Entry{}); err != nil {
		s.state = Idle
		s.finish(failed(s.prog.Name, false, err))
		return err
	}
	if len(s.queue) == 0 {
		// Nothing to run: a reactor without a start function.
		s.finish(&Result{Result: runner.Result{Kind: runner.Ready}, What: s.prog.Name})
		return nil
	}
	s.state = Running
	return s.next()
}

// failed is the result of an action that could not begin (nothing ran).
func failed(what string, call bool, err error) *Result {
	res := &Result{Result: *runner.Classify(runner.Step{}, err), What: what, Call: call}
	if res.Kind != runner.Refused {
		res.Kind = runner.Failed
	}
	return res
}

// instantiate creates the store, the WASI system and the instance, and
// queues the steps runner.Plan gives for entry.
func (s *Session) instantiate(entry runner.Entry) error {
	steps, err := runner.Plan(s.prog.Module, entry)
	if err != nil {
		return fmt.Errorf("%s: %w", s.prog.Name, err)
	}
	fs := wasi.NewMemFS()
	for _, f := range s.cfg.Files {
		if err := writeFile(fs, f); err != nil {
			return err
		}
	}
	if len(s.cfg.Stdin) > 0 {
		s.Stdin.Write(s.cfg.Stdin)
	}
	if s.cfg.StdinEOF {
		s.Stdin.Close()
	}
	sys, err := wasi.New(wasi.Config{
		Args:   append([]string{s.prog.Name}, s.cfg.Args...),
		Env:    s.cfg.Env,
		Stdin:  s.Stdin,
		Stdout: s.Out.Writer(Stdout),
		Stderr: s.Out.Writer(Stderr),
		// The console is a terminal: C programs line-buffer their output,
		// so it appears line by line as it would in a terminal window.
		Stdio:    [3]wasi.StdioKind{wasi.StdioTerminal, wasi.StdioTerminal, wasi.StdioTerminal},
		Preopens: []wasi.Preopen{{GuestPath: "/", FS: fs}},
	})
	if err != nil {
		return err
	}
	// Host calls are recorded for going back (vm/debug: what WASI
	// reports writing is kept, nothing is copied per call).
	s.rec = &debug.Recorder{}
	host := s.rec.WrapReported(wasi.ModuleName, sys.Funcs())
	// A Pause while the program waits for stdin cuts the read short: the
	// execution pauses before the call and makes it again when resumed.
	s.dbg.SetHostPause(sys.PauseWaits)
	inst, err := runner.Instantiate(s.prog.Module, s.opts.Limits, host)
	if err != nil {
		return fmt.Errorf("%s: instantiating: %w", s.prog.Name, err)
	}
	s.inst, s.sys = inst, sys
	s.queue = jobsOf(steps)
	return nil
}

func writeFile(fs hackpadfs.FS, f File) error {
	p := strings.TrimPrefix(path.Clean("/"+f.Path), "/")
	if p == "" || p == "." {
		return fmt.Errorf("file %q: not a file name", f.Path)
	}
	if dir := path.Dir(p); dir != "." {
		if err := hackpadfs.MkdirAll(fs, dir, 0o755); err != nil {
			return fmt.Errorf("file %q: %w", f.Path, err)
		}
	}
	if err := hackpadfs.WriteFullFile(fs, p, f.Data, 0o644); err != nil {
		return fmt.Errorf("file %q: %w", f.Path, err)
	}
	return nil
}

// Call prepares a call of an exported function with arguments written as
// text ("1 2", typed by the function's parameters). It uses the instance
// of the last run when there is one, else instantiates the program first
// (its start function and a reactor's _initialize run first, not
// _start). Nothing executes until RunSlice or Step.
func (s *Session) Call(export string, args string) error {
	if s.prog == nil {
		return errors.New("no program is loaded")
	}
	if s.state == Running || s.state == Paused {
		return errors.New("a run is in progress: stop it first")
	}
	var params []syntax.ValType
	found := false
	for _, e := range s.prog.Info.Exports {
		if e.Name == export && e.Kind == "func" {
			params, found = e.Params, true
		}
	}
	if !found {
		return fmt.Errorf("%s exports no function %q", s.prog.Name, export)
	}
	vals, err := ParseArgs(params, args)
	if err != nil {
		return fmt.Errorf("%s: %w", export, err)
	}
	s.stopReq.Store(false)
	s.dbg.CancelPause()
	if err := s.configBreakpoints(); err != nil {
		return err
	}
	if s.inst == nil || s.stale {
		out := s.Out
		s.reset()
		s.Out = out // calls keep the console, a run clears it
		if err := s.instantiate(runner.Entry{Invoke: export, Args: vals}); err != nil {
			s.finish(failed(export, true, err))
			return err
		}
	} else {
		s.queue = jobsOf([]runner.Step{{Kind: runner.Call, Export: export, Args: vals}})
	}
	s.calling = true
	s.state = Running
	s.result = nil
	return s.next()
}

// next makes the first queued job the current execution, attached to the
// debugger.
func (s *Session) next() error {
	j := s.queue[0]
	ex, err := j.step.Begin(s.inst)
	if err != nil {
		s.finish(s.ended(j, &runner.Result{Kind: runner.Failed, Step: j.step, Err: err}))
		return err
	}
	// A traced run logs every instruction (the trace is the log); an
	// untraced one runs the fast code, and the debugger logs only where
	// it needs to (a watchpoint, going back).
	s.dbg.SetLogging(s.cfg.Trace)
	s.dbg.Attach(ex)
	if s.rec != nil {
		s.dbg.Record(s.rec)
	}
	s.maxExecuted = 0
	s.lastJob = &j
	s.mu.Lock()
	s.cur, s.curSys = ex, s.sys
	s.mu.Unlock()
	return nil
}

// Continue resumes a paused execution: the state becomes Running and
// RunSlice goes on from where it paused. A run paused at a trap ends.
func (s *Session) Continue() {
	if s.trapped != nil {
		s.finish(s.trapped)
		return
	}
	if s.state == Paused {
		s.state, s.paused, s.stepping = Running, "", ""
	}
}

// Pause asks the running execution to pause; RunSlice then returns
// Paused. A program waiting for stdin pauses before its read, which it
// makes again when resumed (vm/debug's SetHostPause). Safe from any
// goroutine.
func (s *Session) Pause() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.dbg != nil {
		s.dbg.Pause()
	}
}

// Stop ends the current run: a running slice returns within the engine's
// stop latency, and a host call waiting (a sleep in poll_oneoff, a read
// of stdin) returns at once, the WASI system being interrupted as Ctrl-C
// interrupts the command line's. Safe from any goroutine; the session
// reports the run as stopped at its next RunSlice or Step.
func (s *Session) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return
	}
	s.stopReq.Store(true)
	s.cur.Stop()
	if s.dbg != nil {
		s.dbg.Pause() // the debugger returns between two runs of the engine
	}
	if s.curSys != nil {
		s.curSys.Interrupt()
	}
	// The reader blocked in the page's stdin is released too.
	s.Stdin.Abort()
}

// Kill ends the current run at once, from the session's own goroutine
// when no slice is in progress (a paused or not yet started run).
func (s *Session) Kill() {
	if s.state != Running && s.state != Paused {
		return
	}
	if s.trapped != nil {
		s.finish(s.trapped)
		return
	}
	s.finish(s.ended(s.queue[0], &runner.Result{Kind: runner.Stopped, Step: s.queue[0].step}))
}

// RunSlice runs the current execution for at most fuel instructions
// (fuel < 0: no limit) and returns the session's state afterwards:
// Running when the fuel ran out, Paused at a breakpoint, a finished step
// or a Pause request, Idle when the run ended (see Result). A step over or
// out under way when the fuel ran out goes on.
func (s *Session) RunSlice(fuel int64) State {
	return s.advance("", fuel, func(d *debug.Debugger) debug.Stop { return d.Continue() })
}

// Step executes one instruction of the current execution.
func (s *Session) Step() State {
	return s.advance("step", 1, func(d *debug.Debugger) debug.Stop { return d.StepInto() })
}

// stepBudget is how many instructions a step over, a step out or a run
// to an offset runs before it returns Running (RunSlice carries it on).
const stepBudget = 100_000

// StepOver executes one instruction; when it is a call, the called
// function runs to its return (in slices: keep calling RunSlice while the
// state is Running), stopping early at a breakpoint.
func (s *Session) StepOver() State {
	return s.advance("stepped over the call", stepBudget, func(d *debug.Debugger) debug.Stop { return d.StepOver() })
}

// StepOut runs until the current function returns to its caller (in
// slices, as StepOver), stopping early at a breakpoint or watchpoint.
func (s *Session) StepOut() State {
	return s.advance("stepped out", stepBudget, func(d *debug.Debugger) debug.Stop { return d.StepOut() })
}

// RunTo runs until the instruction at module offset off (or the next the
// engine executes after it), a breakpoint or a watchpoint, in slices.
func (s *Session) RunTo(off uint32) (State, error) {
	if s.dbg == nil || s.cur == nil || s.state != Paused {
		return s.state, errors.New("run to: the run is not paused")
	}
	fn, ok := s.dbg.FuncAt(off)
	if !ok {
		return s.state, fmt.Errorf("offset 0x%x is in no function's code", off)
	}
	if _, err := s.dbg.Snap(fn, off); err != nil {
		return s.state, err
	}
	return s.advance("ran to the offset", stepBudget, func(d *debug.Debugger) debug.Stop {
		st, _ := d.RunTo(fn, off)
		return st
	}), nil
}

// advance runs one operation of the debugger on the current execution
// (budget instructions at most, < 0: no limit) and moves the session on
// according to how it stopped; step names the operation for the pause
// reason ("" for a continue).
func (s *Session) advance(step string, budget int64, op func(*debug.Debugger) debug.Stop) (st State) {
	if s.state != Running && s.state != Paused {
		return s.state
	}
	if s.trapped != nil {
		// Paused at a trap: the run cannot go on, so any resuming ends it.
		s.finish(s.trapped)
		return s.state
	}
	defer func() {
		// The engine reports its own failures as traps; this catches the
		// rest (a host function's bug) so the page survives it.
		if r := recover(); r != nil {
			j := s.queue[0]
			s.finish(s.ended(j, &runner.Result{Kind: runner.Failed, Step: j.step, Err: fmt.Errorf("internal error: %v", r)}))
			st = s.state
		}
	}()
	if s.stopReq.Load() {
		s.finish(s.ended(s.queue[0], &runner.Result{Kind: runner.Stopped, Step: s.queue[0].step}))
		return s.state
	}
	// The highlights show what an action (a run until it pauses or ends,
	// a step) wrote, so memory is copied when one begins and compared when
	// it ends, not at every slice.
	if step != "" || !s.sliced {
		s.snapshotMemory()
	}
	if step != "" {
		s.stepping, s.stepFrom = step, s.dbg.Executed()
	}
	s.state, s.paused, s.watchHit = Running, "", nil
	s.dbg.SetBudget(uint64(max(budget, 0)))
	stop := op(s.dbg)
	s.maxExecuted = max(s.maxExecuted, s.dbg.Executed())
	if s.logWrites {
		s.Trace.Sync() // before the ring wraps over what the slice recorded
	}
	s.sliced = true
	defer func() {
		if st != Running {
			s.diffMemory()
			s.sliced = false
		}
	}()
	if s.stopReq.Load() {
		s.finish(s.ended(s.queue[0], &runner.Result{Kind: runner.Stopped, Step: s.queue[0].step}))
		return s.state
	}
	j := s.queue[0]
	switch stop.Reason {
	case debug.Sliced:
		return s.state
	case debug.Stepped:
		s.pause(s.stepReason())
	case debug.AtBreak:
		if stop.Breakpoint == nil {
			s.pause(s.stepReason()) // a step's end, or the offset run to
		} else {
			s.pause("breakpoint")
		}
	case debug.AtCount:
		s.pause("instruction count")
	case debug.AtWatch:
		w := stop.Write
		s.watchHit = &w
		s.pause("watchpoint")
	case debug.Interrupted:
		s.pause("paused")
	case debug.Returned:
		if len(s.queue) > 1 {
			s.queue = s.queue[1:]
			if err := s.next(); err != nil {
				return s.state
			}
			if s.stepping != "" {
				s.pause("step")
			}
			return s.state
		}
		res := &runner.Result{Kind: runner.Returned, Step: j.step}
		switch j.step.Kind {
		case runner.StartFunc, runner.Initialize:
			// A reactor, initialized: its exports are there to call.
			res.Kind = runner.Ready
		case runner.Call:
			res.Values = s.cur.Results()
		}
		s.finish(s.ended(j, res))
	default: // Exited, Trapped
		res := s.ended(j, runner.Classify(j.step, stop.Err))
		if res.Kind == runner.Trapped && s.cfg.PauseOnTrap && len(s.dbg.Frames()) > 0 {
			s.report(res)
			s.trapped, s.result = res, res
			s.pause("trap")
			return s.state
		}
		s.finish(res)
	}
	return s.state
}

// stepReason is the pause reason of the step that just ended: a step over
// that ran one instruction was a plain step.
func (s *Session) stepReason() string {
	r := s.stepping
	if r == "" || r == "stepped over the call" && s.dbg.Executed()-s.stepFrom <= 1 {
		r = "step"
	}
	return r
}

func (s *Session) pause(reason string) {
	s.state, s.paused, s.stepping = Paused, reason, ""
}

// ended is the session's Result for how job j ended.
func (s *Session) ended(j job, res *runner.Result) *Result {
	return &Result{Result: *res, What: j.what, Call: s.calling}
}

// finish ends the current run with res and says so in the console (a
// trap the run was paused at was said already).
func (s *Session) finish(res *Result) {
	s.mu.Lock()
	s.cur, s.curSys = nil, nil
	s.mu.Unlock()
	s.queue = nil
	s.state = Idle
	s.paused, s.stepping, s.watchHit = "", "", nil
	s.result = res
	if res == s.trapped {
		s.trapped = nil
		return
	}
	s.report(res)
}

// report says in the console how a run ended.
func (s *Session) report(res *Result) {
	if s.inst != nil && res.Refused == nil {
		res.Refused = s.inst.Store().Budget().TakeRefused()
	}
	if s.prog == nil {
		return
	}
	if res.Refused != nil {
		s.Out.Systemf("%v", res.Refused)
	}
	if code, ok := res.Exit(); ok {
		s.Out.Systemf("exit status %d", code)
		return
	}
	switch res.Kind {
	case runner.Returned:
		s.Out.Systemf("%s → %s", res.What, vm.FormatValues(res.Values))
	case runner.Ready:
		s.Out.Systemf("initialized; nothing to run (no _start export): call an export")
	case runner.Trapped:
		s.Out.Systemf("trap: %s", res.Trap.Trace())
		s.Trace.Note("trap: " + res.Trap.Msg)
	case runner.Stopped:
		s.Out.Systemf("stopped")
		// The instance's state is mid-run: the views show it, but a call
		// must not continue from it.
		s.stale = true
	default:
		s.Out.Systemf("error: %v", res.Err)
	}
}

// PauseReason says why the execution is paused: "step", "breakpoint",
// "paused", "stepped over the call"; "" when it is not.
func (s *Session) PauseReason() string { return s.paused }

// snapshotMemory keeps each memory's bytes before an action, so its end
// can show what it wrote.
func (s *Session) snapshotMemory() {
	if s.inst == nil {
		return
	}
	s.logWrites = s.cur != nil && s.cur.Log() != nil
	if s.logWrites {
		s.Trace.Mark()
		return
	}
	n := len(s.inst.Runtime().Mems)
	if len(s.before) != n {
		s.before = make([][]byte, n)
	}
	for i := range n {
		mem := s.inst.Memory(i)
		if len(mem) > s.opts.HighlightLimit {
			s.before[i] = nil
			continue
		}
		s.before[i] = append(s.before[i][:0], mem...)
	}
}

func (s *Session) diffMemory() {
	if s.inst == nil {
		return
	}
	if s.logWrites {
		s.written = make([]Ranges, len(s.inst.Runtime().Mems))
		for i := range s.written {
			s.written[i], _ = s.Trace.Written(i)
		}
		return
	}
	s.written = make([]Ranges, len(s.before))
	for i, b := range s.before {
		if b != nil {
			s.written[i] = Diff(b, s.inst.Memory(i))
		}
	}
}

// Memories returns the number of memories of the current instance, or
// of the loaded program before its first run.
func (s *Session) Memories() int {
	inst := s.memInstance()
	if inst == nil {
		return 0
	}
	return len(inst.Runtime().Mems)
}

// Memory returns the bytes of memory i of the current instance (nil when
// there is none). Before the first run it is a preview: a fresh instance
// whose data segments are in place and no instruction ran. Read it only
// while no slice runs.
func (s *Session) Memory(i int) []byte {
	inst := s.memInstance()
	if inst == nil {
		return nil
	}
	return inst.Memory(i)
}

// memInstance is the instance whose memory the views show: the current
// one, else a preview instance of the loaded program, made on first use.
func (s *Session) memInstance() *vm.Instance {
	if s.inst != nil || s.prog == nil {
		return s.inst
	}
	if s.preview == nil && !s.noPreview {
		// Linking needs the imports; a WASI system with nothing in it
		// provides them, and no code runs, so none is called.
		sys, err := wasi.New(wasi.Config{Args: []string{s.prog.Name}})
		if err == nil {
			s.preview, err = runner.Instantiate(s.prog.Module, s.opts.Limits, sys.Funcs())
		}
		s.noPreview = err != nil
	}
	return s.preview
}

// Written returns the spans of memory i the last slice or step wrote.
func (s *Session) Written(i int) Ranges {
	if i < 0 || i >= len(s.written) {
		return nil
	}
	return s.written[i]
}

// Files lists the files of the run's filesystem with their contents.
func (s *Session) Files() []FileInfo {
	if s.sys == nil {
		return nil
	}
	var out []FileInfo
	for _, p := range s.sys.Files() {
		info, err := hackpadfs.Stat(s.sys.FS(), strings.TrimPrefix(p, "/"))
		if err != nil {
			continue
		}
		out = append(out, FileInfo{Path: p, Size: info.Size()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// FileInfo names a file of the run's filesystem.
type FileInfo struct {
	Path string
	Size int64
}

// ReadFile returns the contents of a file of the run's filesystem.
func (s *Session) ReadFile(p string) ([]byte, error) {
	if s.sys == nil {
		return nil, errors.New("no run has a filesystem yet")
	}
	b, err := hackpadfs.ReadFile(s.sys.FS(), strings.TrimPrefix(path.Clean("/"+p), "/"))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", p, err)
	}
	return b, nil
}
