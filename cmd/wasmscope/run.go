package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/trace"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// Exit statuses of run (see the package documentation).
const (
	exitLoad      = 1
	exitUsage     = 2
	exitFuel      = 124
	exitInterrupt = 130
	exitTrap      = 134
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// traceFlag is --trace (to stderr) or --trace=FILE.
type traceFlag struct {
	on   bool
	file string
}

func (t *traceFlag) String() string   { return t.file }
func (t *traceFlag) IsBoolFlag() bool { return true }
func (t *traceFlag) Set(v string) error {
	switch v {
	case "true":
		t.on, t.file = true, ""
	case "false":
		t.on, t.file = false, ""
	default:
		t.on, t.file = true, v
	}
	return nil
}

type runOptions struct {
	mounts     listFlag
	env        listFlag
	envInherit bool
	trace      traceFlag
	fuel       int64
	invoke     string
}

func runCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var o runOptions
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&o.mounts, "mount", "`HOST:GUEST[:ro]` make host folder HOST the guest's GUEST (repeatable; /:/ mounts everything; :GUEST is an empty in-memory folder)")
	fs.Var(&o.env, "env", "`K=V` set an environment variable (repeatable)")
	fs.BoolVar(&o.envInherit, "env-inherit", false, "pass the host's environment (before --env)")
	fs.Var(&o.trace, "trace", "trace every instruction to stderr, or with --trace=`FILE` to FILE")
	fs.Int64Var(&o.fuel, "fuel", -1, "stop a call after `N` instructions (exit status 124); the start function, _initialize and the main call each get N")
	fs.StringVar(&o.invoke, "invoke", "", "call export `NAME` with ARGS (typed by its parameters) instead of _start, after a reactor's _initialize, and print its results")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope run [flags] MODULE [ARGS...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return exitUsage
	}
	path, progArgs := fs.Arg(0), fs.Args()[1:]
	return run(o, path, progArgs, stdin, stdout, stderr)
}

// run runs the module at path. An interrupt at any moment of it ends it
// with status 130 (see interrupts).
func run(o runOptions, path string, progArgs []string, stdin io.Reader, stdout, stderr io.Writer) int {
	intr := listenInterrupts(stderr)
	defer intr.close()
	status := runModule(intr, o, path, progArgs, stdin, stdout, stderr)
	if intr.fired() && status != exitInterrupt {
		// It came while no execution ran (loading, between the start
		// function and _start, after the last one returned).
		fmt.Fprintln(stderr, "wasmscope: interrupted")
		return exitInterrupt
	}
	return status
}

func runModule(intr *interrupts, o runOptions, path string, progArgs []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "wasmscope: "+format+"\n", a...)
		return exitLoad
	}
	mod, bin, err := loadModule(path)
	if err != nil {
		return fail("%v", err)
	}
	preopens, err := parseMounts(o.mounts)
	if err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return exitUsage
	}
	var env []string
	if o.envInherit {
		env = os.Environ()
	}
	for _, kv := range o.env {
		if !strings.Contains(kv, "=") {
			fmt.Fprintf(stderr, "wasmscope: --env %q: want K=V\n", kv)
			return exitUsage
		}
		env = append(env, kv)
	}
	argv := append([]string{path}, progArgs...)
	if o.invoke != "" {
		argv = []string{path}
	}
	sys, err := wasi.New(wasi.Config{
		Args: argv, Env: env, Stdin: stdin, Stdout: intr.writer(stdout), Stderr: intr.writer(stderr), Preopens: preopens,
		Stdio: [3]wasi.StdioKind{stdioKind(stdin), stdioKind(stdout), stdioKind(stderr)},
	})
	if err != nil {
		return fail("%v", err)
	}
	defer sys.Close()
	intr.setSystem(sys)

	var entry runner.Entry
	if o.invoke != "" {
		ext, ok := exportedFunc(mod, o.invoke)
		if !ok {
			return fail("%s: no exported function %q", path, o.invoke)
		}
		vals, err := invokeArgs(o.invoke, ext.Params, progArgs)
		if err != nil {
			fmt.Fprintf(stderr, "wasmscope: %v\n", err)
			return exitUsage
		}
		entry = runner.Entry{Invoke: o.invoke, Args: vals}
	}

	var tracer *trace.Writer
	if o.trace.on {
		w := stderr
		if o.trace.file != "" {
			f, err := os.Create(o.trace.file)
			if err != nil {
				return fail("--trace: %v", err)
			}
			defer f.Close()
			w = f
		}
		tracer = trace.NewWriter(w, mod.Syntax())
		// With DWARF, each instruction line ends in its file:line; without
		// (or with DWARF that cannot be read) the trace is as before.
		if info, err := debuginfo.Read(bin); err == nil {
			tracer.SetSource(info.Where)
		} else if !errors.Is(err, debuginfo.ErrNoDWARF) && bin != nil {
			fmt.Fprintf(stderr, "wasmscope: %s: %v\n", path, err)
		}
		defer func() {
			if err := tracer.Flush(); err != nil {
				fmt.Fprintf(stderr, "wasmscope: --trace: %v\n", err)
			}
		}()
	}

	r := runner.Start(mod, runner.Config{System: sys, Entry: entry, Prepare: func(_ runner.Step, ex *vm.Execution) {
		if tracer != nil {
			tracer.Attach(ex)
		}
	}})
	// Each step (the start function, _initialize, the main call) runs in
	// one slice of o.fuel instructions: a step that needs more is out of
	// fuel.
	for r.Result() == nil {
		if !intr.attach(r.Execution()) {
			fmt.Fprintln(stderr, "wasmscope: interrupted")
			return exitInterrupt
		}
		st := r.Slice(o.fuel)
		intr.attach(nil)
		if intr.fired() {
			// However the execution ended meanwhile (returned, exited, or
			// ended by the interrupted WASI system), an interrupt ends the
			// run with 130, as SIGINT ends a process: it is never lost.
			if ex := r.Execution(); st == runner.Paused && ex != nil {
				printFrames(stderr, "wasmscope: interrupted", ex)
			} else {
				fmt.Fprintln(stderr, "wasmscope: interrupted")
			}
			return exitInterrupt
		}
		if st == runner.Paused {
			printFrames(stderr, "wasmscope: out of fuel", r.Execution())
			return exitFuel
		}
	}
	return exitStatus(r.Result(), path, bin, stdout, stderr)
}

