package wasi

import (
	"errors"
	"io"
	"sync"
)

// stdin is descriptor 0 over the caller's io.Reader. A blocking read goes
// straight to the reader. Polling for readiness or a non-blocking read
// cannot be answered by an io.Reader, so they start a pump: one goroutine
// that reads ahead a chunk at a time (never more than one unread chunk, so
// input is not slurped) and signals when data or end of input arrives.
// From then on every read is served from the pump's buffer.
type stdin struct {
	r       io.Reader
	mu      sync.Mutex
	cond    *sync.Cond
	pumping bool
	buf     []byte
	err     error         // the reader's final error (io.EOF at the end)
	notify  chan struct{} // receives after each chunk or the end
}

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
// nothing buffered returns ErrnoAgain.
func (s *stdin) read(p []byte, nonblock bool) (int, Errno) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.pumping && !nonblock {
		s.mu.Unlock()
		n, err := s.r.Read(p)
		s.mu.Lock()
		if err != nil && !errors.Is(err, io.EOF) && n == 0 {
			return 0, ErrnoIo
		}
		return n, ErrnoSuccess
	}
	s.startLocked()
	for len(s.buf) == 0 && s.err == nil {
		if nonblock {
			return 0, ErrnoAgain
		}
		s.cond.Wait()
	}
	n := copy(p, s.buf)
	s.buf = s.buf[n:]
	if len(s.buf) == 0 {
		s.cond.Broadcast() // let the pump read the next chunk
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
	s.startLocked()
	return len(s.buf) > 0 || s.err != nil, len(s.buf)
}

func (s *stdin) startLocked() {
	if s.pumping {
		return
	}
	s.pumping = true
	go s.pump()
}

func (s *stdin) pump() {
	chunk := make([]byte, 4096)
	for {
		n, err := s.r.Read(chunk)
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
		for len(s.buf) > 0 && s.err == nil {
			s.cond.Wait()
		}
		done := s.err != nil
		s.mu.Unlock()
		if done {
			return
		}
	}
}
