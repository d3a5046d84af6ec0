package debuginfo_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
)

// Several tests read the same builds of testdata/vars.c and prog.rs; each
// is built once per test binary and kept in buildDir until the tests end.
var (
	buildDir string
	buildsMu sync.Mutex
	builds   = map[string]string{}
)

func TestMain(m *testing.M) {
	d, err := os.MkdirTemp("", "debuginfo-test")
	if err != nil {
		panic(err)
	}
	buildDir = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

// cached returns the module build makes, building it on the first call
// for key only.
func cached(t testing.TB, key string, build func() string) string {
	t.Helper()
	buildsMu.Lock()
	defer buildsMu.Unlock()
	if p, ok := builds[key]; ok {
		return p
	}
	b, err := os.ReadFile(build())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(buildDir, strings.NewReplacer(" ", "_", "/", "_").Replace(key)+".wasm")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	builds[key] = p
	return p
}

// varsC returns testdata/vars.c built with clang and flags.
func varsC(t testing.TB, flags ...string) string {
	return cached(t, "vars.c "+strings.Join(flags, " "), func() string { return toolchain.C(t, "testdata/vars.c", flags...) })
}

// progRust returns testdata/prog.rs built with rustc -g.
func progRust(t testing.TB) string {
	return cached(t, "prog.rs -g", func() string { return toolchain.Rust(t, "testdata/prog.rs", "-g") })
}
