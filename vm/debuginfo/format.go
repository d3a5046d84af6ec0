package debuginfo

import (
	"debug/dwarf"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Formatting limits: a debugger pane shows a value, not a memory dump.
const (
	maxValueBytes = 1 << 16 // bytes of one variable read at most
	maxElems      = 100     // array elements shown
	maxString     = 200     // bytes of a C string shown
	maxDepth      = 8       // nesting of structs and arrays shown
)

// errOptimizedOut is what Value reports for a variable the compiler kept no
// trace of at the instruction.
var errOptimizedOut = errors.New("optimized out")

// Value returns v at module offset off, formatted by its type as a C
// debugger shows it: 42, -1, 2.5, 'A' (65), 0x11e48 (pointers),
// "hello" (char arrays, and the string a char pointer points to),
// {x = 3, y = 4} (structs), {1, 2, 3} (arrays). A variable the compiler
// did not keep there reads "optimized out".
func (in *Info) Value(v *Var, off uint32, st State) (text string, err error) {
	defer recoverAs(&err, "value of "+v.Name)
	loc, err := in.Locate(v, off, st)
	if err != nil {
		return "", err
	}
	if loc.OptimizedOut() {
		return "optimized out", nil
	}
	if v.Type == nil {
		return "", fmt.Errorf("%s has no type", v.Name)
	}
	b, err := readLocation(loc, v.Type.Size(), st)
	if errors.Is(err, errOptimizedOut) {
		return "optimized out", nil
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", v.Name, err)
	}
	f := &formatter{st: st}
	f.value(v.Type, b, 0)
	return f.sb.String(), nil
}

// readLocation gathers a variable's size bytes from its pieces.
func readLocation(loc Location, size int64, st State) ([]byte, error) {
	if size < 0 {
		size = 8
	}
	if size > maxValueBytes {
		size = maxValueBytes
	}
	out := make([]byte, 0, size)
	for _, p := range loc.Pieces {
		n := int64(p.Size)
		if n == 0 || n > size-int64(len(out)) {
			n = size - int64(len(out))
		}
		switch p.Kind {
		case OptimizedOut:
			return nil, errOptimizedOut
		case InValue:
			var buf [8]byte
			binary.LittleEndian.PutUint64(buf[:], p.Value)
			src := buf[:]
			if p.Bytes != nil {
				src = p.Bytes
			}
			for i := int64(0); i < n; i++ {
				if i < int64(len(src)) {
					out = append(out, src[i])
				} else {
					out = append(out, 0)
				}
			}
		case InMemory:
			buf := make([]byte, n)
			if st == nil || !st.ReadMemory(p.Addr, buf) {
				return nil, fmt.Errorf("memory at %#x (%d bytes) out of bounds", p.Addr, n)
			}
			out = append(out, buf...)
		}
		if int64(len(out)) >= size {
			break
		}
	}
	for int64(len(out)) < size {
		out = append(out, 0)
	}
	return out, nil
}

type formatter struct {
	st State
	sb strings.Builder
}

// under strips typedefs and qualifiers.
func under(t dwarf.Type) dwarf.Type {
	for i := 0; i < 16; i++ {
		switch u := t.(type) {
		case *dwarf.TypedefType:
			t = u.Type
		case *dwarf.QualType:
			t = u.Type
		default:
			return t
		}
	}
	return t
}

// isChar reports whether t is a one-byte character type.
func isChar(t dwarf.Type) bool {
	switch u := under(t).(type) {
	case *dwarf.CharType:
		return u.ByteSize == 1
	case *dwarf.UcharType:
		return u.ByteSize == 1
	}
	return false
}

func uintOf(b []byte) uint64 {
	var buf [8]byte
	copy(buf[:], b)
	return binary.LittleEndian.Uint64(buf[:])
}

func intOf(b []byte) int64 {
	n := min(len(b), 8)
	if n == 0 {
		return 0
	}
	shift := 64 - 8*n
	return int64(uintOf(b[:n])<<shift) >> shift
}

func (f *formatter) value(t dwarf.Type, b []byte, depth int) {
	w := &f.sb
	if depth > maxDepth {
		w.WriteString("{...}")
		return
	}
	switch u := under(t).(type) {
	case *dwarf.BoolType:
		w.WriteString(strconv.FormatBool(uintOf(b) != 0))
	case *dwarf.CharType:
		c := intOf(b)
		fmt.Fprintf(w, "%d %s", c, quoteChar(byte(c)))
	case *dwarf.UcharType:
		c := uintOf(b)
		fmt.Fprintf(w, "%d %s", c, quoteChar(byte(c)))
	case *dwarf.IntType:
		w.WriteString(strconv.FormatInt(intOf(b), 10))
	case *dwarf.UintType:
		w.WriteString(strconv.FormatUint(uintOf(b), 10))
	case *dwarf.FloatType:
		w.WriteString(formatFloat(b))
	case *dwarf.EnumType:
		n := intOf(b)
		for _, e := range u.Val {
			if e.Val == n {
				w.WriteString(e.Name)
				return
			}
		}
		w.WriteString(strconv.FormatInt(n, 10))
	case *dwarf.PtrType:
		a := uintOf(b)
		fmt.Fprintf(w, "%#x", a)
		if a != 0 && isChar(u.Type) {
			if s, ok := f.cString(a); ok {
				w.WriteString(" " + s)
			}
		}
	case *dwarf.ArrayType:
		f.array(u, b, depth)
	case *dwarf.StructType:
		if u.Incomplete {
			w.WriteString("<incomplete type>")
			return
		}
		if s, ok := f.rustStr(u, b); ok {
			w.WriteString(s)
			return
		}
		w.WriteString("{")
		for i, fld := range u.Field {
			if i > 0 {
				w.WriteString(", ")
			}
			if fld.Name != "" {
				w.WriteString(fld.Name + " = ")
			}
			f.field(fld, b, depth)
		}
		w.WriteString("}")
	case *dwarf.FuncType:
		fmt.Fprintf(w, "%#x", uintOf(b))
	case *dwarf.VoidType, *dwarf.UnspecifiedType:
		w.WriteString("void")
	default:
		fmt.Fprintf(w, "0x%x", b)
	}
}

// field writes one struct member, bit fields included.
func (f *formatter) field(fld *dwarf.StructField, b []byte, depth int) {
	size := fld.Type.Size()
	if size < 0 {
		size = 0
	}
	if fld.ByteOffset < 0 || fld.ByteOffset > int64(len(b)) {
		f.sb.WriteString("?")
		return
	}
	if fld.BitSize == 0 {
		f.value(fld.Type, b[fld.ByteOffset:min(fld.ByteOffset+size, int64(len(b)))], depth+1)
		return
	}
	// DWARF 4 and 5 both give DataBitOffset from the struct's start (debug/dwarf
	// converts DWARF 2's BitOffset).
	bits := fld.DataBitOffset
	if bits == 0 && fld.BitOffset != 0 {
		bits = fld.ByteOffset*8 + (size*8 - fld.BitOffset - fld.BitSize)
	}
	if fld.BitSize > 64 || bits < 0 || bits >= int64(len(b))*8 {
		f.sb.WriteString("?") // malformed: a bit field outside its struct
		return
	}
	var whole big.Int
	le := make([]byte, len(b))
	for i := range b {
		le[len(b)-1-i] = b[i]
	}
	whole.SetBytes(le)
	whole.Rsh(&whole, uint(bits))
	mask := new(big.Int).Lsh(big.NewInt(1), uint(fld.BitSize))
	whole.Mod(&whole, mask)
	v := whole.Uint64()
	if _, signed := under(fld.Type).(*dwarf.IntType); signed && fld.BitSize < 64 && v&(1<<(fld.BitSize-1)) != 0 {
		f.sb.WriteString(strconv.FormatInt(int64(v)-int64(1)<<fld.BitSize, 10))
		return
	}
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	f.value(fld.Type, buf[:min(max(size, 1), 8)], depth+1)
}

func (f *formatter) array(t *dwarf.ArrayType, b []byte, depth int) {
	w := &f.sb
	esize := t.Type.Size()
	n := t.Count
	if esize <= 0 {
		w.WriteString("{...}")
		return
	}
	if n < 0 || n*esize > int64(len(b)) {
		n = int64(len(b)) / esize
	}
	if isChar(t.Type) && esize == 1 {
		s := b[:n]
		if i := strings.IndexByte(string(s), 0); i >= 0 {
			s = s[:i]
		}
		w.WriteString(strconv.Quote(string(s)))
		return
	}
	w.WriteString("{")
	for i := int64(0); i < n; i++ {
		if i > 0 {
			w.WriteString(", ")
		}
		if i == maxElems {
			w.WriteString("...")
			break
		}
		f.value(t.Type, b[i*esize:(i+1)*esize], depth+1)
	}
	w.WriteString("}")
}

// rustStr shows a Rust &str (a struct of data_ptr and length) as the
// string it points to, cut at maxString bytes.
func (f *formatter) rustStr(t *dwarf.StructType, b []byte) (string, bool) {
	if t.StructName != "&str" || len(t.Field) != 2 || t.Field[0].Name != "data_ptr" || t.Field[1].Name != "length" || f.st == nil {
		return "", false
	}
	p, n := t.Field[0], t.Field[1]
	if p.ByteOffset+p.Type.Size() > int64(len(b)) || n.ByteOffset+n.Type.Size() > int64(len(b)) {
		return "", false
	}
	addr := uintOf(b[p.ByteOffset : p.ByteOffset+p.Type.Size()])
	length := uintOf(b[n.ByteOffset : n.ByteOffset+n.Type.Size()])
	s := make([]byte, min(length, maxString))
	if !f.st.ReadMemory(addr, s) {
		return "", false
	}
	q := strconv.Quote(string(s))
	if length > maxString {
		q += "..."
	}
	return q, true
}

// cString reads the NUL-terminated string at addr, quoted, cut at
// maxString bytes.
func (f *formatter) cString(addr uint64) (string, bool) {
	if f.st == nil {
		return "", false
	}
	var s []byte
	var c [1]byte
	for len(s) < maxString {
		if !f.st.ReadMemory(addr+uint64(len(s)), c[:]) {
			return "", false
		}
		if c[0] == 0 {
			return strconv.Quote(string(s)), true
		}
		s = append(s, c[0])
	}
	return strconv.Quote(string(s)) + "...", true
}

// quoteChar shows a char as C does: 'a', '\n', '\310'.
func quoteChar(c byte) string {
	switch {
	case c == '\\' || c == '\'':
		return `'\` + string(c) + `'`
	case c >= 0x20 && c < 0x7f:
		return "'" + string(c) + "'"
	case c == '\n':
		return `'\n'`
	case c == '\t':
		return `'\t'`
	case c == 0:
		return `'\0'`
	}
	return fmt.Sprintf(`'\%03o'`, c)
}

// formatFloat shows a 4-, 8- or 16-byte IEEE float in its shortest form;
// a 16-byte one (wasm32's long double, binary128) is rounded to float64.
func formatFloat(b []byte) string {
	switch len(b) {
	case 4:
		return strconv.FormatFloat(float64(math.Float32frombits(uint32(uintOf(b)))), 'g', -1, 32)
	case 8:
		return strconv.FormatFloat(math.Float64frombits(uintOf(b)), 'g', -1, 64)
	case 16:
		lo, hi := binary.LittleEndian.Uint64(b[:8]), binary.LittleEndian.Uint64(b[8:])
		sign := hi >> 63
		exp := int(hi>>48) & 0x7fff
		frac := hi&(1<<48-1)<<4 | lo>>60 // the top 52 of 112 fraction bits
		var f float64
		switch {
		case exp == 0x7fff && frac == 0 && lo<<4 == 0:
			f = math.Inf(1)
		case exp == 0x7fff:
			f = math.NaN()
		case exp == 0 && frac == 0:
			f = 0
		default:
			f = math.Ldexp(1+float64(frac)/(1<<52), exp-16383)
		}
		if sign == 1 {
			f = -f
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return fmt.Sprintf("0x%x", b)
}
