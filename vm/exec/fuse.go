package exec

import "github.com/wasmscope/wasmscope/vm/syntax"

// Fused instructions ("superinstructions"): common sequences of plain
// internal instructions done by one dispatch. They exist only in the fast
// variant of a function's code; observers, breakpoints and single steps
// run the plain variant, where each internal instruction is one Wasm
// instruction (see Execution.precise).
const (
	opI32AddLC   syntax.Op = 0xD3 + iota // push local[a] + uint32(b)
	opI32SubLC                           // push local[a] - uint32(b)
	opI32AddC                            // top += uint32(b)
	opLocalGetLL                         // push local[a], local[b]
	opI32LoadL                           // push i32.load offset b from address local[a]
	opLocalCopy                          // local[b] = local[a]
	opLocalSetC                          // local[a] = b
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
	opBrIfNz64    // jump to a when the popped i64 is not zero
	opBrIfZ64     // jump to a when the popped i64 is zero
	opI64AddLC    // push local[a] + b
	opI64AddC     // top += b
	opI64LoadL    // push i64.load offset b from address local[a]
	opLocalSetGet // local[a] = pop; push local[b]
	opI32AddLL    // push uint32(local[a] + local[b])
	opI64AddLL    // push local[a] + local[b]
	opI32LoadU8L  // push i32.load8_u offset b from address local[a]
	opI32ShlLC    // push local[a] << (b & 31)
	opI32ShlC     // top <<= b & 31
	opI32AddLoad  // pop y, x; push i32.load offset b from address x + y
	opI64StoreC   // pop address; i64.store b at offset a
	opI32AddSetL  // pop y, x; local[a] = x + y
	opI32AddTeeL  // pop y, x; push local[a] = x + y
	// i32 operations with a constant right operand b.
	opI32AndC
	opI32OrC
	opI32XorC
	opI32MulC
	opI32ShrUC
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
	opBrIfLtUC
	opBrIfGtSC
	opBrIfGtUC
	opBrIfLeSC
	opBrIfLeUC
	opBrIfGeSC
	opBrIfGeUC
	opBrUnlessEqC
	opBrUnlessNeC
	opBrUnlessLtSC
	opBrUnlessLtUC
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
	opF64MulL
	opF32AddL
	opF32MulL
	opLocalSetBr  // local[b] = pop; jump to a (the back edge of a loop)
	opI32AddCTee  // top = uint32(top + b); local[a] = top
	opI32AddCLoad // top = i32.load offset b from address uint32(top + a)
	opI32AddLCTee // push local[b>>32] = uint32(local[a] + uint32(b))
	opI32AddLLTee // push local[b>>32] = uint32(local[a] + local[uint32(b)])
)

// constOp32 maps an i32 operation to its form with a constant right
// operand (i32.const c; op).
var constOp32 = map[syntax.Op]syntax.Op{
	syntax.OpI32And:  opI32AndC,
	syntax.OpI32Or:   opI32OrC,
	syntax.OpI32Xor:  opI32XorC,
	syntax.OpI32Mul:  opI32MulC,
	syntax.OpI32ShrU: opI32ShrUC,
	syntax.OpI32ShrS: opI32ShrSC,
	syntax.OpI32Eq:   opI32EqC,
	syntax.OpI32Ne:   opI32NeC,
	syntax.OpI32LtS:  opI32LtSC,
	syntax.OpI32LtU:  opI32LtUC,
	syntax.OpI32GtS:  opI32GtSC,
	syntax.OpI32GtU:  opI32GtUC,
	syntax.OpI32LeS:  opI32LeSC,
	syntax.OpI32LeU:  opI32LeUC,
	syntax.OpI32GeS:  opI32GeSC,
	syntax.OpI32GeU:  opI32GeUC,
}

