package debuginfo_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// The reader is checked against LLVM's own tools on programs built by the
// compilers users have: every line table row against llvm-dwarfdump
// --debug-line, every instruction's file:line:column and inlined frames
// against llvm-symbolizer, every function against llvm-dwarfdump
// --debug-info, and the location lists of optimized code against the
// expressions llvm-dwarfdump prints.

const llvmPackage = "llvm"

// program is a test program and how to build it.
type program struct {
	name  string
	build func(t *testing.T) string
}

var programs = []program{
	{"C -O0", func(t *testing.T) string { return varsC(t, "-g", "-O0") }},
	{"C -O2", func(t *testing.T) string { return varsC(t, "-g", "-O2") }},
	{"C -O2 DWARF 5 embedded source", func(t *testing.T) string {
		return varsC(t, "-g", "-gdwarf-5", "-gembed-source", "-O2")
	}},
	{"Rust -g", func(t *testing.T) string { return progRust(t) }},
}

func noToolchains(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
}

func TestProgramsAgainstLLVM(t *testing.T) {
	noToolchains(t)
	dwarfdump := toolchain.Tool(t, "llvm-dwarfdump", llvmPackage)
	symbolizer := toolchain.Tool(t, "llvm-symbolizer", llvmPackage)
	for _, p := range programs {
		t.Run(p.name, func(t *testing.T) {
			wasm := p.build(t)
			b, info := readModule(t, wasm)
			t.Run("line table", func(t *testing.T) { checkLineTable(t, info, run(t, dwarfdump, "--debug-line", wasm)) })
			t.Run("every instruction", func(t *testing.T) { checkInstructions(t, info, b, symbolizer, wasm) })
			dies := parseDebugInfo(t, run(t, dwarfdump, "--debug-info", wasm))
			t.Run("functions", func(t *testing.T) { checkFuncs(t, info, dies) })
			t.Run("location lists", func(t *testing.T) { checkLocLists(t, info, dies) })
			t.Run("every variable's location", func(t *testing.T) { checkExpressions(t, info, dies) })
		})
	}
}

// readModule reads the module at path and its debug information.
func readModule(t testing.TB, path string) ([]byte, *debuginfo.Info) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := debuginfo.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	return b, info
}

func run(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%s %s: %v\n%s", tool, strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

// dumpRow is a row of llvm-dwarfdump --debug-line.
type dumpRow struct {
	addr                uint64
	line, column, file  int
	flags               string
	fileName            string
	table, indexInTable int
}

// parseDebugLine reads llvm-dwarfdump --debug-line's tables: their file
// lists and rows.
func parseDebugLine(t *testing.T, out string) []dumpRow {
	t.Helper()
	var rows []dumpRow
	table := -1
	var files map[int]string
	var dirs map[int]string
	fileIndex := -1
	inRows := false
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		tl := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "debug_line["):
			table++
			files, dirs, inRows = map[int]string{}, map[int]string{}, false
		case strings.HasPrefix(tl, "include_directories["):
			i, v := bracketEntry(t, tl)
			dirs[i] = v
		case strings.HasPrefix(tl, "file_names["):
			fileIndex, _ = bracketEntry(t, tl+` = ""`)
		case strings.HasPrefix(tl, "name: ") && fileIndex >= 0:
			files[fileIndex] = unquote(t, strings.TrimPrefix(tl, "name: "))
		case strings.HasPrefix(tl, "dir_index: ") && fileIndex >= 0:
			d, _ := strconv.Atoi(strings.TrimPrefix(tl, "dir_index: "))
			if dir, ok := dirs[d]; ok && !strings.HasPrefix(files[fileIndex], "/") {
				files[fileIndex] = path.Join(dir, files[fileIndex])
			}
		case strings.HasPrefix(line, "------------------ "):
			inRows = true
		case inRows && strings.HasPrefix(line, "0x"):
			f := strings.Fields(line)
			if len(f) < 6 {
				t.Fatalf("row %q", line)
			}
			var r dumpRow
			r.addr, _ = strconv.ParseUint(f[0], 0, 64)
			r.line, _ = strconv.Atoi(f[1])
			r.column, _ = strconv.Atoi(f[2])
			r.file, _ = strconv.Atoi(f[3])
			r.flags = strings.Join(f[6:], " ")
			r.fileName, r.table = files[r.file], table
			rows = append(rows, r)
		case line == "":
			inRows = false
		}
	}
	return rows
}

