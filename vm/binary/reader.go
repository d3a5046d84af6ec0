package binary

import (
	"fmt"

	"unicode/utf8"
)

// Error is a malformed-module error: the module byte offset where decoding
// failed and the spec reference interpreter's message.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %#x: %s", e.Offset, e.Msg) }

// Messages the spec suite's assert_malformed commands expect.
const (
	msgEOF         = "unexpected end"
	msgEOS         = "unexpected end of section or function"
	msgTooLong     = "integer representation too long"
	msgTooLarge    = "integer too large"
	msgLength      = "length out of bounds"
	msgUTF8        = "malformed UTF-8 encoding"
	msgSizeMismach = "section size mismatch"
)

// reader walks the module bytes. Reads are bounded by the end of the module,
// not by the enclosing section: like the reference interpreter, a section
// that reads past its declared size is reported as "section size mismatch"
// once it ends, which is what the suite expects.
type reader struct {
	b     []byte
	pos   int
	wasm2 bool
}

// fail aborts decoding; Decode recovers the *Error (see RATIONALE in doc.go).
func (r *reader) fail(pos int, msg string) {
	panic(&Error{Offset: pos, Msg: msg})
}

func (r *reader) failf(pos int, format string, args ...any) {
	r.fail(pos, fmt.Sprintf(format, args...))
}

func (r *reader) eof() bool { return r.pos >= len(r.b) }

func (r *reader) byte() byte {
	if r.pos >= len(r.b) {
		r.fail(len(r.b), msgEOS)
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) peek() (byte, bool) {
	if r.pos >= len(r.b) {
		return 0, false
	}
	return r.b[r.pos], true
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.b)-r.pos {
		r.fail(len(r.b), msgEOS)
	}
	s := r.b[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return s
}

// uN reads an unsigned LEB128 number of at most bits bits, with the
// reference interpreter's checks and messages.
func (r *reader) uN(bits int) uint64 {
	var v uint64
	var shift uint
	for n := bits; ; n -= 7 {
		if n <= 0 {
			r.fail(r.pos, msgTooLong)
		}
		b := r.byte()
		if n < 7 && int(b&0x7f) >= 1<<n {
			r.fail(r.pos-1, msgTooLarge)
		}
		v |= uint64(b&0x7f) << shift
		if b&0x80 == 0 {
			return v
		}
		shift += 7
	}
}

// sN reads a signed LEB128 number of at most bits bits.
func (r *reader) sN(bits int) int64 {
	var v int64
	var shift uint
	for n := bits; ; n -= 7 {
		if n <= 0 {
			r.fail(r.pos, msgTooLong)
		}
		b := r.byte()
		if n < 7 {
			mask := byte((int(-1) << (n - 1)) & 0x7f)
			if b&mask != 0 && b&mask != mask {
				r.fail(r.pos-1, msgTooLarge)
			}
		}
		v |= int64(b&0x7f) << shift
		shift += 7
		if b&0x80 == 0 {
			if shift < 64 && b&0x40 != 0 {
				v |= -1 << shift
			}
			return v
		}
	}
}

// u32 is uN(32) with a fast path for the common one-byte case.
func (r *reader) u32() uint32 {
	if r.pos < len(r.b) && r.b[r.pos] < 0x80 {
		v := r.b[r.pos]
		r.pos++
		return uint32(v)
	}
	return uint32(r.uN(32))
}

func (r *reader) u64() uint64 { return r.uN(64) }
func (r *reader) s32() int32  { return int32(r.sN(32)) }
func (r *reader) s64() int64  { return r.sN(64) }

// length reads a vector or section length and checks that it does not
// exceed the bytes left, so a huge count cannot make us allocate.
func (r *reader) length() int {
	pos := r.pos
	n := r.u32()
	if uint64(n) > uint64(len(r.b)-r.pos) {
		r.fail(pos, msgLength)
	}
	return int(n)
}

// count reads a vector's element count. Every element takes at least one
// byte, so a count beyond the bytes left must end in an unexpected end;
// failing at once keeps a forged count from making us allocate.
func (r *reader) count() int {
	n := r.u32()
	if uint64(n) > uint64(len(r.b)-r.pos) {
		r.fail(len(r.b), msgEOS)
	}
	return int(n)
}

func (r *reader) name() string {
	n := r.length()
	pos := r.pos
	s := r.bytes(n)
	if !utf8.Valid(s) {
		r.fail(pos, msgUTF8)
	}
	return string(s)
}

func (r *reader) f32() uint64 {
	s := r.bytes(4)
	return uint64(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}

func (r *reader) f64() uint64 {
	s := r.bytes(8)
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(s[i])
	}
	return v
}
