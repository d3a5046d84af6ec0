package vm

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	hello := "(module (func (export \"f\") (result i32) i32.const 7))"
	tests := []struct {
		name, data string
		format     Format
		err        string // a substring of the error; "" for success
	}{
		{"ok.wat", hello, Text, ""},
		{"named.wasm", hello, Text, ""}, // WAT under a .wasm name still loads
		{"empty.wasm", "", 0, "empty.wasm: the file is empty"},
		{"short.wasm", "\x00as", 0, "short.wasm: truncated module: 3 bytes"},
		{"pic.wasm", "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 0, "pic.wasm is a PNG image, not a WebAssembly module"},
		{"rand.wasm", "\x01\xfe\xff\x00\x10", 0, "rand.wasm is not a WebAssembly module: it starts with the bytes 01 fe ff 00 10"},
		{"comp.wasm", "\x00asm\x0d\x00\x01\x00", 0, "comp.wasm is a WebAssembly component (layer 1 at offset 0x6), not a core module"},
		{"v2.wasm", "\x00asm\x02\x00\x00\x00", 0, "v2.wasm: unknown binary version 02 00 00 00 at offset 0x4"},
		{"cut.wasm", "\x00asm\x01\x00\x00\x00\x01\x05\x01\x60", 0, "cut.wasm: offset 0x"},
		{"bad.wat", "(module (func i32.add", 0, "bad.wat:1:"},
	}
	for _, tt := range tests {
		m, f, err := Load(tt.name, []byte(tt.data))
		if tt.err == "" {
			if err != nil || m == nil || f != tt.format {
				t.Errorf("Load(%s) = %v, %v, %v; want a %v module", tt.name, m, f, err, tt.format)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Load(%s) error = %v, want it to contain %q", tt.name, err, tt.err)
		}
	}
}
