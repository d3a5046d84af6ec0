package exec

// Fused instructions ("superinstructions"): common sequences of plain
// internal instructions done by one dispatch. They exist only in the fast
// variant of a function's code; observers, breakpoints and single steps
// run the plain variant, where each internal instruction is one Wasm
// instruction (see Execution.precise). The ones run most often are among
// the hot opcodes (ops.go); these are the others. A fused instruction is
// charged its whole weight before it runs, so only the last instruction of
// a sequence may trap (a trap then counts all of them, as the plain code
// does).
const (
	opI32SubLC  opcode = opFused + iota // push local[a] - uint32(b)
	opLocalCopy                         // local[b] = local[a]
	opLocalSetC                         // local[a] = b
	// Compare two i32 operands and branch to a when true (opBrIf…) or when
	// false (opBrUnless…), in the order eq ne lt_s lt_u gt_s gt_u le_s le_u
	// ge_s ge_u.
	opBrIfEq
	opBrIfNe
	opBrIfLtS
	opBrIfLtU
	opBrIfGtS
	opBrIfGtU
	opBrIfLeS
	opBrIfLeU
	opBrIfGeS
	opBrIfGeU
	opBrUnlessEq
	opBrUnlessNe
	opBrUnlessLtS
	opBrUnlessLtU
	opBrUnlessGtS
	opBrUnlessGtU
	opBrUnlessLeS
	opBrUnlessLeU
	opBrUnlessGeS
	opBrUnlessGeU
	// The same for i64 operands.
	opBrIfEq64
	opBrIfNe64
	opBrIfLtS64
	opBrIfLtU64
	opBrIfGtS64
	opBrIfGtU64
	opBrIfLeS64
	opBrIfLeU64
	opBrIfGeS64
	opBrIfGeU64
	opBrUnlessEq64
	opBrUnlessNe64
	opBrUnlessLtS64
	opBrUnlessLtU64
	opBrUnlessGtS64
	opBrUnlessGtU64
	opBrUnlessLeS64
	opBrUnlessLeU64
	opBrUnlessGeS64
	opBrUnlessGeU64
	opBrIfZ64    // jump to a when the popped i64 is zero
	opI64AddLC   // push local[a] + b
	opI64AddC    // top += b
	opI64AddLL   // push local[a] + local[b]
	opI32LoadU8L // push i32.load8_u offset b from address local[a]
	opI32ShlLC   // push local[a] << (b & 31)
	opI32AddLoad // pop y, x; push i32.load offset b from address x + y
	opI64StoreC  // pop address; i64.store b at offset a
	opI32AddSetL // pop y, x; local[a] = x + y
	opI32AddTeeL // pop y, x; push local[a] = x + y
	// i32 operations with a constant right operand b.
	opI32OrC
	opI32XorC
	opI32MulC
	opI32ShrSC
	opI32EqC
	opI32NeC
	opI32LtSC
	opI32LtUC
	opI32GtSC
	opI32GtUC
	opI32LeSC
	opI32LeUC
	opI32GeSC
	opI32GeUC
	// Compare the top i32 with the constant b and branch to a when true
	// (opBrIf…C) or false (opBrUnless…C).
	opBrIfEqC
	opBrIfNeC
	opBrIfLtSC
	opBrIfGtSC
	opBrIfGtUC
	opBrIfLeSC
	opBrIfLeUC
	opBrIfGeSC
	opBrIfGeUC
	opBrUnlessEqC
	opBrUnlessNeC
	opBrUnlessLtSC
	opBrUnlessGtSC
	opBrUnlessGtUC
	opBrUnlessLeSC
	opBrUnlessLeUC
	opBrUnlessGeSC
	opBrUnlessGeUC
	// Operations with a local right operand: top = top op local[a].
	opI32AddL
	opI32SubL
	opI32MulL
	opI32AndL
	opI32XorL
	opF64AddL
	opF64SubL
	opF32AddL
	opF32MulL

	// Three-address forms: operands read from locals (slot a, or the low
	// 32 bits of b) and constants in place, results written straight to a
	// local (b>>32) or pushed. A constant packed beside a slot is an i32,
	// or for i64 sign-extended from 32 bits. The commonest are hot
	// (ops.go: opI32AddLCSet ...).
	opI32ShrULC // push uint32(local[a]) >> (b & 31)
	opI64AndLC  // push local[a] & b
	opI64ShrULC // push local[a] >> (b & 63)
	opF64AddLL  // push local[a] + local[b] (f64)
	opF64SubLL  // push local[a] - local[b] (f64)
	// push i32.load8_u offset b>>32 from address uint32(local[a] + uint32(b))
	opI32Load8ULC
	// Stores of local[uint32(b)] at address local[a], offset b>>32
	// (opStore…LL); of local[a] at the popped address, offset b
	// (opStore…L); of the constant b at the popped address, offset a
	// (opStore…C); of local[a] + uint32(b) at the popped address, offset
	// b>>32 (opStore…AddLC).
	opStore8LL
	opStore8L
	opStore32L
	opStore64L
	opStore32C
	opStore8AddLC
	opStore32AddLC
	// Compare local[uint32(b)] with the i32 constant b>>32 and branch to a
	// when true (opBrIf…LC) or false (opBrUnless…LC); the comparisons in
	// the tables' order (brIfCmpLC, brUnlessCmpLC).
	opBrIfEqLC
	opBrIfNeLC
	opBrIfLtSLC
	opBrIfLtULC
	opBrIfGtSLC
	opBrIfGtULC
	opBrIfLeSLC
	opBrIfLeULC
	opBrIfGeSLC
	opBrIfGeULC
	opBrUnlessEqLC
	opBrUnlessNeLC
	opBrUnlessLtSLC
	opBrUnlessGtSLC
	opBrUnlessGtULC
	opBrUnlessLeSLC
	opBrUnlessLeULC
	opBrUnlessGeSLC
	opBrUnlessGeULC
	// The same for i64 equality, the constant sign-extended.
	opBrIfNe64LC
	opBrUnlessEq64LC
	opBrUnlessNe64LC
	// i64 operations with a constant right operand b.
	opI64AndC
	opI64OrC
	opI64XorC
	opI64ShlC
	opI64ShrUC
	opI64ShrSC
	opI64MulC
	opReturnL      // push local[a]; return
	opI32AddReturn // i32.add; return
	opF64AddStore  // pop y, x, address; f64.store offset b of x + y
	opI32XorLTee   // top ^= local[a]; local[b] = top
	opLocalGetTee  // push local[a]; local[b] = local[a]
	// i32.store8 of the constant b>>24&0xff at address local[a] +
	// local[b&0xffffff], offset b>>32.
	opStore8CLL
	// Jump to a when local[uint32(b)] & b>>32 is not zero (opBrIfAndNzLC)
	// or zero (opBrIfAndZLC): an i32, or an i64 and a constant below 2^31.
	opBrIfAndNzLC
	opBrIfAndZLC
	// Compare the popped f64 with the f64 constant b and branch to a when
	// true (opBrIf…F64C) or false (opBrUnless…F64C): lt gt le ge.
	opBrIfLtF64C
	opBrIfGtF64C
	opBrIfLeF64C
	opBrIfGeF64C
	opBrUnlessLtF64C
	opBrUnlessGtF64C
	opBrUnlessLeF64C
	opBrUnlessGeF64C

	// opCount is the number of internal opcodes.
	opCount
)

