package debuginfo

import (
	"fmt"
	"path"
	"sort"
)

// DWARF 5 line header content types and forms this file reads.
const (
	lnctPath       = 0x1
	lnctDirIndex   = 0x2
	lnctLLVMSource = 0x2001 // clang -gembed-source
	formBlock      = 0x09
	formData1      = 0x0b
	formData2      = 0x05
	formData4      = 0x06
	formData8      = 0x07
	formData16     = 0x1e
	formString     = 0x08
	formStrp       = 0x0e
	formLineStrp   = 0x1f
	formUdata      = 0x0f
	formStrx       = 0x1a
	formStrx1      = 0x25
	formStrx4      = 0x28
)

// readSources reads the sources embedded in the DWARF 5 line table header
// at .debug_line+off (debug/dwarf skips DW_LNCT_LLVM_source) into
// in.sources, keyed by the same joined path Line.File carries.
func (in *Info) readSources(u *unit, off uint64) error {
	b := in.sec[".debug_line"]
	if off >= uint64(len(b)) {
		return nil // debug/dwarf has reported a bad offset already
	}
	r := &reader{sec: ".debug_line", b: b, p: int(off)}
	dwarf64 := false
	if r.u32() == 0xffffffff {
		dwarf64 = true
		r.u64()
	}
	if r.u16() != 5 {
		return nil // only DWARF 5 headers describe their entries' content
	}
	r.u8() // address size
	r.u8() // segment selector size
	if dwarf64 {
		r.u64()
	} else {
		r.u32()
	}
	r.bytes(5) // min_inst_length, max_ops_per_inst, default_is_stmt, line_base, line_range
	opcodeBase := r.u8()
	if opcodeBase > 0 {
		r.bytes(int(opcodeBase) - 1)
	}
	dirs, err := in.readEntries(r, dwarf64, nil)
	if err != nil {
		return err
	}
	var dirNames []string
	for _, d := range dirs {
		dirNames = append(dirNames, d.path)
	}
	files, err := in.readEntries(r, dwarf64, dirNames)
	if err != nil {
		return err
	}
	for _, f := range files {
		if f.hasSource && f.source != "" {
			in.sources[f.path] = f.source
		}
	}
	return r.err
}

type lineHeaderEntry struct {
	path      string
	source    string
	hasSource bool
}

// readEntries reads an entry format and the entries it describes: the
// directory or file list of a DWARF 5 line header.
func (in *Info) readEntries(r *reader, dwarf64 bool, dirs []string) ([]lineHeaderEntry, error) {
	type format struct{ lnct, form uint64 }
	formats := make([]format, r.u8())
	for i := range formats {
		formats[i] = format{r.uleb(), r.uleb()}
	}
	n := r.uleb()
	if r.err != nil {
		return nil, r.err
	}
	if len(formats) == 0 && n > 0 {
		return nil, fmt.Errorf(".debug_line+%#x: %d entries described by no fields", r.p, n)
	}
	if n > uint64(len(r.b)-r.p) {
		return nil, fmt.Errorf(".debug_line+%#x: %d entries in the %d bytes left", r.p, n, len(r.b)-r.p)
	}
	out := make([]lineHeaderEntry, 0, n)
	for ; n > 0 && r.err == nil; n-- {
		var e lineHeaderEntry
		dir := ""
		for _, f := range formats {
			s, v, err := in.readForm(r, f.form, dwarf64)
			if err != nil {
				return nil, err
			}
			switch f.lnct {
			case lnctPath:
				e.path = s
			case lnctDirIndex:
				if v < uint64(len(dirs)) {
					dir = dirs[v]
				}
			case lnctLLVMSource:
				e.source, e.hasSource = s, true
			}
		}
		if dir != "" && e.path != "" { // as debug/dwarf joins them, so the keys match Line.File
			e.path = path.Join(dir, e.path)
		}
		out = append(out, e)
	}
	return out, r.err
}

// readForm reads one attribute value of the given form: a string or a
// number.
func (in *Info) readForm(r *reader, form uint64, dwarf64 bool) (string, uint64, error) {
	offset := func() uint64 {
		if dwarf64 {
			return r.u64()
		}
		return uint64(r.u32())
	}
	switch form {
	case formString:
		return r.cstring(), 0, nil
	case formLineStrp:
		return in.stringAt(".debug_line_str", offset())
	case formStrp:
		return in.stringAt(".debug_str", offset())
	case formUdata:
		return "", r.uleb(), nil
	case formData1:
		return "", uint64(r.u8()), nil
	case formData2:
		return "", uint64(r.u16()), nil
	case formData4:
		return "", uint64(r.u32()), nil
	case formData8:
		return "", r.u64(), nil
	case formData16:
		r.bytes(16)
		return "", 0, nil
	case formBlock:
		r.bytes(int(min(r.uleb(), uint64(len(r.b)))))
		return "", 0, nil
	case formStrx:
		r.uleb()
		return "", 0, nil
	}
	if form >= formStrx1 && form <= formStrx4 {
		r.bytes(int(form - formStrx1 + 1))
		return "", 0, nil
	}
	return "", 0, fmt.Errorf(".debug_line+%#x: form %#x in a line header entry", r.p, form)
}

// stringAt returns the NUL-terminated string at off in section sec.
func (in *Info) stringAt(sec string, off uint64) (string, uint64, error) {
	b := in.sec[sec]
	if off >= uint64(len(b)) {
		return "", 0, fmt.Errorf("%s offset %#x outside the section (%d bytes)", sec, off, len(b))
	}
	r := &reader{sec: sec, b: b, p: int(off)}
	s := r.cstring()
	return s, 0, r.err
}

// Source returns the text of file as the module embeds it (clang
// -gembed-source, DWARF 5), and whether it does. file is a path as Line and
// Func give it, or its tail ("main.c").
func (in *Info) Source(file string) (string, bool) {
	if s, ok := in.sources[file]; ok {
		return s, true
	}
	var names []string
	for p := range in.sources {
		if fileMatches(p, file) {
			names = append(names, p)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	sort.Strings(names)
	return in.sources[names[0]], true
}

// Sources returns the paths of the files whose text the module embeds,
// sorted.
func (in *Info) Sources() []string {
	out := make([]string, 0, len(in.sources))
	for p := range in.sources {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
