package exec

import (
	"math"
	"math/bits"
	"strconv"
	"unsafe"

	"github.com/wasmscope/wasmscope/vm/internal/numeric"
	"github.com/wasmscope/wasmscope/vm/runtime"
)

const (
	msgOOB         = "out of bounds memory access"
	msgDivZero     = "integer divide by zero"
	msgOverflow    = "integer overflow"
	msgUndefined   = "undefined element"
	msgUninit      = "uninitialized element"
	msgIndirect    = "indirect call type mismatch"
	msgUnreachable = "unreachable"
)

func f32(x uint64) float32  { return math.Float32frombits(uint32(x)) }
func f64(x uint64) float64  { return math.Float64frombits(x) }
func uf32(x float32) uint64 { return uint64(math.Float32bits(x)) }
func uf64(x float64) uint64 { return math.Float64bits(x) }

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// loop runs up to budget instructions of the top frame and whatever it
// calls, and returns the unused budget and why it stopped. It is the
// engine's hot path: state lives in local variables, and leaves the loop
// only through the frame save at the bottom or the exits that save it.
//
// It is compiled twice (see runs.go): loop[byRunsLoop] runs fast code,
// charged by runs; loop[countedLoop] runs plain and observed code, charged
// per instruction.
func loop[L loopKind](e *Execution, budget int) (int, int) {
	// byRuns is a constant of each instantiation: their type arguments
	// differ in size, so each is compiled for its own shape, where the
	// size is known, and the code of the other kind is compiled out.
	var kind L
	byRuns := unsafe.Sizeof(kind) == 0
	e.budget = budget
	// Every case that calls a Go function saves the state in e and jumps
	// back here to reload it, so no local is live across a call and the
	// compiler keeps the locals in registers around the dispatch instead of
	// spilling them on every instruction.
	var recPC uint32 // the plain pc of a combined recorded instruction (see slowRec)
	var tgt int      // a branch's target (see jump)
	// e.charge says control arrived at the top frame's pc other than by
	// falling through, so reload charges its run (byRuns): a field, not a
	// local, so that it is not part of the state the loop carries.
	e.charge = true
reload:
	fr := &e.frames[len(e.frames)-1]
	if budgetCheck && fr.code.runs != byRuns {
		// The other loop's kind of code (see runs.go).
		e.uncharged = true
		return e.budget, exitBudget
	}
	e.cur, e.inst = fr.code, fr.inst
	e.setTable()
	code := fr.code.insts
	pc := fr.pc
	fp := fr.fp
	sp := e.sp
	stack := e.stack
	budget = e.budget
	if byRuns && budgetCheck && e.charge {
		e.charge = false
		w := int(code[pc].w)
		if budget < w {
			e.uncharged = true
			return budget, exitBudget
		}
		budget -= w
	}
	var mem []byte
	if len(fr.inst.Mems) > 0 {
		mem = fr.inst.Mems[0].Data
	}
	for {
		in := &code[pc]
		if budgetCheck && !byRuns {
			// An instruction costs the Wasm instructions it stands for
			// (inst.w: several for a fused one, none for an observed
			// instruction's own, whose opRec paid); one that does not fit
			// is left to the driver (see run).
			if budget < int(in.w) {
				break
			}
			budget -= int(in.w)
		}
		pc++
		if in.op < numHot {
			switch in.op {
			case opRec:
				if byRuns {
					goto badOp // observed code only
				}
				// Recording (record.go) takes the budget of the
				// instruction it records. The common case, inline: a
				// record of the instruction and the top one or two stack
				// slots (rec).
				if in.b&recSlow == 0 && e.recFast && sp >= snapSlots {
					l := e.log
					t := l.total
					r := &l.recs[t&l.mask]
					r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
					if in.b&recTwo != 0 {
						t++
						r = &l.recs[t&l.mask]
						r[0], r[1] = recExt<<32, stack[sp-2]
					}
					l.total = t + 1
					continue
				}
				if in.b&recReturn != 0 && e.recFast && sp >= snapSlots && len(e.frames) > 1 && e.cur.resultSlots <= snapSlots {
					// A return to a caller, inline too: its record,
					// the return event with the results, and the
					// caller's frame record when its code differs.
					l := e.log
					t := l.total
					r := &l.recs[t&l.mask]
					r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
					t++
					if in.b&recTwo != 0 {
						r = &l.recs[t&l.mask]
						r[0], r[1] = recExt<<32, stack[sp-2]
						t++
					}
					n := e.cur.resultSlots
					r = &l.recs[t&l.mask]
					r[0], r[1] = e.recW0+uint64(EventReturn-EventInstr)<<32|uint64(e.cur.offs[pc]), uint64(n)<<16
					t++
					for k := sp - n; k < sp; k++ {
						r = &l.recs[t&l.mask]
						r[0], r[1] = recExt<<32, stack[k]
						t++
					}
					e.recW0 -= 1 << 40 // the caller's depth
					if id := e.frames[len(e.frames)-2].rid; id != e.frameID {
						// Its count: those syncSeq would add.
						r = &l.recs[t&l.mask]
						r[0], r[1] = recFrame<<32, uint64(id)<<seqBits|(e.seq+uint64(e.mark-budget))&seqMask
						t++
						e.frameID = id
					}
					l.total = t
					continue
				}
				// The others out of line (see reload).
				e.frames[len(e.frames)-1].pc = pc
				e.sp = sp
				e.budget = budget
				e.record(in.a, in.b, sp)
				goto reload
			// The commonest instructions recorded and run in one dispatch
			// (record.go's observedCode): the same record as opRec's,
			// then the instruction, then past its own copy, which runs
			// only when the record must be made out of line (slowRec).
			case opRecLocalGet:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					recPC = uint32(in.b)
					goto slowRec
				}
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
				stack[sp] = stack[fp+int(in.a)]
				sp++
				pc++
			case opRecLocalSet:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					recPC = uint32(in.b)
					goto slowRec
				}
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
				sp--
				stack[fp+int(in.a)] = stack[sp]
				pc++
			case opRecConst:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					recPC = in.a
					goto slowRec
				}
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				stack[sp] = in.b
				sp++
				pc++
			case opRecI32Add:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					// Out of line with both operands (slowRec's
					// record keeps one slot).
					e.frames[len(e.frames)-1].pc = pc
					e.sp = sp
					e.budget = budget
					e.record(in.a, recTwo|2|1<<16, sp)
					goto reload
				}
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
				sp--
				stack[sp-1] = uint64(uint32(stack[sp-1]) + uint32(stack[sp]))
				pc++
			case opRecBrIf:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					recPC = uint32(in.b)
					goto slowRec
				}
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
				sp--
				pc++
				if uint32(stack[sp]) != 0 {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opRecLocalTee:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots {
					recPC = uint32(in.b)
					goto slowRec
				}
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
				stack[fp+int(in.a)] = stack[sp-1]
				pc++
			// Recorded sequences (record.go's recSeqs): their plain pc
			// is pc/2; past the last instruction's copy when done.
			case opRecLC, opRecLL:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots || budgetCheck && budget < 1 {
					recPC = uint32(pc >> 1)
					goto slowRec
				}
				if budgetCheck {
					budget--
				}
				{
					l := e.log
					t := l.total
					l.total = t + 2
					x := stack[fp+int(in.a)]
					w := e.recW0 | uint64(pc>>1)
					r := &l.recs[t&l.mask]
					r[0], r[1] = w, stack[sp-1]
					r = &l.recs[(t+1)&l.mask]
					r[0], r[1] = w+1, x
					stack[sp] = x
					// A constant, or a second local.
					if in.op == opRecLC {
						stack[sp+1] = in.b
					} else {
						stack[sp+1] = stack[fp+int(in.b)]
					}
				}
				sp += 2
				pc += 3
			case opRecCBin:
				if byRuns {
					goto badOp // observed code only
				}
				// One more instruction with a suffix (recBin).
				if !e.recFast || sp < snapSlots || budgetCheck && budget < 1+int(in.a>>31) {
					recPC = uint32(pc >> 1)
					goto slowRec
				}
				if budgetCheck {
					budget -= 1 + int(in.a>>31)
				}
				{
					l := e.log
					t := l.total
					l.total = t + 3
					x := stack[sp-1]
					w := e.recW0 | uint64(pc>>1)
					r := &l.recs[t&l.mask]
					r[0], r[1] = w, x
					r = &l.recs[(t+1)&l.mask]
					r[0], r[1] = w+1, in.b
					r = &l.recs[(t+2)&l.mask]
					r[0], r[1] = recExt<<32, x
					stack[sp] = in.b
				}
				sp++
				pc += 3
				goto recBin
			case opRecLCBin, opRecLLBin:
				if byRuns {
					goto badOp // observed code only
				}
				if !e.recFast || sp < snapSlots || budgetCheck && budget < 2+int(in.a>>31) {
					recPC = uint32(pc >> 1)
					goto slowRec
				}
				if budgetCheck {
					budget -= 2 + int(in.a>>31)
				}
				{
					l := e.log
					t := l.total
					l.total = t + 4
					x, y := stack[fp+int(in.a&0xffffff)], in.b
					if in.op == opRecLLBin {
						y = stack[fp+int(in.b)] // a second local
					}
					w := e.recW0 | uint64(pc>>1)
					r := &l.recs[t&l.mask]
					r[0], r[1] = w, stack[sp-1]
					r = &l.recs[(t+1)&l.mask]
					r[0], r[1] = w+1, x
					r = &l.recs[(t+2)&l.mask]
					r[0], r[1] = w+2, y
					r = &l.recs[(t+3)&l.mask]
					r[0], r[1] = recExt<<32, x
					stack[sp] = x
					stack[sp+1] = y
				}
				sp += 2
				pc += 5
				goto recBin
			case opRecStore:
				if byRuns {
					goto badOp // observed code only
				}
				// A store to memory 0 and its write (logMemWrite's
				// three records: the address, the memory and length,
				// the bytes, which are the stored value's).
				if !e.recFast {
					e.frames[len(e.frames)-1].pc = pc
					e.sp = sp
					e.budget = budget
					e.record(in.a, in.b, sp)
					goto reload
				}
				st := &code[pc]
				pc++
				l := e.log
				t := l.total
				r := &l.recs[t&l.mask]
				v := stack[sp-1]
				r[0], r[1] = e.recW0|uint64(in.a), v
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
				l.total = t + 2
				sp -= 2
				ea := uint64(uint32(stack[sp])) + st.b
				var n uint64
				switch st.op {
				case opStore32:
					if ea+4 > uint64(len(mem)) {
						return e.trap(pc, sp+2, budget, msgOOB)
					}
					put32(mem, ea, uint32(v))
					n, v = 4, uint64(uint32(v))
				case opStore8:
					if ea+1 > uint64(len(mem)) {
						return e.trap(pc, sp+2, budget, msgOOB)
					}
					mem[ea] = byte(v)
					n, v = 1, uint64(byte(v))
				default:
					if ea+8 > uint64(len(mem)) {
						return e.trap(pc, sp+2, budget, msgOOB)
					}
					put64(mem, ea, v)
					n = 8
				}
				r = &l.recs[(t+2)&l.mask]
				r[0], r[1] = e.recW0+uint64(EventMemWrite-EventInstr)<<32|uint64(e.cur.offs[pc-1]), ea
				r = &l.recs[(t+3)&l.mask]
				r[0], r[1] = recExt<<32, n
				r = &l.recs[(t+4)&l.mask]
				r[0], r[1] = recExt<<32, v
				l.total = t + 5
			case opLocalGet:
				stack[sp] = stack[fp+int(in.a)]
				sp++
			case opLocalSet:
				sp--
				stack[fp+int(in.a)] = stack[sp]
			case opLocalTee:
				stack[fp+int(in.a)] = stack[sp-1]
			case opConst:
				stack[sp] = in.b
				sp++
			case opBr:
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			case opBrIf:
				sp--
				if uint32(stack[sp]) != 0 {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opReturn:
				goto ret
			case opI32Add:
				sp--
				stack[sp-1] = uint64(uint32(stack[sp-1]) + uint32(stack[sp]))
			case opI32Xor:
				sp--
				stack[sp-1] ^= stack[sp]
			case opI64And:
				sp--
				stack[sp-1] &= stack[sp]
			case opI32WrapI64:
				stack[sp-1] = uint64(uint32(stack[sp-1]))
			case opF64Add:
				sp--
				stack[sp-1] = uf64(f64(stack[sp-1]) + f64(stack[sp]))
			case opF64Mul:
				sp--
				stack[sp-1] = uf64(f64(stack[sp-1]) * f64(stack[sp]))
			case opI32Load:
				ea := uint64(uint32(stack[sp-1])) + in.b
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp-1] = uint64(le32(mem, ea))
			case opI32Load8U:
				ea := uint64(uint32(stack[sp-1])) + in.b
				if ea+1 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp-1] = uint64(mem[ea])
			case opF64Load:
				ea := uint64(uint32(stack[sp-1])) + in.b
				if ea+8 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp-1] = le64(mem, ea)
			case opStore32:
				sp -= 2
				ea := uint64(uint32(stack[sp])) + in.b
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp+2, budget, msgOOB)
				}
				put32(mem, ea, uint32(stack[sp+1]))
			case opStore8:
				sp -= 2
				ea := uint64(uint32(stack[sp])) + in.b
				if ea+1 > uint64(len(mem)) {
					return e.trap(pc, sp+2, budget, msgOOB)
				}
				mem[ea] = byte(stack[sp+1])
			case opStore64:
				sp -= 2
				ea := uint64(uint32(stack[sp])) + in.b
				if ea+8 > uint64(len(mem)) {
					return e.trap(pc, sp+2, budget, msgOOB)
				}
				put64(mem, ea, stack[sp+1])
			case opI32AddLC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp] = uint64(uint32(stack[fp+int(in.a)]) + uint32(in.b))
				sp++
			case opI32AddC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp-1] = uint64(uint32(stack[sp-1]) + uint32(in.b))
			case opLocalGetLL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp] = stack[fp+int(in.a)]
				stack[sp+1] = stack[fp+int(in.b)]
				sp += 2
			case opLocalSetGet:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[fp+int(in.a)] = stack[sp-1]
				stack[sp-1] = stack[fp+int(in.b)]
			case opI32LoadL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)])) + in.b
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp] = uint64(le32(mem, ea))
				sp++
			case opI32ShlC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp-1] = uint64(uint32(stack[sp-1]) << (in.b & 31))
			case opI32ShrUC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp-1] = uint64(uint32(stack[sp-1]) >> (in.b & 31))
			case opI32AndC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp-1] = uint64(uint32(stack[sp-1]) & uint32(in.b))
			case opI32AddLL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp] = uint64(uint32(stack[fp+int(in.a)] + stack[fp+int(in.b)]))
				sp++
			case opF64MulL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp-1] = uf64(f64(stack[sp-1]) * f64(stack[fp+int(in.a)]))
			case opBrIfLtUC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				sp--
				if uint32(stack[sp]) < uint32(in.b) {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opBrUnlessLtUC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				sp--
				if !(uint32(stack[sp]) < uint32(in.b)) {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opBrIfNz64:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				sp--
				if stack[sp] != 0 {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opI64LoadL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)])) + in.b
				if ea+8 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp] = le64(mem, ea)
				sp++
			case opLocalSetBr:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				sp--
				stack[fp+int(in.b)] = stack[sp]
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			case opI32AddCTee:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				v := uint64(uint32(stack[sp-1] + in.b))
				stack[sp-1] = v
				stack[fp+int(in.a)] = v
			case opI32AddCLoad:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[sp-1]+uint64(in.a))) + in.b
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp-1] = uint64(le32(mem, ea))
			case opI32AddLCTee:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				v := uint64(uint32(stack[fp+int(in.a)] + in.b))
				stack[fp+int(in.b>>32)] = v
				stack[sp] = v
				sp++
			case opI32AddLLTee:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				v := uint64(uint32(stack[fp+int(in.a)] + stack[fp+int(uint32(in.b))]))
				stack[fp+int(in.b>>32)] = v
				stack[sp] = v
				sp++
			case opI32AddLCSet:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[fp+int(in.b>>32)] = uint64(uint32(stack[fp+int(in.a)] + in.b))
			case opI64AddLCSet:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[fp+int(in.b>>32)] = stack[fp+int(in.a)] + uint64(int64(int32(in.b)))
			case opI32LoadLC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)]+in.b)) + in.b>>32
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp] = uint64(le32(mem, ea))
				sp++
			case opI64LoadLC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)]+in.b)) + in.b>>32
				if ea+8 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp] = le64(mem, ea)
				sp++
			case opF64MulLL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp] = uf64(f64(stack[fp+int(in.a)]) * f64(stack[fp+int(in.b)]))
				sp++
			case opF64MulLLTee:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				v := uf64(f64(stack[fp+int(in.a)]) * f64(stack[fp+int(uint32(in.b))]))
				stack[fp+int(in.b>>32)] = v
				stack[sp] = v
				sp++
			case opStore32LL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)])) + in.b>>32
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				put32(mem, ea, uint32(stack[fp+int(uint32(in.b))]))
			case opStore64LL:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[fp+int(in.a)])) + in.b>>32
				if ea+8 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				put64(mem, ea, stack[fp+int(uint32(in.b))])
			case opStore8C:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				sp--
				ea := uint64(uint32(stack[sp])) + uint64(in.a)
				if ea >= uint64(len(mem)) {
					return e.trap(pc, sp+1, budget, msgOOB)
				}
				mem[ea] = byte(in.b)
			case opBrUnlessLtULC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				if !(uint32(stack[fp+int(uint32(in.b))]) < uint32(in.b>>32)) {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opBrIfEq64LC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				if stack[fp+int(uint32(in.b))] == uint64(int64(int32(in.b>>32))) {
					if byRuns {
						tgt = int(in.a)
						goto jump
					}
					pc = int(in.a)
				}
			case opI32ShlCAddCLoad:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				ea := uint64(uint32(stack[sp-1]<<(in.b>>32))+in.a) + uint64(uint32(in.b))
				if ea+4 > uint64(len(mem)) {
					return e.trap(pc, sp, budget, msgOOB)
				}
				stack[sp-1] = uint64(le32(mem, ea))
			case opI32AndLC:
				if !byRuns && chargeByRuns {
					goto badOp // fast code only
				}
				stack[sp] = stack[fp+int(in.a)] & in.b
				sp++
			}
			continue
		}
		switch in.op {
		case opI32Sub:
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) - uint32(stack[sp]))
		// Less common instructions recorded and run in one dispatch, as
		// opRecI32Add (see record.go's recBinary).
		case opRecI32Sub:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = in.a
				goto slowRec2
			}
			{
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
			}
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) - uint32(stack[sp]))
			pc++
		case opRecI32LtU:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = in.a
				goto slowRec2
			}
			{
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
			}
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) < uint32(stack[sp]))
			pc++
		case opRecI32Xor:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = in.a
				goto slowRec2
			}
			{
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
			}
			sp--
			stack[sp-1] ^= stack[sp]
			pc++
		case opRecF64Add:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = in.a
				goto slowRec2
			}
			{
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
			}
			sp--
			stack[sp-1] = uf64(f64(stack[sp-1]) + f64(stack[sp]))
			pc++
		case opRecF64Mul:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = in.a
				goto slowRec2
			}
			{
				l := e.log
				t := l.total
				l.total = t + 2
				r := &l.recs[t&l.mask]
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				r = &l.recs[(t+1)&l.mask]
				r[0], r[1] = recExt<<32, stack[sp-2]
			}
			sp--
			stack[sp-1] = uf64(f64(stack[sp-1]) * f64(stack[sp]))
			pc++
		case opRecBrUnless:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = uint32(in.b)
				goto slowRec
			}
			{
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
			}
			sp--
			pc++
			if uint32(stack[sp]) == 0 {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opRecBr:
			if byRuns {
				goto badOp // observed code only
			}
			if !e.recFast || sp < snapSlots {
				recPC = uint32(in.b)
				goto slowRec
			}
			{
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|in.b, stack[sp-1]
			}
			pc = int(in.a)
		// Loads of memory 0 recorded and run in one dispatch; out of
		// bounds, the record out of line and the copy, which traps.
		case opRecI32Load:
			if byRuns {
				goto badOp // observed code only
			}
			if ea := uint64(uint32(stack[sp-1])) + in.b; !e.recFast || sp < snapSlots || ea+4 > uint64(len(mem)) {
				recPC = in.a
				goto slowRec
			} else {
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				stack[sp-1] = uint64(le32(mem, ea))
			}
			pc++
		case opRecI32Load8U:
			if byRuns {
				goto badOp // observed code only
			}
			if ea := uint64(uint32(stack[sp-1])) + in.b; !e.recFast || sp < snapSlots || ea+1 > uint64(len(mem)) {
				recPC = in.a
				goto slowRec
			} else {
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				stack[sp-1] = uint64(mem[ea])
			}
			pc++
		case opRecI64Load:
			if byRuns {
				goto badOp // observed code only
			}
			if ea := uint64(uint32(stack[sp-1])) + in.b; !e.recFast || sp < snapSlots || ea+8 > uint64(len(mem)) {
				recPC = in.a
				goto slowRec
			} else {
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|uint64(in.a), stack[sp-1]
				stack[sp-1] = le64(mem, ea)
			}
			pc++
		case opBrUnless:
			sp--
			if uint32(stack[sp]) == 0 {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrMove:
			keep, drop := int(uint32(in.b)), int(in.b>>32)
			for i := sp - keep; i < sp; i++ {
				stack[i-drop] = stack[i]
			}
			sp -= drop
			if byRuns {
				tgt = int(in.a)
				goto jump
			}
			pc = int(in.a)
		case opBrOnNull:
			if stack[sp-1] == 0 {
				sp--
				keep, drop := int(uint32(in.b)), int(in.b>>32)
				for i := sp - keep; i < sp; i++ {
					stack[i-drop] = stack[i]
				}
				sp -= drop
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrOnNonNull:
			if stack[sp-1] != 0 {
				keep, drop := int(uint32(in.b)), int(in.b>>32)
				for i := sp - keep; i < sp; i++ {
					stack[i-drop] = stack[i]
				}
				sp -= drop
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			} else {
				sp--
			}
		case opBrIfMove:
			sp--
			if uint32(stack[sp]) != 0 {
				keep, drop := int(uint32(in.b)), int(in.b>>32)
				for i := sp - keep; i < sp; i++ {
					stack[i-drop] = stack[i]
				}
				sp -= drop
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		// Fused instructions (fuse.go).
		case opI32OrC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1]) | uint32(in.b))
		case opI32XorC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1]) ^ uint32(in.b))
		case opI32MulC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1]) * uint32(in.b))
		case opI32ShrSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(int32(stack[sp-1]) >> (in.b & 31)))
		case opI32EqC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) == uint32(in.b))
		case opI32NeC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) != uint32(in.b))
		case opI32LtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(int32(stack[sp-1]) < int32(in.b))
		case opI32LtUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) < uint32(in.b))
		case opI32GtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(int32(stack[sp-1]) > int32(in.b))
		case opI32GtUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) > uint32(in.b))
		case opI32LeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(int32(stack[sp-1]) <= int32(in.b))
		case opI32LeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) <= uint32(in.b))
		case opI32GeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(int32(stack[sp-1]) >= int32(in.b))
		case opI32GeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = b2u(uint32(stack[sp-1]) >= uint32(in.b))
		case opBrIfEqC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if uint32(stack[sp]) == uint32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfNeC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if uint32(stack[sp]) != uint32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if int32(stack[sp]) < int32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if int32(stack[sp]) > int32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if uint32(stack[sp]) > uint32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if int32(stack[sp]) <= int32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if uint32(stack[sp]) <= uint32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if int32(stack[sp]) >= int32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if uint32(stack[sp]) >= uint32(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessEqC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(uint32(stack[sp]) == uint32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessNeC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(uint32(stack[sp]) != uint32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(int32(stack[sp]) < int32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(int32(stack[sp]) > int32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(uint32(stack[sp]) > uint32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(int32(stack[sp]) <= int32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(uint32(stack[sp]) <= uint32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(int32(stack[sp]) >= int32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(uint32(stack[sp]) >= uint32(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opI32AddL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1] + stack[fp+int(in.a)]))
		case opI32SubL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1] - stack[fp+int(in.a)]))
		case opI32MulL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(uint32(stack[sp-1]) * uint32(stack[fp+int(in.a)]))
		case opI32AndL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = stack[sp-1] & stack[fp+int(in.a)]
		case opI32XorL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = stack[sp-1] ^ stack[fp+int(in.a)]
		case opF64AddL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uf64(f64(stack[sp-1]) + f64(stack[fp+int(in.a)]))
		case opF64SubL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uf64(f64(stack[sp-1]) - f64(stack[fp+int(in.a)]))
		case opF32AddL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uf32(f32(stack[sp-1]) + f32(stack[fp+int(in.a)]))
		case opF32MulL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uf32(f32(stack[sp-1]) * f32(stack[fp+int(in.a)]))
		case opI32ShlLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = uint64(uint32(stack[fp+int(in.a)]) << (in.b & 31))
			sp++
		case opI32AddLoad:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp-1]+stack[sp])) + in.b
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			stack[sp-1] = uint64(le32(mem, ea))
		case opI64StoreC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + uint64(in.a)
			if ea+8 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			put64(mem, ea, in.b)
		case opI32AddSetL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			stack[fp+int(in.a)] = uint64(uint32(stack[sp] + stack[sp+1]))
		case opI32AddTeeL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			v := uint64(uint32(stack[sp-1] + stack[sp]))
			stack[sp-1] = v
			stack[fp+int(in.a)] = v
		case opI64AddLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = stack[fp+int(in.a)] + in.b
			sp++
		case opI64AddC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] += in.b
		case opI64AddLL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = stack[fp+int(in.a)] + stack[fp+int(in.b)]
			sp++
		case opI32LoadU8L:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			ea := uint64(uint32(stack[fp+int(in.a)])) + in.b
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp] = uint64(mem[ea])
			sp++
		case opBrIfZ64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if stack[sp] == 0 {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfEq64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] == stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfNe64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] != stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int64(stack[sp]) < int64(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] < stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int64(stack[sp]) > int64(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] > stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int64(stack[sp]) <= int64(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] <= stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int64(stack[sp]) >= int64(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if stack[sp] >= stack[sp+1] {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessEq64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] == stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessNe64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] != stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int64(stack[sp]) < int64(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] < stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int64(stack[sp]) > int64(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] > stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int64(stack[sp]) <= int64(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] <= stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeS64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int64(stack[sp]) >= int64(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeU64:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(stack[sp] >= stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfEqLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) == uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessEqLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(uint32(stack[fp+int(uint32(in.b))]) == uint32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfNeLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) != uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessNeLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(uint32(stack[fp+int(uint32(in.b))]) != uint32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if int32(stack[fp+int(uint32(in.b))]) < int32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(int32(stack[fp+int(uint32(in.b))]) < int32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) < uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if int32(stack[fp+int(uint32(in.b))]) > int32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(int32(stack[fp+int(uint32(in.b))]) > int32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) > uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(uint32(stack[fp+int(uint32(in.b))]) > uint32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if int32(stack[fp+int(uint32(in.b))]) <= int32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(int32(stack[fp+int(uint32(in.b))]) <= int32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) <= uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(uint32(stack[fp+int(uint32(in.b))]) <= uint32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if int32(stack[fp+int(uint32(in.b))]) >= int32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeSLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(int32(stack[fp+int(uint32(in.b))]) >= int32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if uint32(stack[fp+int(uint32(in.b))]) >= uint32(in.b>>32) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if !(uint32(stack[fp+int(uint32(in.b))]) >= uint32(in.b>>32)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfNe64LC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if stack[fp+int(uint32(in.b))] != uint64(int64(int32(in.b>>32))) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessEq64LC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if stack[fp+int(uint32(in.b))] != uint64(int64(int32(in.b>>32))) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessNe64LC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if stack[fp+int(uint32(in.b))] == uint64(int64(int32(in.b>>32))) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opI32ShrULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = uint64(uint32(stack[fp+int(in.a)]) >> (in.b & 31))
			sp++
		case opI64AndLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = stack[fp+int(in.a)] & in.b
			sp++
		case opF64AddLL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = uf64(f64(stack[fp+int(in.a)]) + f64(stack[fp+int(in.b)]))
			sp++
		case opF64SubLL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = uf64(f64(stack[fp+int(in.a)]) - f64(stack[fp+int(in.b)]))
			sp++
		case opI32Load8ULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			ea := uint64(uint32(stack[fp+int(in.a)]+in.b)) + in.b>>32
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp] = uint64(mem[ea])
			sp++
		case opStore8LL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			ea := uint64(uint32(stack[fp+int(in.a)])) + in.b>>32
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			mem[ea] = byte(stack[fp+int(uint32(in.b))])
		case opStore8L:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + in.b
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			mem[ea] = byte(stack[fp+int(in.a)])
		case opStore32L:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + in.b
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			put32(mem, ea, uint32(stack[fp+int(in.a)]))
		case opStore64L:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + in.b
			if ea+8 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			put64(mem, ea, stack[fp+int(in.a)])
		case opStore32C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + uint64(in.a)
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			put32(mem, ea, uint32(in.b))
		case opI64AndC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] &= in.b
		case opI64OrC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] |= in.b
		case opI64XorC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] ^= in.b
		case opI64ShlC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] <<= in.b
		case opI64ShrUC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] >>= in.b
		case opI64ShrSC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] = uint64(int64(stack[sp-1]) >> in.b)
		case opI64MulC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp-1] *= in.b
		case opI64ShrULC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = stack[fp+int(in.a)] >> in.b
			sp++
		case opReturnL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = stack[fp+int(in.a)]
			sp++
			goto ret
		case opI32AddReturn:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) + uint32(stack[sp]))
			goto ret
		case opF64AddStore:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 3
			ea := uint64(uint32(stack[sp])) + in.b
			if ea+8 > uint64(len(mem)) {
				return e.trap(pc, sp+3, budget, msgOOB)
			}
			put64(mem, ea, uf64(f64(stack[sp+1])+f64(stack[sp+2])))
		case opI32XorLTee:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			v := stack[sp-1] ^ stack[fp+int(in.a)]
			stack[sp-1] = v
			stack[fp+int(in.b)] = v
		case opLocalGetTee:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			v := stack[fp+int(in.a)]
			stack[sp] = v
			stack[fp+int(in.b)] = v
			sp++
		case opStore8AddLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + in.b>>32
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			mem[ea] = byte(stack[fp+int(in.a)] + in.b)
		case opStore32AddLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			ea := uint64(uint32(stack[sp])) + in.b>>32
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp+1, budget, msgOOB)
			}
			put32(mem, ea, uint32(stack[fp+int(in.a)]+in.b))
		case opStore8CLL:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			ea := uint64(uint32(stack[fp+int(in.a)]+stack[fp+int(in.b&0xffffff)])) + in.b>>32
			if ea >= uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			mem[ea] = byte(in.b >> 24)
		case opBrIfAndNzLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if stack[fp+int(uint32(in.b))]&(in.b>>32) != 0 {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfAndZLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			if stack[fp+int(uint32(in.b))]&(in.b>>32) == 0 {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if f64(stack[sp]) < f64(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if f64(stack[sp]) > f64(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if f64(stack[sp]) <= f64(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if f64(stack[sp]) >= f64(in.b) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(f64(stack[sp]) < f64(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(f64(stack[sp]) > f64(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(f64(stack[sp]) <= f64(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeF64C:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp--
			if !(f64(stack[sp]) >= f64(in.b)) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opI32SubLC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[sp] = uint64(uint32(stack[fp+int(in.a)]) - uint32(in.b))
			sp++
		case opLocalCopy:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[fp+int(in.b)] = stack[fp+int(in.a)]
		case opLocalSetC:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			stack[fp+int(in.a)] = in.b
		case opBrIfEq:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) == uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfNe:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) != uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int32(stack[sp]) < int32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLtU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) < uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int32(stack[sp]) > int32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGtU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) > uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int32(stack[sp]) <= int32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfLeU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) <= uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if int32(stack[sp]) >= int32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrIfGeU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if uint32(stack[sp]) >= uint32(stack[sp+1]) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessEq:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) == uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessNe:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) != uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int32(stack[sp]) < int32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLtU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) < uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int32(stack[sp]) > int32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGtU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) > uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int32(stack[sp]) <= int32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessLeU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) <= uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeS:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(int32(stack[sp]) >= int32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opBrUnlessGeU:
			if !byRuns && chargeByRuns {
				goto badOp // fast code only
			}
			sp -= 2
			if !(uint32(stack[sp]) >= uint32(stack[sp+1])) {
				if byRuns {
					tgt = int(in.a)
					goto jump
				}
				pc = int(in.a)
			}
		case opI32Eqz:
			stack[sp-1] = b2u(uint32(stack[sp-1]) == 0)
		case opI32Eq:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) == uint32(stack[sp]))
		case opI32Ne:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) != uint32(stack[sp]))
		case opI32LtS:
			sp--
			stack[sp-1] = b2u(int32(stack[sp-1]) < int32(stack[sp]))
		case opI32LtU:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) < uint32(stack[sp]))
		case opI32GtS:
			sp--
			stack[sp-1] = b2u(int32(stack[sp-1]) > int32(stack[sp]))
		case opI32GtU:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) > uint32(stack[sp]))
		case opI32LeS:
			sp--
			stack[sp-1] = b2u(int32(stack[sp-1]) <= int32(stack[sp]))
		case opI32LeU:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) <= uint32(stack[sp]))
		case opI32GeS:
			sp--
			stack[sp-1] = b2u(int32(stack[sp-1]) >= int32(stack[sp]))
		case opI32GeU:
			sp--
			stack[sp-1] = b2u(uint32(stack[sp-1]) >= uint32(stack[sp]))

		case opCall:
			// The common call, inline: a Wasm function of the same
			// instance with room for its frame in the frame and value
			// stacks. Nothing here calls a Go function (the frame is
			// written field by field, whose write barriers keep the
			// registers), so the loop's state stays in registers
			// across the dispatch instead of being spilled at every
			// instruction for the rare case that would. Observed, the
			// call is inline too (rec), into the callee's observed code
			// when the log's cache has it (enter puts it there), with
			// logCall's records written here as the return writes its
			// own: out of line it was a fifth of a recorded fib's time.
			if te := e.table.funcs[in.a]; te.code != nil && te.inst == e.inst {
				cc, rid, rec := te.code, uint32(0), false
				ok := !e.precise && cc.runs == byRuns
				if !byRuns && !ok && e.observing && e.recFast {
					pcode := cc
					if pcode.plain != nil {
						pcode = pcode.plain
					}
					ce := &e.log.cache[pcode.index&(uint32(len(e.log.cache))-1)]
					// At most two argument slots, as a return inline has
					// at most two result slots: a slice's records stay
					// within what the driver bounds them by (see
					// observerLog).
					if ce.plain == pcode && ce.rec.paramSlots <= snapSlots {
						cc, rid, rec, ok = ce.rec, ce.id, true, true
					}
				}
				nfp := sp - cc.paramSlots
				n := len(e.frames)
				if ok && n < cap(e.frames) && n < e.lim.MaxCallDepth && nfp+cc.maxSlots <= len(stack) {
					e.frames[n-1].pc = pc
					if rec {
						// The callee's frame record when its code
						// differs, the call event and its arguments.
						l := e.log
						t := l.total
						if rid != e.frameID {
							r := &l.recs[t&l.mask]
							r[0], r[1] = recFrame<<32, uint64(rid)<<seqBits|(e.seq+uint64(e.mark-budget))&seqMask
							t++
							e.frameID = rid
						}
						e.recW0 += 1 << 40 // the callee's depth
						r := &l.recs[t&l.mask]
						r[0], r[1] = e.recW0+uint64(EventCall-EventInstr)<<32|uint64(e.cur.offs[pc-1]), uint64(cc.paramSlots)
						t++
						for k := nfp; k < sp; k++ {
							r = &l.recs[t&l.mask]
							r[0], r[1] = recExt<<32, stack[k]
							t++
						}
						l.total = t
					}
					top := nfp + cc.localSlots
					for i := sp; i < top; i++ {
						stack[i] = 0
					}
					e.frames = e.frames[:n+1]
					f := &e.frames[n]
					f.code, f.inst, f.fp, f.pc, f.rid = cc, te.inst, nfp, 0, rid
					e.cur = cc
					code = cc.insts
					pc = 0
					fp = nfp
					sp = top
					if byRuns {
						goto arrive
					}
					continue
				}
			}
			fallthrough
		case opCallIndirect, opReturnCall, opReturnCallIndirect, opCallRef, opReturnCallRef:
			var callee *runtime.Func
			var idx uint64 // call_indirect's table index
			inst := e.inst
			tail := in.op == opReturnCall || in.op == opReturnCallIndirect || in.op == opReturnCallRef
			if in.op == opCall || in.op == opReturnCall {
				callee = inst.Funcs[in.a]
			} else if in.op == opCallRef || in.op == opReturnCallRef {
				sp--
				if stack[sp] == 0 {
					return e.trap(pc, sp, budget, "null function reference")
				}
				callee = e.store.Funcs[stack[sp]-1]
			} else {
				sp--
				tab := inst.Tables[in.b]
				i := stack[sp]
				if !tab.Type.Table64 {
					i = uint64(uint32(i))
				}
				if i >= uint64(len(tab.Elems)) {
					return e.trap(pc, sp, budget, msgUndefined)
				}
				ref := tab.Elems[i]
				idx = i
				if ref != 0 {
					callee = e.store.Funcs[ref-1]
				}
			}
			op, a := in.op, in.a
			e.frames[len(e.frames)-1].pc = pc
			e.sp = sp
			e.budget = budget
			// From here on every value the loop carries is read back
			// from e after a Go call, never kept across it (see reload):
			// Go's register allocator would otherwise store them at every
			// dispatch (the counted loop's head: six stores, not eight).
			if op == opCallIndirect || op == opReturnCallIndirect {
				if callee == nil {
					return e.trapSaved(msgUninit + " " + strconv.FormatUint(idx, 10))
				}
				if callee.TypeID != inst.TypeIDs[a] && !e.store.SubID(callee.TypeID, inst.TypeIDs[a]) {
					return e.trapSaved(msgIndirect)
				}
			}
			if callee.Host != nil {
				if !e.callHost(callee, inst) {
					return e.budget, exitHostErr
				}
				if tail && !e.popFrame() {
					return e.budget, exitDone
				}
				e.charge = true // after the call (see runs.go)
				goto reload
			}
			if tail {
				// A tail call replaces the frame: move the arguments
				// down to this frame's base first.
				np := slotsOf(callee.Type.Params)
				copy(stack[fp:], stack[sp-np:sp])
				e.tailSP = e.sp
				e.sp = fp + np
				e.frames = e.frames[:len(e.frames)-1]
			}
			if (op == opCall || op == opReturnCall) && callee.Inst != inst {
				// An imported Wasm function: the caller's table entry
				// leads to it from now on.
				if c, err := e.codeOf(callee); err == nil {
					tableOf(inst).funcs[a] = tableEntry{code: c, inst: callee.Inst}
				}
			}
			if msg := e.enter(callee, e.sp); msg != "" {
				if tail {
					// The frame it was to replace, as it was (enter
					// pushed none).
					e.frames = e.frames[:len(e.frames)+1]
					e.sp = e.tailSP
				}
				return e.trapSaved(msg)
			}
			e.charge = true // the callee's first instruction
			goto reload

		case opUnreachable:
			return e.trap(pc, sp, budget, msgUnreachable)
		case opCharge:
			goto arrive // the run after it (see runs.go)
		case opBrOnCast, opBrOnCastFail:
			e.frames[len(e.frames)-1].pc = pc
			e.sp = sp
			if byRuns && budgetCheck {
				// Taken or not, control arrives at the frame's pc: the
				// rest of this run back, that run charged (see jump).
				budget += int(code[pc].w)
				e.charge = true
			}
			e.budget = budget
			e.brOnCast(in, in.op == opBrOnCastFail)
			goto reload
		case opThrow, opThrowRef:
			e.frames[len(e.frames)-1].pc = pc
			e.sp = sp
			e.budget = budget
			if msg := e.throwOp(in); msg != "" {
				return e.trapSaved(msg)
			}
			if !e.caught {
				return e.budget, exitThrow
			}
			e.charge = true // the handler
			goto reload
		case opDrop:
			sp -= int(in.a)
		case opSelect:
			sp -= 2
			if uint32(stack[sp+1]) == 0 {
				stack[sp-1] = stack[sp]
			}
		case opSelect2:
			sp -= 3
			if uint32(stack[sp+2]) == 0 {
				stack[sp-2] = stack[sp]
				stack[sp-1] = stack[sp+1]
			}
		case opLocalGet2:
			stack[sp] = stack[fp+int(in.a)]
			stack[sp+1] = stack[fp+int(in.a)+1]
			sp += 2
		case opLocalSet2:
			sp -= 2
			stack[fp+int(in.a)] = stack[sp]
			stack[fp+int(in.a)+1] = stack[sp+1]
		case opLocalTee2:
			stack[fp+int(in.a)] = stack[sp-2]
			stack[fp+int(in.a)+1] = stack[sp-1]
		case opGlobalGet:
			stack[sp] = e.inst.Globals[in.a].Lo
			sp++
		case opGlobalSet:
			sp--
			e.inst.Globals[in.a].Lo = stack[sp]
		case opGlobalGet2:
			g := e.inst.Globals[in.a]
			stack[sp] = g.Lo
			stack[sp+1] = g.Hi
			sp += 2
		case opGlobalSet2:
			sp -= 2
			g := e.inst.Globals[in.a]
			g.Lo = stack[sp]
			g.Hi = stack[sp+1]
		case opV128Const:
			stack[sp] = in.b
			stack[sp+1] = e.cur.v128hi[in.a]
			sp += 2
		case opRefFunc:
			stack[sp] = runtime.FuncRef(e.inst.Funcs[in.a])
			sp++
		case opBrTable:
			sp--
			tab := e.cur.brTables[in.a]
			i := uint64(uint32(stack[sp]))
			if i >= uint64(len(tab)) {
				i = uint64(len(tab) - 1)
			}
			t := tab[i]
			if t.drop != 0 {
				keep, drop := int(t.keep), int(t.drop)
				for i := sp - keep; i < sp; i++ {
					stack[i-drop] = stack[i]
				}
				sp -= drop
			}
			if byRuns {
				tgt = int(t.pc)
				goto jump
			}
			pc = int(t.pc)

		// Memory 0.
		case opI64Load:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+8 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = le64(mem, ea)
		case opF32Load:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(le32(mem, ea))
		case opI32Load8S:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+1 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(uint32(int32(int8(mem[ea]))))
		case opI32Load16S:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+2 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(uint32(int32(int16(le16(mem, ea)))))
		case opI32Load16U:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+2 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(le16(mem, ea))
		case opI64Load8S:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+1 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(int64(int8(mem[ea])))
		case opI64Load8U:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+1 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(mem[ea])
		case opI64Load16S:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+2 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(int64(int16(le16(mem, ea))))
		case opI64Load16U:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+2 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(le16(mem, ea))
		case opI64Load32S:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(int64(int32(le32(mem, ea))))
		case opI64Load32U:
			ea := uint64(uint32(stack[sp-1])) + in.b
			if ea+4 > uint64(len(mem)) {
				return e.trap(pc, sp, budget, msgOOB)
			}
			stack[sp-1] = uint64(le32(mem, ea))
		case opStore16:
			sp -= 2
			ea := uint64(uint32(stack[sp])) + in.b
			if ea+2 > uint64(len(mem)) {
				return e.trap(pc, sp+2, budget, msgOOB)
			}
			put16(mem, ea, uint16(stack[sp+1]))
		case opMemorySize:
			stack[sp] = uint64(len(mem) / runtime.PageSize)
			sp++
		// i32 arithmetic.
		case opI32Clz:
			stack[sp-1] = uint64(bits.LeadingZeros32(uint32(stack[sp-1])))
		case opI32Ctz:
			stack[sp-1] = uint64(bits.TrailingZeros32(uint32(stack[sp-1])))
		case opI32Mul:
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) * uint32(stack[sp]))
		case opI32DivS:
			sp--
			a, b := int32(stack[sp-1]), int32(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			if a == math.MinInt32 && b == -1 {
				return e.trap(pc, sp+1, budget, msgOverflow)
			}
			stack[sp-1] = uint64(uint32(a / b))
		case opI32DivU:
			sp--
			a, b := uint32(stack[sp-1]), uint32(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			stack[sp-1] = uint64(a / b)
		case opI32RemS:
			sp--
			a, b := int32(stack[sp-1]), int32(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			if b == -1 {
				stack[sp-1] = 0
			} else {
				stack[sp-1] = uint64(uint32(a % b))
			}
		case opI32RemU:
			sp--
			a, b := uint32(stack[sp-1]), uint32(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			stack[sp-1] = uint64(a % b)
		case opI32And:
			sp--
			stack[sp-1] &= stack[sp]
		case opI32Or:
			sp--
			stack[sp-1] |= stack[sp]
		case opI32Shl:
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) << (stack[sp] & 31))
		case opI32ShrS:
			sp--
			stack[sp-1] = uint64(uint32(int32(stack[sp-1]) >> (stack[sp] & 31)))
		case opI32ShrU:
			sp--
			stack[sp-1] = uint64(uint32(stack[sp-1]) >> (stack[sp] & 31))
		case opI32Rotl:
			sp--
			stack[sp-1] = uint64(bits.RotateLeft32(uint32(stack[sp-1]), int(stack[sp]&31)))
		case opI32Rotr:
			sp--
			stack[sp-1] = uint64(bits.RotateLeft32(uint32(stack[sp-1]), -int(stack[sp]&31)))

		// i64.
		case opI64Eqz:
			stack[sp-1] = b2u(stack[sp-1] == 0)
		case opI64Eq:
			sp--
			stack[sp-1] = b2u(stack[sp-1] == stack[sp])
		case opI64Ne:
			sp--
			stack[sp-1] = b2u(stack[sp-1] != stack[sp])
		case opI64LtS:
			sp--
			stack[sp-1] = b2u(int64(stack[sp-1]) < int64(stack[sp]))
		case opI64LtU:
			sp--
			stack[sp-1] = b2u(stack[sp-1] < stack[sp])
		case opI64GtS:
			sp--
			stack[sp-1] = b2u(int64(stack[sp-1]) > int64(stack[sp]))
		case opI64GtU:
			sp--
			stack[sp-1] = b2u(stack[sp-1] > stack[sp])
		case opI64LeS:
			sp--
			stack[sp-1] = b2u(int64(stack[sp-1]) <= int64(stack[sp]))
		case opI64LeU:
			sp--
			stack[sp-1] = b2u(stack[sp-1] <= stack[sp])
		case opI64GeS:
			sp--
			stack[sp-1] = b2u(int64(stack[sp-1]) >= int64(stack[sp]))
		case opI64GeU:
			sp--
			stack[sp-1] = b2u(stack[sp-1] >= stack[sp])
		case opI64Clz:
			stack[sp-1] = uint64(bits.LeadingZeros64(stack[sp-1]))
		case opI64Ctz:
			stack[sp-1] = uint64(bits.TrailingZeros64(stack[sp-1]))
		case opI64Add:
			sp--
			stack[sp-1] += stack[sp]
		case opI64Sub:
			sp--
			stack[sp-1] -= stack[sp]
		case opI64Mul:
			sp--
			stack[sp-1] *= stack[sp]
		case opI64DivS:
			sp--
			a, b := int64(stack[sp-1]), int64(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			if a == math.MinInt64 && b == -1 {
				return e.trap(pc, sp+1, budget, msgOverflow)
			}
			stack[sp-1] = uint64(a / b)
		case opI64DivU:
			sp--
			a, b := stack[sp-1], stack[sp]
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			stack[sp-1] = a / b
		case opI64RemS:
			sp--
			a, b := int64(stack[sp-1]), int64(stack[sp])
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			if b == -1 {
				stack[sp-1] = 0
			} else {
				stack[sp-1] = uint64(a % b)
			}
		case opI64RemU:
			sp--
			a, b := stack[sp-1], stack[sp]
			if b == 0 {
				return e.trap(pc, sp+1, budget, msgDivZero)
			}
			stack[sp-1] = a % b
		case opI64Or:
			sp--
			stack[sp-1] |= stack[sp]
		case opI64Xor:
			sp--
			stack[sp-1] ^= stack[sp]
		case opI64Shl:
			sp--
			stack[sp-1] <<= stack[sp] & 63
		case opI64ShrS:
			sp--
			stack[sp-1] = uint64(int64(stack[sp-1]) >> (stack[sp] & 63))
		case opI64ShrU:
			sp--
			stack[sp-1] >>= stack[sp] & 63
		case opI64Rotl:
			sp--
			stack[sp-1] = bits.RotateLeft64(stack[sp-1], int(stack[sp]&63))
		case opI64Rotr:
			sp--
			stack[sp-1] = bits.RotateLeft64(stack[sp-1], -int(stack[sp]&63))

		// Floating point comparisons.
		case opF32Eq:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) == f32(stack[sp]))
		case opF32Ne:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) != f32(stack[sp]))
		case opF32Lt:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) < f32(stack[sp]))
		case opF32Gt:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) > f32(stack[sp]))
		case opF32Le:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) <= f32(stack[sp]))
		case opF32Ge:
			sp--
			stack[sp-1] = b2u(f32(stack[sp-1]) >= f32(stack[sp]))
		case opF64Eq:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) == f64(stack[sp]))
		case opF64Ne:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) != f64(stack[sp]))
		case opF64Lt:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) < f64(stack[sp]))
		case opF64Gt:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) > f64(stack[sp]))
		case opF64Le:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) <= f64(stack[sp]))
		case opF64Ge:
			sp--
			stack[sp-1] = b2u(f64(stack[sp-1]) >= f64(stack[sp]))

		// f32 arithmetic.
		case opF32Abs:
			stack[sp-1] = uint64(numeric.F32Abs(uint32(stack[sp-1])))
		case opF32Neg:
			stack[sp-1] = uint64(numeric.F32Neg(uint32(stack[sp-1])))
		case opF32Add:
			sp--
			stack[sp-1] = uf32(f32(stack[sp-1]) + f32(stack[sp]))
		case opF32Sub:
			sp--
			stack[sp-1] = uf32(f32(stack[sp-1]) - f32(stack[sp]))
		case opF32Mul:
			sp--
			stack[sp-1] = uf32(f32(stack[sp-1]) * f32(stack[sp]))
		case opF32Div:
			sp--
			stack[sp-1] = uf32(f32(stack[sp-1]) / f32(stack[sp]))
		case opF32Copysign:
			sp--
			stack[sp-1] = uint64(numeric.F32Copysign(uint32(stack[sp-1]), uint32(stack[sp])))

		// f64 arithmetic.
		case opF64Abs:
			stack[sp-1] = numeric.F64Abs(stack[sp-1])
		case opF64Neg:
			stack[sp-1] = numeric.F64Neg(stack[sp-1])
		case opF64Sub:
			sp--
			stack[sp-1] = uf64(f64(stack[sp-1]) - f64(stack[sp]))
		case opF64Div:
			sp--
			stack[sp-1] = uf64(f64(stack[sp-1]) / f64(stack[sp]))
		case opF64Copysign:
			sp--
			stack[sp-1] = numeric.F64Copysign(stack[sp-1], stack[sp])

		// Conversions.
		case opI64ExtendI32S:
			stack[sp-1] = uint64(int64(int32(stack[sp-1])))
		case opI64ExtendI32U:
			stack[sp-1] = uint64(uint32(stack[sp-1]))
		case opF32ConvertI32S:
			stack[sp-1] = uf32(numeric.F32ConvertI32S(int32(stack[sp-1])))
		case opF32ConvertI32U:
			stack[sp-1] = uf32(numeric.F32ConvertI32U(uint32(stack[sp-1])))
		case opF64ConvertI32S:
			stack[sp-1] = uf64(numeric.F64ConvertI32S(int32(stack[sp-1])))
		case opF64ConvertI32U:
			stack[sp-1] = uf64(numeric.F64ConvertI32U(uint32(stack[sp-1])))
		case opI32ReinterpretF32, opI64ReinterpretF64, opF32ReinterpretI32, opF64ReinterpretI64:
			// Values are kept as bits: nothing to do.
		case opI32Extend8S:
			stack[sp-1] = uint64(uint32(int32(int8(stack[sp-1]))))
		case opI32Extend16S:
			stack[sp-1] = uint64(uint32(int32(int16(stack[sp-1]))))
		case opI64Extend8S:
			stack[sp-1] = uint64(int64(int8(stack[sp-1])))
		case opI64Extend16S:
			stack[sp-1] = uint64(int64(int16(stack[sp-1])))
		case opI64Extend32S:
			stack[sp-1] = uint64(int64(int32(stack[sp-1])))

		case opMemoryGrow, opI32Popcnt, opI64Popcnt,
			opF32Ceil, opF32Floor, opF32Trunc, opF32Nearest, opF32Sqrt, opF32Min, opF32Max,
			opF64Ceil, opF64Floor, opF64Trunc, opF64Nearest, opF64Sqrt, opF64Min, opF64Max,
			opI32TruncF32S, opI32TruncF32U, opI32TruncF64S, opI32TruncF64U,
			opI64TruncF32S, opI64TruncF32U, opI64TruncF64S, opI64TruncF64U,
			opF32ConvertI64S, opF32ConvertI64U, opF32DemoteF64,
			opF64ConvertI64S, opF64ConvertI64U, opF64PromoteF32,
			opSIMD, opSlow, opGC:
			// Out of line: these call Go functions (see reload).
			e.frames[len(e.frames)-1].pc = pc
			e.sp = sp
			e.budget = budget
			if msg := e.rare(in, pc-1); msg != "" {
				return e.trapSaved(msg)
			}
			goto reload
		default:
			return e.trap(pc, sp, budget, "internal error: unknown internal opcode")
		}
		continue

	jump:
		// A taken branch to tgt. Fast code gives back the rest of the run
		// after the branch, charged where it started (the branches not
		// taken in a run cost nothing), then charges tgt's.
		if byRuns && budgetCheck {
			b := budget + int(code[pc].w) - int(code[tgt].w)
			if b >= 0 {
				budget = b
				pc = tgt
				continue
			}
			budget += int(code[pc].w)
		}
		pc = tgt
	arrive:
		// Control arrives at pc other than by falling through: fast code
		// charges the run from there, or returns there, uncharged, when
		// it does not fit (see runs.go).
		if byRuns && budgetCheck {
			w := int(code[pc].w)
			if budget < w {
				e.uncharged = true
				break
			}
			budget -= w
		}
		continue

	recBin:
		// A recorded sequence's binary operation (opRecCBin, opRecLCBin,
		// opRecLLBin) of the top two stack slots, the operation of recBin
		// index in.a&31, or in.a>>24&31 after a local (recBins and, for
		// one local twice, recSquares): one switch for all. With
		// in.a's top bit, the sequence goes on with a suffix: a local.set,
		// local.tee, br, br_if, if or load of the result or a constant
		// after it run here, or any instruction whose opRec would record
		// one slot inline.
		{
			sp--
			x, c, k := stack[sp-1], stack[sp], in.a
			if in.op != opRecCBin {
				k >>= 24
			}
			k &= 31
			var v uint64
			switch k {
			case recBinI32Sub:
				v = uint64(uint32(x) - uint32(c))
			case recBinI32And:
				v = uint64(uint32(x) & uint32(c))
			case recBinI32Or:
				v = uint64(uint32(x) | uint32(c))
			case recBinI32Xor:
				v = uint64(uint32(x) ^ uint32(c))
			case recBinI32Shl:
				v = uint64(uint32(x) << (c & 31))
			case recBinI32ShrU:
				v = uint64(uint32(x) >> (c & 31))
			case recBinI32Mul:
				v = uint64(uint32(x) * uint32(c))
			case recBinI32Eq:
				v = b2u(uint32(x) == uint32(c))
			case recBinI32Ne:
				v = b2u(uint32(x) != uint32(c))
			case recBinI32LtU:
				v = b2u(uint32(x) < uint32(c))
			case recBinI32LtS:
				v = b2u(int32(x) < int32(c))
			case recBinI32GtU:
				v = b2u(uint32(x) > uint32(c))
			case recBinI32GtS:
				v = b2u(int32(x) > int32(c))
			case recBinI64Add:
				v = x + c
			case recBinI64Sub:
				v = x - c
			case recBinI64And:
				v = x & c
			case recBinI64Mul:
				v = x * c
			case recBinI64Eq:
				v = b2u(x == c)
			case recBinI64Ne:
				v = b2u(x != c)
			case recBinI64ShrU:
				v = x >> (c & 63)
			case recBinI64Shl:
				v = x << (c & 63)
			case recBinF64Add:
				v = uf64(f64(x) + f64(c))
			case recBinF64Sub:
				v = uf64(f64(x) - f64(c))
			case recBinF64Mul:
				v = uf64(f64(x) * f64(c))
			case recBinF64Div:
				v = uf64(f64(x) / f64(c))
			case recBinF64Lt:
				v = b2u(f64(x) < f64(c))
			case recBinF64Gt:
				v = b2u(f64(x) > f64(c))
			case recBinF64Le:
				v = b2u(f64(x) <= f64(c))
			case recBinF64Ge:
				v = b2u(f64(x) >= f64(c))
			default: // recBinI32Add
				v = uint64(uint32(x) + uint32(c))
			}
			stack[sp-1] = v
			// A switch, not an if: with "if in.a>>31 == 0 { continue }"
			// before the suffix, whose accesses can panic (bounds
			// checks), the fast loop, which has none of this code (it is
			// compiled out of loop[byRunsLoop]), came out with three
			// more instructions a dispatch (register moves and padding)
			// and fuel's per-run test cost +7-9% against the build
			// without it instead of about 0 (see the RATIONALE).
			switch in.a >> 31 {
			case 0:
				continue
			default:
				// The suffix, whose opRec is at pc (its plain pc pc/2) and
				// its own copy after it, with its operand.
				l := e.log
				r := &l.recs[l.total&l.mask]
				l.total++
				r[0], r[1] = e.recW0|uint64(pc>>1), v
				sx := &code[pc+1]
				pc += 2
				switch sx.op {
				case opLocalSet:
					sp--
					stack[fp+int(sx.a)] = v
				case opLocalTee:
					stack[fp+int(sx.a)] = v
				case opConst:
					stack[sp] = sx.b
					sp++
				case opBr:
					pc = int(sx.a)
				case opBrIf:
					sp--
					if uint32(v) != 0 {
						pc = int(sx.a)
					}
				case opBrUnless:
					sp--
					if uint32(v) == 0 {
						pc = int(sx.a)
					}
				case opI32Load:
					if ea := uint64(uint32(v)) + sx.b; ea+4 <= uint64(len(mem)) {
						stack[sp-1] = uint64(le32(mem, ea))
					} else {
						pc-- // its copy traps
					}
				case opF64Load, opI64Load:
					if ea := uint64(uint32(v)) + sx.b; ea+8 <= uint64(len(mem)) {
						stack[sp-1] = le64(mem, ea)
					} else {
						pc--
					}
				case opI32Load8U:
					if ea := uint64(uint32(v)) + sx.b; ea+1 <= uint64(len(mem)) {
						stack[sp-1] = uint64(mem[ea])
					} else {
						pc--
					}
				default:
					// Any other suffix (recSeqs) runs its own copy next, as
					// after its opRec.
					pc--
				}
			}
		}
		continue

	badOp:
		// An instruction of the other loop's code (see runs.go): its
		// case is compiled out of this loop, so that the registers its
		// code would need do not make the loop's state spill.
		return e.trap(pc, sp, budget, "internal error: an instruction of the other loop's kind of code")

	slowRec:
		// A combined recorded instruction whose record is made out of
		// line: then its own copy, after it, runs.
		e.frames[len(e.frames)-1].pc = pc
		e.sp = sp
		e.budget = budget
		e.record(recPC, 0, sp)
		goto reload

	slowRec2:
		// The same for a combined binary instruction: both operands.
		e.frames[len(e.frames)-1].pc = pc
		e.sp = sp
		e.budget = budget
		e.record(recPC, recTwo|2|1<<16, sp)
		goto reload

	ret:
		{
			n := e.cur.resultSlots
			for i := 0; i < n; i++ {
				stack[fp+i] = stack[sp-n+i]
			}
			sp = fp + n
			e.frames = e.frames[:len(e.frames)-1]
			if len(e.frames) == 0 {
				e.sp = sp
				return budget, exitDone
			}
			fr := &e.frames[len(e.frames)-1]
			if fr.inst != e.inst || budgetCheck && fr.code.runs != byRuns {
				// Into another instance, or the other loop's kind of
				// code (see runs.go): through reload (see the call).
				e.sp = sp
				e.budget = budget
				e.charge = true // after the call
				goto reload
			}
			e.cur = fr.code
			code = fr.code.insts
			pc = fr.pc
			fp = fr.fp
			// mem is the caller's memory as the callee left it: whatever
			// grows a memory (memory.grow, a host call, a call into
			// another instance) goes through reload, which reads it
			// afresh.
		}
		if byRuns {
			goto arrive // after the call
		}
	}
	e.frames[len(e.frames)-1].pc = pc
	e.sp = sp
	return budget, exitBudget
}