// localOp maps an operation to its form with a local right operand
// (local.get x; op).
var localOp = map[syntax.Op]syntax.Op{
	syntax.OpI32Add: opI32AddL,
	syntax.OpI32Sub: opI32SubL,
	syntax.OpI32Mul: opI32MulL,
	syntax.OpI32And: opI32AndL,
	syntax.OpI32Xor: opI32XorL,
	syntax.OpF64Add: opF64AddL,
	syntax.OpF64Sub: opF64SubL,
	syntax.OpF64Mul: opF64MulL,
	syntax.OpF32Add: opF32AddL,
	syntax.OpF32Mul: opF32MulL,
}

func isCmp32(op syntax.Op) bool { return op >= syntax.OpI32Eq && op <= syntax.OpI32GeU }

// cmpIndex is the position of an i32 comparison in the fused branch ops.
func cmpIndex(op syntax.Op) (syntax.Op, bool) {
	if op >= syntax.OpI32Eq && op <= syntax.OpI32GeU {
		return op - syntax.OpI32Eq, true
	}
	return 0, false
}

// cmpIndex64 is the position of an i64 comparison in the fused branch ops.
func cmpIndex64(op syntax.Op) (syntax.Op, bool) {
	if op >= syntax.OpI64Eq && op <= syntax.OpI64GeU {
		return op - syntax.OpI64Eq, true
	}
	return 0, false
}

// isJump reports whether op's a is a jump target.
func isJump(op syntax.Op) bool {
	switch op {
	case syntax.OpBr, syntax.OpBrIf, opBrUnless, opBrMove, opBrIfMove, opBrOnNull, opBrOnNonNull, opBrOnCast, opBrOnCastFail:
		return true
	}
	return op >= opBrIfEq && op <= opBrIfZ64 || op >= opBrIfEqC && op <= opBrUnlessGeUC || op == opLocalSetBr
}

// fallsThrough reports whether a plain instruction always goes on to the
// next one when it completes.
func fallsThrough(op syntax.Op) bool {
	switch op {
	case syntax.OpBrTable, syntax.OpReturn, syntax.OpUnreachable, syntax.OpReturnCall,
		syntax.OpReturnCallIndirect, syntax.OpReturnCallRef:
		return false
	}
	return !isJump(op)
}

