package exec

import (
	"errors"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Exception handling (Wasm 3.0): try_table compiles to no instruction, only
// to a handler over the pc range of its body; throw and throw_ref search
// the frames' handlers, innermost first, and either continue at a catch
// clause's label (the frames above it dropped) or end the execution with
// the *runtime.Exception as its error.

// handler is one try_table: its body's plain pcs [from, to) and its catch
// clauses in order.
type handler struct {
	from, to int
	catches  []catch
}

// catch is one catch clause, resolved: the label's plain pc and the
// operand slot height (above the locals) where the label's values go.
type catch struct {
	kind syntax.CatchKind
	tag  uint32
	pc   int
	base int
}

// tryTable opens a try_table: a block whose handler covers its body.
func (c *compiler) tryTable(in *syntax.Instr) {
	params, results := c.blockType(in.Block)
	h := handler{from: len(c.code.insts), catches: make([]catch, len(in.Catches))}
	hi := len(c.code.handlers)
	for i, cl := range in.Catches {
		// Catch labels count from outside the try_table.
		if int(cl.Label) >= len(c.ctrls) {
			c.fail(in, "unknown label")
			return
		}
		t := &c.ctrls[len(c.ctrls)-1-int(cl.Label)]
		h.catches[i] = catch{kind: cl.Kind, tag: cl.Tag, base: t.slots}
		if t.op == syntax.OpLoop {
			h.catches[i].pc = t.start
		} else {
			t.catchFixups = append(t.catchFixups, [2]int{hi, i})
		}
	}
	c.code.handlers = append(c.code.handlers, h)
	nt := ctrl{op: syntax.OpTryTable, params: params, results: results, elseFix: -1, handler: hi}
	nt.height = len(c.types) - len(params)
	nt.slots = c.slots - slotsOf(params)
	nt.start = len(c.code.insts)
	c.ctrls = append(c.ctrls, nt)
}

// throw compiles throw (a = tag index) and throw_ref.
func (c *compiler) throw(in *syntax.Instr) {
	if in.Op == syntax.OpThrowRef {
		t := c.pop()
		c.emit(opThrowRef, 0, 0, []syntax.ValType{t}, nil)
	} else {
		if int(in.X) >= len(c.info.tags) {
			c.fail(in, "unknown tag")
			return
		}
		ps := c.info.tags[in.X].Params
		c.popN(len(ps))
		c.emit(opThrow, in.X, 0, ps, nil)
	}
	c.markDead()
}

// throwOp executes throw or throw_ref at the top frame, whose pc is past
// it. It returns a trap message, or "" with the exception thrown (caught,
// or e.exn set when nothing caught it).
func (e *Execution) throwOp(in *inst) string {
	fr := &e.frames[len(e.frames)-1]
	if in.op == opThrowRef {
		e.sp--
		r := e.stack[e.sp]
		if r == 0 {
			return "null exception reference"
		}
		x := e.store.Exn(r)
		if x == nil {
			return "internal error: throw_ref of a reference that is not an exception"
		}
		e.raise(x)
		return ""
	}
	tag := fr.inst.Tags[in.a]
	ps := tag.Type.Params
	n := slotsOf(ps)
	x, msg := e.store.NewException(tag, n)
	if msg != "" {
		return msg
	}
	base := e.sp - n
	k := base
	for _, t := range ps {
		if t.IsRef() {
			x.Payload.Set(e.store, k-base, e.stack[k])
		} else {
			x.Payload.Num[k-base] = e.stack[k]
			if t.Kind == syntax.KindV128 {
				k++
				x.Payload.Num[k-base] = e.stack[k]
			}
		}
		k++
	}
	e.sp = base
	e.raise(x)
	return ""
}

// raise throws x from the top frame (its pc past the throwing instruction:
// throw, throw_ref or a call). When a handler catches it, the frames above
// the handler's are dropped and the handler's frame continues at the catch
// clause's label with its values; otherwise every frame is dropped and
// e.exn is x, with the stack trace of where it was thrown. With a log, it
// records the throw, a return for each frame left and the catch.
func (e *Execution) raise(x *runtime.Exception) {
	if e.log != nil {
		e.logThrow(x)
	}
	for i := len(e.frames) - 1; i >= 0; i-- {
		if k := e.findCatch(&e.frames[i], x); k != nil {
			e.unwindTo(i + 1)
			e.catchAt(&e.frames[i], k, x)
			if e.log != nil {
				e.logCatch(x)
			}
			e.caught = true
			return
		}
	}
	x.Stack = e.stackTrace(false)
	e.unwindTo(0)
	e.exn = x
	e.caught = false
}

// unwindTo drops the frames from n up, recording a return for each.
func (e *Execution) unwindTo(n int) {
	if e.log != nil {
		for j := len(e.frames) - 1; j >= n; j-- {
			fr := &e.frames[j]
			// No values.
			e.open(head(uint64(EventReturn+1), j)|uint64(fr.code.trapOffset(fr.pc-1)), fr.rid, 0, 0)
		}
	}
	e.frames = e.frames[:n]
}

// findCatch returns the catch clause of fr's innermost handler around its
// current instruction that catches x, or nil.
func (e *Execution) findCatch(fr *frame, x *runtime.Exception) *catch {
	c := fr.code
	if len(c.handlers) == 0 {
		return nil
	}
	pc := fr.pc - 1
	if c.plain != nil {
		pc = int(c.orig[pc])
	}
	// Handlers open in order and nest, so the latest one around pc is the
	// innermost.
	for i := len(c.handlers) - 1; i >= 0; i-- {
		h := &c.handlers[i]
		if pc < h.from || pc >= h.to {
			continue
		}
		for j := range h.catches {
			k := &h.catches[j]
			if (k.kind == syntax.Catch || k.kind == syntax.CatchRef) && fr.inst.Tags[k.tag] != x.Tag {
				continue
			}
			return k
		}
	}
	return nil
}

// catchAt continues frame fr, now the top one, at catch clause k with x's
// payload and, for catch_ref and catch_all_ref, the exnref.
func (e *Execution) catchAt(fr *frame, k *catch, x *runtime.Exception) {
	c := fr.code
	sp := fr.fp + c.localSlots + k.base
	if k.kind == syntax.Catch || k.kind == syntax.CatchRef {
		for i := range x.Payload.Num {
			e.stack[sp] = x.Payload.Get(e.store, i)
			sp++
		}
	}
	if k.kind == syntax.CatchRef || k.kind == syntax.CatchAllRef {
		e.stack[sp] = e.store.Ref(x)
		sp++
	}
	e.sp = sp
	pc := k.pc
	switch {
	case c.observed:
		pc *= 2 // the label's record instruction (see observedCode)
	case c.plain != nil:
		pc = int(c.fastOf[pc])
	}
	fr.pc = pc
}

// hostThrew reports whether a host function's error is a Wasm exception
// (a nested execution's uncaught one, or one the host made), and if so
// throws it here.
func (e *Execution) hostThrew() bool {
	var x *runtime.Exception
	if !errors.As(e.hostErr, &x) {
		return false
	}
	e.hostErr = nil
	e.raise(x)
	return true
}

// logThrow records that the top frame threw x. The instruction that threw
// is complete: nothing of it is left to settle.
func (e *Execution) logThrow(x *runtime.Exception) {
	l := e.log
	e.pend, e.recFast = 0, false
	fr := &e.frames[len(e.frames)-1]
	e.open(head(uint64(EventThrow+1), len(e.frames)-1)|uint64(fr.code.trapOffset(fr.pc-1)), fr.rid, l.exnIndex(x), 0)
}

// logCatch records that the top frame caught x, where it continues.
func (e *Execution) logCatch(x *runtime.Exception) {
	l := e.log
	fr := &e.frames[len(e.frames)-1]
	e.open(head(uint64(EventCatch+1), len(e.frames)-1)|uint64(fr.code.offset(fr.pc)), fr.rid, l.exnIndex(x), 0)
}
