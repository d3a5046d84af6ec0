package text

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

const mapSrc = `(module
  (type $t (func (result i32)))
  (import "env" "g" (global $g i32))
  (import "env" "f" (func $imp))
  (func $add (export "add") (result i32)
    (i32.add (i32.const 1)
             (i64.const 2)))
  (func $plain (param i32) (result i32)
    local.get 0
    if (result i32)
      i32.const 1
    else
      i32.const 2
    end)
  (func $folded
    (if (i32.const 0) (then nop) (else unreachable))
    (block $b (br $b)))
  (table $tab 2 funcref)
  (memory 1)
  (global $h i32 (global.get $g))
  (export "h" (global $h))
  (start $imp)
  (elem (i32.const 0) func $add $plain)
  (data (i32.const 8) "hi")
  (table funcref (elem $add))
)`

func TestSourceMapPositions(t *testing.T) {
	m, sm, err := ParseModuleWithPositions([]byte(mapSrc), "m.wat", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Funcs) != 3 {
		t.Fatalf("%d functions", len(m.Funcs))
	}
	// Function 1 is $add: imports come first in the index space.
	instrs := []struct {
		kind         FieldKind
		idx, item, k int
		line, col    int
		ok           bool
		what         string
	}{
		{FieldFunc, 1, -1, 0, 6, 15, true, "folded operand i32.const"},
		{FieldFunc, 1, -1, 1, 7, 15, true, "folded operand i64.const"},
		{FieldFunc, 1, -1, 2, 6, 6, true, "folded i32.add, after its operands"},
		{FieldFunc, 1, -1, 3, 7, 28, true, "implicit end: the function's ')'"},
		{FieldFunc, 1, -1, 4, 0, 0, false, "past the body"},
		{FieldFunc, 2, -1, 0, 9, 5, true, "local.get"},
		{FieldFunc, 2, -1, 1, 10, 5, true, "plain if"},
		{FieldFunc, 2, -1, 3, 12, 5, true, "plain else"},
		{FieldFunc, 2, -1, 5, 14, 5, true, "plain end"},
		{FieldFunc, 3, -1, 0, 16, 10, true, "folded if's condition"},
		{FieldFunc, 3, -1, 1, 16, 6, true, "folded if"},
		{FieldFunc, 3, -1, 2, 16, 29, true, "nop in then"},
		{FieldFunc, 3, -1, 3, 16, 35, true, "(else"},
		{FieldFunc, 3, -1, 5, 16, 52, true, "folded if's end: its ')'"},
		{FieldFunc, 3, -1, 6, 17, 6, true, "folded block"},
		{FieldFunc, 3, -1, 7, 17, 16, true, "br in the block"},
		{FieldFunc, 3, -1, 8, 17, 22, true, "folded block's end: its ')'"},
		{FieldFunc, 0, -1, 0, 0, 0, false, "an imported function has no body"},
		{FieldGlobal, 1, -1, 0, 20, 19, true, "global initializer"},
		{FieldGlobal, 1, -1, 1, 0, 0, false, "initializer's implicit end"},
		{FieldElem, 0, -1, 0, 23, 10, true, "elem offset"},
		{FieldElem, 0, 1, 0, 23, 33, true, "elem item 1: the function index"},
		{FieldData, 0, -1, 0, 24, 10, true, "data offset"},
		{FieldElem, 1, -1, 0, 25, 3, true, "inline elem's offset: the table field"},
		{FieldElem, 1, 0, 0, 25, 24, true, "inline elem's item"},
	}
	for _, c := range instrs {
		p, ok := sm.ExprInstr(c.kind, c.idx, c.item, c.k)
		if ok != c.ok || (ok && (p.Line != c.line || p.Col != c.col || p.File != "m.wat")) {
			t.Errorf("%s: ExprInstr(%d, %d, %d, %d) = %v, %v; want m.wat:%d:%d, %v", c.what, c.kind, c.idx, c.item, c.k, p, ok, c.line, c.col, c.ok)
		}
	}
	if p, _ := sm.Instr(1, 2); p.Line != 6 || p.Col != 6 {
		t.Errorf("Instr(1, 2) = %v, want m.wat:6:6", p)
	}
	fields := []struct {
		kind      FieldKind
		idx       int
		line, col int
		ok        bool
	}{
		{FieldType, 0, 2, 3, true},
		{FieldType, 1, 4, 3, true}, // [] -> [], which $imp's type use appends
		{FieldType, 2, 8, 3, true}, // $plain's; $add's is $t
		{FieldImport, 1, 4, 3, true},
		{FieldGlobal, 0, 3, 3, true},
		{FieldGlobal, 1, 20, 3, true},
		{FieldFunc, 0, 4, 3, true},
		{FieldFunc, 1, 5, 3, true},
		{FieldTable, 0, 18, 3, true},
		{FieldTable, 1, 25, 3, true},
		{FieldMemory, 0, 19, 3, true},
		{FieldExport, 0, 5, 3, true},
		{FieldExport, 1, 21, 3, true},
		{FieldExport, 2, 0, 0, false},
		{FieldStart, 0, 22, 3, true},
		{FieldElem, 1, 25, 3, true},
		{FieldData, 0, 24, 3, true},
		{FieldTag, 0, 0, 0, false},
	}
	for _, c := range fields {
		p, ok := sm.Field(c.kind, c.idx)
		if ok != c.ok || (ok && (p.Line != c.line || p.Col != c.col)) {
			t.Errorf("Field(%d, %d) = %v, %v; want m.wat:%d:%d, %v", c.kind, c.idx, p, ok, c.line, c.col, c.ok)
		}
	}
}