// constOp32 maps an i32 operation to its form with a constant right
// operand (i32.const c; op).
var constOp32 = map[opcode]opcode{
	opI32And:  opI32AndC,
	opI32Or:   opI32OrC,
	opI32Xor:  opI32XorC,
	opI32Mul:  opI32MulC,
	opI32ShrU: opI32ShrUC,
	opI32ShrS: opI32ShrSC,
	opI32Eq:   opI32EqC,
	opI32Ne:   opI32NeC,
	opI32LtS:  opI32LtSC,
	opI32LtU:  opI32LtUC,
	opI32GtS:  opI32GtSC,
	opI32GtU:  opI32GtUC,
	opI32LeS:  opI32LeSC,
	opI32LeU:  opI32LeUC,
	opI32GeS:  opI32GeSC,
	opI32GeU:  opI32GeUC,
}

// localOp maps an operation to its form with a local right operand
// (local.get x; op).
var localOp = map[opcode]opcode{
	opI32Add: opI32AddL,
	opI32Sub: opI32SubL,
	opI32Mul: opI32MulL,
	opI32And: opI32AndL,
	opI32Xor: opI32XorL,
	opF64Add: opF64AddL,
	opF64Sub: opF64SubL,
	opF64Mul: opF64MulL,
	opF32Add: opF32AddL,
	opF32Mul: opF32MulL,
}

// constOp64 maps an i64 operation to its form with a constant right
// operand (i64.const c; op).
var constOp64 = map[opcode]opcode{
	opI64And:  opI64AndC,
	opI64Or:   opI64OrC,
	opI64Xor:  opI64XorC,
	opI64Shl:  opI64ShlC,
	opI64ShrU: opI64ShrUC,
	opI64ShrS: opI64ShrSC,
	opI64Mul:  opI64MulC,
}

func isShift64(op opcode) bool { return op == opI64Shl || op == opI64ShrU || op == opI64ShrS }

// f64LL maps an f64 operation to its form with two local operands
// (local.get x; local.get y; op).
var f64LL = map[opcode]opcode{opF64Add: opF64AddLL, opF64Sub: opF64SubLL, opF64Mul: opF64MulLL}

// loadLC returns the form of a load from a local plus a constant
// (local.get x; i32.const c; i32.add; load), or 0 when there is none.
// Loads that leave the same slot value share one.
func loadLC(op opcode) opcode {
	switch op {
	case opI32Load, opF32Load, opI64Load32U:
		return opI32LoadLC
	case opI64Load, opF64Load:
		return opI64LoadLC
	case opI32Load8U, opI64Load8U:
		return opI32Load8ULC
	}
	return 0
}

// storeForms lists a store's fused forms (see opStore8LL): address and
// value in locals, the value in a local, the value a constant, the value
// a local plus a constant (0: none).
type storeForms struct{ ll, l, c, addLC opcode }

var storeOf = map[opcode]storeForms{
	opStore8:  {opStore8LL, opStore8L, opStore8C, opStore8AddLC},
	opStore32: {opStore32LL, opStore32L, opStore32C, opStore32AddLC},
	opStore64: {opStore64LL, opStore64L, 0, 0},
}

// f64CmpC is the position of an f64 comparison in brCmpF64C's rows.
var f64CmpC = map[opcode]int{opF64Lt: 0, opF64Gt: 1, opF64Le: 2, opF64Ge: 3}

func isF64CmpC(op opcode) bool {
	_, ok := f64CmpC[op]
	return ok
}

// fitsI32 reports whether the i64 constant c is an i32 sign-extended.
func fitsI32(c uint64) bool { return int64(c) == int64(int32(c)) }

