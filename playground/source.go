package playground

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// FuncSource is one function as WAT text (vm/text's printer), for the
// Debug pane: Offsets[i] is the module byte offset of line i's
// instruction, -1 for a line without one.
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

// FuncSource prints function fn of the loaded program.
func (s *Session) FuncSource(fn uint32) FuncSource {
	var src FuncSource
	if s.prog == nil {
		return src
	}
	var body []syntax.Instr
	if m := s.prog.Module.Syntax(); fn >= uint32(m.NumImported(syntax.ExternFunc)) {
		var err error
		if body, err = s.prog.Module.Body(fn); err != nil {
			return FuncSource{Lines: []string{";; " + err.Error()}, Offsets: []int64{-1}}
		}
	}
	lines, err := text.PrintFuncBody(s.prog.Module.Syntax(), fn, body)
	if err != nil {
		return FuncSource{Lines: []string{";; " + err.Error()}, Offsets: []int64{-1}}
	}
	for _, l := range lines {
		src.Lines = append(src.Lines, l.Text)
		off := int64(-1)
		if l.Instr {
			off = int64(l.Offset)
		}
		src.Offsets = append(src.Offsets, off)
	}
	return src
}

// maxPrinted is the size of the largest binary module ModuleText prints
// in full: a compiler's output prints to tens of megabytes, more than an
// editor box should hold and more than is worth the time to print.
const maxPrinted = 256 << 10

// ModuleText returns the loaded program as text: the WAT it was given, a
// binary module printed as WAT, or for a large binary module its imports
// and exports with a note that it is too large to print.
func (s *Session) ModuleText() string {
	if s.prog == nil {
		return ""
	}
	if s.prog.Format == Text {
		return string(s.prog.Source)
	}
	var b strings.Builder
	if len(s.prog.Source) <= maxPrinted {
		m, err := s.prog.Module.FullSyntax()
		if err != nil {
			return ";; " + err.Error()
		}
		text.Print(&b, m)
		return b.String()
	}
	info := s.prog.Info
	fmt.Fprintf(&b, ";; %s: %s, too large to print here in full.\n;; %s\n;; The Debug pane prints the function a paused run is in.\n(module\n",
		s.prog.Name, sizeText(len(s.prog.Source)), info.Summary())
	for _, im := range info.Imports {
		fmt.Fprintf(&b, "  (import %q %q (%s %s))\n", im.Module, im.Name, im.Kind, im.Type)
	}
	for _, e := range info.Exports {
		fmt.Fprintf(&b, "  (export %q (%s %d))\n", e.Name, e.Kind, e.Index)
	}
	b.WriteString("  ;; …\n)\n")
	return b.String()
}

func sizeText(n int) string {
	return fmt.Sprintf("%d bytes", n)
}
