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

func TestLinkRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		s    Shared
	}{
		{"program and configuration", Shared{
			Name: "echo.wat", Format: Text, Source: []byte("(module)"),
			Args: `one "two words"`, Env: "A=1\nB=2", Stdin: "abc\n", StdinEOF: true,
			Breakpoints: "fib, 3", NoTrace: true,
			Files: []File{{Path: "/data/in.txt", Data: []byte("x y z")}, {Path: "/empty", Data: []byte{}}},
		}},
		{"built-in example by name", Shared{Name: "cio.wasm", Example: "cio.wasm", Format: Text, Args: "a"}},
		{"binary without configuration", Shared{Name: "add.wasm", Format: Binary, Source: addWasm}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frag, err := EncodeLink(tt.s)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeLink(frag)
			if err != nil {
				t.Fatal(err)
			}
			if tt.s.Example != "" && strings.Contains(frag, "wat=") {
				t.Errorf("an example's link carries its program: %s", frag)
			}
			if got.Name != tt.s.Name || !bytes.Equal(got.Source, tt.s.Source) || got.Example != tt.s.Example ||
				got.Args != tt.s.Args || got.Env != tt.s.Env || got.Stdin != tt.s.Stdin || got.StdinEOF != tt.s.StdinEOF ||
				got.Breakpoints != tt.s.Breakpoints || got.NoTrace != tt.s.NoTrace || len(got.Files) != len(tt.s.Files) {
				t.Fatalf("DecodeLink(EncodeLink(%+v)) = %+v", tt.s, got)
			}
			for i, f := range got.Files {
				if f.Path != tt.s.Files[i].Path || !bytes.Equal(f.Data, tt.s.Files[i].Data) {
					t.Errorf("file %d = %q %q, want %q %q", i, f.Path, f.Data, tt.s.Files[i].Path, tt.s.Files[i].Data)
				}
			}
		})
	}
}

func TestLinkErrors(t *testing.T) {
	tests := []struct {
		frag, want string
	}{
		{"example=a.wat&file=nocolon", "has no contents"},
		{"example=a.wat&file=/a:!!!", "file /a is not valid base64"},
	}
	for _, tt := range tests {
		if _, err := DecodeLink(tt.frag); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("DecodeLink(%q) = %v, want %q", tt.frag, err, tt.want)
		}
	}
	big := make([]byte, 32<<10)
	rand.Read(big)
	_, err := EncodeLink(Shared{Name: "a.wat", Format: Text, Source: []byte("(module)"), Files: []File{{Path: "/big", Data: big}}})
	if err == nil || !strings.Contains(err.Error(), "a.wat with its files is too large") {
		t.Errorf("a link with a 32 KiB random file: %v", err)
	}
}

func TestLinkOrder(t *testing.T) {
	frag, err := EncodeLink(Shared{Name: "a.wat", Format: Text, Source: []byte("(module)"), Args: "x"})
	if err != nil {
		t.Fatal(err)
	}
	// Older links and readers expect the program first.
	if !strings.HasPrefix(frag, "wat=") || !strings.Contains(frag, "&name=a.wat&args=x") {
		t.Errorf("EncodeLink = %q, want wat=…&name=a.wat&args=x", frag)
	}
}
