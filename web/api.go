//go:build js && wasm

package main

// This file is the engine's API in its worker, which static/embed.js
// builds on (the <wasm-scope> element and wasmscope.run): plain functions
// over numbered playground sessions, one per element or run, registered
// as globalThis.wasmscopeAPI in the worker:
//
//	open({traceLimit, outputLimit})      → id (traceLimit: log records, 65,536)
//	close(id)
//	load(id, name, text|Uint8Array)      → {name, format, summary, text, exports, memories} | {error}
//	run(id, {args, env, stdin, stdinEOF, files, trace, invoke}, onEvent)
//	                                     → Promise of the result (see resultJS)
//	stop(id), stdin(id, text), eof(id)
//	trace(id, from, count)               → {kept, total, lines}
//	memory(id, index)                    → Uint8Array copy | null
//	hexdump(id, index, addr, rows)       → {size, memories, written, rows: [{addr, bytes, written}]}
//	files(id)                            → [{path, size}]
//	readFile(id, path)                   → Uint8Array | {error}
//	share(name, text|Uint8Array)         → {fragment} | {error}
//	unshare(fragment)                    → {name, text|bytes} | {error}
//
// onEvent(kind, detail) reports "output" ({stream, text}) after each
// slice that wrote something, "waiting" ({waiting}) when the program
// starts or stops waiting for stdin, and "done" (the result).
//
// RATIONALE: the API lives in the engine's worker (serveWorker), where
// engine.js's messages call it (static/engine.js documents the protocol);
// every element and run on a page shares that one worker. Each session
// runs in slices of about 8 ms with a turn of the worker's event loop
// between them, so several elements run side by side and none blocks the
// others' controls. Views (trace, memory, files) are read from message
// handlers between slices: Go's js/wasm port runs one goroutine at a
// time, and a session holds no lock across a slice, so a view never waits
// on a run.

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/wasmscope/wasmscope/playground"
	"github.com/wasmscope/wasmscope/vm"
)

// serveWorker is main in the engine's worker: it registers the API (the
// elements' sessions and the playground's "pg.*" operations), tells
// worker.js it is ready and leaves the rest to the API's callbacks.
func serveWorker() {
	// A soft limit makes the collector work harder as the heap nears what
	// a tab can hold, instead of letting garbage (a grown memory's old
	// copy) double the heap past it.
	debug.SetMemoryLimit(workerMemoryLimit)
	api := newEmbedAPI()
	ops := api.ops()
	for name, f := range newPGSessions() {
		ops[name] = f
	}
	// crash ends the Go runtime the way a fatal error does, for the test
	// that the page recovers from a dead worker.
	ops["crash"] = func([]js.Value) any {
		go panic("wasmscope: crash requested (a test of the page's recovery)")
		return nil
	}
	js.Global().Set("wasmscopeAPI", apiObject(ops))
	if ready := js.Global().Get("wasmscopeReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// embedTraceLimit is the records an embedded session's trace keeps unless
// told otherwise (2 MiB of log, allocated at its first traced run): a
// tutorial's snippet runs a few thousand instructions, and the
// playground's 64 MiB log would cost every element that much.
const embedTraceLimit = (2 << 20) / vm.RecordSize

// embedAPI holds the sessions of the page's elements and runs.
type embedAPI struct {
	next     int
	sessions map[int]*embedSession
}

// embedSession is one element's or run's session and the state of its
// current run.
type embedSession struct {
	sess    *playground.Session
	yield   *yielder
	running bool
	// sent counts the console bytes already reported as "output" events,
	// cut or kept, so each slice reports only what is new.
	sent   int64
	emitMu sync.Mutex
	// before holds each memory as the run found it (data segments in
	// place); written, once the run ended, the spans the whole run changed.
	// The session itself highlights only its last slice's writes.
	before  [][]byte
	written []playground.Ranges
}

func newEmbedAPI() *embedAPI {
	return &embedAPI{sessions: make(map[int]*embedSession)}
}

// ops returns the API's functions by name.
func (api *embedAPI) ops() map[string]func(args []js.Value) any {
	return map[string]func(args []js.Value) any{
		"open":     api.open,
		"close":    api.close,
		"load":     api.load,
		"run":      api.run,
		"stop":     api.stop,
		"stdin":    api.stdin,
		"eof":      api.eof,
		"trace":    api.trace,
		"memory":   api.memory,
		"hexdump":  api.hexdump,
		"files":    api.files,
		"readFile": api.readFile,
		"share":    apiShare,
		"unshare":  apiUnshare,
	}
}

// apiObject builds the JS object of the API's functions.
func apiObject(fns map[string]func(args []js.Value) any) js.Value {
	o := js.Global().Get("Object").New()
	for name, f := range fns {
		o.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (out any) {
			// A Go panic must not kill the runtime every element shares.
			defer func() {
				if r := recover(); r != nil {
					out = errorJS(fmt.Errorf("wasmscopeAPI.%s: internal error: %v", name, r))
				}
			}()
			return f(args)
		}))
	}
	return o
}

