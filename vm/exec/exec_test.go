package exec

import (
	"errors"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Instruction builders for hand-written modules.
func op(o syntax.Op) syntax.Instr                { return syntax.Instr{Op: o} }
func opx(o syntax.Op, x uint32) syntax.Instr     { return syntax.Instr{Op: o, X: x} }
func opxy(o syntax.Op, x, y uint32) syntax.Instr { return syntax.Instr{Op: o, X: x, Y: y} }
func i32c(v int32) syntax.Instr                  { return syntax.Instr{Op: syntax.OpI32Const, Const: uint64(uint32(v))} }
func i64c(v int64) syntax.Instr                  { return syntax.Instr{Op: syntax.OpI64Const, Const: uint64(v)} }
func blk(o syntax.Op, t ...syntax.ValType) syntax.Instr {
	in := syntax.Instr{Op: o}
	if len(t) == 1 {
		in.Block = syntax.BlockType{Kind: syntax.BlockValue, Type: t[0]}
	}
	return in
}
func mem(o syntax.Op, off uint64) syntax.Instr { return syntax.Instr{Op: o, MemOffset: off} }

type fdef struct {
	typ    uint32
	locals []syntax.ValType
	body   []syntax.Instr
}

var (
	i32, i64 = syntax.I32, syntax.I64
	sig      = func(p, r []syntax.ValType) syntax.SubType {
		return syntax.SubType{Final: true, Kind: syntax.CompFunc, Func: syntax.FuncType{Params: p, Results: r}}
	}
	ts = func(t ...syntax.ValType) []syntax.ValType { return t }
)

// build assembles a module of functions (exported as f0, f1, ...) with one
// memory page and a table of every function.
func build(types []syntax.SubType, fs ...fdef) *syntax.Module {
	m := &syntax.Module{Types: types, Mems: []syntax.MemType{{Limits: syntax.Limits{Min: 1}}}}
	var elems []syntax.Expr
	for i, f := range fs {
		var locals []syntax.Local
		for _, l := range f.locals {
			locals = append(locals, syntax.Local{Count: 1, Type: l})
		}
		body := append(append([]syntax.Instr{}, f.body...), op(syntax.OpEnd))
		for k := range body {
			body[k].Offset = uint32(100*i + k)
		}
		m.Funcs = append(m.Funcs, syntax.Func{Type: f.typ, Locals: locals, Body: body})
		m.Exports = append(m.Exports, syntax.Export{Name: "f" + string(rune('0'+i)), Kind: syntax.ExternFunc, Index: uint32(i)})
		elems = append(elems, syntax.Expr{opx(syntax.OpRefFunc, uint32(i))})
	}
	n := uint64(len(fs))
	m.Tables = []syntax.Table{{Type: syntax.TableType{Elem: syntax.FuncRef, Limits: syntax.Limits{Min: n}}}}
	m.Elems = []syntax.Elem{{Mode: syntax.SegActive, Offset: syntax.Expr{i32c(0)}, Type: syntax.FuncRef, Init: elems}}
	return m
}

func instantiate(t *testing.T, m *syntax.Module) (*runtime.Store, *runtime.Instance) {
	t.Helper()
	p, err := NewProgram(NewSource(nil, m, binary.Config{}), Eager)
	if err != nil {
		t.Fatal(err)
	}
	s := runtime.NewStore(runtime.Limits{})
	inst, err := runtime.Instantiate(s, m, NewTable(p))
	if err != nil {
		t.Fatal(err)
	}
	return s, inst
}

// fibBody is fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), function 0.
var fibBody = []syntax.Instr{
	opx(syntax.OpLocalGet, 0), i32c(2), op(syntax.OpI32LtS),
	blk(syntax.OpIf, i32),
	opx(syntax.OpLocalGet, 0),
	op(syntax.OpElse),
	opx(syntax.OpLocalGet, 0), i32c(1), op(syntax.OpI32Sub), opx(syntax.OpCall, 0),
	opx(syntax.OpLocalGet, 0), i32c(2), op(syntax.OpI32Sub), opx(syntax.OpCall, 0),
	op(syntax.OpI32Add),
	op(syntax.OpEnd),
}

// sumBody sums 1..n in a loop with a br_if back edge, function 1.
var sumBody = []syntax.Instr{
	blk(syntax.OpBlock),
	blk(syntax.OpLoop),
	opx(syntax.OpLocalGet, 0), op(syntax.OpI32Eqz), opx(syntax.OpBrIf, 1),
	opx(syntax.OpLocalGet, 1), opx(syntax.OpLocalGet, 0), op(syntax.OpI32Add), opx(syntax.OpLocalSet, 1),
	opx(syntax.OpLocalGet, 0), i32c(1), op(syntax.OpI32Sub), opx(syntax.OpLocalSet, 0),
	opx(syntax.OpBr, 0),
	op(syntax.OpEnd),
	op(syntax.OpEnd),
	opx(syntax.OpLocalGet, 1),
}

func testModule() *syntax.Module {
	types := []syntax.SubType{sig(ts(i32), ts(i32)), sig(ts(i32, i32), ts(i32)), sig(nil, nil), sig(ts(i32), ts(i32, i32))}
	return build(types,
		fdef{typ: 0, body: fibBody},
		fdef{typ: 0, locals: ts(i32), body: sumBody},
		// f2(a, b) = a / b
		fdef{typ: 1, body: []syntax.Instr{opx(syntax.OpLocalGet, 0), opx(syntax.OpLocalGet, 1), op(syntax.OpI32DivS)}},
		// f3: unbounded recursion
		fdef{typ: 2, body: []syntax.Instr{opx(syntax.OpCall, 3)}},
		// f4(a): store a at 8, load it back +1; OOB when a is the address
		fdef{typ: 0, body: []syntax.Instr{
			opx(syntax.OpLocalGet, 0), opx(syntax.OpLocalGet, 0), mem(syntax.OpI32Store, 8),
			opx(syntax.OpLocalGet, 0), mem(syntax.OpI32Load, 8), i32c(1), op(syntax.OpI32Add)}},
		// f5(i, x) = call_indirect type 0 table[i](x)
		fdef{typ: 1, body: []syntax.Instr{opx(syntax.OpLocalGet, 1), opx(syntax.OpLocalGet, 0), opxy(syntax.OpCallIndirect, 0, 0)}},
		// f6(x) = 30 + br_table: 0 -> 10, else 20 (dropping a value below it)
		fdef{typ: 0, body: []syntax.Instr{
			blk(syntax.OpBlock, i32),
			blk(syntax.OpBlock),
			blk(syntax.OpBlock),
			opx(syntax.OpLocalGet, 0),
			{Op: syntax.OpBrTable, Labels: []uint32{0, 1, 1}},
			op(syntax.OpEnd),
			i32c(10), opx(syntax.OpBr, 1),
			op(syntax.OpEnd),
			i32c(99), i32c(20), opx(syntax.OpBr, 0),
			op(syntax.OpEnd),
			i32c(30), op(syntax.OpI32Add),
		}},
		// f7(x) = (x, x+1): multi-value
		fdef{typ: 3, body: []syntax.Instr{opx(syntax.OpLocalGet, 0), opx(syntax.OpLocalGet, 0), i32c(1), op(syntax.OpI32Add)}},
		// f8: unreachable
		fdef{typ: 2, body: []syntax.Instr{op(syntax.OpUnreachable)}},
	)
}

func call(t *testing.T, s *runtime.Store, inst *runtime.Instance, fn int, args ...uint64) *Execution {
	t.Helper()
	return NewExecution(s, inst.Funcs[fn], args, Limits{MaxCallDepth: 500})
}

func TestRun(t *testing.T) {
	s, inst := instantiate(t, testModule())
	tests := []struct {
		name string
		fn   int
		args []uint64
		want []uint64
		trap string
	}{
		{"fib 10", 0, []uint64{10}, []uint64{55}, ""},
		{"fib 20", 0, []uint64{20}, []uint64{6765}, ""},
		{"sum 100", 1, []uint64{100}, []uint64{5050}, ""},
		{"div", 2, []uint64{uint64(uint32(0xfffffff9)), 2}, []uint64{uint64(uint32(0xfffffffd))}, ""},
		{"div by zero", 2, []uint64{1, 0}, nil, "integer divide by zero"},
		{"div overflow", 2, []uint64{0x80000000, 0xffffffff}, nil, "integer overflow"},
		{"recursion", 3, nil, nil, "call stack exhausted"},
		{"store load", 4, []uint64{100}, []uint64{101}, ""},
		{"store oob", 4, []uint64{65530}, nil, "out of bounds memory access"},
		{"call_indirect", 5, []uint64{0, 7}, []uint64{13}, ""},
		{"call_indirect mismatch", 5, []uint64{2, 7}, nil, "indirect call type mismatch"},
		{"call_indirect undefined", 5, []uint64{100, 7}, nil, "undefined element"},
		{"br_table 0", 6, []uint64{0}, []uint64{40}, ""},
		{"br_table 1", 6, []uint64{1}, []uint64{50}, ""},
		{"br_table default", 6, []uint64{7}, []uint64{50}, ""},
		{"multi-value", 7, []uint64{4}, []uint64{4, 5}, ""},
		{"unreachable", 8, nil, nil, "unreachable"},
	}
	for _, tc := range tests {
		for _, fuel := range []int64{-1, 1, 3} {
			e := call(t, s, inst, tc.fn, tc.args...)
			var st Status
			var err error
			for {
				st, err = e.Run(fuel)
				if st == Done {
					break
				}
			}
			if tc.trap != "" {
				var tr *runtime.Trap
				if !errors.As(err, &tr) || tr.Msg != tc.trap {
					t.Errorf("%s (fuel %d): got %v, want trap %q", tc.name, fuel, err, tc.trap)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s (fuel %d): %v", tc.name, fuel, err)
				continue
			}
			res := e.Results()
			if len(res) != len(tc.want) {
				t.Errorf("%s (fuel %d): %d results, want %d", tc.name, fuel, len(res), len(tc.want))
				continue
			}
			for i := range res {
				if res[i].Lo != tc.want[i] {
					t.Errorf("%s (fuel %d): result %d = %d, want %d", tc.name, fuel, i, res[i].Lo, tc.want[i])
				}
			}
		}
	}
}

func TestTrapStack(t *testing.T) {
	s, inst := instantiate(t, testModule())
	e := call(t, s, inst, 2, 1, 0)
	_, err := e.Run(-1)
	var tr *runtime.Trap
	if !errors.As(err, &tr) {
		t.Fatalf("got %v, want a trap", err)
	}
	// func 2 has no name and is exported as "f2": the label is its export name.
	want := "integer divide by zero\n  at $f2 (wasm-function[2]:0xca)"
	if got := tr.Trace(); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
}
