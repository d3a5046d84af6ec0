package main

import (
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
)

// helloDebugWAT writes "Hello\n" through fd_write, then divides by zero.
const helloDebugWAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $count (mut i32) (i32.const 0))
  (func $store_hello (param $p i32)
    local.get $p
    i32.const 0x6c6c6548 ;; "Hell"
    i32.store
    local.get $p
    i32.const 0x0a6f ;; "o\n"
    i32.store16 offset=4)
  (func $div (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.div_s)
  (func $main (export "_start")
    i32.const 100
    call $store_hello
    i32.const 0   ;; the iovec: "Hello\n" at 100
    i32.const 100
    i32.store
    i32.const 4
    i32.const 6
    i32.store
    i32.const 1
    i32.const 0
    i32.const 1
    i32.const 16  ;; nwritten
    call $fd_write
    drop
    global.get $count
    i32.const 1
    i32.add
    global.set $count
    block
      nop
      i32.const 7
      global.get $count
      i32.const 1
      i32.sub
      call $div
      drop
    end))`

// checkSession runs `wasmscope debug` on module with the script on stdin
// and compares stdout, line by line, with want after norm.
func checkSession(t *testing.T, module, script string, want []string, norm func(string) string) {
	t.Helper()
	stdout, stderr, status := runCLI(t, script, "debug", module)
	if status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	for i := range got {
		if norm != nil {
			got[i] = norm(got[i])
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("session:\n%s\n\ngot:\n%s\n\nwant:\n%s", script, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDebugWAT(t *testing.T) {
	mod := writeTemp(t, "hello.wat", helloDebugWAT)
	tests := []struct {
		name   string
		script string
		want   []string
	}{
		{"break, locals, finish, next", `break $store_hello
continue
print locals
backtrace
finish
nexti
print stack
quit`, []string{
			"paused before _start",
			"breakpoint 1 at $store_hello at 0x72",
			"breakpoint 1",
			"$store_hello at 0x72",
			"  $p: i32 100",
			"#0 $store_hello at 0x72",
			"#1 $main at 0x93",
			"$main at 0x95",
			"$main at 0x97",
			"  0: i32 0",
		}},
		{"stepi into a call and out", `break 0x93
continue
stepi
stepi
print stack
frame 1
finish
print memory 100 6`, []string{
			"paused before _start",
			"breakpoint 1 at $main at 0x93",
			"breakpoint 1",
			"$main at 0x93",
			"$store_hello at 0x72",
			"$store_hello at 0x74",
			"  0: i32 100",
			"#1 $main at 0x93",
			"$main at 0x95",
			"00000060  00 00 00 00 48 65 6c 6c  6f 0a 00 00 00 00 00 00  |....Hello.......|",
		}},
		{"block snaps to the next instruction", `break func[3]:0xb6
continue
print globals`, []string{
			"paused before _start",
			"breakpoint 1 at $main at 0xb9",
			"Hello",
			"breakpoint 1",
			"$main at 0xb9",
			"  $count: i32 1",
		}},
		{"watch a store, then a host write", `watch 104 2
watch 16 4
continue
lastwrite 105
continue
delete 1
delete 2
continue
print stack
backtrace
continue`, []string{
			"paused before _start",
			"watchpoint 1 on 2 bytes at 104",
			"watchpoint 2 on 4 bytes at 16",
			"watchpoint 1: $store_hello at 0x82 (instruction 7) wrote 2 bytes at 104",
			"$store_hello at 0x85",
			"105 was last written by $store_hello at 0x82 (instruction 7): 2 bytes at 104",
			"Hello",
			"watchpoint 2: wasi_snapshot_preview1.fd_write called from $main (instruction 19) wrote 4 bytes at 16",
			"$main at 0xae",
			"trap: integer divide by zero",
			"$div at 0x8c",
			"  0: i32 7",
			"  1: i32 0",
			"#0 $div at 0x8c",
			"#1 $main at 0xc0",
			"error: the program has ended",
		}},
		{"backwards: host calls replayed, nothing printed twice", `break $store_hello