// arg returns args[i], undefined when absent.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

func errorJS(err error) map[string]any { return map[string]any{"error": err.Error()} }

// session looks a session up by the id in args[0].
func (api *embedAPI) session(args []js.Value) (*embedSession, error) {
	id := arg(args, 0)
	if id.Type() != js.TypeNumber {
		return nil, errors.New("wasmscopeAPI: the first argument must be a session id")
	}
	s, ok := api.sessions[id.Int()]
	if !ok {
		return nil, fmt.Errorf("wasmscopeAPI: no session %d (closed?)", id.Int())
	}
	return s, nil
}

func (api *embedAPI) open(args []js.Value) any {
	o := arg(args, 0)
	opts := playground.Options{TraceLimit: embedTraceLimit, Limits: browserLimits}
	if o.Type() == js.TypeObject {
		if n := intField(o, "traceLimit"); n > 0 {
			opts.TraceLimit = n
		}
		opts.OutputLimit = intField(o, "outputLimit")
	}
	api.next++
	api.sessions[api.next] = &embedSession{sess: playground.New(opts), yield: newYielder()}
	return api.next
}

func intField(o js.Value, name string) int {
	if v := o.Get(name); v.Type() == js.TypeNumber {
		return v.Int()
	}
	return 0
}

func (api *embedAPI) close(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	s.sess.Stop()
	delete(api.sessions, args[0].Int())
	return nil
}

// data reads a program or file given as a string or bytes.
func data(v js.Value) ([]byte, error) {
	switch {
	case v.Type() == js.TypeString:
		return []byte(v.String()), nil
	case v.InstanceOf(js.Global().Get("Uint8Array")):
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		return b, nil
	case v.InstanceOf(js.Global().Get("ArrayBuffer")):
		return bytesOf(v), nil
	}
	return nil, errors.New("expected a string (WAT) or a Uint8Array or ArrayBuffer (a binary module)")
}

func (api *embedAPI) load(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	if s.running {
		s.sess.Stop()
	}
	name := "module.wat"
	if n := arg(args, 1); n.Type() == js.TypeString && n.String() != "" {
		name = n.String()
	}
	src, err := data(arg(args, 2))
	if err != nil {
		return errorJS(fmt.Errorf("%s: %v", name, err))
	}
	if err := s.sess.Load(name, src); err != nil {
		return errorJS(err)
	}
	s.before, s.written = nil, nil
	p := s.sess.Program()
	var exports []any
	for _, e := range p.Info.Exports {
		exports = append(exports, map[string]any{"name": e.Name, "kind": e.Kind, "type": e.Type, "params": len(e.Params)})
	}
	var imports []any
	for _, im := range p.Info.Imports {
		imports = append(imports, map[string]any{"module": im.Module, "name": im.Name, "kind": im.Kind, "type": im.Type})
	}
	return map[string]any{
		"name":     p.Name,
		"format":   p.Format.String(),
		"summary":  p.Info.Summary(),
		"text":     s.sess.ModuleText(),
		"exports":  exports,
		"imports":  imports,
		"memories": len(p.Info.Memories),
	}
}