// TestSourceMapSpecModules parses every text module of both spec suites
// with positions and checks that each expression has one position per
// instruction, and that each function body's and global initializer's
// positions hold the instruction's keyword (or, for an end, "end" or the
// ')' closing the construct).
func TestSourceMapSpecModules(t *testing.T) {
	modules := 0
	for _, v := range []string{"wasm-2.0", "wasm-3.0"} {
		for _, f := range specScripts(t, v) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := v + "/" + filepath.Base(f)
			for _, text := range moduleTexts(t, src, name) {
				m, sm, err := ParseModuleWithPositions(text, name, Options{Wasm2: v == "wasm-2.0"})
				if err != nil {
					continue // a malformed module of an assert_malformed
				}
				modules++
				if err := checkSourceMap(text, m, sm); err != "" {
					t.Errorf("%s: %s", name, err)
				}
			}
		}
	}
	if modules < 5000 {
		t.Errorf("only %d modules checked", modules)
	}
	t.Logf("%d modules", modules)
}

// moduleTexts returns the (module ...) forms of a script in the text
// format, nested ones (in assertions) included.
func moduleTexts(t *testing.T, src []byte, name string) [][]byte {
	lx := newLexer(src, name)
	toks, err := lx.tokenize()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for i := 0; i+2 < len(toks); i++ {
		if toks[i].kind != tLParen || lx.text(toks[i+1]) != "module" {
			continue
		}
		k := i + 2
		if toks[k].kind == tID {
			k++
		}
		if s := lx.text(toks[k]); s == "binary" || s == "quote" || s == "definition" || s == "instance" {
			continue
		}
		depth, j := 0, i
		for ; j < len(toks); j++ {
			if toks[j].kind == tLParen {
				depth++
			} else if toks[j].kind == tRParen {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j < len(toks) {
			out = append(out, src[toks[i].start:toks[j].end])
		}
	}
	return out
}

func checkSourceMap(src []byte, m *syntax.Module, sm *SourceMap) string {
	word := func(off int32) string {
		e := off
		for int(e) < len(src) && isIDChar(src[e]) {
			e++
		}
		if e == off {
			return string(src[off : off+1])
		}
		return string(src[off:e])
	}
	check := func(kind FieldKind, idx, item int, e []syntax.Instr, keywords bool) string {
		r, ok := sm.exprs[exprKey{kind, idx, item}]
		if !ok {
			if len(e) == 0 {
				return ""
			}
			return "no positions for " + kindName(kind, idx, item)
		}
		if r.n != len(e) {
			return fmt.Sprintf("%s: positions for %d instructions, expression has %d", kindName(kind, idx, item), r.n, len(e))
		}
		if !keywords {
			return ""
		}
		for k, in := range e {
			w := word(sm.offs[r.start+k])
			switch in.Op {
			case syntax.OpEnd:
				ok = w == "end" || w == ")"
			case syntax.OpElse:
				ok = w == "else"
			default:
				ok = w == in.Op.String()
			}
			if !ok {
				return fmt.Sprintf("%s: instruction %d (%s) placed at %s, on %q", kindName(kind, idx, item), k, in.Op, sm.lx.pos(int(sm.offs[r.start+k])), w)
			}
		}
		return ""
	}
	nf := m.NumImported(syntax.ExternFunc)
	for i, f := range m.Funcs {
		if err := check(FieldFunc, nf+i, -1, f.Body, true); err != "" {
			return err
		}
	}
	ng := m.NumImported(syntax.ExternGlobal)
	for i, g := range m.Globals {
		if err := check(FieldGlobal, ng+i, -1, g.Init, true); err != "" {
			return err
		}
	}
	nt := m.NumImported(syntax.ExternTable)
	for i, tb := range m.Tables {
		if err := check(FieldTable, nt+i, -1, tb.Init, true); err != "" {
			return err
		}
	}
	for i, e := range m.Elems {
		if err := check(FieldElem, i, -1, e.Offset, false); err != "" {
			return err
		}
		for j, x := range e.Init {
			if err := check(FieldElem, i, j, x, false); err != "" {
				return err
			}
		}
	}
	for i, d := range m.Datas {
		if err := check(FieldData, i, -1, d.Offset, false); err != "" {
			return err
		}
	}
	return ""
}

func kindName(kind FieldKind, idx, item int) string {
	s := fmt.Sprintf("%s %d", []string{"type", "import", "func", "table", "memory", "tag", "global", "export", "start", "elem", "data"}[kind], idx)
	if item >= 0 {
		s += fmt.Sprintf(" item %d", item)
	}
	return s
}
