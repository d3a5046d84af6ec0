package debuginfo_test

import (
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// next steps ex over one source line as gdb's next does (see
// Info.StatementAt): it returns the line it stops on, or ok false when
// the execution ends. Calls are stepped over; a return finishes the
// caller's line.
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
		if len(fs) == 0 {
			return debuginfo.Line{}, false
		}
		if len(fs) > depth {
			continue // in a function it called
		}
		off = fs[0].Offset
		if len(fs) < depth { // returned: on to the end of the caller's line
			depth, inlined = len(fs), len(info.Frames(off))
			start, _ = info.LineAt(off)
			continue
		}
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

// gdbLine is a source line gdb prints when it stops: "22\t    total += …".
var gdbLine = regexp.MustCompile(`^(\d+)\t`)

// gdbNext runs native (a host build of vars.c) under gdb: break fn, then
// next, n times. It returns the lines gdb stops at while in vars.c.
func gdbNext(t *testing.T, gdb, native, fn string, n int) []int {
	args := []string{"-batch", "-nx", "-ex", "break " + fn, "-ex", "run"}
	for i := 0; i < n; i++ {
		args = append(args, "-ex", "next")
	}
	// gdb exits with status 1 when a next finds the program ended: the
	// stops before that are all that matter.
	out, err := exec.Command(gdb, append(args, native)...).Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("gdb: %v", err)
	}
	var lines []int
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, " at ") && !strings.Contains(l, "vars.c") {
			break // a frame of the C library
		}
		if m := gdbLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[1])
			lines = append(lines, n)
		}
	}
	return lines
}

// upTo returns lines up to the first stop, included.
func upTo(lines []int, stop int) []int {
	for i, l := range lines {
		if l == stop {
			return lines[:i+1]
		}
	}
	return lines
}

// TestStepByLine steps the -O0 build line by line, from a breakpoint on a
// function, and visits the lines gdb's next visits in the same program
// built for the host: through main, and through sum_squares's loop and
// back into main. Both stop at the printf, which takes the engine seconds
// to step over one instruction at a time.
func TestStepByLine(t *testing.T) {
	noToolchains(t)
	gdb := toolchain.Tool(t, "gdb", "gdb")
	native := toolchain.NativeC(t, "testdata/vars.c", "-g", "-O0")
	wasm := varsC(t, "-g", "-O0")
	b, info := readModule(t, wasm)
	stop := sourceLine(t, "vars.c", "PRINT")
	for _, fn := range []string{"main", "sum_squares"} {
		t.Run(fn, func(t *testing.T) {
			want := upTo(gdbNext(t, gdb, native, fn, 20), stop)
			if len(want) < 5 || want[len(want)-1] != stop {
				t.Fatalf("gdb stopped at %v, want a run of lines up to %d", want, stop)
			}
			fs := info.FuncsNamed(fn)
			if len(fs) != 1 {
				t.Fatalf("FuncsNamed(%s) = %v", fn, fs)
			}
			ex, _, _ := runToBreakpoint(t, wasm, b, info.AfterPrologue(fs[0]))
			l, _ := info.LineAt(ex.Frames()[0].Offset)
			got := []int{l.Line}
			for len(got) < 100 && got[len(got)-1] != stop {
				l, ok := next(t, ex, info)
				if !ok {
					break
				}
				got = append(got, l.Line)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("visited lines %v, gdb %v", got, want)
			}
		})
	}
}

// TestLocalsAgainstGDB compares main's locals at the BREAK line, read from
// the paused engine, with what gdb's info locals prints at the same line
// of the host build. Addresses differ between the two (only their being
// addresses is compared), and gdb shows a char array's bytes past its
// string's NUL, which are cut.
func TestLocalsAgainstGDB(t *testing.T) {
	noToolchains(t)
	gdb := toolchain.Tool(t, "gdb", "gdb")
	native := toolchain.NativeC(t, "testdata/vars.c", "-g", "-O0")
	line := sourceLine(t, "vars.c", "BREAK")
	out, err := exec.Command(gdb, "-batch", "-nx", "-ex", fmt.Sprintf("break vars.c:%d", line), "-ex", "run", "-ex", "info locals", native).Output()
	if err != nil {
		t.Fatalf("gdb: %v\n%s", err, out)
	}
	want := map[string]string{}
	for _, l := range strings.Split(string(out), "\n") {
		if name, value, ok := strings.Cut(l, " = "); ok && !strings.ContainsAny(name, " \t") {
			want[name] = normalizeValue(value)
		}
	}
	if len(want) < len(mainLocals) {
		t.Fatalf("gdb listed %d locals:\n%s", len(want), out)
	}

	wasm := varsC(t, "-g", "-O0")
	b, info := readModule(t, wasm)
	sites, err := info.LineSites("vars.c", line)
	if err != nil {
		t.Fatal(err)
	}
	off := sites.Offsets[0]
	_, state, _ := runToBreakpoint(t, wasm, b, off)
	vars, err := info.Vars(info.FuncAt(off), off)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, v := range vars {
		value, err := info.Value(v, off, state)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		got[v.Name] = normalizeValue(value)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		for name, w := range want {
			if got[name] != w {
				t.Errorf("%s = %s, gdb %s", name, got[name], w)
			}
		}
		t.Errorf("locals %v, gdb %v", got, want)
	}
}

var (
	addressRe = regexp.MustCompile(`0x[0-9a-f]+`)
	nulTailRe = regexp.MustCompile(`(\\000)+"`)
)

// normalizeValue makes a value comparable across the host build and the
// Wasm one: addresses become 0x…, trailing NULs of a char array go.
func normalizeValue(v string) string {
	v = nulTailRe.ReplaceAllString(v, `"`)
	return addressRe.ReplaceAllString(v, "0x…")
}

// TestLineSitesAgainstGDB asks gdb where `break vars.c:N` goes in the host
// build, for every line and a few past the end, and LineSites the same of
// the Wasm build: the same line, or both find none.
func TestLineSitesAgainstGDB(t *testing.T) {
	noToolchains(t)
	gdb := toolchain.Tool(t, "gdb", "gdb")
	native := toolchain.NativeC(t, "testdata/vars.c", "-g", "-O0")
	_, info := readModule(t, varsC(t, "-g", "-O0"))
	n := strings.Count(string(readTestdata(t, "vars.c")), "\n") + 3
	var args []string
	for i := 1; i <= n; i++ {
		args = append(args, "-ex", fmt.Sprintf("break vars.c:%d", i))
	}
	out, err := exec.Command(gdb, append(append([]string{"-batch", "-nx"}, args...), native)...).CombinedOutput()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("gdb: %v", err)
		}
	}
	// gdb answers each break in order: "Breakpoint K at …, line M." or
	// "No line N in file".
	resolved := regexp.MustCompile(`^Breakpoint (\d+) at .*, line (\d+)\.$|^No line (\d+) in file`)
	var want []int // by requested line - 1; 0 for none
	for _, l := range strings.Split(string(out), "\n") {
		m := resolved.FindStringSubmatch(l)
		switch {
		case m == nil:
		case m[2] != "":
			line, _ := strconv.Atoi(m[2])
			want = append(want, line)
		default:
			want = append(want, 0)
		}
	}
	if len(want) != n {
		t.Fatalf("gdb answered %d of %d breaks:\n%s", len(want), n, out)
	}
	for i := 1; i <= n; i++ {
		got := 0
		if s, err := info.LineSites("vars.c", i); err == nil {
			got = s.Line
		}
		if got != want[i-1] {
			t.Errorf("break vars.c:%d: line %d, gdb %d (0: none)", i, got, want[i-1])
		}
	}
}
