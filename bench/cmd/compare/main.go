// Command compare runs every workload on wasmscope's engine, on wazero's
// interpreter and on V8 (Node's own WebAssembly) and prints the side-by-side
// table with the geometric means of the ratios, then the compile time of a
// large module on each; with -trace, the cost of observing a run instead.
//
//	cd bench
//	go run ./cmd/compare            # natively
//	go run ./cmd/compare -node      # the same, compiled to GOOS=js and run in Node
//	go run ./cmd/compare -trace     # ours unobserved, recording its log, writing a text trace
//	go run ./cmd/compare -timetravel # ours untraced against ours recorded for stepping back, jumps back
//	go run ./cmd/compare -nobudget  # ours against ours built without the per-instruction check
//	go run ./cmd/compare -build     # only build the workloads into out/
//
// With -node, the workloads are built natively first (Node cannot start
// processes), then this command is rebuilt for GOOS=js GOARCH=wasm and run by
// Go's go_js_wasm_exec, which needs node on PATH.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/wasmscope/wasmscope/bench"
)

func main() {
	var (
		node     = flag.Bool("node", false, "run the comparison under Node (GOOS=js GOARCH=wasm)")
		build    = flag.Bool("build", false, "build the workloads and the large module, then exit")
		reps     = flag.Int("reps", 3, "runs per measurement; the fastest counts")
		filter   = flag.String("run", "", "only workloads whose name matches this regular expression")
		compile  = flag.Bool("compile", true, "also measure compiling the large module")
		checking = flag.Bool("check", false, "run each workload once at its small check size and compare checksums only")
		small    = flag.Bool("nodesizes", false, "natively, use the Node sizes (to compare a run natively and in Node directly)")
		root     = flag.String("dir", ".", "the bench directory")
		traced   = flag.Bool("trace", false, "measure observation instead: ours unobserved, recording into its log, and writing a text trace (at the workloads' trace sizes)")
		logBytes = flag.Int64("logbytes", bench.LogBytes, "with -trace, the size of the log recorded into (a ring: it keeps the newest records)")
		travel   = flag.Bool("timetravel", false, "measure time travel instead: ours untraced against ours recorded for stepping back (snapshots, host calls), jumps back to random points, snapshot memory (at the workloads' travel sizes, about 100 million instructions)")
		jumps    = flag.Int("jumps", 20, "with -timetravel, the jumps back measured per workload")
		nobudget = flag.Bool("nobudget", false, "measure what ours pays with no observer attached: ours against ours built with -tags wasmscope_nobudget, in child processes taking turns")
		rounds   = flag.Int("rounds", 3, "with -nobudget, the child processes of each build per workload (taking turns; the fastest counts): a fresh process varies more than the runs within one, most on a shared machine")
		child    = flag.Bool("child", false, "internal: run ours only and print one line per workload for -nobudget")
	)
	flag.Parse()
	var err error
	switch {
	case *child:
		err = runChild(*root, *filter, *reps, *small)
	case *nobudget:
		err = runNoBudget(*root, *node, *filter, *reps, *rounds, *small)
	default:
		err = run(*root, *node, *build, *reps, *filter, *compile, *checking, *small, *traced, *logBytes, *travel, *jumps)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(1)
	}
}

func run(root string, node, buildOnly bool, reps int, filter string, compile, checking, nodeSizes, traced bool, logBytes int64, travel bool, jumps int) error {
	ws, err := selected(filter)
	if err != nil {
		return err
	}
	if runtime.GOOS != "js" && (node || buildOnly) {
		for _, w := range ws {
			if _, err := bench.Build(root, w); err != nil {
				return err
			}
		}
		if compile && !traced && !travel {
			if _, err := bench.BuildBig(root); err != nil {
				return err
			}
		}
		if buildOnly {
			return nil
		}
		var pass []string
		flag.Visit(func(f *flag.Flag) {
			if f.Name != "node" && f.Name != "build" && f.Name != "dir" {
				pass = append(pass, "-"+f.Name+"="+f.Value.String())
			}
		})
		return runNode(root, pass)
	}
	platform := "native " + runtime.GOOS + "/" + runtime.GOARCH
	if runtime.GOOS == "js" {
		platform = "node js/wasm"
	}
	platform += ", " + bench.Clock
	if traced {
		return traceTable(root, platform, ws, reps, checking, logBytes)
	}
	if travel {
		return travelTable(root, platform, ws, reps, jumps, checking)
	}
	engines := bench.Engines()
	if err := bench.V8Available(); err != nil {
		fmt.Fprintf(os.Stderr, "compare: no V8 column: %v\n", err)
	}
	var rows []bench.Row
	for _, w := range ws {
		wasm, err := bench.Build(root, w)
		if err != nil {
			return err
		}
		size := w.RunSize(nodeSizes)
		if checking {
			size, reps = w.CheckSize, 1
		}
		rs, err := bench.Measure(engines, w, wasm, size, reps)
		if err != nil {
			return err
		}
		row := bench.Row{Workload: w.Name, Ours: rs[0].Min, Wazero: rs[1].Min, Mismatch: mismatch(engines, rs)}
		if len(rs) > 2 {
			row.V8 = rs[2].Min
		}
		fmt.Fprintf(os.Stderr, "%s (%d): ours %v, wazero %v, V8 %v, checksum %s\n", w.Name, size, row.Ours, row.Wazero, row.V8, rs[0].Checksum)
		rows = append(rows, row)
	}
	if err := bench.WriteTable(os.Stdout, platform, rows); err != nil {
		return err
	}
	if compile && !checking {
		big, err := bench.BuildBig(root)
		if err != nil {
			return err
		}
		fmt.Printf("\nDecode, validate and compile of a %.1f MB module (%s test binary, GOOS=wasip1):\n",
			float64(len(big))/1e6, bench.BigModule)
		for _, e := range engines {
			d, err := bench.MeasureCompile(e, big, reps)
			if err != nil {
				return err
			}
			fmt.Printf("  %-7s %.0f ms\n", e.Name(), float64(d.Microseconds())/1000)
		}
	}
	for _, r := range rows {
		if r.Mismatch != "" {
			return fmt.Errorf("%s: the engines disagree: %s", r.Workload, r.Mismatch)
		}
	}
	return nil
}

