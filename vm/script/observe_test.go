package script

import (
	"errors"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

func i32v(v uint32) vm.Value { return vm.Value{Type: syntax.I32, Lo: uint64(v)} }
func i64v(v uint64) vm.Value { return vm.Value{Type: syntax.I64, Lo: v} }

func callEvent(depth int, args ...vm.Value) *vm.Event {
	return &vm.Event{Kind: vm.EventCall, Depth: depth, In: args}
}

func returnEvent(depth int, results ...vm.Value) *vm.Event {
	return &vm.Event{Kind: vm.EventReturn, Depth: depth, Out: results}
}

func instr(depth int, in syntax.Instr, ins, outs []vm.Value) *vm.Event {
	return &vm.Event{Kind: vm.EventInstr, Depth: depth, Offset: in.Offset, Instr: &in, In: ins, Out: outs}
}

func memWrite(addr uint64, b ...byte) *vm.Event {
	return &vm.Event{Kind: vm.EventMemWrite, Addr: addr, Len: uint64(len(b)), Bytes: b[:min(len(b), 16)]}
}

func vals(vs ...vm.Value) []vm.Value { return vs }

func TestChecker(t *testing.T) {
	const5 := syntax.Instr{Op: syntax.OpI32Const, Offset: 0x20, Const: 5}
	add := syntax.Instr{Op: syntax.OpI32Add, Offset: 0x22}
	store16 := syntax.Instr{Op: syntax.OpI32Store16, Offset: 0x24, MemOffset: 2}
	fill := syntax.Instr{Op: syntax.OpMemoryFill, Offset: 0x28}
	trap := &vm.Trap{Msg: "unreachable"}
	tests := []struct {
		name    string
		events  []*vm.Event
		results []vm.Value
		err     error
		want    string // "" when the stream is sound, else part of the complaint
	}{
		{"sound", []*vm.Event{
			callEvent(0),
			instr(0, const5, nil, vals(i32v(5))),
			instr(0, add, vals(i32v(5), i32v(1)), vals(i32v(6))),
			instr(0, store16, vals(i32v(8), i32v(0x12345678)), nil),
			memWrite(10, 0x78, 0x56),
			instr(0, fill, vals(i32v(0), i32v(0x1ff), i32v(2)), nil),
			memWrite(0, 0xff, 0xff),
			callEvent(1),
			returnEvent(1),
			returnEvent(0, i32v(6)),
		}, vals(i32v(6)), nil, ""},
		{"trap", []*vm.Event{callEvent(0), {Kind: vm.EventTrap, Trap: trap}}, nil, trap, ""},
		{"constant", []*vm.Event{callEvent(0), instr(0, const5, nil, vals(i32v(6)))}, nil, nil, "i32.const 0x5 produced"},
		{"operand type", []*vm.Event{callEvent(0), instr(0, add, vals(i32v(5), i64v(1)), vals(i32v(6)))}, nil, nil, "i32.add consumed"},
		{"result count", []*vm.Event{callEvent(0), instr(0, add, vals(i32v(5), i32v(1)), nil)}, nil, nil, "i32.add produced"},
		{"offset", []*vm.Event{callEvent(0), {Kind: vm.EventInstr, Offset: 0x99, Instr: &add, In: vals(i32v(1), i32v(1)), Out: vals(i32v(2))}},
			nil, nil, "reported at 0x99"},
		{"no instruction", []*vm.Event{{Kind: vm.EventInstr}}, nil, nil, "without the instruction"},
		{"depth", []*vm.Event{callEvent(0), instr(0, const5, nil, vals(i32v(5))), callEvent(1), instr(3, const5, nil, vals(i32v(5)))},
			nil, nil, "at depth 3 inside a call at depth 1"},
		{"missing write", []*vm.Event{callEvent(0), instr(0, store16, vals(i32v(8), i32v(1)), nil), returnEvent(0)},
			nil, nil, "no memory write event followed"},
		{"write at the end", []*vm.Event{callEvent(0), instr(0, store16, vals(i32v(8), i32v(1)), nil)},
			nil, nil, "no memory write event followed"},
		{"write address", []*vm.Event{callEvent(0), instr(0, store16, vals(i32v(8), i32v(1)), nil), memWrite(8, 1, 0)},
			nil, nil, "wrote 2 bytes at 0xa, the event says 2 at 0x8"},
		{"write bytes", []*vm.Event{callEvent(0), instr(0, store16, vals(i32v(8), i32v(0x0102)), nil), memWrite(10, 1, 2)},
			nil, nil, "stored 02 01, the event says 01 02"},
		{"fill bytes", []*vm.Event{callEvent(0), instr(0, fill, vals(i32v(0), i32v(7), i32v(2)), nil), memWrite(0, 7, 8)},
			nil, nil, "stored 07 07"},
		{"stray write", []*vm.Event{callEvent(0), instr(0, const5, nil, vals(i32v(5))), memWrite(0, 1)},
			nil, nil, "after an instruction that writes no memory"},
		{"unpaired return", []*vm.Event{returnEvent(0)}, nil, nil, "return without a call"},
		{"return depth", []*vm.Event{callEvent(0), callEvent(1), returnEvent(0)}, nil, nil, "return at depth 0 from a call at depth 1"},
		{"unreturned call", []*vm.Event{callEvent(0)}, nil, nil, "1 calls not returned"},
		{"results", []*vm.Event{callEvent(0), returnEvent(0, i32v(1))}, vals(i32v(2)), nil, "the outermost return event had"},
		{"trap without event", []*vm.Event{callEvent(0)}, nil, trap, "with no trap event"},
		{"trap message", []*vm.Event{callEvent(0), {Kind: vm.EventTrap, Trap: &vm.Trap{Msg: "x"}}}, nil, trap, `trap event "x"`},
		{"trap without trapping", []*vm.Event{callEvent(0), {Kind: vm.EventTrap, Trap: trap}}, nil, errors.New("exit"), "ended with exit"},
		{"event after trap", []*vm.Event{callEvent(0), {Kind: vm.EventTrap, Trap: trap}, returnEvent(0)}, nil, trap, "event after the trap"},
		{"unknown kind", []*vm.Event{{Kind: 99}}, nil, nil, "unknown event kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newChecker()
			for _, ev := range tt.events {
				c.observe(ev)
			}
			err := c.end(tt.results, tt.err)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("sound stream rejected: %v", err)
			case tt.want != "" && err == nil:
				t.Errorf("accepted; want a complaint containing %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("complaint %q; want one containing %q", err, tt.want)
			}
		})
	}
}

