package playground

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ModuleInfo is what the Module pane shows: sections, imports, exports,
// functions and memories.
type ModuleInfo struct {
	// Sections are in module order; for a module given as text, as its
	// binary encoding has them.
	Sections []Section
	Imports  []ImportInfo
	Exports  []ExportInfo
	Funcs    []FuncInfo
	Memories []MemInfo
	// Start names the start function, "" when there is none.
	Start string
}

// Section is one section of a module.
type Section struct {
	ID     byte
	Name   string // "type", "code", or a custom section's own name
	Custom bool
	Offset int64 // of the section's id byte
	Size   int64 // of the contents
	// Count is the number of entries (-1 where a section has no count).
	Count int
}

// ImportInfo describes one import.
type ImportInfo struct {
	Module, Name string
	Kind         string // func, table, memory, global, tag
	Type         string // the signature or type in text format
}

// ExportInfo describes one export.
type ExportInfo struct {
	Name  string
	Kind  string
	Index uint32
	Type  string
	// Params holds a function's parameter types, for typed calls.
	Params []syntax.ValType
}

// FuncInfo describes one function (imports first, as in the index space).
type FuncInfo struct {
	Index    uint32
	Name     string // "" when the module names it not
	Type     string
	Imported bool
	Exported []string
}

// MemInfo describes one memory.
type MemInfo struct {
	Index    uint32
	Min, Max uint64 // pages; Max is meaningful when HasMax
	HasMax   bool
	Imported bool
}

func inspect(m *syntax.Module, src []byte, f Format) *ModuleInfo {
	info := &ModuleInfo{}
	if f == Binary {
		info.Sections = scanSections(src)
	} else {
		// Offsets and sizes of text are those of its binary encoding, the
		// same the engine uses for traces and breakpoints.
		info.Sections = scanSections(binary.Encode(m))
	}
	exported := map[uint32][]string{}
	for _, e := range m.Exports {
		ei := ExportInfo{Name: e.Name, Kind: e.Kind.String(), Index: e.Index}
		if e.Kind == syntax.ExternFunc {
			exported[e.Index] = append(exported[e.Index], e.Name)
			if ft, ok := m.FuncType(e.Index); ok {
				ei.Type = ft.String()
				ei.Params = ft.Params
			}
		}
		info.Exports = append(info.Exports, ei)
	}
	var fi, mi uint32
	for _, im := range m.Imports {
		ii := ImportInfo{Module: im.Module, Name: im.Name, Kind: im.Kind.String()}
		switch im.Kind {
		case syntax.ExternFunc:
			if ft, ok := m.FuncType(fi); ok {
				ii.Type = ft.String()
			}
			info.Funcs = append(info.Funcs, FuncInfo{Index: fi, Name: m.FuncName(fi), Type: ii.Type, Imported: true, Exported: exported[fi]})
			fi++
		case syntax.ExternMemory:
			ii.Type = memText(im.Mem)
			info.Memories = append(info.Memories, MemInfo{Index: mi, Min: im.Mem.Limits.Min, Max: im.Mem.Limits.Max, HasMax: im.Mem.Limits.HasMax, Imported: true})
			mi++
		case syntax.ExternGlobal:
			ii.Type = globalText(im.Global)
		case syntax.ExternTable:
			ii.Type = fmt.Sprintf("%s %s", limitsText(im.Table.Limits), im.Table.Elem)
		}
		info.Imports = append(info.Imports, ii)
	}
	for range m.Funcs {
		t := ""
		if ft, ok := m.FuncType(fi); ok {
			t = ft.String()
		}
		info.Funcs = append(info.Funcs, FuncInfo{Index: fi, Name: m.FuncName(fi), Type: t, Exported: exported[fi]})
		fi++
	}
	for _, mt := range m.Mems {
		info.Memories = append(info.Memories, MemInfo{Index: mi, Min: mt.Limits.Min, Max: mt.Limits.Max, HasMax: mt.Limits.HasMax})
		mi++
	}
	if m.Start != nil {
		info.Start = vm.FuncLabel(m, *m.Start)
	}
	return info
}

func memText(t syntax.MemType) string {
	s := limitsText(t.Limits)
	if t.Mem64 {
		s = "i64 " + s
	}
	if t.Shared {
		s += " shared"
	}
	return s
}

func limitsText(l syntax.Limits) string {
	if l.HasMax {
		return fmt.Sprintf("%d %d", l.Min, l.Max)
	}
	return fmt.Sprint(l.Min)
}

func globalText(g syntax.GlobalType) string {
	if g.Mutable {
		return "(mut " + g.Type.String() + ")"
	}
	return g.Type.String()
}

// Summary is a one-line description: "3 functions (1 imported), 1 memory,
// exports _start, memory".
func (mi *ModuleInfo) Summary() string {
	imported := 0
	for _, f := range mi.Funcs {
		if f.Imported {
			imported++
		}
	}
	parts := []string{plural(len(mi.Funcs), "function")}
	if imported > 0 {
		parts[0] += fmt.Sprintf(" (%d imported)", imported)
	}
	if len(mi.Memories) > 0 {
		parts = append(parts, plural(len(mi.Memories), "memory"))
	}
	var names []string
	for _, e := range mi.Exports {
		names = append(names, e.Name)
	}
	if len(names) > 0 {
		parts = append(parts, "exports "+strings.Join(names, ", "))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(what, "y"))
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// scanSections lists a binary module's sections from their headers.
func scanSections(b []byte) []Section {
	var out []Section
	for _, h := range binary.Sections(b) {
		s := Section{ID: h.ID, Offset: int64(h.Offset), Size: int64(h.End - h.Start), Count: -1, Custom: h.ID == 0, Name: h.Name}
		if n, ok := h.Count(b); ok {
			s.Count = int(n)
		}
		out = append(out, s)
	}
	return out
}
