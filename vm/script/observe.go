package script

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// checker is the observer attached in Options.Observe mode. It checks that
// the event stream of one execution is coherent, so the suite exercises the
// observation path of every instruction and not only its results:
//
//   - every event has a known kind; instruction events carry the
//     instruction, at its own module offset;
//   - an instruction with a fixed signature consumed and produced as many
//     values, of the types, that the signature says;
//   - a call event after a call instruction (call, call_indirect,
//     call_ref and their return_ forms) has the arguments that instruction
//     consumed (without the table index or reference);
//   - calls and returns pair up at the same depth, and instructions run one
//     level inside the call that entered their function (whether Depth
//     counts the callee or the caller is learnt from the first call, then
//     enforced); a call event at the depth of the latest unreturned call is
//     a tail call, which replaces that frame;
//   - a constant produces its immediate;
//   - a store, memory.fill, memory.copy or memory.init that wrote bytes is
//     followed at once by the memory write event, at its address, of its
//     length, showing the first 16 bytes written: the stored value, the
//     fill byte for memory.fill;
//   - a trap event comes last, once, exactly when the execution traps, with
//     the trap's message;
//   - when the outermost call returns, its results are the execution's;
//   - while paused, the execution's frames are the calls not yet returned.
//
// The first violation is kept; later events are ignored.
type checker struct {
	failure error
	calls   []call // the call events not yet returned, outermost first
	// inner is Instr.Depth minus the Depth of the enclosing call event; -1
	// until the first instruction inside a call shows it.
	inner    int
	trap     *vm.Trap
	lastOut  []vm.Value // Out of the latest return at the outermost level
	returned bool
	events   int
	instrs   int64 // instruction events
	pauses   int
	// write is the memory write the latest instruction announced, to be
	// the next event.
	write *pendingWrite
	// args are the arguments the latest event passed when it was a call
	// instruction (argsSet), copied: an event's values may be reused.
	args    []vm.Value
	argsSet bool
}

// call is a call event: the depth it reported and the function entered.
type call struct {
	depth int
	fn    uint32
}

type pendingWrite struct {
	op    string
	addr  uint64
	bytes []byte // nil when the content is not known (copy, init)
	n     uint64
}

func newChecker() *checker { return &checker{inner: -1} }

// setFailure keeps err unless a violation was seen before.
func (c *checker) setFailure(err error) {
	if c.failure == nil {
		c.failure = err
	}
}

func (c *checker) fail(ev *vm.Event, format string, args ...any) {
	if c.failure == nil {
		c.failure = fmt.Errorf("event %d (%s, depth %d, func %d, offset %#x): %s",
			c.events, ev.Kind, ev.Depth, ev.Func, ev.Offset, fmt.Sprintf(format, args...))
	}
}

func (c *checker) observe(ev *vm.Event) {
	c.events++
	if c.failure != nil {
		return
	}
	if c.trap != nil {
		c.fail(ev, "event after the trap %q", c.trap.Msg)
		return
	}
	if w := c.write; w != nil {
		c.write = nil
		if ev.Kind != vm.EventMemWrite {
			c.fail(ev, "%s wrote %d bytes at %#x, but no memory write event followed", w.op, w.n, w.addr)
			return
		}
		if ev.Addr != w.addr || ev.Len != w.n || uint64(len(ev.Bytes)) != min(w.n, 16) {
			c.fail(ev, "%s wrote %d bytes at %#x, the event says %d at %#x (%d shown)", w.op, w.n, w.addr, ev.Len, ev.Addr, len(ev.Bytes))
			return
		}
		if w.bytes != nil && string(w.bytes[:len(ev.Bytes)]) != string(ev.Bytes) {
			c.fail(ev, "%s stored % x, the event says % x", w.op, w.bytes[:len(ev.Bytes)], ev.Bytes)
			return
		}
	} else if ev.Kind == vm.EventMemWrite {
		c.fail(ev, "memory write event after an instruction that writes no memory")
		return
	}
	args, argsSet := c.args, c.argsSet
	c.argsSet = false
	switch ev.Kind {
	case vm.EventInstr:
		c.instr(ev)
	case vm.EventCall:
		if ev.Depth < 0 {
			c.fail(ev, "negative depth")
		}
		if argsSet && !sameBits(ev.In, args) {
			c.fail(ev, "call event with arguments %s after a call instruction that passed %s", formatValues(ev.In), formatValues(args))
			return
		}
		if n := len(c.calls); n > 0 && c.calls[n-1].depth == ev.Depth {
			// A tail call (return_call*) replaces the frame at its depth.
			c.calls[n-1].fn = ev.Func
			return
		}
		c.calls = append(c.calls, call{ev.Depth, ev.Func})
	case vm.EventReturn:
		n := len(c.calls)
		if n == 0 {
			c.fail(ev, "return without a call")
			return
		}
		if c.calls[n-1].depth != ev.Depth {
			c.fail(ev, "return at depth %d from a call at depth %d", ev.Depth, c.calls[n-1].depth)
		}
		c.calls = c.calls[:n-1]
		if n == 1 {
			c.returned = true
			c.lastOut = append(c.lastOut[:0], ev.Out...)
		}
	case vm.EventHostCall:
		if ev.Host == nil {
			c.fail(ev, "host call without its function")
		}
	case vm.EventMemWrite:
		// Checked above against the instruction that wrote.
	case vm.EventThrow, vm.EventCatch:
		if ev.Exn == nil {
			c.fail(ev, "%s event without the exception", ev.Kind)
		}
	case vm.EventTrap:
		if ev.Trap == nil {
			c.fail(ev, "trap event without the trap")
			return
		}
		c.trap = ev.Trap
	default:
		c.fail(ev, "unknown event kind %d", ev.Kind)
	}
}

