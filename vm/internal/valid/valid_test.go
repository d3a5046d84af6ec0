package valid

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// fuzzSeeds are small modules, valid and invalid, as binary.
var fuzzSeeds = [][]byte{
	[]byte("\x00asm\x01\x00\x00\x00"),
	// (func (result i32) i32.const 42) exported as "f".
	[]byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00" +
		"\x07\x05\x01\x01f\x00\x00\x0a\x06\x01\x04\x00\x41\x2a\x0b"),
	// (func (result i32) i64.const 0): type mismatch.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00" +
		"\x0a\x06\x01\x04\x00\x42\x00\x0b"),
	// memory, loop with br_if, load with alignment 2, select.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x06\x01\x60\x01\x7f\x01\x7f\x03\x02\x01\x00\x05\x03\x01\x00\x01" +
		"\x0a\x15\x01\x13\x00\x03\x40\x20\x00\x0d\x00\x0b\x20\x00\x28\x02\x00\x41\x01\x20\x00\x1b\x0b"),
	// a rec group of a struct type and a function using struct.new.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x0a\x02\x4e\x01\x5f\x01\x7f\x01\x60\x00\x00\x03\x02\x01\x01" +
		"\x0a\x0a\x01\x08\x00\x41\x01\xfb\x00\x00\x1a\x0b"),
	// Struct and array types, a tag, try_table catching a throw of a
	// struct.get, array.new_default and array.len.
	[]byte("\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x12\x04\x5f\x02\x7f\x01\x78\x00\x5e\x77\x01\x60\x01\x7f\x00" +
		"\x60\x00\x01\x7f\x03\x02\x01\x03\x0d\x03\x01\x00\x02\x0a\x22\x01\x20\x00\x02\x7f\x1f\x40\x01\x00\x00" +
		"\x00\x41\x01\x41\x02\xfb\x00\x00\xfb\x02\x00\x00\x08\x00\x0b\x41\x03\xfb\x07\x01\xfb\x0f\x0b\x0b"),
}

func FuzzValidate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	fixtures, _ := filepath.Glob("../../binary/testdata/*.wasm")
	for _, path := range fixtures {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, wasm2 := range []bool{false, true} {
			m, err := binary.DecodeConfig(b, binary.Config{Wasm2: wasm2})
			if err != nil {
				continue
			}
			if err := ValidateConfig(m, Config{Wasm2: wasm2}); err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error of type %T: %v", err, err)
				}
			}
		}
	})
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		seed int
		want string // "" for valid
	}{
		{0, ""},
		{1, ""},
		{2, "func 0 at offset 0x1a: type mismatch: expected i32, found i64"},
		{3, ""},
		{4, ""},
		{5, ""},
	}
	for _, tt := range tests {
		m, err := binary.Decode(fuzzSeeds[tt.seed])
		if err != nil {
			t.Fatalf("seed %d: %v", tt.seed, err)
		}
		err = Validate(m)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("seed %d: got %q, want %q", tt.seed, got, tt.want)
		}
	}
}

// TestErrorPlace checks that errors name the function (with its name from
// the name section) and the instruction's offset.
func TestErrorPlace(t *testing.T) {
	i32 := []syntax.ValType{syntax.I32}
	m := &syntax.Module{
		Types: []syntax.SubType{{Final: true, Func: syntax.FuncType{Results: i32}, RecSize: 1}},
		Funcs: []syntax.Func{{Body: []syntax.Instr{
			{Op: syntax.OpLocalGet, X: 3, Offset: 0x1a3},
			{Op: syntax.OpEnd, Offset: 0x1a5},
		}}},
		Names: syntax.Names{Funcs: map[uint32]string{0: "fib"}},
	}
	err := Validate(m)
	want := "func 0 ($fib) at offset 0x1a3: unknown local 3"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}

