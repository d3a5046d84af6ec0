// Package bench measures wasmscope's engine against wazero's interpreter and
// against V8 (Node's own WebAssembly, compiling to machine code) on the same
// workloads, natively and, compiled to GOOS=js GOARCH=wasm, inside Node's V8
// (where the page runs), and formats the side-by-side tables; it also
// measures what observing a run costs (a log of every instruction, a text
// trace).
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
//   - V8 runs natively in a node child process that times each run itself
//     with process.cpuUsage() (the clock the harness uses under Node), and
//     under GOOS=js in the harness's own Node process; either way only
//     instantiate + run is timed, as for the Go engines. It has a WASI of
//     its own (v8.js), as small as the workloads allow, rather than Node's
//     experimental node:wasi, so that the same code serves both places
//     and captures the program's output in memory.
//   - The ratios are ours over the other engine's time, as the targets
//     are stated (ours/wazero below 1 is faster than wazero; ours/V8 says
//     how many times slower than machine code).
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

// Engines returns the engines compared: ours, wazero, and V8 where it can
// run (node on PATH natively; always under Node).
func Engines() []Engine {
	es := []Engine{Ours{}, Wazero{}}
	if V8Available() == nil {
		es = append(es, V8{})
	}
	return es
}

// Result is the measurement of one workload on one engine.
type Result struct {
	Min      time.Duration
	Checksum string
}

// Measure runs w on each engine reps times with the given size, taking
// turns (ours, wazero, V8, ours, ...) so that all see the same machine load,
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
	var err error
	for rep := 0; rep < reps; rep++ {
		for i, l := range ls {
			// Start each run with a clean heap, so that no run pays for
			// collecting the garbage of the one before.
			runtime.GC()
			var sum string
			var d time.Duration
			if tl, ok := l.(timedLoaded); ok {
				sum, d, err = tl.RunTimed(size)
			} else {
				start := Now()
				sum, err = l.Run(size)
				d = Now() - start
			}
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
		var d time.Duration
		if tc, ok := e.(timedCompiler); ok {
			var err error
			if d, err = tc.CompileTimed(wasm); err != nil {
				return 0, err
			}
		} else {
			start := Now()
			if err := e.Compile(wasm); err != nil {
				return 0, fmt.Errorf("%s: compiling: %w", e.Name(), err)
			}
			d = Now() - start
		}
		if i == 0 || d < best {
			best = d
		}
	}
	return best, nil
}

// Row is one line of the comparison table.
type Row struct {
	Workload         string
	Ours, Wazero, V8 time.Duration // V8 is 0 when V8 was not measured
	// Mismatch is set when the engines' checksums differ.
	Mismatch string
}

// Ratio is ours's time over wazero's: below 1, ours is faster.
func (r Row) Ratio() float64 { return r.Ours.Seconds() / r.Wazero.Seconds() }

// RatioV8 is ours's time over V8's: how many times slower than V8 running
// the module natively.
func (r Row) RatioV8() float64 { return r.Ours.Seconds() / r.V8.Seconds() }

// Geomean is the geometric mean of the ratio f gives for each row.
func Geomean(rows []Row, f func(Row) float64) float64 {
	xs := make([]float64, len(rows))
	for i, r := range rows {
		xs[i] = f(r)
	}
	return geomean(xs)
}

func geomean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	var sum float64
	for _, x := range xs {
		sum += math.Log(x)
	}
	return math.Exp(sum / float64(len(xs)))
}

// WriteTable prints rows as an aligned table (also valid Markdown) with the
// geometric means last; the V8 columns only when V8 was measured.
func WriteTable(out io.Writer, platform string, rows []Row) error {
	withV8 := len(rows) > 0
	for _, r := range rows {
		withV8 = withV8 && r.V8 > 0
	}
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)
	if withV8 {
		fmt.Fprintf(tw, "| %s\t| ours\t| wazero\t| V8\t| ours/wazero\t| ours/V8\t|\n", platform)
		fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|\n")
	} else {
		fmt.Fprintf(tw, "| %s\t| ours\t| wazero\t| ours/wazero\t|\n", platform)
		fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|\n")
	}
	for _, r := range rows {
		note := ""
		if r.Mismatch != "" {
			note = " MISMATCH: " + r.Mismatch
		}
		if withV8 {
			fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %s\t| %.2f×\t| %.1f×%s\t|\n", r.Workload, ms(r.Ours), ms(r.Wazero), ms(r.V8), r.Ratio(), r.RatioV8(), note)
		} else {
			fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %.2f×%s\t|\n", r.Workload, ms(r.Ours), ms(r.Wazero), r.Ratio(), note)
		}
	}
	if withV8 {
		fmt.Fprintf(tw, "| **geomean**\t|\t|\t|\t| **%.2f×**\t| **%.1f×**\t|\n", Geomean(rows, Row.Ratio), Geomean(rows, Row.RatioV8))
	} else {
		fmt.Fprintf(tw, "| **geomean**\t|\t|\t| **%.2f×**\t|\n", Geomean(rows, Row.Ratio))
	}
	return tw.Flush()
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// TraceRow is one line of the observation table: ours unobserved, recording
// every instruction into its log, and writing the text trace.
type TraceRow struct {
	Workload            string
	Plain, Logged, Text time.Duration
}

// LoggedRatio is the logged run's time over the unobserved one's.
func (r TraceRow) LoggedRatio() float64 { return r.Logged.Seconds() / r.Plain.Seconds() }

// TextRatio is the text-traced run's time over the unobserved one's.
func (r TraceRow) TextRatio() float64 { return r.Text.Seconds() / r.Plain.Seconds() }

// WriteTraceTable prints the observation table with the geometric means
// of the ratios last.
func WriteTraceTable(out io.Writer, platform string, rows []TraceRow) error {
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "| %s\t| unobserved\t| log\t| text trace\t| log/unobserved\t| text/unobserved\t|\n", platform)
	fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|\n")
	logged, text := make([]float64, len(rows)), make([]float64, len(rows))
	for i, r := range rows {
		logged[i], text[i] = r.LoggedRatio(), r.TextRatio()
		fmt.Fprintf(tw, "| %s\t| %s\t| %s\t| %s\t| %.2f×\t| %.1f×\t|\n", r.Workload, ms(r.Plain), ms(r.Logged), ms(r.Text), logged[i], text[i])
	}
	fmt.Fprintf(tw, "| **geomean**\t|\t|\t|\t| **%.2f×**\t| **%.1f×**\t|\n", geomean(logged), geomean(text))
	return tw.Flush()
}
