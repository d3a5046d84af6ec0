package debuginfo_test

import (
	"os"
	"testing"

	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// BenchmarkRead reads the DWARF of programs as users build them: C with
// wasi-libc, and Rust with its standard library (a few MB of DWARF).
func BenchmarkRead(b *testing.B) {
	for _, p := range []struct {
		name  string
		build func(t testing.TB) string
	}{
		{"C -O0", func(t testing.TB) string { return varsC(t, "-g", "-O0") }},
		{"Rust -g", func(t testing.TB) string { return progRust(t) }},
	} {
		b.Run(p.name, func(b *testing.B) {
			m, err := os.ReadFile(p.build(b))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(m)))
			for b.Loop() {
				if _, err := debuginfo.Read(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWhere is the cost a trace pays per instruction line.
func BenchmarkWhere(b *testing.B) {
	_, info := readModule(b, "testdata/tiny5.wasm")
	lines := info.Lines()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		info.Where(lines[i%len(lines)].Offset)
	}
}
