package playground

import (
	"bytes"
	"crypto/rand"
	"strings"
	"testing"
)

func TestShareRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		f    Format
		src  []byte
	}{
		{"hello.wat", Text, []byte("(module (func (export \"_start\")))")},
		{"add.wasm", Binary, addWasm},
		{"a name with spaces & signs.wat", Text, []byte("(module)")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frag, err := EncodeShare(tt.name, tt.f, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			name, data, err := DecodeShare(frag)
			if err != nil || name != tt.name || !bytes.Equal(data, tt.src) {
				t.Errorf("DecodeShare = %q, %q, %v", name, data, err)
			}
		})
	}
}

func TestShareErrors(t *testing.T) {
	big := make([]byte, 64<<10)
	rand.Read(big) // random bytes do not compress
	if _, err := EncodeShare("big.wasm", Binary, big); err == nil || !strings.Contains(err.Error(), "too large to share") {
		t.Errorf("a 64 KiB random module: %v", err)
	}
	tests := []struct {
		frag, want string
	}{
		{"wat=!!!", "not valid base64"},
		{"wasm=AAAA", "does not decompress"},
		{"%zz", "share link"},
	}
	for _, tt := range tests {
		if _, _, err := DecodeShare(tt.frag); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeShare(%q) = %v, want %q", tt.frag, err, tt.want)
		}
	}
	if name, data, err := DecodeShare("other=1"); name != "" || data != nil || err != nil {
		t.Errorf("a fragment without a program: %q %q %v", name, data, err)
	}
}