// trap records a trap at the instruction before pc and makes the loop
// return.
func (e *Execution) trap(pc, sp, budget int, msg string) (int, int) {
	e.frames[len(e.frames)-1].pc = pc
	e.sp = sp
	e.trapMsg = msg
	return budget, exitTrap
}

// trapSaved is trap where the loop saved its state before a Go call that
// failed with msg: the loop keeps no value across a call (see reload).
func (e *Execution) trapSaved(msg string) (int, int) {
	e.trapMsg = msg
	return e.budget, exitTrap
}

func truncate(op opcode, x uint64) (uint64, error) {
	switch op {
	case opI32TruncF32S:
		v, err := numeric.I32TruncF32S(f32(x))
		return uint64(uint32(v)), err
	case opI32TruncF32U:
		v, err := numeric.I32TruncF32U(f32(x))
		return uint64(v), err
	case opI32TruncF64S:
		v, err := numeric.I32TruncF64S(f64(x))
		return uint64(uint32(v)), err
	case opI32TruncF64U:
		v, err := numeric.I32TruncF64U(f64(x))
		return uint64(v), err
	case opI64TruncF32S:
		v, err := numeric.I64TruncF32S(f32(x))
		return uint64(v), err
	case opI64TruncF32U:
		return numeric.I64TruncF32U(f32(x))
	case opI64TruncF64S:
		v, err := numeric.I64TruncF64S(f64(x))
		return uint64(v), err
	default:
		return numeric.I64TruncF64U(f64(x))
	}
}
