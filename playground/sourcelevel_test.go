package playground

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// cModule builds static/examples/src/cio.c with clang and flags; under
// GOOS=js, where a test has no processes to run clang in, the test is
// skipped (the native run covers it), as the engine's program tests are.
func cModule(t *testing.T, flags ...string) []byte {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	b, err := os.ReadFile(toolchain.C(t, "../static/examples/src/cio.c", flags...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cioLine returns the 1-based line of static/examples/src/cio.c that
// holds text.
func cioLine(t *testing.T, text string) int {
	t.Helper()
	b, err := os.ReadFile("../static/examples/src/cio.c")
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("cio.c has no line with %q", text)
	return 0
}

// The C example built as the page ships it (-O0 -g, source embedded):
// its source, a breakpoint at FILE:LINE, stepping by line, the variables
// of the frame and the call stack in source terms.
func TestSourceLevel(t *testing.T) {
	bin := cModule(t, "-O0", "-g", "-gdwarf-5", "-gembed-source")
	s := New(Options{})
	if err := s.Load("cio.wasm", bin); err != nil {
		t.Fatal(err)
	}
	di := s.DebugInfo()
	if di.Error != "" || !strings.HasSuffix(di.Main, "cio.c") {
		t.Fatalf("debug info %+v", di)
	}
	text, origin, err := s.SourceText(di.Main)
	if err != nil || !strings.Contains(text, "int lines = 0;") || !strings.Contains(origin, "embedded") {
		t.Fatalf("source %q from %q: %v", text, origin, err)
	}
	loop := cioLine(t, "lines++;")
	s.Configure(RunConfig{Stdin: []byte("ab\ncd\n"), StdinEOF: true, Breakpoints: []string{"cio.c:" + itoa(loop)}})
	_ = s.Start()
	p := pausedAt(t, s, settle(t, s, Running), "breakpoint", s.Paused().Frames[0].Name)
	value := func(p *PausedView, name string) string {
		for _, v := range p.Frames[0].Vars {
			if v.Name == name {
				return v.Type + " " + v.Value
			}
		}
		t.Fatalf("no variable %s in %+v", name, p.Frames[0].Vars)
		return ""
	}
	if src := p.Frames[0].Src; len(src) == 0 || src[0].Func != "main" || src[0].Line != loop {
		t.Fatalf("source frames %+v, want main at line %d", src, loop)
	}
	if got := value(p, "lines"); got != "int 0" {
		t.Fatalf("lines = %s, want int 0", got)
	}
	if got := value(p, "line"); !strings.Contains(got, `"ab\n"`) {
		t.Fatalf("line = %s", got)
	}
	steps := []struct {
		over bool
		line int // the line stepped to
	}{
		{true, loop + 1},
		{true, loop + 2},
	}
	for _, st := range steps {
		if got := s.StepLine(st.over); got != Paused {
			t.Fatalf("step line: %v", got)
		}
		p = s.Paused()
		if src := p.Frames[0].Src; src[0].Line != st.line {
			t.Fatalf("stepped to line %d, want %d", src[0].Line, st.line)
		}
	}
	if got := value(p, "lines"); got != "int 1" {
		t.Fatalf("after lines++: lines = %s", got)
	}
	if bps := s.Breakpoints(); len(bps) == 0 || bps[0].Line != "cio.c:"+itoa(loop) {
		t.Fatalf("breakpoints %+v", bps)
	}
}

// A traced run of a program with DWARF: its trace rows end with file:line.
func TestTraceSourceLines(t *testing.T) {
	bin := cModule(t, "-O0", "-g")
	s := New(Options{})
	if err := s.Load("cio.wasm", bin); err != nil {
		t.Fatal(err)
	}
	s.Configure(RunConfig{Trace: true, StdinEOF: true, Breakpoints: []string{"cio.c:" + itoa(cioLine(t, "int lines = 0;"))}})
	_ = s.Start()
	settle(t, s, Running)
	s.Trace.Sync()
	n := s.Trace.Count(-1)
	rows := s.Trace.Rows(-1, max(n-20, 0), n)
	found := false
	for _, r := range rows {
		found = found || strings.Contains(r.Line, "cio.c:")
	}
	if !found {
		t.Fatalf("no row with cio.c:LINE among %+v", rows)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A module whose DWARF is broken still runs; DebugInfo says why it was
// not read, and file:line breakpoints say so too.
func TestBrokenDWARF(t *testing.T) {
	bin := cModule(t, "-O0", "-g")
	// Truncate .debug_info's contents in place: its name stays, its bytes
	// become zeros past the first few.
	i := strings.Index(string(bin), ".debug_info")
	if i < 0 {
		t.Fatal("no .debug_info")
	}
	for k := i + len(".debug_info") + 12; k < i+len(".debug_info")+4000 && k < len(bin); k++ {
		bin[k] = 0xff
	}
	s := New(Options{})
	if err := s.Load("broken.wasm", bin); err != nil {
		t.Fatal(err)
	}
	if di := s.DebugInfo(); !strings.Contains(di.Error, "could not be read") {
		t.Fatalf("debug info %+v", di)
	}
	if _, err := s.Break("cio.c:10"); err == nil {
		t.Error("a line breakpoint without readable DWARF: no error")
	}
	s.Configure(RunConfig{StdinEOF: true})
	_ = s.Start()
	if st := settle(t, s, Running); st != Idle || s.Result().Kind != runner.Returned {
		t.Fatalf("the run: %v %+v", st, s.Result())
	}
}
