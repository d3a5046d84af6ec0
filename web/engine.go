//go:build js && wasm

package main

// This file is the UI's sessions as the engine's worker runs them: the
// "pg.*" operations of the worker's API (engine.js documents the
// envelope) and the updates each pushes to the page ("pg:ID" events, ID
// the session's). "pg.open" makes a session (one per mounted UI: the
// playground page, each <wasm-scope> element) and answers its ID; every
// other "pg.*" operation takes the ID first; "pg.close" ends it. Answers
// and updates are JSON text of the types below, which the page's side
// (remote.go) decodes into the same types: both sides are this program.
//
// RATIONALE: the page renders from a mirror of the session (state, the
// console's new text, counts, the paused state) that the worker pushes at
// most every pushMillis while a run goes on and at every change of state;
// the bulky views (memory rows, trace rows, files) are asked for when a
// pane shows them, for just what is in view. So the page's thread does
// rendering only, and a flood of output costs the page one small message
// per push, not work per line.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/wasmscope/wasmscope/playground"
	"github.com/wasmscope/wasmscope/vm"
)

// pushMillis is how often a running session tells the page what changed.
const pushMillis = 50

// pushRunning is the most console text one update carries while the
// program runs: the page shows the tail scrolling by, and what is
// skipped is counted. Once the run pauses or ends, the page is sent the
// whole tail it keeps (consoleLimit) again, so nothing it could show is
// missing.
const pushRunning = 8 << 10

// pgUpdate is what the page mirrors of the session.
type pgUpdate struct {
	State   playground.State   `json:"state"`
	Run     int                `json:"run"` // counts runs and loads: a new one clears the console
	Output  []playground.Chunk `json:"output,omitempty"`
	Skipped int64              `json:"skipped,omitempty"` // console bytes not sent (cut)
	// Reset says Output (after Skipped bytes) replaces the console's text
	// instead of continuing it.
	Reset    bool                    `json:"reset,omitempty"`
	Waiting  bool                    `json:"waiting"`
	TraceLen int                     `json:"traceLen"`
	Traced   uint64                  `json:"traced"`
	Files    int                     `json:"files"`
	Memories int                     `json:"memories"`
	Result   *resultView             `json:"result,omitempty"`
	Paused   *pausedView             `json:"paused,omitempty"`
	Globals  []playground.NamedValue `json:"globals,omitempty"`
	// Breakpoints are the breakpoints and watchpoints set.
	Breakpoints []playground.BreakpointView `json:"breakpoints,omitempty"`
	// CanGoBack: the run ended and was recorded, so it can step back
	// from its end.
	CanGoBack bool `json:"canGoBack,omitempty"`
}

// resultView is playground.Result as the page shows it.
type resultView struct {
	Seq      int      `json:"seq"`
	What     string   `json:"what"`
	Call     bool     `json:"call"` // a call of an export, not a run
	Outcome  string   `json:"outcome"`
	ExitCode uint32   `json:"exitCode"`
	Trap     string   `json:"trap,omitempty"`
	Error    string   `json:"error,omitempty"`
	Values   []string `json:"values,omitempty"`
	// Refused says what growth of memory the store's budget refused.
	Refused string `json:"refused,omitempty"`
}

// pausedView is the paused state with the current function's text.
type pausedView struct {
	playground.PausedView
	Source playground.FuncSource `json:"source"`
}

// programView is a loaded program as the page shows it.
type programView struct {
	Name    string                 `json:"name"`
	Format  playground.Format      `json:"format"`
	Size    int                    `json:"size"`
	Text    string                 `json:"text"` // the WAT, or the binary module printed
	Summary string                 `json:"summary"`
	Info    *playground.ModuleInfo `json:"info"`
	// Debug is what its DWARF holds (or why it could not be read).
	Debug  playground.DebugInfoView `json:"debug"`
	Labels []string                 `json:"labels"` // by function index
}

