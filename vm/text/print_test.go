package text

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
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

// withoutPositions copies m (its Start set aside; see startOf) without what the text format cannot carry:
// byte offsets, custom sections, the data count, and the choice between a
// type index and the short form for block types the short forms express.
func withoutPositions(m *syntax.Module) *syntax.Module {
	c := *m
	c.Customs, c.DataCount, c.Start = nil, nil, nil
	expr := func(e syntax.Expr) syntax.Expr {
		if e == nil {
			return nil
		}
		e = append(syntax.Expr{}, e...)
		for i := range e {
			in := &e[i]
			in.Offset = 0
			if bt := in.Block; bt.Kind == syntax.BlockIndex && int(bt.Index) < len(m.Types) {
				if st := m.Types[bt.Index]; st.Kind == syntax.CompFunc && len(st.Func.Params) == 0 {
					switch len(st.Func.Results) {
					case 0:
						in.Block = syntax.BlockType{}
					case 1:
						in.Block = syntax.BlockType{Kind: syntax.BlockValue, Type: st.Func.Results[0]}
					}
				}
			}
		}
		return e
	}
	c.Imports = append([]syntax.Import(nil), m.Imports...)
	for i := range c.Imports {
		c.Imports[i].Offset = 0
	}
	c.Funcs = append([]syntax.Func(nil), m.Funcs...)
	for i := range c.Funcs {
		f := &c.Funcs[i]
		f.Offset, f.BodyOffset, f.End, f.Body = 0, 0, 0, expr(f.Body)
		var ls []syntax.Local // runs as the text gives them: merged, none empty
		for _, l := range f.Locals {
			for k := uint32(0); k < l.Count; k++ {
				ls = addLocal(ls, l.Type)
			}
		}
		f.Locals = ls
	}
	c.Tables = append([]syntax.Table(nil), m.Tables...)
	for i := range c.Tables {
		c.Tables[i].Init = expr(c.Tables[i].Init)
	}
	c.Globals = append([]syntax.Global(nil), m.Globals...)
	for i := range c.Globals {
		c.Globals[i].Init = expr(c.Globals[i].Init)
	}
	c.Elems = append([]syntax.Elem(nil), m.Elems...)
	for i := range c.Elems {
		e := &c.Elems[i]
		e.Offset = expr(e.Offset)
		e.Init = append([]syntax.Expr(nil), e.Init...)
		for j := range e.Init {
			e.Init[j] = expr(e.Init[j])
		}
	}
	c.Datas = append([]syntax.Data(nil), m.Datas...)
	for i := range c.Datas {
		c.Datas[i].InitOffset, c.Datas[i].Offset = 0, expr(c.Datas[i].Offset)
	}
	return &c
}

// TestPrintDecodedRoundTrip prints every binary module of the suites that
// decodes, and parses the text back: the same module must come out.
func TestPrintDecodedRoundTrip(t *testing.T) {
	printed := 0
	for _, v := range []string{"wasm-2.0", "wasm-3.0"} {
		for _, f := range specScripts(t, v) {
			t.Run(v+"/"+strings.TrimSuffix(filepath.Base(f), ".wast"), func(t *testing.T) {
				for _, c := range parseSpecScript(t, f).Commands {
					sm, ok := c.(*ScriptModule)
					if !ok || sm.Source != ModuleBinary {
						continue
					}
					m, err := binary.Decode(sm.Binary)
					if err != nil {
						continue // the suite's own business; the decoder's tests judge it
					}
					printed++
					var b bytes.Buffer
					if err := Print(&b, m); err != nil {
						t.Fatal(err)
					}
					back, err := ParseModule(b.Bytes(), "printed.wat")
					if err != nil {
						t.Errorf("%s: printed module does not parse: %v\n%s", sm.Pos, err, b.String())
						continue
					}
					// Printed with %+v, nil and empty slices and maps agree.
					want := fmt.Sprintf("%+v start=%s", *withoutPositions(m), startOf(m))
					got := fmt.Sprintf("%+v start=%s", *withoutPositions(back), startOf(back))
					if want != got {
						t.Errorf("%s: round trip differs:\n%s\n%s", sm.Pos, firstDiff(withoutPositions(m), withoutPositions(back)), b.String())
					}
				}
			})
		}
	}
	t.Logf("%d decoded modules printed and parsed back", printed)
	if printed < 100 {
		t.Errorf("only %d binary modules of the suites decoded", printed)
	}
}

func startOf(m *syntax.Module) string {
	if m.Start == nil {
		return "none"
	}
	return fmt.Sprint(*m.Start)
}

func TestPrintGolden(t *testing.T) {
	tests := []struct{ src, want string }{
		{`(module $hello
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, World!\n")
  (func $main (export "_start") (local $n i32)
    (i32.store (i32.const 16) (i32.const 0))
    (i32.store (i32.const 20) (i32.const 14))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))`,
			`(module $hello
  (type (func (param i32 i32 i32 i32) (result i32)))
  (type (func))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (type 0) (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (export "memory" (memory 0))
  (export "_start" (func $main))
  (func $main (type 1)
    (local $n i32)
    i32.const 16
    i32.const 0
    i32.store
    i32.const 20
    i32.const 14
    i32.store
    i32.const 1
    i32.const 16
    i32.const 1
    i32.const 24
    call $fd_write
    drop
  )
  (data (i32.const 0) "Hello, World!\n")
)
`},
		{`(rec (type $a (sub (struct (field $x (mut i8))))) (type $b (sub final $a (struct (field $x (mut i8)) (field f64)))))
  (global $g (ref null $b) (ref.null $b))
  (table $t funcref (elem $f $f))
  (func $f (param $p i32) (param i32) (result f32)
    (block $l (br_if $l (local.get 1)) (block $l (br 1)))
    (f32.const 0x1.8p1))`,
			`(module
  (rec
    (type $a (sub (struct (field $x (mut i8)))))
    (type $b (sub final $a (struct (field $x (mut i8)) (field f64))))
  )
  (type (func (param i32 i32) (result f32)))
  (table $t 2 2 funcref)
  (global $g (ref null $b) (ref.null $b))
  (elem (table $t) (i32.const 0) func $f $f)
  (func $f (type 2) (param $p i32) (param i32) (result f32)
    block $l
      local.get 1
      br_if $l
      block $l
        br 1
      end
    end
    f32.const 3
  )
)
`},
	}
	for _, tt := range tests {
		m, err := ParseModule([]byte(tt.src), "g.wat")
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := Print(&b, m); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
		}
	}
}

// TestPrintHugeModules checks that absurd counts in a decoded module print
// in bounded size.
func TestPrintHugeModules(t *testing.T) {
	body := []syntax.Instr{}
	for i := 0; i < 1000; i++ {
		body = append(body, syntax.Instr{Op: syntax.OpBlock})
	}
	for i := 0; i < 1001; i++ {
		body = append(body, syntax.Instr{Op: syntax.OpEnd})
	}
	m := &syntax.Module{
		Types: []syntax.SubType{{Final: true, RecSize: 1}},
		Funcs: []syntax.Func{{Locals: []syntax.Local{{Count: 3, Type: syntax.I32}, {Count: 1 << 31, Type: syntax.I64}}, Body: body}},
	}
	var b bytes.Buffer
	if err := Print(&b, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "(local i32 i32 i32) (; 2147483648 locals of type i64, too many to print ;)") {
		t.Errorf("locals not summarized:\n%.300s", b.String())
	}
	if b.Len() > 2001*(2*maxIndent+32) {
		t.Errorf("printed %d bytes for 2000 instructions", b.Len())
	}
}
