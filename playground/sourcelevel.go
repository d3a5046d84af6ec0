package playground

import (
	"errors"
	"fmt"
	"path"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// Source-level debugging: a binary module's DWARF (vm/debuginfo) gives
// file:line breakpoints, stepping by line, the call stack in source terms
// (inlined frames too) and the variables of each frame; the source text
// comes from the module (clang -gembed-source) or from the files placed
// for the run.

// DebugInfoView says what the loaded program's debug information holds,
// for the Source pane.
type DebugInfoView struct {
	// Files are the source files of the line table.
	Files []string `json:"files,omitempty"`
	// Main is the file of the program's main function, the one to show
	// first ("" when there is none).
	Main string `json:"main,omitempty"`
	// Error says why the debug information could not be read ("" when it
	// was, or when the module has none).
	Error string `json:"error,omitempty"`
}

// loadDebugInfo reads the DWARF of a binary program; a module without
// any has none, one whose DWARF is broken runs all the same.
func (s *Session) loadDebugInfo() {
	s.info, s.infoErr = nil, nil
	if s.prog == nil || s.prog.Format != Binary {
		return
	}
	info, err := debuginfo.Read(s.prog.Source)
	switch {
	case err == nil:
		s.info = info
	case !errors.Is(err, debuginfo.ErrNoDWARF):
		s.infoErr = err
	}
}

// DebugInfo describes the loaded program's debug information.
func (s *Session) DebugInfo() DebugInfoView {
	var v DebugInfoView
	if s.infoErr != nil {
		v.Error = "the debug information could not be read: " + s.infoErr.Error()
	}
	if s.info == nil {
		return v
	}
	v.Files = s.info.Files()
	for _, name := range []string{"main", "__main_argc_argv", "_start"} {
		if fs := s.info.FuncsNamed(name); len(fs) > 0 {
			v.Main = fs[0].File
			break
		}
	}
	if v.Main == "" && len(v.Files) > 0 {
		v.Main = v.Files[0]
	}
	return v
}

// SourceText returns the text of source file file: the module's embedded
// copy, else a file placed for the run with the same name; else an
// error saying which file to drop.
func (s *Session) SourceText(file string) (text, origin string, err error) {
	if s.info != nil {
		if t, ok := s.info.Source(file); ok {
			return t, "embedded in the module", nil
		}
	}
	base := path.Base(file)
	for _, f := range s.cfg.Files {
		if path.Base(f.Path) == base {
			return string(f.Data), "placed file " + f.Path, nil
		}
	}
	return "", "", fmt.Errorf("source not available: drop %s", base)
}

// SrcFrame is a source-level frame of a Wasm frame: the function (an
// inlined copy too) and where it is.
type SrcFrame struct {
	Func    string `json:"func"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column,omitempty"`
	Inlined bool   `json:"inlined,omitempty"`
}

// srcFrames describes frame fr in source terms, and the variables of its
// innermost source function by name, type and value.
func (s *Session) srcFrames(fr vm.FrameInfo) ([]SrcFrame, []NamedValue) {
	if s.info == nil {
		return nil, nil
	}
	sf := s.info.Frames(fr.Offset)
	var out []SrcFrame
	for _, f := range sf {
		out = append(out, SrcFrame{Func: f.Func.Name, File: f.File, Line: f.Line, Column: f.Column, Inlined: f.Func.Inlined})
	}
	if len(sf) == 0 {
		return out, nil
	}
	vars, err := s.info.Vars(sf[0].Func, fr.Offset)
	if err != nil {
		return out, []NamedValue{{Name: "(variables)", Value: "<" + err.Error() + ">"}}
	}
	st := debuginfo.EngineFrame(fr)
	var vals []NamedValue
	for _, v := range vars {
		val, err := s.info.Value(v, fr.Offset, st)
		if err != nil {
			val = "<" + err.Error() + ">"
		}
		vals = append(vals, NamedValue{Name: v.Name, Type: v.TypeName(), Value: val})
	}
	return out, vals
}

// StepLine steps by source line: into calls, or over them (over); in
// a module without DWARF, by one instruction.
func (s *Session) StepLine(over bool) State {
	name := "step into line"
	if over {
		name = "next line"
	}
	return s.advance(name, -1, func(d *debug.Debugger) debug.Stop { return debuginfo.StepLine(d, s.info, over) })
}

// lineOf returns the source line of module offset off, "" without one.
func (s *Session) lineOf(off uint32) string {
	if s.info == nil {
		return ""
	}
	if l, ok := s.info.LineAt(off); ok && l.Line > 0 {
		return fmt.Sprintf("%s:%d", path.Base(l.File), l.Line)
	}
	return ""
}
