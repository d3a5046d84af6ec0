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

// specModes are the modes TestSpec20 runs. Under js/wasm (Node), where the
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

// TestSpec20 runs every script of the Wasm 2.0 suite in every mode and fails
// on any failed or skipped assertion.
func TestSpec20(t *testing.T) {
	dir := spectest.Dir(t, "wasm-2.0")
	runModes := specModes(t)
	for _, f := range scripts(t, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".wast")
		t.Run(name, func(t *testing.T) {
			var first *Result
			for _, mode := range runModes {
				r := Run(f, src, mode.opts)
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

// TestSpec30 runs every script of the Wasm 3.0 suite once and logs its
// counts without failing on assertions (the engine's 3.0 work comes later);
// it fails only on a Go panic anywhere in the pipeline.
// Run's limits (an instruction budget per invocation, recovered panics) keep
// an unsupported construct from hanging or crashing the test.
func TestSpec30(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("js/wasm: the 3.0 suite only logs counts, which the native run gives")
	}
	dir := spectest.Dir(t, "wasm-3.0")
	var total Result
	for _, f := range scripts(t, dir) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Run(f, src, Options{Wasm3: true})
		t.Logf("%s: %d passed, %d failed, %d skipped, %d message notes", filepath.Base(f), r.Passed, r.Failed, r.Skipped, len(r.Notes))
		if r.Panics > 0 {
			// Unsupported 3.0 constructs must be errors, never panics.
			t.Errorf("%s: %d Go panics:\n%s", filepath.Base(f), r.Panics, strings.Join(r.Failures, "\n"))
		}
		total.Passed += r.Passed
		total.Failed += r.Failed
		total.Skipped += r.Skipped
	}
	t.Logf("wasm-3.0 total: %d passed, %d failed, %d skipped", total.Passed, total.Failed, total.Skipped)
}
