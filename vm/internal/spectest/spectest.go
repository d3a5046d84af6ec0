// Package spectest finds the WebAssembly specification's test suite for the
// engine's tests: $WASM_SPEC_DIR, else ../shared/spec beside the module
// root, each holding one folder per version (wasm-2.0/, wasm-3.0/).
package spectest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Path returns where the suite of version ("wasm-2.0") should be.
func Path(version string) (string, error) {
	if d := os.Getenv("WASM_SPEC_DIR"); d != "" {
		return filepath.Join(d, version), nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "spec", version), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Dir returns the folder of version's scripts. When it is missing, the test
// fails under CI=true (CI must run the suite) and is skipped elsewhere, with
// a message saying where to put the suite.
func Dir(tb testing.TB, version string) string {
	tb.Helper()
	dir, err := Path(version)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		msg := "spec suite not found at " + dir + ": put the suite's " + version +
			" .wast files there, or set WASM_SPEC_DIR to the folder holding " + version + "/"
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return dir
}
