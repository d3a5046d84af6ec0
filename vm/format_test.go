package vm

import "testing"

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		bits uint64
		is64 bool
		want string
	}{
		{0x3f800000, false, "1"},
		{0x7fc00000, false, "nan"},
		{0x7f800001, false, "nan:0x1"},
		{0xff800000, false, "-inf"},
		{0x3fb999999999999a, true, "0.1"},
		{0xfff8000000000000, true, "-nan"},
	}
	for _, tt := range tests {
		var got string
		if tt.is64 {
			got = FormatF64(tt.bits)
		} else {
			got = FormatF32(uint32(tt.bits))
		}
		if got != tt.want {
			t.Errorf("%#x: %q, want %q", tt.bits, got, tt.want)
		}
	}
}
