package script

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The runner's own verdicts: each script gives known counts, and failures
// name the line and say what was expected and what happened.
func TestRunVerdicts(t *testing.T) {
	const mod = `(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
  (func (export "loop") (loop (br 0)))
  (func (export "rec") (call 4))
  (global (export "g") i64 (i64.const -7))
)
`
	tests := []struct {
		name                    string
		script                  string
		passed, failed, skipped int
		failure                 string // a substring of one of the failures
	}{
		{"passing", mod + `
(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (get "g") (i64.const -7))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_exhaustion (invoke "rec") "call stack exhausted")
(invoke "add" (i32.const 0) (i32.const 0))
`, 7, 0, 0, ""},
		{"wrong result", mod + `(assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))`,
			1, 1, 0, `:9: invoke "add" (i32.const 1 (0x1)) (i32.const 2 (0x2)): expected (i32.const 4 (0x4)), got (i32.const 3 (0x3))`},
		{"trap instead of results", mod + `(assert_return (invoke "div" (i32.const 1) (i32.const 0)) (i32.const 0))`,
			1, 1, 0, `expected (i32.const 0 (0x0)), got the trap "integer divide by zero"`},
		{"v128 lanes in the expected shape", `(module (func (export "v") (result v128) (v128.const f32x4 nan 1 2 4)))
(assert_return (invoke "v") (v128.const f32x4 nan:canonical 1 2 3))`,
			1, 1, 0, `expected (v128.const f32x4 nan:canonical 0x3f800000 0x40000000 0x40400000), got (v128.const f32x4 0x7fc00000 0x3f800000 0x40000000 0x40800000)`},
		{"wrong trap message", mod + `(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer overflow")`,
			1, 1, 0, `expected trap "integer overflow", got the trap "integer divide by zero"`},
		{"no trap", mod + `(assert_trap (invoke "add" (i32.const 1) (i32.const 0)) "unreachable")`,
			1, 1, 0, `expected trap "unreachable", got (i32.const 1 (0x1))`},
		{"budget", mod + `(invoke "loop")`, 1, 1, 0, "instruction budget exhausted"},
		{"invalid module is invalid", `(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")`, 1, 0, 0, ""},
		{"valid module is not invalid", `(assert_invalid (module (func)) "type mismatch")`, 0, 1, 0, "the module validated"},
		{"malformed quote", `(assert_malformed (module quote "(func (i32.const))") "unexpected token")`, 1, 0, 0, ""},
		{"well-formed quote is not malformed", `(assert_malformed (module quote "(func)") "unexpected token")`, 0, 1, 0, "the module decoded"},
		{"malformed binary", `(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")`, 1, 0, 0, ""},
		{"unlinkable", `(assert_unlinkable (module (import "spectest" "nothing" (func))) "unknown import")`, 1, 0, 0, ""},
		{"unlinkable for another reason", `(assert_unlinkable (module (import "spectest" "nothing" (func))) "incompatible import type")`,
			0, 1, 0, `got the link error "unknown import`},
		{"linkable is not unlinkable", `(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import")`,
			0, 1, 0, "the module linked"},
		{"start traps", `(assert_trap (module (func $s unreachable) (start $s)) "unreachable")`, 1, 0, 0, ""},
		{"register and import", `(module $a (func (export "f") (result i32) (i32.const 42)))
(register "a" $a)
(module (import "a" "f" (func $f (result i32))) (func (export "g") (result i32) (call $f)))
(assert_return (invoke "g") (i32.const 42))
(assert_return (invoke $a "f") (i32.const 42))`, 5, 0, 0, ""},
		{"failed module is not replaced by the one before", `(module (func (export "f") (result i32) (i32.const 1)))
(module (func (export "f") (result i32) (i64.const 1)))
(assert_return (invoke "f") (i32.const 1))`, 1, 2, 0, "the module of line 2 did not instantiate"},
		{"failed named module", `(module $m (func (export "f") (result i32) (i32.const 1)))
(module $m (func (export "f") (result i32) (i64.const 1)))
(assert_return (invoke $m "f") (i32.const 1))`, 1, 2, 0, "the module $m of line 2 did not instantiate"},
		{"empty", ``, 0, 0, 0, ""},
		{"unparsable", `(module (func (result i32) (i32.const 1))`, 0, 1, 0, "script does not parse"},
		{"register before any module", `(register "m")`, 0, 1, 0, "no module instantiated yet"},
		{"binary garbage", `(module binary "\00asm\01\00\00\00\ff")`, 0, 1, 0, "module should compile"},
		{"definition and instances", `(module definition $d (global (export "g") i32 (i32.const 3)))
(module instance $i1 $d)
(module instance $i2 $d)
(assert_return (get $i1 "g") (i32.const 3))
(assert_return (get $i2 "g") (i32.const 3))
(module instance $i3 $nope)`, 5, 1, 0, "no module definition $nope"},
		{"unknown instance", `(assert_return (invoke $nope "f"))`, 0, 1, 0, "no instance named $nope"},
		{"spectest", `(module
  (import "spectest" "print_i32" (func $p (param i32)))
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "table" (table 10 funcref))
  (import "spectest" "memory" (memory 1 2))
  (func (export "f") (result i32) (call $p (global.get $g)) (global.get $g)))
(assert_return (invoke "f") (i32.const 666))`, 2, 0, 0, ""},
	}
	for _, mode := range modes {
		for _, tt := range tests {
			t.Run(mode.name+"/"+tt.name, func(t *testing.T) {
				opts := mode.opts
				opts.Budget = 100_000
				opts.Config.MaxCallDepth = 1000
				r := Run("test.wast", []byte(tt.script), opts)
				if r.Passed != tt.passed || r.Failed != tt.failed || r.Skipped != tt.skipped {
					t.Errorf("%d passed, %d failed, %d skipped; want %d, %d, %d\nfailures: %q\nskips: %q",
						r.Passed, r.Failed, r.Skipped, tt.passed, tt.failed, tt.skipped, r.Failures, r.Skips)
				}
				if tt.failure != "" && !strings.Contains(strings.Join(r.Failures, "\n"), tt.failure) {
					t.Errorf("failures %q, want one containing %q", r.Failures, tt.failure)
				}
			})
		}
	}
}