// runConfig reads run options: args as a string (split like a shell) or
// an array; env as "KEY=value" lines or an array or an object; stdin as
// text or bytes, ended by EOF unless stdinEOF is false; files as an
// object from path to contents.
func runConfig(o js.Value) (playground.RunConfig, error) {
	var cfg playground.RunConfig
	if o.Type() != js.TypeObject {
		return cfg, nil
	}
	var err error
	switch a := o.Get("args"); a.Type() {
	case js.TypeString:
		if cfg.Args, err = playground.SplitArgs(a.String()); err != nil {
			return cfg, err
		}
	case js.TypeObject:
		cfg.Args = stringList(a)
	}
	switch e := o.Get("env"); {
	case e.Type() == js.TypeString:
		if cfg.Env, err = playground.ParseEnv(e.String()); err != nil {
			return cfg, err
		}
	case e.Type() == js.TypeObject && e.InstanceOf(js.Global().Get("Array")):
		if cfg.Env, err = playground.ParseEnv(strings.Join(stringList(e), "\n")); err != nil {
			return cfg, err
		}
	case e.Type() == js.TypeObject:
		keys := js.Global().Get("Object").Call("keys", e)
		for i := 0; i < keys.Length(); i++ {
			k := keys.Index(i).String()
			cfg.Env = append(cfg.Env, k+"="+e.Get(k).String())
		}
	}
	if in := o.Get("stdin"); !in.IsUndefined() && !in.IsNull() {
		if cfg.Stdin, err = data(in); err != nil {
			return cfg, fmt.Errorf("stdin: %v", err)
		}
		cfg.StdinEOF = true
	}
	if eof := o.Get("stdinEOF"); eof.Type() == js.TypeBoolean {
		cfg.StdinEOF = eof.Bool()
	}
	if f := o.Get("files"); f.Type() == js.TypeObject {
		keys := js.Global().Get("Object").Call("keys", f)
		for i := 0; i < keys.Length(); i++ {
			p := keys.Index(i).String()
			b, err := data(f.Get(p))
			if err != nil {
				return cfg, fmt.Errorf("file %s: %v", p, err)
			}
			cfg.Files = append(cfg.Files, playground.File{Path: p, Data: b})
		}
		sort.Slice(cfg.Files, func(i, j int) bool { return cfg.Files[i].Path < cfg.Files[j].Path })
	}
	cfg.Trace = o.Get("trace").Truthy()
	return cfg, nil
}

func stringList(a js.Value) []string {
	out := make([]string, a.Length())
	for i := range out {
		out[i] = a.Index(i).String()
	}
	return out
}

// run starts a fresh run of the loaded program (its _start, or the
// export named by opts.invoke, "add 1 2") and returns a Promise of how
// it ended.
func (api *embedAPI) run(args []js.Value) any {
	return newPromise(func(resolve func(any)) {
		s, err := api.session(args)
		if err != nil {
			resolve(errorJS(err))
			return
		}
		onEvent := arg(args, 2)
		emit := func(kind string, detail any) {
			if onEvent.Type() == js.TypeFunction {
				onEvent.Invoke(kind, detail)
			}
		}
		res := s.start(arg(args, 1), emit)
		emit("done", res)
		resolve(res)
	})
}

// start runs the session's program to its end, in slices.
func (s *embedSession) start(opts js.Value, emit func(string, any)) map[string]any {
	p := s.sess.Program()
	if p == nil {
		return failed("", errors.New("nothing to run: no program is loaded"))
	}
	if s.running {
		return failed(p.Name, errors.New("a run of this program is in progress: stop it first"))
	}
	cfg, err := runConfig(opts)
	if err != nil {
		return failed(p.Name, err)
	}
	invoke := ""
	if opts.Type() == js.TypeObject && opts.Get("invoke").Type() == js.TypeString {
		invoke = strings.TrimSpace(opts.Get("invoke").String())
	}
	s.sess.Configure(cfg)
	s.sent = 0
	if invoke != "" {
		// Every run starts from a fresh instance and filesystem: Start
		// makes them, a call reuses the last run's unless the program is
		// loaded again.
		if err := s.sess.Load(p.Name, p.Source); err != nil {
			return failed(p.Name, err)
		}
		export, callArgs, _ := strings.Cut(invoke, " ")
		err = s.sess.Call(export, callArgs)
	} else {
		err = s.sess.Start()
	}
	if err != nil && s.sess.Result() == nil {
		return failed(p.Name, err)
	}
	s.running = true
	defer func() { s.running = false }()
	watching := make(chan struct{})
	defer close(watching)
	go s.watch(watching, emit)
	s.snapshot()
	s.drive(emit)
	s.written = make([]playground.Ranges, len(s.before))
	for i, b := range s.before {
		if b != nil {
			s.written[i] = playground.Diff(b, s.sess.Memory(i))
		}
	}
	return s.resultJS()
}

func failed(what string, err error) map[string]any {
	return map[string]any{"what": what, "outcome": "failed", "error": err.Error(), "exitCode": nil, "trap": nil, "values": []any{}, "stdout": "", "stderr": ""}
}

