package text

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

type tokKind uint8

const (
	tEOF      tokKind = iota
	tLParen           // (
	tRParen           // )
	tString           // "..."
	tID               // $name or $"name"
	tAtom             // a run of idchars not starting with '$': keywords and numbers
	tReserved         // any other run (idchars glued to strings): never valid
)

// token is a lexeme, kept as offsets into the source so lexing allocates
// nothing but the token slice.
type token struct {
	kind       tokKind
	start, end int32
}

// lexer splits a source text into tokens. Comments, white space and
// annotations (@id ...) are dropped here, so the parser never sees them:
// annotations may appear anywhere a token may, and no construct of the core
// format gives them meaning.
type lexer struct {
	src   []byte
	file  string
	lines []int // offsets of line starts, for positions
}

func newLexer(src []byte, file string) *lexer {
	lx := &lexer{src: src, file: file, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			lx.lines = append(lx.lines, i+1)
		}
	}
	return lx
}

// pos converts a byte offset into a line and column.
func (lx *lexer) pos(off int) Pos {
	l := sort.SearchInts(lx.lines, off+1) - 1
	return Pos{File: lx.file, Line: l + 1, Col: off - lx.lines[l] + 1}
}

func (lx *lexer) errAt(off int, msg string) *Error {
	return &Error{Pos: lx.pos(off), Msg: msg}
}

// isIDChar reports whether c may appear in a keyword, number or $id.
func isIDChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '/', ':', '<', '=', '>', '?', '@', '\\', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// isReservedChar reports whether src[i] is one of the characters that may
// only appear in reserved tokens (which the core format never accepts but
// annotations may contain). ";;" starts a comment instead.
func isReservedChar(src []byte, i int) bool {
	switch src[i] {
	case ',', '[', ']', '{', '}':
		return true
	case ';':
		return i+1 >= len(src) || src[i+1] != ';'
	}
	return false
}

// tokenize lexes the whole source.
func (lx *lexer) tokenize() ([]token, error) {
	src := lx.src
	toks := make([]token, 0, len(src)/4)
	i := 0
	for {
		j, err := lx.skipSpace(i)
		if err != nil {
			return nil, err
		}
		i = j
		if i >= len(src) {
			toks = append(toks, token{kind: tEOF, start: int32(i), end: int32(i)})
			return toks, nil
		}
		c := src[i]
		switch {
		case c == '(' && i+1 < len(src) && src[i+1] == '@':
			j, err := lx.skipAnnotation(i)
			if err != nil {
				return nil, err
			}
			i = j
		case c == '(':
			toks = append(toks, token{tLParen, int32(i), int32(i + 1)})
			i++
		case c == ')':
			toks = append(toks, token{tRParen, int32(i), int32(i + 1)})
			i++
		case c == '"' || isIDChar(c) || isReservedChar(src, i):
			t, err := lx.word(i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = int(t.end)
		default:
			return nil, lx.illegal(i)
		}
	}
}

// illegal reports the character at i, naming it: the text format allows
// only printable ASCII outside strings and comments, and an invisible
// byte-order mark or a typographic quote is otherwise hard to find.
func (lx *lexer) illegal(i int) error {
	r, _ := utf8.DecodeRune(lx.src[i:])
	switch {
	case r == utf8.RuneError:
		return lx.errAt(i, "malformed UTF-8 encoding")
	case r == '\uFEFF':
		return lx.errAt(i, "illegal character U+FEFF (a byte-order mark: save the file as UTF-8 without one)")
	}
	return lx.errAt(i, fmt.Sprintf("illegal character %U %q", r, r))
}

// skipSpace skips white space and comments from i.
func (lx *lexer) skipSpace(i int) (int, error) {
	src := lx.src
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == ';' && i+1 < len(src) && src[i+1] == ';':
			// A line comment ends at a line feed or a carriage return.
			j := i
			for j < len(src) && src[j] != '\n' && src[j] != '\r' {
				j++
			}
			if !utf8.Valid(src[i:j]) {
				return 0, lx.errAt(i, "malformed UTF-8 encoding")
			}
			i = j
		case c == '(' && i+1 < len(src) && src[i+1] == ';':
			start := i
			depth := 0
			for {
				if i+1 >= len(src) {
					return 0, lx.errAt(start, "unclosed comment")
				}
				if src[i] == '(' && src[i+1] == ';' {
					depth++
					i += 2
				} else if src[i] == ';' && src[i+1] == ')' {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			if !utf8.Valid(src[start:i]) {
				return 0, lx.errAt(start, "malformed UTF-8 encoding")
			}
		default:
			return i, nil
		}
	}
	return i, nil
}

// skipString returns the offset after the string starting at i (a '"').
func (lx *lexer) skipString(i int) (int, error) {
	src := lx.src
	start := i
	i++
	for {
		if i >= len(src) || src[i] == '\n' {
			return 0, lx.errAt(start, "unclosed string")
		}
		c := src[i]
		switch {
		case c == '"':
			return i + 1, nil
		case c == '\\':
			if i+1 >= len(src) {
				return 0, lx.errAt(start, "unclosed string")
			}
			i += 2
		case c < 0x20 || c == 0x7f:
			return 0, lx.errAt(i, "illegal control character in string")
		case c >= 0x80:
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				return 0, lx.errAt(i, "malformed UTF-8 encoding")
			}
			i += n
		default:
			i++
		}
	}
}

