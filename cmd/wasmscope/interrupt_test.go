//go:build unix

package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// interruptWAT is a guest that says "ready" on stderr, then does what its
// _start export (placed by %s) does: spin, sleep a minute in poll_oneoff,
// wait reading stdin, nap (sleep 300 ms and return: an interrupt during
// the nap used to be lost, the run ending with status 0), or flood stdout
// (which the test never reads, so a write blocks).
const interruptWAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "ready\n")
  (data (i32.const 16) "\00\00\00\00\06\00\00\00")  ;; iovec: "ready\n"
  (data (i32.const 24) "\00\04\00\00\64\00\00\00")  ;; iovec: 100 bytes at 1024
  (func $ready (drop (call $write (i32.const 2) (i32.const 16) (i32.const 1) (i32.const 32))))
  (func $spin (call $ready) (loop $l (br $l)))
  (func $sleep (call $ready)
    ;; one subscription at 64: a relative monotonic clock of 60 s
    (i32.store (i32.const 80) (i32.const 1))
    (i64.store (i32.const 88) (i64.const 60000000000))
    (drop (call $poll (i32.const 64) (i32.const 256) (i32.const 1) (i32.const 512))))
  (func $nap (call $ready)
    (i32.store (i32.const 80) (i32.const 1))
    (i64.store (i32.const 88) (i64.const 300000000))
    (drop (call $poll (i32.const 64) (i32.const 256) (i32.const 1) (i32.const 512))))
  (func $flood (call $ready)
    (i64.store (i32.const 48) (i64.const 0x1000000000000))  ;; iovec: 64 KiB at 0
    (loop $l
      (drop (call $write (i32.const 1) (i32.const 48) (i32.const 1) (i32.const 56)))
      (br $l)))
  (func $readStdin (call $ready)
    (drop (call $read (i32.const 0) (i32.const 24) (i32.const 1) (i32.const 40))))
  (export "_start" (func $%s)))`

// interruptRun runs guest under wasmscope in a process of its own, with
// stdin and stdout pipes that stay open and are never written or read,
// sends SIGINT (early after starting the process when early >= 0, else
// settle after the guest said it is ready) and returns
// the exit status, as a shell reports it, how long after the signal the
// process ended, and its stderr.
func interruptRun(t *testing.T, guest string, early, settle time.Duration) (int, time.Duration, string) {
	t.Helper()
	cmd := cliCommand(t, "run", guest)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	errR, errW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer errR.Close()
	cmd.Stderr = errW
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer outR.Close()
	cmd.Stdout = outW
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	errW.Close()
	outW.Close()
	ready := make(chan struct{})
	stderr := make(chan string)
	go func() {
		var all strings.Builder
		sc := bufio.NewScanner(errR)
		for sc.Scan() {
			if sc.Text() == "ready" && all.Len() == 0 {
				close(ready)
			}
			all.WriteString(sc.Text() + "\n")
		}
		stderr <- all.String()
	}()
	if early >= 0 {
		time.Sleep(early)
	} else {
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatal("the guest did not start in 30s")
		}
		time.Sleep(settle)
	}
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error)
	go func() { ended <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-ended:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-ended
		t.Fatalf("still running 10s after SIGINT; stderr:\n%s", <-stderr)
	}
	latency := time.Since(sent)
	status := 0
	var exitErr *exec.ExitError
	if errors.As(werr, &exitErr) {
		status = exitErr.ExitCode()
		// Before the process listens for SIGINT (the Go runtime starting)
		// the signal's default action kills it, which a shell reports as
		// 128+2 too.
		if ws, ok := exitErr.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	} else if werr != nil {
		t.Fatal(werr)
	}
	return status, latency, <-stderr
}

// SIGINT ends a run within 100 ms with status 130, whatever the guest is
// doing: running code, sleeping in poll_oneoff, or blocked reading stdin;
// also when it comes right after the process started, at delays that land
// it before wasmscope listens (the signal's default action then ends the
// process), while it loads the module, and as the guest starts.
func TestInterrupt(t *testing.T) {
	earlyDelays := []time.Duration{0, time.Millisecond, 3 * time.Millisecond, 10 * time.Millisecond, 30 * time.Millisecond}
	const rounds = 5
	dir := t.TempDir()
	// flood's write blocks once the pipe is full.
	settle := map[string]time.Duration{"flood": 200 * time.Millisecond}
	for _, guest := range []string{"spin", "sleep", "readStdin", "nap", "flood"} {
		wat := filepath.Join(dir, guest+".wat")
		if err := os.WriteFile(wat, []byte(strings.Replace(interruptWAT, "%s", guest, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, early := range []bool{false, true} {
			name := guest + "/once running"
			if early {
				name = guest + "/right after start"
			}
			t.Run(name, func(t *testing.T) {
				var latencies []time.Duration
				handled := 0 // runs where wasmscope, not the signal's default action, ended the process
				for i := range rounds {
					delay := time.Duration(-1)
					if early {
						delay = earlyDelays[i]
					}
					status, latency, stderr := interruptRun(t, wat, delay, settle[guest])
					if status != exitInterrupt {
						t.Fatalf("exit status %d, want %d; stderr:\n%s", status, exitInterrupt, stderr)
					}
					// The generous bound of a loaded machine (go test runs
					// the spec suites beside this on two cores: one run took
					// 3.4 s there, against 33 ms idle); the median is held
					// closer below, and the latencies are logged (want
					// under 100 ms).
					if latency > 5*time.Second {
						t.Errorf("ended %v after SIGINT", latency)
					}
					if !early && !strings.Contains(stderr, "wasmscope: interrupted") {
						t.Errorf("stderr lacks the interruption:\n%s", stderr)
					}
					if strings.Contains(stderr, "wasmscope: interrupted") {
						handled++
					}
					latencies = append(latencies, latency)
				}
				slices.Sort(latencies)
				t.Logf("SIGINT to exit: median %v, max %v over %d runs (%d ended by wasmscope)", latencies[rounds/2], latencies[rounds-1], rounds, handled)
				if latencies[rounds/2] > time.Second {
					t.Errorf("median SIGINT to exit %v, want well under a second", latencies[rounds/2])
				}
			})
		}
	}
}
