package binary

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
)

// This file reads the binary modules out of the spec suite's .wast scripts
// with a small S-expression reader, so the decoder is tested on the suite
// without depending on the text-format package.

// sexpr is an atom (Atom set), a string (Str set, IsStr) or a list.
type sexpr struct {
	Atom  string
	Str   string
	IsStr bool
	List  []*sexpr
	Line  int
}

func (s *sexpr) isList() bool { return s.Atom == "" && !s.IsStr }

type sexprLexer struct {
	src  string
	pos  int
	line int
}

func parseSexprs(src string) ([]*sexpr, error) {
	l := &sexprLexer{src: src, line: 1}
	var out []*sexpr
	for {
		l.skipSpace()
		if l.pos >= len(l.src) {
			return out, nil
		}
		e, err := l.expr()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
}

func (l *sexprLexer) skipSpace() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\n':
			l.line++
			l.pos++
		case c == ' ' || c == '\t' || c == '\r':
			l.pos++
		case strings.HasPrefix(l.src[l.pos:], ";;"):
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		case strings.HasPrefix(l.src[l.pos:], "(;"):
			depth := 0
			for l.pos < len(l.src) {
				if strings.HasPrefix(l.src[l.pos:], "(;") {
					depth++
					l.pos += 2
				} else if strings.HasPrefix(l.src[l.pos:], ";)") {
					depth--
					l.pos += 2
					if depth == 0 {
						break
					}
				} else {
					if l.src[l.pos] == '\n' {
						l.line++
					}
					l.pos++
				}
			}
		default:
			return
		}
	}
}

func (l *sexprLexer) expr() (*sexpr, error) {
	line := l.line
	switch c := l.src[l.pos]; c {
	case '(':
		l.pos++
		e := &sexpr{Line: line, List: []*sexpr{}}
		for {
			l.skipSpace()
			if l.pos >= len(l.src) {
				return nil, fmt.Errorf("line %d: unclosed list", line)
			}
			if l.src[l.pos] == ')' {
				l.pos++
				return e, nil
			}
			sub, err := l.expr()
			if err != nil {
				return nil, err
			}
			e.List = append(e.List, sub)
		}
	case ')':
		return nil, fmt.Errorf("line %d: unexpected )", line)
	case '"':
		l.pos++
		var b strings.Builder
		for {
			if l.pos >= len(l.src) {
				return nil, fmt.Errorf("line %d: unclosed string", line)
			}
			c := l.src[l.pos]
			l.pos++
			switch c {
			case '"':
				return &sexpr{Str: b.String(), IsStr: true, Line: line}, nil
			case '\\':
				e := l.src[l.pos]
				l.pos++
				switch e {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case 'r':
					b.WriteByte('\r')
				case '"', '\'', '\\':
					b.WriteByte(e)
				case 'u':
					end := strings.IndexByte(l.src[l.pos:], '}')
					v, err := strconv.ParseUint(l.src[l.pos+1:l.pos+end], 16, 32)
					if err != nil {
						return nil, fmt.Errorf("line %d: bad \\u escape", line)
					}
					b.WriteRune(rune(v))
					l.pos += end + 1
				default:
					v, err := strconv.ParseUint(l.src[l.pos-1:l.pos+1], 16, 8)
					if err != nil {
						return nil, fmt.Errorf("line %d: bad escape", line)
					}
					b.WriteByte(byte(v))
					l.pos++
				}
			default:
				if c == '\n' {
					l.line++
				}
				b.WriteByte(c)
			}
		}
	default:
		start := l.pos
		for l.pos < len(l.src) && !strings.ContainsRune(" \t\r\n()\"", rune(l.src[l.pos])) &&
			!strings.HasPrefix(l.src[l.pos:], ";;") {
			l.pos++
		}
		if l.pos == start { // a lone character such as ';' inside an annotation
			l.pos++
		}
		return &sexpr{Atom: l.src[start:l.pos], Line: line}, nil
	}
}

// binaryModule returns the bytes of a (module ... binary "..."...) form.
func binaryModule(e *sexpr) ([]byte, bool) {
	if !e.isList() || len(e.List) == 0 || e.List[0].Atom != "module" {
		return nil, false
	}
	i := 1
	for i < len(e.List) && (strings.HasPrefix(e.List[i].Atom, "$") || e.List[i].Atom == "definition") {
		i++
	}
	if i >= len(e.List) || e.List[i].Atom != "binary" {
		return nil, false
	}
	var b []byte
	for _, s := range e.List[i+1:] {
		b = append(b, s.Str...)
	}
	return b, true
}

// specCase is one binary module of a script and what the script expects.
type specCase struct {
	File, Msg string // Msg: the assert_malformed text, "" when valid
	Line      int
	Kind      string // "module", "assert_malformed", "assert_invalid", ...
	Bytes     []byte
}

func (c specCase) String() string { return fmt.Sprintf("%s:%d", c.File, c.Line) }

// specBinaryCases collects every binary module of the scripts in one
// version's folder ("wasm-2.0" or "wasm-3.0").
func specBinaryCases(t testing.TB, version string) []specCase {
	files, err := filepath.Glob(filepath.Join(spectest.Dir(t, version), "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in %s", spectest.Dir(t, version))
	}
	var cases []specCase
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cmds, err := parseSexprs(string(src))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := version + "/" + filepath.Base(f)
		for _, c := range cmds {
			if !c.isList() || len(c.List) == 0 {
				continue
			}
			head := c.List[0].Atom
			if b, ok := binaryModule(c); ok {
				cases = append(cases, specCase{File: name, Line: c.Line, Kind: "module", Bytes: b})
				continue
			}
			if len(c.List) < 2 || !strings.HasPrefix(head, "assert_") {
				continue
			}
			if b, ok := binaryModule(c.List[1]); ok {
				msg := ""
				if last := c.List[len(c.List)-1]; last.IsStr {
					msg = last.Str
				}
				cases = append(cases, specCase{File: name, Line: c.Line, Kind: head, Bytes: b, Msg: msg})
			}
		}
	}
	return cases
}
