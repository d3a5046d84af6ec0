package wasi

// IovMax is the most iovecs one fd_read, fd_write, fd_pread or fd_pwrite
// accepts; more is EINVAL, as readv(2) and writev(2) answer beyond Linux's
// IOV_MAX (the same 1024). The count is checked before the array is read,
// so a call naming millions of iovecs costs nothing.
const IovMax = 1024

// gatherMax is the largest buffer gathered or scattered through in one
// host call. A transfer up to this size is one host call; a bigger one
// makes one call per gatherMax bytes, or per iovec when an iovec alone is
// that big (it moves without a copy).
const gatherMax = 64 << 10

// maxTransfer is the most bytes one call moves, Linux's MAX_RW_COUNT (the
// largest int32 rounded down to a page): iovecs over the same memory could
// otherwise add up to more than the u32 count can report, and a longer
// request is a short transfer, as on Linux.
const maxTransfer = 0x7ffff000

// iovecs reads the iovec array of an I/O call (iovs, iovs_len): EINVAL
// beyond IovMax, EFAULT when the array or a buffer it names is outside
// memory. Empty iovecs are left out: they move nothing and cost no call.
// The buffers are cut to maxTransfer bytes in all.
func (m *memory) iovecs(p, n uint32) ([][]byte, Errno) {
	if n > IovMax {
		return nil, ErrnoInval
	}
	if m.slice(p, n*sizeIovec) == nil {
		return nil, ErrnoFault
	}
	bufs := make([][]byte, 0, n)
	room := maxTransfer
	for i := uint32(0); i < n; i++ {
		e := p + i*sizeIovec
		buf := m.slice(m.u32(e), m.u32(e+4))
		if m.fault {
			return nil, ErrnoFault
		}
		if len(buf) > room {
			buf = buf[:room]
		}
		if len(buf) > 0 {
			bufs = append(bufs, buf)
			room -= len(buf)
		}
	}
	return bufs, ErrnoSuccess
}

// gather writes bufs in order with as few calls of write as it can: runs
// of small buffers are copied together, a buffer of gatherMax bytes or more
// goes as it is. It stops at the first short write or error and returns
// how many bytes were written.
func gather(bufs [][]byte, write func([]byte) (int, error)) (int, error) {
	if len(bufs) == 1 {
		return write(bufs[0])
	}
	total := 0
	var pending []byte // gathered bytes not yet written
	flush := func() (bool, error) {
		if len(pending) == 0 {
			return true, nil
		}
		n, err := write(pending)
		total += n
		short := n < len(pending)
		pending = pending[:0]
		return err == nil && !short, err
	}
	for _, b := range bufs {
		if len(pending)+len(b) > gatherMax {
			if ok, err := flush(); !ok {
				return total, err
			}
		}
		if len(b) >= gatherMax {
			n, err := write(b)
			total += n
			if err != nil || n < len(b) {
				return total, err
			}
			continue
		}
		if pending == nil {
			pending = make([]byte, 0, min(size(bufs), gatherMax))
		}
		pending = append(pending, b...)
	}
	_, err := flush()
	return total, err
}

// scatter fills bufs in order from read, through one buffer when there are
// several, with one call per gatherMax bytes. once stops after the first
// call (a stream: a second read could block although data arrived);
// otherwise it stops at the first short read. It returns how many bytes
// were read; an error ends it, io.EOF included, and is returned with the
// count.
func scatter(bufs [][]byte, once bool, read func([]byte) (int, error)) (int, error) {
	if len(bufs) == 1 {
		return read(bufs[0])
	}
	want := size(bufs)
	tmp := make([]byte, min(want, gatherMax))
	total := 0
	i, off := 0, 0 // where the next byte goes: bufs[i][off]
	for total < want {
		chunk := tmp[:min(len(tmp), want-total)]
		n, err := read(chunk)
		for put := chunk[:n]; len(put) > 0; {
			c := copy(bufs[i][off:], put)
			put, off = put[c:], off+c
			if off == len(bufs[i]) {
				i, off = i+1, 0
			}
		}
		total += n
		if err != nil || once || n < len(chunk) {
			return total, err
		}
	}
	return total, nil
}

func size(bufs [][]byte) int {
	n := 0
	for _, b := range bufs {
		n += len(b)
	}
	return n
}
