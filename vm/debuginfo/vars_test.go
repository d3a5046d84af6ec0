package debuginfo_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/wasi"
)

// The locals of testdata/vars.c's main at the line marked BREAK, as a C
// debugger shows them. pp and greeting hold addresses, checked apart.
var mainLocals = []struct {
	name, typ, value string
}{
	{"count", "int", "42"},
	{"ratio", "double", "2.5"},
	{"name", "char[16]", `"hello"`},
	{"p", "struct point", `{x = 3, y = -4, weight = 1.25, tag = "pt"}`},
	{"pp", "struct point *", ""},
	{"flags", "unsigned char", `200 '\310'`},
	{"big", "long long", "-1234567890123"},
	{"half", "float", "0.5"},
	{"primes", "int[4]", "{2, 3, 5, 7}"},
	{"greeting", "const char *", ""},
}

// TestBreakpointLocalsO0 runs the -O0 build in the engine to a breakpoint
// at the BREAK line, resolved through the line table, and reads main's
// locals from the paused frame.
func TestBreakpointLocalsO0(t *testing.T) {
	noToolchains(t)
	wasm := varsC(t, "-g", "-O0")
	b, info := readModule(t, wasm)
	line := sourceLine(t, "vars.c", "BREAK")
	sites, err := info.LineSites("vars.c", line)
	if err != nil {
		t.Fatal(err)
	}
	if sites.Line != line || len(sites.Offsets) != 1 {
		t.Fatalf("sites %+v, want one at line %d", sites, line)
	}
	off := sites.Offsets[0]
	// The breakpoint is the first instruction of the line: the lowest
	// address of a statement row of line BREAK.
	for _, l := range info.Lines() {
		if l.Line == line && l.IsStmt && l.Offset < off && l.File == sites.File {
			t.Errorf("a row of line %d at %#x, before the breakpoint %#x", line, l.Offset, off)
		}
	}

	ex, state, stdout := runToBreakpoint(t, wasm, b, off)
	frames := info.Frames(off)
	if len(frames) != 1 || frames[0].Func.Name != "main" || frames[0].Line != line {
		t.Fatalf("frames %+v, want main at line %d", frames, line)
	}
	vars, err := info.Vars(frames[0].Func, off)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*debuginfo.Var{}
	for _, v := range vars {
		byName[v.Name] = v
	}
	for _, want := range mainLocals {
		t.Run(want.name, func(t *testing.T) {
			v := byName[want.name]
			if v == nil {
				t.Fatalf("no variable %s among %d", want.name, len(vars))
			}
			if v.TypeName() != want.typ {
				t.Errorf("type %q, want %q", v.TypeName(), want.typ)
			}
			got, err := info.Value(v, off, state)
			if err != nil {
				t.Fatal(err)
			}
			switch want.name {
			case "pp":
				loc, err := info.Locate(byName["p"], off, state)
				if err != nil {
					t.Fatal(err)
				}
				if p := fmt.Sprintf("%#x", loc.Pieces[0].Addr); got != p {
					t.Errorf("value %q, want p's address %s", got, p)
				}
			case "greeting":
				if !strings.HasPrefix(got, "0x") || !strings.HasSuffix(got, ` "hi there"`) {
					t.Errorf("value %q, want an address and \"hi there\"", got)
				}
			default:
				if got != want.value {
					t.Errorf("value %q, want %q", got, want.value)
				}
			}
		})
	}

	// Running on, the program prints what the locals held.
	if st, err := ex.Run(-1); err == nil && st == vm.Paused {
		t.Fatalf("paused again at %#x", ex.Frames()[0].Offset)
	}
	if !strings.HasPrefix(stdout.String(), "56 2.5 hello 3 -4 200 -1234567890123 0.5 7 hi there") {
		t.Errorf("stdout %q", stdout.String())
	}
}

// runToBreakpoint runs the WASI program wasm (whose bytes are b) in the
// engine until it pauses at module offset off, and returns the paused
// execution, its innermost frame and the program's stdout so far.
func runToBreakpoint(t *testing.T, wasm string, b []byte, off uint32) (*vm.Execution, debuginfo.State, *bytes.Buffer) {
	t.Helper()
	mod, _, err := vm.Load(wasm, b)
	if err != nil {
		t.Fatal(err)
	}
	stdout := &bytes.Buffer{}
	sys, err := wasi.New(wasi.Config{Args: []string{"vars"}, Stdout: stdout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sys.Close() })
	store := vm.NewStore(vm.Config{})
	store.DefineHost(wasi.ModuleName, sys.Funcs())
	inst, err := store.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := inst.Call("_start")
	if err != nil {
		t.Fatal(err)
	}
	ex.SetBreakpoint(funcIndex(t, mod, off), off)
	st, err := ex.Run(-1)
	if err != nil || st != vm.Paused {
		t.Fatalf("run: %v, %v; want paused at the breakpoint", st, err)
	}
	fi := ex.Frames()[0]
	if fi.Offset != off {
		t.Fatalf("paused at %#x, want %#x", fi.Offset, off)
	}
	return ex, debuginfo.EngineFrame(fi), stdout
}

