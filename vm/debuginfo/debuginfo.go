// Package debuginfo reads a WebAssembly module's source-level debug
// information — DWARF 4 and 5 from its custom sections, and a source map's
// URL — and answers a debugger's questions in module byte offsets: which
// file, line and column an instruction belongs to, which functions (inlined
// ones too) enclose it, where a file:line starts, and what the variables of
// a scope hold, read through their location expressions from a frame's
// locals, globals, operand stack and memory (the State interface) and
// formatted by their source types.
//
// Offsets in and out are module byte offsets, the ones the engine, traps and
// traces use. DWARF for Wasm counts addresses from the start of the Code
// section's contents (its function count), so Offset = code start + DWARF
// address; Info converts in one place (addrOf, offsetOf).
//
// A debugger uses it so (Example shows the round): Read the module's bytes
// once; LineSites("main.c", 12) gives the instruction offsets to set engine
// breakpoints at, AfterPrologue(f) where "break f" goes (FuncsNamed finds
// f); when the engine pauses at an offset, Frames gives the source call
// stack there (inlined calls included), Vars the variables of a frame and
// Value each one's text, read through a State over the paused engine frame
// (EngineFrame: its locals, globals, operand stack and memory); Expression
// says where a
// variable lives. Stepping by line stops where StatementAt gives a new line
// (its comment has the rule). Traces call Where for "file:line"; Source
// returns embedded source text; SourceMappingURL reads a source map's URL.
//
// # RATIONALE
//
// Go's debug/dwarf decodes the entries, types, ranges and line programs of
// both versions (dwarf.New plus AddSection for .debug_addr, .debug_line_str,
// .debug_str_offsets and .debug_rnglists). It leaves out location lists
// (.debug_loc, .debug_loclists), DW_OP expressions and the line header's
// LLVM source field, which this package reads itself (loclist.go, expr.go,
// source.go).
//
// Read decodes the line tables and the function tree of every unit at once,
// because every later question (a trace line per instruction, a breakpoint
// by file:line) needs them and a lookup must then cost a binary search, not
// a DWARF walk. Variables and types are read on demand, for the one scope a
// debugger shows.
//
// Broken DWARF must not stop a module from running, nor panic the page.
// debug/dwarf reports most malformations as errors, but it has panicked on
// fuzzed input before, so every exported entry point that reaches it
// recovers and turns a panic into an error naming the section, and the
// FuzzRead target keeps the promise checked.
//
// DW_OP_WASM_location names where a value lives, as DW_OP_regx does: when
// it ends the expression (or a piece), the variable is the value of that
// local, global or operand; when operations follow, the value takes part in
// them (__stack_pointer plus an offset is a memory address), as LLDB's Wasm
// evaluator reads it. Operand stack values count from the bottom of the
// frame's part of the stack: LLVM's WebAssemblyDebugFixup numbers them by
// their depth from the first value the function pushed.
//
// Breakpoints resolve as gdb's do (TestLineSitesAgainstGDB holds them to
// it, line by line): a line without code moves to the next line with some,
// a function's opening line to the end of its prologue; in each function
// the lowest statement row of the line is its first instruction, so a loop
// header split into blocks is one site. DWARF starts a function, and its
// first row, at the body's local declarations, where no engine can stop:
// the body's first instruction is found by reading the Code section's entry
// headers. A site on a block, loop or nop moves past it, as engines compile
// those away.
//
// Go's linker writes no DWARF for wasip1 (cmd/link's dwarfEnabled), with or
// without -w, so Go programs have function names (the name section) but
// no lines here; TestGoWasip1 notices if a Go release starts writing it.
//
// The linker marks the debug information of functions it dropped with a
// tombstone address (0xffffffff, or 0xfffffffe in .debug_ranges and
// .debug_loc; 0 in older linkers). Line sequences that start at the
// all-ones tombstone are left out of Lines, as llvm-dwarfdump leaves them
// out; other ranges outside the Code section never match a lookup.
package debuginfo

import (
	"debug/dwarf"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/wasmscope/wasmscope/vm/binary"
)

// ErrNoDWARF is returned by Read for a module without a .debug_info
// section.
var ErrNoDWARF = errors.New("no DWARF debug information (no .debug_info custom section)")

// Info is a module's debug information. It is safe for concurrent reads.
type Info struct {
	codeStart, codeEnd uint32 // module offsets of the Code section's contents
	data               *dwarf.Data
	sec                map[string][]byte // the .debug_* custom sections by name
	units              []*unit

	lines  []Line    // every row of every table, in table order
	seqs   []lineSeq // sequences inside the Code section, by address, no overlaps
	funcs  []*Func   // the out-of-line functions, in DIE order
	ranges []funcRange
	byName map[string][]*Func

	sources map[string]string // embedded source by file path
	bodies  map[uint32]uint32 // module offset of each function body → of its first instruction
	code    []byte            // the Code section's contents (b's memory)

	mu sync.Mutex // debug/dwarf's type cache is not safe for concurrent use
}

