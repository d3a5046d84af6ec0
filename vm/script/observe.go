package script

import (
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
//   - calls and returns pair up at the same depth, and instructions run one
//     level inside the call that entered their function (whether Depth
//     counts the callee or the caller is learnt from the first call, then
//     enforced);
//   - a memory write has bytes;
//   - a trap event comes last, once, exactly when the execution traps, with
//     the trap's message;
//   - when the outermost call returns, its results are the execution's.
//
// The first violation is kept; later events are ignored.
type checker struct {
	failure error
	calls   []int // Depth of each call event not yet returned
	// inner is Instr.Depth minus the Depth of the enclosing call event; -1
	// until the first instruction inside a call shows it.
	inner    int
	trap     *vm.Trap
	lastOut  []vm.Value // Out of the latest return at the outermost level
	returned bool
	events   int
}

func newChecker() *checker { return &checker{inner: -1} }

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
	switch ev.Kind {
	case vm.EventInstr:
		c.instr(ev)
	case vm.EventCall:
		if ev.Depth < 0 {
			c.fail(ev, "negative depth")
		}
		c.calls = append(c.calls, ev.Depth)
	case vm.EventReturn:
		n := len(c.calls)
		if n == 0 {
			c.fail(ev, "return without a call")
			return
		}
		if c.calls[n-1] != ev.Depth {
			c.fail(ev, "return at depth %d from a call at depth %d", ev.Depth, c.calls[n-1])
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
		if len(ev.Bytes) == 0 {
			c.fail(ev, "memory write of no bytes")
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
	in := ev.Instr
	if in == nil {
		c.fail(ev, "instruction event without the instruction")
		return
	}
	if in.Offset != 0 && in.Offset != ev.Offset {
		c.fail(ev, "%s at offset %#x reported at %#x", name(in.Op), in.Offset, ev.Offset)
	}
	if n := len(c.calls); n > 0 {
		d := ev.Depth - c.calls[n-1]
		if c.inner < 0 && (d == 0 || d == 1) {
			c.inner = d
		}
		if d != c.inner {
			c.fail(ev, "%s at depth %d inside a call at depth %d", name(in.Op), ev.Depth, c.calls[n-1])
		}
	}
	info, ok := syntax.Info(in.Op)
	if !ok {
		c.fail(ev, "unknown opcode %#x", uint32(in.Op))
		return
	}
	if info.Sig == "" {
		return
	}
	ins, outs, _ := strings.Cut(info.Sig, ">")
	if err := checkTypes(ins, ev.In); err != nil {
		c.fail(ev, "%s consumed %s: %v", info.Name, formatValues(ev.In), err)
		return
	}
	if err := checkTypes(outs, ev.Out); err != nil {
		c.fail(ev, "%s produced %s: %v", info.Name, formatValues(ev.Out), err)
	}
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

func sameValues(a, b []vm.Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type || a[i].Lo != b[i].Lo || a[i].Hi != b[i].Hi || a[i].Ref != b[i].Ref {
			return false
		}
	}
	return true
}