// TestBreakpointLocalsO2 reads sum_squares's parameter from the Wasm local
// the -O2 build keeps it in (a location list's DW_OP_WASM_location), and
// its locals from constants, at a breakpoint on the function.
// (In the -O0 build, TestBreakpointLocalsO0 reads memory through the frame
// base.)
func TestBreakpointLocalsO2(t *testing.T) {
	noToolchains(t)
	wasm := varsC(t, "-g", "-O2")
	b, info := readModule(t, wasm)
	fs := info.FuncsNamed("sum_squares")
	if len(fs) != 1 {
		t.Fatalf("FuncsNamed(sum_squares) = %v", fs)
	}
	// The function starts with a block, which the engine compiles to no
	// instruction of its own: the breakpoint goes after it.
	off := info.AfterPrologue(fs[0])
	if off <= fs[0].Body {
		t.Errorf("AfterPrologue = %#x, want past the block at the first instruction %#x", off, fs[0].Body)
	}
	_, state, _ := runToBreakpoint(t, wasm, b, off)
	vars, err := info.Vars(fs[0], off)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, v := range vars {
		if got[v.Name], err = info.Value(v, off, state); err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
	}
	// After the prologue the loop is about to begin: i is 1, total 0.
	want := map[string]string{"n": "3", "total": "0", "i": "1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("variables %v, want %v", got, want)
	}
	loc, err := info.Locate(vars[0], off, state)
	if err != nil || len(loc.Pieces) != 1 || loc.Pieces[0].Kind != debuginfo.InValue {
		t.Errorf("n's location %+v, %v: want a value (a Wasm local)", loc, err)
	}
}

// funcIndex returns the index of the function whose code holds module
// offset off.
func funcIndex(t *testing.T, mod *vm.Module, off uint32) uint32 {
	t.Helper()
	m := mod.Syntax()
	imported := uint32(0)
	for _, im := range m.Imports {
		if im.Kind == 0 {
			imported++
		}
	}
	for i := len(m.Funcs) - 1; i >= 0; i-- {
		if m.Funcs[i].Offset <= off {
			return imported + uint32(i)
		}
	}
	t.Fatalf("no function holds %#x", off)
	return 0
}

