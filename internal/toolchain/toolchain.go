// Package toolchain builds the repository's test programs into Wasm with
// the compilers that make such programs in the wild (clang with wasi-libc,
// rustc, Go's wasip1 port) and finds the tools tests compare against, for
// tests only.
//
// A missing tool skips the test with the Debian packages to install, or
// fails it under CI=true, where every tool must be present.
package toolchain

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Need skips t (or fails it under CI=true) because what is unavailable,
// naming the Debian packages that provide it.
func Need(t testing.TB, what, packages string, err error) {
	t.Helper()
	msg := what + " unavailable (" + err.Error() + "); install the Debian packages: " + packages
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Tool returns the path of the program name, or skips or fails t (Need)
// naming the Debian package that provides it.
func Tool(t testing.TB, name, packages string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Need(t, name, packages, err)
	}
	return p
}

// C builds the C source src for wasm32-wasi with clang and the given flags
// ("-O1", "-g") and returns the module's path in a temporary directory.
func C(t testing.TB, src string, flags ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), ".c")+".wasm")
	clang := Tool(t, "clang", "clang lld wasi-libc libclang-rt-14-dev-wasm32")
	// Debian's wasi-libc installs its headers and libraries under /usr as
	// the wasm32-wasi multiarch, so /usr is the sysroot.
	args := append([]string{"--target=wasm32-wasi", "--sysroot=/usr"}, flags...)
	cmd := exec.Command(clang, append(args, "-o", out, src)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		if _, statErr := os.Stat("/usr/lib/wasm32-wasi/libc.a"); statErr != nil {
			Need(t, "wasi-libc", "wasi-libc libclang-rt-14-dev-wasm32", statErr)
		}
		t.Fatalf("clang %s: %v\n%s", src, err, b)
	}
	return out
}

// NativeC builds the C source src for the host with clang and the given
// flags, for comparing a program under wasmscope with the same program run
// natively.
func NativeC(t testing.TB, src string, flags ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), ".c"))
	clang := Tool(t, "clang", "clang")
	if b, err := exec.Command(clang, append(flags, "-o", out, src)...).CombinedOutput(); err != nil {
		t.Fatalf("clang %s: %v\n%s", src, err, b)
	}
	return out
}

// Rust builds the Rust source src for wasm32-wasi (or its new name,
// wasm32-wasip1) with rustc and the given flags ("-O", "-g").
func Rust(t testing.TB, src string, flags ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), ".rs")+".wasm")
	// A rustup toolchain first in PATH may lack the wasm standard library
	// that Debian's rustc has; take the first rustc that has it.
	var tried []string
	for _, rustc := range []string{"rustc", "/usr/bin/rustc"} {
		path, err := exec.LookPath(rustc)
		if err != nil {
			continue
		}
		for _, target := range []string{"wasm32-wasi", "wasm32-wasip1"} {
			args := append([]string{"--target", target}, flags...)
			b, err := exec.Command(path, append(args, "-o", out, src)...).CombinedOutput()
			if err == nil {
				return out
			}
			tried = append(tried, path+" --target "+target+": "+firstLine(string(b)))
		}
	}
	Need(t, "rustc for wasm32-wasi", "rustc libstd-rust-dev-wasm32", &buildError{tried})
	return ""
}

type buildError struct{ tried []string }

func (e *buildError) Error() string {
	if len(e.tried) == 0 {
		return "no rustc found"
	}
	return strings.Join(e.tried, "; ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// Go builds the Go package in pkgDir for GOOS=wasip1 with go build and the
// given flags.
func Go(t testing.TB, pkgDir string, flags ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(pkgDir)+".wasm")
	args := append([]string{"build", "-o", out}, flags...)
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), append(args, ".")...)
	cmd.Dir = pkgDir
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkgDir, err, b)
	}
	return out
}
