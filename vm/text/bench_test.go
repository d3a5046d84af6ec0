package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
)

func benchmarkScript(b *testing.B, version, name string) {
	src, err := os.ReadFile(filepath.Join(spectest.Dir(b, version), name))
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

// bigModule is a module of 2,000 functions of 30 instructions each, plain
// and folded.
var bigModule = func() []byte {
	var b strings.Builder
	b.WriteString("(module (memory 1)\n")
	for i := 0; i < 2000; i++ {
		b.WriteString("(func (param i32) (result i32)\n")
		for j := 0; j < 5; j++ {
			b.WriteString("  (i32.store (local.get 0) (i32.add (local.get 0) (i32.const 7)))\n  local.get 0\n  i32.load\n  drop\n")
		}
		b.WriteString("  local.get 0)\n")
	}
	b.WriteString(")")
	return []byte(b.String())
}()

// BenchmarkParseModule and BenchmarkParseModuleWithPositions measure what
// recording positions costs.
func BenchmarkParseModule(b *testing.B) {
	b.SetBytes(int64(len(bigModule)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseModule(bigModule, "big.wat"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseModuleWithPositions(b *testing.B) {
	b.SetBytes(int64(len(bigModule)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseModuleWithPositions(bigModule, "big.wat", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