// snapshot keeps each memory's bytes as the run starts, up to the size
// the session highlights at all.
func (s *embedSession) snapshot() {
	const limit = 64 << 20
	s.before, s.written = make([][]byte, s.sess.Memories()), nil
	for i := range s.before {
		if mem := s.sess.Memory(i); len(mem) <= limit {
			s.before[i] = append([]byte(nil), mem...)
		}
	}
}

// writtenSpans returns what the whole last run wrote to memory idx, or
// during a run what its last slice wrote.
func (s *embedSession) writtenSpans(idx int) playground.Ranges {
	if s.running || idx >= len(s.written) {
		return s.sess.Written(idx)
	}
	return s.written[idx]
}

// drive runs the session in slices until the run ends, giving the event
// loop a turn between slices of about 8 ms.
func (s *embedSession) drive(emit func(string, any)) {
	slices := newSlicer(8)
	for {
		switch s.sess.State() {
		case playground.Running:
		case playground.Paused:
			// Nothing pauses an embedded run (no breakpoints, no Pause);
			// should a pause happen anyway, it must not hang the promise.
			s.sess.Kill()
		}
		if s.sess.State() != playground.Running {
			break
		}
		st := slices.run(s.sess)
		s.emitOutput(emit)
		if st != playground.Running {
			continue
		}
		s.yield.yield()
	}
	s.emitOutput(emit)
}

// emitOutput reports the console text written since the last report;
// the slice loop and the watcher both call it.
func (s *embedSession) emitOutput(emit func(string, any)) {
	s.emitMu.Lock()
	defer s.emitMu.Unlock()
	// Only what is new is copied: the console may keep megabytes.
	chunks, end, _ := s.sess.Out.Since(s.sent)
	if end == s.sent {
		return
	}
	s.sent = end
	for _, c := range chunks {
		emit("output", map[string]any{"stream": c.Stream.String(), "text": c.Text})
	}
}

// watch reports, until done is closed, when the program starts and stops
// waiting for input, and the output it wrote before it began to wait: a
// read of stdin blocks inside a slice, so the slice loop cannot.
func (s *embedSession) watch(done chan struct{}, emit func(string, any)) {
	waiting := false
	for {
		select {
		case <-done:
			if waiting {
				emit("waiting", map[string]any{"waiting": false})
			}
			return
		case <-time.After(50 * time.Millisecond):
		}
		s.emitOutput(emit)
		if w := s.sess.Stdin.Waiting(); w != waiting {
			waiting = w
			emit("waiting", map[string]any{"waiting": w})
		}
	}
}

// resultJS describes how the last run ended: what ran, the outcome
// ("returned", "exited", "trapped", "stopped", "failed"), the exit code
// of a command (null for a call), the trap with its stack trace, a call's
// results, stdout and stderr (as kept), and the trace's size.
func (s *embedSession) resultJS() map[string]any {
	res := s.sess.Result()
	out := map[string]any{
		"stdout":     s.sess.Out.Text(playground.Stdout),
		"stderr":     s.sess.Out.Text(playground.Stderr),
		"traceKept":  s.sess.Trace.Len(),
		"traceTotal": float64(s.sess.Trace.Total()),
		"exitCode":   nil,
		"trap":       nil,
		"error":      nil,
		"values":     []any{},
		"refused":    nil,
	}
	if res == nil {
		out["outcome"] = "failed"
		out["error"] = "the run did not end"
		return out
	}
	out["what"] = res.What
	out["outcome"] = res.Kind.String()
	if code, ok := res.Exit(); ok {
		out["exitCode"] = code
	}
	switch {
	case res.Trap != nil:
		out["trap"] = res.Trap.Trace()
	case res.Err != nil:
		out["error"] = res.Err.Error()
	}
	if res.Refused != nil {
		out["refused"] = res.Refused.Error()
	}
	vals := make([]any, len(res.Values))
	for i, v := range res.Values {
		vals[i] = vm.FormatValue(v)
	}
	out["values"] = vals
	return out
}

func (api *embedAPI) stop(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	s.sess.Stop()
	return nil
}

func (api *embedAPI) stdin(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	if !s.running {
		return errorJS(errors.New("stdin: no program is running"))
	}
	text := arg(args, 1).String()
	if _, err := s.sess.Stdin.Write([]byte(text)); err != nil {
		return errorJS(fmt.Errorf("stdin: %v", err))
	}
	s.sess.Out.Append(playground.Input, text)
	return nil
}

