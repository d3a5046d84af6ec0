package text

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string // file:line:col: message prefix
	}{
		{"(module\n  (func\n    i32.const 1\n    (i32.add\n", "hello.wat:5:1: unexpected end of input: missing ')'"},
		{"(module (func (local.get $x)))", "hello.wat:1:26: unknown local $x"},
		{"(module\n (func\n    i32.const 1 i32.bogus))", "hello.wat:3:17: unknown operator i32.bogus"},
		{"(func (i32.const 4294967296))", "hello.wat:1:18: i32 constant out of range"},
		{"(func (i64.const -9223372036854775809))", "hello.wat:1:18: i64 constant out of range"},
		{"(func (f32.const 1e39))", "hello.wat:1:18: f32 constant out of range"},
		{"(func (f32.const nan:0x800000))", "hello.wat:1:18: f32 constant out of range"},
		{"(import \"\xff\" \"f\" (func))", "hello.wat:1:10: malformed UTF-8 encoding"},
		{"(func block $a end $b)", "hello.wat:1:20: mismatching label"},
		{"(func $f) (func $f)", "hello.wat:1:17: duplicate func $f"},
		{"(func (br $nowhere))", "hello.wat:1:11: unknown label $nowhere"},
		{"(func (call $g))", "hello.wat:1:13: unknown function $g"},
		{"(type (func)) (func (type 0) (param i32))", "hello.wat:1:21: inline function type"},
		{"(func) (import \"m\" \"f\" (func))", "hello.wat:1:9: import after function"},
		{"(func \"a\x01\")", "hello.wat:1:9: illegal control character in string"},
		{"(func \"abc", "hello.wat:1:7: unclosed string"},
		{"(func (; never closed", "hello.wat:1:7: unclosed comment"},
		{"(func (i32.load align=3 (i32.const 0)))", "hello.wat:1:17: alignment must be a power of two"},
		{"(func (v128.const i32x4 1 2 3))", "hello.wat:1:19: wrong number of lane literals"},
		{"(memory 1) (func (i8x16.extract_lane_s 256 (v128.const i64x2 0 0)))", "hello.wat:1:40: malformed lane index"},
		{"(func (local $x i32) (local $x i32))", "hello.wat:1:29: duplicate local $x"},
		{"(func $)", "hello.wat:1:7: empty identifier"},
		{"(func (nop) é)", "hello.wat:1:13: illegal character U+00E9 'é'"},
		{"\uFEFF(func)", "hello.wat:1:1: illegal character U+FEFF (a byte-order mark: save the file as UTF-8 without one)"},
		{"(func) (start 0) (start 0)", "hello.wat:1:18: multiple start sections"},
		{"(func " + strings.Repeat("(block ", maxNesting+1) + strings.Repeat(")", maxNesting+2), fmt.Sprintf("hello.wat:1:%d: instructions nested more than %d deep", len("(func ")+len("(block ")*maxNesting+1, maxNesting)},
		{"(func " + strings.Repeat("block ", maxNesting+1) + strings.Repeat("end ", maxNesting+1) + ")", fmt.Sprintf("hello.wat:1:%d: instructions nested more than %d deep", len("(func ")+len("block ")*maxNesting+1, maxNesting)},
	}
	for _, tt := range tests {
		_, err := ParseModule([]byte(tt.src), "hello.wat")
		if err == nil {
			t.Errorf("%q: parsed", tt.src)
			continue
		}
		var te *Error
		if !errors.As(err, &te) {
			t.Errorf("%q: error %T is not a *text.Error", tt.src, err)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %s...", tt.src, err, tt.want)
		}
	}
}

func TestLineComments(t *testing.T) {
	for _, nl := range []string{"\n", "\r", "\r\n"} {
		m, err := ParseModule([]byte("(func ;; comment"+nl+"nop)"), "c.wat")
		if err != nil {
			t.Errorf("%q: %v", nl, err)
			continue
		}
		if n := len(m.Funcs[0].Body); n != 2 {
			t.Errorf("%q: %d instructions, want nop and end", nl, n)
		}
	}
}

