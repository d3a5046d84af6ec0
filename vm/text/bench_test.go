package text

import (
	"os"
	"path/filepath"
	"testing"
)

func benchmarkScript(b *testing.B, version, name string) {
	src, err := os.ReadFile(filepath.Join(specDir(b), version, name))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseScript(src, name); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSimdConst parses simd_const.wast, the suite's script with
// the most literals per byte.
func BenchmarkParseSimdConst(b *testing.B) { benchmarkScript(b, "wasm-2.0", "simd_const.wast") }

// BenchmarkParseLargest parses the suite's largest script (1.4 MB).
func BenchmarkParseLargest(b *testing.B) {
	benchmarkScript(b, "wasm-3.0", "simd_f32x4_pmin_pmax.wast")
}