// wrapped maps i64.add, sub and mul to the i32 op giving the low 32 bits
// of their result (op; i32.wrap_i64).
var wrapped = map[opcode]opcode{opI64Add: opI32Add, opI64Sub: opI32Sub, opI64Mul: opI32Mul}

func isCmp32(op opcode) bool { return op >= opI32Eq && op <= opI32GeU }

// cmpIndex is the position of an i32 comparison in the fused branch ops'
// tables (brIfCmp, ...).
func cmpIndex(op opcode) (int, bool) {
	if op >= opI32Eq && op <= opI32GeU {
		return int(op - opI32Eq), true
	}
	return 0, false
}

// cmpIndex64 is the position of an i64 comparison in the fused branch ops'
// tables.
func cmpIndex64(op opcode) (int, bool) {
	if op >= opI64Eq && op <= opI64GeU {
		return int(op - opI64Eq), true
	}
	return 0, false
}

// The fused compare-and-branch ops by comparison, in Wasm's order (eq ne
// lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u): two i32 operands, two i64
// ones, an i32 and the constant b; branching when true (brIf...) or false
// (brUnless...). Tables rather than arithmetic on the opcodes: the hot ones
// among them are numbered with the hot opcodes.
var (
	brIfCmp       = [10]opcode{opBrIfEq, opBrIfNe, opBrIfLtS, opBrIfLtU, opBrIfGtS, opBrIfGtU, opBrIfLeS, opBrIfLeU, opBrIfGeS, opBrIfGeU}
	brUnlessCmp   = [10]opcode{opBrUnlessEq, opBrUnlessNe, opBrUnlessLtS, opBrUnlessLtU, opBrUnlessGtS, opBrUnlessGtU, opBrUnlessLeS, opBrUnlessLeU, opBrUnlessGeS, opBrUnlessGeU}
	brIfCmp64     = [10]opcode{opBrIfEq64, opBrIfNe64, opBrIfLtS64, opBrIfLtU64, opBrIfGtS64, opBrIfGtU64, opBrIfLeS64, opBrIfLeU64, opBrIfGeS64, opBrIfGeU64}
	brUnlessCmp64 = [10]opcode{opBrUnlessEq64, opBrUnlessNe64, opBrUnlessLtS64, opBrUnlessLtU64, opBrUnlessGtS64, opBrUnlessGtU64, opBrUnlessLeS64, opBrUnlessLeU64, opBrUnlessGeS64, opBrUnlessGeU64}
	brIfCmpC      = [10]opcode{opBrIfEqC, opBrIfNeC, opBrIfLtSC, opBrIfLtUC, opBrIfGtSC, opBrIfGtUC, opBrIfLeSC, opBrIfLeUC, opBrIfGeSC, opBrIfGeUC}
	brUnlessCmpC  = [10]opcode{opBrUnlessEqC, opBrUnlessNeC, opBrUnlessLtSC, opBrUnlessLtUC, opBrUnlessGtSC, opBrUnlessGtUC, opBrUnlessLeSC, opBrUnlessLeUC, opBrUnlessGeSC, opBrUnlessGeUC}
	// A local and the constant b>>32.
	brIfCmpLC     = [10]opcode{opBrIfEqLC, opBrIfNeLC, opBrIfLtSLC, opBrIfLtULC, opBrIfGtSLC, opBrIfGtULC, opBrIfLeSLC, opBrIfLeULC, opBrIfGeSLC, opBrIfGeULC}
	brUnlessCmpLC = [10]opcode{opBrUnlessEqLC, opBrUnlessNeLC, opBrUnlessLtSLC, opBrUnlessLtULC, opBrUnlessGtSLC, opBrUnlessGtULC, opBrUnlessLeSLC, opBrUnlessLeULC, opBrUnlessGeSLC, opBrUnlessGeULC}
	// An f64 and the constant b, lt gt le ge: [brIf, brUnless][cmp].
	brCmpF64C = [2][4]opcode{{opBrIfLtF64C, opBrIfGtF64C, opBrIfLeF64C, opBrIfGeF64C},
		{opBrUnlessLtF64C, opBrUnlessGtF64C, opBrUnlessLeF64C, opBrUnlessGeF64C}}
	// i64 eq and ne of a local and a constant: [brIf, brUnless][eq, ne].
	brCmp64LC = [2][2]opcode{{opBrIfEq64LC, opBrIfNe64LC}, {opBrUnlessEq64LC, opBrUnlessNe64LC}}
)

// jumps marks the opcodes whose a is a jump target.
var jumps = func() (t [opCount]bool) {
	for _, op := range []opcode{opBr, opBrIf, opBrUnless, opBrMove, opBrIfMove, opBrOnNull, opBrOnNonNull,
		opBrOnCast, opBrOnCastFail, opBrIfNz64, opBrIfZ64, opLocalSetBr, opBrIfAndNzLC, opBrIfAndZLC} {
		t[op] = true
	}
	for _, tab := range [][10]opcode{brIfCmp, brUnlessCmp, brIfCmp64, brUnlessCmp64, brIfCmpC, brUnlessCmpC, brIfCmpLC, brUnlessCmpLC} {
		for _, op := range tab {
			t[op] = true
		}
	}
	for _, tab := range brCmp64LC {
		for _, op := range tab {
			t[op] = true
		}
	}
	for _, tab := range brCmpF64C {
		for _, op := range tab {
			t[op] = true
		}
	}
	return t
}()

// isJump reports whether op's a is a jump target.
func isJump(op opcode) bool { return op < opCount && jumps[op] }

