package binary

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// fuzzSeeds are small valid and broken modules; the fuzzer mutates them.
var fuzzSeeds = [][]byte{
	[]byte("\x00asm\x01\x00\x00\x00"),
	[]byte("\x00asm\x01\x00\x00"),
	// (func (result i32) i32.const 42) exported as "f", with a name section.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x05\x01\x60\x00\x01\x7f\x03\x02\x01\x00" +
		"\x07\x05\x01\x01f\x00\x00\x0a\x06\x01\x04\x00\x41\x2a\x0b" +
		"\x00\x0b\x04name\x01\x04\x01\x00\x01f"),
	// memory, data segment, load/store, block/loop/br_table, v128.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x05\x03\x01\x00\x01" +
		"\x0a\x23\x01\x21\x01\x01\x7f\x02\x40\x03\x40\x20\x00\x0e\x01\x00\x01\x0b\x0b" +
		"\x41\x00\x28\x02\x00\x1a\xfd\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x1a\x0b" +
		"\x0b\x07\x01\x00\x41\x00\x0b\x01\x61"),
	// table, elements in several encodings, rec group of GC types.
	[]byte("\x00asm\x01\x00\x00\x00\x01\x0c\x02\x60\x00\x00\x4e\x01\x5f\x01\x7f\x01\x03\x02\x01\x00\x04\x04\x01\x70\x00\x02" +
		"\x09\x0f\x03\x00\x41\x00\x0b\x01\x00\x01\x00\x01\x00\x05\x70\x01\xd2\x00\x0b\x0a\x04\x01\x02\x00\x0b"),
}

// hasNameCustom reports a second (or malformed) name section kept as a
// custom section: re-encoding puts the parsed names last, after it, so the
// two would swap roles on decoding again.
func hasNameCustom(m *syntax.Module) bool {
	for _, c := range m.Customs {
		if c.Name == "name" {
			return true
		}
	}
	return false
}

func FuzzDecode(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, wasm2 := range []bool{false, true} {
			m, err := DecodeConfig(b, Config{Wasm2: wasm2})
			if err != nil {
				if _, ok := err.(*Error); !ok {
					t.Fatalf("error of type %T: %v", err, err)
				}
				continue
			}
			if m == nil {
				t.Fatal("nil module without error")
			}
			if !wasm2 && !hasNameCustom(m) {
				// What decodes must re-encode to the same module.
				if err := roundTrip(m); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