// mismatch describes how the engines' checksums differ from the first's,
// or is "" when they agree.
func mismatch(engines []bench.Engine, rs []bench.Result) string {
	var diff []string
	for i, r := range rs[1:] {
		if r.Checksum != rs[0].Checksum {
			diff = append(diff, fmt.Sprintf("%s %s", engines[i+1].Name(), r.Checksum))
		}
	}
	if diff == nil {
		return ""
	}
	return fmt.Sprintf("%s %s, ", engines[0].Name(), rs[0].Checksum) + strings.Join(diff, ", ")
}

// traceTable measures what observing costs: ours unobserved, recording
// every instruction into its log, and writing the text trace, taking turns,
// at each workload's TraceSize.
func traceTable(root, platform string, ws []bench.Workload, reps int, checking bool, logBytes int64) error {
	engines := []bench.Engine{bench.Ours{}, bench.Ours{Watch: bench.Logged, LogBytes: logBytes}, bench.Ours{Watch: bench.Text}}
	var rows []bench.TraceRow
	for _, w := range ws {
		wasm, err := bench.Build(root, w)
		if err != nil {
			return err
		}
		size := w.TraceSize
		if checking {
			size, reps = w.CheckSize, 1
		}
		rs, err := bench.Measure(engines, w, wasm, size, reps)
		if err != nil {
			return err
		}
		row := bench.TraceRow{Workload: w.Name, Plain: rs[0].Min, Logged: rs[1].Min, Text: rs[2].Min}
		fmt.Fprintf(os.Stderr, "%s (%d): plain %v, logged %v, text %v, checksum %s\n", w.Name, size, row.Plain, row.Logged, row.Text, rs[0].Checksum)
		if m := mismatch(engines, rs); m != "" {
			return fmt.Errorf("%s: observing changes the result: %s", w.Name, m)
		}
		rows = append(rows, row)
	}
	fmt.Printf("The log: %d MiB, a ring keeping the newest records.\n\n", logBytes>>20)
	return bench.WriteTraceTable(os.Stdout, platform, rows)
}

// travelTable measures time travel: ours untraced against ours recorded
// for stepping back, then jumps back into the recorded run, at each
// workload's TravelSize.
func travelTable(root, platform string, ws []bench.Workload, reps, jumps int, checking bool) error {
	var rows []bench.TravelRow
	for _, w := range ws {
		wasm, err := bench.Build(root, w)
		if err != nil {
			return err
		}
		size := w.TravelSize
		if checking {
			size, reps, jumps = w.CheckSize, 1, 3
		}
		row, err := bench.MeasureTravel(w, wasm, size, reps, jumps)
		if err != nil {
			return err
		}
		mean, longest := row.JumpStats()
		fmt.Fprintf(os.Stderr, "%s (%d): %d instructions, untraced %v, recorded %v, jumps %v mean %v longest, %d snapshots %d bytes, guest %d bytes\n",
			w.Name, size, row.Instructions, row.Plain, row.Rec, mean, longest, row.Snapshots, row.SnapBytes, row.Guest)
		rows = append(rows, row)
	}
	return bench.WriteTravelTable(os.Stdout, platform, rows)
}

