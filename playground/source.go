package playground

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// FuncSource is one function as text, one instruction per line, for the
// Debug pane: Offsets[i] is the module byte offset of line i's
// instruction (-1 for a line without one).
type FuncSource struct {
	Lines   []string
	Offsets []int64
}

// Line returns the index of the line holding the instruction at offset
// off, -1 when none does.
func (f FuncSource) Line(off uint32) int {
	for i, o := range f.Offsets {
		if o == int64(off) {
			return i
		}
	}
	return -1
}

// FuncSource renders function fn of the loaded program.
func (s *Session) FuncSource(fn uint32) FuncSource {
	if s.prog == nil {
		return FuncSource{}
	}
	return funcSource(s.prog.Module.Syntax(), fn)
}

func funcSource(m *syntax.Module, fn uint32) FuncSource {
	var src FuncSource
	add := func(off int64, text string) {
		src.Lines = append(src.Lines, text)
		src.Offsets = append(src.Offsets, off)
	}
	nimp := uint32(m.NumImported(syntax.ExternFunc))
	ft, _ := m.FuncType(fn)
	head := "(func " + FuncLabel(m, fn)
	if sig := strings.TrimPrefix(strings.TrimSuffix(ft.String(), ")"), "(func"); sig != "" {
		head += sig
	}
	if fn < nimp || int(fn-nimp) >= len(m.Funcs) {
		add(-1, head+" (import))")
		return src
	}
	f := m.Funcs[fn-nimp]
	add(-1, head)
	n := uint32(len(ft.Params))
	for _, l := range f.Locals {
		for k := uint32(0); k < l.Count; k++ {
			add(-1, fmt.Sprintf("  (local %s %s)", localName(m, fn, n), l.Type))
			n++
		}
	}
	depth := 1
	for i := range f.Body {
		in := &f.Body[i]
		info, _ := syntax.Info(in.Op)
		if (info.Name == "end" || info.Name == "else" || info.Name == "catch" || info.Name == "catch_all") && depth > 1 {
			depth--
		}
		text := strings.Repeat("  ", depth) + instrText(m, fn, in, info)
		if i == len(f.Body)-1 && info.Name == "end" {
			text = strings.Repeat("  ", depth-1) + ")"
		}
		add(int64(in.Offset), text)
		switch info.Imm {
		case syntax.ImmBlock, syntax.ImmTryTable:
			depth++
		}
		if info.Name == "else" || info.Name == "catch" || info.Name == "catch_all" {
			depth++
		}
	}
	return src
}

func localName(m *syntax.Module, fn, i uint32) string {
	if n := m.Names.Locals[fn][i]; n != "" {
		if !strings.HasPrefix(n, "$") {
			n = "$" + n
		}
		return n
	}
	return strconv.FormatUint(uint64(i), 10)
}

// instrText writes an instruction with its immediates, names where the
// module gives them.
func instrText(m *syntax.Module, fn uint32, in *syntax.Instr, info syntax.OpInfo) string {
	name := info.Name
	switch info.Imm {
	case syntax.ImmBlock, syntax.ImmTryTable:
		switch in.Block.Kind {
		case syntax.BlockValue:
			return name + " (result " + in.Block.Type.String() + ")"
		case syntax.BlockIndex:
			return fmt.Sprintf("%s (type %d)", name, in.Block.Index)
		}
		return name
	case syntax.ImmIndex:
		switch {
		case name == "call" || name == "return_call" || name == "ref.func":
			return name + " " + FuncLabel(m, in.X)
		case strings.HasPrefix(name, "local."):
			return name + " " + localName(m, fn, in.X)
		case strings.HasPrefix(name, "global."):
			if g := m.Names.Globals[in.X]; g != "" {
				return name + " $" + strings.TrimPrefix(g, "$")
			}
		}
		return fmt.Sprintf("%s %d", name, in.X)
	case syntax.ImmTwoIndex:
		return fmt.Sprintf("%s %d %d", name, in.X, in.Y)
	case syntax.ImmBrTable:
		var b strings.Builder
		b.WriteString(name)
		for _, l := range in.Labels {
			fmt.Fprintf(&b, " %d", l)
		}
		return b.String()
	case syntax.ImmMemArg, syntax.ImmMemLane:
		s := name
		if in.Y != 0 {
			s += fmt.Sprintf(" %d", in.Y)
		}
		if in.MemOffset != 0 {
			s += fmt.Sprintf(" offset=%d", in.MemOffset)
		}
		if info.Imm == syntax.ImmMemLane {
			s += fmt.Sprintf(" %d", in.Lane)
		}
		return s
	case syntax.ImmLane:
		return fmt.Sprintf("%s %d", name, in.Lane)
	case syntax.ImmI32:
		return fmt.Sprintf("%s %d", name, int32(in.Const))
	case syntax.ImmI64:
		return fmt.Sprintf("%s %d", name, int64(in.Const))
	case syntax.ImmF32:
		return name + " " + FormatF32(uint32(in.Const))
	case syntax.ImmF64:
		return name + " " + FormatF64(in.Const)
	case syntax.ImmV128:
		return fmt.Sprintf("%s i64x2 0x%x 0x%x", name, in.Const, in.Const2)
	}
	return name
}

// ModuleText renders the loaded program as text: the WAT it was given, or
// for a binary module its functions one instruction per line.
func (s *Session) ModuleText() string {
	if s.prog == nil {
		return ""
	}
	if s.prog.Format == Text {
		return string(s.prog.Source)
	}
	m := s.prog.Module.Syntax()
	var b strings.Builder
	fmt.Fprintf(&b, ";; %s: %s\n;; %s\n(module\n", s.prog.Name, sizeText(len(s.prog.Source)), s.prog.Info.Summary())
	for _, im := range s.prog.Info.Imports {
		fmt.Fprintf(&b, "  (import %q %q (%s %s))\n", im.Module, im.Name, im.Kind, im.Type)
	}
	total := uint32(m.NumImported(syntax.ExternFunc) + len(m.Funcs))
	for fn := uint32(m.NumImported(syntax.ExternFunc)); fn < total; fn++ {
		for _, l := range funcSource(m, fn).Lines {
			b.WriteString("  " + l + "\n")
		}
	}
	for _, e := range s.prog.Info.Exports {
		fmt.Fprintf(&b, "  (export %q (%s %d))\n", e.Name, e.Kind, e.Index)
	}
	b.WriteString(")\n")
	return b.String()
}

func sizeText(n int) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
