// Command rss measures what loading and starting a large module costs on
// each engine: the 11 MB go/types test binary (GOOS=wasip1 go test -c)
// decoded, validated, compiled, instantiated and run with -test.run=XXX
// (no test runs; the Go runtime and the package's initializers do), each
// run in a process of its own, whose peak resident set size (getrusage's
// ru_maxrss, from wait4), CPU time and wall time it reports.
//
//	cd bench
//	go run ./cmd/rss              # ours, ours under Node, wazero's interpreter, V8 (node)
//	go run ./cmd/rss -reps 5
//
// # Rationale
//
//   - A process per run, because peak RSS is a property of a process: the
//     engines cannot share one, and a second run in the same process would
//     start from the first one's heap. The command re-executes itself with
//     -child for ours and wazero, and runs itself built for GOOS=js under
//     Node for "ours (Node)", the engine as the page runs it; V8 is node
//     running bench's v8.js. The measuring side needs Linux's getrusage;
//     the child runs anywhere, GOOS=js included.
//   - Times are the fastest of the runs and the RSS the largest, so that
//     the load of a shared machine cannot flatter an engine's memory.
//   - V8's process is node: its RSS includes Node's own start-up (about
//     40 MB for an empty script), and V8 compiles the module lazily,
//     function by function as they are first called.
package main

import (
	"flag"
	"fmt"
	"os"

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
