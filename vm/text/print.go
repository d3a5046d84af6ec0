package text

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Line is one line of printed text. Instruction lines of function bodies
// carry the function index and the module byte offset of the instruction,
// so a view of the text can follow execution (Offset is 0 for modules
// that were parsed from text, which have no bytes).
type Line struct {
	Text   string
	Func   int32 // function index (imports first) of a body line, else -1
	Offset uint32
	Instr  bool // the line holds an instruction
}

// Print writes m as WAT text. The text parses back to the same module
// (custom sections aside, which the text format cannot hold).
func Print(w io.Writer, m *syntax.Module) error {
	var b strings.Builder
	for _, l := range Lines(m) {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Lines returns the text of m line by line.
func Lines(m *syntax.Module) []Line {
	p := newPrinter(m)
	p.module()
	return p.lines
}

// PrintFunc returns the lines of the function with index funcIdx (imports
// first; an imported function prints as its import).
func PrintFunc(m *syntax.Module, funcIdx uint32) ([]Line, error) {
	return PrintFuncBody(m, funcIdx, nil)
}

// PrintFuncBody is PrintFunc for a module decoded without its bodies
// (binary.Config.LazyBodies): body, when not nil, is the function's.
func PrintFuncBody(m *syntax.Module, funcIdx uint32, body []syntax.Instr) ([]Line, error) {
	p := newPrinter(m)
	nimp := uint32(m.NumImported(syntax.ExternFunc))
	if funcIdx < nimp {
		k := uint32(0)
		for i := range m.Imports {
			if m.Imports[i].Kind == syntax.ExternFunc {
				if k == funcIdx {
					p.importLine(&m.Imports[i], 0)
					return p.lines, nil
				}
				k++
			}
		}
	}
	if int(funcIdx-nimp) >= len(m.Funcs) {
		return nil, fmt.Errorf("function index %d out of range (module has %d functions)", funcIdx, int(nimp)+len(m.Funcs))
	}
	f := m.Funcs[funcIdx-nimp]
	if body != nil {
		f.Body = body
	}
	p.funcDef(funcIdx, &f, 0)
	return p.lines, nil
}

// FormatInstr formats one instruction of function funcIdx as its mnemonic
// with immediates, using the module's names where it has them: "call $fib",
// "local.get $n", "i32.load offset=4 align=2". To format many instructions
// of one module, make a Formatter once.
func FormatInstr(m *syntax.Module, funcIdx uint32, in *syntax.Instr) string {
	return NewFormatter(m).Instr(funcIdx, in)
}

// Formatter formats instructions of one module, with its names prepared
// once (a trace formats an instruction per step).
type Formatter struct{ p *printer }

// NewFormatter prepares the names of m.
func NewFormatter(m *syntax.Module) *Formatter { return &Formatter{p: newPrinter(m)} }

// Instr formats in, an instruction of function funcIdx, as FormatInstr.
// Branch targets print as depths: the label names need the block context.
func (f *Formatter) Instr(funcIdx uint32, in *syntax.Instr) string {
	f.p.setFunc(funcIdx)
	return f.p.instr(in, nil)
}

type printer struct {
	m      *syntax.Module
	names  [numSpaces]map[uint32]string // unique, usable ids per space
	fn     uint32                       // current function, for locals
	locals map[uint32]string            // its unique local names
	cache  map[uint32]map[uint32]string // local names per function
	lines  []Line
}

func newPrinter(m *syntax.Module) *printer {
	p := &printer{m: m, cache: map[uint32]map[uint32]string{}}
	n := &m.Names
	for s, src := range [numSpaces]map[uint32]string{n.Types, n.Funcs, n.Tables, n.Mems, n.Globals, n.Tags, n.Elems, n.Datas} {
		p.names[s] = uniqueNames(src)
	}
	return p
}

// setFunc makes fn the function whose locals instructions name.
func (p *printer) setFunc(fn uint32) {
	if p.locals != nil && p.fn == fn {
		return
	}
	p.fn = fn
	l, ok := p.cache[fn]
	if !ok {
		l = uniqueNames(p.m.Names.Locals[fn])
		if l == nil {
			l = map[uint32]string{}
		}
		p.cache[fn] = l
	}
	p.locals = l
}

// uniqueNames keeps the usable names of one index space: non-empty, and
// the first holder of each name, so the printed text has no duplicate ids.
func uniqueNames(src map[uint32]string) map[uint32]string {
	if len(src) == 0 {
		return nil
	}
	idx := make([]uint32, 0, len(src))
	for i := range src {
		idx = append(idx, i)
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	out := map[uint32]string{}
	seen := map[string]bool{}
	for _, i := range idx {
		if s := src[i]; s != "" && !seen[s] {
			seen[s] = true
			out[i] = s
		}
	}
	return out
}

// id formats a name as a $id, quoting it when it has characters an id
// cannot.
func id(name string) string {
	for i := 0; i < len(name); i++ {
		if !isIDChar(name[i]) {
			return "$" + quote([]byte(name))
		}
	}
	return "$" + name
}

// quote formats bytes as a string literal.
func quote(b []byte) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range b {
		switch {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "\\%02x", c)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}

// ref formats a reference into space s: its $id, or its number.
func (p *printer) ref(s space, i uint32) string {
	if n, ok := p.names[s][i]; ok {
		return id(n)
	}
	return strconv.FormatUint(uint64(i), 10)
}

// def formats the optional $id of a definition, with a leading space.
func (p *printer) def(s space, i uint32) string {
	if n, ok := p.names[s][i]; ok {
		return " " + id(n)
	}
	return ""
}

func (p *printer) line(depth int, text string) {
	p.lines = append(p.lines, Line{Text: strings.Repeat("  ", depth) + text, Func: -1})
}

func (p *printer) heap(h syntax.HeapType) string {
	if h.IsAbstract() {
		return h.String()
	}
	return p.ref(spType, uint32(h))
}

// shorthandOf is the text format's abbreviation of (ref null h).
var shorthandOf = func() map[syntax.HeapType]string {
	m := map[syntax.HeapType]string{}
	for s, h := range refShorthands {
		m[h] = s
	}
	return m
}()

func (p *printer) valType(t syntax.ValType) string {
	if t.Kind != syntax.KindRef {
		return t.String()
	}
	if s, ok := shorthandOf[t.Heap]; ok && t.Nullable {
		return s
	}
	if t.Nullable {
		return "(ref null " + p.heap(t.Heap) + ")"
	}
	return "(ref " + p.heap(t.Heap) + ")"
}

func (p *printer) valTypes(ts []syntax.ValType) string {
	var sb strings.Builder
	for _, t := range ts {
		sb.WriteByte(' ')
		sb.WriteString(p.valType(t))
	}
	return sb.String()
}

// funcSig formats (param ...) (result ...), naming parameters from the
// function's locals when localNames is set.
func (p *printer) funcSig(ft syntax.FuncType, localNames map[uint32]string) string {
	var sb strings.Builder
	if len(ft.Params) > 0 {
		if len(localNames) > 0 {
			for i, t := range ft.Params {
				if n, ok := localNames[uint32(i)]; ok {
					fmt.Fprintf(&sb, " (param %s %s)", id(n), p.valType(t))
				} else {
					fmt.Fprintf(&sb, " (param %s)", p.valType(t))
				}
			}
		} else {
			sb.WriteString(" (param" + p.valTypes(ft.Params) + ")")
		}
	}
	if len(ft.Results) > 0 {
		sb.WriteString(" (result" + p.valTypes(ft.Results) + ")")
	}
	return sb.String()
}

// typeUse formats (type x) with the signature spelled out, when x names a
// function type.
func (p *printer) typeUse(x uint32, localNames map[uint32]string) string {
	s := " (type " + p.ref(spType, x) + ")"
	if int(x) < len(p.m.Types) && p.m.Types[x].Kind == syntax.CompFunc {
		s += p.funcSig(p.m.Types[x].Func, localNames)
	}
	return s
}

func (p *printer) module() {
	m := p.m
	head := "(module"
	if m.Names.Module != "" {
		head += " " + id(m.Names.Module)
	}
	p.line(0, head)
	for i := 0; i < len(m.Types); {
		st := &m.Types[i]
		if st.RecSize > 1 && st.RecStart == uint32(i) && i+int(st.RecSize) <= len(m.Types) {
			p.line(1, "(rec")
			for k := 0; k < int(st.RecSize); k++ {
				p.line(2, p.typeDef(uint32(i+k)))
			}
			p.line(1, ")")
			i += int(st.RecSize)
			continue
		}
		p.line(1, p.typeDef(uint32(i)))
		i++
	}
	var counts [numSpaces]uint32
	for i := range m.Imports {
		im := &m.Imports[i]
		s := map[syntax.ExternKind]space{syntax.ExternFunc: spFunc, syntax.ExternTable: spTable,
			syntax.ExternMemory: spMem, syntax.ExternGlobal: spGlobal, syntax.ExternTag: spTag}[im.Kind]
		p.importLine(im, counts[s])
		counts[s]++
	}
	for i := range m.Tables {
		t := &m.Tables[i]
		idx := counts[spTable] + uint32(i)
		text := "(table" + p.def(spTable, idx) + p.tableType(t.Type)
		if len(t.Init) > 0 {
			text += " " + p.constExpr(t.Init)
		}
		p.line(1, text+")")
	}
	for i := range m.Mems {
		p.line(1, "(memory"+p.def(spMem, counts[spMem]+uint32(i))+p.memType(m.Mems[i])+")")
	}
	for i := range m.Tags {
		idx := counts[spTag] + uint32(i)
		p.line(1, "(tag"+p.def(spTag, idx)+p.typeUse(m.Tags[i].Type, nil)+")")
	}
	for i := range m.Globals {
		g := &m.Globals[i]
		idx := counts[spGlobal] + uint32(i)
		p.line(1, "(global"+p.def(spGlobal, idx)+" "+p.globalType(g.Type)+" "+p.constExpr(g.Init)+")")
	}
	for i := range m.Exports {
		e := &m.Exports[i]
		s := map[syntax.ExternKind]space{syntax.ExternFunc: spFunc, syntax.ExternTable: spTable,
			syntax.ExternMemory: spMem, syntax.ExternGlobal: spGlobal, syntax.ExternTag: spTag}[e.Kind]
		p.line(1, fmt.Sprintf("(export %s (%s %s))", quote([]byte(e.Name)), spaceKeyword[s], p.ref(s, e.Index)))
	}
	if m.Start != nil {
		p.line(1, "(start "+p.ref(spFunc, *m.Start)+")")
	}
	for i := range m.Elems {
		p.line(1, p.elem(uint32(i), &m.Elems[i]))
	}
	for i := range m.Funcs {
		p.funcDef(counts[spFunc]+uint32(i), &m.Funcs[i], 1)
	}
	for i := range m.Datas {
		d := &m.Datas[i]
		text := "(data" + p.def(spData, uint32(i))
		if d.Mode == syntax.SegActive {
			if d.Mem != 0 {
				text += " (memory " + p.ref(spMem, d.Mem) + ")"
			}
			text += " " + p.offsetExpr(d.Offset)
		}
		p.line(1, text+" "+quote(d.Init)+")")
	}
	p.line(0, ")")
}

func (p *printer) typeDef(i uint32) string {
	st := &p.m.Types[i]
	var comp string
	switch st.Kind {
	case syntax.CompFunc:
		comp = "(func" + p.funcSig(st.Func, nil) + ")"
	case syntax.CompStruct:
		comp = "(struct"
		for k, f := range st.Fields {
			if n, ok := p.m.Names.Fields[i][uint32(k)]; ok && n != "" && p.fieldNameUnique(i, uint32(k)) {
				comp += " (field " + id(n) + " " + p.fieldType(f) + ")"
			} else {
				comp += " (field " + p.fieldType(f) + ")"
			}
		}
		comp += ")"
	case syntax.CompArray:
		comp = "(array"
		if len(st.Fields) == 1 {
			comp += " " + p.fieldType(st.Fields[0])
		}
		comp += ")"
	}
	if !st.Final || len(st.Supers) > 0 {
		sub := "(sub"
		if st.Final {
			sub += " final"
		}
		for _, s := range st.Supers {
			sub += " " + p.ref(spType, s)
		}
		comp = sub + " " + comp + ")"
	}
	return "(type" + p.def(spType, i) + " " + comp + ")"
}

// fieldNameUnique reports whether field k of type t has the first use of
// its name in the type.
func (p *printer) fieldNameUnique(t, k uint32) bool {
	n := p.m.Names.Fields[t][k]
	for j, o := range p.m.Names.Fields[t] {
		if o == n && j < k {
			return false
		}
	}
	return true
}

// fieldName formats a field reference of struct type t.
func (p *printer) fieldName(t, k uint32) string {
	if n, ok := p.m.Names.Fields[t][k]; ok && n != "" && p.fieldNameUnique(t, k) {
		return id(n)
	}
	return strconv.FormatUint(uint64(k), 10)
}

func (p *printer) fieldType(f syntax.FieldType) string {
	s := p.valType(f.Type)
	switch f.Packed {
	case syntax.PackedI8:
		s = "i8"
	case syntax.PackedI16:
		s = "i16"
	}
	if f.Mutable {
		return "(mut " + s + ")"
	}
	return s
}

func limits(l syntax.Limits) string {
	s := " " + strconv.FormatUint(l.Min, 10)
	if l.HasMax {
		s += " " + strconv.FormatUint(l.Max, 10)
	}
	return s
}

func (p *printer) tableType(t syntax.TableType) string {
	s := ""
	if t.Table64 {
		s = " i64"
	}
	return s + limits(t.Limits) + " " + p.valType(t.Elem)
}

func (p *printer) memType(t syntax.MemType) string {
	s := ""
	if t.Mem64 {
		s = " i64"
	}
	s += limits(t.Limits)
	if t.Shared {
		s += " shared"
	}
	return s
}

func (p *printer) globalType(g syntax.GlobalType) string {
	if g.Mutable {
		return "(mut " + p.valType(g.Type) + ")"
	}
	return p.valType(g.Type)
}

func (p *printer) importLine(im *syntax.Import, idx uint32) {
	head := fmt.Sprintf("(import %s %s ", quote([]byte(im.Module)), quote([]byte(im.Name)))
	var desc string
	switch im.Kind {
	case syntax.ExternFunc:
		desc = "(func" + p.def(spFunc, idx) + p.typeUse(im.Func, nil) + ")"
	case syntax.ExternTable:
		desc = "(table" + p.def(spTable, idx) + p.tableType(im.Table) + ")"
	case syntax.ExternMemory:
		desc = "(memory" + p.def(spMem, idx) + p.memType(im.Mem) + ")"
	case syntax.ExternGlobal:
		desc = "(global" + p.def(spGlobal, idx) + " " + p.globalType(im.Global) + ")"
	case syntax.ExternTag:
		desc = "(tag" + p.def(spTag, idx) + p.typeUse(im.Tag.Type, nil) + ")"
	}
	p.line(1, head+desc+")")
}

// constExpr formats a constant expression: one instruction folded, more
// as a plain sequence.
func (p *printer) constExpr(e syntax.Expr) string {
	if len(e) == 1 {
		return "(" + p.instr(&e[0], nil) + ")"
	}
	parts := make([]string, len(e))
	for i := range e {
		parts[i] = p.instr(&e[i], nil)
	}
	return strings.Join(parts, " ")
}

func (p *printer) offsetExpr(e syntax.Expr) string {
	if len(e) == 1 {
		return p.constExpr(e)
	}
	return "(offset " + p.constExpr(e) + ")"
}

func (p *printer) elem(i uint32, e *syntax.Elem) string {
	s := "(elem" + p.def(spElem, i)
	switch e.Mode {
	case syntax.SegDeclarative:
		s += " declare"
	case syntax.SegActive:
		s += " (table " + p.ref(spTable, e.Table) + ") " + p.offsetExpr(e.Offset)
	}
	funcs := e.Type == funcElemType
	for _, it := range e.Init {
		if len(it) != 1 || it[0].Op != syntax.OpRefFunc {
			funcs = false
		}
	}
	if funcs {
		s += " func"
		for _, it := range e.Init {
			s += " " + p.ref(spFunc, it[0].X)
		}
		return s + ")"
	}
	s += " " + p.valType(e.Type)
	for _, it := range e.Init {
		if len(it) == 1 {
			s += " " + p.constExpr(it)
		} else {
			s += " (item " + p.constExpr(it) + ")"
		}
	}
	return s + ")"
}

// funcDef prints a defined function with its body, one instruction per
// line, blocks indented.
func (p *printer) funcDef(idx uint32, f *syntax.Func, depth int) {
	p.setFunc(idx)
	p.lines = append(p.lines, Line{Text: strings.Repeat("  ", depth) + "(func" + p.def(spFunc, idx) + p.typeUse(f.Type, p.locals), Func: int32(idx)})
	li := uint32(0)
	if ft, ok := p.m.FuncType(idx); ok {
		li = uint32(len(ft.Params))
	}
	var decl []string
	for _, l := range f.Locals {
		t := p.valType(l.Type)
		if uint64(li)+uint64(l.Count) > maxPrintedLocals {
			// A binary may declare billions of locals; the text format
			// has no count, so such runs are shown, not spelled out.
			decl = append(decl, fmt.Sprintf("(; %d locals of type %s, too many to print ;)", l.Count, t))
			li += l.Count
			continue
		}
		unnamed := 0
		for k := uint32(0); k < l.Count; k++ {
			if n, ok := p.locals[li]; ok {
				if unnamed > 0 {
					decl = append(decl, "(local"+strings.Repeat(" "+t, unnamed)+")")
					unnamed = 0
				}
				decl = append(decl, "(local "+id(n)+" "+t+")")
			} else {
				unnamed++
			}
			li++
		}
		if unnamed > 0 {
			decl = append(decl, "(local"+strings.Repeat(" "+t, unnamed)+")")
		}
	}
	if len(decl) > 0 {
		p.lines = append(p.lines, Line{Text: strings.Repeat("  ", depth+1) + strings.Join(decl, " "), Func: int32(idx)})
	}
	var labels []string
	blockNo := uint32(0)
	d := depth + 1
	body := f.Body
	if n := len(body); n > 0 && body[n-1].Op == syntax.OpEnd {
		body = body[:n-1]
	}
	for k := range body {
		in := &body[k]
		switch in.Op {
		case syntax.OpEnd:
			if d > depth+1 {
				d--
			}
			if len(labels) > 0 {
				labels = labels[:len(labels)-1]
			}
		case syntax.OpElse:
			d--
		}
		text := p.instr(in, labels)
		switch in.Op {
		case syntax.OpBlock, syntax.OpLoop, syntax.OpIf, syntax.OpTryTable:
			name := p.m.Names.Labels[idx][blockNo]
			blockNo++
			if name != "" {
				op := in.Op.String()
				text = op + " " + id(name) + text[len(op):]
			}
			labels = append(labels, name)
		}
		p.lines = append(p.lines, Line{Text: indent(d) + text, Func: int32(idx), Offset: in.Offset, Instr: true})
		switch in.Op {
		case syntax.OpBlock, syntax.OpLoop, syntax.OpIf, syntax.OpTryTable, syntax.OpElse:
			d++
		}
	}
	end := Line{Text: strings.Repeat("  ", depth) + ")", Func: int32(idx)}
	if n := len(f.Body); n > 0 {
		// The closing parenthesis stands for the function's final end.
		end.Offset, end.Instr = f.Body[n-1].Offset, true
	}
	p.lines = append(p.lines, end)
}

// maxIndent bounds the indentation of nested blocks, so a binary with
// deeply nested blocks prints in linear size.
const maxIndent = 64

func indent(depth int) string { return strings.Repeat("  ", min(depth, maxIndent)) }

// maxPrintedLocals bounds the locals (parameters included) of a function
// that the printer spells out.
const maxPrintedLocals = 1 << 16

// label formats a branch target: the enclosing block's $label when it has
// one that is not shadowed by an inner block of the same name, else the
// depth.
func (p *printer) label(depth uint32, labels []string) string {
	if int(depth) < len(labels) {
		at := len(labels) - 1 - int(depth)
		if n := labels[at]; n != "" {
			shadowed := false
			for _, inner := range labels[at+1:] {
				shadowed = shadowed || inner == n
			}
			if !shadowed {
				return id(n)
			}
		}
	}
	return strconv.FormatUint(uint64(depth), 10)
}

func (p *printer) local(i uint32) string {
	if n, ok := p.locals[i]; ok {
		return id(n)
	}
	return strconv.FormatUint(uint64(i), 10)
}

func (p *printer) blockType(bt syntax.BlockType) string {
	switch bt.Kind {
	case syntax.BlockValue:
		return " (result " + p.valType(bt.Type) + ")"
	case syntax.BlockIndex:
		return p.typeUse(bt.Index, nil)
	}
	return ""
}

// instr formats one instruction; labels are the enclosing blocks' names
// (innermost last) for branch targets.
func (p *printer) instr(in *syntax.Instr, labels []string) string {
	info, ok := syntax.Info(in.Op)
	if !ok {
		return fmt.Sprintf("unknown(0x%x)", uint32(in.Op))
	}
	name := info.Name
	switch info.Imm {
	case syntax.ImmBlock:
		return name + p.blockType(in.Block)
	case syntax.ImmTryTable:
		s := name + p.blockType(in.Block)
		// Catch labels are relative to the try_table's enclosing blocks.
		for _, c := range in.Catches {
			l := p.label(c.Label, labels)
			switch c.Kind {
			case syntax.Catch:
				s += " (catch " + p.ref(spTag, c.Tag) + " " + l + ")"
			case syntax.CatchRef:
				s += " (catch_ref " + p.ref(spTag, c.Tag) + " " + l + ")"
			case syntax.CatchAll:
				s += " (catch_all " + l + ")"
			case syntax.CatchAllRef:
				s += " (catch_all_ref " + l + ")"
			}
		}
		return s
	case syntax.ImmIndex:
		switch k := indexKinds[name]; k {
		case ixLabel:
			return name + " " + p.label(in.X, labels)
		case ixLocal:
			return name + " " + p.local(in.X)
		case ixTable, ixMem:
			if in.X == 0 {
				return name
			}
			return name + " " + p.ref(spaceOfIndex[k], in.X)
		default:
			return name + " " + p.ref(spaceOfIndex[k], in.X)
		}
	case syntax.ImmTwoIndex:
		return name + p.twoIndex(name, in)
	case syntax.ImmBrTable:
		s := name
		for _, l := range in.Labels {
			s += " " + p.label(l, labels)
		}
		return s
	case syntax.ImmMemArg:
		return name + p.memArg(name, in)
	case syntax.ImmMemLane:
		return name + p.memArg(name, in) + " " + strconv.Itoa(int(in.Lane))
	case syntax.ImmLane:
		return name + " " + strconv.Itoa(int(in.Lane))
	case syntax.ImmI32:
		return name + " " + strconv.FormatInt(int64(int32(uint32(in.Const))), 10)
	case syntax.ImmI64:
		return name + " " + strconv.FormatInt(int64(in.Const), 10)
	case syntax.ImmF32:
		return name + " " + formatF32(uint32(in.Const))
	case syntax.ImmF64:
		return name + " " + formatF64(in.Const)
	case syntax.ImmV128:
		return fmt.Sprintf("%s i32x4 0x%08x 0x%08x 0x%08x 0x%08x", name,
			uint32(in.Const), uint32(in.Const>>32), uint32(in.Const2), uint32(in.Const2>>32))
	case syntax.ImmShuffle:
		s := name
		for i := 0; i < 16; i++ {
			w := in.Const
			if i >= 8 {
				w = in.Const2
			}
			s += " " + strconv.Itoa(int(byte(w>>(8*(i%8)))))
		}
		return s
	case syntax.ImmSelectT:
		return name + " (result" + p.valTypes(in.Types) + ")"
	case syntax.ImmHeapType:
		h := syntax.HeapType(int32(in.X))
		switch in.Op {
		case syntax.OpRefNull:
			return name + " " + p.heap(h)
		case syntax.OpRefTestNull, syntax.OpRefCastNull:
			return name + " (ref null " + p.heap(h) + ")"
		}
		return name + " (ref " + p.heap(h) + ")"
	case syntax.ImmBrOnCast:
		s := name + " " + p.label(in.X, labels)
		for _, t := range in.Types {
			s += " " + p.valType(t)
		}
		return s
	}
	return name
}

func (p *printer) twoIndex(name string, in *syntax.Instr) string {
	switch name {
	case "call_indirect", "return_call_indirect":
		s := ""
		if in.Y != 0 {
			s = " " + p.ref(spTable, in.Y)
		}
		return s + p.typeUse(in.X, nil)
	case "table.copy":
		if in.X == 0 && in.Y == 0 {
			return ""
		}
		return " " + p.ref(spTable, in.X) + " " + p.ref(spTable, in.Y)
	case "memory.copy":
		if in.X == 0 && in.Y == 0 {
			return ""
		}
		return " " + p.ref(spMem, in.X) + " " + p.ref(spMem, in.Y)
	case "table.init":
		if in.Y == 0 {
			return " " + p.ref(spElem, in.X)
		}
		return " " + p.ref(spTable, in.Y) + " " + p.ref(spElem, in.X)
	case "memory.init":
		if in.Y == 0 {
			return " " + p.ref(spData, in.X)
		}
		return " " + p.ref(spMem, in.Y) + " " + p.ref(spData, in.X)
	case "struct.get", "struct.get_s", "struct.get_u", "struct.set":
		return " " + p.ref(spType, in.X) + " " + p.fieldName(in.X, in.Y)
	case "array.new_fixed":
		return " " + p.ref(spType, in.X) + " " + strconv.FormatUint(uint64(in.Y), 10)
	case "array.new_data", "array.init_data":
		return " " + p.ref(spType, in.X) + " " + p.ref(spData, in.Y)
	case "array.new_elem", "array.init_elem":
		return " " + p.ref(spType, in.X) + " " + p.ref(spElem, in.Y)
	}
	return " " + p.ref(spType, in.X) + " " + p.ref(spType, in.Y)
}

func (p *printer) memArg(name string, in *syntax.Instr) string {
	s := ""
	if in.Y != 0 {
		s = " " + p.ref(spMem, in.Y)
	}
	if in.MemOffset != 0 {
		s += " offset=" + strconv.FormatUint(in.MemOffset, 10)
	}
	if in.X != naturalAlign(name) {
		if in.X < 64 {
			s += " align=" + strconv.FormatUint(1<<in.X, 10)
		} else {
			s += " align=2^" + strconv.FormatUint(uint64(in.X), 10)
		}
	}
	return s
}

// formatF32 gives the shortest decimal that reads back as the same bits,
// or inf / nan / nan:0x... with their signs.
func formatF32(b uint32) string {
	sign := ""
	if b>>31 != 0 {
		sign = "-"
	}
	if b&0x7F800000 == 0x7F800000 {
		payload := b & 0x7FFFFF
		switch {
		case payload == 0:
			return sign + "inf"
		case payload == 0x400000:
			return sign + "nan"
		}
		return fmt.Sprintf("%snan:0x%x", sign, payload)
	}
	return strconv.FormatFloat(float64(math.Float32frombits(b)), 'g', -1, 32)
}

func formatF64(b uint64) string {
	sign := ""
	if b>>63 != 0 {
		sign = "-"
	}
	if b&0x7FF0000000000000 == 0x7FF0000000000000 {
		payload := b & 0xFFFFFFFFFFFFF
		switch {
		case payload == 0:
			return sign + "inf"
		case payload == 0x8000000000000:
			return sign + "nan"
		}
		return fmt.Sprintf("%snan:0x%x", sign, payload)
	}
	return strconv.FormatFloat(math.Float64frombits(b), 'g', -1, 64)
}