// bracketEntry parses `name[  N] = "value"`.
func bracketEntry(t *testing.T, s string) (int, string) {
	t.Helper()
	open, close := strings.IndexByte(s, '['), strings.IndexByte(s, ']')
	i, err := strconv.Atoi(strings.TrimSpace(s[open+1 : close]))
	if err != nil {
		t.Fatalf("entry %q: %v", s, err)
	}
	_, v, _ := strings.Cut(s, " = ")
	return i, unquote(t, v)
}

func unquote(t *testing.T, s string) string {
	t.Helper()
	if s == `""` || s == "" {
		return ""
	}
	u, err := strconv.Unquote(s)
	if err != nil {
		return s
	}
	return u
}

func checkLineTable(t *testing.T, info *debuginfo.Info, out string) {
	want := parseDebugLine(t, out)
	got := info.Lines()
	if len(want) == 0 {
		t.Fatal("llvm-dwarfdump printed no rows")
	}
	if len(got) != len(want) {
		t.Errorf("%d rows, llvm-dwarfdump has %d", len(got), len(want))
	}
	bad := 0
	for i := 0; i < min(len(got), len(want)); i++ {
		g, w := got[i], want[i]
		if g.Address != w.addr || g.Line != w.line || g.Column != w.column || g.FileIndex != w.file ||
			g.Flags() != w.flags || path.Base(g.File) != path.Base(w.fileName) {
			if bad++; bad <= 10 {
				t.Errorf("row %d (table %d): got %#x %d:%d file %d %q [%s]; llvm-dwarfdump %#x %d:%d file %d %q [%s]",
					i, w.table, g.Address, g.Line, g.Column, g.FileIndex, g.File, g.Flags(),
					w.addr, w.line, w.column, w.file, w.fileName, w.flags)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d rows differ", bad, len(want))
	}
	t.Logf("%d line table rows equal to llvm-dwarfdump's", len(want)-bad)
}

// instructionOffsets returns the module offset of every instruction of the
// module.
func instructionOffsets(t *testing.T, b []byte) []uint32 {
	t.Helper()
	m, err := binary.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	var offs []uint32
	for _, f := range m.Funcs {
		for _, in := range f.Body {
			offs = append(offs, in.Offset)
		}
	}
	return offs
}

// symFrame is one frame llvm-symbolizer prints.
type symFrame struct {
	fn           string
	file         string
	line, column int
}

func checkInstructions(t *testing.T, info *debuginfo.Info, b []byte, symbolizer, wasm string) {
	offs := instructionOffsets(t, b)
	var in strings.Builder
	for _, off := range offs {
		fmt.Fprintf(&in, "%#x\n", off-info.CodeStart())
	}
	cmd := exec.Command(symbolizer, "--obj="+wasm, "--inlining", "--no-demangle", "--functions=linkage", "--output-style=LLVM")
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("llvm-symbolizer: %v", err)
	}
	blocks := strings.Split(strings.TrimRight(string(out), "\n"), "\n\n")
	if len(blocks) != len(offs) {
		t.Fatalf("llvm-symbolizer answered %d addresses of %d", len(blocks), len(offs))
	}
	bad, known := 0, 0
	for i, off := range offs {
		want := parseSymFrames(t, blocks[i])
		got := info.Frames(off)
		if len(want) == 1 && want[0].fn == "??" {
			if len(got) != 0 {
				bad++
				t.Errorf("%#x: frames %v where llvm-symbolizer knows none", off, got)
			}
			continue
		}
		known++
		ok := len(got) == len(want)
		for j := 0; ok && j < len(got); j++ {
			g, w := got[j], want[j]
			name := g.Func.LinkageName
			if name == "" {
				name = g.Func.Name
			}
			ok = name == w.fn && g.Line == w.line && g.Column == w.column && path.Base(g.File) == path.Base(w.file)
		}
		if !ok {
			if bad++; bad <= 10 {
				t.Errorf("%#x (address %#x): got %s; llvm-symbolizer %v", off, off-info.CodeStart(), framesString(got), want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d instructions differ", bad, len(offs))
	}
	if known == 0 {
		t.Fatal("llvm-symbolizer knew no instruction")
	}
	t.Logf("%d instructions (%d with debug information) match llvm-symbolizer", len(offs)-bad, known)
}

func framesString(fs []debuginfo.Frame) string {
	var s []string
	for _, f := range fs {
		s = append(s, fmt.Sprintf("{%s %s %d %d}", f.Func.Name, f.File, f.Line, f.Column))
	}
	return "[" + strings.Join(s, " ") + "]"
}

func parseSymFrames(t *testing.T, block string) []symFrame {
	t.Helper()
	lines := strings.Split(block, "\n")
	var out []symFrame
	for i := 0; i+1 < len(lines); i += 2 {
		f := symFrame{fn: lines[i]}
		loc := lines[i+1]
		c := strings.LastIndexByte(loc, ':')
		l := strings.LastIndexByte(loc[:c], ':')
		f.file = loc[:l]
		f.line, _ = strconv.Atoi(loc[l+1 : c])
		f.column, _ = strconv.Atoi(loc[c+1:])
		out = append(out, f)
	}
	return out
}

// die is an entry llvm-dwarfdump --debug-info prints.
type die struct {
	offset uint64
	tag    string
	depth  int
	attrs  map[string]string
	parent *die
}

func parseDebugInfo(t *testing.T, out string) []*die {
	t.Helper()
	var dies []*die
	var stack []*die
	var cur *die
	attr := ""
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "0x") && strings.Contains(line, ": ") {
			head, rest, _ := strings.Cut(line, ":")
			tag := strings.TrimLeft(rest, " ")
			if !strings.HasPrefix(tag, "DW_TAG_") {
				cur = nil
				continue
			}
			off, _ := strconv.ParseUint(head, 0, 64)
			d := &die{offset: off, tag: tag, depth: (len(rest) - len(tag) - 1) / 2, attrs: map[string]string{}}
			for len(stack) > d.depth {
				stack = stack[:len(stack)-1]
			}
			if len(stack) > 0 {
				d.parent = stack[len(stack)-1]
			}
			stack = append(stack, d)
			dies = append(dies, d)
			cur, attr = d, ""
			continue
		}
		tl := strings.TrimSpace(line)
		if cur == nil || tl == "" {
			continue
		}
		if strings.HasPrefix(tl, "DW_AT_") {
			name, val, _ := strings.Cut(tl, "\t")
			attr = strings.TrimSpace(name)
			cur.attrs[attr] = strings.TrimSpace(val)
		} else if attr != "" {
			cur.attrs[attr] += "\n" + tl
		}
	}
	return dies
}

// hexAttr reads an attribute printed as (0x...).
func hexAttr(d *die, name string) (uint64, bool) {
	v, ok := d.attrs[name]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(strings.Trim(v, "()"), 0, 64)
	return n, err == nil
}

func strAttr(d *die, name string) string {
	v := d.attrs[name]
	if i := strings.IndexByte(v, '"'); i >= 0 {
		if j := strings.LastIndexByte(v, '"'); j > i {
			return v[i+1 : j]
		}
	}
	return ""
}

func checkFuncs(t *testing.T, info *debuginfo.Info, dies []*die) {
	n := 0
	codeSize := uint64(0)
	for _, f := range info.Funcs() {
		for _, r := range f.Ranges {
			codeSize = max(codeSize, uint64(r.End-info.CodeStart()))
		}
	}
	for _, d := range dies {
		if d.tag != "DW_TAG_subprogram" {
			continue
		}
		lo, ok1 := hexAttr(d, "DW_AT_low_pc")
		hi, ok2 := hexAttr(d, "DW_AT_high_pc")
		name := strAttr(d, "DW_AT_name")
		if !ok1 || !ok2 || lo >= 0xfffffffe || lo == 0 || name == "" || lo > codeSize {
			continue // no code of its own, or dropped by the linker
		}
		if !strings.HasPrefix(d.attrs["DW_AT_high_pc"], "(0x") {
			continue
		}
		if hi < lo { // DWARF 4+ high_pc as an offset from low_pc
			hi += lo
		}
		n++
		found := false
		for _, f := range info.FuncsNamed(name) {
			if f.Entry() == info.CodeStart()+uint32(lo) && f.Ranges[len(f.Ranges)-1].End == info.CodeStart()+uint32(hi) {
				found = true
			}
		}
		if !found {
			t.Errorf("subprogram %q [%#x, %#x) at .debug_info+%#x not found by FuncsNamed", name, lo, hi, d.offset)
		}
		if f := info.FuncAt(info.CodeStart() + uint32(lo)); f == nil || f.Entry() != info.CodeStart()+uint32(lo) {
			t.Errorf("FuncAt(entry of %q) = %v", name, f)
		}
	}
	if n == 0 {
		t.Fatal("llvm-dwarfdump listed no subprogram with code")
	}
	t.Logf("%d functions match llvm-dwarfdump", n)
}

// fakeState is a frame whose local i holds 1000+i, global i 2000+i,
// operand i 3000+i, and whose memory is mem.
type fakeState struct{ mem []byte }

func (fakeState) Local(i uint32) (uint64, bool)   { return 1000 + uint64(i), true }
func (fakeState) Global(i uint32) (uint64, bool)  { return 2000 + uint64(i), true }
func (fakeState) Operand(i uint32) (uint64, bool) { return 3000 + uint64(i), true }
func (s fakeState) ReadMemory(a uint64, dst []byte) bool {
	if a > uint64(len(s.mem)) || uint64(len(dst)) > uint64(len(s.mem))-a {
		return false
	}
	copy(dst, s.mem[a:])
	return true
}

// checkLocLists evaluates the location lists of the parameters and
// variables of every function at the start of each range llvm-dwarfdump
// prints, where the expression names a Wasm local, global or operand or a
// constant, and checks that an address no range covers reads as optimized
// out.
func checkLocLists(t *testing.T, info *debuginfo.Info, dies []*die) {
	st := fakeState{}
	checked, gaps := 0, 0
	for _, d := range dies {
		if (d.tag != "DW_TAG_variable" && d.tag != "DW_TAG_formal_parameter") || d.parent == nil || d.parent.tag != "DW_TAG_subprogram" {
			continue
		}
		loc := d.attrs["DW_AT_location"]
		if !strings.Contains(loc, "\n[") {
			continue // not a location list
		}
		name := strAttr(d, "DW_AT_name")
		fnLo, ok := hexAttr(d.parent, "DW_AT_low_pc")
		if !ok || fnLo == 0 || fnLo >= 0xfffffffe || name == "" {
			continue
		}
		type entry struct {
			lo, hi uint64
			expr   string
		}
		var entries []entry
		for _, l := range strings.Split(loc, "\n")[1:] {
			var e entry
			rng, expr, ok := strings.Cut(l, "): ")
			if !ok {
				continue
			}
			a, b, _ := strings.Cut(strings.TrimPrefix(rng, "["), ", ")
			e.lo, _ = strconv.ParseUint(a, 0, 64)
			e.hi, _ = strconv.ParseUint(b, 0, 64)
			e.expr = strings.TrimSuffix(expr, ")")
			entries = append(entries, e)
		}
		covered := func(a uint64) bool {
			for _, e := range entries {
				if e.lo <= a && a < e.hi {
					return true
				}
			}
			return false
		}
		for _, e := range entries {
			want, ok := expectedPiece(e.expr)
			if !ok || e.lo >= 0xfffffffe {
				continue
			}
			// The first entry covering e.lo is the one that counts.
			first := entries[0]
			for _, x := range entries {
				if x.lo <= e.lo && e.lo < x.hi {
					first = x
					break
				}
			}
			if first != e {
				continue
			}
			off := info.CodeStart() + uint32(e.lo)
			v := findVar(t, info, off, name, d.parent)
			if v == nil {
				continue
			}
			got, err := info.Locate(v, off, st)
			if err != nil {
				t.Errorf("%s at %#x (%s): %v", name, e.lo, e.expr, err)
				continue
			}
			if len(got.Pieces) != 1 || got.Pieces[0].Kind != debuginfo.InValue || got.Pieces[0].Value != want {
				t.Errorf("%s at %#x (%s): %+v, want the value %d", name, e.lo, e.expr, got, want)
			}
			checked++
		}
		// An address of the function before the first range, if there is
		// one no range covers.
		if !covered(fnLo) {
			off := info.CodeStart() + uint32(fnLo)
			if v := findVar(t, info, off, name, d.parent); v != nil {
				got, err := info.Locate(v, off, st)
				if err != nil || !got.OptimizedOut() {
					t.Errorf("%s at %#x, outside its location list: %+v, %v; want optimized out", name, fnLo, got, err)
				}
				gaps++
			}
		}
	}
	if checked == 0 || gaps == 0 {
		// Every build links wasi-libc, compiled optimized with DWARF.
		t.Fatalf("%d location list entries and %d gaps checked: want some of both", checked, gaps)
	}
	t.Logf("%d location list entries and %d gaps evaluated as llvm-dwarfdump prints them", checked, gaps)
}

// expectedPiece returns the value the fake frame gives for a location
// expression that is one Wasm local, global or operand, or a constant, as
// a value.
func expectedPiece(expr string) (uint64, bool) {
	var kind, idx uint64
	if n, _ := fmt.Sscanf(expr, "DW_OP_WASM_location %v %v,", &kind, &idx); n == 2 &&
		expr == fmt.Sprintf("DW_OP_WASM_location %#x %#x, DW_OP_stack_value", kind, idx) {
		switch kind {
		case 0:
			return 1000 + idx, true
		case 1, 3:
			return 2000 + idx, true
		case 2:
			return 3000 + idx, true
		}
	}
	var c int64
	if n, _ := fmt.Sscanf(expr, "DW_OP_consts %d,", &c); n == 1 && expr == fmt.Sprintf("DW_OP_consts %+d, DW_OP_stack_value", c) {
		return uint64(c), true
	}
	if n, _ := fmt.Sscanf(expr, "DW_OP_constu %v,", &idx); n == 1 && expr == fmt.Sprintf("DW_OP_constu %#x, DW_OP_stack_value", idx) {
		return idx, true
	}
	return 0, false
}

// findVar returns the variable name of the out-of-line function fn (a
// die) in scope at off.
func findVar(t *testing.T, info *debuginfo.Info, off uint32, name string, fn *die) *debuginfo.Var {
	t.Helper()
	f := info.FuncAt(off)
	if f == nil {
		t.Errorf("%#x: no function (want %s's)", off-info.CodeStart(), strAttr(fn, "DW_AT_name"))
		return nil
	}
	vars, err := info.Vars(f, off)
	if err != nil {
		t.Errorf("Vars(%s, %#x): %v", f.Name, off, err)
		return nil
	}
	for _, v := range vars {
		if v.Name == name {
			return v
		}
	}
	t.Errorf("%s at %#x: no variable %q among %d", f.Name, off-info.CodeStart(), name, len(vars))
	return nil
}

// sourceLine returns the line of testdata/file that carries marker.
func sourceLine(t *testing.T, file, marker string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "// "+marker) {
			return i + 1
		}
	}
	t.Fatalf("no %q in %s", marker, file)
	return 0
}

