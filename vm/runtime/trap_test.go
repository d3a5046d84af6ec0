package runtime

import (
	"strings"
	"testing"
)

func TestTrapTrace(t *testing.T) {
	rec := StackFrame{Func: 0, Name: "$rec", Offset: 0x23}
	frames := func(n int, f func(i int) StackFrame) []StackFrame {
		s := make([]StackFrame, n)
		for i := range s {
			s[i] = f(i)
		}
		return s
	}
	tests := []struct {
		name  string
		stack []StackFrame
		want  string
	}{
		{"no frames", nil, "unreachable"},
		{"two frames", []StackFrame{{1, "$div", 0x40}, {2, "$main", 0x51}},
			"unreachable\n  at $div (wasm-function[1]:0x40)\n  at $main (wasm-function[2]:0x51)"},
		{"recursion folds", append(frames(10000, func(int) StackFrame { return rec }), StackFrame{3, "_start", 0x60}),
			"unreachable\n  at $rec (wasm-function[0]:0x23) ×10000\n  at _start (wasm-function[3]:0x60)"},
	}
	for _, tt := range tests {
		got := (&Trap{Msg: "unreachable", Stack: tt.stack}).Trace()
		if got != tt.want {
			t.Errorf("%s: Trace() =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}

	// Mutual recursion does not fold: the trace keeps both ends.
	mutual := frames(5000, func(i int) StackFrame { return StackFrame{Func: uint32(i % 2), Name: "$f", Offset: uint32(i % 2)} })
	got := (&Trap{Msg: "call stack exhausted", Stack: mutual}).Trace()
	lines := strings.Split(got, "\n")
	if lines[0] != "call stack exhausted" || len(lines) != 1+traceHead+1+traceTail {
		t.Fatalf("mutual recursion: %d lines, first %q", len(lines), lines[0])
	}
	if want := "  ... 4970 more frames ..."; lines[1+traceHead] != want {
		t.Errorf("elision line = %q, want %q", lines[1+traceHead], want)
	}
}