// isNop reports whether a plain instruction does nothing to slot values:
// i32 values are kept zero-extended and floats as bits, so extending an
// i32 unsigned and reinterpreting are free.
func isNop(op syntax.Op) bool {
	switch op {
	case syntax.OpI64ExtendI32U, syntax.OpI32ReinterpretF32, syntax.OpI64ReinterpretF64,
		syntax.OpF32ReinterpretI32, syntax.OpF64ReinterpretI64:
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
		if isJump(syntax.Op(in.op)) {
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
	op := func(i int) syntax.Op { return syntax.Op(p.insts[i].op) }
	for i := 0; i < n; {
		in := p.insts[i]
		if isNop(syntax.Op(in.op)) && !target[i] && i > 0 && fallsThrough(op(i-1)) {
			// Dropped; the fast instruction before it, which always
			// runs on into it, counts it (see weigh).
			i++
			continue
		}
		out, k := in, 0
		switch syntax.Op(in.op) {
		case syntax.OpLocalGet:
			switch {
			case free(i, 3) && op(i+1) == syntax.OpLocalGet && op(i+2) == syntax.OpI32Add && op(i+3) == syntax.OpLocalTee:
				out, k = inst{op: uint16(opI32AddLLTee), a: in.a, b: uint64(p.insts[i+1].a) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 3) && op(i+1) == syntax.OpI64Const && op(i+2) == syntax.OpI32Add && op(i+3) == syntax.OpLocalTee:
				out, k = inst{op: uint16(opI32AddLCTee), a: in.a, b: uint64(uint32(p.insts[i+1].b)) | uint64(p.insts[i+3].a)<<32}, 3
			case free(i, 2) && op(i+1) == syntax.OpLocalGet && op(i+2) == syntax.OpI32Add:
				out, k = inst{op: uint16(opI32AddLL), a: in.a, b: uint64(p.insts[i+1].a)}, 2
			case free(i, 2) && op(i+1) == syntax.OpLocalGet && op(i+2) == syntax.OpI64Add:
				out, k = inst{op: uint16(opI64AddLL), a: in.a, b: uint64(p.insts[i+1].a)}, 2
			case free(i, 2) && op(i+1) == syntax.OpI64Const && op(i+2) == syntax.OpI64Add:
				out, k = inst{op: uint16(opI64AddLC), a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 1) && (op(i+1) == syntax.OpI64Load || op(i+1) == syntax.OpF64Load):
				out, k = inst{op: uint16(opI64LoadL), a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI32Load8U:
				out, k = inst{op: uint16(opI32LoadU8L), a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 2) && op(i+1) == syntax.OpI64Const && op(i+2) == syntax.OpI32Add:
				out, k = inst{op: uint16(opI32AddLC), a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 2) && op(i+1) == syntax.OpI64Const && op(i+2) == syntax.OpI32Sub:
				out, k = inst{op: uint16(opI32SubLC), a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 2) && op(i+1) == syntax.OpI64Const && op(i+2) == syntax.OpI32Shl:
				out, k = inst{op: uint16(opI32ShlLC), a: in.a, b: p.insts[i+1].b}, 2
			case free(i, 1) && op(i+1) == syntax.OpI32Load:
				out, k = inst{op: uint16(opI32LoadL), a: in.a, b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == syntax.OpLocalSet:
				out, k = inst{op: uint16(opLocalCopy), a: in.a, b: uint64(p.insts[i+1].a)}, 1
			case free(i, 1) && op(i+1) == syntax.OpLocalGet:
				out, k = inst{op: uint16(opLocalGetLL), a: in.a, b: uint64(p.insts[i+1].a)}, 1
			case free(i, 1) && localOp[op(i+1)] != 0:
				out, k = inst{op: uint16(localOp[op(i+1)]), a: in.a}, 1
			}
		case syntax.OpI64Const:
			switch {
			case free(i, 2) && op(i+1) == syntax.OpI32Add && op(i+2) == syntax.OpLocalTee:
				out, k = inst{op: uint16(opI32AddCTee), a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 2) && op(i+1) == syntax.OpI32Add && op(i+2) == syntax.OpI32Load:
				out, k = inst{op: uint16(opI32AddCLoad), a: uint32(in.b), b: p.insts[i+2].b}, 2
			case free(i, 1) && op(i+1) == syntax.OpI32Add:
				out, k = inst{op: uint16(opI32AddC), b: in.b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI32Sub:
				out, k = inst{op: uint16(opI32AddC), b: uint64(uint32(-int32(in.b)))}, 1
			case free(i, 1) && op(i+1) == syntax.OpLocalSet:
				out, k = inst{op: uint16(opLocalSetC), a: p.insts[i+1].a, b: in.b}, 1
			case free(i, 2) && isCmp32(op(i+1)) && op(i+2) == syntax.OpBrIf:
				c, _ := cmpIndex(op(i + 1))
				out, k = inst{op: uint16(opBrIfEqC + c), a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 2) && isCmp32(op(i+1)) && op(i+2) == opBrUnless:
				c, _ := cmpIndex(op(i + 1))
				out, k = inst{op: uint16(opBrUnlessEqC + c), a: p.insts[i+2].a, b: in.b}, 2
			case free(i, 1) && constOp32[op(i+1)] != 0:
				out, k = inst{op: uint16(constOp32[op(i+1)]), b: in.b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI32Shl:
				out, k = inst{op: uint16(opI32ShlC), b: in.b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI64Store && p.insts[i+1].b <= 0xffffffff:
				out, k = inst{op: uint16(opI64StoreC), a: uint32(p.insts[i+1].b), b: in.b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI64Add:
				out, k = inst{op: uint16(opI64AddC), b: in.b}, 1
			case free(i, 1) && op(i+1) == syntax.OpI64Sub:
				out, k = inst{op: uint16(opI64AddC), b: -in.b}, 1
			}
		case syntax.OpI32Add:
			switch {
			case free(i, 1) && op(i+1) == syntax.OpI32Load:
				out, k = inst{op: uint16(opI32AddLoad), b: p.insts[i+1].b}, 1
			case free(i, 1) && op(i+1) == syntax.OpLocalSet:
				out, k = inst{op: uint16(opI32AddSetL), a: p.insts[i+1].a}, 1
			case free(i, 1) && op(i+1) == syntax.OpLocalTee:
				out, k = inst{op: uint16(opI32AddTeeL), a: p.insts[i+1].a}, 1
			}
		case syntax.OpI64Add, syntax.OpI64Sub, syntax.OpI64Mul:
			// The low 32 bits of an i64 sum, difference or product are
			// those of the i32 one.
			if free(i, 1) && op(i+1) == syntax.OpI32WrapI64 {
				out, k = inst{op: in.op - uint16(syntax.OpI64Add-syntax.OpI32Add)}, 1
			}
		case syntax.OpI64Eqz:
			if free(i, 1) && op(i+1) == syntax.OpBrIf {
				out, k = inst{op: uint16(opBrIfZ64), a: p.insts[i+1].a}, 1
			} else if free(i, 1) && op(i+1) == opBrUnless {
				out, k = inst{op: uint16(opBrIfNz64), a: p.insts[i+1].a}, 1
			}
		case syntax.OpI32Eqz:
			if free(i, 1) && op(i+1) == syntax.OpBrIf {
				out, k = inst{op: uint16(opBrUnless), a: p.insts[i+1].a}, 1
			} else if free(i, 1) && op(i+1) == opBrUnless {
				out, k = inst{op: uint16(syntax.OpBrIf), a: p.insts[i+1].a}, 1
			}
		case syntax.OpLocalSet:
			if free(i, 1) && op(i+1) == syntax.OpBr {
				out, k = inst{op: uint16(opLocalSetBr), a: p.insts[i+1].a, b: uint64(in.a)}, 1
			} else if free(i, 1) && op(i+1) == syntax.OpLocalGet && p.insts[i+1].a == in.a {
				out, k = inst{op: uint16(syntax.OpLocalTee), a: in.a}, 1
			} else if free(i, 1) && op(i+1) == syntax.OpLocalGet {
				out, k = inst{op: uint16(opLocalSetGet), a: in.a, b: uint64(p.insts[i+1].a)}, 1
			}
		default:
			if c, ok := cmpIndex(syntax.Op(in.op)); ok && free(i, 1) {
				switch op(i + 1) {
				case syntax.OpBrIf:
					out, k = inst{op: uint16(opBrIfEq + c), a: p.insts[i+1].a}, 1
				case opBrUnless:
					out, k = inst{op: uint16(opBrUnlessEq + c), a: p.insts[i+1].a}, 1
				}
			}
			if c, ok := cmpIndex64(syntax.Op(in.op)); ok && free(i, 1) {
				switch op(i + 1) {
				case syntax.OpBrIf:
					out, k = inst{op: uint16(opBrIfEq64 + c), a: p.insts[i+1].a}, 1
				case opBrUnless:
					out, k = inst{op: uint16(opBrUnlessEq64 + c), a: p.insts[i+1].a}, 1
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
		if !isJump(syntax.Op(in.op)) {
			continue
		}
		// An unconditional br follows chains of plain brs (bounded, in
		// case of a loop of them) and becomes a return when it lands on
		// one; it then stands for the instructions it skips too (w, added
		// to in weigh). A conditional jump does not: whether it stands
		// for them would depend on the condition.
		t := in.a
		hops := 0
		if syntax.Op(in.op) == syntax.OpBr {
			for hops < 8 && int(t) < n && op(int(t)) == syntax.OpBr {
				t = p.insts[t].a
				hops++
			}
			if int(t) < n && op(int(t)) == syntax.OpReturn {
				in.op = uint16(syntax.OpReturn)
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
