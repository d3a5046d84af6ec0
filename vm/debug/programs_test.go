package debug_test

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/wasi"
)

// TestReplayPrograms is the differential test of stepping backwards on real
// programs: the C, Rust and Go wasitest programs (arguments, environment,
// stdin, files, clocks, sleeping, random numbers) run to the end, the state
// hashed every so many instructions; then new instances replaying the
// recorded host calls go to some of those counts, in random order, and must
// have the same state there.
func TestReplayPrograms(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	dir := filepath.Join("..", "..", "testprograms")
	programs := []struct {
		lang   string
		status string
		every  uint64 // instructions between states compared: ~30-100 states
		build  func(t *testing.T) string
	}{
		{"c", "7", 1000, func(t *testing.T) string { return toolchain.C(t, filepath.Join(dir, "c", "wasitest.c"), "-O1") }},
		{"rust", "5", 1000, func(t *testing.T) string { return toolchain.Rust(t, filepath.Join(dir, "rust", "wasitest.rs"), "-O") }},
		{"go", "6", 20_000, func(t *testing.T) string { return toolchain.Go(t, filepath.Join(dir, "go", "wasitest")) }},
	}
	for _, p := range programs {
		t.Run(p.lang, func(t *testing.T) {
			b, err := os.ReadFile(p.build(t))
			if err != nil {
				t.Fatal(err)
			}
			mod, err := vm.CompileBinary(b)
			if err != nil {
				t.Fatal(err)
			}
			box, err := wasi.OSDir(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			var stdout bytes.Buffer
			sys, err := wasi.New(wasi.Config{
				Args: []string{"wasitest", "/sandbox", p.status, "x", "y z"}, Env: []string{"GREETING=hi"},
				Stdin: strings.NewReader("some input\nmore\n"), Stdout: &stdout,
				Preopens: []wasi.Preopen{{GuestPath: "/sandbox", FS: box}},
			})
			if err != nil {
				t.Fatal(err)
			}
			defer sys.Close()
			rec := &debug.Recorder{}
			host := rec.Wrap(wasi.ModuleName, sys.Funcs())
			start := func() (*vm.Instance, *debug.Debugger) { return attached(t, mod, wasi.ModuleName, host, "_start") }

			// The forward run, live.
			every := p.every
			inst, d := start()
			var forward []string
			for {
				forward = append(forward, stateHash(inst, d))
				st := d.Goto(d.Executed() + every)
				if st.Reason == debug.Exited {
					break
				}
				if st.Reason != debug.Stepped {
					t.Fatalf("forward run: %v %v", st.Reason, st.Err)
				}
			}
			if !strings.Contains(stdout.String(), "files ok") {
				t.Fatalf("the forward run printed %q", stdout.String())
			}
			printed, calls := stdout.Len(), rec.Calls()

			rnd := rand.New(rand.NewSource(int64(len(forward))))
			picks := append([]int{0, len(forward) - 1}, rnd.Perm(len(forward))[:min(8, len(forward))]...)
			for _, k := range picks {
				rec.Rewind()
				inst, d := start()
				if st := d.Goto(uint64(k) * every); st.Reason != debug.Stepped {
					t.Fatalf("back to %d: %v %v", uint64(k)*every, st.Reason, st.Err)
				}
				if stateHash(inst, d) != forward[k] {
					t.Errorf("the state at instruction %d differs from the forward run's", uint64(k)*every)
				}
				// The log holds the way there (recorded past a fast
				// start): a step back finds the instruction before.
				if back, ok := d.Back(false); k > 0 && (!ok || back >= uint64(k)*every) {
					t.Errorf("at %d: Back = %d %v", uint64(k)*every, back, ok)
				}
			}
			if stdout.Len() != printed || rec.Calls() != calls {
				t.Errorf("the re-runs printed %d bytes and made %d host calls: they reached the system", stdout.Len()-printed, rec.Calls()-calls)
			}
			t.Logf("%s: %d instructions or more, %d host calls, %d states compared", p.lang, uint64(len(forward)-1)*every, calls, len(picks))
		})
	}
}
