package numeric

// A small reader for the parts of .wast scripts the spec cross-check needs:
// s-expressions, numeric literals and v128 constants. It is test code only;
// the project's text format lives in vm/text.

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// sexp is an atom, a string literal or a list.
type sexp struct {
	atom   string // atom or decoded string
	str    bool
	list   []*sexp
	isList bool
	line   int
}

func (s *sexp) head() string {
	if s.isList && len(s.list) > 0 && !s.list[0].isList && !s.list[0].str {
		return s.list[0].atom
	}
	return ""
}

// parseSexps reads every top-level s-expression of src.
func parseSexps(src string) ([]*sexp, error) {
	p := &sexpParser{src: src, line: 1}
	var out []*sexp
	for {
		p.skip()
		if p.pos >= len(p.src) {
			return out, nil
		}
		s, err := p.next()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
}

type sexpParser struct {
	src  string
	pos  int
	line int
}

// skip passes over white space and comments (";;" to the end of the line,
// "(;" … ";)" nested).
func (p *sexpParser) skip() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\n':
			p.line++
			p.pos++
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case strings.HasPrefix(p.src[p.pos:], ";;"):
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		case strings.HasPrefix(p.src[p.pos:], "(;"):
			depth := 0
			for p.pos < len(p.src) {
				if strings.HasPrefix(p.src[p.pos:], "(;") {
					depth++
					p.pos += 2
				} else if strings.HasPrefix(p.src[p.pos:], ";)") {
					depth--
					p.pos += 2
					if depth == 0 {
						break
					}
				} else {
					if p.src[p.pos] == '\n' {
						p.line++
					}
					p.pos++
				}
			}
		default:
			return
		}
	}
}

func (p *sexpParser) next() (*sexp, error) {
	p.skip()
	if p.pos >= len(p.src) {
		return nil, fmt.Errorf("line %d: unexpected end of input", p.line)
	}
	line := p.line
	switch c := p.src[p.pos]; c {
	case '(':
		p.pos++
		s := &sexp{isList: true, line: line}
		for {
			p.skip()
			if p.pos >= len(p.src) {
				return nil, fmt.Errorf("line %d: unclosed list", line)
			}
			if p.src[p.pos] == ')' {
				p.pos++
				return s, nil
			}
			e, err := p.next()
			if err != nil {
				return nil, err
			}
			s.list = append(s.list, e)
		}
	case ')':
		return nil, fmt.Errorf("line %d: unexpected )", line)
	case '"':
		p.pos++
		var b strings.Builder
		for p.pos < len(p.src) && p.src[p.pos] != '"' {
			if p.src[p.pos] == '\\' && p.pos+1 < len(p.src) {
				p.pos++
				switch e := p.src[p.pos]; e {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case '\\', '"', '\'':
					b.WriteByte(e)
				default:
					if p.pos+1 < len(p.src) {
						if v, err := strconv.ParseUint(p.src[p.pos:p.pos+2], 16, 8); err == nil {
							b.WriteByte(byte(v))
							p.pos++
						}
					}
				}
				p.pos++
				continue
			}
			b.WriteByte(p.src[p.pos])
			p.pos++
		}
		p.pos++
		return &sexp{atom: b.String(), str: true, line: line}, nil
	default:
		start := p.pos
		for p.pos < len(p.src) && !strings.ContainsRune(" \t\r\n()\";", rune(p.src[p.pos])) {
			p.pos++
		}
		return &sexp{atom: p.src[start:p.pos], line: line}, nil
	}
}

// parseInt reads an integer literal (decimal or hex, signed or not, with
// underscores) into bits two's complement bits.
func parseInt(s string, bits int) (uint64, error) {
	t := strings.ReplaceAll(s, "_", "")
	neg := false
	if t != "" && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	base := 10
	if strings.HasPrefix(t, "0x") {
		base, t = 16, t[2:]
	}
	v, err := strconv.ParseUint(t, base, bits)
	if err != nil {
		return 0, fmt.Errorf("integer %q: %v", s, err)
	}
	if neg {
		v = -v
	}
	if bits < 64 {
		v &= 1<<bits - 1
	}
	return v, nil
}

// parseFloat reads a float literal into the bits of a float of the given
// size (32 or 64): decimal, hex, inf, nan and nan:0x payloads.
func parseFloat(s string, size int) (uint64, error) {
	t := strings.ReplaceAll(s, "_", "")
	var sign uint64
	if t != "" && (t[0] == '-' || t[0] == '+') {
		if t[0] == '-' {
			sign = 1
		}
		t = t[1:]
	}
	expBits, fracBits := 8, 23
	if size == 64 {
		expBits, fracBits = 11, 52
	}
	signed := func(mag uint64) uint64 { return sign<<(size-1) | mag }
	expAll := uint64(1<<expBits-1) << fracBits
	switch {
	case t == "inf":
		return signed(expAll), nil
	case t == "nan":
		return signed(expAll | 1<<(fracBits-1)), nil
	case strings.HasPrefix(t, "nan:0x"):
		payload, err := strconv.ParseUint(t[6:], 16, fracBits)
		if err != nil || payload == 0 {
			return 0, fmt.Errorf("NaN payload %q", s)
		}
		return signed(expAll | payload), nil
	}
	if strings.HasPrefix(t, "0x") && !strings.ContainsAny(t, "pP") {
		t += "p0"
	}
	f, err := strconv.ParseFloat(t, size)
	if err != nil {
		return 0, fmt.Errorf("float %q: %v", s, err)
	}
	if size == 32 {
		return signed(uint64(math.Float32bits(float32(f)) &^ (1 << 31))), nil
	}
	return signed(math.Float64bits(f) &^ (1 << 63)), nil
}

