package debuginfo

import (
	"debug/dwarf"
	"fmt"
	"sort"

	"github.com/wasmscope/wasmscope/vm/binary"
)

// Func is a function of the source: an out-of-line subprogram with code,
// or one inlined copy of a function into another (Inlined).
type Func struct {
	Name        string // the source name ("main", "add")
	Qualified   string // with its namespaces, where it has any ("prog::main"); else (and for inlined copies) Name
	LinkageName string // the symbol ("__main_argc_argv", "_ZN…"), where DWARF gives one
	File        string // where it is declared
	Line        int
	Ranges      []Range // its code, in module offsets, ascending
	// Body is the module offset of its first instruction: Ranges start at
	// the function body's local declarations, where DWARF begins a
	// function. For an inlined copy it is the start of its first range.
	Body uint32

	// An inlined copy was inlined at CallFile:CallLine:CallColumn of the
	// function it is Inside.
	Inlined              bool
	CallFile             string
	CallLine, CallColumn int
	Inside               *Func
	Inlines              []*Func // the functions inlined into this one (directly)
	offset, origin       dwarf.Offset
	namespace            string // "prog::" for a function in namespace prog
	unit                 *unit
	frameBase            any // DW_AT_frame_base as debug/dwarf gives it
}

// Contains reports whether module offset off lies in f's code.
func (f *Func) Contains(off uint32) bool {
	for _, r := range f.Ranges {
		if r.Contains(off) {
			return true
		}
	}
	return false
}

// Entry returns the module offset where f's code begins (its lowest), as
// DWARF says: for an out-of-line function the start of its body, its
// local declarations; see Body for its first instruction.
func (f *Func) Entry() uint32 {
	if len(f.Ranges) == 0 {
		return 0
	}
	return f.Ranges[0].Start
}

type funcRange struct {
	r Range
	f *Func
}

// scope is a DIE being read with children: a function, a namespace or
// type whose name qualifies what is inside, or a block.
type scope struct {
	fn   *Func
	name string // a namespace's or type's name
}

// readFuncs reads the functions among the children of u's unit entry; r is
// positioned at the first child.
func (in *Info) readFuncs(u *unit, r *dwarf.Reader) error {
	var stack []scope
	for {
		e, err := r.Next()
		if err != nil {
			return err
		}
		if e == nil {
			return nil
		}
		if e.Tag == 0 {
			if len(stack) == 0 {
				return nil
			}
			stack = stack[:len(stack)-1]
			continue
		}
		var sc scope
		var outer *Func
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].fn != nil {
				outer = stack[i].fn
				break
			}
		}
		switch e.Tag {
		case dwarf.TagSubprogram, dwarf.TagInlinedSubroutine:
			if e.Tag == dwarf.TagInlinedSubroutine && outer == nil {
				break
			}
			rs, err := in.data.Ranges(e)
			if err != nil {
				return fmt.Errorf("ranges of the entry at .debug_info+%#x: %w", e.Offset, err)
			}
			f := &Func{offset: e.Offset, unit: u, Ranges: in.toRanges(rs), frameBase: e.Val(dwarf.AttrFrameBase)}
			if len(f.Ranges) == 0 {
				break // a declaration, an abstract instance or dropped code
			}
			f.Name, _ = e.Val(dwarf.AttrName).(string)
			f.LinkageName, _ = e.Val(dwarf.AttrLinkageName).(string)
			f.File, f.Line = u.file(e.Val(dwarf.AttrDeclFile)), intVal(e.Val(dwarf.AttrDeclLine))
			if o, ok := e.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset); ok {
				f.origin = o
			} else if o, ok := e.Val(dwarf.AttrSpecification).(dwarf.Offset); ok {
				f.origin = o
			}
			if e.Tag == dwarf.TagInlinedSubroutine {
				f.Inlined, f.Inside, f.Body = true, outer, f.Ranges[0].Start
				f.CallFile = u.file(e.Val(dwarf.AttrCallFile))
				f.CallLine, f.CallColumn = intVal(e.Val(dwarf.AttrCallLine)), intVal(e.Val(dwarf.AttrCallColumn))
				outer.Inlines = append(outer.Inlines, f)
			} else {
				// Also a subprogram nested in another (a local function, a
				// closure): a function of its own, not a frame of the outer.
				for _, s := range stack {
					if s.name != "" {
						f.namespace += s.name + "::"
					}
				}
				in.funcs = append(in.funcs, f)
			}
			sc.fn = f
		case dwarf.TagNamespace, dwarf.TagStructType, dwarf.TagClassType, dwarf.TagUnionType:
			sc.name, _ = e.Val(dwarf.AttrName).(string)
		}
		if e.Children {
			stack = append(stack, sc)
		}
	}
}

// file returns the path of the file a decl_file or call_file attribute
// names.
func (u *unit) file(v any) string {
	i, ok := v.(int64)
	if !ok || i < 0 || i >= int64(len(u.files)) || u.files[i] == nil {
		return ""
	}
	return u.files[i].Name
}

// intVal returns a constant attribute's value (0 when absent).
func intVal(v any) int {
	switch v := v.(type) {
	case int64:
		return int(v)
	case uint64:
		return int(v)
	}
	return 0
}

// indexFuncs names the functions that take their name from an abstract
// origin or a declaration, and sorts their code ranges for FuncAt.
func (in *Info) indexFuncs() {
	var name func(f *Func)
	name = func(f *Func) {
		if f.origin != 0 {
			in.fillFromOrigin(f)
		}
		f.Qualified = f.namespace + f.Name
		for _, g := range f.Inlines {
			name(g)
		}
	}
	for _, f := range in.funcs {
		name(f)
		f.Body = in.instrAt(f.Entry())
		for _, r := range f.Ranges {
			in.ranges = append(in.ranges, funcRange{r, f})
		}
		for _, n := range []string{f.Name, f.Qualified, f.LinkageName} {
			if n != "" && !containsFunc(in.byName[n], f) {
				in.byName[n] = append(in.byName[n], f)
			}
		}
	}
	sort.SliceStable(in.ranges, func(i, j int) bool { return in.ranges[i].r.Start < in.ranges[j].r.Start })
}