watch 16 4
continue
continue
print memory 16 4
reverse-stepi
print memory 16 4
reverse-continue
backtrace
reverse-continue
continue
continue
continue
reverse-stepi
print stack
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $store_hello at 0x72",
			"watchpoint 2 on 4 bytes at 16",
			"breakpoint 1",
			"$store_hello at 0x72",
			"Hello",
			"watchpoint 2: wasi_snapshot_preview1.fd_write called from $main (instruction 19) wrote 4 bytes at 16",
			"$main at 0xae",
			"00000010  06 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
			"$main at 0xac",
			"00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|",
			"$store_hello at 0x72",
			"#0 $store_hello at 0x72",
			"#1 $main at 0x93",
			"no earlier breakpoint",
			"paused before _start",
			"breakpoint 1",
			"$store_hello at 0x72",
			// The replayed call writes what the call reported: all four bytes.
			"watchpoint 2: wasi_snapshot_preview1.fd_write called from $main (instruction 19) wrote 4 bytes at 16",
			"$main at 0xae",
			"trap: integer divide by zero",
			"$div at 0x8c",
			// Back from the trap: before the division, the program alive.
			"$div at 0x8c",
			"  0: i32 7",
			"  1: i32 0",
			"trap: integer divide by zero",
			"$div at 0x8c",
		}},
		{"backwards over calls and out", `break $div
continue
reverse-nexti
reverse-nexti
reverse-finish
break $store_hello
reverse-continue
print locals
reverse-finish
print stack
reverse-nexti
reverse-nexti
continue
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $div at 0x88",
			"Hello",
			"breakpoint 1",
			"$div at 0x88",
			"$main at 0xc0", // the call of $div
			"$main at 0xbf",
			"error: no call of this function in the log: it is the outermost, or the call is older than the log holds",
			"breakpoint 2 at $store_hello at 0x72",
			"$store_hello at 0x72",
			"  $p: i32 100",
			"$main at 0x93", // the call of $store_hello, its argument on the stack
			"  0: i32 100",
			"paused before _start",
			"error: no earlier instruction in the log",
			"breakpoint 2",
			"$store_hello at 0x72",
			"breakpoint 1",
			"$div at 0x88",
		}},
		{"instruction count", `break @10
continue
print locals`, []string{
			"paused before _start",
			"breakpoint 1 after 10 instructions",
			"breakpoint 1: 10 instructions",
			"$main at 0x97",
		}},
		{"mistakes", `break nosuch
break 0x1
break main.c:3
delete 7
watch 1
print memory 65530 10
print x
frame 3
jump
continue`, []string{
			"paused before _start",
			`error: no function "nosuch"`,
			"error: offset 0x1 is in no function's code",
			"error: break main.c:3: the module has no DWARF line table",
			"error: no breakpoint 7",
			"error: watch ADDR LEN: the length is missing",
			"error: memory 65530..65540 is outside memory 0 (65536 bytes)",
			"error: no frame: the program is not paused in one",
			`error: no frame "3" (there are 0)`,
			`error: unknown command "jump" (help lists them)`,
			"Hello",
			"trap: integer divide by zero",
			"$div at 0x8c",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkSession(t, mod, tc.script, tc.want, nil) })
	}
}

// fibWAT is a recursive export, for debugging a call with --invoke.
const fibWAT = `(module
  (func $fib (export "fib") (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_s
    if (result i32)
      local.get $n
    else
      local.get $n
      i32.const 1
      i32.sub
      call $fib
      local.get $n
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end))`

func TestDebugInvoke(t *testing.T) {
	mod := writeTemp(t, "fib.wat", fibWAT)
	stdout, stderr, status := runCLI(t, `break $fib
continue
continue
print locals
backtrace
delete 1
finish
print stack
continue
`, "debug", "--invoke", "fib", mod, "4")
	want := []string{
		"paused before fib(4)",
		"breakpoint 1 at $fib at 0x22",
		"breakpoint 1",
		"$fib at 0x22",
		"breakpoint 1",
		"$fib at 0x22",
		"  $n: i32 3", // fib(4) calls fib(3) first
		"#0 $fib at 0x22",
		"#1 $fib at 0x31", // the first call $fib
		"$fib at 0x33",
		"  0: i32 2", // fib(3)
		"fib(4) returned 3",
	}
	if got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") || status != 0 || stderr != "" {
		t.Fatalf("status %d, stderr %q, stdout:\n%s\nwant:\n%s", status, stderr, stdout, strings.Join(want, "\n"))
	}
	for _, tc := range []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"--invoke", "fib", mod}, 2, "wasmscope: --invoke fib takes 1 arguments [i32], got 0\n"},
		{[]string{"--invoke", "fib", mod, "x"}, 2, "wasmscope: --invoke fib: argument 1: "},
		{[]string{"--invoke", "nosuch", mod}, 1, "wasmscope: " + mod + `: no exported function "nosuch"` + "\n"},
		{[]string{mod}, 1, "wasmscope: " + mod + ": nothing to debug: no start function, _start or _initialize (use --invoke NAME to call an export)\n"},
	} {
		_, stderr, status := runCLI(t, "", append([]string{"debug"}, tc.args...)...)
		if status != tc.status || !strings.HasPrefix(stderr, tc.stderr) {
			t.Errorf("debug %v: status %d, stderr %q; want %d, %q", tc.args, status, stderr, tc.status, tc.stderr)
		}
	}
}

// hexAddr hides the code offsets and pointers of a C build, which change
// with the compiler's version; lines, names and values do not.
var hexAddr = regexp.MustCompile(`0x[0-9a-f]+`)

// decimal hides the addresses and instruction counts watchpoints report.
var decimal = regexp.MustCompile(`(bytes at|instruction) [0-9]+`)

func TestDebugC(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	wasm := toolchain.C(t, filepath.Join("..", "..", "vm", "debuginfo", "testdata", "vars.c"), "-g", "-O0")
	norm := func(s string) string {
		return decimal.ReplaceAllString(hexAddr.ReplaceAllString(s, "0x?"), "$1 N")
	}
	tests := []struct {
		name   string
		script string
		want   []string
	}{
		{"break at a line, variables, step in, next", `break vars.c:39
continue
print count
print p
print greeting
step
backtrace
print locals
next
next
print i
finish
next
print count
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $__original_main at 0x? (vars.c:39)",
			"breakpoint 1",
			"$__original_main at 0x? (vars.c:39)",
			"  int count = 42",
			"  struct point p = {x = 3, y = -4, weight = 1.25, tag = \"pt\"}",
			"  const char * greeting = 0x? \"hi there\"",
			"$sum_squares at 0x? (vars.c:20)",
			"#0 $sum_squares at 0x? (vars.c:20): sum_squares at vars.c:20",
			"#1 $__original_main at 0x? (vars.c:39): main at vars.c:39",
			"#2 $_start at 0x? (crt1-command.c:12): _start at crt1-command.c:12",
			"#3 $_start.command_export at 0x?",
			"  int n = 3",
			"  int total = 0",
			"$sum_squares at 0x? (vars.c:21)",
			"$sum_squares at 0x? (vars.c:22)",
			"  int i = 1",
			"$__original_main at 0x? (vars.c:39)",
			"$__original_main at 0x? (vars.c:40)",
			"  int count = 56",
			"56 2.5 hello 3 -4 200 -1234567890123 0.5 7 hi there",
			"exited with status 0",
		}},
		{"back to an earlier breakpoint, forward again, printf replayed", `break vars.c:39
break vars.c:41
continue
continue
print count
reverse-continue
print count
continue
print count
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $__original_main at 0x? (vars.c:39)",
			"breakpoint 2 at $__original_main at 0x? (vars.c:41)",
			"breakpoint 1",
			"$__original_main at 0x? (vars.c:39)",
			"56 2.5 hello 3 -4 200 -1234567890123 0.5 7 hi there",
			"breakpoint 2",
			"$__original_main at 0x? (vars.c:41)",
			"  int count = 56",
			"$__original_main at 0x? (vars.c:39)",
			"  int count = 42",
			// printf's fd_write is replayed: the line is not printed again.
			"breakpoint 2",
			"$__original_main at 0x? (vars.c:41)",
			"  int count = 56",
			"exited with status 0",
		}},
		{"reverse-next and reverse-step by source line", `break vars.c:41
continue
reverse-next
print count
reverse-next
print count
reverse-step
next
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $__original_main at 0x? (vars.c:41)",
			"56 2.5 hello 3 -4 200 -1234567890123 0.5 7 hi there",
			"breakpoint 1",
			"$__original_main at 0x? (vars.c:41)",
			"$__original_main at 0x? (vars.c:40)",
			"  int count = 56",
			"$__original_main at 0x? (vars.c:39)",
			"  int count = 42",
			// Line 38 called strcpy: reverse-step goes to the last line
			// it ran (wasi-libc has DWARF), next returns to line 39.
			"$strcpy at 0x? (strcpy.c:6)",
			"$__original_main at 0x? (vars.c:39)",
			"breakpoint 1",
			"$__original_main at 0x? (vars.c:41)",
		}},
		{"break on a function goes past its prologue", `break sum_squares
continue
print n
frame 1
print count`, []string{
			"paused before _start",
			"breakpoint 1 at $sum_squares at 0x? (vars.c:20)",
			"breakpoint 1",
			"$sum_squares at 0x? (vars.c:20)",
			"  int n = 3",
			"#1 $__original_main at 0x? (vars.c:39)",
			"  int count = 42",
		}},
		{"watch a variable", `break vars.c:28
continue
watch count
watch nosuch
print &count
watch 0 0
continue
print count
continue
print count
continue`, []string{
			"paused before _start",
			"breakpoint 1 at $__original_main at 0x? (vars.c:28)",
			"breakpoint 1",
			"$__original_main at 0x? (vars.c:28)",
			"watchpoint 2 on 4 bytes at N",
			`error: no variable "nosuch" in main`,
			`error: no variable "&count" in main`,
			"error: watch: the range is empty",
			// int count = 42;
			"watchpoint 2: $__original_main at 0x? (vars.c:28) (instruction N) wrote 4 bytes at N",
			"$__original_main at 0x? (vars.c:28)",
			"  int count = 42",
			// count += sum_squares(3);
			"watchpoint 2: $__original_main at 0x? (vars.c:39) (instruction N) wrote 4 bytes at N",
			"$__original_main at 0x? (vars.c:40)",
			"  int count = 56",
			"56 2.5 hello 3 -4 200 -1234567890123 0.5 7 hi there",
			"exited with status 0",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkSession(t, wasm, tc.script, tc.want, norm) })
	}
}

