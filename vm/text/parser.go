package text

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// parser walks the token slice of one source text.
type parser struct {
	lx   *lexer
	toks []token
	i    int
	opt  Options
}

// Options select between the editions of the text format where they
// differ. The zero value reads Wasm 3.0.
type Options struct {
	// Wasm2 reads memory and table limits of 32-bit memories and tables,
	// and memarg offsets, as the 2.0 edition does: as u32 literals, so
	// larger ones are malformed. Wasm 3.0 reads them as u64 and leaves the
	// range to validation.
	Wasm2 bool
}

func newParser(src []byte, file string, opt Options) (*parser, error) {
	lx := newLexer(src, file)
	toks, err := lx.tokenize()
	if err != nil {
		return nil, err
	}
	return &parser{lx: lx, toks: toks, opt: opt}, nil
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt returns the token k places ahead (EOF past the end).
func (p *parser) peekAt(k int) token {
	if p.i+k >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+k]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) text(t token) string { return p.lx.text(t) }

// is reports whether t is the atom kw.
func (p *parser) is(t token, kw string) bool {
	return t.kind == tAtom && int(t.end-t.start) == len(kw) && string(p.lx.src[t.start:t.end]) == kw
}

// peekForm reports whether the next tokens are '(' kw.
func (p *parser) peekForm(kw string) bool {
	return p.peek().kind == tLParen && p.is(p.peekAt(1), kw)
}

func (p *parser) errAt(t token, format string, args ...any) *Error {
	return &Error{Pos: p.lx.pos(int(t.start)), Msg: fmt.Sprintf(format, args...)}
}

// describe names a token for messages.
func (p *parser) describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tLParen:
		if n := p.tokAfter(t); n.kind == tAtom {
			return "'(" + p.text(n) + "'"
		}
		return "'('"
	}
	s := p.text(t)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return "'" + s + "'"
}

// tokAfter returns the token following t (t must be from p.toks).
func (p *parser) tokAfter(t token) token {
	k := sort.Search(len(p.toks), func(k int) bool { return p.toks[k].start >= t.start })
	if k+1 < len(p.toks) {
		return p.toks[k+1]
	}
	return token{}
}

// unexpected reports t where something else was expected. Like the
// reference interpreter, whose lexer knows every keyword, it calls a token
// that is no keyword and no number an "unknown operator" wherever it is.
func (p *parser) unexpected(t token, want string) *Error {
	if t.kind == tReserved || (t.kind == tAtom && !p.isKnownAtom(t)) {
		return p.errAt(t, "unknown operator %s", p.text(t))
	}
	if want == "" {
		return p.errAt(t, "unexpected token %s", p.describe(t))
	}
	return p.errAt(t, "unexpected token: expected %s but found %s", want, p.describe(t))
}

// isKnownAtom reports whether t is a keyword of the text format or a
// number.
func (p *parser) isKnownAtom(t token) bool {
	s := p.text(t)
	if c := s[0]; c < 'a' || c > 'z' {
		_, err := parseFloat(s, 64)
		return err != errNumSyntax
	}
	if keywords[s] || strings.HasPrefix(s, "offset=") || strings.HasPrefix(s, "align=") {
		return true
	}
	if _, ok := syntax.Lookup(s); ok {
		return true
	}
	_, err := parseFloat(s, 64) // inf, nan, nan:0x...
	return err != errNumSyntax
}

// keywords are the text format's and scripts' keywords other than
// instruction names.
var keywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`module type rec sub final func struct array field mut param
		result local import export table memory global tag elem data start offset item declare
		then else end block loop if try_table catch catch_ref catch_all catch_all_ref i8 i16 i32
		i64 f32 f64 v128 ref null shared definition binary quote instance register invoke get
		assert_return assert_trap assert_exhaustion assert_exception assert_malformed
		assert_invalid assert_unlinkable assert_uninstantiable either nan:canonical
		nan:arithmetic i8x16 i16x8 i32x4 i64x2 f32x4 f64x2 ref.extern ref.host ref.any ref.eq
		ref.struct ref.array ref.exn`) {
		m[k] = true
	}
	for k := range refShorthands {
		m[k] = true
	}
	for k := range syntax.HeapTypeByName {
		m[k] = true
	}
	return m
}()

func (p *parser) expectL() error {
	if t := p.peek(); t.kind != tLParen {
		return p.unexpected(t, "'('")
	}
	p.i++
	return nil
}

func (p *parser) expectR() error {
	if t := p.peek(); t.kind != tRParen {
		if t.kind == tReserved {
			return p.unexpected(t, "")
		}
		return p.errAt(t, "unexpected token: expected ')' but found %s", p.describe(t))
	}
	p.i++
	return nil
}

// expectKw consumes the atom kw.
func (p *parser) expectKw(kw string) error {
	if t := p.peek(); !p.is(t, kw) {
		return p.unexpected(t, "'"+kw+"'")
	}
	p.i++
	return nil
}

// skipForm skips tokens up to and including the ')' closing the form whose
// '(' was just consumed.
func (p *parser) skipForm() error {
	depth := 1
	for depth > 0 {
		t := p.next()
		switch t.kind {
		case tLParen:
			depth++
		case tRParen:
			depth--
		case tEOF:
			return p.errAt(t, "unexpected end of input: missing ')'")
		}
	}
	return nil
}

// str reads a string token's bytes.
func (p *parser) str() (string, error) {
	t := p.peek()
	if t.kind != tString {
		return "", p.unexpected(t, "a string")
	}
	p.i++
	return p.lx.decodeString(t)
}

// name reads a string that must be valid UTF-8 (import and export names).
func (p *parser) name() (string, error) {
	t := p.peek()
	s, err := p.str()
	if err != nil {
		return "", err
	}
	if !utf8.ValidString(s) {
		return "", p.errAt(t, "malformed UTF-8 encoding")
	}
	return s, nil
}

// optID reads an optional $id and returns its name without '$' ("" when
// absent).
func (p *parser) optID() (string, token, bool, error) {
	t := p.peek()
	if t.kind != tID {
		return "", t, false, nil
	}
	p.i++
	s, err := p.idName(t)
	return s, t, true, err
}

// idName returns the name of an id token without the '$'.
func (p *parser) idName(t token) (string, error) {
	if p.lx.src[t.start+1] == '"' {
		s, err := p.lx.decodeString(t)
		if err != nil {
			return "", err
		}
		if !utf8.ValidString(s) {
			return "", p.errAt(t, "malformed UTF-8 encoding")
		}
		if s == "" {
			return "", p.errAt(t, "empty identifier")
		}
		return s, nil
	}
	return string(p.lx.src[t.start+1 : t.end]), nil
}

// nat reads an unsigned literal of at most bits bits.
func (p *parser) nat(bits int) (uint64, error) {
	t := p.peek()
	if t.kind != tAtom {
		return 0, p.unexpected(t, "a number")
	}
	v, err := parseNat(p.text(t), bits)
	if err == errNumRange {
		return 0, p.errAt(t, "i%d constant out of range: %s", bits, p.text(t))
	}
	if err != nil {
		return 0, p.unexpected(t, "a number")
	}
	p.i++
	return v, nil
}

// isNat reports whether t looks like an unsigned literal.
func (p *parser) isNat(t token) bool {
	if t.kind != tAtom {
		return false
	}
	c := p.lx.src[t.start]
	return c >= '0' && c <= '9'
}