// memoryView is what the Memory pane shows: rows from an address, the
// selected address's values.
type memoryView struct {
	Memories     int                 `json:"memories"`
	Size         int                 `json:"size"`
	Rows         []playground.HexRow `json:"rows"`
	Inspect      []playground.Field  `json:"inspect"`
	WrittenBytes uint64              `json:"writtenBytes"`
	FirstWritten int64               `json:"firstWritten"` // -1: nothing written
}

// traceView is the rows of the Trace pane in view.
type traceRows struct {
	From  int        `json:"from"`  // the first row's index
	Count int        `json:"count"` // rows under the filter
	Kept  int        `json:"kept"`
	Total uint64     `json:"total"`
	Rows  []traceRow `json:"rows"`
}

type traceRow struct {
	Line  string `json:"line"`
	Class string `json:"class,omitempty"` // "trap", "host"
	Seq   uint64 `json:"seq"`             // the instruction count
}

// pgRunArgs is the run configuration the page sends with run, step and
// call.
type pgRunArgs struct {
	Config playground.RunConfig `json:"config"`
	Export string               `json:"export,omitempty"` // call
	Args   string               `json:"args,omitempty"`   // call
	// Persist keeps the filesystem across reloads: the files kept in
	// IndexedDB are placed before the run and saved when it ends
	// (persist.go).
	Persist bool  `json:"persist,omitempty"`
	Offset  int64 `json:"offset,omitempty"` // runTo
}

// pgEngine owns one UI's session in the worker.
type pgEngine struct {
	id    int
	table map[string]func([]js.Value) any // its operations, by name
	sess  *playground.Session
	// persist is set when the current run keeps its files (pgRunArgs).
	persist bool
	cmds    chan pgCmd
	yield   *yielder

	mu       sync.Mutex // push state
	run      int
	sentRun  int
	sentPos  int64
	sentAll  bool // the page has been sent every kept byte of this run
	lastPush float64
	resSeq   int
	lastRes  *playground.Result

	// driving is set while the controller runs slices; stopped is closed
	// when it stops.
	driving bool
	idle    chan struct{}
}

type pgCmd struct {
	op    string
	name  string
	data  []byte
	run   pgRunArgs
	dbg   pgDebugReq
	reply func(any)
}

// browserLimits are the engine's limits in a browser tab: the memories,
// tables and compiled code of a session's store hold at most 512 MiB, so
// memory.grow past it returns -1 and a module that asks for more is
// refused with the reason, instead of the tab running out of memory.
//
// RATIONALE: 1 GiB (the engine's own default under GOOS=js) was measured
// to be too much in the worker: a memory grown a page at a time towards
// 1 GiB ran its Go heap (at most 4 GiB, wasm32) out of memory, the old
// and the new copy of the memory and the collector's headroom together.
var browserLimits = vm.Config{MemoryBudget: 512 << 20}

// workerMemoryLimit is the Go heap's soft limit in the worker: a wasm32
// heap cannot pass 4 GiB, and a 1 GiB memory growing by append holds its
// old and new copies for a moment.
const workerMemoryLimit = 3 << 30

// pgSessions are the worker's UI sessions by ID.
type pgSessions struct {
	next int
	m    map[int]*pgEngine
}

// newPGSessions returns the operations of the UI sessions: "pg.open",
// "pg.close" and each of pgEngine's operations with the session's ID as
// its first argument.
func newPGSessions() map[string]func([]js.Value) any {
	r := &pgSessions{m: make(map[int]*pgEngine)}
	ops := map[string]func([]js.Value) any{
		"pg.open": func([]js.Value) any {
			r.next++
			r.m[r.next] = newPGEngine(r.next)
			return r.next
		},
		"pg.close": func(args []js.Value) any {
			e, err := r.session(args)
			if err != nil {
				return errorJS(err)
			}
			delete(r.m, e.id)
			e.sess.Stop()
			e.cmds <- pgCmd{op: "close", reply: func(any) {}}
			return nil
		},
	}
	for name := range (&pgEngine{}).ops() {
		ops[name] = func(args []js.Value) any {
			e, err := r.session(args)
			if err != nil {
				return errorJS(err)
			}
			return e.table[name](args[1:])
		}
	}
	return ops
}

