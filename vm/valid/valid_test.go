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
}

func FuzzValidate(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	fixtures, _ := filepath.Glob("../binary/testdata/*.wasm")
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
	files, err := filepath.Glob("../binary/testdata/*.wasm")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in ../binary/testdata")
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