// unit is what lookups need of one compilation unit.
type unit struct {
	entry        *dwarf.Entry
	version      int
	addrSize     int
	rust         bool // DW_LANG_Rust: types go by the names rustc gives them
	name         string
	compDir      string
	base         uint64 // DW_AT_low_pc: base of .debug_loc and .debug_ranges offsets
	addrBase     uint64 // DW_AT_addr_base, into .debug_addr
	loclistsBase uint64 // DW_AT_loclists_base, into .debug_loclists
	files        []*dwarf.LineFile
}

// Read reads the debug information of the binary module b. A module without
// DWARF gives ErrNoDWARF; one whose DWARF is malformed gives an error saying
// which section and why. Read never panics. The Info shares b's memory, so
// b must not change while it is in use.
func Read(b []byte) (info *Info, err error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("debug information: not a binary module")
	}
	in := &Info{sec: map[string][]byte{}}
	code := false
	for _, s := range binary.Sections(b) {
		switch s.ID {
		case 10:
			in.codeStart, in.codeEnd, code = uint32(s.Start), uint32(s.End), true
		case 0:
			if strings.HasPrefix(s.Name, ".debug_") {
				in.sec[s.Name] = s.Data(b)
			}
		}
	}
	if in.sec[".debug_info"] == nil {
		return nil, ErrNoDWARF
	}
	if !code {
		return nil, errors.New("debug information: the module has DWARF but no Code section its addresses could refer to")
	}
	in.code = b[in.codeStart:in.codeEnd:in.codeEnd]
	in.bodies = codeEntries(in.code, in.codeStart)
	defer recoverAs(&err, ".debug_info")
	if err := in.load(); err != nil {
		return nil, fmt.Errorf("debug information unreadable: %w", err)
	}
	return in, nil
}

// codeEntries maps the module offset of each function body of the Code
// section (code, at module offset start) to that of its first
// instruction, after the local declarations. DWARF places a function's
// low_pc, and its first line row, at the body's start; an engine can stop
// only at an instruction. A malformed section gives the bodies before the
// fault.
func codeEntries(code []byte, start uint32) map[uint32]uint32 {
	out := map[uint32]uint32{}
	r := &reader{sec: "code", b: code}
	n := r.uleb()
	for ; n > 0 && r.err == nil; n-- {
		size := r.uleb()
		body := r.p
		end := uint64(r.p) + size
		for groups := r.uleb(); groups > 0 && r.err == nil; groups-- {
			r.uleb()
			if t := r.u8(); t == 0x63 || t == 0x64 { // (ref null? heaptype)
				r.sleb()
			}
		}
		if r.err != nil || end > uint64(len(code)) {
			break
		}
		out[start+uint32(body)] = start + uint32(r.p)
		r.p = int(end)
	}
	return out
}

// recoverAs turns a panic inside debug/dwarf or this package's readers into
// an error naming what was being read (see RATIONALE).
func recoverAs(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("debug information unreadable: malformed %s (%v)", what, r)
	}
}

