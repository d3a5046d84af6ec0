package exec

import (
	"fmt"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/valid"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// recordedEvents runs function fn of module m observed, with fuel per
// slice (-1: none), and returns its results and every event the log holds,
// described with its count, offset and values: the results or the trap,
// the instructions executed and the runs the fuel took are in the first.
// It also counts the recorded sequences (recSeqs) in the observed code
// that ran, by name.
func recordedEvents(t *testing.T, m *syntax.Module, fn int, fuel int64, args ...uint64) (string, []string, map[string]int) {
	t.Helper()

	s, inst := instantiate(t, m)
	e := call(t, s, inst, fn, args...)
	l := NewLog(1 << 16)
	e.SetLog(l)
	runs := 0
	var err error
	for ; ; runs++ {
		var st Status
		if st, err = e.Run(fuel); st == Done {
			break
		}
	}
	var evs []string
	var ev Event
	for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
		if !l.Event(i, &ev) {
			t.Fatalf("event %d unreadable", i)
		}
		evs = append(evs, fmt.Sprintf("%v #%d @%d in %v out %v", ev.Kind, ev.Seq, ev.Offset, ev.In, ev.Out))
	}
	seqs := map[string]int{}
	for _, c := range l.codes {
		if c.rec == nil {
			continue
		}
		for _, in := range c.rec.insts {
			if name, ok := seqNames[in.op]; ok {
				seqs[name]++
			}
		}
	}
	return fmt.Sprintf("%v (%v), %d instructions in %d runs", e.Results(), err, e.executed, runs), evs, seqs
}

// seqNames names the recorded sequences' opcodes (recSeqs).
var seqNames = map[opcode]string{opRecLC: "opRecLC", opRecLL: "opRecLL",
	opRecCBin: "opRecCBin", opRecLCBin: "opRecLCBin", opRecLLBin: "opRecLLBin"}

// wantSeq names the recorded sequence the observed code of
// TestRecordedSequences's function fn must have (bin: its operation is in
// recBins, not only in recSquares): "any" for at least one, "" for none
// required.
func wantSeq(fn int, bin bool) string {
	switch {
	case fn == 0 && bin:
		return "opRecLCBin"
	case fn == 0:
		return "opRecLC"
	case fn == 1 && bin:
		return "opRecCBin"
	case fn == 1:
		return "" // local.tee, then the constant and f64.add or f64.mul
	case fn == 2:
		return "opRecLL"
	case fn == 3 && bin:
		return "opRecLLBin"
	case fn == 3:
		return "opRecLL" // two locals, f64.add or f64.mul of them
	case fn == 4:
		return "opRecLLBin" // one local twice
	case fn == 6:
		return "opRecLC"
	}
	return "any"
}