// session looks the session up by the ID in args[0].
func (r *pgSessions) session(args []js.Value) (*pgEngine, error) {
	id := arg(args, 0)
	if id.Type() != js.TypeNumber {
		return nil, errors.New("pg: the first argument must be a session ID")
	}
	e, ok := r.m[id.Int()]
	if !ok {
		return nil, fmt.Errorf("pg: no session %d (closed, or its worker was restarted)", id.Int())
	}
	return e, nil
}

func newPGEngine(id int) *pgEngine {
	e := &pgEngine{
		id:    id,
		sess:  playground.New(playground.Options{Limits: browserLimits}),
		cmds:  make(chan pgCmd, 16),
		yield: newYielder(),
		idle:  make(chan struct{}),
	}
	close(e.idle)
	e.table = e.ops()
	go e.control()
	return e
}

// ops returns the engine's operations for the worker's API object.
func (e *pgEngine) ops() map[string]func([]js.Value) any {
	queued := func(op string, parse func(args []js.Value, c *pgCmd) error) func([]js.Value) any {
		return func(args []js.Value) any {
			c := pgCmd{op: op}
			if parse != nil {
				if err := parse(args, &c); err != nil {
					return errorJS(err)
				}
			}
			return newPromise(func(resolve func(any)) {
				done := make(chan any, 1)
				c.reply = func(v any) { done <- v }
				e.cmds <- c
				resolve(<-done)
			})
		}
	}
	runArgs := func(args []js.Value, c *pgCmd) error {
		return json.Unmarshal([]byte(arg(args, 0).String()), &c.run)
	}
	return map[string]func([]js.Value) any{
		"pg.load": queued("load", func(args []js.Value, c *pgCmd) error {
			c.name = arg(args, 0).String()
			var err error
			c.data, err = data(arg(args, 1))
			return err
		}),
		"pg.run":      queued("run", runArgs),
		"pg.step":     queued("step", runArgs),
		"pg.stepOver": queued("stepOver", runArgs),
		"pg.stepOut":  queued("stepOut", runArgs),
		"pg.runTo":    queued("runTo", runArgs),
		"pg.stepLine": queued("stepLine", runArgs),
		"pg.nextLine": queued("nextLine", runArgs),
		// pg.source(file): {text, origin} of a source file, or {error}.
		"pg.source": func(args []js.Value) any {
			text, origin, err := e.sess.SourceText(arg(args, 0).String())
			if err != nil {
				return errorJS(err)
			}
			return jsonText(map[string]string{"text": text, "origin": origin})
		},
		// pg.debug(JSON pgDebugReq): breakpoints, watchpoints, the last
		// write of a byte, going back.
		"pg.debug": queued("debug", func(args []js.Value, c *pgCmd) error {
			return json.Unmarshal([]byte(arg(args, 0).String()), &c.dbg)
		}),
		// pg.funcSource(index): a function as WAT lines with their offsets.
		"pg.funcSource": func(args []js.Value) any {
			return jsonText(e.sess.FuncSource(uint32(arg(args, 0).Int())))
		},
		"pg.call": queued("call", runArgs),
		"pg.kill": queued("kill", nil),
		"pg.pause": func([]js.Value) any {
			e.sess.Pause()
			return nil
		},
		// stop answers once the run has ended, so the page knows the
		// engine obeyed (engine.js restarts a worker that does not).
		"pg.stop": func([]js.Value) any {
			e.sess.Stop()
			return newPromise(func(resolve func(any)) {
				e.mu.Lock()
				idle := e.idle
				e.mu.Unlock()
				<-idle
				resolve(nil)
			})
		},
		"pg.stdin": func(args []js.Value) any {
			text := arg(args, 0).String()
			if _, err := e.sess.Stdin.Write([]byte(text)); err != nil {
				return errorJS(err)
			}
			e.sess.Out.Append(playground.Input, text)
			e.push(true)
			return nil
		},
		"pg.eof": func([]js.Value) any {
			if !e.sess.Stdin.Closed() {
				e.sess.Stdin.Close()
				e.sess.Out.Systemf("[end of input]")
			}
			e.push(true)
			return nil
		},
		"pg.memory":    e.memory,
		"pg.trace":     e.trace,
		"pg.traceText": e.traceText,
		"pg.traceFind": e.traceFind,
		// pg.traceWriter(memory, addr): the instruction that last wrote a
		// byte, for the debugger's "jump to the writer".
		"pg.traceWriter": e.traceWriter,
		// pg.persistClear forgets the files kept across reloads.
		"pg.persistClear": func([]js.Value) any {
			return newPromise(func(resolve func(any)) {
				if err := clearKeptFiles(); err != nil {
					resolve(errorJS(err))
					return
				}
				resolve(nil)
			})
		},
		"pg.files": func([]js.Value) any {
			return jsonText(e.sess.Files())
		},
		"pg.readFile": func(args []js.Value) any {
			b, err := e.sess.ReadFile(arg(args, 0).String())
			if err != nil {
				return errorJS(err)
			}
			u8 := js.Global().Get("Uint8Array").New(len(b))
			js.CopyBytesToJS(u8, b)
			return u8
		},
	}
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return `{"error":` + strconv.Quote(err.Error()) + `}`
	}
	return string(b)
}