// scopeStart returns the first address of a function, inlined copy or
// lexical block as llvm-dwarfdump prints it (low_pc, or its first range).
func scopeStart(d *die) (uint64, bool) {
	if lo, ok := hexAttr(d, "DW_AT_low_pc"); ok {
		return lo, lo != 0 && lo < 0xfffffffe
	}
	rs := d.attrs["DW_AT_ranges"]
	i := strings.Index(rs, "\n[")
	if i < 0 {
		return 0, false
	}
	lo, _, _ := strings.Cut(rs[i+2:], ",")
	v, err := strconv.ParseUint(lo, 0, 64)
	return v, err == nil && v != 0 && v < 0xfffffffe
}

// scopeContains reports whether DWARF address a lies in the ranges
// llvm-dwarfdump prints for d (low_pc and high_pc, or DW_AT_ranges).
func scopeContains(d *die, a uint64) bool {
	if lo, ok := hexAttr(d, "DW_AT_low_pc"); ok {
		if hi, ok := hexAttr(d, "DW_AT_high_pc"); ok {
			if hi < lo { // an offset from low_pc
				hi += lo
			}
			return lo <= a && a < hi
		}
	}
	for _, l := range strings.Split(d.attrs["DW_AT_ranges"], "\n")[1:] {
		lo, hi, _ := strings.Cut(strings.Trim(l, "[)"), ", ")
		x, err1 := strconv.ParseUint(lo, 0, 64)
		y, err2 := strconv.ParseUint(hi, 0, 64)
		if err1 == nil && err2 == nil && x <= a && a < y {
			return true
		}
	}
	return false
}