// TestFixtures validates the binary package's wat2wasm-built modules.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("../../binary/testdata/*.wasm")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in ../../binary/testdata")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := binary.Decode(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := Validate(m); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// TestErrorFields checks the place of errors as data: the field, its index
// (imports first), the element item, and the instruction's index and op.
func TestErrorFields(t *testing.T) {
	i32, i64 := syntax.I32, syntax.I64
	voidType := syntax.SubType{Final: true, RecSize: 1}
	i32Type := syntax.SubType{Final: true, Func: syntax.FuncType{Results: []syntax.ValType{i32}}, RecSize: 1}
	end := syntax.Instr{Op: syntax.OpEnd}
	heapFunc := syntax.HeapFunc
	tests := []struct {
		name string
		m    *syntax.Module
		want Error // Where and Msg too
	}{
		{"code", &syntax.Module{
			Types:   []syntax.SubType{voidType, i32Type},
			Imports: []syntax.Import{{Module: "m", Name: "f", Kind: syntax.ExternFunc, Func: 0}},
			Funcs: []syntax.Func{{Type: 1, Body: []syntax.Instr{
				{Op: syntax.OpI32Const}, {Op: syntax.OpI64Const, Offset: 0x20}, {Op: syntax.OpI32Add, Offset: 0x22}, end}}},
		}, Error{Where: "func 1 at offset 0x22", Msg: "type mismatch: expected i32, found i64",
			Field: FieldFunc, Index: 1, Item: -1, Instr: 2, Op: syntax.OpI32Add}},
		{"function end", &syntax.Module{
			Types: []syntax.SubType{i32Type},
			Funcs: []syntax.Func{{Type: 0, Body: []syntax.Instr{{Op: syntax.OpNop}, end}}},
		}, Error{Where: "func 0", Msg: "type mismatch: expected i32, found nothing",
			Field: FieldFunc, Index: 0, Item: -1, Instr: 1, Op: syntax.OpEnd}},
		{"global initializer's implicit end", &syntax.Module{
			Imports: []syntax.Import{{Module: "m", Name: "g", Kind: syntax.ExternGlobal, Global: syntax.GlobalType{Type: i32}}},
			Globals: []syntax.Global{{Type: syntax.GlobalType{Type: i32}, Init: syntax.Expr{{Op: syntax.OpI64Const}}}},
		}, Error{Where: "global 1", Msg: "type mismatch: expected i32, found i64",
			Field: FieldGlobal, Index: 1, Item: -1, Instr: 1, Op: syntax.OpEnd}},
		{"elem item", &syntax.Module{
			Elems: []syntax.Elem{{Mode: syntax.SegPassive, Type: syntax.FuncRef,
				Init: []syntax.Expr{{{Op: syntax.OpRefNull, X: uint32(int32(heapFunc))}}, {{Op: syntax.OpRefFunc, X: 9}}}}},
		}, Error{Where: "elem 0 item 1", Msg: "unknown function 9",
			Field: FieldElem, Index: 0, Item: 1, Instr: 0, Op: syntax.OpRefFunc}},
		{"data offset", &syntax.Module{
			Mems:  []syntax.MemType{{}},
			Datas: []syntax.Data{{Mode: syntax.SegActive, Offset: syntax.Expr{{Op: syntax.OpI64Const}}}},
		}, Error{Where: "data 0 offset", Msg: "type mismatch: expected i32, found i64",
			Field: FieldData, Index: 0, Item: -1, Instr: 1, Op: syntax.OpEnd}},
		{"export", &syntax.Module{
			Types:   []syntax.SubType{voidType},
			Funcs:   []syntax.Func{{Body: []syntax.Instr{end}}},
			Exports: []syntax.Export{{Name: "a", Kind: syntax.ExternFunc}, {Name: "a", Kind: syntax.ExternFunc}},
		}, Error{Where: `export "a"`, Msg: "duplicate export name", Field: FieldExport, Index: 1, Item: -1, Instr: -1}},
		{"start", &syntax.Module{Start: new(uint32)},
			Error{Where: "start", Msg: "unknown function 0", Field: FieldStart, Item: -1, Instr: -1}},
		{"import", &syntax.Module{
			Imports: []syntax.Import{{Module: "m", Name: "t", Kind: syntax.ExternTable,
				Table: syntax.TableType{Elem: i64}}},
		}, Error{Where: `import 0 ("m" "t")`, Msg: "malformed reference type", Field: FieldImport, Item: -1, Instr: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.m)
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("Validate = %v (%T), want an *Error", err, err)
			}
			if *e != tt.want {
				t.Errorf("Validate = %+v\nwant       %+v", *e, tt.want)
			}
		})
	}
}