// fallsThrough reports whether a plain instruction always goes on to the
// next one when it completes, in the same frame. A call comes back, but
// only after its callee's instructions: a dropped instruction after it
// cannot be counted with it, or fuel running out in the callee would stop
// one instruction early in fast code.
func fallsThrough(op opcode) bool {
	switch op {
	case opBrTable, opReturn, opUnreachable, opCall, opCallIndirect, opCallRef,
		opReturnCall, opReturnCallIndirect, opReturnCallRef, opThrow, opThrowRef:
		return false
	}
	return !isJump(op)
}

// neverTraps marks the plain instructions that cannot trap. Only after one
// of them may fuse drop a no-op (isNop) into the instruction before: the
// fast instruction is charged the no-op's weight too, so a trap in it
// would count the no-op as executed (a load, a division or a truncation
// followed by i64.extend_i32_u counted one instruction too many; the
// differential test's seed 1033).
var neverTraps = func() (t [opCount]bool) {
	for _, op := range []opcode{
		opLocalGet, opLocalSet, opLocalTee, opConst, opGlobalGet, opGlobalSet,
		opDrop, opSelect, opMemorySize, opRefFunc,
		opLocalGet2, opLocalSet2, opLocalTee2, opGlobalGet2, opGlobalSet2, opSelect2, opV128Const,
		opI32Eqz, opI32Eq, opI32Ne, opI32LtS, opI32LtU, opI32GtS, opI32GtU, opI32LeS, opI32LeU, opI32GeS, opI32GeU,
		opI64Eqz, opI64Eq, opI64Ne, opI64LtS, opI64LtU, opI64GtS, opI64GtU, opI64LeS, opI64LeU, opI64GeS, opI64GeU,
		opF32Eq, opF32Ne, opF32Lt, opF32Gt, opF32Le, opF32Ge, opF64Eq, opF64Ne, opF64Lt, opF64Gt, opF64Le, opF64Ge,
		opI32Clz, opI32Ctz, opI32Popcnt, opI32Add, opI32Sub, opI32Mul, opI32And, opI32Or, opI32Xor,
		opI32Shl, opI32ShrS, opI32ShrU, opI32Rotl, opI32Rotr,
		opI64Clz, opI64Ctz, opI64Popcnt, opI64Add, opI64Sub, opI64Mul, opI64And, opI64Or, opI64Xor,
		opI64Shl, opI64ShrS, opI64ShrU, opI64Rotl, opI64Rotr,
		opF32Abs, opF32Neg, opF32Ceil, opF32Floor, opF32Trunc, opF32Nearest, opF32Sqrt,
		opF32Add, opF32Sub, opF32Mul, opF32Div, opF32Min, opF32Max, opF32Copysign,
		opF64Abs, opF64Neg, opF64Ceil, opF64Floor, opF64Trunc, opF64Nearest, opF64Sqrt,
		opF64Add, opF64Sub, opF64Mul, opF64Div, opF64Min, opF64Max, opF64Copysign,
		opI32WrapI64, opI64ExtendI32S, opI64ExtendI32U,
		opF32ConvertI32S, opF32ConvertI32U, opF32ConvertI64S, opF32ConvertI64U, opF32DemoteF64,
		opF64ConvertI32S, opF64ConvertI32U, opF64ConvertI64S, opF64ConvertI64U, opF64PromoteF32,
		opI32ReinterpretF32, opI64ReinterpretF64, opF32ReinterpretI32, opF64ReinterpretI64,
		opI32Extend8S, opI32Extend16S, opI64Extend8S, opI64Extend16S, opI64Extend32S,
	} {
		t[op] = true
	}
	return t
}()

// isNop reports whether a plain instruction does nothing to slot values:
// i32 values are kept zero-extended and floats as bits, so extending an
// i32 unsigned and reinterpreting are free.
func isNop(op opcode) bool {
	switch op {
	case opI64ExtendI32U, opI32ReinterpretF32, opI64ReinterpretF64,
		opF32ReinterpretI32, opF64ReinterpretI64:
		return true
	}
	return false
}

// branchTargets reports, for each pc of plain code p and the end, whether
// control may arrive there other than by falling through: a jump's or a
// br_table's target, a try_table's bounds or a handler. A sequence of
// instructions run as one must not contain one, past its first.
func branchTargets(p *Code) []bool {
	target := make([]bool, len(p.insts)+1)
	for _, in := range p.insts {
		if isJump(in.op) {
			target[in.a] = true
		}
	}
	for _, tab := range p.brTables {
		for _, t := range tab {
			target[t.pc] = true
		}
	}
	for _, h := range p.handlers {
		target[h.from], target[h.to] = true, true
		for _, k := range h.catches {
			target[k.pc] = true
		}
	}
	return target
}

// runFree reports whether the plain instructions i+1 .. i+k exist (target
// has one more entry than the code) and none is a branch target, so that
// instructions i .. i+k can run as one.
func runFree(target []bool, i, k int) bool {
	if i+k >= len(target)-1 {
		return false
	}
	for j := i + 1; j <= i+k; j++ {
		if target[j] {
			return false
		}
	}
	return true
}

