package script

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
)

func scripts(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.wast"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no .wast files in %s", dir)
	}
	sort.Strings(files)
	return files
}

// The three ways the suite must pass, with identical results: straight
// through, in slices of a few instructions with resume, and with an
// observer checking every event, itself in slices (so the event stream is
// checked across pauses and each slice against its fuel).
var modes = []struct {
	name string
	opts Options
}{
	{"plain", Options{}},
	{"sliced", Options{Slice: 3}},
	{"observed", Options{Observe: true, Slice: 5}},
}

// specModes are the modes the suites run. Under js/wasm (Node), where the
// engine runs several times slower, only the plain run: it is where a
// difference of the platform (the float semantics of Go's wasm port) would
// show, while slicing and observation are the same Go code on every
// platform and are covered natively. This keeps `GOOS=js go test ./vm/...`
// within go test's default timeout.
func specModes(t *testing.T) []struct {
	name string
	opts Options
} {
	if runtime.GOOS == "js" {
		t.Log("js/wasm: the suite runs in the plain mode only; sliced and observed run natively")
		return modes[:1]
	}
	return modes
}

// TestSpec20 runs every script of the Wasm 2.0 suite, by 2.0's rules, in
// every mode and fails on any failed or skipped assertion.
func TestSpec20(t *testing.T) {
	runSuite(t, "wasm-2.0", Options{Wasm2: true})
}

// TestSpec30 runs every script of the Wasm 3.0 suite the same way, by
// 3.0's rules (the runner's default).
func TestSpec30(t *testing.T) {
	runSuite(t, "wasm-3.0", Options{})
}

// runSuite runs the scripts of a suite version in every mode (base gives
// the edition), with identical counts across modes, failing on any failed
// or skipped assertion.
func runSuite(t *testing.T, version string, base Options) {
	dir := spectest.Dir(t, version)
	runModes := specModes(t)
	for _, f := range scripts(t, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".wast")
		t.Run(name, func(t *testing.T) {
			// Scripts are independent (each has its own store): run them
			// on every core, which halves the suites' time on two.
			t.Parallel()
			var first *Result
			for _, mode := range runModes {
				opts := mode.opts
				opts.Wasm2 = base.Wasm2
				r := Run(f, src, opts)
				for _, m := range r.Failures {
					t.Errorf("%s: %s", mode.name, m)
				}
				for _, m := range r.Skips {
					t.Errorf("%s: skipped: %s", mode.name, m)
				}
				if mode.name == "plain" {
					for _, m := range r.Notes {
						t.Logf("note: %s", m)
					}
				}
				if r.Passed == 0 {
					t.Errorf("%s: no assertion ran", mode.name)
				}
				if first == nil {
					first = r
				} else if r.Passed != first.Passed || r.Failed != first.Failed || r.Skipped != first.Skipped {
					t.Errorf("%s: %d passed, %d failed, %d skipped; plain: %d, %d, %d",
						mode.name, r.Passed, r.Failed, r.Skipped, first.Passed, first.Failed, first.Skipped)
				}
			}
		})
	}
}
