//go:build linux

// Command rss measures what loading and starting a large module costs on
// each engine: the 11 MB go/types test binary (GOOS=wasip1 go test -c)
// decoded, validated, compiled, instantiated and run with -test.run=XXX
// (no test runs; the Go runtime and the package's initializers do), each
// run in a process of its own, whose peak resident set size (getrusage's
// ru_maxrss, from wait4), CPU time and wall time it reports.
//
//	cd bench
//	go run ./cmd/rss              # ours, wazero's interpreter, V8 (node)
//	go run ./cmd/rss -reps 5
//
// # Rationale
//
//   - A process per run, because peak RSS is a property of a process: the
//     engines cannot share one, and a second run in the same process would
//     start from the first one's heap. The command re-executes itself with
//     -child for ours and wazero; V8 is node running bench's v8.js.
//   - Times are the fastest of the runs and the RSS the largest, so that
//     the load of a shared machine cannot flatter an engine's memory.
//   - V8's process is node: its RSS includes Node's own start-up (about
//     40 MB for an empty script), and V8 compiles the module lazily,
//     function by function as they are first called.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/wasmscope/wasmscope/bench"
)

// testArgs are the arguments the test binary runs with: no test matches.
var testArgs = []string{"-test.run=XXX"}

func main() {
	var (
		reps  = flag.Int("reps", 3, "runs per engine; the fastest time and the largest RSS count")
		root  = flag.String("dir", ".", "the bench directory")
		child = flag.String("child", "", "internal: run the module given as the argument on this engine (ours or wazero) and exit")
	)
	flag.Parse()
	var err error
	if *child != "" {
		err = runChild(*child, flag.Args())
	} else {
		err = run(*root, *reps)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rss:", err)
		os.Exit(1)
	}
}

// runChild starts the module file args[0] with args[1:] on engine e, its
// output going to this process's.
func runChild(e string, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("-child: no module file given")
	}
	wasm, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	return bench.StartCommand(e, wasm, args, os.Stdout, os.Stderr)
}

// result is one engine's measurement.
type result struct {
	engine    string
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

func run(root string, reps int) error {
	big, err := bench.BuildBig(root)
	if err != nil {
		return err
	}
	path := bench.BigPath(root)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	engines := []string{"ours", "wazero"}
	if err := bench.V8Available(); err == nil {
		engines = append(engines, "V8")
	} else {
		fmt.Fprintf(os.Stderr, "rss: no V8 row: %v\n", err)
	}
	results := make([]result, len(engines))
	for rep := 0; rep < reps; rep++ {
		// Taking turns, as compare does, so that all see the same load.
		for i, e := range engines {
			var cmd *exec.Cmd
			if e == "V8" {
				cmd = bench.NodeCommand(append([]string{"start", path}, testArgs...)...)
			} else {
				cmd = exec.Command(self, append([]string{"-child", e, path}, testArgs...)...)
			}
			r, err := measure(cmd)
			if err != nil {
				return fmt.Errorf("%s: %w", e, err)
			}
			fmt.Fprintf(os.Stderr, "%s: wall %v, CPU %v, peak RSS %d MB\n", e, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.maxRSS>>20)
			best := &results[i]
			if rep == 0 {
				*best = r
			}
			best.engine = e
			best.wall, best.cpu = min(best.wall, r.wall), min(best.cpu, r.cpu)
			best.maxRSS = max(best.maxRSS, r.maxRSS)
		}
	}
	fmt.Printf("Load and start the %.1f MB %s test binary (GOOS=wasip1) with %s, a process per run, %d runs:\n\n",
		float64(len(big))/1e6, bench.BigModule, strings.Join(testArgs, " "), reps)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	// The ratios are ours over each engine's, as in compare's tables.
	ours := results[0]
	fmt.Fprintf(tw, "| engine\t| peak RSS\t| wall time\t| CPU time\t| ours/this RSS\t| ours/this wall\t| ours/this CPU\t|\n")
	fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|\n")
	for _, r := range results {
		fmt.Fprintf(tw, "| %s\t| %d MB\t| %d ms\t| %d ms\t| %.2f×\t| %.2f×\t| %.2f×\t|\n", r.engine, r.maxRSS>>20,
			r.wall.Milliseconds(), r.cpu.Milliseconds(),
			float64(ours.maxRSS)/float64(r.maxRSS), ours.wall.Seconds()/r.wall.Seconds(), ours.cpu.Seconds()/r.cpu.Seconds())
	}
	return tw.Flush()
}

// measure runs cmd, which must end well and print the test binary's PASS,
// and returns its wall time, CPU time and peak RSS.
func measure(cmd *exec.Cmd) (result, error) {
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%v (stderr: %s)", err, bytes.TrimSpace(errOut.Bytes()))
	}
	if !bytes.Contains(out.Bytes(), []byte("PASS")) {
		return result{}, fmt.Errorf("no PASS in the output: %q (stderr: %s)", out.String(), bytes.TrimSpace(errOut.Bytes()))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return result{}, fmt.Errorf("no rusage for the process")
	}
	return result{
		wall: wall,
		cpu:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		// Linux reports ru_maxrss in kilobytes.
		maxRSS: ru.Maxrss << 10,
	}, nil
}