func TestCheckerPaused(t *testing.T) {
	calls := []*vm.Event{{Kind: vm.EventCall, Depth: 0, Func: 3}, {Kind: vm.EventCall, Depth: 1, Func: 5}}
	tail := append(calls[:2:2], &vm.Event{Kind: vm.EventCall, Depth: 1, Func: 6})
	tests := []struct {
		name   string
		calls  []*vm.Event
		frames []vm.FrameInfo
		want   string
	}{
		{"matching", calls, []vm.FrameInfo{{Func: 5}, {Func: 3}}, ""},
		{"tail call replaces the frame", tail, []vm.FrameInfo{{Func: 6}, {Func: 3}}, ""},
		{"frame not replaced", calls, []vm.FrameInfo{{Func: 6}, {Func: 3}}, "frame 0 is in func 6, its call event entered func 5"},
		{"missing frame", calls, []vm.FrameInfo{{Func: 5}}, "paused with 1 frames after 2 calls"},
		{"outermost first", calls, []vm.FrameInfo{{Func: 3}, {Func: 5}}, "frame 0 is in func 3, its call event entered func 5"},
	}
	for _, tt := range tests {
		c := newChecker()
		for _, ev := range tt.calls {
			c.observe(ev)
		}
		c.paused(tt.frames)
		err := c.err()
		if (tt.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
}