func containsFunc(fs []*Func, f *Func) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// fillFromOrigin takes what f's own entry lacks (name, linkage name,
// declaration) from the entries its origin chain points to.
func (in *Info) fillFromOrigin(f *Func) {
	off := f.origin
	r := in.data.Reader()
	for hops := 0; off != 0 && hops < 8; hops++ {
		r.Seek(off)
		e, err := r.Next()
		if err != nil || e == nil {
			return
		}
		if f.Name == "" {
			f.Name, _ = e.Val(dwarf.AttrName).(string)
		}
		if f.LinkageName == "" {
			f.LinkageName, _ = e.Val(dwarf.AttrLinkageName).(string)
		}
		if f.File == "" {
			if u := in.unitAt(off); u != nil {
				f.File, f.Line = u.file(e.Val(dwarf.AttrDeclFile)), intVal(e.Val(dwarf.AttrDeclLine))
			}
		}
		off = 0
		if o, ok := e.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset); ok {
			off = o
		} else if o, ok := e.Val(dwarf.AttrSpecification).(dwarf.Offset); ok {
			off = o
		}
	}
}

// instrAt returns off, or the first instruction of the function body
// that starts at off.
func (in *Info) instrAt(off uint32) uint32 {
	if b, ok := in.bodies[off]; ok {
		return b
	}
	return off
}

// breakAt returns where a breakpoint meant for off goes: off, or the first
// instruction of the body that starts at off, moved past any block, loop
// and nop there. Those do nothing when executed and engines compile them
// away, so a breakpoint on one would never be met; the instruction after
// them is met in the same state.
func (in *Info) breakAt(off uint32) uint32 {
	off = in.instrAt(off)
	for off >= in.codeStart && off+1 < in.codeEnd {
		c := in.code[off-in.codeStart:]
		switch c[0] {
		case 0x01: // nop
			off++
			continue
		case 0x02, 0x03: // block, loop: a block type follows
			n := 1 // empty, or a value type: one byte
			switch bt := c[1]; {
			case bt == 0x63 || bt == 0x64: // (ref null? heaptype)
				_, k := binary.SLEB(c[2:])
				n = 1 + k
			case bt < 0x40 || bt >= 0x80: // a type index
				_, n = binary.SLEB(c[1:])
			}
			if n == 0 {
				return off
			}
			off += 1 + uint32(n)
			continue
		}
		break
	}
	return off
}

// AfterPrologue returns where a breakpoint on function f goes, as gdb
// places one: the first row of f's code marked prologue_end (where the
// frame is set up and the parameters are in place), else its first
// instruction.
func (in *Info) AfterPrologue(f *Func) uint32 {
	for _, s := range in.seqs {
		for _, r := range s.rows {
			if r.PrologueEnd && !r.EndSequence && f.Contains(r.Offset) {
				return in.breakAt(r.Offset)
			}
		}
	}
	return in.breakAt(f.Body)
}

// unitAt returns the unit that holds the entry at off.
func (in *Info) unitAt(off dwarf.Offset) *unit {
	i := sort.Search(len(in.units), func(i int) bool { return in.units[i].entry.Offset > off }) - 1
	if i < 0 {
		return nil
	}
	return in.units[i]
}

// Funcs returns the out-of-line functions with code, in DIE order.
func (in *Info) Funcs() []*Func { return in.funcs }

// FuncsNamed returns the out-of-line functions whose source name,
// qualified name or linkage name is name.
func (in *Info) FuncsNamed(name string) []*Func { return in.byName[name] }

// FuncAt returns the out-of-line function whose code holds module offset
// off, or nil.
func (in *Info) FuncAt(off uint32) *Func {
	i := sort.Search(len(in.ranges), func(i int) bool { return in.ranges[i].r.Start > off }) - 1
	if i >= 0 && in.ranges[i].r.Contains(off) {
		return in.ranges[i].f
	}
	return nil
}

// Frame is one source-level frame at an instruction: a function and where
// in it execution stands.
type Frame struct {
	Func *Func
	// File, Line and Column: for the innermost frame the line table's row
	// of the instruction; for an outer one, the call site of the inlined
	// frame inside it.
	File         string
	Line, Column int
}

// Frames returns the source frames at module offset off, innermost first:
// the functions inlined there, then the out-of-line function that holds
// them all. It is empty when no function's code holds off.
func (in *Info) Frames(off uint32) []Frame {
	f := in.FuncAt(off)
	if f == nil {
		return nil
	}
	chain := []*Func{f}
	for {
		var next *Func
		for _, g := range f.Inlines {
			if g.Contains(off) {
				next = g
				break
			}
		}
		if next == nil {
			break
		}
		chain = append(chain, next)
		f = next
	}
	frames := make([]Frame, len(chain))
	for i := range chain {
		g := chain[len(chain)-1-i]
		frames[i].Func = g
		if i == 0 {
			if l, ok := in.LineAt(off); ok {
				frames[i].File, frames[i].Line, frames[i].Column = l.File, l.Line, l.Column
			}
		} else {
			callee := frames[i-1].Func
			frames[i].File, frames[i].Line, frames[i].Column = callee.CallFile, callee.CallLine, callee.CallColumn
		}
	}
	return frames
}
