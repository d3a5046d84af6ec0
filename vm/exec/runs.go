package exec

// Fast code is charged its budget (fuel, a slice's instructions) by runs;
// plain and observed code per instruction (see the RATIONALE in doc.go).
//
// (Natively: under GOARCH=wasm fast code is charged per instruction too,
// see chargeByRuns.)
//
// A run is the fast code from an instruction on to the next one that
// leaves the function's straight line other than by a branch (a call, a
// return, a throw, unreachable) or an opCharge. A fast instruction's w is
// the weight of the run from it: the Wasm instructions its instructions
// stand for. The loop (interp.go) charges w where control arrives other
// than by falling through: at the top frame's pc when it starts, at a
// function's first instruction, after a call returns, at a branch's
// target. A taken branch first gives back the run after it (which the
// charge at its own arrival included), so a run through branches not
// taken is charged once. Nothing else tests the budget: the instructions
// in between cost no more than with no budget at all.
//
// A run that does not fit in the budget left is not started. The loop
// returns there (uncharged), and the driver (run) starts the next slice,
// or, when the fuel is what ran out, runs the plain code from there for
// the fuel left, one instruction at a time, so that fuel still stops at
// any Wasm instruction. What the loop charged and did not run when it
// returned (a trap, a pause in a host call) it gives back (refund), so the
// instructions executed count only those that ran.
//
// The two ways are one loop (interp.go) compiled twice: loop[byRunsLoop]
// for fast code, loop[countedLoop] for plain and observed code, which
// tests the budget before every instruction and charges its w, one Wasm
// instruction or none (an observed instruction's own copy, whose opRec
// paid). Each loop runs only its kind of code: one that arrives at the
// other kind (a return into a frame of the other variant) returns, and
// the driver calls the other.

// loopKind is the type argument that chooses a loop's way of charging
// (byRuns, in loop): byRunsLoop, of size zero, or countedLoop. Go compiles
// a generic function once per shape of its type arguments, and the two
// differ in shape, so each instantiation is compiled on its own with its
// way a constant: a run-time flag tested per instruction, built before
// (commit c65741a), cost +15.7% under Node.
type loopKind interface{ byRunsLoop | countedLoop }

type (
	byRunsLoop  struct{}
	countedLoop struct{ _ byte }
)

// maxRun bounds the Wasm instructions of a straight line of fast code
// without a run's end: fuse cuts a longer one with an opCharge, so that a
// run fits in a slice (chunk) and in inst.w, and a run that does not fit
// in the fuel left leaves the plain code at most about that many
// instructions to run one at a time.
const maxRun = 256

// leavesRun reports whether fast instruction op ends its run: it leaves the
// straight line other than by a branch, or it is an opCharge.
func leavesRun(op opcode) bool {
	switch op {
	case opReturn, opReturnL, opI32AddReturn, opUnreachable, opThrow, opThrowRef,
		opCall, opCallIndirect, opCallRef, opReturnCall, opReturnCallIndirect, opReturnCallRef,
		opCharge:
		return true
	}
	return false
}

// chargeRuns turns the weights of fast code f's instructions (what each
// stands for, see weigh) into the weights of the runs from them.
func chargeRuns(f *Code) {
	if !chargeByRuns {
		return
	}
	run := 0
	for i := len(f.insts) - 1; i >= 0; i-- {
		if leavesRun(f.insts[i].op) {
			run = 0
		}
		run = min(run+int(f.insts[i].w), 1<<16-1)
		f.insts[i].w = uint16(run)
	}
	f.runs = true
}

// refund returns what the loop of fast code charged and did not run when
// it returned: the rest of the top frame's run from its pc, unless the
// loop returned before charging it (uncharged) or the instruction before
// pc ended a run (nothing after it was charged yet).
func (e *Execution) refund() int {
	if e.uncharged {
		e.uncharged = false
		return 0
	}
	if len(e.frames) == 0 {
		return 0
	}
	fr := &e.frames[len(e.frames)-1]
	c := fr.code
	if !c.runs || fr.pc <= 0 || fr.pc >= len(c.insts) || leavesRun(c.insts[fr.pc-1].op) {
		return 0
	}
	return int(c.insts[fr.pc].w)
}