// exitStatus reports how a run ended and returns the exit status of
// wasmscope run for it: the program's own, 0 for a call that returned
// (its results printed one a line) or a reactor initialized, 134 for a
// trap, 1 for a run that could not go on.
func exitStatus(res *runner.Result, path string, bin []byte, stdout, stderr io.Writer) int {
	if code, ok := res.Exit(); ok {
		return int(code)
	}
	switch res.Kind {
	case runner.Returned:
		for _, v := range res.Values {
			fmt.Fprintln(stdout, vm.FormatValue(v))
		}
		return 0
	case runner.Ready:
		// A reactor: initialized, and nothing named to call.
		fmt.Fprintf(stderr, "wasmscope: %s: no _start export: initialized the module, called nothing (use --invoke NAME to call an export)\n", path)
		return 0
	case runner.Trapped:
		fmt.Fprintf(stderr, "trap: %s\n", res.Trap.Trace())
		printSourceStack(stderr, bin, res.Trap.Stack)
		return exitTrap
	}
	fmt.Fprintf(stderr, "wasmscope: %s: %v\n", path, res.Err)
	return exitLoad
}

// exportedFunc returns the type of the function m exports as name.
func exportedFunc(m *vm.Module, name string) (syntax.FuncType, bool) {
	syn := m.Syntax()
	for _, e := range syn.Exports {
		if e.Kind == syntax.ExternFunc && e.Name == name {
			return syn.FuncType(e.Index)
		}
	}
	return syntax.FuncType{}, false
}

// invokeArgs parses the command line arguments of a call of export name by
// its parameter types.
func invokeArgs(name string, params []syntax.ValType, args []string) ([]vm.Value, error) {
	if len(args) != len(params) {
		return nil, fmt.Errorf("--invoke %s takes %d arguments %v, got %d", name, len(params), params, len(args))
	}
	vals := make([]vm.Value, len(params))
	for i, a := range args {
		v, err := vm.ParseValue(params[i], a)
		if err != nil {
			return nil, fmt.Errorf("--invoke %s: argument %d: %v", name, i+1, err)
		}
		vals[i] = v
	}
	return vals, nil
}

// interruptGrace is how long after an interrupt the run may take to end
// before the process exits without finishing it (no frames shown, a trace
// not flushed). Runs end within milliseconds; what can take longer is a
// write of wasmscope's own, a --trace to a stderr nobody reads.
const interruptGrace = 500 * time.Millisecond

// writeGrace is how long after an interrupt a write of the program's
// output may stay blocked before the process exits: no write system call
// can be woken, and one to a pipe whose reader stopped reading blocks for
// ever.
const writeGrace = 20 * time.Millisecond

// interrupts turns SIGINT (Ctrl-C) into the end of the run, with status
// 130. It listens from the start of the run, so an interrupt while the
// module loads is not lost. When one comes it stops the execution running
// (the engine's stop request: code that makes no host call pauses within
// a few thousand instructions) and interrupts the WASI system (a host call
// waiting in a sleep or a read of stdin returns at once, and it or the
// next WASI call ends the run). A write of the program's output still
// blocked writeGrace later, a second interrupt, or the run still going
// interruptGrace later exit the process at once.
type interrupts struct {
	sig    chan os.Signal
	quit   chan struct{}
	stderr io.Writer
	// writing counts the writes of the program's output under way.
	writing atomic.Int32

	mu       sync.Mutex
	got      bool
	sys      *wasi.System
	ex       *vm.Execution
	closeOne sync.Once
}

func listenInterrupts(stderr io.Writer) *interrupts {
	in := &interrupts{sig: make(chan os.Signal, 1), quit: make(chan struct{}), stderr: stderr}
	signal.Notify(in.sig, os.Interrupt)
	go in.wait()
	return in
}