// dieName returns an entry's name, or its abstract origin's.
func dieName(d *die) string {
	if n := strAttr(d, "DW_AT_name"); n != "" {
		return n
	}
	return strAttr(d, "DW_AT_abstract_origin")
}

// checkExpressions compares the location expression of every variable
// and parameter of every function and inlined copy with llvm-dwarfdump's,
// at the start of its scope (a single expression) or of each entry of its
// location list.
func checkExpressions(t *testing.T, info *debuginfo.Info, dies []*die) {
	checked := 0
	for _, d := range dies {
		if d.tag != "DW_TAG_variable" && d.tag != "DW_TAG_formal_parameter" {
			continue
		}
		loc, ok := d.attrs["DW_AT_location"]
		if !ok {
			continue
		}
		// The innermost scope, and the function or inlined copy it is in.
		scope, fn := d.parent, d.parent
		for fn != nil && fn.tag == "DW_TAG_lexical_block" {
			fn = fn.parent
		}
		if fn == nil || (fn.tag != "DW_TAG_subprogram" && fn.tag != "DW_TAG_inlined_subroutine") {
			continue // a global
		}
		start, ok := scopeStart(scope)
		if !ok || start > uint64(1<<32-1) {
			continue // dropped by the linker
		}
		type at struct {
			addr uint64
			expr string
		}
		var want []at
		if !strings.Contains(loc, "\n[") {
			want = append(want, at{start, strings.TrimSuffix(strings.TrimPrefix(loc, "("), ")")})
		} else {
			lines := strings.Split(loc, "\n")[1:]
			for i, l := range lines {
				rng, expr, ok := strings.Cut(l, "): ")
				if !ok {
					continue
				}
				if i == len(lines)-1 {
					expr = strings.TrimSuffix(expr, ")")
				}
				lo, _, _ := strings.Cut(strings.TrimPrefix(rng, "["), ",")
				a, err := strconv.ParseUint(lo, 0, 64)
				if err != nil || a >= 0xfffffffe {
					continue
				}
				// Only the first entry covering an address counts there.
				dup := false
				for _, w := range want {
					dup = dup || w.addr == a
				}
				if !dup {
					want = append(want, at{a, expr})
				}
			}
		}
		name, fnName := dieName(d), dieName(fn)
		if name == "" {
			continue // an unnamed parameter: nothing a debugger can show by name
		}
		line, hasLine := d.attrs["DW_AT_decl_line"]
		for _, w := range want {
			// A location list may describe a variable where it is out of
			// scope; a debugger shows it only within its blocks.
			inScope := true
			for b := scope; b != fn.parent; b = b.parent {
				inScope = inScope && scopeContains(b, w.addr)
			}
			if !inScope {
				continue
			}
			off := info.CodeStart() + uint32(w.addr)
			if f := info.FuncAt(off); f != nil && f.Entry() == off {
				off = f.Body // where a debugger can stop
			}
			var frame *debuginfo.Func
			for _, fr := range info.Frames(off) {
				// llvm-dwarfdump names an abstract origin by its linkage name.
				if (fr.Func.Name == fnName || fr.Func.LinkageName == fnName) && fr.Func.Inlined == (fn.tag == "DW_TAG_inlined_subroutine") {
					frame = fr.Func
					break
				}
			}
			if frame == nil {
				t.Errorf("%s of %s at %#x: no frame of %s there (%s)", name, fnName, w.addr, fnName, framesString(info.Frames(off)))
				continue
			}
			vars, err := info.Vars(frame, off)
			if err != nil {
				t.Errorf("Vars(%s, %#x): %v", fnName, w.addr, err)
				continue
			}
			// Rust rebinds names in nested blocks (let start = …; let
			// start = …) and an inlined copy's variables carry no line of
			// their own: the entry must be one of the same-named ones.
			var gots []string
			found := false
			for _, x := range vars {
				if x.Name != name || (hasLine && fmt.Sprintf("(%d)", x.Line) != line) {
					continue
				}
				got, err := info.Expression(x, off)
				if err != nil {
					t.Errorf("%s of %s at %#x: %v", name, fnName, w.addr, err)
				}
				if got == "" {
					got = "<empty>" // as llvm-dwarfdump says it
				}
				found = found || got == w.expr
				gots = append(gots, got)
			}
			if !found {
				t.Errorf("%s of %s at %#x: %q among the %d variables in scope; llvm-dwarfdump %q", name, fnName, w.addr, gots, len(vars), w.expr)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no variable with a location")
	}
	t.Logf("%d variable locations equal llvm-dwarfdump's", checked)
}
