package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Kind says what a workload's source is written in, and so how it is built
// and how it is run: WAT and C workloads export run(size i32) i64 and import
// nothing; Go workloads are WASI commands taking the size as argv[1] and
// printing their checksum on stdout.
type Kind int

// Workload source kinds.
const (
	WAT Kind = iota
	C
	Go
)

func (k Kind) String() string {
	switch k {
	case WAT:
		return "wat"
	case C:
		return "c"
	case Go:
		return "go"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Workload is one benchmark program.
type Workload struct {
	Name   string
	Kind   Kind
	Source string // under workloads/: a file, or a Go package directory
	// Size is the argument for native runs, chosen so that wazero's
	// interpreter takes roughly 0.2–1 s. NodeSize is the argument under Node,
	// where both engines run about 5 times slower (in CPU time); the ratio,
	// not the absolute time, is what the two platforms share.
	Size, NodeSize int32
	// CheckSize is a small argument for the test that the engines agree.
	CheckSize int32
	// TraceSize is the argument for measuring observation (compare
	// -trace), natively and under Node: small enough that the text trace,
	// a hundred times slower, stays within seconds.
	TraceSize int32
	// TravelSize is the argument for measuring time travel (compare
	// -timetravel), natively and under Node: about 100 million
	// instructions, the run length the targets are stated for.
	TravelSize int32
	What       string
}

// Workloads is the benchmark set: one program per kind of work an
// interpreter's hot loop must be good at.
var Workloads = []Workload{
	{Name: "fib", Kind: WAT, Source: "fib.wat", Size: 31, NodeSize: 28, CheckSize: 15, TraceSize: 24, TravelSize: 33,
		What: "call-heavy recursion"},
	{Name: "collatz", Kind: WAT, Source: "collatz.wat", Size: 24000, NodeSize: 5000, CheckSize: 1000, TraceSize: 3000, TravelSize: 55000,
		What: "branchy loop over i64 locals"},
	{Name: "sieve", Kind: C, Source: "sieve.c", Size: 14, NodeSize: 3, CheckSize: 1, TraceSize: 1, TravelSize: 15,
		What: "byte loads and stores over 128 KiB"},
	{Name: "matmul", Kind: C, Source: "matmul.c", Size: 150, NodeSize: 90, CheckSize: 8, TraceSize: 32, TravelSize: 170,
		What: "f64 matrix product"},
	{Name: "nbody", Kind: C, Source: "nbody.c", Size: 30000, NodeSize: 6000, CheckSize: 100, TraceSize: 1500, TravelSize: 64000,
		What: "f64 arithmetic and sqrt"},
	{Name: "mandelbrot", Kind: C, Source: "mandelbrot.c", Size: 280, NodeSize: 130, CheckSize: 16, TraceSize: 48, TravelSize: 300,
		What: "f64 tight loop"},
	{Name: "hash", Kind: C, Source: "hash.c", Size: 40, NodeSize: 8, CheckSize: 1, TraceSize: 1, TravelSize: 46,
		What: "FNV-1a, CRC-32, xxHash-style mixing"},
	{Name: "interp", Kind: C, Source: "interp.c", Size: 120000, NodeSize: 24000, CheckSize: 100, TraceSize: 8000, TravelSize: 120000,
		What: "switch dispatch (br_table)"},
	{Name: "memcopy", Kind: C, Source: "memcopy.c", Size: 8000, NodeSize: 1600, CheckSize: 50, TraceSize: 150, TravelSize: 12000,
		What: "memcpy and memmove"},
	{Name: "gosort", Kind: Go, Source: "gosort", Size: 10000, NodeSize: 2000, CheckSize: 100, TraceSize: 100, TravelSize: 14500,
		What: "Go wasip1: runtime, map, sort, SHA-256"},
}

// RunSize returns the size to measure w with on this platform: NodeSize
// under GOOS=js, or natively when nodeSizes asks for the Node sizes; Size
// otherwise.
func (w Workload) RunSize(nodeSizes bool) int32 {
	if runtime.GOOS == "js" || nodeSizes {
		return w.NodeSize
	}
	return w.Size
}

// BigModule names the large module of the compile benchmark: the test binary
// of a standard library package built for GOOS=wasip1, about 11 MB, the size
// of module users drop into the page.
const BigModule = "go/types"

// BuildDir is where built workloads go, relative to the bench directory.
const BuildDir = "out"

// Path returns where Build puts w's module under root (the bench directory).
func (w Workload) Path(root string) string {
	return filepath.Join(root, BuildDir, w.Name+".wasm")
}

// BigPath returns where BuildBig puts the large module under root.
func BigPath(root string) string {
	return filepath.Join(root, BuildDir, "big.wasm")
}

// Build builds w's module under root unless it is newer than its sources,
// and returns its bytes. WAT goes through this repository's own text parser
// and binary encoder; C needs clang with Debian's wasi-libc; Go needs the go
// command. Under GOOS=js nothing can be built (no processes), so the modules
// must have been built natively first.
func Build(root string, w Workload) ([]byte, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	src := filepath.Join(root, "workloads", w.Source)
	out := w.Path(root)
	fresh, err := upToDate(out, src)
	if err != nil {
		return nil, err
	}
	if !fresh {
		if err := mustBuildHere(out); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return nil, err
		}
		switch w.Kind {
		case WAT:
			err = buildWAT(src, out)
		case C:
			err = run(root, nil, "clang", "--target=wasm32-wasi", "--sysroot=/usr", "-O2",
				// No crt1 and no main: the module exports run and imports
				// nothing; libc contributes only memcpy, memmove and memset.
				"-nostartfiles", "-Wl,--no-entry", "-o", out, src)
		case Go:
			err = run(filepath.Join(root, "workloads", w.Source), []string{"GOOS=wasip1", "GOARCH=wasm"},
				"go", "build", "-o", out, ".")
		default:
			err = fmt.Errorf("workload %s: unknown kind %v", w.Name, w.Kind)
		}
		if err != nil {
			return nil, fmt.Errorf("building workload %s: %w", w.Name, err)
		}
	}
	return os.ReadFile(out)
}

// BuildBig builds the large module for the compile benchmark, unless it
// exists: its source is the installed Go, which does not change under us.
func BuildBig(root string) ([]byte, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	out := BigPath(root)
	if b, err := os.ReadFile(out); err == nil {
		return b, nil
	}
	if err := mustBuildHere(out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	if err := run(root, []string{"GOOS=wasip1", "GOARCH=wasm"}, "go", "test", "-c", "-o", out, BigModule); err != nil {
		return nil, fmt.Errorf("building the large module (%s test binary): %w", BigModule, err)
	}
	return os.ReadFile(out)
}

// GoJSExec returns the path of Go's go_js_wasm_exec, which runs a
// GOOS=js GOARCH=wasm program in Node.
func GoJSExec() (string, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOROOT: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "go_js_wasm_exec"), nil
}

func mustBuildHere(out string) error {
	if runtime.GOOS == "js" {
		return fmt.Errorf("%s is missing or stale and cannot be built under GOOS=js: build natively first (cd bench && go run ./cmd/compare -build)", out)
	}
	return nil
}

// upToDate reports whether out exists and is newer than every file of src (a
// file or a directory).
func upToDate(out, src string) (bool, error) {
	oi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	var newest time.Time
	err = filepath.WalkDir(src, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("workload source: %w", err)
	}
	return oi.ModTime().After(newest), nil
}

func run(dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, out)
	}
	return nil
}