func TestParseModuleStructure(t *testing.T) {
	m, err := ParseModule([]byte(`(module $hello
		(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
		(memory (export "memory") 1)
		(data (i32.const 0) "Hello, World!\n")
		(func $main (export "_start") (local $n i32)
			(i32.store (i32.const 16) (i32.const 0))
			(i32.store (i32.const 20) (i32.const 14))
			(drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
	)`), "hello.wat")
	if err != nil {
		t.Fatal(err)
	}
	fdWrite := syntax.FuncType{Params: []syntax.ValType{syntax.I32, syntax.I32, syntax.I32, syntax.I32}, Results: []syntax.ValType{syntax.I32}}
	if len(m.Types) != 2 || !m.Types[0].Func.Equal(fdWrite) || !m.Types[1].Func.Equal(syntax.FuncType{}) {
		t.Errorf("types: %+v", m.Types)
	}
	if len(m.Imports) != 1 || m.Imports[0].Name != "fd_write" || m.Imports[0].Func != 0 {
		t.Errorf("imports: %+v", m.Imports)
	}
	wantExports := []syntax.Export{{Name: "memory", Kind: syntax.ExternMemory}, {Name: "_start", Kind: syntax.ExternFunc, Index: 1}}
	if !reflect.DeepEqual(m.Exports, wantExports) {
		t.Errorf("exports: %+v", m.Exports)
	}
	if len(m.Datas) != 1 || string(m.Datas[0].Init) != "Hello, World!\n" {
		t.Errorf("data: %+v", m.Datas)
	}
	if m.Names.Module != "hello" || m.Names.Funcs[0] != "fd_write" || m.Names.Funcs[1] != "main" || m.Names.Locals[1][0] != "n" {
		t.Errorf("names: %+v", m.Names)
	}
	body := m.Funcs[0].Body
	ops := make([]syntax.Op, len(body))
	for i := range body {
		ops[i] = body[i].Op
	}
	wantOps := []syntax.Op{syntax.OpI32Const, syntax.OpI32Const, syntax.OpI32Store, syntax.OpI32Const, syntax.OpI32Const, syntax.OpI32Store,
		syntax.OpI32Const, syntax.OpI32Const, syntax.OpI32Const, syntax.OpI32Const, syntax.OpCall, syntax.OpDrop, syntax.OpEnd}
	if !reflect.DeepEqual(ops, wantOps) {
		t.Errorf("body ops: %v", ops)
	}
	if body[2].X != 2 || body[10].X != 0 {
		t.Errorf("store alignment %d, call target %d", body[2].X, body[10].X)
	}
}

func TestNumbers(t *testing.T) {
	ints := []struct {
		s    string
		bits int
		want uint64
		err  error
	}{
		{"0", 32, 0, nil},
		{"-1", 32, 0xFFFFFFFF, nil},
		{"+42", 32, 42, nil},
		{"0xFFFF_FFFF", 32, 0xFFFFFFFF, nil},
		{"-0x8000_0000", 32, 0x80000000, nil},
		{"-0x8000_0001", 32, 0, errNumRange},
		{"4294967296", 32, 0, errNumRange},
		{"18446744073709551615", 64, math.MaxUint64, nil},
		{"1__0", 32, 0, errNumSyntax},
		{"_1", 32, 0, errNumSyntax},
		{"0x", 32, 0, errNumSyntax},
		{"1.0", 32, 0, errNumSyntax},
	}
	for _, tt := range ints {
		got, err := parseInt(tt.s, tt.bits)
		if got != tt.want || err != tt.err {
			t.Errorf("parseInt(%q, %d) = %#x, %v; want %#x, %v", tt.s, tt.bits, got, err, tt.want, tt.err)
		}
	}
	floats := []struct {
		s    string
		bits int
		want uint64
		err  error
	}{
		{"1", 32, 0x3F800000, nil},
		{"-0", 32, 0x80000000, nil},
		{"0x1p-149", 32, 1, nil},
		{"0x1.fffffep127", 32, 0x7F7FFFFF, nil},
		{"0x1.ffffffp127", 32, 0, errNumRange},
		{"inf", 64, 0x7FF0000000000000, nil},
		{"-nan", 64, 0xFFF8000000000000, nil},
		{"nan:0x1", 32, 0x7F800001, nil},
		{"nan:0x0", 32, 0, errNumRange},
		{"+0x1.8p1", 64, math.Float64bits(3), nil},
		{"1_000.5e-1_0", 64, math.Float64bits(1000.5e-10), nil},
		{"0x1.", 64, math.Float64bits(1), nil},
		{"1.e2", 64, math.Float64bits(100), nil},
		{"+0x1.00000100000000001p-50", 32, uint64(math.Float32bits(0x1.000002p-50)), nil},
		{"1e", 64, 0, errNumSyntax},
		{".5", 64, 0, errNumSyntax},
		{"infinity", 64, 0, errNumSyntax},
		{"1_", 64, 0, errNumSyntax},
	}
	for _, tt := range floats {
		got, err := parseFloat(tt.s, tt.bits)
		if got != tt.want || err != tt.err {
			t.Errorf("parseFloat(%q, %d) = %#x, %v; want %#x, %v", tt.s, tt.bits, got, err, tt.want, tt.err)
		}
	}
}