// word lexes a maximal run of idchars and strings starting at i and
// classifies it. A run mixing the two (0$x, $l"a", "a""b") is reserved.
func (lx *lexer) word(i int) (token, error) {
	src := lx.src
	start := i
	strings, chars := 0, 0
	reserved := false // holds a character no keyword, number or id may have
	for i < len(src) {
		if src[i] == '"' {
			j, err := lx.skipString(i)
			if err != nil && i == start+1 && src[start] == '$' {
				return token{}, lx.errAt(start, "empty identifier")
			}
			if err != nil {
				return token{}, err
			}
			i = j
			strings++
		} else if isIDChar(src[i]) {
			i++
			chars++
		} else if isReservedChar(src, i) {
			i++
			chars++
			reserved = true
		} else {
			break
		}
	}
	t := token{kind: tReserved, start: int32(start), end: int32(i)}
	switch {
	case reserved:
	case strings == 0 && src[start] == '$':
		if chars == 1 {
			return t, lx.errAt(start, "empty identifier")
		}
		t.kind = tID
	case strings == 0:
		t.kind = tAtom
	case strings == 1 && chars == 0:
		t.kind = tString
	case strings == 1 && chars == 1 && src[start] == '$' && src[start+1] == '"':
		// $"name" (Wasm 3.0): the name may not be empty.
		if i-start == 3 {
			return t, lx.errAt(start, "empty identifier")
		}
		t.kind = tID
	case chars == 1 && src[start] == '$' && i == start+1:
		return t, lx.errAt(start, "empty identifier")
	}
	return t, nil
}

// skipAnnotation skips (@id ...) starting at i, including nested
// parentheses and annotations, and returns the offset after it.
func (lx *lexer) skipAnnotation(i int) (int, error) {
	src := lx.src
	start := i
	i += 2
	if i >= len(src) || !(isIDChar(src[i]) || src[i] == '"') {
		return 0, lx.errAt(start, "empty annotation id")
	}
	if src[i] == '"' {
		j, err := lx.skipString(i)
		if err != nil {
			// No annotation id can be read: a string that does not lex
			// means the id is missing, as the reference reports it.
			return 0, lx.errAt(start, "empty annotation id")
		}
		s, err := lx.decodeString(token{kind: tString, start: int32(i), end: int32(j)})
		if err != nil {
			return 0, err
		}
		if len(s) == 0 {
			return 0, lx.errAt(start, "empty annotation id")
		}
		if !utf8.ValidString(s) {
			return 0, lx.errAt(start, "malformed UTF-8 encoding")
		}
		i = j
	} else {
		for i < len(src) && isIDChar(src[i]) {
			i++
		}
	}
	depth := 1
	for {
		j, err := lx.skipSpace(i)
		if err != nil {
			return 0, err
		}
		i = j
		if i >= len(src) {
			return 0, lx.errAt(start, "unclosed annotation")
		}
		switch c := src[i]; {
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			i++
			if depth == 0 {
				return i, nil
			}
		case c == '"' || isIDChar(c) || isReservedChar(src, i):
			// Any token may appear in an annotation; only a malformed
			// string (t.end not set) ends the skip with an error.
			t, err := lx.word(i)
			if t.end == 0 {
				return 0, err
			}
			i = int(t.end)
		default:
			return 0, lx.illegal(i)
		}
	}
}

// text returns a token's source bytes.
func (lx *lexer) text(t token) string { return string(lx.src[t.start:t.end]) }

// decodeString decodes a string token's escapes into bytes.
func (lx *lexer) decodeString(t token) (string, error) {
	s := lx.src[t.start+1 : t.end-1]
	if t.kind == tID { // $"..."
		s = lx.src[t.start+2 : t.end-1]
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		off := int(t.start) + 1 + i
		switch c := s[i]; c {
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case '"', '\'', '\\':
			out = append(out, c)
		case 'u':
			if i+1 >= len(s) || s[i+1] != '{' {
				return "", lx.errAt(off, "malformed escape: expected '{' after \\u")
			}
			j := i + 2
			var r uint64
			digits := 0
			for ; j < len(s) && s[j] != '}'; j++ {
				if s[j] == '_' && digits > 0 && j+1 < len(s) && s[j+1] != '}' && s[j-1] != '_' {
					continue
				}
				d, ok := hexDigit(s[j])
				if !ok {
					return "", lx.errAt(off, "malformed unicode escape")
				}
				r = r*16 + uint64(d)
				if r > 0x10FFFF {
					return "", lx.errAt(off, "malformed unicode escape: code point out of range")
				}
				digits++
			}
			if j >= len(s) || digits == 0 {
				return "", lx.errAt(off, "malformed unicode escape")
			}
			if r >= 0xD800 && r < 0xE000 {
				return "", lx.errAt(off, "malformed unicode escape: surrogate code point")
			}
			out = utf8.AppendRune(out, rune(r))
			i = j
		default:
			h, ok1 := hexDigit(c)
			if i+1 >= len(s) {
				return "", lx.errAt(off, "malformed escape")
			}
			l, ok2 := hexDigit(s[i+1])
			if !ok1 || !ok2 {
				return "", lx.errAt(off, "malformed escape \\"+string(c))
			}
			out = append(out, h<<4|l)
			i++
		}
	}
	return string(out), nil
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
