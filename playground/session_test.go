package playground

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// addWasm is static/examples/add.wat as a binary module with a name
// section (func $add, locals $a $b), made once with wat2wasm --debug-names.
var addWasm = mustHex("0061736d0100000001070160027f7f017f03020100070701036164640000" +
	"0a09010700200020016a0b0018046e616d65010601000361646402090100020001610101 62")

func mustHex(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// source reads a test program: testdata/NAME, else the page's example.
func source(t *testing.T, name string) []byte {
	t.Helper()
	for _, dir := range []string{"testdata", "../static/examples"} {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			return b
		}
	}
	t.Fatalf("no test program %s", name)
	return nil
}

// load returns a session with the named program loaded.
func load(t *testing.T, name string, opts Options) *Session {
	t.Helper()
	s := New(opts)
	if err := s.Load(name, source(t, name)); err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return s
}

// runToEnd runs the current job in slices until it is no longer Running.
func runToEnd(t *testing.T, s *Session, fuel int64) State {
	t.Helper()
	for i := 0; i < 1_000_000; i++ {
		if st := s.RunSlice(fuel); st != Running {
			return st
		}
	}
	t.Fatal("the run did not end")
	return 0
}

func TestLoadErrors(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	tests := []struct {
		name string
		file string
		data []byte
		want string // a fragment of the error
	}{
		{"empty", "e.wasm", nil, "empty"},
		{"random bytes", "r.wasm", []byte{0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0xff, 0xfe, 0x13}, "not a WebAssembly module: it starts with the bytes de ad be ef"},
		{"png renamed", "photo.wasm", png, "photo.wasm is a PNG image"},
		{"header cut", "h.wasm", []byte("\x00as"), "truncated module"},
		{"truncated module", "t.wasm", addWasm[:len(addWasm)/2], "t.wasm: "},
		{"component", "c.wasm", []byte("\x00asm\x0d\x00\x01\x00"), "component"},
		{"wat syntax error", "bad.wat", []byte("(module\n  (func (result i32)\n    i32.const 1\n    i32.frob))\n"), "bad.wat:4:"},
		{"wat type error", "bad.wat", []byte("(module (func (result i32) i64.const 1))"), "bad.wat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.file, tt.data)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadKeepsProgramOnError(t *testing.T) {
	s := load(t, "add.wat", Options{})
	if err := s.Load("x.wasm", []byte("garbage!")); err == nil {
		t.Fatal("garbage loaded")
	}
	if s.Program() == nil || s.Program().Name != "add.wat" {
		t.Errorf("program after a failed load: %+v", s.Program())
	}
	if err := s.Load("add.wasm", addWasm); err != nil {
		t.Fatalf("the next good load fails: %v", err)
	}
}

func TestInspect(t *testing.T) {
	p, err := Load("add.wasm", addWasm)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range p.Info.Sections {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, " "); got != "type function export code name" {
		t.Errorf("sections = %q", got)
	}
	if p.Info.Sections[0].Offset != 8 || p.Info.Sections[0].Count != 1 {
		t.Errorf("type section = %+v", p.Info.Sections[0])
	}
	if len(p.Info.Exports) != 1 || p.Info.Exports[0].Name != "add" || p.Info.Exports[0].Type != "(func (param i32 i32) (result i32))" {
		t.Errorf("exports = %+v", p.Info.Exports)
	}
	if len(p.Info.Funcs) != 1 || vm.FuncLabel(p.Module.Syntax(), 0) != "$add" {
		t.Errorf("funcs = %+v", p.Info.Funcs)
	}

	h, err := Load("hello.wat", source(t, "hello.wat"))
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Info.Imports) != 1 || h.Info.Imports[0].Name != "fd_write" {
		t.Errorf("imports = %+v", h.Info.Imports)
	}
	if got := h.Info.Summary(); got != "2 functions (1 imported), 1 memory, exports memory, _start" {
		t.Errorf("summary = %q", got)
	}
	var sections []string
	for _, s := range h.Info.Sections {
		sections = append(sections, s.Name)
	}
	if got := strings.Join(sections, " "); !strings.HasPrefix(got, "type import function memory export code data") {
		t.Errorf("sections of the text module = %q", got)
	}
	if h.Info.Sections[0].Offset != 8 {
		t.Errorf("text module's type section at %d, want 8", h.Info.Sections[0].Offset)
	}
}

func TestRunOutcomes(t *testing.T) {
	tests := []struct {
		file    string
		cfg     RunConfig
		outcome runner.Kind
		code    uint32
		stdout  string
		console string // a fragment of the whole console
	}{
		{file: "hello.wat", outcome: runner.Returned, stdout: "Hello, World!\n", console: "exit status 0"},
		{file: "stderr.wat", outcome: runner.Returned, stdout: "out\nout\n", console: "out\nerr\nout\n"},
		{file: "exit.wat", outcome: runner.Exited, code: 7, console: "exit status 7"},
		// The console is a terminal: stdin, stdout and stderr are
		// character devices (2), so C programs line-buffer their output.
		{file: "stdiotype.wat", outcome: runner.Exited, code: 222, console: "exit status 222"},
		{file: "trap.wat", outcome: runner.Trapped, console: "at $inner"},
		{file: "echo.wat", cfg: RunConfig{Stdin: []byte("abc\n"), StdinEOF: true}, outcome: runner.Returned, stdout: "abc\n"},
		{file: "add.wat", outcome: runner.Ready, console: "nothing to run"},
		{file: "fib.wat", outcome: runner.Returned},
		// Wasm 3.0: structs in an array, an exception thrown and caught.
		{file: "shapes.wat", outcome: runner.Returned, stdout: "total area: 26\nbad side in rectangle 2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			s := load(t, tt.file, Options{})
			s.Configure(tt.cfg)
			if err := s.Start(); err != nil {
				t.Fatal(err)
			}
			if st := runToEnd(t, s, 1000); st != Idle {
				t.Fatalf("state %v", st)
			}
			if r := s.Result(); r == nil || r.Kind != tt.outcome || r.ExitCode != tt.code {
				t.Errorf("result %+v, want outcome %d code %d", r, tt.outcome, tt.code)
			}
			if tt.stdout != "" && s.Out.Text(Stdout) != tt.stdout {
				t.Errorf("stdout %q, want %q", s.Out.Text(Stdout), tt.stdout)
			}
			all := ""
			for _, c := range s.Out.Snapshot().Chunks {
				all += c.Text
			}
			if !strings.Contains(all, tt.console) {
				t.Errorf("console %q lacks %q", all, tt.console)
			}
		})
	}
}