func (c *checker) instr(ev *vm.Event) {
	c.instrs++
	in := ev.Instr
	if in == nil {
		c.fail(ev, "instruction event without the instruction")
		return
	}
	if in.Offset != 0 && in.Offset != ev.Offset {
		c.fail(ev, "%s at offset %#x reported at %#x", name(in.Op), in.Offset, ev.Offset)
	}
	if n := len(c.calls); n > 0 {
		d := ev.Depth - c.calls[n-1].depth
		if c.inner < 0 && (d == 0 || d == 1) {
			c.inner = d
		}
		if d != c.inner {
			c.fail(ev, "%s at depth %d inside a call at depth %d", name(in.Op), ev.Depth, c.calls[n-1].depth)
		}
	}
	info, ok := syntax.Info(in.Op)
	if !ok {
		c.fail(ev, "unknown opcode %#x", uint32(in.Op))
		return
	}
	switch info.Name {
	case "call", "return_call":
		c.args, c.argsSet = append(c.args[:0], ev.In...), true
	case "call_indirect", "return_call_indirect", "call_ref", "return_call_ref":
		if n := len(ev.In); n > 0 {
			c.args, c.argsSet = append(c.args[:0], ev.In[:n-1]...), true
		}
	}
	if info.Sig != "" && !c.signature(ev, info) {
		return
	}
	c.write = expectedWrite(info.Name, in, ev.In)
}

// signature checks the values of an instruction whose operand and result
// types are fixed, and what a constant produces.
func (c *checker) signature(ev *vm.Event, info syntax.OpInfo) bool {
	in := ev.Instr
	ins, outs, _ := strings.Cut(info.Sig, ">")
	if err := checkTypes(ins, ev.In); err != nil {
		c.fail(ev, "%s consumed %s: %v", info.Name, formatValues(ev.In), err)
		return false
	}
	if err := checkTypes(outs, ev.Out); err != nil {
		c.fail(ev, "%s produced %s: %v", info.Name, formatValues(ev.Out), err)
		return false
	}
	switch info.Imm {
	case syntax.ImmI32, syntax.ImmF32:
		if uint32(ev.Out[0].Lo) != uint32(in.Const) {
			c.fail(ev, "%s %#x produced %s", info.Name, uint32(in.Const), formatValues(ev.Out))
		}
	case syntax.ImmI64, syntax.ImmF64:
		if ev.Out[0].Lo != in.Const {
			c.fail(ev, "%s %#x produced %s", info.Name, in.Const, formatValues(ev.Out))
		}
	case syntax.ImmV128:
		if ev.Out[0].Lo != in.Const || ev.Out[0].Hi != in.Const2 {
			c.fail(ev, "%s produced %s", info.Name, formatValues(ev.Out))
		}
	}
	return c.failure == nil
}

// expectedWrite returns the memory write an instruction that consumed in
// must have made, or nil when it writes nothing.
func expectedWrite(op string, in *syntax.Instr, args []vm.Value) *pendingWrite {
	switch op {
	case "memory.fill", "memory.copy", "memory.init":
		if len(args) != 3 {
			return nil // the signature check of the event reports it
		}
		n := args[2].Lo
		if args[2].Type.Kind == syntax.KindI32 {
			n = uint64(uint32(n))
		}
		if n == 0 {
			return nil
		}
		w := &pendingWrite{op: op, addr: address(args[0]), n: n}
		if op == "memory.fill" {
			w.bytes = bytes.Repeat([]byte{byte(args[1].Lo)}, int(n))
		}
		return w
	}
	width, ok := storeWidth(op)
	if !ok {
		return nil
	}
	var v [16]byte
	binary.LittleEndian.PutUint64(v[:8], args[1].Lo)
	binary.LittleEndian.PutUint64(v[8:], args[1].Hi)
	start := 0
	if strings.HasSuffix(op, "_lane") {
		start = int(in.Lane) * width
	}
	return &pendingWrite{op: op, addr: address(args[0]) + in.MemOffset,
		bytes: v[start : start+width], n: uint64(width)}
}