// laneKind says how an expected lane matches.
type laneKind uint8

const (
	laneExact laneKind = iota
	laneCanonical
	laneArithmetic
)

// value is a Wasm value: a scalar type or v128, with per-lane expectations
// when it is an expected result.
type value struct {
	typ    string // i32 i64 f32 f64 v128
	lo, hi uint64
	shape  string     // v128 lane shape, or the scalar type
	kinds  []laneKind // expected results: one per lane
}

var laneCount = map[string]int{"i8x16": 16, "i16x8": 8, "i32x4": 4, "i64x2": 2, "f32x4": 4, "f64x2": 2}

// parseConst reads (T.const …) as an argument or an expected result.
func parseConst(s *sexp) (value, error) {
	h := s.head()
	typ, ok := strings.CutSuffix(h, ".const")
	if !ok {
		return value{}, fmt.Errorf("line %d: %q is not a constant", s.line, h)
	}
	args := s.list[1:]
	for _, a := range args {
		if a.isList || a.str {
			return value{}, fmt.Errorf("line %d: bad constant operand", s.line)
		}
	}
	if typ != "v128" {
		if len(args) != 1 {
			return value{}, fmt.Errorf("line %d: %s takes one literal", s.line, h)
		}
		v := value{typ: typ, shape: typ, kinds: []laneKind{laneExact}}
		var err error
		v.lo, v.kinds[0], err = parseLane(typ, args[0].atom)
		return v, err
	}
	if len(args) == 0 {
		return value{}, fmt.Errorf("line %d: v128.const without shape", s.line)
	}
	shape := args[0].atom
	n, ok := laneCount[shape]
	if !ok || len(args) != n+1 {
		return value{}, fmt.Errorf("line %d: v128.const %s needs %d lanes", s.line, shape, n)
	}
	v := value{typ: "v128", shape: shape}
	width := 128 / n
	laneType := map[string]string{"i8x16": "i8", "i16x8": "i16", "i32x4": "i32", "i64x2": "i64", "f32x4": "f32", "f64x2": "f64"}[shape]
	for i, a := range args[1:] {
		bits, kind, err := parseLane(laneType, a.atom)
		if err != nil {
			return value{}, fmt.Errorf("line %d: %v", s.line, err)
		}
		v.kinds = append(v.kinds, kind)
		off := i * width
		if off < 64 {
			v.lo |= bits << off
		} else {
			v.hi |= bits << (off - 64)
		}
	}
	return v, nil
}

func parseLane(typ, lit string) (uint64, laneKind, error) {
	switch typ {
	case "i8":
		v, err := parseInt(lit, 8)
		return v, laneExact, err
	case "i16":
		v, err := parseInt(lit, 16)
		return v, laneExact, err
	case "i32":
		v, err := parseInt(lit, 32)
		return v, laneExact, err
	case "i64":
		v, err := parseInt(lit, 64)
		return v, laneExact, err
	case "f32", "f64":
		switch lit {
		case "nan:canonical":
			return 0, laneCanonical, nil
		case "nan:arithmetic":
			return 0, laneArithmetic, nil
		}
		size := 32
		if typ == "f64" {
			size = 64
		}
		v, err := parseFloat(lit, size)
		return v, laneExact, err
	}
	return 0, laneExact, fmt.Errorf("unknown lane type %s", typ)
}

// matches reports whether the actual value got satisfies the expectation.
func (want value) matches(got value) bool {
	if want.typ != got.typ {
		return false
	}
	n := len(want.kinds)
	width := 64
	switch want.typ {
	case "i32", "f32":
		width = 32
	case "v128":
		width = 128 / n
	}
	for i := 0; i < n; i++ {
		w, g := lane(want, i, width), lane(got, i, width)
		var ok bool
		switch want.kinds[i] {
		case laneExact:
			ok = w == g
		case laneCanonical:
			ok = isNaNKind(g, width, true)
		case laneArithmetic:
			ok = isNaNKind(g, width, false)
		}
		if !ok {
			return false
		}
	}
	return true
}

func lane(v value, i, width int) uint64 {
	off := i * width
	w := v.lo
	if off >= 64 {
		w, off = v.hi, off-64
	}
	if width == 64 {
		return w
	}
	return w >> off & (1<<width - 1)
}

// isNaNKind tests for a canonical NaN (quiet bit only, either sign) or an
// arithmetic one (quiet bit set, any payload).
func isNaNKind(bits uint64, width int, canonical bool) bool {
	var expQuiet, payload uint64
	switch width {
	case 32:
		expQuiet, payload = 0x7fc00000, 0x003fffff
	case 64:
		expQuiet, payload = 0x7ff8000000000000, 0x0007ffffffffffff
	default:
		return false
	}
	if bits&expQuiet != expQuiet {
		return false
	}
	return !canonical || bits&payload == 0
}

func (v value) String() string {
	switch v.typ {
	case "i32", "f32":
		return fmt.Sprintf("%s:%#08x", v.typ, uint32(v.lo))
	case "v128":
		return fmt.Sprintf("v128:%016x_%016x", v.hi, v.lo)
	}
	return fmt.Sprintf("%s:%#016x", v.typ, v.lo)
}