// The data segments are in memory before the first instruction runs, and
// the hello world's text is at address 0.
func TestMemoryBeforeAndAfter(t *testing.T) {
	s := load(t, "hello.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	rows := HexRows(s.Memory(0), 0, 1, nil)
	if len(rows) != 1 || !strings.Contains(rows[0].String(), "|Hello, World!...|") {
		t.Fatalf("row 0 before the run: %v", rows)
	}
	// The first store writes the iovec's buffer address (0) at 16: the
	// bytes are zero already, so nothing changes. The second writes 14 at
	// 20.
	for i := 0; i < 6; i++ {
		if st := s.Step(); st != Paused {
			t.Fatalf("step %d: state %v", i, st)
		}
	}
	w := s.Written(0)
	if !w.Contains(20) || w.Contains(16) || w.Bytes() != 1 {
		t.Errorf("written after the second store: %v", w)
	}
	runToEnd(t, s, -1)
	if s.Memory(0)[24] != 14 {
		t.Errorf("nwritten = %d, want 14", s.Memory(0)[24])
	}
}

func TestSeveralMemories(t *testing.T) {
	s := load(t, "twomem.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if s.Memories() != 2 {
		t.Fatalf("%d memories", s.Memories())
	}
	if got := string(s.Memory(1)[16:22]); got != "second" {
		t.Errorf("memory 1 at 16: %q", got)
	}
	runToEnd(t, s, -1)
	if s.Memory(1)[40] != 'A' || !s.Written(1).Contains(40) {
		t.Errorf("memory 1 at 40: %d, written %v", s.Memory(1)[40], s.Written(1))
	}
}

// A runaway loop runs in slices and stops when told to from another
// goroutine, as the page's Stop button does.
func TestStopRunaway(t *testing.T) {
	s := load(t, "loop.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		if st := s.RunSlice(10_000); st != Running {
			t.Fatalf("slice %d: %v", i, st)
		}
	}
	go s.Stop()
	if st := runToEnd(t, s, -1); st != Idle {
		t.Fatalf("state %v", st)
	}
	if r := s.Result(); r.Kind != runner.Stopped {
		t.Errorf("result %+v", r)
	}
}

