package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// specDir finds the spec test suite: $WASM_SPEC_DIR, or ../shared/spec
// relative to the repository root. Under CI a missing suite fails the test.
func specDir(t testing.TB) string {
	dir := os.Getenv("WASM_SPEC_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "spec")
	}
	if _, err := os.Stat(filepath.Join(dir, "wasm-2.0")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("spec suite not found at %s: set WASM_SPEC_DIR", dir)
		}
		t.Skipf("spec suite not found at %s: put the suite there (wasm-2.0/, wasm-3.0/) or set WASM_SPEC_DIR", dir)
	}
	return dir
}

func specScripts(t testing.TB, version string) []string {
	files, err := filepath.Glob(filepath.Join(specDir(t), version, "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in %s/%s", specDir(t), version)
	}
	return files
}

func parseSpecScript(t *testing.T, file string) *Script {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ParseScript(src, filepath.Base(file))
	if err != nil {
		t.Fatalf("ParseScript: %v", err)
	}
	return s
}

// TestSpecScriptsParse parses every script of both suites.
func TestSpecScriptsParse(t *testing.T) {
	for _, v := range []string{"wasm-2.0", "wasm-3.0"} {
		for _, f := range specScripts(t, v) {
			t.Run(v+"/"+strings.TrimSuffix(filepath.Base(f), ".wast"), func(t *testing.T) {
				s := parseSpecScript(t, f)
				if len(s.Commands) == 0 {
					t.Fatal("no commands")
				}
			})
		}
	}
}

// TestSpecQuotedModules checks the 2.0 suite's quoted modules: those in
// assert_malformed must be rejected, the others must parse.
func TestSpecQuotedModules(t *testing.T) {
	for _, f := range specScripts(t, "wasm-2.0") {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".wast"), func(t *testing.T) {
			s := parseSpecScript(t, f)
			for _, c := range s.Commands {
				var m *ScriptModule
				malformed := false
				switch c := c.(type) {
				case *ScriptModule:
					m = c
				case *AssertModule:
					m, malformed = c.Module, c.Kind == AssertMalformed
				case *AssertTrap:
					m = c.Module
				}
				if m == nil || m.Source != ModuleQuote {
					continue
				}
				_, err := ParseModuleWith([]byte(m.Quote), "quote", Options{Wasm2: true})
				if malformed && err == nil {
					t.Errorf("%s: malformed module parsed:\n%s", c.Position(), m.Quote)
				}
				if !malformed && err != nil {
					t.Errorf("%s: %v", c.Position(), err)
				}
			}
		})
	}
}