// control runs the queued operations one after the other; a run's slices
// happen here too.
func (e *pgEngine) control() {
	for c := range e.cmds {
		if c.op == "close" {
			return
		}
		e.handle(c)
	}
}

func (e *pgEngine) handle(c pgCmd) {
	defer func() {
		if r := recover(); r != nil {
			c.reply(errorJS(errors.New("internal error: " + strings.TrimSpace(firstLines(panicText(r), 1)))))
		}
	}()
	s := e.sess
	switch c.op {
	case "run", "step", "stepOver", "stepOut", "runTo", "stepLine", "nextLine", "call":
		defer e.saveKeptFiles()
	}
	switch c.op {
	case "load":
		c.reply(e.load(c.name, c.data))
	case "run":
		switch s.State() {
		case playground.Paused:
			s.Continue()
		case playground.Idle, playground.Empty:
			if err := e.start(c.run); err != nil {
				c.reply(errorJS(err))
				e.push(true)
				return
			}
		}
		c.reply(nil)
		e.drive()
	case "step", "stepOver", "stepOut", "runTo", "stepLine", "nextLine":
		if st := s.State(); st == playground.Idle || st == playground.Empty {
			if err := e.start(c.run); err != nil {
				c.reply(errorJS(err))
				e.push(true)
				return
			}
			if s.State() != playground.Running {
				c.reply(nil)
				e.push(true)
				return
			}
		}
		var st playground.State
		switch c.op {
		case "step":
			st = s.Step()
		case "stepOver":
			st = s.StepOver()
		case "stepOut":
			st = s.StepOut()
		case "stepLine", "nextLine":
			st = s.StepLine(c.op == "nextLine")
		case "runTo":
			var err error
			if st, err = s.RunTo(uint32(c.run.Offset)); err != nil {
				c.reply(errorJS(err))
				e.push(true)
				return
			}
		}
		c.reply(nil)
		if st == playground.Running {
			e.drive()
			return
		}
		e.push(true)
	case "debug":
		e.replyDebug(c)
	case "call":
		switch s.State() {
		case playground.Empty:
			c.reply(errorJS(errors.New("no program is loaded")))
			return
		case playground.Running, playground.Paused:
			c.reply(errorJS(errors.New("a run is in progress: stop it first")))
			return
		}
		cfg, err := withKeptFiles(c.run)
		if err != nil {
			c.reply(errorJS(err))
			return
		}
		e.persist = c.run.Persist
		s.Configure(cfg)
		if err := s.Call(c.run.Export, c.run.Args); err != nil {
			c.reply(errorJS(err))
			e.push(true)
			return
		}
		c.reply(nil)
		e.drive()
	case "kill":
		s.Kill()
		c.reply(nil)
		e.push(true)
	}
}