func TestParseScriptCommands(t *testing.T) {
	src := `(module $M (func (export "f") (param i32) (result i32) (local.get 0)))
(register "reg" $M)
(assert_return (invoke $M "f" (i32.const -1)) (i32.const 0xffffffff))
(assert_return (invoke "g" (f64.const 1.5) (ref.null extern) (ref.extern 7))
  (f32.const nan:canonical) (either (i64.const 1) (ref.func)) (ref.null))
(assert_return (invoke "v") (v128.const f32x4 nan:arithmetic 1 -0 2) (v128.const i16x8 1 2 3 4 5 6 7 -1))
(assert_trap (invoke "t") "unreachable")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_exhaustion (invoke "r") "call stack exhausted")
(assert_malformed (module quote "(func" ")") "unexpected end")
(assert_invalid (module binary "\00asm" "\01\00\00\00") "type mismatch")
(module definition $D (memory 1))
(module instance $I $D)
(get $I "g")
(assert_exception (invoke "throw"))
`
	s, err := ParseScript([]byte(src), "s.wast")
	if err != nil {
		t.Fatal(err)
	}
	f32Lanes := []Lane{{Kind: ResultNaNArithmetic}, {Bits: 0x3F800000}, {Bits: 0x80000000}, {Bits: 0x40000000}}
	lo, hi := packLanes([]uint64{1, 2, 3, 4, 5, 6, 7, 0xFFFF}, 16)
	mod := s.Commands[0].(*ScriptModule)
	if mod.Name != "M" || mod.Source != ModuleText || mod.Text == nil || mod.Line != 1 {
		t.Errorf("module: %+v", mod)
	}
	want := []Command{
		mod,
		&Register{Pos: Pos{"s.wast", 2, 1}, As: "reg", Module: "M"},
		&AssertReturn{Pos: Pos{"s.wast", 3, 1},
			Action:  &Action{Pos: Pos{"s.wast", 3, 16}, Module: "M", Name: "f", Args: []Value{{Type: syntax.I32, Lo: 0xFFFFFFFF}}},
			Results: []Result{{Value: Value{Type: syntax.I32, Lo: 0xFFFFFFFF}}}},
		&AssertReturn{Pos: Pos{"s.wast", 4, 1},
			Action: &Action{Pos: Pos{"s.wast", 4, 16}, Name: "g", Args: []Value{
				{Type: syntax.F64, Lo: math.Float64bits(1.5)},
				{Type: syntax.ExternRef, Ref: RefNull},
				{Type: syntax.RefType(false, syntax.HeapExtern), Ref: RefExtern, Lo: 7}}},
			Results: []Result{
				{Kind: ResultNaNCanonical, Value: Value{Type: syntax.F32}},
				{Kind: ResultEither, Either: []Result{
					{Value: Value{Type: syntax.I64, Lo: 1}},
					{Kind: ResultRef, Value: Value{Type: syntax.RefType(false, syntax.HeapAny), Ref: RefFunc}}}},
				{Kind: ResultRef, Value: Value{Type: syntax.RefType(true, syntax.HeapAny), Ref: RefNull}}}},
		&AssertReturn{Pos: Pos{"s.wast", 6, 1},
			Action: &Action{Pos: Pos{"s.wast", 6, 16}, Name: "v"},
			Results: []Result{
				{Kind: ResultLanes, Value: Value{Type: syntax.V128, Lo: 0x3F80000000000000, Hi: 0x4000000080000000}, Shape: F32x4, Lanes: f32Lanes},
				{Value: Value{Type: syntax.V128, Lo: lo, Hi: hi}}}},
		&AssertTrap{Pos: Pos{"s.wast", 7, 1}, Action: &Action{Pos: Pos{"s.wast", 7, 14}, Name: "t"}, Message: "unreachable"},
		s.Commands[6],
		&AssertExhaustion{Pos: Pos{"s.wast", 9, 1}, Action: &Action{Pos: Pos{"s.wast", 9, 20}, Name: "r"}, Message: "call stack exhausted"},
		&AssertModule{Pos: Pos{"s.wast", 10, 1}, Kind: AssertMalformed,
			Module: &ScriptModule{Pos: Pos{"s.wast", 10, 19}, Source: ModuleQuote, Quote: "(func)"}, Message: "unexpected end"},
		&AssertModule{Pos: Pos{"s.wast", 11, 1}, Kind: AssertInvalid,
			Module: &ScriptModule{Pos: Pos{"s.wast", 11, 17}, Source: ModuleBinary, Binary: []byte("\x00asm\x01\x00\x00\x00")}, Message: "type mismatch"},
		s.Commands[10],
		&Instance{Pos: Pos{"s.wast", 13, 1}, Name: "I", Module: "D"},
		&Action{Pos: Pos{"s.wast", 14, 1}, Kind: ActionGet, Module: "I", Name: "g"},
		&AssertException{Pos: Pos{"s.wast", 15, 1}, Action: &Action{Pos: Pos{"s.wast", 15, 19}, Name: "throw"}},
	}
	if len(s.Commands) != len(want) {
		t.Fatalf("%d commands, want %d", len(s.Commands), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(s.Commands[i], want[i]) {
			t.Errorf("command %d:\n got %#v\nwant %#v", i, s.Commands[i], want[i])
		}
	}
	if tr := s.Commands[6].(*AssertTrap); tr.Module == nil || tr.Module.Text.Start == nil || tr.Action != nil {
		t.Errorf("assert_trap module: %+v", tr)
	}
	if d := s.Commands[10].(*ScriptModule); !d.Definition || d.Name != "D" || len(d.Text.Mems) != 1 {
		t.Errorf("module definition: %+v", d)
	}
}

func TestParseScriptErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`(assert_return (invoke "f" (i32.const 1.5)))`, "s.wast:1:39: unexpected token"},
		{`(assert_return (call "f"))`, "s.wast:1:17: unexpected token"},
		{`(invoke "f" (f32.const nan:canonical))`, "s.wast:1:24: unexpected token"},
		{`(module (func (local.get $x)))`, "s.wast:1:26: unknown local $x"},
		{`(bogus)`, "s.wast:1:2: unknown operator bogus"},
		{`(assert_trap (invoke "f"))`, "s.wast:1:26: unexpected token: expected a string"},
	}
	for _, tt := range tests {
		_, err := ParseScript([]byte(tt.src), "s.wast")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant %s...", tt.src, err, tt.want)
		}
	}
}

// TestWasm2Ranges checks the one place the editions' grammars differ.
func TestWasm2Ranges(t *testing.T) {
	for _, src := range []string{
		"(memory 0x1_0000_0000)",
		"(table 0 0x1_0000_0000 funcref)",
		"(memory 1) (func (drop (i32.load offset=4294967296 (i32.const 0))))",
	} {
		if _, err := ParseModule([]byte(src), "m.wat"); err != nil {
			t.Errorf("%s: Wasm 3.0 reading: %v", src, err)
		}
		_, err := ParseModuleWith([]byte(src), "m.wat", Options{Wasm2: true})
		if err == nil || !strings.Contains(err.Error(), "i32 constant out of range") {
			t.Errorf("%s: Wasm 2.0 reading: %v", src, err)
		}
	}
	if _, err := ParseModuleWith([]byte("(memory i64 0x1_0000_0000)"), "m.wat", Options{Wasm2: true}); err != nil {
		t.Errorf("64-bit memory limits: %v", err)
	}
}
