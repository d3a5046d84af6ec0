package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// addWasm is the book's add module, assembled by hand.
const addWasm = "\x00asm\x01\x00\x00\x00" +
	"\x01\x07\x01\x60\x02\x7f\x7f\x01\x7f" + // type: (i32, i32) -> i32
	"\x03\x02\x01\x00" + // function: one of type 0
	"\x07\x07\x01\x03add\x00\x00" + // export "add" = func 0
	"\x0a\x09\x01\x07\x00\x20\x00\x20\x01\x6a\x0b" // code: local.get 0, local.get 1, i32.add

func TestInspect(t *testing.T) {
	wasm := writeTemp(t, "add.wasm", addWasm)
	stdout, stderr, status := runCLI(t, "", "inspect", wasm)
	want := wasm + `: wasm module, version 1, 41 bytes

Sections:
       Type start=0x0000000a end=0x00000011 (size=0x00000007)
   Function start=0x00000013 end=0x00000015 (size=0x00000002)
     Export start=0x00000017 end=0x0000001e (size=0x00000007)
       Code start=0x00000020 end=0x00000029 (size=0x00000009)

Types[1]:
  - type[0] (func (param i32 i32) (result i32))

Functions[1]:
  - func[0] sig=0 size=7

Exports[1]:
  - func[0] -> "add"
`
	if status != 0 || stdout != want {
		t.Errorf("status %d stderr %q\n got:\n%s\nwant:\n%s", status, stderr, stdout, want)
	}

	// From text: names, imports, memory and data appear.
	stdout, stderr, status = runCLI(t, "", "inspect", filepath.Join(programsDir, "wat", "hello.wat"))
	for _, s := range []string{
		"func[0] sig=0 <fd_write> <- wasi_snapshot_preview1.fd_write",
		"memory[0] min=1",
		`func[1] -> "_start"`,
		"data[0] active memory=0 size=14",
	} {
		if !strings.Contains(stdout, s) {
			t.Errorf("inspect hello.wat lacks %q (status %d, stderr %q):\n%s", s, status, stderr, stdout)
		}
	}

	// --wat prints text that parses back to the same binary.
	stdout, stderr, status = runCLI(t, "", "inspect", "--wat", wasm)
	if status != 0 || !strings.Contains(stdout, "i32.add") {
		t.Fatalf("inspect --wat: status %d stderr %q:\n%s", status, stderr, stdout)
	}
	wat := writeTemp(t, "add.wat", stdout)
	out := filepath.Join(t.TempDir(), "out.wasm")
	if _, stderr, status := runCLI(t, "", "wat2wasm", wat, "-o", out); status != 0 {
		t.Fatalf("wat2wasm: %d %s", status, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || string(b) != addWasm {
		t.Errorf("round trip through --wat and wat2wasm: %q (%v)", b, err)
	}
}

func TestInspectErrors(t *testing.T) {
	tests := []struct {
		args []string
		want int
		has  string
	}{
		{[]string{"inspect"}, exitUsage, "usage: wasmscope inspect"},
		{[]string{"inspect", "/nonexistent.wasm"}, 1, "/nonexistent.wasm"},
		{[]string{"inspect", writeTemp(t, "trunc.wasm", addWasm[:20])}, 1, "trunc.wasm"},
		{[]string{"wat2wasm", "x.wat"}, exitUsage, "usage: wasmscope wat2wasm"},
		{[]string{"wat2wasm", writeTemp(t, "bad.wat", "(module (func (nop) )"), "-o", filepath.Join(t.TempDir(), "o.wasm")}, 1, "bad.wat:1:"},
		{[]string{"wat2wasm", writeTemp(t, "tm.wat", "(module (func (result i32) i64.const 1))"), "-o", filepath.Join(t.TempDir(), "o.wasm")}, 1, "tm.wat:1:39: type mismatch"},
		{[]string{"inspect", writeTemp(t, "pic.wasm", "\x89PNG\r\n\x1a\n")}, 1, "pic.wasm is a PNG image"},
		{[]string{"wast"}, exitUsage, "usage: wasmscope wast"},
	}
	for _, tt := range tests {
		_, stderr, status := runCLI(t, "", tt.args...)
		if status != tt.want || !strings.Contains(stderr, tt.has) {
			t.Errorf("%v: status %d, stderr %q; want %d with %q", tt.args, status, stderr, tt.want, tt.has)
		}
	}
}

func TestWast(t *testing.T) {
	script := writeTemp(t, "t.wast", `(module
  (func (export "f") (result i32) (i32.const 7))
  (func (export "g") unreachable))
(assert_return (invoke "f") (i32.const 7))
(assert_trap (invoke "g") "unreachable")`)
	// Two memories: valid in Wasm 3.0 (the default), invalid in 2.0.
	twoMems := writeTemp(t, "mems.wast", `(module (memory 1) (memory 1))`)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"3.0 by default", []string{"wast", script}, "t.wast: 3 passed, 0 failed"},
		{"3.0 features", []string{"wast", twoMems}, "mems.wast: 1 passed, 0 failed"},
		{"--wasm2 keeps 2.0 rules", []string{"wast", "--wasm2", twoMems}, "mems.wast: 0 passed, 1 failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, "", tt.args...)
			if !strings.Contains(stdout, tt.want) || (status == 0) != strings.Contains(tt.want, " 0 failed") {
				t.Errorf("status %d\nstdout:\n%s\nstderr:\n%s\nwant %q", status, stdout, stderr, tt.want)
			}
		})
	}
}
