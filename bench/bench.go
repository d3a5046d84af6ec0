// Package bench measures wasmscope's engine against wazero's interpreter on
// the same workloads, natively and, compiled to GOOS=js GOARCH=wasm, inside
// Node's V8 (where the page runs), and formats the side-by-side table.
//
// It has its own go.mod so that wazero stays a dependency of the benchmarks
// only, never of the main module.
//
// # Rationale
//
//   - Each measurement is the minimum of several runs: the machine is shared,
//     and interference only ever adds time. The engines take turns run by
//     run, so that a burst of load elsewhere hits both.
//   - The time measured is the process's CPU time (user + system, all
//     threads, so the garbage collector's work counts; under Node, from
//     process.cpuUsage(), V8's compiler threads included), which a busy
//     machine inflates far less than wall time.
//   - A run is instantiation plus the call (or, for WASI programs, the whole
//     program); compilation is measured apart, on a large module, because
//     that is where it matters.
//   - Every run's checksum is compared between the engines, so a fast wrong
//     answer cannot pass as a result.
//   - Under Node the sizes are smaller (both engines are many times slower
//     there); only ratios are compared across platforms.
package bench

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"text/tabwriter"
	"time"
)

// Engine is a WebAssembly runtime under measurement.
type Engine interface {
	Name() string
	// Compile decodes, validates and compiles wasm, and forgets it.
	Compile(wasm []byte) error
	// Load compiles w's module once for repeated runs.
	Load(w Workload, wasm []byte) (Loaded, error)
}

// Loaded is a compiled workload, ready to be run.
type Loaded interface {
	// Run instantiates the module and runs it once with the given size,
	// returning its checksum as text.
	Run(size int32) (string, error)
	Close()
}

// Engines returns the engines compared, ours first.
func Engines() []Engine { return []Engine{Ours{}, Wazero{}} }

// Result is the measurement of one workload on one engine.
type Result struct {
	Min      time.Duration
	Checksum string
}

// Measure runs w on each engine reps times with the given size, taking
// turns (ours, wazero, ours, ...) so that both see the same machine load,
// and keeps each engine's fastest run. Loading (compilation) is not timed.
// The results are in the order of engines.
func Measure(engines []Engine, w Workload, wasm []byte, size int32, reps int) ([]Result, error) {
	ls := make([]Loaded, len(engines))
	for i, e := range engines {
		l, err := e.Load(w, wasm)
		if err != nil {
			return nil, err
		}
		defer l.Close()
		ls[i] = l
	}
	rs := make([]Result, len(engines))
	for rep := 0; rep < reps; rep++ {
		for i, l := range ls {
			// Start each run with a clean heap, so that no run pays for
			// collecting the garbage of the one before.
			runtime.GC()
			start := Now()
			sum, err := l.Run(size)
			d := Now() - start
			if err != nil {
				return nil, err
			}
			r := &rs[i]
			if rep > 0 && sum != r.Checksum {
				return nil, fmt.Errorf("%s: %s gave checksum %s, then %s", engines[i].Name(), w.Name, r.Checksum, sum)
			}
			r.Checksum = sum
			if rep == 0 || d < r.Min {
				r.Min = d
			}
		}
	}
	return rs, nil
}

// MeasureCompile compiles wasm on e reps times and keeps the fastest.
func MeasureCompile(e Engine, wasm []byte, reps int) (time.Duration, error) {
	var best time.Duration
	for i := 0; i < reps; i++ {
		runtime.GC()
		start := Now()
		if err := e.Compile(wasm); err != nil {
			return 0, fmt.Errorf("%s: compiling: %w", e.Name(), err)
		}
		if d := Now() - start; i == 0 || d < best {
			best = d
		}
	}
	return best, nil
}

// Row is one line of the comparison table.
type Row struct {
	Workload     string
	Ours, Wazero time.Duration
	// Mismatch is set when the engines' checksums differ.
	Mismatch string
}

// Ratio is wazero's time over ours: above 1, ours is faster.
func (r Row) Ratio() float64 { return r.Wazero.Seconds() / r.Ours.Seconds() }

// Geomean is the geometric mean of the rows' ratios.
func Geomean(rows []Row) float64 {
	if len(rows) == 0 {
		return math.NaN()
	}
	var sum float64
	for _, r := range rows {
		sum += math.Log(r.Ratio())
	}
	return math.Exp(sum / float64(len(rows)))
}

// WriteTable prints rows as an aligned table (also valid Markdown) with the
// geometric mean last.
func WriteTable(out io.Writer, platform string, rows []Row) error {
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "| %s\t| ours\t| wazero\t| wazero/ours\t|\n", platform)
	fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|\n")
	for _, r := range rows {
		note := ""
		if r.Mismatch != "" {
			note = " MISMATCH: " + r.Mismatch
		}
		fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %.2f×%s\t|\n", r.Workload, ms(r.Ours), ms(r.Wazero), r.Ratio(), note)
	}
	fmt.Fprintf(tw, "| **geomean**\t|\t|\t| **%.2f×**\t|\n", Geomean(rows))
	return tw.Flush()
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}