func (api *embedAPI) eof(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	if s.running && !s.sess.Stdin.Closed() {
		s.sess.Stdin.Close()
	}
	return nil
}

func (api *embedAPI) trace(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	from, count := arg(args, 1), arg(args, 2)
	f, n := 0, s.sess.Trace.Len()
	if from.Type() == js.TypeNumber {
		f = from.Int()
	}
	if count.Type() == js.TypeNumber {
		n = count.Int()
	}
	lines := s.sess.Trace.Lines(f, f+n)
	out := make([]any, len(lines))
	for i, l := range lines {
		out[i] = l
	}
	return map[string]any{"kept": s.sess.Trace.Len(), "total": float64(s.sess.Trace.Total()), "lines": out}
}

func (api *embedAPI) memory(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	mem := s.sess.Memory(arg(args, 1).Int())
	if mem == nil {
		return nil
	}
	u8 := js.Global().Get("Uint8Array").New(len(mem))
	js.CopyBytesToJS(u8, mem)
	return u8
}

// hexdump returns rows of memory index from addr, each with its bytes
// and which of them the last run wrote (bit i for byte i), and the spans
// written.
func (api *embedAPI) hexdump(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	idx := arg(args, 1).Int()
	mem := s.sess.Memory(idx)
	written := s.writtenSpans(idx)
	var spans []any
	for _, r := range written {
		spans = append(spans, []any{float64(r.Start), float64(r.End)})
	}
	var rows []any
	for _, r := range playground.HexRows(mem, uint64(arg(args, 2).Float()), arg(args, 3).Int(), written) {
		b := make([]any, len(r.Bytes))
		for i, c := range r.Bytes {
			b[i] = int(c)
		}
		rows = append(rows, map[string]any{"addr": float64(r.Addr), "bytes": b, "written": int(r.Written)})
	}
	return map[string]any{"size": float64(len(mem)), "memories": s.sess.Memories(), "written": spans, "rows": rows}
}

func (api *embedAPI) files(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	var out []any
	for _, f := range s.sess.Files() {
		out = append(out, map[string]any{"path": f.Path, "size": float64(f.Size)})
	}
	return out
}

func (api *embedAPI) readFile(args []js.Value) any {
	s, err := api.session(args)
	if err != nil {
		return errorJS(err)
	}
	b, err := s.sess.ReadFile(arg(args, 1).String())
	if err != nil {
		return errorJS(err)
	}
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// apiShare packs a program into a share link's fragment, in the format
// of the playground's own share links.
func apiShare(args []js.Value) any {
	name := arg(args, 0).String()
	src, err := data(arg(args, 1))
	if err != nil {
		return errorJS(fmt.Errorf("%s: %v", name, err))
	}
	f, err := playground.Detect(name, src)
	if err != nil {
		return errorJS(err)
	}
	frag, err := encodeShare(name, f, src)
	if err != nil {
		return errorJS(err)
	}
	return map[string]any{"fragment": frag}
}

// apiUnshare unpacks a share link's fragment: the program's name and its
// text, or its bytes for a binary module.
func apiUnshare(args []js.Value) any {
	name, src, err := decodeShare(strings.TrimPrefix(arg(args, 0).String(), "#"))
	if err != nil {
		return errorJS(err)
	}
	if src == nil {
		return errorJS(errors.New("share link: the fragment holds no program (no wat= or wasm=)"))
	}
	if f, err := playground.Detect(name, src); err == nil && f == playground.Text {
		return map[string]any{"name": name, "text": string(src)}
	}
	u8 := js.Global().Get("Uint8Array").New(len(src))
	js.CopyBytesToJS(u8, src)
	return map[string]any{"name": name, "bytes": u8}
}

// newPromise returns a JS Promise settled by f, which runs on a goroutine
// of its own: it may block (run slices, wait for the event loop) where an
// event handler must not.
func newPromise(f func(resolve func(any))) js.Value {
	executor := js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve := args[0]
		go func() {
			defer func() {
				if r := recover(); r != nil {
					resolve.Invoke(errorJS(fmt.Errorf("wasmscopeAPI: internal error: %v", r)))
				}
			}()
			f(func(v any) { resolve.Invoke(v) })
		}()
		return nil
	})
	defer executor.Release()
	return js.Global().Get("Promise").New(executor)
}
