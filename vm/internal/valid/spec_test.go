package valid

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/internal/spectest"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// loadModule turns a script module into a module structure; ok is false
// when it is malformed (text or binary), which is not this package's test.
func loadModule(sm *text.ScriptModule, wasm2 bool) (*syntax.Module, bool) {
	switch sm.Source {
	case text.ModuleText:
		return sm.Text, sm.Text != nil
	case text.ModuleBinary:
		m, err := binary.DecodeConfig(sm.Binary, binary.Config{Wasm2: wasm2})
		return m, err == nil
	case text.ModuleQuote:
		m, err := text.ParseModuleWith([]byte(sm.Quote), "quote", text.Options{Wasm2: wasm2})
		return m, err == nil
	}
	return nil, false
}

// specResult counts one version's outcome.
type specResult struct {
	valid, invalid, exactMsg int
	failures                 []string
	otherMsg                 []string // rejected with a message other than the spec's
}

func runSpecValidation(t *testing.T, version string) specResult {
	wasm2 := version == "wasm-2.0"
	files, err := filepath.Glob(filepath.Join(spectest.Dir(t, version), "*.wast"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts in %s", version)
	}
	var res specResult
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		script, err := text.ParseScriptWith(src, filepath.Base(f), text.Options{Wasm2: wasm2})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := version + "/" + filepath.Base(f)
		for _, cmd := range script.Commands {
			var sm *text.ScriptModule
			wantErr := ""
			switch c := cmd.(type) {
			case *text.ScriptModule:
				sm = c
			case *text.AssertModule:
				switch c.Kind {
				case text.AssertInvalid:
					sm, wantErr = c.Module, c.Message
				case text.AssertUnlinkable, text.AssertUninstantiable:
					sm = c.Module
				default:
					continue
				}
			default:
				continue
			}
			m, ok := loadModule(sm, wasm2)
			if !ok {
				if wantErr == "" {
					res.failures = append(res.failures, fmt.Sprintf("%s:%d: module does not load", name, cmd.Position().Line))
				}
				continue
			}
			err := ValidateConfig(m, Config{Wasm2: wasm2})
			where := fmt.Sprintf("%s:%d", name, cmd.Position().Line)
			if wantErr == "" {
				res.valid++
				if err != nil {
					res.failures = append(res.failures, fmt.Sprintf("%s: valid module rejected: %v", where, err))
				}
				continue
			}
			res.invalid++
			var e *Error
			switch {
			case err == nil:
				res.failures = append(res.failures, fmt.Sprintf("%s: invalid module accepted, want %q", where, wantErr))
			case !errors.As(err, &e):
				res.failures = append(res.failures, fmt.Sprintf("%s: error of type %T", where, err))
			case strings.HasPrefix(e.Msg, wantErr):
				res.exactMsg++
			default:
				res.otherMsg = append(res.otherMsg, fmt.Sprintf("%s: got %q, spec says %q", where, e.Msg, wantErr))
			}
		}
	}
	return res
}

// TestSpecValidation validates every module of the suite: the modules
// scripts expect to be valid (including those that fail only at link or
// instantiation time) must pass, every assert_invalid module must fail.
func TestSpecValidation(t *testing.T) {
	for _, version := range []string{"wasm-2.0", "wasm-3.0"} {
		t.Run(version, func(t *testing.T) {
			res := runSpecValidation(t, version)
			for _, f := range res.failures {
				t.Error(f)
			}
			for _, f := range res.otherMsg {
				t.Log(f)
			}
			t.Logf("%d valid modules accepted, %d invalid rejected (%d with the spec's message)",
				res.valid, res.invalid, res.exactMsg)
		})
	}
}
