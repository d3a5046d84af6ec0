package debug_test

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hack-pad/hackpadfs"
	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/wasi"
)

// TestReplayPrograms is the differential test of stepping backwards on real
// programs: the C, Rust and Go wasitest programs (arguments, environment,
// stdin, files, clocks, sleeping, random numbers) run to the end, the whole
// state (memory, globals, tables, frames, files) hashed every so many
// instructions, with snapshots every few of those; then the same execution
// goes back to some of those counts, in random order (Goto: the latest
// snapshot before, the host calls replayed), and must have the same state
// there; last, a new instance re-run from the start replaying the record
// (Rewind, as `wasmscope debug` goes back to an earlier execution) must
// too.
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
			rec := &debug.Recorder{Interval: 3*p.every + 17}
			rec.TrackFiles(sys.FS(), sys.FilesChanged)
			host := rec.WrapReported(wasi.ModuleName, sys.Funcs())
			start := func() (*vm.Instance, *debug.Debugger) { return attached(t, mod, wasi.ModuleName, host, "_start") }

			// The forward run, live: its files are read from the system.
			every := p.every
			inst, d := start()
			d.Record(rec)
			var forward []string
			for {
				forward = append(forward, stateHash(inst, d, osFiles(t, sys)...))
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
			if d.Snapshots() < 5 {
				t.Errorf("%d snapshots", d.Snapshots())
			}
			printed, calls := stdout.Len(), rec.Calls()

			rnd := rand.New(rand.NewSource(int64(len(forward))))
			picks := append([]int{0, len(forward) - 1}, rnd.Perm(len(forward))[:min(12, len(forward))]...)
			for _, k := range picks {
				n := uint64(k) * every
				if st := d.Goto(n); st.Reason != debug.Stepped {
					t.Fatalf("back to %d: %v %v", n, st.Reason, st.Err)
				}
				if stateHash(inst, d, rec.Files()...) != forward[k] {
					t.Errorf("the state at instruction %d differs from the forward run's", n)
				}
				// The log holds the way there: a step back finds an
				// instruction before, within it.
				if back, ok := d.Back(false); k > 0 && (!ok || back >= n || n-back > 1<<16) {
					t.Errorf("at %d: Back = %d %v", n, back, ok)
				}
			}
			if st := d.Goto(debug.ToEnd); st.Reason != debug.Exited {
				t.Errorf("to the end again: %v %v", st.Reason, st.Err)
			}
			for _, k := range picks[:3] {
				rec.Rewind()
				inst, d := start()
				n := uint64(k) * every
				if st := d.Goto(n); st.Reason != debug.Stepped {
					t.Fatalf("re-run to %d: %v %v", n, st.Reason, st.Err)
				}
				if stateHash(inst, d, rec.Files()...) != forward[k] {
					t.Errorf("the state at instruction %d of a re-run differs from the forward run's", n)
				}
			}
			if stdout.Len() != printed || rec.Calls() != calls {
				t.Errorf("going back printed %d bytes and made %d host calls: they reached the system", stdout.Len()-printed, rec.Calls()-calls)
			}
			t.Logf("%s: %d instructions or more, %d host calls, %d snapshots (%d bytes, memory %d), %d states compared",
				p.lang, uint64(len(forward)-1)*every, calls, d.Snapshots(), d.SnapshotBytes(), len(inst.Memory(0)), len(picks)+3)
		})
	}
}

// osFiles reads the program's files from the system, as they are now.
func osFiles(t *testing.T, sys *wasi.System) []debug.File {
	var out []debug.File
	fsys := sys.FS()
	err := hackpadfs.WalkDir(fsys, ".", func(p string, d hackpadfs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f := debug.File{Path: p, Mode: info.Mode()}
		if info.Mode().IsRegular() {
			if f.Data, err = hackpadfs.ReadFile(fsys, p); err != nil {
				return err
			}
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
