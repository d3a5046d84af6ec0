package text

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// textModules returns the text-form modules of a script, standing alone or
// in assertions.
func textModules(s *Script) []*ScriptModule {
	var out []*ScriptModule
	for _, c := range s.Commands {
		var m *ScriptModule
		switch c := c.(type) {
		case *ScriptModule:
			m = c
		case *AssertModule:
			m = c.Module
		case *AssertTrap:
			m = c.Module
		}
		if m != nil && m.Source == ModuleText {
			out = append(out, m)
		}
	}
	return out
}

// TestPrintRoundTrip prints every text module of the suites and parses the
// text back: the module must come out the same.
func TestPrintRoundTrip(t *testing.T) {
	for _, v := range []string{"wasm-2.0", "wasm-3.0"} {
		for _, f := range specScripts(t, v) {
			t.Run(v+"/"+strings.TrimSuffix(filepath.Base(f), ".wast"), func(t *testing.T) {
				for _, sm := range textModules(parseSpecScript(t, f)) {
					var b bytes.Buffer
					if err := Print(&b, sm.Text); err != nil {
						t.Fatal(err)
					}
					back, err := ParseModule(b.Bytes(), "printed.wat")
					if err != nil {
						t.Errorf("%s: printed module does not parse: %v\n%s", sm.Pos, err, b.String())
						continue
					}
					if !reflect.DeepEqual(sm.Text, back) {
						t.Errorf("%s: round trip differs:\n%s", sm.Pos, firstDiff(sm.Text, back))
					}
				}
			})
		}
	}
}

// firstDiff shows where two modules' printed structures part.
func firstDiff(a, b *syntax.Module) string {
	x, y := fmt.Sprintf("%+v", *a), fmt.Sprintf("%+v", *b)
	i := 0
	for i < len(x) && i < len(y) && x[i] == y[i] {
		i++
	}
	lo := max(i-100, 0)
	return fmt.Sprintf(" want ...%.250s\n  got ...%.250s", x[lo:], y[lo:])
}

func TestFormatInstr(t *testing.T) {
	m, err := ParseModule([]byte(`(module
		(memory $mem 1) (memory $other 1)
		(global $g (mut i32) (i32.const 0))
		(type $sig (func (param i32) (result i32)))
		(table $tab 1 funcref)
		(func $fib (param $n i32) (result i32) (local $tmp i64)
			local.get $n
			call $fib
			i32.load offset=4 align=2
			i64.load
			i32.load $other offset=8
			global.set $g
			f32.const -0x1p-1
			f64.const nan:0x4
			v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
			call_indirect $tab (type $sig)
			select (result i32)
			ref.null func
			memory.copy $mem $other
			i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
			i32.const -1
			br_table 0 1)
	)`), "f.wat")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"local.get $n",
		"call $fib",
		"i32.load offset=4 align=2",
		"i64.load",
		"i32.load $other offset=8",
		"global.set $g",
		"f32.const -0.5",
		"f64.const nan:0x4",
		"v128.const i32x4 0x04030201 0x08070605 0x0c0b0a09 0x100f0e0d",
		"call_indirect (type $sig) (param i32) (result i32)",
		"select (result i32)",
		"ref.null func",
		"memory.copy $mem $other",
		"i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
		"i32.const -1",
		"br_table 0 1",
	}
	f := NewFormatter(m)
	body := m.Funcs[0].Body
	for i, w := range want {
		if got := f.Instr(0, &body[i]); got != w {
			t.Errorf("instr %d: got %q, want %q", i, got, w)
		}
	}
	if got := FormatInstr(m, 0, &body[2]); got != "i32.load offset=4 align=2" {
		t.Errorf("FormatInstr: got %q", got)
	}
}

// TestPrintFuncOffsets checks that instruction lines carry their offsets
// and function index, as the page needs to highlight the current one.
func TestPrintFuncOffsets(t *testing.T) {
	m, err := ParseModule([]byte(`(func $f (param $x i32) (result i32)
		(block $b (result i32) (br $b (local.get $x))))`), "f.wat")
	if err != nil {
		t.Fatal(err)
	}
	for i := range m.Funcs[0].Body {
		m.Funcs[0].Body[i].Offset = uint32(100 + i)
	}
	lines, err := PrintFunc(m, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{Text: "(func $f (type 0) (param $x i32) (result i32)", Func: 0},
		{Text: "  block $b (result i32)", Func: 0, Offset: 100, Instr: true},
		{Text: "    local.get $x", Func: 0, Offset: 101, Instr: true},
		{Text: "    br $b", Func: 0, Offset: 102, Instr: true},
		{Text: "  end", Func: 0, Offset: 103, Instr: true},
		{Text: ")", Func: 0, Offset: 104, Instr: true},
	}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("got\n%#v\nwant\n%#v", lines, want)
	}
	if _, err := PrintFunc(m, 5); err == nil {
		t.Error("PrintFunc of a missing function: no error")
	}
}
