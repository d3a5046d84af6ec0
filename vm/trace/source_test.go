package trace

import (
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// With Source set, instruction lines end with the position it gives; other
// lines, and offsets it knows nothing of, are as without it.
func TestSourcePositions(t *testing.T) {
	source := func(off uint32) string {
		if off == 0x31 {
			return "main.c:12"
		}
		return ""
	}
	tests := []struct {
		name string
		ev   vm.Event
		want string
	}{
		{"known offset", vm.Event{Kind: vm.EventInstr, Depth: 1, Name: "$add", Offset: 0x31,
			Instr: &syntax.Instr{Op: syntax.OpI32Add}, In: []vm.Value{i32(1), i32(2)}, Out: []vm.Value{i32(3)}},
			"  1 $add       0x000031  i32.add                 1, 2 → 3  ; main.c:12"},
		{"unknown offset", vm.Event{Kind: vm.EventInstr, Name: "main", Offset: 0x2a,
			Instr: &syntax.Instr{Op: syntax.OpI32Const, Const: 42}, Out: []vm.Value{i32(42)}},
			"  0 main       0x00002a  i32.const 42            → 42"},
		{"not an instruction", vm.Event{Kind: vm.EventCall, Name: "$add", Offset: 0x31, In: []vm.Value{i32(1)}},
			"  0 $add       0x000031  call $add(1)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Formatter{Source: source}
			if got := f.Line(&tc.ev); got != tc.want {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}