func (in *Info) load() error {
	s := in.sec
	d, err := dwarf.New(s[".debug_abbrev"], s[".debug_aranges"], s[".debug_frame"], s[".debug_info"],
		s[".debug_line"], s[".debug_pubnames"], s[".debug_ranges"], s[".debug_str"])
	if err != nil {
		return err
	}
	for _, name := range []string{".debug_addr", ".debug_line_str", ".debug_str_offsets", ".debug_rnglists"} {
		if s[name] != nil {
			if err := d.AddSection(name, s[name]); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	in.data = d
	headers, err := in.unitHeaders()
	if err != nil {
		return err
	}
	in.byName = map[string][]*Func{}
	in.sources = map[string]string{}
	r := d.Reader()
	for {
		e, err := r.Next()
		if err != nil {
			return err
		}
		if e == nil {
			break
		}
		if e.Tag != dwarf.TagCompileUnit && e.Tag != dwarf.TagPartialUnit {
			r.SkipChildren()
			continue
		}
		u, err := in.loadUnit(r, e, headers[e.Offset])
		if err != nil {
			name, _ := e.Val(dwarf.AttrName).(string)
			return fmt.Errorf("compilation unit %q at .debug_info+%#x: %w", name, e.Offset, err)
		}
		in.units = append(in.units, u)
	}
	in.indexLines()
	in.indexFuncs()
	return nil
}

// loadUnit reads unit e's line table and function tree; r is positioned
// after e.
func (in *Info) loadUnit(r *dwarf.Reader, e *dwarf.Entry, h unitHeader) (*unit, error) {
	u := &unit{entry: e, version: h.version, addrSize: h.addrSize}
	u.name, _ = e.Val(dwarf.AttrName).(string)
	u.compDir, _ = e.Val(dwarf.AttrCompDir).(string)
	lang, _ := e.Val(dwarf.AttrLanguage).(int64)
	u.rust = lang == 0x1c
	if v, ok := e.Val(dwarf.AttrLowpc).(uint64); ok {
		u.base = v
	}
	if v, ok := e.Val(dwarf.AttrAddrBase).(int64); ok {
		u.addrBase = uint64(v)
	}
	if v, ok := e.Val(dwarf.AttrLoclistsBase).(int64); ok {
		u.loclistsBase = uint64(v)
	}
	// The DWARF 5 header is read here first: it holds the embedded
	// sources, and debug/dwarf trusts its entry counts (a count of a
	// billion entries of no fields loops a billion times).
	if off, ok := e.Val(dwarf.AttrStmtList).(int64); ok {
		if err := in.readSources(u, uint64(off)); err != nil {
			return nil, fmt.Errorf(".debug_line+%#x: %w", off, err)
		}
	}
	lr, err := in.data.LineReader(e)
	if err != nil {
		return nil, fmt.Errorf(".debug_line: %w", err)
	}
	if lr != nil {
		if err := in.readLines(u, lr); err != nil {
			return nil, fmt.Errorf(".debug_line: %w", err)
		}
	}
	if e.Children {
		if err := in.readFuncs(u, r); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func (u *unit) addrSizeOr4() int {
	if u.addrSize == 0 {
		return 4
	}
	return u.addrSize
}

type unitHeader struct{ version, addrSize int }

// unitHeaders reads the version and address size of each unit in
// .debug_info (debug/dwarf keeps them to itself), by the offset of the
// unit's first entry.
func (in *Info) unitHeaders() (map[dwarf.Offset]unitHeader, error) {
	out := map[dwarf.Offset]unitHeader{}
	r := &reader{sec: ".debug_info", b: in.sec[".debug_info"]}
	for !r.done() {
		start := r.p
		length, dwarf64 := uint64(r.u32()), false
		if length == 0xffffffff {
			length, dwarf64 = r.u64(), true
		}
		next := uint64(r.p) + length
		var h unitHeader
		h.version = int(r.u16())
		if h.version >= 5 {
			typ := r.u8()
			h.addrSize = int(r.u8())
			if dwarf64 {
				r.u64()
			} else {
				r.u32()
			}
			switch typ {
			case 2, 6: // type units: signature and type offset
				r.u64()
				if dwarf64 {
					r.u64()
				} else {
					r.u32()
				}
			case 4, 5: // skeleton and split units: the DWO id
				r.u64()
			}
		} else {
			if dwarf64 {
				r.u64()
			} else {
				r.u32()
			}
			h.addrSize = int(r.u8())
		}
		if r.err != nil {
			return nil, r.err
		}
		if next > uint64(len(r.b)) || next <= uint64(start) {
			return nil, fmt.Errorf(".debug_info+%#x: unit length %d runs past the section", start, length)
		}
		out[dwarf.Offset(r.p)] = h
		r.p = int(next)
	}
	return out, nil
}

// Units returns the names of the compilation units, in DIE order.
func (in *Info) Units() []string {
	out := make([]string, len(in.units))
	for i, u := range in.units {
		out[i] = u.name
	}
	return out
}

// CodeStart returns the module offset DWARF address 0 stands for: the
// start of the Code section's contents.
func (in *Info) CodeStart() uint32 { return in.codeStart }

// offsetOf returns the module offset of DWARF address a, and whether it lies
// in the Code section.
func (in *Info) offsetOf(a uint64) (uint32, bool) {
	if a >= uint64(in.codeEnd-in.codeStart) {
		return 0, false
	}
	return in.codeStart + uint32(a), true
}

// addrOf returns the DWARF address of module offset off, and whether off
// lies in the Code section.
func (in *Info) addrOf(off uint32) (uint64, bool) {
	if off < in.codeStart || off >= in.codeEnd {
		return 0, false
	}
	return uint64(off - in.codeStart), true
}

// Range is a half-open range of module offsets.
type Range struct{ Start, End uint32 }

// Contains reports whether off lies in r.
func (r Range) Contains(off uint32) bool { return r.Start <= off && off < r.End }

// toRanges turns DWARF address ranges into module offset ranges, dropping
// those outside the Code section (tombstones of dropped functions).
func (in *Info) toRanges(rs [][2]uint64) []Range {
	var out []Range
	for _, r := range rs {
		if r[1] <= r[0] || r[1] > uint64(in.codeEnd-in.codeStart) {
			continue
		}
		s, ok := in.offsetOf(r[0])
		if !ok {
			continue
		}
		out = append(out, Range{s, in.codeStart + uint32(r[1])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// SourceMappingURL returns the URL of the source map a module names in its
// sourceMappingURL custom section (the convention Emscripten and the
// browsers' developer tools use), and whether it has one.
func SourceMappingURL(b []byte) (string, bool) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return "", false
	}
	for _, s := range binary.Sections(b) {
		if s.ID != 0 || s.Name != "sourceMappingURL" {
			continue
		}
		d := s.Data(b)
		n, k := binary.ULEB(d)
		if k == 0 || uint64(len(d)-k) < n {
			return "", false
		}
		return string(d[k : k+int(n)]), true
	}
	return "", false
}
