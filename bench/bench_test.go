package bench

import (
	"os"
	"testing"
)

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

// agreeEngines returns the engines whose checksums must agree with our
// unobserved engine's: wazero, our engine recording into its log, and V8
// where node is present (under CI=true it must be). The text trace is left
// to go run ./cmd/compare -trace, which checks its checksums too: at the
// check sizes it takes most of a minute.
func agreeEngines(t *testing.T) []Engine {
	es := []Engine{Wazero{}, Ours{Watch: Logged}}
	if err := V8Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("V8 cannot be compared (CI=true requires node): %v", err)
		}
		t.Logf("V8 not compared: %v", err)
		return es
	}
	return append(es, V8{})
}

// TestEnginesAgree runs every workload at its small check size on our
// engine and on each other engine (and on ours observed); every checksum
// must equal ours.
func TestEnginesAgree(t *testing.T) {
	others := agreeEngines(t)
	for _, w := range Workloads {
		t.Run(w.Name, func(t *testing.T) {
			want, err := load(t, Ours{}, w).Run(w.CheckSize)
			if err != nil {
				t.Fatal(err)
			}
			if want == "" {
				t.Fatalf("%s(%d): ours gave an empty checksum", w.Name, w.CheckSize)
			}
			for _, e := range others {
				t.Run(e.Name(), func(t *testing.T) {
					got, err := load(t, e, w).Run(w.CheckSize)
					if err != nil {
						t.Fatal(err)
					}
					if got != want {
						t.Errorf("%s(%d): %s gave %s, ours %s", w.Name, w.CheckSize, e.Name(), got, want)
					}
				})
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
				size := w.RunSize(false)
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
		name string
		rows []Row
		f    func(Row) float64
		want float64
	}{
		{"one", []Row{{Ours: 2, Wazero: 1}}, Row.Ratio, 2},
		{"two", []Row{{Ours: 2, Wazero: 1}, {Ours: 8, Wazero: 1}}, Row.Ratio, 4},
		{"cancel", []Row{{Ours: 4, Wazero: 1}, {Ours: 1, Wazero: 4}}, Row.Ratio, 1},
		{"V8", []Row{{Ours: 30, V8: 1}, {Ours: 120, V8: 4}}, Row.RatioV8, 30},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Geomean(c.rows, c.f); got < c.want*0.999999 || got > c.want*1.000001 {
				t.Errorf("Geomean(%v) = %v, want %v", c.rows, got, c.want)
			}
		})
	}
}

// BenchmarkObserve runs each workload at its trace size unobserved,
// recording into the log and writing the text trace: go test -bench
// Observe (compare -trace prints the ratios).
func BenchmarkObserve(b *testing.B) {
	for _, w := range Workloads {
		for _, e := range []Ours{{}, {Watch: Logged}, {Watch: Text}} {
			b.Run(w.Name+"/"+e.Name(), func(b *testing.B) {
				l := load(b, e, w)
				b.ResetTimer()
				for range b.N {
					if _, err := l.Run(w.TraceSize); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
