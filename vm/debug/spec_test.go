package debug_test

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/internal/spectest"
	"github.com/wasmscope/wasmscope/vm/script"
)

var allScripts = flag.Bool("travel.all", false, "TestTravelSpec: every script of the 2.0 and 3.0 suites, not only the seed set")

// travelSeed are the scripts TestTravelSpec runs in every go test: loops,
// calls and recursion, tables, memory stores, growth and bulk operations,
// globals, traps and exhaustion, exceptions, tail calls.
var travelSeed = map[string][]string{
	"wasm-2.0": {"call_indirect", "memory_grow", "memory_copy", "memory_fill", "memory_init", "bulk", "table_grow", "global", "br_table", "loop", "float_memory", "memory_trap", "linking", "elem"},
	"wasm-3.0": {"return_call", "try_table", "throw", "memory64", "table_fill"},
}

// travelSeedJS is the seed set under js/wasm (Node), where the engine
// runs several times slower: what differs there is the platform, not the
// snapshot code, which the full seed covers natively.
var travelSeedJS = map[string][]string{
	"wasm-2.0": {"call_indirect", "memory_grow", "bulk", "global"},
	"wasm-3.0": {"return_call"},
}

// travelLimit is how many instructions of one invocation the differential
// test follows; the rest runs to the end unchecked.
const travelLimit = 100_000

// TestTravelSpec is the differential test of stepping backwards on the
// spec suites: every invocation of a script runs under a debugger keeping
// snapshots every 50 instructions, the whole state (memory, globals,
// tables, frames) hashed at a spread of instruction counts (every one of
// the first 16, then a quarter further each time) and at the end, for
// travelLimit instructions; then the debugger goes
// back to some of those counts in random order and must find the same
// state, and runs to the end again, where the script's assertion checks
// the result. The seed scripts run in every go test; -travel.all runs
// every script of both suites but those of Wasm GC, whose heap objects
// snapshots do not hold.
func TestTravelSpec(t *testing.T) {
	var points, invocations, backs int
	seed := travelSeed
	if runtime.GOOS == "js" {
		t.Log("js/wasm: the smaller seed set (travelSeedJS); the full one runs natively")
		seed = travelSeedJS
	}
	for _, version := range []string{"wasm-2.0", "wasm-3.0"} {
		dir := spectest.Dir(t, version)
		var files []string
		if *allScripts {
			all, err := filepath.Glob(filepath.Join(dir, "*.wast"))
			if err != nil {
				t.Fatal(err)
			}
			files = all
		} else {
			for _, name := range seed[version] {
				files = append(files, filepath.Join(dir, name+".wast"))
			}
		}
		sort.Strings(files)
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".wast")
			if gcScript(name) {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(version+"/"+name, func(t *testing.T) {
				rnd := rand.New(rand.NewSource(int64(len(src))))
				var failures []string
				// One debugger per module: each has a log of LogBytes.
				debuggers := map[*vm.Module]*debug.Debugger{}
				drive := func(inst *vm.Instance, ex *vm.Execution) error {
					d := debuggers[inst.Module()]
					if d == nil {
						d = debug.New(inst.Module())
						d.SetLogging(false)
						debuggers[inst.Module()] = d
					}
					p, b, err := travel(d, inst, ex, rnd)
					points += p
					backs += b
					invocations++
					if err != nil {
						failures = append(failures, err.Error())
					}
					return err
				}
				r := script.Run(f, src, script.Options{Wasm2: version == "wasm-2.0", Drive: drive})
				for _, m := range failures {
					t.Error(m)
				}
				for _, m := range r.Failures {
					t.Errorf("after going back: %s", m)
				}
				if r.Passed == 0 {
					t.Error("no assertion ran")
				}
			})
		}
	}
	t.Logf("%d invocations, %d states hashed going forward, %d compared going back", invocations, points, backs)
}

// gcScript reports whether a script is of Wasm GC (structs, arrays, i31,
// the new reference types), whose objects live in the store's heap,
// outside what snapshots hold.
func gcScript(name string) bool {
	for _, p := range []string{"struct", "array", "i31", "ref_cast", "ref_test", "br_on_cast", "type-", "extern", "ref_eq", "any", "gc"} {
		if strings.Contains(name, p) {
			return true
		}
	}
	return false
}

// travel drives one invocation: forward with hashes, back to some of the
// counts hashed, then to the end. It returns the states hashed and
// compared.
func travel(d *debug.Debugger, inst *vm.Instance, ex *vm.Execution, rnd *rand.Rand) (int, int, error) {
	d.Record(&debug.Recorder{Interval: 50})
	d.Attach(ex)
	var counts []uint64
	hashes := map[uint64]string{}
	var end debug.Stop
	for {
		n := d.Executed()
		counts = append(counts, n)
		hashes[n] = stateHash(inst, d)
		step := max(1, n/4)
		if n < 16 {
			step = 1
		}
		if n >= travelLimit {
			break
		}
		end = d.Goto(n + step)
		if end.Reason != debug.Stepped {
			counts = append(counts, d.Executed())
			hashes[d.Executed()] = stateHash(inst, d)
			break
		}
	}
	last := d.Executed()
	picks := rnd.Perm(len(counts))[:min(8, len(counts))]
	for _, k := range picks {
		n := counts[k]
		if st := d.Goto(n); n < last && st.Reason != debug.Stepped {
			return len(counts), 0, fmt.Errorf("back to instruction %d: %v %v", n, st.Reason, st.Err)
		}
		if got := stateHash(inst, d); got != hashes[n] {
			return len(counts), 0, fmt.Errorf("the state at instruction %d differs from the forward run's", n)
		}
	}
	// On to where the forward run stopped; the runner takes it on from
	// there and checks the result.
	if st := d.Goto(last); d.Executed() != last {
		return len(counts), len(picks), fmt.Errorf("to instruction %d again: at %d, %v %v (the forward run: %v)", last, d.Executed(), st.Reason, st.Err, end.Reason)
	}
	return len(counts), len(picks), nil
}
