package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

func inspectCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asText := fs.Bool("wat", false, "print the module in the text format")
	lines := fs.Bool("lines", false, "print the DWARF line table: module offset, DWARF address, line, column, file, flags")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope inspect [--wat|--lines] MODULE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	path := fs.Arg(0)
	b, m, err := readModule(path)
	if err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return 1
	}
	if *lines {
		if err := printLines(stdout, b); err != nil {
			fmt.Fprintf(stderr, "wasmscope: %s: %v\n", path, err)
			return 1
		}
		return 0
	}
	if *asText {
		if err := text.Print(stdout, m); err != nil {
			fmt.Fprintf(stderr, "wasmscope: %s: %v\n", path, err)
			return 1
		}
		return 0
	}
	if err := describe(stdout, path, b, m); err != nil {
		fmt.Fprintf(stderr, "wasmscope: %s: %v\n", path, err)
		return 1
	}
	return 0
}

// readModule returns a module's binary form and its structure, from a
// .wasm file or (encoded) from a .wat file.
func readModule(path string) ([]byte, *syntax.Module, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := vm.Detect(path, b)
	if err != nil {
		return nil, nil, err
	}
	if f == vm.Text {
		m, err := text.ParseModule(b, path)
		if err != nil {
			return nil, nil, err
		}
		b = binary.Encode(m)
	}
	m, err := binary.Decode(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, m, nil
}

// objdumpNames spell section names as wasm-objdump -x does.
var objdumpNames = map[byte]string{
	0: "Custom", 1: "Type", 2: "Import", 3: "Function", 4: "Table", 5: "Memory",
	6: "Global", 7: "Export", 8: "Start", 9: "Elem", 10: "Code", 11: "Data",
	12: "DataCount", 13: "Tag",
}

// codeSizes returns each function body's size in bytes: an entry runs from
// its first local declaration to the next entry's size field (the last one
// to the end of the code section).
func codeSizes(m *syntax.Module, codeEnd int) []int {
	sizes := make([]int, len(m.Funcs))
	for i, f := range m.Funcs {
		end := codeEnd
		if i+1 < len(m.Funcs) {
			end = int(m.Funcs[i+1].Offset)
		}
		sizes[i] = end - int(f.BodyOffset)
	}
	return sizes
}

func describe(w io.Writer, path string, b []byte, m *syntax.Module) error {
	fmt.Fprintf(w, "%s: wasm module, version %d, %d bytes\n\nSections:\n", path, uint32(b[4])|uint32(b[5])<<8|uint32(b[6])<<16|uint32(b[7])<<24, len(b))
	secs := binary.Sections(b)
	var codeEnd int
	for _, s := range secs {
		name, extra := objdumpNames[s.ID], ""
		if s.ID == 0 {
			extra = fmt.Sprintf(" %q", s.Name)
		}
		if s.ID == 10 {
			codeEnd = s.End
		}
		fmt.Fprintf(w, "  %9s start=0x%08x end=0x%08x (size=0x%08x)%s\n", name, s.Start, s.End, s.End-s.Start, extra)
	}
	sizes := codeSizes(m, codeEnd)

	funcName := func(i uint32) string {
		if n := m.FuncName(i); n != "" {
			return " <" + n + ">"
		}
		return ""
	}
	if len(m.Types) > 0 {
		fmt.Fprintf(w, "\nTypes[%d]:\n", len(m.Types))
		for i, t := range m.Types {
			desc := t.Func.String()
			switch t.Kind {
			case syntax.CompStruct:
				desc = fmt.Sprintf("(struct, %d fields)", len(t.Fields))
			case syntax.CompArray:
				desc = "(array)"
			}
			fmt.Fprintf(w, "  - type[%d] %s\n", i, desc)
		}
	}
	if len(m.Imports) > 0 {
		fmt.Fprintf(w, "\nImports[%d]:\n", len(m.Imports))
		var idx [5]uint32
		for _, im := range m.Imports {
			k := im.Kind
			desc := ""
			switch k {
			case syntax.ExternFunc:
				desc = fmt.Sprintf(" sig=%d%s", im.Func, funcName(idx[k%5]))
			case syntax.ExternMemory:
				desc = " " + limits(im.Mem.Limits)
			case syntax.ExternTable:
				desc = " " + im.Table.Elem.String() + " " + limits(im.Table.Limits)
			case syntax.ExternGlobal:
				desc = " " + globalType(im.Global)
			}
			fmt.Fprintf(w, "  - %s[%d]%s <- %s.%s\n", k, idx[k%5], desc, im.Module, im.Name)
			idx[k%5]++
		}
	}
	nImp := uint32(m.NumImported(syntax.ExternFunc))
	if len(m.Funcs) > 0 {
		fmt.Fprintf(w, "\nFunctions[%d]:\n", len(m.Funcs))
		for i, f := range m.Funcs {
			size := ""
			if i < len(sizes) {
				size = fmt.Sprintf(" size=%d", sizes[i])
			}
			fmt.Fprintf(w, "  - func[%d] sig=%d%s%s\n", nImp+uint32(i), f.Type, size, funcName(nImp+uint32(i)))
		}
	}
	if len(m.Tables) > 0 {
		fmt.Fprintf(w, "\nTables[%d]:\n", len(m.Tables))
		for i, t := range m.Tables {
			fmt.Fprintf(w, "  - table[%d] %s %s\n", i+m.NumImported(syntax.ExternTable), t.Type.Elem, limits(t.Type.Limits))
		}
	}
	if len(m.Mems) > 0 {
		fmt.Fprintf(w, "\nMemories[%d]:\n", len(m.Mems))
		for i, mt := range m.Mems {
			fmt.Fprintf(w, "  - memory[%d] %s\n", i+m.NumImported(syntax.ExternMemory), limits(mt.Limits))
		}
	}
	if len(m.Globals) > 0 {
		fmt.Fprintf(w, "\nGlobals[%d]:\n", len(m.Globals))
		for i, g := range m.Globals {
			fmt.Fprintf(w, "  - global[%d] %s\n", i+m.NumImported(syntax.ExternGlobal), globalType(g.Type))
		}
	}
	if len(m.Exports) > 0 {
		fmt.Fprintf(w, "\nExports[%d]:\n", len(m.Exports))
		for _, e := range m.Exports {
			name := ""
			if e.Kind == syntax.ExternFunc {
				name = funcName(e.Index)
			}
			fmt.Fprintf(w, "  - %s[%d]%s -> %q\n", e.Kind, e.Index, name, e.Name)
		}
	}
	if m.Start != nil {
		fmt.Fprintf(w, "\nStart: func[%d]%s\n", *m.Start, funcName(*m.Start))
	}
	if len(m.Elems) > 0 {
		fmt.Fprintf(w, "\nElems[%d]:\n", len(m.Elems))
		for i, e := range m.Elems {
			fmt.Fprintf(w, "  - elem[%d] %s %s, %d items\n", i, segMode(e.Mode), e.Type, len(e.Init))
		}
	}
	if len(m.Datas) > 0 {
		fmt.Fprintf(w, "\nData[%d]:\n", len(m.Datas))
		for i, d := range m.Datas {
			fmt.Fprintf(w, "  - data[%d] %s memory=%d size=%d\n", i, segMode(d.Mode), d.Mem, len(d.Init))
		}
	}
	var customs []string
	for _, s := range secs {
		if s.ID == 0 {
			customs = append(customs, fmt.Sprintf("%q (%d bytes)", s.Name, s.End-s.Start))
		}
	}
	if len(customs) > 0 {
		fmt.Fprintf(w, "\nCustom sections: %s\n", strings.Join(customs, ", "))
	}
	describeDebugInfo(w, b)
	return nil
}

// describeDebugInfo says what source-level debug information the module
// carries, or why what it carries cannot be read.
func describeDebugInfo(w io.Writer, b []byte) {
	if url, ok := debuginfo.SourceMappingURL(b); ok {
		fmt.Fprintf(w, "\nSource map: %s\n", url)
	}
	info, err := debuginfo.Read(b)
	switch {
	case errors.Is(err, debuginfo.ErrNoDWARF):
		return
	case err != nil:
		fmt.Fprintf(w, "\nDWARF: %v\n", err)
		return
	}
	fmt.Fprintf(w, "\nDWARF: %d compilation units, %d functions, %d line rows (inspect --lines)\n",
		len(info.Units()), len(info.Funcs()), len(info.Lines()))
	if src := info.Sources(); len(src) > 0 {
		fmt.Fprintf(w, "  source embedded for %s\n", strings.Join(src, ", "))
	}
}

// printLines prints every row of the module's DWARF line tables, table by
// table as llvm-dwarfdump --debug-line lists them, with the module offset
// (what traces and traps show) beside the DWARF address.
func printLines(w io.Writer, b []byte) error {
	info, err := debuginfo.Read(b)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-8s %-10s %6s %6s  %s\n", "offset", "address", "line", "column", "file  flags")
	for _, l := range info.Lines() {
		off := "-" // a dropped function's row, outside the Code section
		if l.Offset != 0 {
			off = fmt.Sprintf("0x%06x", l.Offset)
		}
		fmt.Fprintf(bw, "%-8s 0x%08x %6d %6d  %s  %s\n", off, l.Address, l.Line, l.Column, l.File, l.Flags())
	}
	return bw.Flush()
}

func limits(l syntax.Limits) string {
	if l.HasMax {
		return fmt.Sprintf("min=%d max=%d", l.Min, l.Max)
	}
	return fmt.Sprintf("min=%d", l.Min)
}

func globalType(g syntax.GlobalType) string {
	if g.Mutable {
		return "mut " + g.Type.String()
	}
	return g.Type.String()
}

func segMode(m syntax.SegmentMode) string {
	return [...]string{"active", "passive", "declarative"}[m%3]
}
