package debuginfo

import (
	"encoding/binary"
	"fmt"

	wasmbinary "github.com/wasmscope/wasmscope/vm/binary"
)

// reader reads the little-endian encodings of a DWARF section this package
// decodes itself. The first read past the end (or malformed LEB128) sets
// err and makes every later read return zero, so a decoder checks err once
// at the end rather than after every field.
type reader struct {
	sec string // the section's name, for errors
	b   []byte
	p   int
	err error
}

func (r *reader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%s+%#x: %s", r.sec, r.p, what)
	}
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.p {
		r.fail("cut short")
		return nil
	}
	b := r.b[r.p : r.p+n]
	r.p += n
	return b
}

func (r *reader) u8() uint8 {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if b := r.bytes(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

// addr reads an address of size bytes (4 for wasm32, 8 for wasm64).
func (r *reader) addr(size int) uint64 {
	switch size {
	case 4:
		return uint64(r.u32())
	case 8:
		return r.u64()
	case 2:
		return uint64(r.u16())
	case 1:
		return uint64(r.u8())
	}
	r.fail(fmt.Sprintf("address size %d", size))
	return 0
}

func (r *reader) uleb() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := wasmbinary.ULEB(r.b[r.p:])
	if n == 0 {
		r.fail("LEB128 malformed or cut short")
		return 0
	}
	r.p += n
	return v
}

func (r *reader) sleb() int64 {
	if r.err != nil {
		return 0
	}
	v, n := wasmbinary.SLEB(r.b[r.p:])
	if n == 0 {
		r.fail("LEB128 malformed or cut short")
		return 0
	}
	r.p += n
	return v
}

// cstring reads a NUL-terminated string.
func (r *reader) cstring() string {
	if r.err != nil {
		return ""
	}
	for i := r.p; i < len(r.b); i++ {
		if r.b[i] == 0 {
			s := string(r.b[r.p:i])
			r.p = i + 1
			return s
		}
	}
	r.fail("unterminated string")
	return ""
}

func (r *reader) done() bool { return r.err != nil || r.p >= len(r.b) }
