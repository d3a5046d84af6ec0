package wasi

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
)

// callErr runs the named function and returns the error it ends the run
// with (nil when it returned an errno).
func (h *harness) callErr(name string, args ...uint64) error {
	results := make([]uint64, len(h.funcs[name].Type.Results))
	return h.funcs[name].Call(vm.NewCaller(func() []byte { return h.mem }), args, results)
}

// wantInterrupted fails unless err ends the run with status 130.
func wantInterrupted(t *testing.T, what string, err error) {
	t.Helper()
	var exit *vm.ExitError
	if !errors.As(err, &exit) || exit.Code != 130 {
		t.Errorf("%s after Interrupt: %v, want exit status 130", what, err)
	}
}

// signalingClock is the host clock, but says when a Sleep begins.
type signalingClock struct {
	hostClock
	sleeping chan struct{}
}

func (c signalingClock) Sleep(d time.Duration, wake <-chan struct{}) {
	close(c.sleeping)
	c.hostClock.Sleep(d, wake)
}

// signalingReader blocks forever (an open pipe nobody writes to), and
// says when a Read begins.
type signalingReader struct {
	reading chan struct{}
	r       io.Reader
}

func (r *signalingReader) Read(p []byte) (int, error) {
	select {
	case r.reading <- struct{}{}:
	default:
	}
	return r.r.Read(p)
}

// Interrupt wakes a host call that waits (for time or for input) and ends
// the run with status 130.
func TestInterruptWakesBlockedCalls(t *testing.T) {
	sub := func(h *harness, i int, typ uint8, fdOrClock uint32, timeout uint64) {
		p := uint32(8192 + i*sizeSubscription)
		clear(h.mem[p : p+sizeSubscription])
		h.mem[p+8] = typ
		le32(h.mem[p+16:], fdOrClock)
		le64(h.mem[p+24:], timeout)
	}
	const minute = uint64(60 * time.Second)
	tests := []struct {
		name string
		// setup prepares the call's arguments and returns what says the
		// call is blocked: the clock's sleeping or stdin's reading.
		setup func(h *harness, stdinReading <-chan struct{}) (blocked <-chan struct{})
		fn    string
		args  []uint64
	}{
		{"poll_oneoff sleeping a minute", func(h *harness, stdinReading <-chan struct{}) <-chan struct{} {
			sub(h, 0, EventtypeClock, ClockMonotonic, minute)
			return h.s.clock.(signalingClock).sleeping
		}, "poll_oneoff", []uint64{8192, 12288, 1, result}},
		{"poll_oneoff waiting for stdin", func(h *harness, stdinReading <-chan struct{}) <-chan struct{} {
			sub(h, 0, EventtypeFdRead, 0, 0)
			return stdinReading
		}, "poll_oneoff", []uint64{8192, 12288, 1, result}},
		{"poll_oneoff waiting for stdin or a minute", func(h *harness, stdinReading <-chan struct{}) <-chan struct{} {
			sub(h, 0, EventtypeFdRead, 0, 0)
			sub(h, 1, EventtypeClock, ClockMonotonic, minute)
			return stdinReading
		}, "poll_oneoff", []uint64{8192, 12288, 2, result}},
		{"fd_read of stdin", func(h *harness, stdinReading <-chan struct{}) <-chan struct{} {
			h.iovec(256, 4096, 100)
			return stdinReading
		}, "fd_read", []uint64{0, 256, 1, result}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			reading := make(chan struct{})
			h := newHarness(t, func(c *Config) {
				c.Clock = signalingClock{hostClock{time.Now()}, make(chan struct{})}
				c.Stdin = &signalingReader{reading, pr}
			})
			blocked := tt.setup(h, reading)
			done := make(chan error, 1)
			go func() { done <- h.callErr(tt.fn, tt.args...) }()
			select {
			case <-blocked:
			case err := <-done:
				t.Fatalf("%s returned before blocking: %v", tt.fn, err)
			}
			start := time.Now()
			h.s.Interrupt()
			select {
			case err := <-done:
				wantInterrupted(t, tt.fn, err)
				t.Logf("%s ended %v after Interrupt", tt.fn, time.Since(start))
			case <-time.After(10 * time.Second):
				t.Fatalf("%s still blocked 10s after Interrupt", tt.fn)
			}
		})
	}
}

// After an interrupt every WASI call ends the run, and does nothing else:
// proc_exit cannot turn the interrupt into another status.
func TestInterruptEndsLaterCalls(t *testing.T) {
	tests := []struct {
		fn   string
		args []uint64
	}{
		{"fd_write", []uint64{1, 256, 1, result}},
		{"clock_time_get", []uint64{uint64(ClockMonotonic), 0, result}},
		{"proc_exit", []uint64{0}},
		{"proc_raise", []uint64{0}},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			h := newHarness(t, nil)
			copy(h.mem[2048:], "text")
			h.iovec(256, 2048, 4)
			if h.s.Interrupted() {
				t.Fatal("interrupted before Interrupt")
			}
			h.s.Interrupt()
			h.s.Interrupt() // twice is once
			if !h.s.Interrupted() {
				t.Error("not interrupted after Interrupt")
			}
			wantInterrupted(t, tt.fn, h.callErr(tt.fn, tt.args...))
			if h.stdout.Len() != 0 {
				t.Errorf("wrote %q after the interrupt", h.stdout.String())
			}
		})
	}
}

func TestHostClockSleep(t *testing.T) {
	c := hostClock{time.Now()}
	wake := make(chan struct{})
	close(wake)
	start := time.Now()
	c.Sleep(time.Hour, wake)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Sleep(1h) with wake closed took %v", d)
	}
	start = time.Now()
	c.Sleep(20*time.Millisecond, make(chan struct{}))
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Errorf("Sleep(20ms) returned after %v", d)
	}
}

// PauseWaits cuts a blocked read of stdin short without reading anything
// (vm.ErrRetry), and the same read made again gets the input; a read that
// has input does not wait and is not cut short.
func TestPauseWaits(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	reading := make(chan struct{}, 1)
	h := newHarness(t, func(c *Config) { c.Stdin = &signalingReader{reading, pr} })
	h.iovec(256, 4096, 100)
	done := make(chan error, 1)
	go func() { done <- h.callErr("fd_read", 0, 256, 1, result) }()
	<-reading
	h.s.PauseWaits(true)
	select {
	case err := <-done:
		if err != vm.ErrRetry {
			t.Fatalf("fd_read cut short: %v, want vm.ErrRetry", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("fd_read still blocked 10s after PauseWaits")
	}
	if err := h.callErr("fd_read", 0, 256, 1, result); err != vm.ErrRetry {
		t.Fatalf("fd_read while paused: %v, want vm.ErrRetry at once", err)
	}
	h.s.PauseWaits(false)
	go func() { done <- h.callErr("fd_read", 0, 256, 1, result) }()
	if _, err := pw.Write([]byte("hi\n")); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil || h.u32(result) != 3 || string(h.mem[4096:4099]) != "hi\n" {
		t.Fatalf("fd_read after PauseWaits(false): %v, read %q", err, h.mem[4096:4099])
	}
}