func panicText(r any) string {
	if err, ok := r.(error); ok {
		return err.Error()
	}
	return strings.TrimSpace(strings.ReplaceAll(jsonText(r), `"`, ""))
}

// load replaces the program and answers with its view or the error.
func (e *pgEngine) load(name string, data []byte) any {
	if err := e.sess.Load(name, data); err != nil {
		return errorJS(err)
	}
	e.mu.Lock()
	e.run++
	e.mu.Unlock()
	p := e.sess.Program()
	v := programView{Name: p.Name, Format: p.Format, Size: len(p.Source), Summary: p.Info.Summary(), Info: p.Info, Debug: e.sess.DebugInfo()}
	if p.Format == playground.Text {
		v.Text = string(p.Source)
	} else {
		v.Text = e.sess.ModuleText()
	}
	for _, f := range p.Info.Funcs {
		for uint32(len(v.Labels)) <= f.Index {
			v.Labels = append(v.Labels, "")
		}
		v.Labels[f.Index] = vm.FuncLabel(p.Module.Syntax(), f.Index)
	}
	e.push(true)
	return jsonText(v)
}

func (e *pgEngine) start(args pgRunArgs) error {
	cfg, err := withKeptFiles(args)
	if err != nil {
		return err
	}
	e.persist = args.Persist
	e.sess.Configure(cfg)
	e.mu.Lock()
	e.run++
	e.mu.Unlock()
	return e.sess.Start()
}

// drive runs the session in slices until it pauses or ends, giving the
// worker's event loop a turn between slices (where Stop, Pause, stdin and
// the views arrive), each of about sliceMillis.
func (e *pgEngine) drive() {
	const sliceMillis = 10
	e.mu.Lock()
	e.driving = true
	e.idle = make(chan struct{})
	idle := e.idle
	e.mu.Unlock()
	defer func() {
		e.mu.Lock()
		e.driving = false
		e.mu.Unlock()
		e.push(true)
		close(idle)
	}()
	// A read of stdin blocks inside a slice; the ticker keeps the page
	// told (output before the read, "waiting") meanwhile.
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(pushMillis * time.Millisecond):
				e.push(false)
			}
		}
	}()
	e.push(true)
	slices := newSlicer(sliceMillis)
	for e.sess.State() == playground.Running {
		if slices.run(e.sess) != playground.Running {
			break
		}
		e.push(false)
		e.yield.yield()
		e.takeCommandsWhileRunning()
	}
}

// takeCommandsWhileRunning handles what arrived during a slice: a new
// program replaces the running one and a kill stops it; running or
// stepping again is already what happens, so those are answered as done.
func (e *pgEngine) takeCommandsWhileRunning() {
	for {
		select {
		case c := <-e.cmds:
			switch c.op {
			case "load":
				c.reply(e.load(c.name, c.data))
			case "debug":
				// Breakpoints come and go while the program runs, between
				// two slices; the rest waits for a pause.
				switch c.dbg.Op {
				case "break", "toggle", "watch", "delete":
					e.replyDebug(c)
				default:
					c.reply(errorJS(errors.New("the program is running: pause it first")))
				}
			case "kill":
				e.sess.Stop()
				c.reply(nil)
			case "close":
				// Ends the controller once the run has stopped.
				e.sess.Stop()
				go func() { e.cmds <- c }()
			default:
				c.reply(errorJS(errors.New("a run is in progress: stop it first")))
			}
		default:
			return
		}
	}
}

