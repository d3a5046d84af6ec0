package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
)

// The real programs of testprograms/, built by the toolchains that make
// WASI programs in the wild, must print what they print natively.

const programsDir = "../../testprograms"

// needToolchain skips the test (or fails it under CI=true) when a tool is
// missing, naming the Debian packages that provide it.
func needToolchain(t *testing.T, what, packages string, err error) {
	t.Helper()
	toolchain.Need(t, what, packages, err)
}

func buildC(t *testing.T, src string) string {
	return toolchain.C(t, src, "-O1", "-Wall", "-Werror")
}

func buildRust(t *testing.T, src string) string { return toolchain.Rust(t, src, "-O") }

func buildGo(t *testing.T, pkgDir string) string { return toolchain.Go(t, pkgDir) }

// runCLI runs wasmscope with args and stdin, returning stdout, stderr and
// the exit status.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := mainWith(args, strings.NewReader(stdin), &stdout, &stderr)
	return stdout.String(), stderr.String(), status
}

func TestHelloWorlds(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	programs := []struct {
		name  string
		build func(t *testing.T) string
	}{
		{"book WAT", func(*testing.T) string { return filepath.Join(programsDir, "wat", "hello.wat") }},
		{"Go wasip1", func(t *testing.T) string { return buildGo(t, filepath.Join(programsDir, "go", "hello")) }},
	}
	for _, p := range programs {
		t.Run(p.name, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, "", "run", p.build(t))
			if stdout != "Hello, World!\n" || status != 0 {
				t.Errorf("stdout %q, status %d, stderr %q", stdout, status, stderr)
			}
		})
	}
}

// wasitestWant is what every wasitest prints, language by language where
// their libraries differ.
var wasitestWant = map[string]string{
	"c": `argc=5
arg[3]=x
arg[4]=y z
GREETING=hi
stdin: some input
read after seek: file
size after truncate: 5 regular=1
mtime: 1234567890.000000500
readdir: b.txt c.txt sub
files ok
slept at least 20ms: yes
realtime after 2020: yes
random: ok
`,
	"rust": `argc=5
arg[3]=x
arg[4]=y z
GREETING=hi
stdin: some input
read after seek: file
size after truncate: 5 regular=1
mtime recent: yes
old name exists: false
readdir: b.txt c.txt sub
remove non-empty dir fails: true
d exists: false
files ok
slept at least 20ms: yes
realtime after 2020: yes
`,
	"go": `argc=5
arg[3]=x
arg[4]=y z
GREETING=hi
stdin: some input
read after seek: file
size after truncate: 5 regular=true
mtime: 1234567890.000000500
old name gone: true
readdir: [b.txt c.txt sub]
remove non-empty dir fails: true
d gone: true
files ok
slept at least 20ms: true
realtime after 2020: true
random: true
`,
}

func TestWasitestPrograms(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	programs := []struct {
		lang   string
		status string
		build  func(t *testing.T) string
	}{
		{"c", "7", func(t *testing.T) string { return buildC(t, filepath.Join(programsDir, "c", "wasitest.c")) }},
		{"rust", "5", func(t *testing.T) string { return buildRust(t, filepath.Join(programsDir, "rust", "wasitest.rs")) }},
		{"go", "6", func(t *testing.T) string { return buildGo(t, filepath.Join(programsDir, "go", "wasitest")) }},
	}
	for _, p := range programs {
		t.Run(p.lang, func(t *testing.T) {
			wasm := p.build(t)
			box := t.TempDir()
			stdout, stderr, status := runCLI(t, "some input\nmore\n",
				"run", "--mount", box+":/sandbox", "--env", "GREETING=hi", wasm, "/sandbox", p.status, "x", "y z")
			if want := wasitestWant[p.lang]; stdout != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
			}
			if stderr != "to stderr\n" {
				t.Errorf("stderr %q", stderr)
			}
			if want := p.status; status != int(want[0]-'0') {
				t.Errorf("exit status %d, want %s", status, want)
			}
			// The program removed everything it made in its directory.
			if entries, _ := os.ReadDir(box); len(entries) != 0 {
				t.Errorf("left behind %v", entries)
			}
		})
	}
}