func (in *interrupts) wait() {
	select {
	case <-in.sig:
	case <-in.quit:
		return
	}
	in.mu.Lock()
	in.got = true
	if in.ex != nil {
		in.ex.Stop()
	}
	if in.sys != nil {
		in.sys.Interrupt()
	}
	in.mu.Unlock()
	grace := time.NewTimer(interruptGrace)
	defer grace.Stop()
	tick := time.NewTicker(writeGrace / 4)
	defer tick.Stop()
	var blocked time.Time // since when a write has been under way
	for {
		select {
		case <-in.sig:
			in.exit("")
		case <-grace.C:
			in.exit("")
		case <-in.quit:
			return
		case now := <-tick.C:
			switch {
			case in.writing.Load() == 0:
				blocked = time.Time{}
			case blocked.IsZero():
				blocked = now
			case now.Sub(blocked) >= writeGrace:
				in.exit(" (blocked writing the program's output)")
			}
		}
	}
}

// exit ends the process with status 130 at once, saying so on stderr
// unless that write blocks too.
func (in *interrupts) exit(why string) {
	said := make(chan struct{})
	go func() {
		fmt.Fprintf(in.stderr, "wasmscope: interrupted%s\n", why)
		close(said)
	}()
	select {
	case <-said:
	case <-time.After(writeGrace):
	}
	os.Exit(exitInterrupt)
}

// writer returns w for the program's output, counting its writes under
// way (see writeGrace).
func (in *interrupts) writer(w io.Writer) io.Writer {
	return &outputWriter{w: w, writing: &in.writing}
}

// outputWriter is the program's stdout or stderr.
type outputWriter struct {
	w       io.Writer
	writing *atomic.Int32
}

func (o *outputWriter) Write(p []byte) (int, error) {
	o.writing.Add(1)
	defer o.writing.Add(-1)
	return o.w.Write(p)
}

// close stops listening: the run is over.
func (in *interrupts) close() {
	in.closeOne.Do(func() {
		signal.Stop(in.sig)
		close(in.quit)
	})
}

// fired reports whether an interrupt came.
func (in *interrupts) fired() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.got
}

// setSystem makes sys the WASI system an interrupt interrupts.
func (in *interrupts) setSystem(sys *wasi.System) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.sys = sys
	if in.got {
		sys.Interrupt()
	}
}

// attach makes ex the execution an interrupt stops (nil: none), and
// reports false, attaching nothing, when an interrupt came already.
func (in *interrupts) attach(ex *vm.Execution) bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.got && ex != nil {
		return false
	}
	in.ex = ex
	return true
}

// printFrames shows msg and where a paused execution stands, innermost
// first, formatted (and folded) as a trap's stack trace is.
func printFrames(w io.Writer, msg string, ex *vm.Execution) {
	where := vm.Trap{Msg: msg}
	for _, f := range ex.Frames() {
		where.Stack = append(where.Stack, vm.StackFrame{Func: f.Func, Name: f.Name, Offset: f.Offset})
	}
	fmt.Fprintln(w, where.Trace())
}

// stdioKind is what the standard stream v is on the host, so the program
// buffers its output as it would natively. An in-process reader or writer
// (the tests') counts as a pipe.
func stdioKind(v any) wasi.StdioKind {
	if f, ok := v.(*os.File); ok {
		return wasi.StdioKindOf(f)
	}
	return wasi.StdioPipe
}

// loadModule reads and compiles a module, binary or text by its content
// (vm.Load), whatever the file is called. bin is the file's bytes when it
// is a binary module (for its debug information), else nil.
func loadModule(path string) (m *vm.Module, bin []byte, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	m, f, err := vm.Load(path, b)
	if f == vm.Binary {
		bin = b
	}
	return m, bin, err
}

// parseMounts turns --mount HOST:GUEST[:ro] values into preopens. A bare
// HOST mounts it at the same path; an empty HOST (":/tmp") is an empty
// in-memory folder.
func parseMounts(mounts []string) ([]wasi.Preopen, error) {
	var out []wasi.Preopen
	for _, m := range mounts {
		parts := strings.Split(m, ":")
		ro := false
		if len(parts) == 3 && parts[2] == "ro" {
			ro, parts = true, parts[:2]
		}
		if len(parts) == 1 {
			parts = append(parts, parts[0])
		}
		if len(parts) != 2 || parts[1] == "" || !strings.HasPrefix(parts[1], "/") {
			return nil, fmt.Errorf("--mount %q: want HOST:GUEST[:ro] with an absolute GUEST path", m)
		}
		if parts[0] == "" {
			// No host folder: an empty in-memory one, gone after the run.
			out = append(out, wasi.Preopen{GuestPath: parts[1], FS: wasi.NewMemFS(), ReadOnly: ro})
			continue
		}
		dir, err := wasi.OSDir(parts[0])
		if err != nil {
			return nil, fmt.Errorf("--mount %q: %v", m, err)
		}
		out = append(out, wasi.Preopen{GuestPath: parts[1], FS: dir, ReadOnly: ro})
	}
	return out, nil
}
