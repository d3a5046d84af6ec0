package playground

import (
	"errors"
	"io"
	"sync"
)

// ErrStopped is what a read of stdin returns once the run was stopped.
var ErrStopped = errors.New("the run was stopped")

// Stdin is a program's standard input as the page feeds it: text given up
// front, then lines typed while the program runs, then an end of input.
// Read blocks while nothing is buffered and the input is not closed; Write,
// Close and Abort may be called from any goroutine.
type Stdin struct {
	mu      sync.Mutex
	cond    *sync.Cond
	buf     []byte
	eof     bool
	err     error // set by Abort: every read fails with it
	waiting bool  // a Read is blocked
	// onWait, when set, is called (without the lock) each time a Read
	// starts or stops waiting, so the page can show that input is awaited.
	onWait func(waiting bool)
}

// NewStdin returns an open, empty input.
func NewStdin() *Stdin {
	s := &Stdin{}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// Write adds p to the input. Writing after Close is an error.
func (s *Stdin) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.eof || s.err != nil {
		return 0, errors.New("stdin is closed")
	}
	s.buf = append(s.buf, p...)
	s.cond.Broadcast()
	return len(p), nil
}

// Close ends the input: reads drain what is buffered, then see EOF.
func (s *Stdin) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.eof = true
	s.cond.Broadcast()
	return nil
}

// Abort makes every read, blocked or future, fail with ErrStopped; Stop
// uses it so a program waiting for input ends.
func (s *Stdin) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = ErrStopped
	s.cond.Broadcast()
}

// Closed reports whether Close was called.
func (s *Stdin) Closed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.eof
}

// Waiting reports whether a Read is blocked for input right now.
func (s *Stdin) Waiting() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.waiting
}

// Read fills p with buffered input, blocking while there is none and the
// input is open.
func (s *Stdin) Read(p []byte) (int, error) {
	s.mu.Lock()
	waited := false
	for len(s.buf) == 0 && !s.eof && s.err == nil {
		if !waited {
			waited = true
			s.waiting = true
			if f := s.onWait; f != nil {
				// Unlocked, so the callback may look at the input; the
				// condition is checked again before waiting.
				s.mu.Unlock()
				f(true)
				s.mu.Lock()
				continue
			}
		}
		s.cond.Wait()
	}
	s.waiting = false
	var n int
	var err error
	switch {
	case s.err != nil:
		err = s.err
	case len(s.buf) == 0:
		err = io.EOF
	default:
		n = copy(p, s.buf)
		s.buf = s.buf[n:]
	}
	f := s.onWait
	s.mu.Unlock()
	if waited && f != nil {
		f(false)
	}
	return n, err
}