// TestRecordedSequences runs the recorded sequences (recSeqs: a local and
// a constant, then each binary operation they take, with each suffix; a
// constant and the operation; two locals) against observed code with one dispatch an
// instruction: the results and every recorded event, counts included,
// must be the same, with fuel that ends a slice inside a sequence too.
func TestRecordedSequences(t *testing.T) {
	f64 := syntax.F64
	ops := []struct {
		op syntax.Op
		t  syntax.ValType
	}{
		{syntax.OpI32Add, i32}, {syntax.OpI32Sub, i32}, {syntax.OpI32And, i32}, {syntax.OpI32Or, i32},
		{syntax.OpI32Xor, i32}, {syntax.OpI32Shl, i32}, {syntax.OpI32ShrU, i32}, {syntax.OpI32Mul, i32},
		{syntax.OpI32Eq, i32}, {syntax.OpI32Ne, i32}, {syntax.OpI32LtU, i32}, {syntax.OpI32LtS, i32},
		{syntax.OpI32GtU, i32}, {syntax.OpI32GtS, i32}, {syntax.OpI64Add, i64}, {syntax.OpI64Sub, i64},
		{syntax.OpI64And, i64}, {syntax.OpI64Mul, i64}, {syntax.OpI64Eq, i64}, {syntax.OpI64Ne, i64},
		{syntax.OpI64ShrU, i64}, {syntax.OpI64Shl, i64},
		{syntax.OpF64Add, f64}, {syntax.OpF64Sub, f64}, {syntax.OpF64Mul, f64}, {syntax.OpF64Div, f64},
		{syntax.OpF64Lt, f64}, {syntax.OpF64Gt, f64}, {syntax.OpF64Le, f64}, {syntax.OpF64Ge, f64},
	}
	cmp := map[syntax.Op]bool{syntax.OpI64Eq: true, syntax.OpI64Ne: true,
		syntax.OpF64Lt: true, syntax.OpF64Gt: true, syntax.OpF64Le: true, syntax.OpF64Ge: true}
	covered := map[opcode]bool{}
	for _, o := range ops {
		covered[internalOp(o.op)] = true
	}
	for op := range recSquares {
		if !covered[op] {
			t.Errorf("recSquares has opcode %d, which this test does not run", op)
		}
	}
	for op := range recBins {
		if !covered[op] {
			t.Errorf("recBins has opcode %d, which this test does not run", op)
		}
	}
	args := []uint64{0, 1, 33, 65530, 0x80000000, 0xffffffff, 1 << 40, ^uint64(0)}
	consts := []uint64{0, 7, 32, 0xffffffff, ^uint64(0) - 2}
	// f64s besides the bit patterns above (most of them subnormals or a
	// NaN as f64s): numbers either side of the constants, infinities.
	f64s := []uint64{0x3ff8000000000000, 0xc000000000000000, 0x4010000000000000, 0x7ff0000000000000, 0x8000000000000000}
	for _, o := range ops {
		consts, args := consts, args
		if o.t == f64 {
			consts = append(consts[:len(consts):len(consts)], 0x3ff0000000000000, 0x4010000000000000)
			args = append(args[:len(args):len(args)], f64s...)
		}
		for ci, c := range consts {
			k := syntax.Instr{Op: syntax.OpI32Const, Const: uint64(uint32(c))}
			switch o.t {
			case i64:
				k = syntax.Instr{Op: syntax.OpI64Const, Const: c}
			case f64:
				k = syntax.Instr{Op: syntax.OpF64Const, Const: c}
			}
			res := ts(i32)
			if o.t != i32 && !cmp[o.op] {
				res = ts(o.t)
			}
			get, tee, two := opx(syntax.OpLocalGet, 0), opx(syntax.OpLocalTee, 2), op(o.op)
			get1 := opx(syntax.OpLocalGet, 1)
			add, kres := op(syntax.OpI32Add), i32c(-3)
			switch res[0] {
			case i64:
				add, kres = op(syntax.OpI64Add), i64c(-3)
			case f64:
				add, kres = op(syntax.OpF64Add), syntax.Instr{Op: syntax.OpF64Const, Const: 0xc008000000000000} // -3
			}
			fs := []fdef{
				// A local and the constant (opRecLCBin).
				{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two}},
				// The constant alone after a local.tee (opRecCBin).
				{typ: 0, locals: ts(i32, o.t), body: []syntax.Instr{get, tee, k, two}},
				// Two locals (opRecLL), then the operation (opRecLLBin).
				{typ: 3, locals: ts(i32), body: []syntax.Instr{get, get1, op(syntax.OpDrop)}},
				{typ: 1, locals: ts(i32), body: []syntax.Instr{get, get1, two}},
				// One local twice (recSquares too), with a local.tee.
				{typ: 0, locals: ts(i32, res[0]), body: []syntax.Instr{get, get, two, tee}},
				{typ: 1, locals: ts(res[0], res[0]), body: []syntax.Instr{
					opx(syntax.OpLocalGet, 2), get, get1, two, opx(syntax.OpLocalTee, 3), add, opx(syntax.OpLocalGet, 3), add}},
				// A local and the constant left on the stack (opRecLC).
				{typ: 2, locals: ts(i32, i32), body: []syntax.Instr{get, k}},
				// With a suffix: local.tee, local.set, their results
				// added to a value below (the spare local 1).
				{typ: 0, locals: ts(res[0], i32, res[0]), body: []syntax.Instr{
					opx(syntax.OpLocalGet, 1), get, k, two, opx(syntax.OpLocalTee, 3), add, opx(syntax.OpLocalGet, 3), add}},
				{typ: 0, locals: ts(res[0], o.t, res[0]), body: []syntax.Instr{
					opx(syntax.OpLocalGet, 1), get, tee, k, two, opx(syntax.OpLocalSet, 3), opx(syntax.OpLocalGet, 3), add}},
				// A constant after it, then both added.
				{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, kres, add}},
			}
			if res[0] == i32 {
				// br_if and if of an i32 result.
				brIf := func(mid ...syntax.Instr) []syntax.Instr {
					return append(append([]syntax.Instr{blk(syntax.OpBlock)}, mid...),
						opx(syntax.OpBrIf, 0), i32c(7), op(syntax.OpReturn), op(syntax.OpEnd), i32c(9))
				}
				fs = append(fs,
					fdef{typ: 1, locals: ts(i32, i32), body: brIf(get, get1, two)},
					fdef{typ: 0, locals: ts(i32, i32), body: brIf(get, k, two)},
					fdef{typ: 0, locals: ts(i32, o.t), body: brIf(get, tee, k, two)},
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two,
						blk(syntax.OpIf, i32), i32c(1), op(syntax.OpElse), i32c(2), op(syntax.OpEnd)}},
					// Loads of the result as an address (some out of
					// bounds: the trap), and any other instruction after.
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, mem(syntax.OpI32Load, 3)}},
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, mem(syntax.OpI32Load8U, 1)}},
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, mem(syntax.OpI64Load, 5), op(syntax.OpI32WrapI64)}},
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, mem(syntax.OpF64Load, 0),
						op(syntax.OpI64ReinterpretF64), op(syntax.OpI32WrapI64)}},
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{get, k, two, op(syntax.OpI32Eqz)}},
					// A br after it, and a load alone (opRecI32Load).
					fdef{typ: 0, locals: ts(i32, i32), body: []syntax.Instr{blk(syntax.OpBlock, i32),
						get, k, two, opx(syntax.OpBr, 0), op(syntax.OpEnd), mem(syntax.OpI32Load, 2)}},
				)
			}
			// Two spare locals in each: the loop records inline only
			// with two stack slots below the top (snapSlots).
			m := build([]syntax.SubType{sig(ts(o.t), res), sig(ts(o.t, o.t), res), sig(ts(o.t), ts(o.t, o.t)), sig(ts(o.t, o.t), ts(o.t))}, fs...)
			// Bytes 0, 1, 2, ... in the first 256 of memory, for the loads.
			data := make([]byte, 256)
			for i := range data {
				data[i] = byte(i)
			}
			m.Datas = []syntax.Data{{Mode: syntax.SegActive, Offset: syntax.Expr{i32c(0)}, Init: data}}
			if err := valid.Validate(m); err != nil {
				t.Fatalf("%v: %v", o.op, err)
			}
			for fn := range fs {
				for xi, x := range args {
					y := x ^ 0x5a5a5a5a5a5a5a5a
					if o.t == i32 {
						x, y = uint64(uint32(x)), uint64(uint32(y))
					}
					a := []uint64{x}
					if fs[fn].typ == 1 || fs[fn].typ == 3 {
						a = append(a, y)
					}
					// Fuel that stops a run at each instruction of a
					// sequence, for a few of the values.
					fuels := []int64{-1}
					if ci < 2 && xi < 2 {
						fuels = []int64{-1, 1, 2, 3}
					}
					for _, fuel := range fuels {
						name := fmt.Sprintf("%v/f%d/c=%#x/x=%#x/fuel=%d", o.op, fn, c, x, fuel)
						recordSeqs = false
						wantRes, want, _ := recordedEvents(t, m, fn, fuel, a...)
						recordSeqs = true
						gotRes, got, seqs := recordedEvents(t, m, fn, fuel, a...)
						// The comparison says nothing of a sequence
						// no longer formed: the forms must be there.
						if fuel == -1 && xi == 0 {
							want := wantSeq(fn, recBins[internalOp(o.op)] != 0)
							if want == "any" && len(seqs) == 0 || want != "any" && want != "" && seqs[want] == 0 {
								t.Errorf("%s: recorded sequences %v, want %s", name, seqs, want)
							}
						}
						if gotRes != wantRes {
							t.Fatalf("%s: results %s, want %s", name, gotRes, wantRes)
						}
						if fmt.Sprint(got) != fmt.Sprint(want) {
							t.Fatalf("%s: events\n%q\nwant\n%q", name, got, want)
						}
					}
				}
			}
		}
	}
}