// address reads an address operand: an i32 is unsigned.
func address(v vm.Value) uint64 {
	if v.Type.Kind == syntax.KindI32 {
		return uint64(uint32(v.Lo))
	}
	return v.Lo
}

// storeWidth gives the number of bytes a store instruction writes.
func storeWidth(op string) (int, bool) {
	switch op {
	case "i32.store", "f32.store":
		return 4, true
	case "i64.store", "f64.store":
		return 8, true
	case "v128.store":
		return 16, true
	}
	_, suffix, ok := strings.Cut(op, ".store")
	if !ok {
		return 0, false
	}
	switch strings.TrimSuffix(suffix, "_lane") {
	case "8":
		return 1, true
	case "16":
		return 2, true
	case "32":
		return 4, true
	case "64":
		return 8, true
	}
	return 0, false
}

func name(op syntax.Op) string {
	if info, ok := syntax.Info(op); ok {
		return info.Name
	}
	return fmt.Sprintf("op %#x", uint32(op))
}

// checkTypes matches values against a signature half such as "ai" (see
// syntax.OpInfo.Sig; 'a' is an address, i32 or i64).
func checkTypes(sig string, vs []vm.Value) error {
	if len(sig) != len(vs) {
		return fmt.Errorf("%d values, the signature says %d", len(vs), len(sig))
	}
	for i := range sig {
		k := vs[i].Type.Kind
		ok := false
		switch sig[i] {
		case 'i':
			ok = k == syntax.KindI32
		case 'I':
			ok = k == syntax.KindI64
		case 'f':
			ok = k == syntax.KindF32
		case 'F':
			ok = k == syntax.KindF64
		case 'v':
			ok = k == syntax.KindV128
		case 'a':
			ok = k == syntax.KindI32 || k == syntax.KindI64
		}
		if !ok {
			return fmt.Errorf("value %d is %s, the signature says %c", i, vs[i].Type, sig[i])
		}
	}
	return nil
}

// Frames is made for a person looking at a paused program: it describes
// every frame, and costs more than a slice of a few instructions. The
// checker therefore compares it on every framesEvery-th pause, and only
// below framesDepth calls, so deep recursions (call stack exhaustion tests)
// stay linear.
const (
	framesEvery = 16
	framesDepth = 32
)

// wantFrames reports whether this pause is one whose frames to check.
func (c *checker) wantFrames() bool {
	c.pauses++
	return c.pauses%framesEvery == 1 && len(c.calls) <= framesDepth
}

// paused checks what a paused execution shows of itself against the
// events so far: one frame per call not yet returned, innermost first, each
// in the function its call event entered.
func (c *checker) paused(frames []vm.FrameInfo) {
	if c.failure != nil {
		return
	}
	if len(frames) != len(c.calls) {
		c.setFailure(fmt.Errorf("paused with %d frames after %d calls not returned", len(frames), len(c.calls)))
		return
	}
	for i, f := range frames {
		want := c.calls[len(c.calls)-1-i]
		if f.Func != want.fn {
			c.setFailure(fmt.Errorf("paused: frame %d is in func %d, its call event entered func %d", i, f.Func, want.fn))
			return
		}
	}
}

// err returns the first violation seen so far.
func (c *checker) err() error { return c.failure }

// end checks the stream once the execution finished: with results (err
// nil) or with err.
func (c *checker) end(results []vm.Value, err error) error {
	if c.failure != nil {
		return c.failure
	}
	var trap *vm.Trap
	switch {
	case errors.As(err, &trap):
		if c.trap == nil {
			return fmt.Errorf("the execution trapped (%q) with no trap event", trap.Msg)
		}
		if c.trap.Msg != trap.Msg {
			return fmt.Errorf("trap event %q, the execution trapped with %q", c.trap.Msg, trap.Msg)
		}
	case c.trap != nil:
		return fmt.Errorf("trap event %q, but the execution ended with %v", c.trap.Msg, err)
	case err == nil:
		if c.write != nil {
			return fmt.Errorf("%s wrote %d bytes at %#x, but no memory write event followed", c.write.op, c.write.n, c.write.addr)
		}
		if len(c.calls) > 0 {
			return fmt.Errorf("the execution returned with %d calls not returned", len(c.calls))
		}
		if c.returned && !sameValues(c.lastOut, results) {
			return fmt.Errorf("the outermost return event had %s, the results are %s",
				formatValues(c.lastOut), formatValues(results))
		}
	}
	return nil
}

// sameBits reports whether a and b hold the same values, whatever their
// types say (the caller's and the callee's view of a reference may name
// its type differently).
func sameBits(a, b []vm.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Lo != b[i].Lo || a[i].Hi != b[i].Hi || a[i].Ref != b[i].Ref {
			return false
		}
	}
	return true
}

func sameValues(a, b []vm.Value) bool {
	if !sameBits(a, b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type {
			return false
		}
	}
	return true
}
