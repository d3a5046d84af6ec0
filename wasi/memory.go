package wasi

import (
	"encoding/binary"
	"unsafe"
)

// memory is the calling instance's linear memory as one host call sees it.
// Every access is bounds-checked: an access outside memory sets fault instead
// of panicking, and the call then returns EFAULT. Calls check fault before
// any side effect that a bad pointer must not cause (writing a file, say).
//
// What a call stores is reported to wrote (the engine's Caller.Wrote), so
// an observed run records it as writes and a debugger's watchpoint sees
// it: the fixed-size results (put8 ... put64: counts, sizes, times,
// descriptors), and the data copied into the program's buffers (fd_read
// and fd_pread through wroteBufs, random_get, args, environ, names and
// links through put or wroteAt).
type memory struct {
	b     []byte
	fault bool
	wrote func(addr, n uint64)
}

// put returns the n bytes at p for a store, reporting the write.
func (m *memory) put(p, n uint32) []byte {
	b := m.slice(p, n)
	if b != nil && m.wrote != nil {
		m.wrote(uint64(p), uint64(n))
	}
	return b
}

// wroteAt reports that the first n bytes of b, a slice of the memory,
// were written.
func (m *memory) wroteAt(b []byte, n int) {
	if m.wrote == nil || n <= 0 || len(b) == 0 || len(m.b) == 0 {
		return
	}
	// b is m.b[p:...]: its address says p.
	p := uintptr(unsafe.Pointer(&b[0])) - uintptr(unsafe.Pointer(&m.b[0]))
	m.wrote(uint64(p), uint64(min(n, len(b))))
}

// wroteBufs reports that n bytes were scattered over bufs (slices of the
// memory), filling them in order.
func (m *memory) wroteBufs(bufs [][]byte, n int) {
	for _, b := range bufs {
		if n <= 0 {
			return
		}
		m.wroteAt(b, n)
		n -= len(b)
	}
}

// slice returns n bytes at p, or nil (setting fault) when they are out of range.
func (m *memory) slice(p, n uint32) []byte {
	end := uint64(p) + uint64(n)
	if end > uint64(len(m.b)) {
		m.fault = true
		return nil
	}
	return m.b[p:end:end]
}

func (m *memory) u8(p uint32) uint8 {
	if b := m.slice(p, 1); b != nil {
		return b[0]
	}
	return 0
}

func (m *memory) u16(p uint32) uint16 {
	if b := m.slice(p, 2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (m *memory) u32(p uint32) uint32 {
	if b := m.slice(p, 4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (m *memory) u64(p uint32) uint64 {
	if b := m.slice(p, 8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (m *memory) put8(p uint32, v uint8) {
	if b := m.put(p, 1); b != nil {
		b[0] = v
	}
}

func (m *memory) put16(p uint32, v uint16) {
	if b := m.put(p, 2); b != nil {
		binary.LittleEndian.PutUint16(b, v)
	}
}

func (m *memory) put32(p uint32, v uint32) {
	if b := m.put(p, 4); b != nil {
		binary.LittleEndian.PutUint32(b, v)
	}
}

func (m *memory) put64(p uint32, v uint64) {
	if b := m.put(p, 8); b != nil {
		binary.LittleEndian.PutUint64(b, v)
	}
}

// str reads a path or name of n bytes at p.
func (m *memory) str(p, n uint32) string { return string(m.slice(p, n)) }
