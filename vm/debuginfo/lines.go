package debuginfo

import (
	"debug/dwarf"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Line is one row of a line table.
type Line struct {
	Address   uint64 // the DWARF address: Offset minus CodeStart
	Offset    uint32 // the module byte offset; 0 when Address lies past the Code section
	File      string // the file's path as the table spells it, its directory joined
	FileIndex int    // the file's index in its table (DWARF 5 counts from 0, 4 from 1)
	Line      int    // 0: code that belongs to no source line
	Column    int

	IsStmt, BasicBlock, PrologueEnd, EpilogueBegin, EndSequence bool
	Discriminator                                               int
}

// Flags returns the row's flags as llvm-dwarfdump --debug-line lists
// them: "is_stmt prologue_end", "end_sequence", "".
func (l Line) Flags() string {
	var f []string
	for _, x := range []struct {
		on   bool
		name string
	}{{l.IsStmt, "is_stmt"}, {l.BasicBlock, "basic_block"}, {l.EndSequence, "end_sequence"},
		{l.PrologueEnd, "prologue_end"}, {l.EpilogueBegin, "epilogue_begin"}} {
		if x.on {
			f = append(f, x.name)
		}
	}
	return strings.Join(f, " ")
}

// lineSeq is one sequence of rows: a run of contiguous code (a function,
// as clang and rustc emit them), from start to end (the end_sequence row's
// address, exclusive).
type lineSeq struct {
	start, end uint64
	rows       []Line
}

// readLines appends u's line table to in.lines, leaving out the sequences
// the linker marked dropped: those that start at the tombstone address
// (all ones), as llvm-dwarfdump does.
func (in *Info) readLines(u *unit, lr *dwarf.LineReader) error {
	index := map[*dwarf.LineFile]int{}
	tombstone := uint64(1)<<(8*u.addrSizeOr4()) - 1
	dropping := false
	var e dwarf.LineEntry
	for {
		err := lr.Next(&e)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if !dropping && e.Address == tombstone {
			dropping = true
		}
		if dropping {
			dropping = !e.EndSequence
			continue
		}
		fi, ok := index[e.File]
		if !ok && e.File != nil {
			// DW_LNE_define_file may have grown the list since.
			for i, f := range lr.Files() {
				index[f] = i
			}
			fi = index[e.File]
		}
		l := Line{
			Address: e.Address, FileIndex: fi, Line: e.Line, Column: e.Column,
			IsStmt: e.IsStmt, BasicBlock: e.BasicBlock, PrologueEnd: e.PrologueEnd,
			EpilogueBegin: e.EpilogueBegin, EndSequence: e.EndSequence, Discriminator: e.Discriminator,
		}
		if e.File != nil {
			l.File = e.File.Name
		}
		// An end_sequence row may sit just past the last instruction, at
		// the end of the Code section.
		if e.Address <= uint64(in.codeEnd-in.codeStart) {
			l.Offset = in.codeStart + uint32(e.Address)
		}
		in.lines = append(in.lines, l)
	}
	u.files = lr.Files()
	return nil
}

// indexLines cuts in.lines into sequences and keeps those inside the Code
// section, sorted by address, for LineAt. Where sequences overlap (the
// tombstones of dropped functions, in linkers that used 0) the first one
// by address wins.
func (in *Info) indexLines() {
	var seqs []lineSeq
	first := 0
	for i, l := range in.lines {
		if !l.EndSequence {
			continue
		}
		rows := in.lines[first : i+1 : i+1]
		first = i + 1
		s := lineSeq{start: rows[0].Address, end: l.Address, rows: rows}
		if s.start < s.end && s.end <= uint64(in.codeEnd-in.codeStart) {
			seqs = append(seqs, s)
		}
	}
	sort.SliceStable(seqs, func(i, j int) bool { return seqs[i].start < seqs[j].start })
	for _, s := range seqs {
		if n := len(in.seqs); n > 0 && s.start < in.seqs[n-1].end {
			continue
		}
		in.seqs = append(in.seqs, s)
	}
}

// Lines returns every row of every line table, table by table, as the
// tables list them (llvm-dwarfdump --debug-line shows the same rows).
func (in *Info) Lines() []Line { return in.lines }

// LineAt returns the line table row that covers module offset off: the
// last row at or before it in the sequence that contains it. ok is false
// when no sequence covers off.
func (in *Info) LineAt(off uint32) (l Line, ok bool) {
	a, ok := in.addrOf(off)
	if !ok {
		return Line{}, false
	}
	i := sort.Search(len(in.seqs), func(i int) bool { return in.seqs[i].start > a }) - 1
	if i < 0 || a >= in.seqs[i].end {
		return Line{}, false
	}
	rows := in.seqs[i].rows
	j := sort.Search(len(rows), func(j int) bool { return rows[j].Address > a }) - 1
	return rows[j], true
}

// StatementAt returns the line whose statement begins at module offset
// off: a row marked is_stmt, of a source line (not 0), starts there, or
// starts where a breakpoint moves to off (a function's first row, at its
// local declarations; a row on a block, loop or nop). ok is false
// elsewhere.
//
// Stepping by source line, as gdb's next does, runs instruction by
// instruction until execution, in the starting frame or a caller (deeper
// engine frames, and deeper inlined Frames, are stepped over), reaches an
// offset where StatementAt gives a line other than the one it started
// on. The same line met again at another statement (a loop's condition
// after its increment) does not stop it.
func (in *Info) StatementAt(off uint32) (Line, bool) {
	a, ok := in.addrOf(off)
	if !ok {
		return Line{}, false
	}
	i := sort.Search(len(in.seqs), func(i int) bool { return in.seqs[i].start > a }) - 1
	if i < 0 || a >= in.seqs[i].end {
		return Line{}, false
	}
	// The statement rows that stop at off: those at off, and those a few
	// bytes before it whose breakpoint moves to off (past a block header,
	// or a function's local declarations: see breakAt). The nearest wins.
	rows := in.seqs[i].rows
	start := a - min(a, maxSkipped)
	if f := in.FuncAt(off); f != nil && f.Body <= off && off-f.Body <= maxSkipped {
		start = min(start, uint64(f.Entry()-in.codeStart))
	}
	j := sort.Search(len(rows), func(j int) bool { return rows[j].Address > a }) - 1
	for ; j >= 0 && rows[j].Address >= start; j-- {
		r := rows[j]
		if r.IsStmt && r.Line != 0 && !r.EndSequence && in.breakAt(r.Offset) == off {
			return r, true
		}
	}
	return Line{}, false
}

// maxSkipped bounds how far before an instruction StatementAt looks for a
// statement row moved to it past block, loop and nop instructions.
const maxSkipped = 64

// Where returns "file:line" (the file's base name) for the instruction at
// module offset off, or "" when the line table says nothing of it. Traces
// call it for every line they write.
func (in *Info) Where(off uint32) string {
	l, ok := in.LineAt(off)
	if !ok || l.Line == 0 {
		return ""
	}
	return path.Base(l.File) + ":" + strconv.Itoa(l.Line)
}

// Files returns the paths of the source files the line tables name, sorted.
func (in *Info) Files() []string {
	seen := map[string]bool{}
	var out []string
	for _, u := range in.units {
		for _, f := range u.files {
			if f != nil && !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, f.Name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// fileMatches reports whether a table's path names the file a user typed:
// the same path, or one ending in "/"+file ("main.c" and "src/main.c" both
// name "/home/ada/src/main.c").
func fileMatches(tablePath, file string) bool {
	return tablePath == file || strings.HasSuffix(tablePath, "/"+strings.TrimPrefix(file, "./"))
}

// Sites is where a breakpoint at a source line goes.
type Sites struct {
	File    string   // the file's path as the line table spells it
	Line    int      // the line asked for, or the next line with code after it
	Offsets []uint32 // the first instruction of Line in each function that has code for it, ascending
}

// LineSites resolves a breakpoint at file:line, to instruction offsets an
// engine stops at (a site on a block, loop or nop moves to the instruction
// after it). As gdb does, a line with no code of its own (a comment, a
// declaration without initializer) moves to the next line that has some,
// and a function's opening line to where its prologue ends (AfterPrologue;
// Line then says the line stopped at). In each function (line sequence) holding
// code of that line the breakpoint goes at the lowest address among the
// line's statement rows: the first instruction of the line, once per
// function, even when the compiler split the line (a for loop's header)
// into several blocks.
func (in *Info) LineSites(file string, line int) (Sites, error) {
	known := false
	best := Sites{Line: -1}
	for _, s := range in.seqs {
		for _, r := range s.rows {
			if r.EndSequence || !fileMatches(r.File, file) {
				continue
			}
			known = true
			if !r.IsStmt || r.Line < line || (best.Line >= 0 && r.Line > best.Line) {
				continue
			}
			if r.Line < best.Line || best.Line < 0 {
				best = Sites{File: r.File, Line: r.Line}
			}
		}
	}
	if !known {
		return Sites{}, fmt.Errorf("no line table names a file %q", file)
	}
	if best.Line < 0 {
		return Sites{}, fmt.Errorf("%s has no code at line %d or after it", file, line)
	}
	moved := 0
	for _, s := range in.seqs {
		lowest, found := uint32(0), false
		for _, r := range s.rows {
			if !r.EndSequence && r.IsStmt && r.Line == best.Line && r.File == best.File && (!found || r.Offset < lowest) {
				lowest, found = r.Offset, true
			}
		}
		if !found {
			continue
		}
		if f := in.FuncAt(lowest); f != nil && f.Entry() == lowest {
			// The function's opening line: stop where its frame is set
			// up, as gdb does.
			best.Offsets = append(best.Offsets, in.AfterPrologue(f))
			moved++
			continue
		}
		best.Offsets = append(best.Offsets, in.breakAt(lowest))
	}
	sort.Slice(best.Offsets, func(i, j int) bool { return best.Offsets[i] < best.Offsets[j] })
	if moved == len(best.Offsets) {
		if l, ok := in.LineAt(best.Offsets[0]); ok && l.Line != 0 {
			best.Line = l.Line
		}
	}
	return best, nil
}
