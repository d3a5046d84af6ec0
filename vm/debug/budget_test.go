package debug_test

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// TestBudget: a run in slices (SetBudget) stops where the same run without
// a budget stops, whatever the slice, and a step over or out under way
// when a slice ends is carried on by Continue.
func TestBudget(t *testing.T) {
	tests := []struct {
		name string
		// setup runs without a budget; op stops somewhere under one.
		setup func(f *fixture)
		op    func(f *fixture) debug.Stop
	}{
		{"continue to a breakpoint", func(f *fixture) {
			_, _ = f.d.BreakAt(fAdd, f.op(fAdd, syntax.OpI32Add, 0))
			f.d.Continue()
		}, func(f *fixture) debug.Stop { return f.d.Continue() }},
		{"continue to a count", func(f *fixture) { f.d.BreakCount(40) },
			func(f *fixture) debug.Stop { return f.d.Continue() }},
		{"step over a call", func(f *fixture) {
			_, _ = f.d.RunTo(fMain, f.op(fMain, syntax.OpCall, 0))
		}, func(f *fixture) debug.Stop { return f.d.StepOver() }},
		{"step out", func(f *fixture) {
			_, _ = f.d.BreakFunc("add")
			f.d.Continue()
		}, func(f *fixture) debug.Stop { return f.d.StepOut() }},
		{"run to", func(f *fixture) {}, func(f *fixture) debug.Stop {
			st, _ := f.d.RunTo(fMain, f.op(fMain, syntax.OpGlobalSet, 0))
			return st
		}},
		{"to the end", func(f *fixture) {}, func(f *fixture) debug.Stop { return f.d.Continue() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := newFixture(t)
			want.call("main", vm.I32(5))
			tc.setup(want)
			wst := tc.op(want)
			for _, budget := range []uint64{1, 2, 3, 7, 1000} {
				f := newFixture(t)
				f.call("main", vm.I32(5))
				tc.setup(f)
				f.d.SetBudget(budget)
				st := tc.op(f)
				slices := 0
				for st.Reason == debug.Sliced {
					slices++
					st = f.d.Continue()
				}
				if st.Reason != wst.Reason && !(wst.Reason == debug.Stepped && st.Reason == debug.AtBreak && st.Breakpoint == nil) {
					t.Fatalf("budget %d: %v, want %v", budget, st.Reason, wst.Reason)
				}
				if f.d.Executed() != want.d.Executed() {
					t.Fatalf("budget %d: stopped after %d instructions, want %d", budget, f.d.Executed(), want.d.Executed())
				}
				if budget == 1 && slices == 0 {
					t.Fatalf("budget 1: never sliced")
				}
			}
		})
	}
}
