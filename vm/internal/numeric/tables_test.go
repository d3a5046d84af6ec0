package numeric

import (
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// TestTablesCoverEverySIMDOp checks that each SIMD op of the opcode table
// is in exactly one of the op tables, apart from those the engine does
// itself (memory access, v128.const) and i8x16.shuffle (I8x16Shuffle).
func TestTablesCoverEverySIMDOp(t *testing.T) {
	tables := map[string]func(syntax.Op) bool{
		"V128Unary":      func(op syntax.Op) bool { _, ok := V128Unary[op]; return ok },
		"V128Binary":     func(op syntax.Op) bool { _, ok := V128Binary[op]; return ok },
		"V128Ternary":    func(op syntax.Op) bool { _, ok := V128Ternary[op]; return ok },
		"V128Shift":      func(op syntax.Op) bool { _, ok := V128Shift[op]; return ok },
		"V128Test":       func(op syntax.Op) bool { _, ok := V128Test[op]; return ok },
		"V128Splat":      func(op syntax.Op) bool { _, ok := V128Splat[op]; return ok },
		"V128Extract":    func(op syntax.Op) bool { _, ok := V128Extract[op]; return ok },
		"V128Replace":    func(op syntax.Op) bool { _, ok := V128Replace[op]; return ok },
		"V128LoadExtend": func(op syntax.Op) bool { _, ok := V128LoadExtend[op]; return ok },
	}
	shapes := []string{"v128.", "i8x16.", "i16x8.", "i32x4.", "i64x2.", "f32x4.", "f64x2."}
	checked := 0
	for _, info := range syntax.Ops() {
		if !hasAnyPrefix(info.Name, shapes) {
			continue
		}
		var in []string
		for name, has := range tables {
			if has(info.Op) {
				in = append(in, name)
			}
		}
		exempt := info.Op == syntax.OpV128Const || info.Op == syntax.OpI8x16Shuffle ||
			(strings.Contains(info.Name, "load") || strings.Contains(info.Name, "store")) && len(in) == 0
		switch {
		case exempt:
		case len(in) != 1:
			t.Errorf("%s (%#x) is in %d tables %v, want exactly 1", info.Name, uint32(info.Op), len(in), in)
		default:
			checked++
		}
	}
	// Every table entry must be a SIMD op of the opcode table, too.
	total := len(V128Unary) + len(V128Binary) + len(V128Ternary) + len(V128Shift) + len(V128Test) +
		len(V128Splat) + len(V128Extract) + len(V128Replace) + len(V128LoadExtend)
	if checked != total {
		t.Errorf("tables hold %d ops, but %d SIMD ops of syntax.Ops are in one", total, checked)
	}
	if checked < 230 {
		t.Errorf("only %d SIMD ops checked; is the opcode table complete?", checked)
	}
}

// TestTableSignatures checks each table against the fixed signatures of the
// opcode table, so an op is never filed under the wrong operand form.
func TestTableSignatures(t *testing.T) {
	check := func(table string, op syntax.Op, want ...string) {
		info, ok := syntax.Info(op)
		if !ok {
			t.Errorf("%s: op %#x is not in syntax.Ops", table, uint32(op))
			return
		}
		for _, w := range want {
			if info.Sig == w {
				return
			}
		}
		t.Errorf("%s: %s has signature %q, want one of %q", table, info.Name, info.Sig, want)
	}
	for op := range V128Unary {
		check("V128Unary", op, "v>v")
	}
	for op := range V128Binary {
		check("V128Binary", op, "vv>v")
	}
	for op := range V128Ternary {
		check("V128Ternary", op, "vvv>v")
	}
	for op := range V128Shift {
		check("V128Shift", op, "vi>v")
	}
	for op := range V128Test {
		check("V128Test", op, "v>i")
	}
	for op := range V128Splat {
		check("V128Splat", op, "i>v", "I>v", "f>v", "F>v")
	}
	for op := range V128Extract {
		check("V128Extract", op, "v>i", "v>I", "v>f", "v>F")
	}
	for op := range V128Replace {
		check("V128Replace", op, "vi>v", "vI>v", "vf>v", "vF>v")
	}
	for op := range V128LoadExtend {
		check("V128LoadExtend", op, "a>v")
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