// TestFakeFrameO0 reads main's locals from a frame made up of known
// values: the frame base local points into a memory holding each local's
// encoding where llvm-dwarfdump says it lives (DW_OP_fbreg +N).
func TestFakeFrameO0(t *testing.T) {
	noToolchains(t)
	dwarfdump := toolchain.Tool(t, "llvm-dwarfdump", llvmPackage)
	wasm := varsC(t, "-g", "-O0")
	_, info := readModule(t, wasm)
	// main's frame base and its locals' offsets from it, as LLVM reads them.
	var frameBaseLocal uint64
	fbreg := map[string]int64{}
	for _, d := range parseDebugInfo(t, run(t, dwarfdump, "--debug-info", wasm)) {
		if d.tag == "DW_TAG_subprogram" && strAttr(d, "DW_AT_name") == "main" {
			if _, err := fmt.Sscanf(d.attrs["DW_AT_frame_base"], "(DW_OP_WASM_location 0x0 %v, DW_OP_stack_value)", &frameBaseLocal); err != nil {
				t.Fatalf("main's frame base %q: %v", d.attrs["DW_AT_frame_base"], err)
			}
		}
		if d.tag == "DW_TAG_variable" && d.parent != nil && strAttr(d.parent, "DW_AT_name") == "main" {
			var n int64
			if _, err := fmt.Sscanf(d.attrs["DW_AT_location"], "(DW_OP_fbreg %d)", &n); err != nil {
				t.Fatalf("%s's location %q: %v", strAttr(d, "DW_AT_name"), d.attrs["DW_AT_location"], err)
			}
			fbreg[strAttr(d, "DW_AT_name")] = n
		}
	}
	const base = 0x1000
	st := &fakeFrame{locals: map[uint32]uint64{uint32(frameBaseLocal): base}, mem: make([]byte, 0x2000)}
	put := func(name string, enc []byte) {
		n, ok := fbreg[name]
		if !ok {
			t.Fatalf("llvm-dwarfdump gives no location of %s", name)
		}
		copy(st.mem[base+n:], enc)
	}
	le := func(size int, v uint64) []byte {
		b := make([]byte, 8)
		binary.LittleEndian.PutUint64(b, v)
		return b[:size]
	}
	put("count", le(4, 42))
	put("ratio", le(8, math.Float64bits(2.5)))
	put("name", []byte("hello\x00garbage!"))
	point := append(append(append(le(4, 3), le(4, uint64(0xfffffffc))...), le(8, math.Float64bits(1.25))...), "pt\x00\x00\x00\x00\x00\x00"...)
	put("p", point)
	put("pp", le(4, uint64(base+fbreg["p"])))
	put("flags", []byte{200})
	big := int64(-1234567890123)
	put("big", le(8, uint64(big)))
	put("half", le(4, uint64(math.Float32bits(0.5))))
	put("primes", append(append(append(le(4, 2), le(4, 3)...), le(4, 5)...), le(4, 7)...))
	put("greeting", le(4, 0x1800))
	copy(st.mem[0x1800:], "hi there\x00")

	off := info.FuncsNamed("main")[0].Entry()
	line := sourceLine(t, "vars.c", "BREAK")
	if sites, err := info.LineSites("vars.c", line); err == nil {
		off = sites.Offsets[0]
	} else {
		t.Fatal(err)
	}
	f := info.FuncAt(off)
	vars, err := info.Vars(f, off)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range mainLocals {
		t.Run(want.name, func(t *testing.T) {
			var v *debuginfo.Var
			for _, x := range vars {
				if x.Name == want.name {
					v = x
				}
			}
			if v == nil {
				t.Fatalf("no variable %s", want.name)
			}
			loc, err := info.Locate(v, off, st)
			if err != nil {
				t.Fatal(err)
			}
			if len(loc.Pieces) != 1 || loc.Pieces[0].Kind != debuginfo.InMemory || loc.Pieces[0].Addr != uint64(base+fbreg[want.name]) {
				t.Errorf("location %+v, want memory at frame base %#x %+d", loc, base, fbreg[want.name])
			}
			got, err := info.Value(v, off, st)
			if err != nil {
				t.Fatal(err)
			}
			value := want.value
			switch want.name {
			case "pp":
				value = "0x" + strconv.FormatUint(uint64(base+fbreg["p"]), 16)
			case "greeting":
				value = `0x1800 "hi there"`
			}
			if got != value {
				t.Errorf("value %q, want %q", got, value)
			}
		})
	}
}

// fakeFrame is a frame state of given locals and memory.
type fakeFrame struct {
	locals, globals map[uint32]uint64
	operands        []uint64
	mem             []byte
}

func (f *fakeFrame) Local(i uint32) (uint64, bool)  { v, ok := f.locals[i]; return v, ok }
func (f *fakeFrame) Global(i uint32) (uint64, bool) { v, ok := f.globals[i]; return v, ok }
func (f *fakeFrame) Operand(i uint32) (uint64, bool) {
	if int(i) >= len(f.operands) {
		return 0, false
	}
	return f.operands[i], true
}
func (f *fakeFrame) ReadMemory(a uint64, dst []byte) bool {
	if a > uint64(len(f.mem)) || uint64(len(dst)) > uint64(len(f.mem))-a {
		return false
	}
	copy(dst, f.mem[a:])
	return true
}

// TestBreakpointLocalsRust runs the Rust program (-g) in the engine to the
// line marked BREAK and reads main's locals, by their Rust types.
func TestBreakpointLocalsRust(t *testing.T) {
	noToolchains(t)
	wasm := progRust(t)
	b, info := readModule(t, wasm)
	line := sourceLine(t, "prog.rs", "BREAK")
	sites, err := info.LineSites("prog.rs", line)
	if err != nil {
		t.Fatal(err)
	}
	off := sites.Offsets[0]
	_, state, _ := runToBreakpoint(t, wasm, b, off)
	frames := info.Frames(off)
	if len(frames) == 0 || frames[0].Func.Qualified != "prog::main" || frames[0].Line != line {
		t.Fatalf("frames %s, want prog::main at line %d", framesString(frames), line)
	}
	vars, err := info.Vars(frames[0].Func, off)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vars {
		value, err := info.Value(v, off, state)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		got = append(got, v.TypeName()+" "+v.Name+" = "+value)
	}
	want := []string{
		"Point p = {x = 3, y = -4}",
		`&str greeting = "hello"`,
		"f64 ratio = 2.5",
		"i32 d = 7",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("main's locals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