func TestSpectestPrint(t *testing.T) {
	const script = `(module
  (import "spectest" "print" (func $p))
  (import "spectest" "print_i32" (func $i (param i32)))
  (import "spectest" "print_i64" (func $I (param i64)))
  (import "spectest" "print_f32" (func $f (param f32)))
  (import "spectest" "print_f64" (func $F (param f64)))
  (import "spectest" "print_i32_f32" (func $if (param i32 f32)))
  (import "spectest" "print_f64_f64" (func $FF (param f64 f64)))
  (import "spectest" "global_i64" (global $gI i64))
  (import "spectest" "global_f32" (global $gf f32))
  (import "spectest" "global_f64" (global $gF f64))
  (func (export "run")
    (call $p) (call $i (i32.const -1)) (call $I (global.get $gI)) (call $f (global.get $gf))
    (call $F (global.get $gF)) (call $if (i32.const 1) (f32.const 0.5)) (call $FF (f64.const 1) (f64.const -0))))
(invoke "run")`
	var out bytes.Buffer
	r := Run("print.wast", []byte(script), Options{Print: &out})
	if r.Passed != 2 || r.Failed != 0 {
		t.Fatalf("%d passed, %d failed: %q", r.Passed, r.Failed, r.Failures)
	}
	const want = "-1 : i32\n666 : i64\n666.6 : f32\n666.6 : f64\n1 : i32\n0.5 : f32\n1 : f64\n-0 : f64\n"
	if out.String() != want {
		t.Errorf("printed %q, want %q", out.String(), want)
	}
}

func TestMainOutput(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.wast")
	bad := filepath.Join(dir, "bad.wast")
	const mod = `(module (func (export "one") (result i32) (i32.const 1)))` + "\n"
	if err := os.WriteFile(good, []byte(mod+`(assert_return (invoke "one") (i32.const 1))`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(mod+`(assert_return (invoke "one") (i32.const 2))`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		files  []string
		status int
		out    []string // lines of stdout, in order
	}{
		{[]string{good}, 0, []string{"good.wast: 2 passed, 0 failed", "2 passed, 0 failed, 0 skipped"}},
		{[]string{good, bad}, 1, []string{
			"good.wast: 2 passed, 0 failed",
			"  FAIL " + bad + `:2: invoke "one": expected (i32.const 2 (0x2)), got (i32.const 1 (0x1))`,
			"bad.wast: 1 passed, 1 failed",
			"3 passed, 1 failed, 0 skipped",
		}},
		{[]string{good, filepath.Join(dir, "missing.wast")}, 1, []string{
			"good.wast: 2 passed, 0 failed",
			"missing.wast: 0 passed, 1 failed",
			"2 passed, 1 failed, 0 skipped",
		}},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		status := Main(&stdout, &stderr, tt.files, Options{})
		if status != tt.status {
			t.Errorf("Main(%v) = %d, want %d", tt.files, status, tt.status)
		}
		if got := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n"); strings.Join(got, "\n") != strings.Join(tt.out, "\n") {
			t.Errorf("Main(%v) printed\n%s\nwant\n%s", tt.files, stdout.String(), strings.Join(tt.out, "\n"))
		}
	}
}

// A module assertion that fails at the right stage holds whatever the
// message, but a message other than the reference interpreter's is noted.
func TestRunNotes(t *testing.T) {
	tests := []struct {
		script string
		notes  int
	}{
		{`(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")`, 0},
		{`(assert_invalid (module (func (result i32) (i64.const 0))) "unknown table")`, 1},
		{`(assert_unlinkable (module (import "spectest" "nothing" (func))) "unknown import")`, 0},
	}
	for _, tt := range tests {
		r := Run("notes.wast", []byte(tt.script), Options{})
		if r.Passed != 1 || len(r.Notes) != tt.notes {
			t.Errorf("%s: %d passed, notes %q; want 1 passed, %d notes", tt.script, r.Passed, r.Notes, tt.notes)
		}
	}
}
