package playground

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
)

// RowBytes is the number of bytes in one hexdump row.
const RowBytes = 16

// PageSize is the size of a Wasm memory page.
const PageSize = 65536

// HexRow is one row of a hexdump: up to 16 bytes from Addr, and which of
// them the last run or step wrote (bit i for byte i).
type HexRow struct {
	Addr    uint64
	Bytes   []byte
	Written uint16
}

// HexRows returns up to n rows of mem starting at the row that holds start,
// marking the bytes inside written.
func HexRows(mem []byte, start uint64, n int, written Ranges) []HexRow {
	start -= start % RowBytes
	var rows []HexRow
	for a := start; a < uint64(len(mem)) && len(rows) < n; a += RowBytes {
		end := min(a+RowBytes, uint64(len(mem)))
		row := HexRow{Addr: a, Bytes: mem[a:end]}
		for _, r := range written.overlapping(a, end) {
			for b := max(r.Start, a); b < min(r.End, end); b++ {
				row.Written |= 1 << (b - a)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// String renders the row as "00000010  48 65 … 0a 00  |Hello, World!..|":
// the address, the bytes in two groups of eight, and the printable ASCII.
func (r HexRow) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%08x  ", r.Addr)
	for i := 0; i < RowBytes; i++ {
		if i == 8 {
			b.WriteByte(' ')
		}
		if i < len(r.Bytes) {
			fmt.Fprintf(&b, "%02x ", r.Bytes[i])
		} else {
			b.WriteString("   ")
		}
	}
	b.WriteString(" |")
	b.WriteString(r.ASCII())
	b.WriteString("|")
	return b.String()
}

// ASCII returns the row's bytes with unprintable ones as dots.
func (r HexRow) ASCII() string {
	out := make([]byte, len(r.Bytes))
	for i, c := range r.Bytes {
		out[i] = printable(c)
	}
	return string(out)
}

func printable(c byte) byte {
	if c >= 0x20 && c < 0x7f {
		return c
	}
	return '.'
}

// Range is a half-open span of addresses [Start, End).
type Range struct{ Start, End uint64 }

// Ranges is a sorted list of disjoint, non-adjacent spans.
type Ranges []Range

// Diff returns the spans where after differs from before. Bytes past the
// end of before (the memory grew) count as written when they are not zero.
func Diff(before, after []byte) Ranges {
	var rs Ranges
	debug.Changed(before, after, func(start, end uint64) { rs = rs.add(start, end) })
	return rs
}

// add appends [start, end), which must not start before the last span,
// merging it with the last span when they touch.
func (rs Ranges) add(start, end uint64) Ranges {
	if n := len(rs); n > 0 && rs[n-1].End >= start {
		rs[n-1].End = max(rs[n-1].End, end)
		return rs
	}
	return append(rs, Range{start, end})
}

// overlapping returns the spans that intersect [start, end).
func (rs Ranges) overlapping(start, end uint64) Ranges {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].End > start })
	j := i
	for j < len(rs) && rs[j].Start < end {
		j++
	}
	return rs[i:j]
}

// Contains reports whether addr lies in one of the spans.
func (rs Ranges) Contains(addr uint64) bool { return len(rs.overlapping(addr, addr+1)) > 0 }

// Bytes returns the number of addresses the spans cover.
func (rs Ranges) Bytes() uint64 {
	var n uint64
	for _, r := range rs {
		n += r.End - r.Start
	}
	return n
}

// Field is one reading of the bytes at an address: its type and value.
type Field struct {
	Type, Value string
}

// InspectValue reads the bytes at addr as each scalar type, little endian.
// A type whose bytes run past the end of mem reads as "out of bounds".
func InspectValue(mem []byte, addr uint64) []Field {
	get := func(size uint64) ([]byte, bool) {
		if addr > uint64(len(mem)) || uint64(len(mem))-addr < size {
			return nil, false
		}
		return mem[addr : addr+size], true
	}
	type reading struct {
		typ  string
		size uint64
		f    func(b []byte) string
	}
	readings := []reading{
		{"i8", 1, func(b []byte) string { return strconv.Itoa(int(int8(b[0]))) }},
		{"u8", 1, func(b []byte) string { return fmt.Sprintf("%d (0x%02x)", b[0], b[0]) }},
		{"i16", 2, func(b []byte) string { return strconv.Itoa(int(int16(binary.LittleEndian.Uint16(b)))) }},
		{"u16", 2, func(b []byte) string { v := binary.LittleEndian.Uint16(b); return fmt.Sprintf("%d (0x%04x)", v, v) }},
		{"i32", 4, func(b []byte) string { return strconv.Itoa(int(int32(binary.LittleEndian.Uint32(b)))) }},
		{"u32", 4, func(b []byte) string { v := binary.LittleEndian.Uint32(b); return fmt.Sprintf("%d (0x%08x)", v, v) }},
		{"i64", 8, func(b []byte) string { return strconv.FormatInt(int64(binary.LittleEndian.Uint64(b)), 10) }},
		{"u64", 8, func(b []byte) string { v := binary.LittleEndian.Uint64(b); return fmt.Sprintf("%d (0x%016x)", v, v) }},
		{"f32", 4, func(b []byte) string { return vm.FormatF32(binary.LittleEndian.Uint32(b)) }},
		{"f64", 8, func(b []byte) string { return vm.FormatF64(binary.LittleEndian.Uint64(b)) }},
	}
	out := make([]Field, len(readings))
	for i, r := range readings {
		out[i].Type = r.typ
		if b, ok := get(r.size); ok {
			out[i].Value = r.f(b)
		} else {
			out[i].Value = "out of bounds"
		}
	}
	return out
}
