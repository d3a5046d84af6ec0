package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
)

func specScripts(t testing.TB, version string) []string {
	files, err := filepath.Glob(filepath.Join(spectest.Dir(t, version), "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in %s", spectest.Dir(t, version))
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
