package binary

// SectionHeader locates one section of a binary module, for listings such
// as `wasmscope inspect` and the page's Module pane.
type SectionHeader struct {
	ID         byte
	Offset     int    // module byte offset of the section's id byte
	Start, End int    // the contents, after the id and the size
	Name       string // a custom section's own name, else the section's name
}

var sectionNames = [...]string{
	0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
	6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
	12: "datacount", 13: "tag",
}

// SectionName returns the name of section id ("code"), or "unknown".
func SectionName(id byte) string {
	if int(id) < len(sectionNames) {
		return sectionNames[id]
	}
	return "unknown"
}

// Sections lists the section headers of b after its 8-byte preamble. It
// reads only the headers, so it suits a module that decoded already; on
// anything malformed it stops and returns what came before.
func Sections(b []byte) []SectionHeader {
	var out []SectionHeader
	for p := 8; p < len(b); {
		size, n := ULEB(b[p+1:])
		start := p + 1 + n
		if n == 0 || uint64(len(b)-start) < size {
			break
		}
		s := SectionHeader{ID: b[p], Offset: p, Start: start, End: start + int(size), Name: SectionName(b[p])}
		if s.ID == 0 {
			l, k := ULEB(b[s.Start:s.End])
			if k > 0 && uint64(s.End-s.Start-k) >= l {
				s.Name = string(b[s.Start+k : s.Start+k+int(l)])
			}
		}
		out = append(out, s)
		p = s.End
	}
	return out
}

// Count reads the entry count that starts most sections' contents; ok is
// false for sections without one (custom, start) or when it is malformed.
func (s SectionHeader) Count(b []byte) (n uint64, ok bool) {
	if s.ID == 0 || s.ID == 8 || s.ID >= byte(len(sectionNames)) {
		return 0, false
	}
	n, k := ULEB(b[s.Start:s.End])
	return n, k > 0
}

// Data returns the section's contents in b; for a custom section, what
// follows its name.
func (s SectionHeader) Data(b []byte) []byte {
	p := s.Start
	if s.ID == 0 {
		n, k := ULEB(b[p:s.End])
		if k == 0 || uint64(s.End-p-k) < n {
			return nil
		}
		p += k + int(n)
	}
	return b[p:s.End:s.End]
}

// ULEB reads an unsigned LEB128 number at the start of b and its length in
// bytes (0 when malformed or cut short), for readers of custom sections.
func ULEB(b []byte) (uint64, int) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return v, i + 1
		}
	}
	return 0, 0
}

// SLEB reads a signed LEB128 number at the start of b and its length in
// bytes (0 when malformed or cut short).
func SLEB(b []byte) (int64, int) {
	var v int64
	var shift uint
	for i := 0; i < len(b) && i < 10; i++ {
		v |= int64(b[i]&0x7f) << shift
		shift += 7
		if b[i] < 0x80 {
			if shift < 64 && b[i]&0x40 != 0 {
				v |= -1 << shift
			}
			return v, i + 1
		}
	}
	return 0, 0
}
