package wasi

import (
	"errors"
	"io"
	"sync"
)

// stdin is descriptor 0 over the caller's io.Reader. The reader may block
// for as long as it likes (a terminal, a pipe nobody writes to), and a read
// of stdin must still end when the System is interrupted, so reading is
// done by one goroutine, started by the first read or poll, and a read
// waits for what it delivers or for the interrupt. The goroutine reads only
// what a waiting read asks for (never more than readMax), so input is not
// slurped, except once the program polls stdin or reads it without
// blocking: an io.Reader cannot say whether input is waiting, so from then
// on the goroutine keeps one chunk read ahead.
type stdin struct {
	r    io.Reader
	mu   sync.Mutex
	cond *sync.Cond
	// reading is set once the goroutine runs; ahead once it must keep a
	// chunk read ahead; want is what a blocked read asks for.
	reading, ahead bool
	want           int
	buf            []byte
	err            error // the reader's final error (io.EOF at the end)
	// interrupted ends blocked and later reads, and the goroutine once its
	// current read returns.
	interrupted bool
	// paused makes a read that would wait return errnoRetry instead
	// (System.PauseWaits).
	paused bool
	notify chan struct{} // receives after each chunk or the end
}

// readMax bounds one read of the host stream (and the goroutine's buffer):
// a read may return less than asked, as a pipe's does.
const readMax = 1 << 20

// aheadChunk is what the goroutine reads ahead for polls.
const aheadChunk = 4096

func newStdin(r io.Reader) *stdin {
	if r == nil {
		r = eofReader{}
	}
	s := &stdin{r: r, notify: make(chan struct{}, 1)}
	s.cond = sync.NewCond(&s.mu)
	return s
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// read fills p; at the end of input it returns 0. A non-blocking read with
// nothing buffered returns EAGAIN, an interrupted one EINTR.
func (s *stdin) read(p []byte, nonblock bool) (int, Errno) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if nonblock {
		s.ahead = true
	}
	s.startLocked()
	for len(s.buf) == 0 && s.err == nil {
		if s.interrupted {
			return 0, ErrnoIntr
		}
		if s.paused && !nonblock {
			return 0, errnoRetry
		}
		if nonblock {
			s.cond.Broadcast() // the goroutine may wait from an earlier read: read ahead now
			return 0, ErrnoAgain
		}
		s.want = len(p)
		s.cond.Broadcast()
		s.cond.Wait()
	}
	s.want = 0
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	if len(s.buf) == 0 {
		s.cond.Broadcast() // let the goroutine read the next chunk
	}
	if n == 0 && !errors.Is(s.err, io.EOF) {
		return 0, ErrnoIo
	}
	return n, ErrnoSuccess
}

// ready reports whether a read would not block, and how many bytes are
// buffered.
func (s *stdin) ready() (bool, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ahead = true
	s.startLocked()
	s.cond.Broadcast()
	return len(s.buf) > 0 || s.err != nil, len(s.buf)
}

// setPaused makes reads that would wait give up at once (on), a blocked
// one included, or wait again.
func (s *stdin) setPaused(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = on
	s.cond.Broadcast()
}

// interrupt ends a blocked read and every later one with EINTR.
func (s *stdin) interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.interrupted = true
	s.cond.Broadcast()
}

func (s *stdin) startLocked() {
	if s.reading {
		return
	}
	s.reading = true
	go s.pump()
}

// pump is the reading goroutine: while the buffer is empty and a read
// waits (or polls want a chunk ahead), it reads once from the host stream.
func (s *stdin) pump() {
	var chunk []byte
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		for s.err == nil && !s.interrupted && (len(s.buf) > 0 || (s.want == 0 && !s.ahead)) {
			s.cond.Wait()
		}
		if s.err != nil || s.interrupted {
			return
		}
		n := min(max(s.want, 1), readMax)
		if s.ahead {
			n = max(n, aheadChunk)
		}
		if len(chunk) < n {
			chunk = make([]byte, n)
		}
		s.mu.Unlock()
		n, err := s.r.Read(chunk[:n])
		s.mu.Lock()
		s.buf = append(s.buf, chunk[:n]...)
		if err != nil {
			s.err = err
		}
		s.cond.Broadcast()
		select {
		case s.notify <- struct{}{}:
		default:
		}
	}
}