// TestDebugSequence: the debugger walks the same steps as run (package
// runner): the start function, then _start, or a reactor's _initialize,
// then the invoked export.
func TestDebugSequence(t *testing.T) {
	const body = `(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (global $g (mut i32) (i32.const 0))
  (func $s (global.set $g (i32.const 1))) (start $s)
  (func (export "get") (result i32) (global.get $g))`
	tests := []struct {
		name   string
		exp    string // the module's other exports
		args   []string
		script string
		want   []string
		status int
	}{
		{"command: the start function, then _start", `(func (export "_start") (call $exit (global.get $g)))`, nil,
			"continue\n", []string{"paused before start function", "exited with status 1"}, 0},
		{"command: step from the start function into _start", `(func (export "_start") (call $exit (global.get $g)))`, nil,
			"finish\n", []string{"paused before start function", "returned; paused before _start"}, 0},
		{"reactor alone: _initialize, then nothing", `(func (export "_initialize") (global.set $g (i32.const 2)))`, nil,
			"continue\n", []string{"paused before start function", "initialized; nothing invoked (use --invoke NAME to call an export)"}, 0},
		{"reactor and invoke: _initialize first", `(func (export "_initialize") (global.set $g (i32.const 2)))`, []string{"--invoke", "get"},
			"continue\n", []string{"paused before start function", "get() returned 2"}, 0},
		{"proc_exit in _initialize ends the run", `(func (export "_initialize") (call $exit (i32.const 6)))`, []string{"--invoke", "get"},
			"continue\ncontinue\n", []string{"paused before start function", "exited with status 6", "error: the program has ended"}, 0},
		{"both kinds refused", `(func (export "_start")) (func (export "_initialize"))`, nil,
			"continue\n", nil, exitLoad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mod := writeTemp(t, "m.wat", "(module "+body+tt.exp+")")
			args := append(append([]string{"debug"}, tt.args...), mod)
			stdout, stderr, status := runCLI(t, tt.script, args...)
			if status != tt.status {
				t.Fatalf("status %d, want %d; stderr %q", status, tt.status, stderr)
			}
			if tt.status != 0 {
				if !strings.Contains(stderr, "exports both _start and _initialize") {
					t.Errorf("stderr %q", stderr)
				}
				return
			}
			got := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, strings.Join(tt.want, "\n"))
			}
		})
	}
}