// fuse returns the fast variant of plain code p: the same function with
// common sequences fused. Sequences never swallow a branch target.
func fuse(p *Code) *Code {
	n := len(p.insts)
	target := branchTargets(p)
	f := *p
	f.plain = p
	f.dbg = nil
	f.insts = make([]inst, 0, n)
	f.src = make([]int32, 0, n)
	f.offs = make([]uint32, 0, n)
	f.last = make([]int32, 0, n)
	f.orig = make([]int32, 0, n)
	f.fastOf = make([]int32, n+1)
	for i := range f.fastOf {
		f.fastOf[i] = -1
	}
	free := func(i, k int) bool { return runFree(target, i, k) }
	op := func(i int) opcode { return p.insts[i].op }
	// returnsAfter reports whether plain instruction i+1 returns: a
	// return, or a br to one through up to 8 brs, so that instruction i
	// can return itself. extra counts the instructions past i+1 that run
	// then; with dup, i+1 is a branch target (a return, which keeps an
	// instruction of its own) and counts in extra too.
	returnsAfter := func(i int) (ok bool, extra int, dup bool) {
		if i+1 >= n {
			return false, 0, false
		}
		t, hops := i+1, 0
		for hops < 8 && t < n && op(t) == opBr {
			t = int(p.insts[t].a)
			hops++
		}
		switch {
		case t >= n || op(t) != opReturn:
			return false, 0, false
		case !target[i+1]:
			return true, hops, false
		case hops == 0:
			return true, 1, true
		}
		return false, 0, false
	}
	// dropped reports whether plain instruction i is left out of the fast
	// code; the fast instruction before it, which always runs on into it,
	// counts it (see weigh).
	dropped := func(i int) bool {
		return isNop(op(i)) && !target[i] && i > 0 && fallsThrough(op(i-1)) && neverTraps[op(i-1)]
	}
	// match returns the fused instruction for the plain sequence from i,
	// the one the first matching case below prefers, fused from plain i
	// to i+k (k 0: none). extra counts the Wasm instructions it runs past
	// plain i+k (see weigh); with dup, plain i+k, a branch target, keeps
	// an instruction of its own too.
	match := func(i int) (out inst, k, extra int, dup bool) {
		in := p.insts[i]
		ret, retExtra, retDup := returnsAfter(i)
		switch in.op {
		case opLocalGet:
			c := p.insts[min(i+1, n-1)].b // the constant of a local.get; const; … form
			st := storeOf[op(min(i+2, n-1))]
			switch {
			case ret:
				out, k, extra, dup = inst{op: opReturnL, a: in.a}, 1, retExtra, retDup
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32Add && op(i+3) == opLocalSet:
				out, k = inst{op: opI32AddLCSet, a: in.a, b: uint64(uint32(c)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32Sub && op(i+3) == opLocalSet:
				out, k = inst{op: opI32AddLCSet, a: in.a, b: uint64(-uint32(c)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI64Add && op(i+3) == opLocalSet && fitsI32(c):
				out, k = inst{op: opI64AddLCSet, a: in.a, b: uint64(uint32(c)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI64Sub && op(i+3) == opLocalSet && fitsI32(-c):
				out, k = inst{op: opI64AddLCSet, a: in.a, b: uint64(uint32(-c)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 4) && op(i+1) == opLocalGet && op(i+2) == opI32Add && op(i+3) == opConst && op(i+4) == opStore8 &&
				p.insts[i+1].a < 1<<24 && p.insts[i+4].b <= 0xffffffff:
				out, k = inst{op: opStore8CLL, a: in.a, b: uint64(p.insts[i+1].a) | uint64(byte(p.insts[i+3].b))<<24 | p.insts[i+4].b<<32}, 4
			case free(i, 4) && op(i+1) == opConst && op(i+2) == opI64And && op(i+3) == opI64Eqz && (op(i+4) == opBrIf || op(i+4) == opBrUnless) &&
				c < 1<<31:
				x := opBrIfAndZLC
				if op(i+4) == opBrUnless {
					x = opBrIfAndNzLC
				}
				out, k = inst{op: x, a: p.insts[i+4].a, b: uint64(in.a) | c<<32}, 4
			case free(i, 4) && op(i+1) == opConst && op(i+2) == opI32And && op(i+3) == opI32Eqz && (op(i+4) == opBrIf || op(i+4) == opBrUnless):
				x := opBrIfAndZLC
				if op(i+4) == opBrUnless {
					x = opBrIfAndNzLC
				}
				out, k = inst{op: x, a: p.insts[i+4].a, b: uint64(in.a) | uint64(uint32(c))<<32}, 4
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32And && (op(i+3) == opBrIf || op(i+3) == opBrUnless):
				x := opBrIfAndNzLC
				if op(i+3) == opBrUnless {
					x = opBrIfAndZLC
				}
				out, k = inst{op: x, a: p.insts[i+3].a, b: uint64(in.a) | uint64(uint32(c))<<32}, 3
			case free(i, 3) && op(i+1) == opConst && isCmp32(op(i+2)) && (op(i+3) == opBrIf || op(i+3) == opBrUnless):
				x, _ := cmpIndex(op(i + 2))
				tab := &brIfCmpLC
				if op(i+3) == opBrUnless {
					tab = &brUnlessCmpLC
				}
				out, k = inst{op: tab[x], a: p.insts[i+3].a, b: uint64(in.a) | uint64(uint32(c))<<32}, 3
			case free(i, 3) && op(i+1) == opConst && (op(i+2) == opI64Eq || op(i+2) == opI64Ne) &&
				(op(i+3) == opBrIf || op(i+3) == opBrUnless) && fitsI32(c):
				out, k = inst{op: brCmp64LC[b2i(op(i+3) == opBrUnless)][b2i(op(i+2) == opI64Ne)], a: p.insts[i+3].a,
					b: uint64(in.a) | uint64(uint32(c))<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32Add && loadLC(op(i+3)) != 0 && p.insts[i+3].b <= 0xffffffff:
				out, k = inst{op: loadLC(op(i + 3)), a: in.a, b: uint64(uint32(c)) | p.insts[i+3].b<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32Add && storeOf[op(i+3)].addLC != 0 && p.insts[i+3].b <= 0xffffffff:
				out, k = inst{op: storeOf[op(i+3)].addLC, a: in.a, b: uint64(uint32(c)) | p.insts[i+3].b<<32}, 3
			case free(i, 3) && op(i+1) == opLocalGet && op(i+2) == opF64Mul && op(i+3) == opLocalTee:
				out, k = inst{op: opF64MulLLTee, a: in.a, b: uint64(p.insts[i+1].a) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 2) && op(i+1) == opLocalGet && st.ll != 0 && p.insts[i+2].b <= 0xffffffff:
				out, k = inst{op: st.ll, a: in.a, b: uint64(p.insts[i+1].a) | p.insts[i+2].b<<32}, 2
			case free(i, 2) && op(i+1) == opLocalGet && f64LL[op(i+2)] != 0:
				out, k = inst{op: f64LL[op(i+2)], a: in.a, b: uint64(p.insts[i+1].a)}, 2
			case free(i, 2) && op(i+1) == opI32Xor && op(i+2) == opLocalTee:
				out, k = inst{op: opI32XorLTee, a: in.a, b: uint64(p.insts[i+2].a)}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI32And:
				out, k = inst{op: opI32AndLC, a: in.a, b: uint64(uint32(c))}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI32ShrU:
				out, k = inst{op: opI32ShrULC, a: in.a, b: c}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI64And:
				out, k = inst{op: opI64AndLC, a: in.a, b: c}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI64ShrU:
				out, k = inst{op: opI64ShrULC, a: in.a, b: c & 63}, 2
			case free(i, 1) && storeOf[op(i+1)].l != 0:
				out, k = inst{op: storeOf[op(i+1)].l, a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == opLocalTee:
				out, k = inst{op: opLocalGetTee, a: in.a, b: uint64(p.insts[i+1].a)}, 1
			case free(i, 3) && op(i+1) == opLocalGet && op(i+2) == opI32Add && op(i+3) == opLocalTee:
				out, k = inst{op: opI32AddLLTee, a: in.a, b: uint64(p.insts[i+1].a) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 3) && op(i+1) == opConst && op(i+2) == opI32Add && op(i+3) == opLocalTee:
				out, k = inst{op: opI32AddLCTee, a: in.a, b: uint64(uint32(p.insts[i+1].b)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 2) && op(i+1) == opLocalGet && op(i+2) == opI32Add:
				out, k = inst{op: opI32AddLL, a: in.a, b: uint64(p.insts[i+1].a)}, 2
			case free(i, 2) && op(i+1) == opLocalGet && op(i+2) == opI64Add:
				out, k = inst{op: opI64AddLL, a: in.a, b: uint64(p.insts[i+1].a)}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI64Add:
				out, k = inst{op: opI64AddLC, a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 1) && (op(i+1) == opI64Load || op(i+1) == opF64Load):
				out, k = inst{op: opI64LoadL, a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == opI32Load8U:
				out, k = inst{op: opI32LoadU8L, a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI32Add:
				out, k = inst{op: opI32AddLC, a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI32Sub:
				out, k = inst{op: opI32SubLC, a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 2) && op(i+1) == opConst && op(i+2) == opI32Shl:
				out, k = inst{op: opI32ShlLC, a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 1) && op(i+1) == opI32Load:
				out, k = inst{op: opI32LoadL, a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == opLocalSet:
				out, k = inst{op: opLocalCopy, a: in.a, b: uint64(p.insts[i+1].a)}, 1
			case free(i, 1) && op(i+1) == opLocalGet:
				out, k = inst{op: opLocalGetLL, a: in.a, b: uint64(p.insts[i+1].a)}, 1
			case free(i, 1) && localOp[op(i+1)] != 0:
				out, k = inst{op: localOp[op(i+1)], a: in.a}, 1
			}
		case opConst:
			switch {
			case free(i, 2) && isF64CmpC(op(i+1)) && (op(i+2) == opBrIf || op(i+2) == opBrUnless):
				out, k = inst{op: brCmpF64C[b2i(op(i+2) == opBrUnless)][f64CmpC[op(i+1)]], a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 4) && op(i+1) == opI32Shl && op(i+2) == opConst && op(i+3) == opI32Add && op(i+4) == opI32Load &&
				p.insts[i+4].b <= 0xffffffff:
				out, k = inst{op: opI32ShlCAddCLoad, a: uint32(p.insts[i+2].b), b: p.insts[i+4].b | (in.b&31)<<32}, 4
			case free(i, 1) && constOp64[op(i+1)] != 0 && isShift64(op(i+1)):
				out, k = inst{op: constOp64[op(i+1)], b: in.b & 63}, 1
			case free(i, 1) && constOp64[op(i+1)] != 0:
				out, k = inst{op: constOp64[op(i+1)], b: in.b}, 1
			case free(i, 1) && storeOf[op(i+1)].c != 0 && p.insts[i+1].b <= 0xffffffff:
				out, k = inst{op: storeOf[op(i+1)].c, a: uint32(p.insts[i+1].b), b: in.b}, 1
			case free(i, 2) && op(i+1) == opI32Add && op(i+2) == opLocalTee:
				out, k = inst{op: opI32AddCTee, a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 2) && op(i+1) == opI32Add && op(i+2) == opI32Load:
				out, k = inst{op: opI32AddCLoad, a: uint32(in.b), b: p.insts[i+2].b}, 2
			case free(i, 1) && op(i+1) == opI32Add:
				out, k = inst{op: opI32AddC, b: in.b}, 1
			case free(i, 1) && op(i+1) == opI32Sub:
				out, k = inst{op: opI32AddC, b: uint64(uint32(-int32(in.b)))}, 1
			case free(i, 1) && op(i+1) == opLocalSet:
				out, k = inst{op: opLocalSetC, a: p.insts[i+1].a, b: in.b}, 1
			case free(i, 2) && isCmp32(op(i+1)) && op(i+2) == opBrIf:
				c, _ := cmpIndex(op(i + 1))
				out, k = inst{op: brIfCmpC[c], a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 2) && isCmp32(op(i+1)) && op(i+2) == opBrUnless:
				c, _ := cmpIndex(op(i + 1))
				out, k = inst{op: brUnlessCmpC[c], a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 1) && constOp32[op(i+1)] != 0:
				out, k = inst{op: constOp32[op(i+1)], b: in.b}, 1
			case free(i, 1) && op(i+1) == opI32Shl:
				out, k = inst{op: opI32ShlC, b: in.b}, 1
			case free(i, 1) && op(i+1) == opStore64 && p.insts[i+1].b <= 0xffffffff:
				out, k = inst{op: opI64StoreC, a: uint32(p.insts[i+1].b), b: in.b}, 1
			case free(i, 1) && op(i+1) == opI64Add:
				out, k = inst{op: opI64AddC, b: in.b}, 1
			case free(i, 1) && op(i+1) == opI64Sub:
				out, k = inst{op: opI64AddC, b: -in.b}, 1
			}
		case opI32Add:
			switch {
			case ret:
				out, k, extra, dup = inst{op: opI32AddReturn}, 1, retExtra, retDup
			case free(i, 1) && op(i+1) == opI32Load:
				out, k = inst{op: opI32AddLoad, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == opLocalSet:
				out, k = inst{op: opI32AddSetL, a: p.insts[i+1].a}, 1
			case free(i, 1) && op(i+1) == opLocalTee:
				out, k = inst{op: opI32AddTeeL, a: p.insts[i+1].a}, 1
			}
		case opF64Add:
			if free(i, 1) && op(i+1) == opStore64 && p.insts[i+1].b <= 0xffffffff {
				out, k = inst{op: opF64AddStore, b: p.insts[i+1].b}, 1
			}
		case opI64Add, opI64Sub, opI64Mul:
			// The low 32 bits of an i64 sum, difference or product are
			// those of the i32 one.
			if free(i, 1) && op(i+1) == opI32WrapI64 {
				out, k = inst{op: wrapped[in.op]}, 1
			}
		case opI64Eqz:
			if free(i, 1) && op(i+1) == opBrIf {
				out, k = inst{op: opBrIfZ64, a: p.insts[i+1].a}, 1
			} else if free(i, 1) && op(i+1) == opBrUnless {
				out, k = inst{op: opBrIfNz64, a: p.insts[i+1].a}, 1
			}
		case opI32Eqz:
			if free(i, 1) && op(i+1) == opBrIf {
				out, k = inst{op: opBrUnless, a: p.insts[i+1].a}, 1
			} else if free(i, 1) && op(i+1) == opBrUnless {
				out, k = inst{op: opBrIf, a: p.insts[i+1].a}, 1
			}
		case opLocalSet:
			if free(i, 1) && op(i+1) == opBr {
				out, k = inst{op: opLocalSetBr, a: p.insts[i+1].a, b: uint64(in.a)}, 1
			} else if free(i, 1) && op(i+1) == opLocalGet && p.insts[i+1].a == in.a {
				out, k = inst{op: opLocalTee, a: in.a}, 1
			} else if free(i, 1) && op(i+1) == opLocalGet {
				out, k = inst{op: opLocalSetGet, a: in.a, b: uint64(p.insts[i+1].a)}, 1
			}
		default:
			if c, ok := cmpIndex(in.op); ok && free(i, 1) {
				switch op(i + 1) {
				case opBrIf:
					out, k = inst{op: brIfCmp[c], a: p.insts[i+1].a}, 1
				case opBrUnless:
					out, k = inst{op: brUnlessCmp[c], a: p.insts[i+1].a}, 1
				}
			}
			if c, ok := cmpIndex64(in.op); ok && free(i, 1) {
				switch op(i + 1) {
				case opBrIf:
					out, k = inst{op: brIfCmp64[c], a: p.insts[i+1].a}, 1
				case opBrUnless:
					out, k = inst{op: brUnlessCmp64[c], a: p.insts[i+1].a}, 1
				}
			}
		}
		return out, k, extra, dup
	}
	// Choose the sequences: a position's match can take an instruction
	// that a longer one starting at the next needed (local.get a;
	// local.get b; i32.const c; i32.add; f64.load is opLocalGetLL and two
	// more, or local.get a and opI64LoadLC). Counting from the end, each
	// position takes its match or stays alone, whichever leaves fewer
	// fast instructions from there.
	type choice struct {
		out      inst
		k, extra int
		dup      bool
	}
	chosen := make([]choice, n)
	cost := make([]int32, n+1)
	for i := n - 1; i >= 0; i-- {
		if dropped(i) {
			cost[i] = cost[i+1]
			continue
		}
		c := choice{out: p.insts[i]}
		if out, k, extra, dup := match(i); k > 0 {
			next := i + k + 1
			if dup {
				next--
			}
			if cost[next] <= cost[i+1] {
				c = choice{out, k, extra, dup}
			}
		}
		chosen[i] = c
		next := i + c.k + 1
		if c.dup {
			next--
		}
		cost[i] = 1 + cost[next]
	}
	run := 0 // the plain instructions since the last run's end (see runs.go)
	for i := 0; i < n; {
		if dropped(i) {
			i++
			continue
		}
		c := chosen[i]
		out, k := c.out, c.k
		if run += k + 1; run > maxRun && chargeByRuns {
			// A straight line too long for one run: an opCharge ends it,
			// and charges the next (it stands for nothing; jumps to i
			// arrive after it).
			f.insts = append(f.insts, inst{op: opCharge})
			f.src = append(f.src, p.src[i])
			f.offs = append(f.offs, p.offs[i])
			f.last = append(f.last, p.src[i])
			f.orig = append(f.orig, int32(i))
			run = k + 1
		}
		if leavesRun(out.op) {
			run = 0
		}
		f.fastOf[i] = int32(len(f.insts))
		out.w = uint16(c.extra) // see weigh
		f.insts = append(f.insts, out)
		f.src = append(f.src, p.src[i])
		f.offs = append(f.offs, p.offs[i])
		f.last = append(f.last, p.src[i+k])
		f.orig = append(f.orig, int32(i))
		i += k + 1
		if c.dup {
			i--
		}
	}
	f.fastOf[n] = int32(len(f.insts))
	// Retarget jumps; a jump to a plain return becomes a return.
	for k := range f.insts {
		in := &f.insts[k]
		if !isJump(in.op) {
			continue
		}
		// An unconditional br follows chains of plain brs (bounded, in
		// case of a loop of them) and becomes a return when it lands on
		// one; it then stands for the instructions it skips too (w, added
		// to in weigh). A conditional jump does not: whether it stands
		// for them would depend on the condition.
		t := in.a
		hops := 0
		if in.op == opBr {
			for hops < 8 && int(t) < n && op(int(t)) == opBr {
				t = p.insts[t].a
				hops++
			}
			if int(t) < n && op(int(t)) == opReturn {
				in.op = opReturn
				in.a = 0
				in.w = uint16(hops + 1)
				continue
			}
		}
		in.w = uint16(hops)
		in.a = uint32(f.fastOf[t])
	}
	f.brTables = make([][]brTarget, len(p.brTables))
	for k, tab := range p.brTables {
		nt := make([]brTarget, len(tab))
		for j, t := range tab {
			t.pc = uint32(f.fastOf[t.pc])
			nt[j] = t
		}
		f.brTables[k] = nt
	}
	return &f
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// maxTail is the longest run of fast instructions dupTails copies over a
// br.
const maxTail = 6

// endsRun reports whether fast op never goes on to the next instruction.
func endsRun(op opcode) bool {
	switch op {
	case opBr, opBrMove, opBrTable, opReturn, opReturnL, opI32AddReturn, opLocalSetBr, opUnreachable,
		opReturnCall, opReturnCallIndirect, opReturnCallRef, opThrow, opThrowRef:
		return true
	}
	return false
}

// dupTails replaces each br of weighed fast code f whose target runs
// straight on (conditional branches and calls included) into a jump or a
// return within maxTail instructions by a copy of those instructions, so
// the br costs no dispatch of its own: a loop whose body ends in a br back
// to a head that tests and dispatches (a while loop, a bytecode
// interpreter's switch) or a block that ends in a br to one. The first
// copy also stands for the br (its weight and orig, so a frame switched to
// plain code there runs the br); the others map to the instructions they
// copy. Jump targets stay the originals.
func dupTails(f *Code) {
	n := len(f.insts)
	// run returns the length of the run from fast pc t, or 0.
	run := func(t int) int {
		for j := t; j < n && j < t+maxTail; j++ {
			if endsRun(f.insts[j].op) {
				return j - t + 1
			}
		}
		return 0
	}
	runs := make(map[int]int) // br pc -> its target's run length
	grow := 0
	for j, in := range f.insts {
		if in.op != opBr {
			continue
		}
		t := int(in.a)
		if m := run(t); m > 0 && (j < t || j >= t+m) {
			runs[j] = m
			grow += m - 1
		}
	}
	if len(runs) == 0 {
		return
	}
	newPC := make([]int32, n+1) // old fast pc -> new
	insts := make([]inst, 0, n+grow)
	src := make([]int32, 0, n+grow)
	offs := make([]uint32, 0, n+grow)
	last := make([]int32, 0, n+grow)
	orig := make([]int32, 0, n+grow)
	for j := range f.insts {
		newPC[j] = int32(len(insts))
		m, ok := runs[j]
		if !ok {
			insts = append(insts, f.insts[j])
			src, offs, last, orig = append(src, f.src[j]), append(offs, f.offs[j]), append(last, f.last[j]), append(orig, f.orig[j])
			continue
		}
		t := int(f.insts[j].a)
		for c := t; c < t+m; c++ {
			in := f.insts[c]
			o := f.orig[c]
			if c == t {
				in.w = uint16(min(int(in.w)+int(f.insts[j].w), 1<<16-1))
				o = f.orig[j]
			}
			insts = append(insts, in)
			src, offs, last, orig = append(src, f.src[c]), append(offs, f.offs[c]), append(last, f.last[c]), append(orig, o)
		}
	}
	newPC[n] = int32(len(insts))
	for k := range insts {
		if in := &insts[k]; isJump(in.op) {
			in.a = uint32(newPC[in.a])
		}
	}
	for _, tab := range f.brTables {
		for j := range tab {
			tab[j].pc = uint32(newPC[tab[j].pc])
		}
	}
	for i, pc := range f.fastOf {
		if pc >= 0 {
			f.fastOf[i] = newPC[pc]
		}
	}
	f.insts, f.src, f.offs, f.last, f.orig = insts, src, offs, last, orig
}
