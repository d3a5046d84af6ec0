package text

import (
	"bytes"
	"testing"
)

// fuzzSeeds are small modules covering the grammar's corners, well formed
// and not.
var fuzzSeeds = []string{
	`(module)`,
	`(module $m (func $f (param $x i32) (result i32) (local.get $x)))`,
	`(func (export "f") (result i32) (block $b (result i32) (br_if $b (i32.const 1) (i32.const 0))))`,
	`(module (type $t (func (param i32))) (func (type $t) (param i32)) (table 1 funcref) (elem (i32.const 0) 0))`,
	`(memory 1) (data (i32.const 0) "a\n\t\\\"\u{1F600}\ff")`,
	`(global $g (mut f64) (f64.const -0x1.8p+3)) (func (global.set $g (f64.const nan:0x1)))`,
	`(func (v128.const f32x4 1 -inf nan 0x1p-149) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) drop)`,
	`(func (if (result i32) (i32.const 1) (then (i32.const 2)) (else (i32.const 3))) drop)`,
	`(func block $a loop $b br $a end $b end $a)`,
	`(rec (type $s (sub (struct (field $x (mut i8))))) (type (sub final $s (struct (field i8) (field i32)))))`,
	`(type $a (array (mut i16))) (func (array.new_fixed $a 2 (i32.const 1) (i32.const 2)) drop)`,
	`(tag $e (param i32)) (func (try_table (catch $e 0) (throw $e (i32.const 1))))`,
	`(memory i64 1) (func (i64.load offset=0x1_0000_0000 align=8 (i64.const 0)) drop)`,
	`(func (@annot "x" (nested)) nop (; block ;) ;; line` + "\n)",
	`(import "m" "f" (func $f (param i32))) (func (call $f (i32.const 0)))`,
	`(func (local $x i32) (local.get $y))`,
	`(func (i32.const 0x1_0000_0000))`,
	`(func $"quoted id" (call $"quoted id"))`,
	`(func (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)) drop)`,
	`(table $t 1 (ref null func)) (func (ref.test (ref null func) (table.get $t (i32.const 0))) drop)`,
	`(func (br_on_cast 0 anyref (ref i31) (ref.null any)) drop)`,
	"(module (func \"\xff\"))",
	`(module (func (`,
}

func FuzzParseModule(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := ParseModule(src, "fuzz.wat")
		if err != nil {
			return
		}
		// What parses must print as text that parses again.
		var b bytes.Buffer
		if err := Print(&b, m); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseModule(b.Bytes(), "printed.wat"); err != nil {
			t.Fatalf("printed module does not parse: %v\n%s", err, b.String())
		}
	})
}

func FuzzParseScript(f *testing.F) {
	for _, s := range []string{
		`(module $M (func (export "f") (param i32) (result i32) (local.get 0)))
		 (register "M" $M)
		 (assert_return (invoke $M "f" (i32.const 1)) (i32.const 1))
		 (assert_return (invoke "g") (f32.const nan:canonical) (either (i32.const 1) (i32.const 2)))
		 (assert_return (invoke "v") (v128.const f64x2 nan:arithmetic 1.5))
		 (assert_trap (invoke "f" (ref.extern 1) (ref.null func)) "unreachable")
		 (assert_malformed (module quote "(func") "unexpected end")
		 (assert_invalid (module binary "\00asm") "type mismatch")
		 (module definition $D (func)) (module instance $I $D)
		 (assert_exception (invoke "t"))
		 (assert_return (get $I "g") (ref.func) (ref.null) (ref.extern))`,
		`(func) (memory 1)`,
		`(assert_exhaustion (invoke "f") "call stack exhausted"`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = ParseScript(src, "fuzz.wast")
	})
}
