package vm_test

import (
	"errors"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/internal/valid"
	"github.com/wasmscope/wasmscope/vm/text"
)

// TestCompileTextValidationPositions checks that a text module's
// validation errors name the file, line and column of the instruction or
// field at fault, and the instruction.
func TestCompileTextValidationPositions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"folded", `(module
  (func (result i32)
    (i32.add (i32.const 1)
             (i64.const 2))))`,
			"t.wat:3:6: type mismatch in i32.add: expected i32, found i64"},
		{"plain", `(module
  (func (param i64) (result i32)
    i32.const 1
    local.get 0
    i32.sub))`,
			"t.wat:5:5: type mismatch in i32.sub: expected i32, found i64"},
		{"function end", `(module
  (func (result i32)
    i64.const 0))`,
			"t.wat:3:16: type mismatch at the end of the function: expected i32, found i64"},
		{"block end", `(module
  (func
    block (result i32)
      nop
    end
    drop))`,
			"t.wat:5:5: type mismatch at the end of the block: expected i32, found nothing"},
		{"unknown local", `(module
  (func (param i32)
    (drop (local.get 1))))`,
			"t.wat:3:12: unknown local 1 in local.get"},
		{"unknown function", `(module
  (func $f)
  (func
    nop
    call 5))`,
			"t.wat:5:5: unknown function 5 in call"},
		{"unknown global", `(module
  (global i32 (i32.const 0))
  (func (result i32) (global.get 1)))`,
			"t.wat:3:23: unknown global 1 in global.get"},
		{"global initializer type", `(module
  (global $g i32
    (i64.const 0)))`,
			"t.wat:3:6: type mismatch at the end of the constant expression: expected i32, found i64"},
		{"empty global initializer", `(module
  (global i64))`,
			"t.wat:2:3: type mismatch at the end of the constant expression: expected i64, found nothing"},
		{"global initializer not constant", `(module
  (func $f)
  (global funcref (ref.func $f))
  (global i32 (i32.const 1) (call 0)))`,
			"t.wat:4:30: constant expression required in call"},
		{"duplicate export", `(module
  (func $a (export "run"))
  (memory 1)
  (export "run" (memory 0)))`,
			`t.wat:4:3: duplicate export name`},
		{"duplicate inline export", `(module
  (func (export "run"))
  (func (export "run")))`,
			`t.wat:3:3: duplicate export name`},
		{"start type", `(module
  (func $main (param i32))
  (start $main))`,
			"t.wat:3:3: start function must have type [] -> []"},
		{"start unknown", `(module
  (start 4))`,
			"t.wat:2:3: unknown function 4"},
		{"import type", `(module
  (type (func))
  (import "env" "f" (func (type 3))))`,
			"t.wat:3:3: unknown type 3"},
		{"elem table", `(module
  (elem (table 2) (i32.const 0) func))`,
			"t.wat:2:3: unknown table 2"},
		{"data offset", `(module
  (memory 1)
  (data (offset (i64.const 0)) "hi"))`,
			"t.wat:3:18: type mismatch at the end of the constant expression: expected i32, found i64"},
		{"bare fields", `(func (result f32)
  f64.const 1)`,
			"t.wat:2:14: type mismatch at the end of the function: expected f32, found f64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vm.CompileText([]byte(tt.src), "t.wat")
			if err == nil || err.Error() != tt.want {
				t.Fatalf("CompileText error = %v\nwant %s", err, tt.want)
			}
			var te *text.Error
			var ve *valid.Error
			if !errors.As(err, &te) || !errors.As(err, &ve) {
				t.Fatalf("error %T is not a *text.Error wrapping a *valid.Error", err)
			}
		})
	}
}

// TestCompileTextKeepsOffsets checks that a text module's instructions get
// the byte offsets of its binary encoding, which traces and breakpoints
// use.
func TestCompileTextKeepsOffsets(t *testing.T) {
	m, err := vm.CompileText([]byte(`(module (func (result i32) i32.const 1))`), "t.wat")
	if err != nil {
		t.Fatal(err)
	}
	body, err := m.Body(0)
	if err != nil {
		t.Fatal(err)
	}
	// Header 8, type section 7, function section 4, code section id,
	// size and count 3, body size 1, local declarations 1: i32.const is
	// at 0x18.
	if body[0].Offset != 0x18 {
		t.Errorf("i32.const at offset %#x, want 0x18", body[0].Offset)
	}
}
