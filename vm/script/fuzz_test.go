package script

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
)

// FuzzRun feeds arbitrary scripts through the whole pipeline (parser,
// decoder, validator, compiler, engine). Whatever the input, Run must
// return verdicts: no command may end in a Go panic, whether the runner
// recovered it or the engine turned it into an "internal error" trap.
func FuzzRun(f *testing.F) {
	seeds := []string{
		``,
		`(module (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
(assert_return (invoke "f" (i32.const 1)) (i32.const 2))`,
		`(module (memory 1) (func (export "s") (param i32) (i32.store (local.get 0) (i32.const 7))))
(assert_trap (invoke "s" (i32.const 65536)) "out of bounds memory access")`,
		`(module (func $r (export "r") (call $r)))
(assert_exhaustion (invoke "r") "call stack exhausted")`,
		`(module (table 1 funcref) (func (export "c") (call_indirect (i32.const 0))))
(assert_trap (invoke "c") "uninitialized element")`,
		`(assert_malformed (module binary "\00asm\01\00\00\00\01\04\01\60\00") "unexpected end")`,
		`(assert_invalid (module (func (result i32))) "type mismatch")`,
		`(module $a (global (export "g") (mut i64) (i64.const 5))) (register "a" $a)
(module (import "a" "g" (global (mut i64))) (func (export "v") (result v128) (v128.const f32x4 nan 1 -0 inf)))
(assert_return (invoke "v") (v128.const f32x4 nan:canonical 1 -0 inf))
(assert_return (get $a "g") (i64.const 5))`,
		`(module (func (export "loop") (loop (br 0))))
(invoke "loop")`,
		`(module (tag $e (export "e") (param i32))
  (func $t (export "t") (param i32) (throw $e (local.get 0)))
  (func (export "c") (result i32)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h) (call $t (i32.const 3))) (unreachable))
    (drop))
  (func (export "r") (block $h (result exnref) (try_table (catch_all_ref $h) (call $t (i32.const 1))) (unreachable)) (throw_ref)))
(assert_return (invoke "c") (i32.const 3))
(assert_exception (invoke "r"))
(assert_exception (invoke "t" (i32.const 0)))`,
		`(module
  (type $p (sub (struct (field (mut i32)) (field i8))))
  (type $q (sub $p (struct (field (mut i32)) (field i8) (field anyref))))
  (type $a (array (mut i16)))
  (global $g (mut anyref) (ref.i31 (i32.const 5)))
  (func (export "s") (result i32)
    (local $x (ref null $p))
    (local.set $x (struct.new $q (i32.const 1) (i32.const 300) (global.get $g)))
    (struct.set $p 0 (local.get $x) (i32.const 7))
    (i32.add (struct.get $p 0 (local.get $x)) (struct.get_s $p 1 (ref.cast (ref $q) (local.get $x)))))
  (func (export "a") (param i32) (result i32)
    (local $v (ref $a))
    (local.set $v (array.new $a (i32.const -1) (local.get 0)))
    (array.fill $a (local.get $v) (i32.const 1) (i32.const 2) (i32.const 1))
    (array.copy $a $a (local.get $v) (i32.const 0) (local.get $v) (i32.const 1) (i32.const 2))
    (i32.add (array.get_u $a (local.get $v) (i32.const 0)) (array.len (local.get $v))))
  (func (export "i") (param anyref) (result i32)
    (block $no (result anyref) (br_on_cast_fail $no anyref (ref i31) (local.get 0)) (i31.get_s) (return))
    (drop) (i32.const -1)))
(assert_return (invoke "s") (i32.const 51))
(assert_return (invoke "a" (i32.const 4)) (i32.const 6))
(assert_trap (invoke "a" (i32.const 1)) "out of bounds array access")
(assert_return (invoke "i" (ref.null any)) (i32.const -1))`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// The suite's small scripts, where present, give the fuzzer real
	// modules and assertions to mutate.
	for _, version := range []string{"wasm-2.0", "wasm-3.0"} {
		dir, err := spectest.Path(version)
		if err != nil {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.wast"))
		for _, name := range files {
			if fi, err := os.Stat(name); err == nil && fi.Size() < 4096 {
				if src, err := os.ReadFile(name); err == nil {
					f.Add(string(src))
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		opts := Options{Budget: 10_000}
		opts.Config.MaxCallDepth = 200
		opts.Config.MaxMemoryPages = 16
		opts.Config.MaxTableSize = 1 << 12
		r := Run("fuzz.wast", []byte(src), opts)
		if r.Panics > 0 {
			t.Fatalf("%d panics; failures:\n%s", r.Panics, strings.Join(r.Failures, "\n"))
		}
	})
}
