package bench

import (
	"runtime"
	"testing"
)

// sizeFor picks the native or the Node size of w.
func sizeFor(w Workload) int32 {
	if runtime.GOOS == "js" {
		return w.NodeSize
	}
	return w.Size
}

func load(tb testing.TB, e Engine, w Workload) Loaded {
	tb.Helper()
	wasm, err := Build(".", w)
	if err != nil {
		tb.Fatal(err)
	}
	l, err := e.Load(w, wasm)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(l.Close)
	return l
}

// TestEnginesAgree runs every workload at its small check size on both
// engines; their checksums must be equal.
func TestEnginesAgree(t *testing.T) {
	for _, w := range Workloads {
		t.Run(w.Name, func(t *testing.T) {
			var sums []string
			for _, e := range Engines() {
				sum, err := load(t, e, w).Run(w.CheckSize)
				if err != nil {
					t.Fatal(err)
				}
				sums = append(sums, sum)
			}
			if sums[0] != sums[1] {
				t.Errorf("%s(%d): ours gave %s, wazero %s", w.Name, w.CheckSize, sums[0], sums[1])
			}
		})
	}
}

// BenchmarkRun runs each workload on each engine: go test -bench Run.
func BenchmarkRun(b *testing.B) {
	for _, w := range Workloads {
		for _, e := range Engines() {
			b.Run(w.Name+"/"+e.Name(), func(b *testing.B) {
				l := load(b, e, w)
				size := sizeFor(w)
				b.ResetTimer()
				for range b.N {
					if _, err := l.Run(size); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkCompile decodes, validates and compiles the large module (about
// 11 MB) on each engine: go test -bench Compile.
func BenchmarkCompile(b *testing.B) {
	big, err := BuildBig(".")
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range Engines() {
		b.Run(e.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(big)))
			for range b.N {
				if err := e.Compile(big); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestGeomean(t *testing.T) {
	for _, c := range []struct {
		rows []Row
		want float64
	}{
		{[]Row{{Ours: 1, Wazero: 2}}, 2},
		{[]Row{{Ours: 1, Wazero: 2}, {Ours: 1, Wazero: 8}}, 4},
		{[]Row{{Ours: 4, Wazero: 1}, {Ours: 1, Wazero: 4}}, 1},
	} {
		if got := Geomean(c.rows); got < c.want*0.999999 || got > c.want*1.000001 {
			t.Errorf("Geomean(%v) = %v, want %v", c.rows, got, c.want)
		}
	}
}
