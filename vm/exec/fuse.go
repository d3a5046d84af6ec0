package exec

// Fused instructions ("superinstructions"): common sequences of plain
// internal instructions done by one dispatch. They exist only in the fast
// variant of a function's code; observers, breakpoints and single steps
// run the plain variant, where each internal instruction is one Wasm
// instruction (see Execution.precise). The ones run most often are among
// the hot opcodes (ops.go); these are the others.
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
)

// jumps marks the opcodes whose a is a jump target.
var jumps = func() (t [opCount]bool) {
	for _, op := range []opcode{opBr, opBrIf, opBrUnless, opBrMove, opBrIfMove, opBrOnNull, opBrOnNonNull,
		opBrOnCast, opBrOnCastFail, opBrIfNz64, opBrIfZ64, opLocalSetBr} {
		t[op] = true
	}
	for _, tab := range [][10]opcode{brIfCmp, brUnlessCmp, brIfCmp64, brUnlessCmp64, brIfCmpC, brUnlessCmpC} {
		for _, op := range tab {
			t[op] = true
		}
	}
	return t
}()

// isJump reports whether op's a is a jump target.
func isJump(op opcode) bool { return op < opCount && jumps[op] }

// fallsThrough reports whether a plain instruction always goes on to the
// next one when it completes.
func fallsThrough(op opcode) bool {
	switch op {
	case opBrTable, opReturn, opUnreachable, opReturnCall,
		opReturnCallIndirect, opReturnCallRef:
		return false
	}
	return !isJump(op)
}

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

// fuse returns the fast variant of plain code p: the same function with
// common sequences fused. Sequences never swallow a branch target.
func fuse(p *Code) *Code {
	n := len(p.insts)
	target := make([]bool, n+1)
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
	// free reports whether plain instructions i+1 .. i+k exist and none
	// is a branch target.
	free := func(i, k int) bool {
		if i+k >= n {
			return false
		}
		for j := i + 1; j <= i+k; j++ {
			if target[j] {
				return false
			}
		}
		return true
	}
	op := func(i int) opcode { return p.insts[i].op }
	for i := 0; i < n; {
		in := p.insts[i]
		if isNop(in.op) && !target[i] && i > 0 && fallsThrough(op(i-1)) {
			// Dropped; the fast instruction before it, which always
			// runs on into it, counts it (see weigh).
			i++
			continue
		}
		out, k := in, 0
		switch in.op {
		case opLocalGet:
			switch {
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
			case free(i, 1) && op(i+1) == opI32Load:
				out, k = inst{op: opI32AddLoad, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == opLocalSet:
				out, k = inst{op: opI32AddSetL, a: p.insts[i+1].a}, 1
			case free(i, 1) && op(i+1) == opLocalTee:
				out, k = inst{op: opI32AddTeeL, a: p.insts[i+1].a}, 1
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
		f.fastOf[i] = int32(len(f.insts))
		out.w = 0 // see weigh
		f.insts = append(f.insts, out)
		f.src = append(f.src, p.src[i])
		f.offs = append(f.offs, p.offs[i])
		f.last = append(f.last, p.src[i+k])
		f.orig = append(f.orig, int32(i))
		i += k + 1
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
