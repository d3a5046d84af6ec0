package vm

import (
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		t    syntax.ValType
		text string
		lo   uint64
		err  string // a substring of the error; "" for success
	}{
		{syntax.I32, "3", 3, ""},
		{syntax.I32, "-1", 0xffffffff, ""},
		{syntax.I32, "4294967295", 0xffffffff, ""},
		{syntax.I32, "0x10", 16, ""},
		{syntax.I32, "1_000", 1000, ""},
		{syntax.I32, "4294967296", 0, `"4294967296" is not an i32`},
		{syntax.I32, "-2147483649", 0, "out of range for i32"},
		{syntax.I32, "x", 0, `"x" is not an i32`},
		{syntax.I64, "-0x8000000000000000", 1 << 63, ""},
		{syntax.F32, "1.5", 0x3fc00000, ""},
		{syntax.F32, "-inf", 0xff800000, ""},
		{syntax.F32, "nan", 0x7fc00000, ""},
		{syntax.F32, "-nan:0x1", 0xff800001, ""},
		{syntax.F32, "nan:0x800000", 0, "not a NaN payload"},
		{syntax.F64, "0.1", 0x3fb999999999999a, ""},
		{syntax.F64, "1e400", 0x7ff0000000000000, ""},
		{syntax.F64, "one", 0, `"one" is not an f64`},
		{syntax.FuncRef, "null", 0, ""},
		{syntax.FuncRef, "7", 0, "only null"},
		{syntax.V128, "0", 0, "cannot be given as text"},
	}
	for _, tt := range tests {
		v, err := ParseValue(tt.t, tt.text)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseValue(%s, %q) error = %v, want %q", tt.t, tt.text, err, tt.err)
			}
			continue
		}
		if err != nil || v.Lo != tt.lo || v.Type != tt.t {
			t.Errorf("ParseValue(%s, %q) = %s %#x, %v; want %#x", tt.t, tt.text, v.Type, v.Lo, err, tt.lo)
		}
	}
}