// push sends the page what changed; unless forced, at most every
// pushMillis.
func (e *pgEngine) push(force bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := now()
	if !force && t-e.lastPush < pushMillis {
		return
	}
	e.lastPush = t
	s := e.sess
	u := pgUpdate{State: s.State(), Run: e.run, Waiting: s.Stdin.Waiting(), Memories: s.Memories()}
	if e.sentRun != e.run {
		e.sentRun, e.sentPos, e.sentAll = e.run, 0, true
	}
	limit := pushRunning
	if u.State != playground.Running && !e.sentAll {
		// Send the page's whole tail again: parts of it were skipped.
		u.Reset, e.sentPos, e.sentAll = true, 0, true
		limit = consoleLimit
	}
	chunks, end, _ := s.Out.Since(e.sentPos)
	if n := chunksLen(chunks); n > limit {
		chunks = tail(chunks, limit)
	}
	u.Skipped = end - e.sentPos - int64(chunksLen(chunks))
	if u.Skipped > 0 {
		e.sentAll = false
	}
	u.Output, e.sentPos = chunks, end
	u.TraceLen, u.Traced = s.Trace.Len(), s.Trace.Total()
	u.Files = len(s.Files())
	if res := s.Result(); res != nil {
		if res != e.lastRes {
			e.lastRes = res
			e.resSeq++
		}
		u.Result = describeResult(res, e.resSeq)
	}
	switch u.State {
	case playground.Paused:
		if p := s.Paused(); p != nil {
			pv := &pausedView{PausedView: *p}
			// The listing is of the innermost Wasm frame (under a host
			// function's, when one waits).
			for _, f := range p.Frames {
				if !f.Host {
					pv.Source = s.FuncSource(f.Func)
					break
				}
			}
			u.Paused = pv
		}
	case playground.Idle:
		u.Globals = s.Globals()
		u.CanGoBack = s.CanGoBack()
	}
	u.Breakpoints = s.Breakpoints()
	js.Global().Call("wasmscopeEmit", "pg:"+strconv.Itoa(e.id), jsonText(u))
}

func describeResult(res *playground.Result, seq int) *resultView {
	v := &resultView{Seq: seq, What: res.What, Call: res.Call, Outcome: res.Kind.String(), ExitCode: res.ExitCode}
	if res.Trap != nil {
		v.Trap = res.Trap.Msg
	}
	if res.Err != nil {
		v.Error = res.Err.Error()
	}
	if res.Refused != nil {
		v.Refused = res.Refused.Error()
	}
	for _, val := range res.Values {
		v.Values = append(v.Values, vm.FormatValue(val))
	}
	return v
}

// memory answers pg.memory(index, addr, rows, sel) with a memoryView.
func (e *pgEngine) memory(args []js.Value) any {
	s := e.sess
	idx, addr, rows, sel := arg(args, 0).Int(), uint64(arg(args, 1).Float()), arg(args, 2).Int(), uint64(arg(args, 3).Float())
	v := memoryView{Memories: s.Memories(), FirstWritten: -1}
	if idx < 0 || idx >= v.Memories {
		return jsonText(v)
	}
	mem := s.Memory(idx)
	written := s.Written(idx)
	v.Size = len(mem)
	v.Rows = playground.HexRows(mem, addr, rows, written)
	v.Inspect = playground.InspectValue(mem, sel)
	v.WrittenBytes = written.Bytes()
	if len(written) > 0 {
		v.FirstWritten = int64(written[0].Start)
	}
	return jsonText(v)
}

// traceFn turns the page's filter ("" or a function index) into the
// trace's (-1 for all functions).
func traceFn(filter string) int64 {
	fn, err := strconv.ParseUint(filter, 10, 32)
	if err != nil {
		return -1
	}
	return int64(fn)
}

