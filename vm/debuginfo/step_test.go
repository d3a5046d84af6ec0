package debuginfo_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// next steps ex over one source line as gdb's next does (see
// Info.StatementAt): it returns the line it stops on, or ok false when the
// frame it started in has returned.
func next(t *testing.T, ex *vm.Execution, info *debuginfo.Info) (debuginfo.Line, bool) {
	t.Helper()
	fs := ex.Frames()
	depth, off := len(fs), fs[0].Offset
	start, _ := info.LineAt(off)
	inlined := len(info.Frames(off))
	for steps := 0; steps < 1_000_000; steps++ {
		if _, err := ex.Step(); err != nil || ex.Done() {
			return debuginfo.Line{}, false
		}
		fs := ex.Frames()
		if len(fs) < depth {
			return debuginfo.Line{}, false
		}
		if len(fs) > depth {
			continue // in a function it called
		}
		off = fs[0].Offset
		in := len(info.Frames(off))
		if in > inlined {
			continue // in a function inlined into this line
		}
		inlined = in
		if l, ok := info.StatementAt(off); ok && (l.Line != start.Line || l.File != start.File) {
			return l, true
		}
	}
	t.Fatal("a line took a million instructions")
	return debuginfo.Line{}, false
}

// TestStepByLine steps the -O0 build line by line through main and through
// sum_squares's loop, from a breakpoint on each function (after its
// prologue), and visits the lines gdb's next visits.
func TestStepByLine(t *testing.T) {
	noToolchains(t)
	wasm := varsC(t, "-g", "-O0")
	b, info := readModule(t, wasm)
	src := string(readTestdata(t, "vars.c"))
	lineOf := func(text string) int {
		i := strings.Index(src, text)
		if i < 0 {
			t.Fatalf("no %q in vars.c", text)
		}
		return 1 + strings.Count(src[:i], "\n")
	}
	total, loop, body, ret := lineOf("int total = 0;"), lineOf("for (int i = 1;"), lineOf("total += square(i);"), lineOf("return total;")
	// Stepping stops at the printf: stepping over it one instruction at a
	// time costs seconds, and says nothing more about the line table.
	tests := []struct {
		fn    string
		lines []int
	}{
		{"main", []int{
			lineOf("int count = 42;"), lineOf("double ratio"), lineOf("struct point p ="), lineOf("struct point *pp"),
			lineOf("unsigned char flags"), lineOf("long long big"), lineOf("float half"), lineOf("int primes[4]"),
			lineOf("const char *greeting"), lineOf("strcpy(name"), lineOf("count += sum_squares(3);"),
			lineOf("printf("),
		}},
		// The loop's header is met again after each body (its increment),
		// not a second time before the body (its condition).
		{"sum_squares", []int{total, loop, body, loop, body, loop, body, loop, ret}},
	}
	for _, tc := range tests {
		t.Run(tc.fn, func(t *testing.T) {
			fs := info.FuncsNamed(tc.fn)
			if len(fs) != 1 {
				t.Fatalf("FuncsNamed(%s) = %v", tc.fn, fs)
			}
			ex, _, _ := runToBreakpoint(t, wasm, b, info.AfterPrologue(fs[0]))
			l, _ := info.LineAt(ex.Frames()[0].Offset)
			got := []int{l.Line}
			for len(got) < 100 && got[len(got)-1] != lineOf("printf(") {
				l, ok := next(t, ex, info)
				if !ok {
					break
				}
				got = append(got, l.Line)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.lines) {
				t.Errorf("visited lines %v, want %v", got, tc.lines)
			}
		})
	}
}