func TestPause(t *testing.T) {
	s := load(t, "loop.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.RunSlice(1000)
	s.Pause()
	if st := s.RunSlice(-1); st != Paused || s.PauseReason() != "paused" {
		t.Fatalf("state %v (%s)", st, s.PauseReason())
	}
	p := s.Paused()
	if p == nil || len(p.Frames) != 1 || p.Frames[0].Name != "$spin" {
		t.Fatalf("paused view %+v", p)
	}
	s.Kill()
	if s.State() != Idle || s.Result().Kind != runner.Stopped {
		t.Errorf("after Kill: %v %+v", s.State(), s.Result())
	}
}

// A program reading stdin waits until input is written, then sees EOF.
func TestStdinStream(t *testing.T) {
	s := load(t, "echo.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan State)
	go func() { done <- runToEnd(t, s, 1000) }()
	waitFor(t, s.Stdin.Waiting)
	s.Stdin.Write([]byte("first line\n"))
	waitFor(t, func() bool { return strings.Contains(s.Out.Text(Stdout), "first line") })
	waitFor(t, s.Stdin.Waiting)
	s.Stdin.Close()
	if st := <-done; st != Idle {
		t.Fatalf("state %v", st)
	}
	files := s.Files()
	if len(files) != 1 || files[0].Path != "/out.txt" || files[0].Size != 4 {
		t.Fatalf("files %+v", files)
	}
	if b, err := s.ReadFile("/out.txt"); err != nil || string(b) != "bye\n" {
		t.Errorf("out.txt = %q, %v", b, err)
	}
}

// Stop ends a program blocked on stdin.
func TestStopWhileReading(t *testing.T) {
	s := load(t, "echo.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan State)
	go func() { done <- runToEnd(t, s, 1000) }()
	waitFor(t, s.Stdin.Waiting)
	s.Stop()
	if st := <-done; st != Idle || s.Result().Kind != runner.Stopped {
		t.Fatalf("state %v, result %+v", st, s.Result())
	}
}

// Stop ends a program sleeping in poll_oneoff at once, not when its
// minute is over.
func TestStopWhileSleeping(t *testing.T) {
	s := load(t, "sleep.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan State)
	go func() { done <- runToEnd(t, s, 1000) }()
	waitFor(t, func() bool { return strings.Contains(s.Out.Text(Stdout), "sleeping") })
	s.Stop()
	select {
	case st := <-done:
		if st != Idle || s.Result().Kind != runner.Stopped {
			t.Fatalf("state %v, result %+v", st, s.Result())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still sleeping 10s after Stop")
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for i := 0; i < 5000; i++ {
		if cond() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("condition not reached")
}

func TestFilesBeforeTheRun(t *testing.T) {
	s := load(t, "hello.wat", Options{})
	s.Configure(RunConfig{Files: []File{{Path: "data/in.txt", Data: []byte("x")}, {Path: "/top", Data: nil}}})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files() {
		got = append(got, f.Path)
	}
	if strings.Join(got, " ") != "/data/in.txt /top" {
		t.Errorf("files %q", got)
	}
	s.Configure(RunConfig{Files: []File{{Path: "/", Data: nil}}})
	if err := s.Start(); err == nil {
		t.Error("a file named / was accepted")
	}
}

func TestBreakpointsAndStepping(t *testing.T) {
	s := load(t, "fib.wat", Options{})
	s.Configure(RunConfig{Breakpoints: []string{"fib"}})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if st := runToEnd(t, s, 1000); st != Paused || s.PauseReason() != "breakpoint" {
		t.Fatalf("state %v (%s)", st, s.PauseReason())
	}
	p := s.Paused()
	if p.Frames[0].Name != "$fib" || len(p.Frames) != 2 {
		t.Fatalf("frames %+v", p.Frames)
	}
	if l := p.Frames[0].Locals; len(l) != 1 || l[0].Name != "$n" || l[0].Value != "20" {
		t.Errorf("locals %+v", l)
	}
	// Continue: the breakpoint hits again in the recursive call.
	if st := runToEnd(t, s, 1000); st != Paused {
		t.Fatalf("state %v", st)
	}
	if p := s.Paused(); len(p.Frames) != 3 || p.Frames[0].Locals[0].Value != "19" {
		t.Errorf("second hit: %+v", p.Frames)
	}
	if st := s.Step(); st != Paused || s.PauseReason() != "step" {
		t.Errorf("step: %v %s", st, s.PauseReason())
	}
}

// Step over a call runs the whole callee and pauses after the call.
func TestStepOver(t *testing.T) {
	s := load(t, "fib.wat", Options{})
	s.Configure(RunConfig{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	// _start: i32.const 0, i32.const 20, call $fib, i32.store, end.
	s.Step()
	s.Step()
	p := s.Paused()
	if len(p.Frames) != 1 {
		t.Fatalf("frames %+v", p.Frames)
	}
	st := s.StepOver()
	for st == Running {
		st = s.RunSlice(1000)
	}
	p = s.Paused()
	if st != Paused || p == nil || len(p.Frames) != 1 || p.Frames[0].Name != "$main" {
		t.Fatalf("after step over: %v %+v", st, p)
	}
	if stk := p.Frames[0].Stack; len(stk) != 2 || stk[1].Value != "6765" {
		t.Errorf("stack after fib(20): %+v", stk)
	}
}

func TestCall(t *testing.T) {
	tests := []struct {
		file, export, args string
		want               string // the console's last line
		err                string
	}{
		{"add.wat", "add", "1 2", "add(1, 2) → 3", ""},
		{"add.wat", "add", "-1, 0x10", "add(-1, 16) → 15", ""},
		{"fib.wat", "fib", "10", "fib(10) → 55", ""},
		{"add.wat", "add", "1", "", "1 arguments given, the function takes 2"},
		{"add.wat", "add", "1 x", "", `argument 2 (i32): "x" is not an i32`},
		{"add.wat", "sub", "1 2", "", `exports no function "sub"`},
	}
	for _, tt := range tests {
		t.Run(tt.export+" "+tt.args, func(t *testing.T) {
			s := load(t, tt.file, Options{})
			err := s.Call(tt.export, tt.args)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			runToEnd(t, s, 1000)
			if got := s.Out.Text(System); !strings.HasSuffix(got, tt.want+"\n") {
				t.Errorf("console %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCallBinaryModule(t *testing.T) {
	s := New(Options{})
	if err := s.Load("add.wasm", addWasm); err != nil {
		t.Fatal(err)
	}
	if err := s.Call("add", "40 2"); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	if r := s.Result(); r.Kind != runner.Returned || len(r.Values) != 1 || r.Values[0] != vm.I32(42) {
		t.Errorf("result %+v", r)
	}
}

func TestOutputCapOfARun(t *testing.T) {
	s := load(t, "spam.wat", Options{OutputLimit: 1000})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, 100_000)
	snap := s.Out.Snapshot()
	if s.Out.Total(Stdout) != 500_000 || snap.Cut == 0 {
		t.Errorf("total %d, cut %d", s.Out.Total(Stdout), snap.Cut)
	}
}

func TestSources(t *testing.T) {
	s := New(Options{})
	if err := s.Load("add.wasm", addWasm); err != nil {
		t.Fatal(err)
	}
	if got := s.ModuleText(); !strings.Contains(got, "(func $add") || !strings.Contains(got, "i32.add") {
		t.Errorf("module text:\n%s", got)
	}
	src := s.FuncSource(0)
	// The body's instructions are at 0x23 (local.get 0), 0x25, 0x27.
	i := src.Line(0x27)
	if i < 0 || !strings.Contains(src.Lines[i], "i32.add") {
		t.Errorf("line at 0x27: %d in %q", i, src.Lines)
	}
	if src.Line(0x1) != -1 {
		t.Error("a line found at offset 1")
	}
	h := load(t, "hello.wat", Options{})
	if h.ModuleText() != string(source(t, "hello.wat")) {
		t.Error("a text module's text is not its source")
	}
}

// Before the first run, memory shows the data segments of an instance that
// never ran.
func TestMemoryPreview(t *testing.T) {
	s := load(t, "twomem.wat", Options{})
	if s.Memories() != 2 || string(s.Memory(1)[16:22]) != "second" {
		t.Fatalf("preview: %d memories", s.Memories())
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	if s.Memory(1)[40] != 'A' {
		t.Error("after the run the views still show the preview")
	}
	if err := s.Load("add.wat", source(t, "add.wat")); err != nil {
		t.Fatal(err)
	}
	if s.Memories() != 0 || s.Memory(0) != nil {
		t.Errorf("add.wat has no memory, the views show %d", s.Memories())
	}
}

// A call after a stopped run starts from a fresh instance, not from the
// stopped one's half-done state.
func TestCallAfterStop(t *testing.T) {
	s := load(t, "fib.wat", Options{})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	s.Step()
	s.Kill()
	if s.Memories() != 1 {
		t.Fatal("the stopped run's memory is not shown")
	}
	if err := s.Call("fib", "5"); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	if r := s.Result(); r.Kind != runner.Returned || vm.FormatValue(r.Values[0]) != "5" {
		t.Errorf("result %+v", r)
	}
}

func TestCallInitializesAReactor(t *testing.T) {
	const reactor = `(module
  (global $ready (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $ready (i32.const 42)))
  (func (export "ready") (result i32) (global.get $ready)))`
	s := New(Options{})
	if err := s.Load("reactor.wat", []byte(reactor)); err != nil {
		t.Fatal(err)
	}
	if err := s.Call("ready", ""); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	if r := s.Result(); r == nil || r.Kind != runner.Returned || vm.FormatValue(r.Values[0]) != "42" {
		t.Errorf("ready() after _initialize: %+v", r)
	}
}

func TestBudgetRefusalIsReported(t *testing.T) {
	s := load(t, "growbomb.wat", Options{Limits: vm.Config{MemoryBudget: 32 << 20}})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	res := s.Result()
	if res == nil || res.Kind != runner.Exited || res.Refused == nil {
		t.Fatalf("result %+v", res)
	}
	// The memory reached near 32 MiB: the grow refused is one page more.
	size := int64(len(s.Memory(0)))
	if res.Refused.GrowTo != size+65536 || size < 28<<20 {
		t.Errorf("refused growth to %d bytes with %d held", res.Refused.GrowTo, size)
	}
	want := fmt.Sprintf("the store's memory budget of 32 MiB refused to grow memory 0 to %d bytes", size+65536)
	if text := s.Out.Text(System); !strings.Contains(text, want) {
		t.Errorf("console:\n%s\nwant a line with %q", text, want)
	}
	// The next run starts afresh, with nothing refused.
	if err := s.Load("hello.wat", source(t, "hello.wat")); err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, -1)
	if res := s.Result(); res.Kind != runner.Returned || res.Refused != nil {
		t.Errorf("hello's result %+v", res)
	}
}

// TestSequence: the page runs a module as the command line does
// (package runner): Start and Call on each kind of module.
func TestSequence(t *testing.T) {
	const trail = `(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
	  (global $trail (export "trail") (mut i32) (i32.const 0))
	  (func $mark (param i32)
	    (global.set $trail (i32.add (i32.mul (global.get $trail) (i32.const 10)) (local.get 0))))
	  (func (export "get") (result i32) (global.get $trail))`
	tests := []struct {
		name string
		body string
		call string // "" for Start
		kind runner.Kind
		what string
		code uint32
		// trail is the global the steps leave (start 1, _initialize 2,
		// _start 3), -1 when the run did not instantiate.
		trail int32
	}{
		{"command", `(func $s (call $mark (i32.const 1))) (start $s) (func (export "_start") (call $mark (i32.const 3)))`,
			"", runner.Returned, "_start", 0, 13},
		{"reactor alone", `(func (export "_initialize") (call $mark (i32.const 2)))`,
			"", runner.Ready, "_initialize", 0, 2},
		{"reactor and a call", `(func (export "_initialize") (call $mark (i32.const 2)))`,
			"get", runner.Returned, "get()", 0, 2},
		{"neither", `(func $s (call $mark (i32.const 1))) (start $s)`,
			"", runner.Ready, "start function", 0, 1},
		{"both kinds", `(func (export "_start")) (func (export "_initialize"))`,
			"", runner.Failed, "both.wat", 0, -1},
		{"start function traps", `(func $s unreachable) (start $s) (func (export "_start") (call $mark (i32.const 3)))`,
			"", runner.Trapped, "start function", 0, 0},
		{"proc_exit in _initialize", `(func (export "_initialize") (call $mark (i32.const 2)) (call $exit (i32.const 6)))`,
			"get", runner.Exited, "_initialize", 6, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{})
			name := strings.ReplaceAll(tt.name, " ", "_") + ".wat"
			if tt.kind == runner.Failed {
				name = "both.wat"
			}
			if err := s.Load(name, []byte("(module "+trail+tt.body+")")); err != nil {
				t.Fatal(err)
			}
			var err error
			if tt.call != "" {
				err = s.Call(tt.call, "")
			} else {
				err = s.Start()
			}
			if (err != nil) != (tt.kind == runner.Failed) {
				t.Fatalf("error %v", err)
			}
			runToEnd(t, s, -1)
			r := s.Result()
			if r == nil || r.Kind != tt.kind || r.What != tt.what || r.ExitCode != tt.code || r.Call != (tt.call != "") {
				t.Fatalf("result %+v, want %v in %q code %d", r, tt.kind, tt.what, tt.code)
			}
			if tt.trail < 0 {
				return
			}
			if g := s.Globals(); len(g) != 1 || g[0].Value != strconv.Itoa(int(tt.trail)) {
				t.Errorf("globals %+v, want the trail %d", g, tt.trail)
			}
		})
	}
}