// runNode rebuilds this command for GOOS=js GOARCH=wasm and runs it under
// Node with the given flags.
func runNode(root string, flags []string) error {
	tmp, err := os.MkdirTemp("", "compare-js")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	run, err := buildSelf(root, filepath.Join(tmp, "compare.wasm"), "", true)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	cmd := exec.Command(run[0], append(append(run[1:], "-dir", abs), flags...)...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// buildSelf builds this command into prog with the given build tags,
// for GOOS=js GOARCH=wasm when node is set, and returns the command line
// that runs it (under Go's go_js_wasm_exec for Node).
func buildSelf(root, prog, tags string, node bool) ([]string, error) {
	b := exec.Command("go", "build", "-tags="+tags, "-o", prog, "./cmd/compare")
	b.Dir = root
	b.Env = os.Environ()
	run := []string{prog}
	if node {
		b.Env = append(b.Env, "GOOS=js", "GOARCH=wasm")
		execJS, err := bench.GoJSExec()
		if err != nil {
			return nil, err
		}
		run = []string{execJS, prog}
	}
	if out, err := b.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building compare (tags %q, for Node %v): %v\n%s", tags, node, err, out)
	}
	return run, nil
}

// selected returns the workloads whose names match filter.
func selected(filter string) ([]bench.Workload, error) {
	re, err := regexp.Compile(filter)
	if err != nil {
		return nil, fmt.Errorf("-run: %w", err)
	}
	var ws []bench.Workload
	for _, w := range bench.Workloads {
		if re.MatchString(w.Name) {
			ws = append(ws, w)
		}
	}
	return ws, nil
}

// runChild measures ours alone (as this binary was built) and prints
// "RESULT NAME NANOSECONDS CHECKSUM" for each workload.
func runChild(root, filter string, reps int, nodeSizes bool) error {
	ws, err := selected(filter)
	if err != nil {
		return err
	}
	for _, w := range ws {
		wasm, err := bench.Build(root, w)
		if err != nil {
			return err
		}
		size := w.RunSize(nodeSizes)
		rs, err := bench.Measure([]bench.Engine{bench.Ours{}}, w, wasm, size, reps)
		if err != nil {
			return err
		}
		fmt.Printf("RESULT %s %d %s\n", w.Name, rs[0].Min.Nanoseconds(), rs[0].Checksum)
	}
	return nil
}

// runNoBudget builds this command twice, as is and with -tags
// wasmscope_nobudget (the interpreter loop without its per-instruction
// budget test, which fuel, pausing and observers need), natively or for
// Node, and runs the two builds on each workload in turn, each run a child
// process measuring -reps runs; the fastest of each side counts.
func runNoBudget(root string, node bool, filter string, reps, rounds int, nodeSizes bool) error {
	if runtime.GOOS == "js" {
		return fmt.Errorf("-nobudget starts processes: run it natively (with -node for Node)")
	}
	ws, err := selected(filter)
	if err != nil {
		return err
	}
	for _, w := range ws {
		if _, err := bench.Build(root, w); err != nil {
			return err
		}
	}
	tmp, err := os.MkdirTemp("", "compare-nobudget")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	var builds [2][]string // the command line of each build
	for i, tags := range []string{"", "wasmscope_nobudget"} {
		if builds[i], err = buildSelf(root, filepath.Join(tmp, fmt.Sprintf("compare%d", i)), tags, node); err != nil {
			return err
		}
	}
	platform := "native " + runtime.GOOS + "/" + runtime.GOARCH
	if node {
		platform = "node js/wasm"
	}
	var rows []bench.Row // Ours: as built; Wazero: without the budget test
	for _, w := range ws {
		row := bench.Row{Workload: w.Name}
		for round := 0; round < max(rounds, 1); round++ {
			for i, b := range builds {
				args := append(b[1:], "-child", "-dir", abs, "-run", "^"+w.Name+"$", "-reps", fmt.Sprint(reps), fmt.Sprintf("-nodesizes=%v", nodeSizes))
				out, err := exec.Command(b[0], args...).Output()
				if err != nil {
					if ee, ok := err.(*exec.ExitError); ok {
						err = fmt.Errorf("%v: %s", err, ee.Stderr)
					}
					return fmt.Errorf("%s (build %d): %w", w.Name, i, err)
				}
				var name, sum string
				var ns int64
				if _, err := fmt.Sscanf(string(out), "RESULT %s %d %s", &name, &ns, &sum); err != nil || name != w.Name {
					return fmt.Errorf("%s (build %d): unexpected output %q", w.Name, i, out)
				}
				d := &row.Ours
				if i == 1 {
					d = &row.Wazero
				}
				if round == 0 || time.Duration(ns) < *d {
					*d = time.Duration(ns)
				}
			}
		}
		fmt.Fprintf(os.Stderr, "%s: ours %v, without the budget test %v\n", w.Name, row.Ours, row.Wazero)
		rows = append(rows, row)
	}
	fmt.Printf("| %s, %s | ours | -tags wasmscope_nobudget | cost of the check |\n", platform, bench.Clock)
	fmt.Printf("|---|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Printf("| %s | %.1f ms | %.1f ms | %+.1f%% |\n", r.Workload, ms(r.Ours), ms(r.Wazero), (r.Ratio()-1)*100)
	}
	fmt.Printf("| **geomean** | | | **%+.1f%%** |\n", (bench.Geomean(rows, bench.Row.Ratio)-1)*100)
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
