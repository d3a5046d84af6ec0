package dispatch

import "testing"

var variants = []struct {
	name string
	ops  opcodes
	run  func([]inst, []uint64) uint64
}{
	{"switch", spreadOps, runSwitch},
	{"twolevel", packedOps, runTwoLevel},
	{"ifchain", packedOps, runIfChain},
	{"table", packedOps, runTable},
}

// TestVariantsAgree checks that every variant computes what the program
// means, so the benchmarks compare equal work.
func TestVariantsAgree(t *testing.T) {
	const n = 1000
	var x uint64
	for i := uint64(n); i > 0; i-- {
		x = (x + i) ^ 12345
	}
	for _, v := range variants {
		if got := v.run(program(v.ops, n), make([]uint64, 16)); got != x {
			t.Errorf("%s: got %d, want %d", v.name, got, x)
		}
	}
}

func BenchmarkDispatch(b *testing.B) {
	const n = 1_000_000
	for _, v := range variants {
		b.Run(v.name, func(b *testing.B) {
			code, stack := program(v.ops, n), make([]uint64, 16)
			for range b.N {
				v.run(code, stack)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(dispatchesPerIter*n), "ns/dispatch")
		})
	}
}
