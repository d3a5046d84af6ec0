package wasi

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wasmscope/wasmscope/internal/ptytest"
)

func TestStdioKindOf(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	ctl, term, err := ptytest.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ctl.Close()
	defer term.Close()
	tests := []struct {
		name string
		f    *os.File
		want StdioKind
	}{
		{"pipe read end", r, StdioPipe},
		{"pipe write end", w, StdioPipe},
		{"regular file", file, StdioFile},
		{"character device not a terminal", null, StdioPipe},
		{"terminal", term, StdioTerminal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StdioKindOf(tt.f); got != tt.want {
				t.Errorf("StdioKindOf(%s) = %d, want %d", tt.f.Name(), got, tt.want)
			}
		})
	}
}
