package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const trapWAT = `(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func $boom (export "boom") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $main (export "_start") (drop (call $boom (i32.const 0))))
  (func (export "spin") (loop $l (br $l)))
  (func (export "mix") (param i64 f32 f64) (result f64 i64)
    (f64.add (f64.promote_f32 (local.get 1)) (local.get 2)) (local.get 0))
  (func (export "bye") (call $exit (i32.const 9))))`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRun(t *testing.T) {
	mod := writeTemp(t, "m.wat", trapWAT)
	add := filepath.Join(programsDir, "wat", "add.wat")
	reactor := writeTemp(t, "reactor.wat", `(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (func (export "_initialize") (call $exit (i32.const 5)))
  (func (export "get") (result i32) (i32.const 1)))`)
	tests := []struct {
		name      string
		args      []string
		status    int
		stdout    string
		stderrHas []string
	}{
		{"invoke add", []string{"run", "--invoke", "add", add, "1", "2"}, 0, "3\n", nil},
		{"invoke negative hex", []string{"run", "--invoke", "add", add, "-5", "0x10"}, 0, "11\n", nil},
		{"invoke typed", []string{"run", "--invoke", "mix", mod, "-7", "1.5", "0.25"}, 0, "1.75\n-7\n", nil},
		{"trap", []string{"run", mod}, exitTrap, "", []string{"trap: integer divide by zero", "at $boom", "at $main"}},
		{"proc_exit", []string{"run", "--invoke", "bye", mod}, 9, "", nil},
		{"fuel", []string{"run", "--fuel", "500", "--invoke", "spin", mod}, exitFuel, "", []string{"out of fuel"}},
		{"bad argument", []string{"run", "--invoke", "add", add, "x", "1"}, exitUsage, "", []string{`argument 1: "x" is not an i32`}},
		{"argument count", []string{"run", "--invoke", "add", add, "1"}, exitUsage, "", []string{"takes 2 arguments"}},
		{"no such export", []string{"run", "--invoke", "nope", add}, exitLoad, "", []string{`no exported function "nope"`}},
		// The WASI application ABI's kinds (see package runner): a module
		// without _start is a reactor, initialized and left; proc_exit in
		// _initialize or the start function ends the run with its code.
		{"neither _start nor _initialize", []string{"run", add}, 0, "", []string{"no _start export: initialized the module, called nothing"}},
		{"reactor alone runs _initialize", []string{"run", reactor}, 5, "", nil},
		{"reactor: _initialize before the invoked export", []string{"run", "--invoke", "get", reactor}, 5, "", nil},
		{"command: _initialize is not called", []string{"run", writeTemp(t, "cmd.wat", `(module
			(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
			(func (export "_start") (call $exit (i32.const 4))))`)}, 4, "", nil},
		{"both kinds refused", []string{"run", writeTemp(t, "both.wat", `(module
			(func (export "_start")) (func (export "_initialize")))`)}, exitLoad, "", []string{"exports both _start and _initialize"}},
		{"start function traps", []string{"run", writeTemp(t, "st.wat", `(module
			(func $s unreachable) (start $s) (func (export "_start")))`)}, exitTrap, "", []string{"trap: unreachable\n  at $s"}},
		{"missing file", []string{"run", "/nonexistent.wasm"}, exitLoad, "", []string{"/nonexistent.wasm"}},
		{"bad text", []string{"run", writeTemp(t, "bad.wat", "(module (func (i32.bogus)))")}, exitLoad, "", []string{"bad.wat:1:"}},
		{"bad binary", []string{"run", writeTemp(t, "bad.wasm", "\x00asm\x01\x00\x00\x00\x01\xff")}, exitLoad, "", []string{"bad.wasm"}},
		{"png named .wasm", []string{"run", writeTemp(t, "pic.wasm", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")}, exitLoad, "", []string{"pic.wasm is a PNG image, not a WebAssembly module"}},
		{"random bytes", []string{"run", writeTemp(t, "rand.wasm", "\x01\xfe\xff\x00")}, exitLoad, "", []string{"rand.wasm is not a WebAssembly module"}},
		{"empty file", []string{"run", writeTemp(t, "empty.wasm", "")}, exitLoad, "", []string{"empty.wasm: the file is empty"}},
		{"truncated", []string{"run", writeTemp(t, "cut.wasm", "\x00asm\x01\x00\x00\x00\x01\x05\x01\x60")}, exitLoad, "", []string{"cut.wasm: offset 0x"}},
		{"unbounded recursion", []string{"run", writeTemp(t, "rec.wat", `(module (func $f (export "_start") (call $f)))`)}, exitTrap, "", []string{"trap: call stack exhausted\n  at $f (wasm-function[0]:0x"}},
		{"uncaught exception", []string{"run", writeTemp(t, "exn.wat", `(module (tag $boom (param i32))
			(func $inner (throw $boom (i32.const 7))) (func (export "_start") (call $inner)))`)}, exitTrap, "",
			[]string{"trap: uncaught exception: tag $boom\n  at $inner (wasm-function[0]:0x"}},
		{"bad mount", []string{"run", "--mount", "a:b:c:d", add}, exitUsage, "", []string{"--mount"}},
		{"missing host dir", []string{"run", "--mount", "/nonexistent:/x", add}, exitUsage, "", []string{"/nonexistent"}},
		{"bad env", []string{"run", "--env", "NOEQUALS", add}, exitUsage, "", []string{"K=V"}},
		{"no module", []string{"run"}, exitUsage, "", []string{"usage: wasmscope run"}},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", []string{"unknown command"}},
		{"no command", nil, exitUsage, "", []string{"usage: wasmscope"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, "", tt.args...)
			if status != tt.status || stdout != tt.stdout {
				t.Errorf("status %d stdout %q, want %d %q; stderr:\n%s", status, stdout, tt.status, tt.stdout, stderr)
			}
			for _, s := range tt.stderrHas {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
		})
	}
}

func TestRunEnvAndTrace(t *testing.T) {
	// A module that prints its environment count through environ_sizes_get
	// as the exit status.
	envWAT := writeTemp(t, "env.wat", `(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start") (drop (call $sizes (i32.const 0) (i32.const 4))) (call $exit (i32.load (i32.const 0)))))`)
	_, _, status := runCLI(t, "", "run", "--env", "A=1", "--env", "B=2", envWAT)
	if status != 2 {
		t.Errorf("two --env: environ count %d", status)
	}
	t.Setenv("WASMSCOPE_TEST", "1")
	_, _, status = runCLI(t, "", "run", "--env-inherit", "--env", "A=1", envWAT)
	if status != (len(os.Environ())+1)&0xff {
		t.Errorf("--env-inherit: environ count %d, host has %d", status, len(os.Environ()))
	}

	hello := filepath.Join(programsDir, "wat", "hello.wat")
	out := filepath.Join(t.TempDir(), "trace.txt")
	stdout, _, status := runCLI(t, "", "run", "--trace="+out, hello)
	if stdout != "Hello, World!\n" || status != 0 {
		t.Fatalf("traced run: %q %d", stdout, status)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0", "i32.store", "mem[0x14]"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("trace lacks %q:\n%s", want, b)
		}
	}
	_, stderr, _ := runCLI(t, "", "run", "--trace", hello)
	if !strings.Contains(stderr, "fd_write(") {
		t.Errorf("--trace to stderr:\n%s", stderr)
	}
}
