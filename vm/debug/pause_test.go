package debug_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/wasi"
)

// echoSrc reads up to 16 bytes of stdin and writes them to stdout.
const echoSrc = `(module
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i32.store (i32.const 4) (i32.load (i32.const 8)))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 12)))))`

// waitingReader blocks each Read until a line is sent, and says when a
// Read waits.
type waitingReader struct {
	waiting chan struct{}
	lines   chan string
}

func (r *waitingReader) Read(p []byte) (int, error) {
	r.waiting <- struct{}{}
	line, ok := <-r.lines
	if !ok {
		return 0, io.EOF
	}
	return copy(p, line), nil
}

// TestPauseInHostCall: Pause while the program waits for stdin stops it
// before the fd_read call, its state inspectable; Continue reads again.
func TestPauseInHostCall(t *testing.T) {
	mod, err := vm.CompileText([]byte(echoSrc), "echo.wat")
	if err != nil {
		t.Fatal(err)
	}
	in := &waitingReader{waiting: make(chan struct{}, 1), lines: make(chan string)}
	var out bytes.Buffer
	sys, err := wasi.New(wasi.Config{Stdin: in, Stdout: &out})
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Close()
	rec := &debug.Recorder{}
	_, d := attached(t, mod, wasi.ModuleName, rec.WrapReported(wasi.ModuleName, sys.Funcs()), "_start")
	d.Record(rec)
	d.SetHostPause(sys.PauseWaits)

	stops := make(chan debug.Stop)
	go func() { stops <- d.Continue() }()
	select {
	case <-in.waiting:
	case st := <-stops:
		t.Fatalf("the program did not wait for stdin: %v %v", st.Reason, st.Err)
	}
	d.Pause()
	var st debug.Stop
	select {
	case st = <-stops:
	case <-time.After(10 * time.Second):
		t.Fatal("Pause not honoured 10 s after, while the program waits for stdin")
	}
	if st.Reason != debug.Interrupted {
		t.Fatalf("%v %v, want interrupted", st.Reason, st.Err)
	}
	fr := d.Frames()
	if len(fr) != 1 || fr[0].Func != 2 || len(fr[0].Stack) != 4 {
		t.Fatalf("paused at %+v, want _start before its call of fd_read with its four arguments", fr)
	}
	at := d.Executed()
	if rec.Calls() != 0 {
		t.Errorf("%d host calls recorded: the call given up is not one", rec.Calls())
	}

	go func() { stops <- d.Continue() }()
	// The call is made again and waits for the line the reader still
	// waits to give (stdin reads on in its own goroutine).
	in.lines <- "hello\n"
	if st := <-stops; st.Reason != debug.Returned || out.String() != "hello\n" {
		t.Fatalf("%v %v, printed %q; want returned, hello", st.Reason, st.Err, out.String())
	}
	// Back to where it paused, and on: the read and the write are
	// replayed, not made (nothing is read or printed again).
	if st := d.Goto(at); st.Reason != debug.Stepped {
		t.Fatalf("back to %d: %v %v", at, st.Reason, st.Err)
	}
	if st := d.Continue(); st.Reason != debug.Returned || out.String() != "hello\n" || rec.Calls() != 2 {
		t.Fatalf("%v %v, printed %q after %d calls", st.Reason, st.Err, out.String(), rec.Calls())
	}
}