// trace answers pg.trace(filter, from, count) with traceRows: from < 0
// asks for the last rows.
func (e *pgEngine) trace(args []js.Value) any {
	t := e.sess.Trace
	fn := traceFn(arg(args, 0).String())
	from, count := arg(args, 1).Int(), arg(args, 2).Int()
	v := traceRows{Count: t.Count(fn), Kept: t.Len(), Total: t.Total(), Rows: []traceRow{}}
	if from < 0 {
		from = v.Count - count
	}
	v.From = max(min(from, v.Count-count), 0)
	for _, r := range t.Rows(fn, v.From, v.From+count) {
		v.Rows = append(v.Rows, rowView(r))
	}
	return jsonText(v)
}

func rowView(r playground.Row) traceRow {
	v := traceRow{Line: r.Line, Seq: r.Seq}
	switch {
	case r.Note || r.Kind == vm.EventTrap:
		v.Class = "trap"
	case r.Kind == vm.EventHostCall:
		v.Class = "host"
	}
	return v
}

// traceFind answers pg.traceFind(filter, seq) with the row, under the
// filter, of the first event at instruction count seq or later.
func (e *pgEngine) traceFind(args []js.Value) any {
	return e.sess.Trace.Find(traceFn(arg(args, 0).String()), uint64(arg(args, 1).Float()))
}

// traceWriter answers pg.traceWriter(memory, addr) with the instruction
// count of the last write of that byte the trace holds, -1 when none.
func (e *pgEngine) traceWriter(args []js.Value) any {
	seq, ok := e.sess.Trace.LastWrite(arg(args, 0).Int(), uint64(arg(args, 1).Float()))
	if !ok {
		return -1
	}
	return float64(seq)
}

// traceText answers pg.traceText(filter, from, count) with {text, next,
// rows}: rows from..from+count-1 of the trace under the filter as text,
// the row after them and the number of rows, so the page downloads a
// large trace in parts.
func (e *pgEngine) traceText(args []js.Value) any {
	t, fn := e.sess.Trace, traceFn(arg(args, 0).String())
	from, count := arg(args, 1).Int(), arg(args, 2).Int()
	var b strings.Builder
	t.WriteRows(&b, fn, from, from+count)
	rows := t.Count(fn)
	return map[string]any{"text": b.String(), "next": min(from+count, rows), "rows": rows}
}

// pgDebugReq is a request of pg.debug: a breakpoint or watchpoint set or
// removed, a question of the debugger, or a move in time. Op is "break"
// (Name: what playground.Session.Break takes), "toggle" (Offset), "watch"
// (Addr, Len), "delete" (ID), "lastWrite" (Addr), "back" (How:
// playground.BackStep, ...) or "goto" (Count).
type pgDebugReq struct {
	Op     string `json:"op"`
	Name   string `json:"name,omitempty"`
	Offset uint32 `json:"offset,omitempty"`
	Count  uint64 `json:"count,omitempty"`
	Addr   uint64 `json:"addr,omitempty"`
	Len    uint64 `json:"len,omitempty"`
	ID     int    `json:"id,omitempty"`
	How    string `json:"how,omitempty"`
}

// replyDebug does a pg.debug request on the control goroutine and answers
// with its JSON, then tells the page what changed.
func (e *pgEngine) replyDebug(c pgCmd) {
	v, err := e.debugOp(c.dbg)
	if err != nil {
		c.reply(errorJS(err))
	} else {
		c.reply(jsonText(v))
	}
	e.push(true)
}

func (e *pgEngine) debugOp(r pgDebugReq) (any, error) {
	s := e.sess
	switch r.Op {
	case "break":
		return s.Break(r.Name)
	case "toggle":
		set, err := s.ToggleOffset(r.Offset)
		return map[string]bool{"set": set}, err
	case "watch":
		return s.Watch(r.Addr, r.Len)
	case "delete":
		return nil, s.Delete(r.ID)
	case "lastWrite":
		return s.LastWrite(r.Addr)
	case "back":
		return nil, s.Back(r.How)
	case "goto":
		return nil, s.Goto(r.Count)
	}
	return nil, errors.New("pg.debug: no operation " + strconv.Quote(r.Op))
}
