package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// tinyWasm is a small C module with DWARF 4 (see its source, tiny.c).
var tinyWasm = filepath.Join("..", "..", "vm", "debuginfo", "testdata", "tiny4.wasm")

func TestInspectLines(t *testing.T) {
	b, err := os.ReadFile(tinyWasm)
	if err != nil {
		t.Fatal(err)
	}
	info, err := debuginfo.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, status := runCLI(t, "", "inspect", "--lines", tinyWasm)
	if status != 0 {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	rows := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(rows) != len(info.Lines())+1 || !strings.HasPrefix(rows[0], "offset") {
		t.Fatalf("%d lines, want a header and %d rows:\n%s", len(rows), len(info.Lines()), stdout)
	}
	for i, l := range info.Lines() {
		want := fmt.Sprintf("0x%06x 0x%08x %6d %6d  %s  %s", l.Offset, l.Address, l.Line, l.Column, l.File, l.Flags())
		if rows[i+1] != want {
			t.Errorf("row %d: %q, want %q", i, rows[i+1], want)
		}
	}

	t.Run("no DWARF", func(t *testing.T) {
		_, stderr, status := runCLI(t, "", "inspect", "--lines", writeTemp(t, "add.wasm", addWasm))
		if status != 1 || !strings.Contains(stderr, "no DWARF debug information") {
			t.Errorf("status %d, stderr %q", status, stderr)
		}
	})
}

// brokenDWARF returns tiny4.wasm with its first unit's length pointing
// past the end of .debug_info.
func brokenDWARF(t *testing.T) string {
	b, err := os.ReadFile(tinyWasm)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range binary.Sections(b) {
		if s.ID == 0 && s.Name == ".debug_info" {
			d := s.Data(b)
			copy(d, []byte{0xf0, 0xff, 0xff, 0x0f})
		}
	}
	return writeTemp(t, "broken.wasm", string(b))
}

func TestTraceSourceLines(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "vm", "debuginfo", "testdata", "tiny.c"))
	if err != nil {
		t.Fatal(err)
	}
	loop := 0
	for i, l := range strings.Split(string(src), "\n") {
		if strings.Contains(l, "s += twice(table[i]);") {
			loop = i + 1
		}
	}
	tests := []struct {
		name   string
		module string
		want   []string // in the trace
		not    []string
	}{
		{"with DWARF", tinyWasm, []string{fmt.Sprintf("  ; tiny.c:%d\n", loop)}, nil},
		{"broken DWARF runs, and says why it has no lines", brokenDWARF(t), []string{"debug information unreadable"}, []string{"; tiny.c:"}},
		{"without DWARF", writeTemp(t, "add.wasm", addWasm), []string{"i32.add"}, []string{"; ", "debug information"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fn, args := "sum", []string{"3"}
			if strings.HasSuffix(tc.module, "add.wasm") {
				fn, args = "add", []string{"1", "2"}
			}
			stdout, stderr, status := runCLI(t, "", append([]string{"run", "--trace", "--invoke", fn, tc.module}, args...)...)
			if status != 0 || (stdout != "15\n" && stdout != "3\n") {
				t.Fatalf("status %d, stdout %q, stderr:\n%s", status, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("trace lacks %q:\n%s", w, stderr)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(stderr, n) {
					t.Errorf("trace has %q:\n%s", n, stderr)
				}
			}
		})
	}
}

func TestInspectDebugInfo(t *testing.T) {
	tiny5 := filepath.Join("..", "..", "vm", "debuginfo", "testdata", "tiny5.wasm")
	tests := []struct {
		name, module, want string
	}{
		{"DWARF 4", tinyWasm, "\nDWARF: 1 compilation units, 2 functions, "},
		{"DWARF 5 with source", tiny5, "  source embedded for /src/tiny.c\n"},
		{"broken", brokenDWARF(t), "\nDWARF: debug information unreadable: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, "", "inspect", tc.module)
			if status != 0 || !strings.Contains(stdout, tc.want) {
				t.Errorf("status %d, stderr %q, stdout lacks %q:\n%s", status, stderr, tc.want, stdout)
			}
		})
	}
	t.Run("none", func(t *testing.T) {
		stdout, _, _ := runCLI(t, "", "inspect", writeTemp(t, "add.wasm", addWasm))
		if strings.Contains(stdout, "DWARF") {
			t.Errorf("a module without DWARF:\n%s", stdout)
		}
	})
}

// trapC traps in a function inlined into walk, called from main.
const trapC = `#include <stdio.h>
static inline int check(int v) {
  if (v > 2)
    __builtin_trap();
  return v;
}
__attribute__((noinline)) int walk(int n) {
  int s = 0;
  for (int i = 0; i < n; i++)
    s += check(i);
  return s;
}
int main(void) {
  printf("%d\n", walk(5));
  return 0;
}
`

func TestTrapSourceStack(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	src := writeTemp(t, "trap.c", trapC)
	tests := []struct {
		name  string
		flags []string
		want  []string // consecutive lines of the source stack, without columns
	}{
		{"-O2, inlined", []string{"-g", "-O2"}, []string{"source:", "  check at trap.c:4:", "  walk at trap.c:10:", "  main at trap.c:14:"}},
		{"-O0", []string{"-g", "-O0"}, []string{"source:", "  check at trap.c:4:", "  walk at trap.c:10:", "  main at trap.c:14:"}},
		// wasi-libc carries DWARF of its own: only the program's frames lack source.
		{"without -g", []string{"-O2"}, []string{"source:", "  $walk (no source)", "  $__original_main (no source)", "  _start at crt1-command.c:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wasm := toolchain.C(t, src, tc.flags...)
			_, stderr, status := runCLI(t, "", "run", wasm)
			if status != exitTrap || !strings.HasPrefix(stderr, "trap: unreachable\n") {
				t.Fatalf("status %d, stderr:\n%s", status, stderr)
			}
			_, stack, _ := strings.Cut(stderr, "source:\n")
			lines := strings.Split("source:\n"+stack, "\n")
			for i, w := range tc.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d of the source stack: want %q:\n%s", i, w, stderr)
					break
				}
			}
		})
	}
}
