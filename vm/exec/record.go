package exec

import (
	"sync"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Recording. With a Log attached, frames run a third variant of their
// code, built from the plain one on first use (observedCode): before each
// plain instruction an opRec whose a is the plain pc and b the
// instruction's slot counts and flags. For most instructions the loop
// itself writes the record: its pc and depth and the top one or two stack
// slots, which hold the instruction's operands and, in the next record,
// its results (see rec); its function and count follow from the frame
// record before it, written out of line. The loop also records a call, a
// return to a caller and a store to memory 0 with its write. The others
// (tail calls, other writes, instructions that consume more than two
// slots, the first instruction of a slice) go to record, out of line,
// which also settles the one before (its memory write). A call to a Wasm
// function of the same instance is recorded by the loop too (its frame
// record and the call event with the arguments, as logCall writes them);
// other calls, host calls and traps are recorded where the engine does
// them (enter, callHost, trapped). Nothing changes for unobserved code,
// and an observed run goes through the loop once per slice, not per
// instruction.

// Bits of an opRec's b: slots consumed, slots produced, what the
// instruction writes, and whether record must see it.
const (
	recWriteShift = 32
	writeNone     = 0
	writeStore    = 1
	writeBulk     = 2 // memory.fill, memory.copy, memory.init: (dst, _, n)
	recSlow       = 1 << 40
	recReturn     = 1 << 41 // return (not return_call): record reports it
	// recTwo: the record keeps two stack slots, not one: the
	// instruction consumes two, or its function may have a v128 or
	// several values on top of the stack (the results of the one
	// before, which the next record holds).
	recTwo = 1 << 42
	// The index plus one in Code.writes of what a memory-writing
	// instruction writes (0: none).
	recWriteIndexShift = 48
)

// recWrite is what a memory-writing instruction writes, known when its
// code is built, so recording the write needs no decoded syntax: the
// memory, and for a store its size (0 for a bulk op) and static offset.
type recWrite struct {
	off  uint64
	mem  uint32
	size uint32
}

// recBinary maps the binary instructions that have a combined recording
// form (their two operands recorded, then the operation) to it.
var recBinary = map[opcode]opcode{
	opI32Add: opRecI32Add, opI32Sub: opRecI32Sub, opI32LtU: opRecI32LtU,
	opI32Xor: opRecI32Xor, opF64Add: opRecF64Add, opF64Mul: opRecF64Mul,
}

// lazyMu guards the lazily built parts of Code shared between executions
// (observed variants).
var lazyMu sync.Mutex

// observedCode returns the recording variant of plain code c.
func (c *Code) observedCode() *Code {
	lazyMu.Lock()
	defer lazyMu.Unlock()
	if c.rec != nil {
		return c.rec
	}
	d := c.debug()
	r := *c
	r.plain, r.fast, r.rec, r.dbg = c, nil, nil, nil
	r.last, r.fastOf, r.writes = nil, nil, nil
	n := len(c.insts)
	r.insts = make([]inst, 0, 2*n)
	r.src = make([]int32, 0, 2*n)
	r.offs = make([]uint32, 0, 2*n)
	r.orig = make([]int32, 0, 2*n)
	body := c.instrs()
	// Two slots a record throughout functions where an instruction
	// produces more than one (a v128, several results).
	two := false
	for i := range c.insts {
		for _, ts := range [][]syntax.ValType{d.in[i], d.out[i]} {
			for _, t := range ts {
				two = two || t.Kind == syntax.KindV128
			}
		}
		two = two || slotsOf(d.out[i]) > 1
	}
	for i, in := range c.insts {
		w := uint64(writeNone)
		var wr recWrite
		switch sx := &body[c.src[i]]; {
		case isStore(sx.Op):
			w, wr = writeStore, recWrite{off: sx.MemOffset, mem: sx.Y, size: uint32(memSize(sx.Op))}
		case sx.Op == syntax.OpMemoryFill || sx.Op == syntax.OpMemoryCopy:
			w, wr = writeBulk, recWrite{mem: sx.X}
		case sx.Op == syntax.OpMemoryInit:
			w, wr = writeBulk, recWrite{mem: sx.Y}
		}
		nin, nout := slotsOf(d.in[i]), slotsOf(d.out[i])
		b := uint64(nin) | uint64(nout)<<16 | w<<recWriteShift
		if two || nin > 1 {
			b |= recTwo
		}
		if w != writeNone && len(r.writes) < 1<<(64-recWriteIndexShift)-1 {
			r.writes = append(r.writes, wr)
			b |= uint64(len(r.writes)) << recWriteIndexShift
		}
		switch in.op {
		case opReturn:
			b |= recSlow | recReturn
		case opReturnCall, opReturnCallIndirect, opReturnCallRef:
			// logCall takes the call site from the pending record (the
			// frame that made the call is gone).
			b |= recSlow
		default:
			if w != writeNone || nin > snapSlots || nout > snapSlots {
				b |= recSlow
			}
		}
		// The opRec takes the instruction's fuel: the two run as one.
		rc := inst{op: opRec, w: 1, a: uint32(i), b: b}
		if isJump(in.op) {
			in.a *= 2
		}
		if b&(recSlow|recTwo) == 0 || b&recSlow == 0 && recBinary[in.op] != 0 {
			// The commonest: one instruction that records and runs,
			// with the plain pc where the instruction leaves room.
			switch in.op {
			case opLocalGet:
				rc = inst{op: opRecLocalGet, w: 1, a: in.a, b: uint64(i)}
			case opLocalSet:
				rc = inst{op: opRecLocalSet, w: 1, a: in.a, b: uint64(i)}
			case opConst:
				rc = inst{op: opRecConst, w: 1, a: uint32(i), b: in.b}
			case opI32Add, opI32Sub, opI32LtU, opI32Xor, opF64Add, opF64Mul:
				rc = inst{op: recBinary[in.op], w: 1, a: uint32(i)}
			case opBrUnless:
				rc = inst{op: opRecBrUnless, w: 1, a: in.a, b: uint64(i)}
			case opBrIf:
				rc = inst{op: opRecBrIf, w: 1, a: in.a, b: uint64(i)}
			case opBr:
				rc = inst{op: opRecBr, w: 1, a: in.a, b: uint64(i)}
			case opI32Load:
				rc = inst{op: opRecI32Load, w: 1, a: uint32(i), b: in.b}
			case opI32Load8U:
				rc = inst{op: opRecI32Load8U, w: 1, a: uint32(i), b: in.b}
			case opF64Load, opI64Load:
				rc = inst{op: opRecI64Load, w: 1, a: uint32(i), b: in.b}
			case opLocalTee:
				rc = inst{op: opRecLocalTee, w: 1, a: in.a, b: uint64(i)}
			}
		} else if w == writeStore && wr.mem == 0 && (in.op == opStore32 || in.op == opStore8 || in.op == opStore64) {
			// A store to memory 0: recorded, with its write, and run
			// in one dispatch (its own copy after it has the offset);
			// out of line as any write when the loop cannot record.
			rc = inst{op: opRecStore, w: 1, a: uint32(i), b: b}
		}
		r.insts = append(r.insts, rc)
		in.w = 0
		r.insts = append(r.insts, in)
		r.src = append(r.src, c.src[i], c.src[i])
		r.offs = append(r.offs, c.offs[i], c.offs[i])
		r.orig = append(r.orig, int32(i), int32(i))
	}
	if !two && recordSeqs {
		recSeqs(c, r.insts)
	}
	r.brTables = make([][]brTarget, len(c.brTables))
	for k, tab := range c.brTables {
		r.brTables[k] = make([]brTarget, len(tab))
		for j, t := range tab {
			t.pc *= 2
			r.brTables[k][j] = t
		}
	}
	r.observed = true
	c.rec = &r
	return c.rec
}

// recSeqs puts the recorded sequences (opRecLC, opRecLL, and opRecCBin,
// opRecLCBin and opRecLLBin with a suffix or not)
// into observed code obs, built from plain code c: each takes the place of
// its first instruction's opRec, records every instruction of the sequence
// as their own opRecs would and runs them in one dispatch, then goes on
// past the last one's copy. The observed code keeps its shape (two slots a
// plain instruction, pc/2 the plain pc), so everything that maps its pcs
// is unchanged, and the instructions after the first keep their opRecs
// and copies: a sequence that cannot be recorded inline or does not fit in
// the budget left records its first instruction out of line (slowRec) and
// runs on through them one at a time, and fuel still stops at any Wasm
// instruction. Only functions whose records keep one slot (not two, see
// observedCode) have them, and no instruction past a sequence's first may
// be a branch target.
//
// The observed code is unfused: each Wasm instruction is a dispatch of its
// own, against the fast code's fused ones, and a dispatch is most of what
// a recorded instruction costs (a CPU profile of recorded sieve: a third
// of it at the loop's head). The sequences are the commonest runs over the
// bench workloads (local.get; i32.const; i32.add is an address or a loop
// counter in every C loop; a comparison with a constant and its br_if;
// i64 arithmetic with constants in Go's and collatz's loops), chosen by
// counting the observed code's dispatches: where an opRec and its copy
// were two dispatches, or a local.get, a constant and an i32.add three,
// a sequence is one. Their binary operations share one switch (the loop's
// recBin) rather than a case each: the loop grows by a few cases, not
// one per operation and suffix.
func recSeqs(c *Code, obs []inst) {
	target := branchTargets(c)
	p := c.insts
	n := len(p)
	free := func(i, k int) bool { return runFree(target, i, k) }
	// suffix reports whether plain instruction j can end a sequence: one
	// that the loop's recBin runs (a local.set, local.tee, br, br_if, if
	// or load of memory 0 of the result before it, or a constant after
	// it: the value of a store to the address just computed), or any
	// other whose opRec the loop records inline with one slot (then its
	// copy runs). obs[2*j] is still j's own opRec: sequences are placed
	// from left to right.
	suffix := func(j int) bool {
		switch p[j].op {
		case opLocalSet, opLocalTee, opBr, opBrIf, opBrUnless, opI32Load, opI32Load8U, opF64Load, opI64Load, opConst:
			return true
		}
		return obs[2*j].op == opRec && obs[2*j].b&(recSlow|recTwo) == 0
	}
	// llBin is the recBin index plus one of the operation of two locals
	// at i (0: none).
	llBin := func(i int) int {
		if k := recBins[p[i+2].op]; k != 0 || p[i].a != p[i+1].a {
			return k
		}
		return recSquares[p[i+2].op]
	}
	const withSuffix = 1 << 31
	for i := 0; i < n; i++ {
		switch op := p[i].op; {
		case op == opLocalGet && p[i].a < 1<<24 && free(i, 3) && p[i+1].op == opConst && recBins[p[i+2].op] != 0 && suffix(i+3):
			obs[2*i] = inst{op: opRecLCBin, w: 1, a: p[i].a | uint32(recBins[p[i+2].op]-1)<<24 | withSuffix, b: p[i+1].b}
			i += 3
		case op == opLocalGet && p[i].a < 1<<24 && free(i, 2) && p[i+1].op == opConst && recBins[p[i+2].op] != 0:
			obs[2*i] = inst{op: opRecLCBin, w: 1, a: p[i].a | uint32(recBins[p[i+2].op]-1)<<24, b: p[i+1].b}
			i += 2
		case op == opLocalGet && free(i, 1) && p[i+1].op == opConst:
			obs[2*i] = inst{op: opRecLC, w: 1, a: p[i].a, b: p[i+1].b}
			i++
		case op == opLocalGet && p[i].a < 1<<24 && free(i, 3) && p[i+1].op == opLocalGet && llBin(i) != 0 && suffix(i+3):
			obs[2*i] = inst{op: opRecLLBin, w: 1, a: p[i].a | uint32(llBin(i)-1)<<24 | withSuffix, b: uint64(p[i+1].a)}
			i += 3
		case op == opLocalGet && p[i].a < 1<<24 && free(i, 2) && p[i+1].op == opLocalGet && llBin(i) != 0:
			obs[2*i] = inst{op: opRecLLBin, w: 1, a: p[i].a | uint32(llBin(i)-1)<<24, b: uint64(p[i+1].a)}
			i += 2
		case op == opLocalGet && free(i, 1) && p[i+1].op == opLocalGet:
			obs[2*i] = inst{op: opRecLL, w: 1, a: p[i].a, b: uint64(p[i+1].a)}
			i++
		case op == opConst && free(i, 2) && recBins[p[i+1].op] != 0 && suffix(i+2):
			obs[2*i] = inst{op: opRecCBin, w: 1, a: uint32(recBins[p[i+1].op]-1) | withSuffix, b: p[i].b}
			i += 2
		case op == opConst && free(i, 1) && recBins[p[i+1].op] != 0:
			obs[2*i] = inst{op: opRecCBin, w: 1, a: uint32(recBins[p[i+1].op] - 1), b: p[i].b}
			i++
		}
	}
}

// recordSeqs turns the recorded sequences on; tests turn them off to
// compare the records with those of one dispatch an instruction.
var recordSeqs = true

// The binary operations that the recorded sequences opRecCBin, opRecLCBin
// and opRecLLBin run (the loop's recBin), by their index; i32.add is 0,
// the switch's default.
const (
	recBinI32Add = iota
	recBinI32Sub
	recBinI32And
	recBinI32Or
	recBinI32Xor
	recBinI32Shl
	recBinI32ShrU
	recBinI32Mul
	recBinI32Eq
	recBinI32Ne
	recBinI32LtU
	recBinI32LtS
	recBinI32GtU
	recBinI32GtS
	recBinI64Add
	recBinI64Sub
	recBinI64And
	recBinI64Mul
	recBinI64Eq
	recBinI64Ne
	recBinI64ShrU
	recBinI64Shl
	// f64 (mandelbrot's and nbody's loops: a local times itself, then its
	// local.tee; a comparison with a constant and its br_if).
	recBinF64Add
	recBinF64Sub
	recBinF64Mul
	recBinF64Div
	recBinF64Lt
	recBinF64Gt
	recBinF64Le
	recBinF64Ge
)

// The indexes fit the five bits the sequences keep them in (a&31,
// a>>24&31): a negative constant here fails to compile.
const _ uint = 31 - recBinF64Ge

// recBins maps the plain binary instructions that recorded sequences take
// to their recBin index plus one (0: none).
var recBins = map[opcode]int{
	opI32Add: recBinI32Add + 1, opI32Sub: recBinI32Sub + 1, opI32And: recBinI32And + 1,
	opI32Or: recBinI32Or + 1, opI32Xor: recBinI32Xor + 1, opI32Shl: recBinI32Shl + 1,
	opI32ShrU: recBinI32ShrU + 1, opI32Mul: recBinI32Mul + 1, opI32Eq: recBinI32Eq + 1,
	opI32Ne: recBinI32Ne + 1, opI32LtU: recBinI32LtU + 1, opI32LtS: recBinI32LtS + 1,
	opI32GtU: recBinI32GtU + 1, opI32GtS: recBinI32GtS + 1, opI64Add: recBinI64Add + 1,
	opI64Sub: recBinI64Sub + 1, opI64And: recBinI64And + 1, opI64Mul: recBinI64Mul + 1,
	opI64Eq: recBinI64Eq + 1, opI64Ne: recBinI64Ne + 1, opI64ShrU: recBinI64ShrU + 1,
	opI64Shl: recBinI64Shl + 1, opF64Sub: recBinF64Sub + 1, opF64Div: recBinF64Div + 1,
	opF64Lt: recBinF64Lt + 1, opF64Gt: recBinF64Gt + 1, opF64Le: recBinF64Le + 1,
	opF64Ge: recBinF64Ge + 1,
}

// recSquares maps f64.add and f64.mul to their recBin index plus one, for
// opRecLLBin of one local twice (x*x, x+x) only. Of two NaN operands the
// result keeps one's payload, which one by the order in which the
// compiler gives a commutative operation's operands to the machine
// instruction: a sequence's order could differ from the plain
// instruction's, and a recorded run would show another NaN than the run
// unobserved (TestRecordedSequences caught it: f64.add of two NaNs). With
// one operand there is no order to differ.
var recSquares = map[opcode]int{opF64Add: recBinF64Add + 1, opF64Mul: recBinF64Mul + 1}

// SetLog makes the execution record into l (nil stops recording). An
// observed execution runs the plain code of its functions, one internal
// instruction per Wasm instruction, each recorded.
func (e *Execution) SetLog(l *Log) {
	if e.log != nil {
		e.syncSeq()
	}
	if l != nil {
		l.store = e.store
		if e.log == nil {
			// Records count instructions from where the execution
			// stands, not from where logging began.
			e.seq = e.executed
		}
		e.mark, e.frameOK = e.budget, false
	}
	e.log = l
	e.ownLog = false
}

// Log returns the log the execution records into, or nil.
func (e *Execution) Log() *Log { return e.log }

// rec variant of code c (fast, plain or observed) for this execution's
// log, and its id there.
func (e *Execution) observed(c *Code) (*Code, uint32) {
	if c.observed || c.plain != nil {
		c = c.plain
	}
	l := e.log
	k := c.index & (uint32(len(l.cache)) - 1)
	if ce := &l.cache[k]; ce.plain == c {
		return ce.rec, ce.id
	}
	id := l.codeID(c)
	rc := c.observedCode()
	l.cache[k] = cacheEntry{plain: c, rec: rc, id: id}
	return rc, id
}

// record writes the record of the instruction at plain pc whose opRec has
// b, with sp the stack height before it, when the loop does not (see
// interp.go's opRec): after a call, a return or a slice boundary, for
// instructions that need settling, and under an observer. It settles the
// instruction before first.
func (e *Execution) record(pc uint32, b uint64, sp int) {
	l := e.log
	// The instruction took its budget but is not recorded yet.
	e.budget++
	e.syncSeq()
	depth := len(e.frames) - 1
	if e.pend != 0 {
		e.settle(sp, depth)
	}
	fr := &e.frames[depth]
	e.recW0 = head(uint64(EventInstr+1), depth)
	n := max(1, int(b&0xffff))
	if b&recTwo != 0 {
		n = max(n, 2)
	}
	i := e.open(e.recW0|uint64(pc), fr.rid, 0, n-1)
	for k := 0; k < n && k < sp; k++ {
		l.at(i + uint64(k))[1] = e.stack[sp-1-k]
	}
	e.seq++
	e.budget--
	e.mark = e.budget
	e.recFast = b&recSlow == 0
	if b&recSlow == 0 {
		// Nothing to settle.
	} else if b&recReturn != 0 {
		// A return: its event now, with the results on top of the stack,
		// and the caller's frame record for its next instruction.
		e.logReturn(fr, pc, sp, depth)
		if depth > 0 {
			e.recW0 = head(uint64(EventInstr+1), depth-1)
			e.ensureFrame(e.frames[depth-1].rid)
			e.recFast = true
		}
	} else {
		e.pend, e.pendDepth, e.pendB, e.pendPC, e.pendCode = i+1, depth, b, pc, fr.code.plain
	}
	if e.obs != nil && i-e.delivered >= uint64(len(l.recs))/2 {
		e.drain(i)
	}
}

// syncSeq counts the instructions the loop recorded since the last count:
// each took one from the budget (its opRec's weight; the instruction's own
// copy has none), so the count is what the budget lost since (mark).
// Re-reading the records to count them cost a fifth of a recorded run.
// (A -tags wasmscope_nobudget build, which has no budget, counts none.)
func (e *Execution) syncSeq() {
	if e.mark > e.budget {
		e.seq += uint64(e.mark - e.budget)
	}
	e.mark = e.budget
}

// ensureFrame writes a frame record for the code with id, with the count
// of the next instruction, unless the last one written still stands for
// it. The execution's count must be current (syncSeq).
func (e *Execution) ensureFrame(id uint32) {
	l := e.log
	if e.frameOK && e.frameID == id && e.frameGen == l.gen {
		return
	}
	r := l.add()
	r[0], r[1] = head(recFrame, 0), uint64(id)<<seqBits|e.seq&seqMask
	e.frameID, e.frameGen, e.frameOK = id, l.gen, true
}

// open writes, out of the loop, a record with words w0 and w1 in the frame
// of the code with id, followed by n recExt records (value slots zero),
// and returns its number.
func (e *Execution) open(w0 uint64, id uint32, w1 uint64, n int) uint64 {
	e.syncSeq()
	e.ensureFrame(id)
	l := e.log
	i := l.total
	r := l.add()
	r[0], r[1] = w0, w1
	for k := 0; k < n; k++ {
		x := l.add()
		x[0], x[1] = head(recExt, 0), 0
	}
	return i
}

// settle finishes the record of the pending instruction (one that record
// saw) now that it ran, with sp the stack height and depth the frame depth
// after it: its memory write when it stayed in its frame.
func (e *Execution) settle(sp, depth int) {
	l := e.log
	i := e.pend - 1
	e.pend = 0
	if !l.held(i) {
		return
	}
	switch {
	case depth == e.pendDepth:
		if w := e.pendB >> recWriteShift & 3; w != writeNone {
			e.logWrite(i, w)
		}
	}
}

// logReturn records the return from frame fr of the instruction at plain
// pc, whose results are the top of the stack below sp.
func (e *Execution) logReturn(fr *frame, pc uint32, sp, depth int) {
	c := fr.code.plain
	if c == nil {
		c = fr.code
	}
	n := c.resultSlots
	j := e.open(head(uint64(EventReturn+1), depth)|uint64(c.offset(int(pc))), fr.rid, uint64(n)<<16, n)
	if sp >= n {
		e.log.putExt(j, 0, e.stack[sp-n:sp])
	}
}

// popRecorded records the return of frame fr, which returns without a
// return instruction (a host function's tail call), and settles the
// instruction that made it.
func (e *Execution) popRecorded(fr *frame) {
	l := e.log
	depth := len(e.frames) - 1
	if e.pend == 0 || !l.held(e.pend-1) {
		return
	}
	e.logReturn(fr, e.pendPC, e.sp, depth)
	e.pend = 0
	e.recFast = false
}

// logWrite records the memory write of the instruction whose record is i
// (still in its frame), with the bytes now in memory.
func (e *Execution) logWrite(i uint64, kind uint64) {
	l := e.log
	c := e.pendCode
	k := e.pendB >> recWriteIndexShift
	if c.rec == nil || k == 0 || int(k) > len(c.rec.writes) {
		return
	}
	wr := c.rec.writes[k-1]
	nin := int(e.pendB & 0xffff)
	operand := func(k int) uint64 { return l.slot(i, nin-1-k) }
	addr, n := operand(0)+wr.off, uint64(wr.size)
	if kind == writeBulk {
		addr, n = operand(0), operand(2)
	}
	inst := e.frames[len(e.frames)-1].inst
	if int(wr.mem) >= len(inst.Mems) || n == 0 {
		return
	}
	if !inst.Mems[wr.mem].Type.Mem64 {
		n = uint64(uint32(n))
	}
	e.logMemWrite(wr.mem, inst.Mems[wr.mem].Data, addr, n, c.offset(int(e.pendPC)), e.pendDepth, 0)
}

// logMemWrite records that n bytes at addr of memory mem (now data) were
// written, by the instruction at module offset off, or by a host function
// when host is its id in the log plus one.
func (e *Execution) logMemWrite(mem uint32, data []byte, addr, n uint64, off uint32, depth int, host uint32) {
	if addr > uint64(len(data)) || n > uint64(len(data))-addr {
		return
	}
	l := e.log
	id := uint32(0)
	if len(e.frames) > 0 {
		id = e.frames[len(e.frames)-1].rid
	}
	nx := 2
	if n > 8 {
		nx = 3
	}
	i := e.open(head(uint64(EventMemWrite+1), depth)|uint64(off), id, addr, nx)
	x := l.at(i + 1)
	x[0], x[1] = head(recExt, int(host))|uint64(mem), n
	var bytes [2]uint64
	for k, b := range data[addr : addr+min(n, 16)] {
		bytes[k/8] |= uint64(b) << (8 * (k % 8))
	}
	l.putExt(i, 1, bytes[:nx-1])
}

// logCall records the entry into the top frame's function, called from
// the pending instruction (none: the execution's own call).
func (e *Execution) logCall() {
	depth := len(e.frames) - 1
	fr := &e.frames[depth]
	var off uint32
	if e.pend != 0 {
		off = e.pendCode.offset(int(e.pendPC))
	} else if depth > 0 {
		// A call the loop recorded: the caller stands past it.
		cf := &e.frames[depth-1]
		off = cf.code.offset(cf.pc - 1)
	}
	n := fr.code.paramSlots
	i := e.open(head(uint64(EventCall+1), depth)|uint64(off), fr.rid, uint64(n), n)
	e.log.putExt(i, 0, e.stack[fr.fp:fr.fp+n])
	// The call instruction has nothing to settle (a call's results come
	// with its return event), and the callee's first instruction can be
	// recorded by the loop.
	e.pend = 0
	e.recW0 = head(uint64(EventInstr+1), depth)
	e.recFast = true
}

// logHost records a host call and the memory it said it wrote.
func (e *Execution) logHost(f *runtime.Func, args, res []uint64) {
	l := e.log
	depth := len(e.frames)
	id := uint32(0)
	if depth > 0 {
		id = e.frames[depth-1].rid
	}
	host := l.hostID(f)
	i := e.open(head(uint64(EventHostCall+1), depth)|uint64(host), id, uint64(len(args))|uint64(len(res))<<16, len(args)+len(res))
	l.putExt(i, 0, args)
	l.putExt(i, len(args), res)
	if len(e.hostWrites) > 0 && e.callerInst != nil && len(e.callerInst.Mems) > 0 {
		data := e.callerInst.Mems[0].Data
		for _, w := range e.hostWrites {
			e.logMemWrite(0, data, w[0], w[1], 0, depth, host+1)
		}
	}
	e.hostWrites = e.hostWrites[:0]
}

// unrecord takes back the record of the last instruction, which did not
// complete (a trap, a failed host call, an exit), and what followed it;
// the record stays as a snapshot, for the results of the one before.
func (e *Execution) unrecord() {
	l := e.log
	e.syncSeq()
	e.pend = 0
	e.recFast = false
	for i := l.total; i > l.oldest(); i-- {
		r := l.at(i - 1)
		if kindOf(r) == uint64(EventInstr+1) {
			r[0] = r[0]&^(0xff<<32) | recSnap<<32
			j := i
			for j < l.total && kindOf(l.at(j)) == recExt {
				j++ // its stack slots
			}
			l.total = j
			e.seq--
			// Records taken back: what was looked up of them, and the
			// frame record, may be gone.
			l.gen++
			return
		}
	}
}

// logTrap records the trap t.
func (e *Execution) logTrap(t *runtime.Trap) {
	l := e.log
	var off uint64
	var id uint32
	if n := len(e.frames); n > 0 {
		fr := &e.frames[n-1]
		id, off = fr.rid, uint64(fr.code.trapOffset(fr.pc-1))
	}
	e.open(head(uint64(EventTrap+1), len(e.frames)-1)|off, id, uint64(len(l.traps)), 0)
	l.traps = append(l.traps, t)
}

// endSnapshot records the stack where a slice ended, so the last
// instruction's results are known. The next slice starts with a frame
// record, so that no record is far from one.
func (e *Execution) endSnapshot() {
	l := e.log
	e.syncSeq()
	depth := len(e.frames) - 1
	if depth < 0 {
		// The execution returned: no frame to compare with.
		depth = 1<<24 - 1
	}
	r, x := l.add(), l.add()
	r[0], x[0] = head(recSnap, depth), head(recExt, 0)
	r[1], x[1] = 0, 0
	if e.sp > 0 {
		r[1] = e.stack[e.sp-1]
	}
	if e.sp > 1 {
		x[1] = e.stack[e.sp-2]
	}
	e.recFast = false
	e.frameOK = false
}

// drain delivers the records not yet delivered to the observer, up to
// record end (whose instruction may still be taken back, and whose
// snapshot the one before needs).
func (e *Execution) drain(end uint64) {
	l := e.log
	if e.batch != nil {
		if from := max(e.delivered, l.First()); from < end {
			e.batch(l, from, end)
		}
		e.delivered = end
		return
	}
	for i := max(e.delivered, l.First()); i < end; i++ {
		if l.Event(i, &e.ev) {
			e.obs(&e.ev)
		}
	}
	e.delivered = end
}
