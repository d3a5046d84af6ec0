package binary

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// The testdata modules were compiled from their .wat files by wabt's
// wat2wasm (bulk_simd.wasm with default features, the others with
// --enable-all); the project never runs wabt itself.

// TestFixtures checks, for each wat2wasm binary: decode then encode gives
// the same bytes, and the decoded module equals the text parser's reading
// of the source (apart from the name section, which wat2wasm leaves out).
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.wasm")
	if err != nil || len(files) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			if e := Encode(m); !bytes.Equal(e, b) {
				t.Errorf("re-encoding gives %d bytes, differing from the %d of wat2wasm", len(e), len(b))
			}
			src, err := os.ReadFile(strings.TrimSuffix(f, ".wasm") + ".wat")
			if err != nil {
				t.Fatal(err)
			}
			tm, err := text.ParseModule(src, f)
			if err != nil {
				t.Fatal(err)
			}
			tm.Names = syntax.Names{}
			if ok, diff := sameModule(expectedAfterEncode(tm), m); !ok {
				t.Errorf("text and binary differ at %s", diff)
			}
		})
	}
}

// TestDecodeDetails checks what the decoder records beyond the structure:
// offsets, names and custom sections.
func TestDecodeDetails(t *testing.T) {
	b, err := os.ReadFile("testdata/mvp.wasm")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want uint32
	}{
		// From wasm-objdump -d -x testdata/mvp.wasm.
		{"import 0 offset", m.Imports[0].Offset, 0x29},
		{"func $fib body offset", m.Funcs[1].BodyOffset, 0xb7},
		{"func $fib first instr", m.Funcs[1].Body[0].Offset, 0xb8},
		{"func $fib end", m.Funcs[1].End, m.Funcs[1].Body[len(m.Funcs[1].Body)-1].Offset + 1},
		{"data init offset", m.Datas[0].InitOffset, 0x13d},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %#x, want %#x", tt.name, tt.got, tt.want)
		}
	}
	// A name section and a custom section survive a round trip in place.
	m.Names.Funcs = map[uint32]string{1: "add", 2: "fib"}
	m.Names.Locals = map[uint32]map[uint32]string{2: {0: "n"}}
	m.Customs = []syntax.Custom{{Name: "producers", Data: []byte{0}, After: secType}}
	if err := roundTrip(m); err != nil {
		t.Fatal(err)
	}
	// A malformed name section is kept verbatim, not fatal.
	bad := append(append([]byte{}, b...), 0x00, 0x07, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x05)
	m2, err := Decode(bad)
	if err != nil {
		t.Fatalf("malformed name section rejected the module: %v", err)
	}
	if len(m2.Customs) != 1 || m2.Customs[0].Name != "name" || m2.Names.Funcs != nil {
		t.Errorf("malformed name section: customs %+v, names %+v", m2.Customs, m2.Names)
	}
}

// TestLazyBodies checks that a module decoded without its bodies gives,
// body by body, what a full decode gives, and fails on the same
// malformed body.
func TestLazyBodies(t *testing.T) {
	for _, f := range []string{"mvp.wasm", "three.wasm", "bulk_simd.wasm"} {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile("testdata/" + f)
			if err != nil {
				t.Fatal(err)
			}
			full, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			lazy, err := DecodeConfig(b, Config{LazyBodies: true})
			if err != nil {
				t.Fatal(err)
			}
			var buf []syntax.Instr
			for i := range lazy.Funcs {
				if lazy.Funcs[i].Body != nil {
					t.Fatalf("func %d: LazyBodies kept the body", i)
				}
				if lazy.Funcs[i].End != full.Funcs[i].End {
					t.Errorf("func %d: End %#x, want %#x", i, lazy.Funcs[i].End, full.Funcs[i].End)
				}
				body, err := DecodeBody(b, lazy, i, Config{}, buf)
				if err != nil {
					t.Fatalf("func %d: %v", i, err)
				}
				if !reflect.DeepEqual(body, full.Funcs[i].Body) {
					t.Errorf("func %d: DecodeBody differs from Decode:\n%v\n%v", i, body, full.Funcs[i].Body)
				}
				buf = body // reused: stale slots must not leak into the next body
			}
		})
	}
	t.Run("malformed body", func(t *testing.T) {
		b, err := os.ReadFile("testdata/mvp.wasm")
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		bad := append([]byte{}, b...)
		bad[m.Funcs[1].Body[0].Offset] = 0xff // not an opcode
		sameBodyError(t, bad, 1)
	})
	t.Run("data.drop without a data count section", func(t *testing.T) {
		b := []byte("\x00asm\x01\x00\x00\x00" +
			"\x01\x04\x01\x60\x00\x00" + // type () -> ()
			"\x03\x02\x01\x00" + // func 0
			"\x05\x03\x01\x00\x01" + // memory 1
			"\x0a\x07\x01\x05\x00\xfc\x09\x00\x0b" + // data.drop 0
			"\x0b\x03\x01\x01\x00") // a passive segment
		sameBodyError(t, b, 0)
	})
	t.Run("body out of range", func(t *testing.T) {
		m := &syntax.Module{Funcs: []syntax.Func{{BodyOffset: 2, End: 40}}}
		if _, err := DecodeBody([]byte("\x00asm"), m, 0, Config{}, nil); err == nil {
			t.Error("DecodeBody past the module's end: no error")
		}
	})
}

// sameBodyError checks that module b, whose function i has a malformed
// body, decodes with LazyBodies and that DecodeBody then fails on the body
// as Decode fails on the module.
func sameBodyError(t *testing.T, b []byte, i int) {
	t.Helper()
	_, full := Decode(b)
	lm, err := DecodeConfig(b, Config{LazyBodies: true})
	if err != nil {
		t.Fatalf("LazyBodies read the malformed body: %v", err)
	}
	_, lazy := DecodeBody(b, lm, i, Config{}, nil)
	if full == nil || lazy == nil || full.Error() != lazy.Error() {
		t.Errorf("Decode says %v, DecodeBody %v: want the same error", full, lazy)
	}
}
