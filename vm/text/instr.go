package text

import (
	"fmt"
	"math/bits"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// funcCtx is what instructions of one function (or constant expression)
// may refer to beyond the module: locals and enclosing labels.
type funcCtx struct {
	locals  map[string]uint32
	labels  []string // enclosing block labels, innermost last ("" unnamed)
	funcIdx uint32
	nblocks uint32 // blocks seen, numbering labels for the name section
	depth   int    // nesting of folded instructions and blocks
}

// maxNesting bounds the nesting of folded instructions and blocks, which
// the parser follows by recursion: past it the text is rejected rather
// than exhausting the stack. Under GOOS=js every Go call is a Wasm call on
// V8's native stack, which Node overflows (a segmentation fault, not a
// recoverable error) between 8,000 and 12,000 levels; 4,000 keeps a wide
// margin and is far beyond what people write.
const maxNesting = 4000

// enter counts one level of nesting at token t.
func (mp *modParser) enter(fc *funcCtx, t token) error {
	fc.depth++
	if fc.depth > maxNesting {
		return mp.errAt(t, "instructions nested more than %d deep", maxNesting)
	}
	return nil
}

// indexKind says what an ImmIndex op's immediate refers to.
type indexKind uint8

const (
	ixLabel indexKind = iota + 1
	ixLocal
	ixFunc
	ixGlobal
	ixTable // optional, defaults to 0
	ixMem   // optional, defaults to 0
	ixType
	ixData
	ixElem
	ixTag
)

var indexKinds = map[string]indexKind{
	"br": ixLabel, "br_if": ixLabel, "br_on_null": ixLabel, "br_on_non_null": ixLabel,
	"call": ixFunc, "return_call": ixFunc, "ref.func": ixFunc,
	"local.get": ixLocal, "local.set": ixLocal, "local.tee": ixLocal,
	"global.get": ixGlobal, "global.set": ixGlobal,
	"table.get": ixTable, "table.set": ixTable, "table.grow": ixTable, "table.size": ixTable, "table.fill": ixTable,
	"memory.size": ixMem, "memory.grow": ixMem, "memory.fill": ixMem,
	"data.drop": ixData, "elem.drop": ixElem, "throw": ixTag,
	"call_ref": ixType, "return_call_ref": ixType, "struct.new": ixType, "struct.new_default": ixType,
	"array.new": ixType, "array.new_default": ixType, "array.get": ixType, "array.get_s": ixType,
	"array.get_u": ixType, "array.set": ixType, "array.fill": ixType,
}

var spaceOfIndex = map[indexKind]space{
	ixFunc: spFunc, ixGlobal: spGlobal, ixTable: spTable, ixMem: spMem, ixType: spType,
	ixData: spData, ixElem: spElem, ixTag: spTag,
}

// instrs parses instructions (plain or folded) up to a ')' or a keyword
// that ends a block (end, else, catch clauses in plain try_table bodies).
func (mp *modParser) instrs(fc *funcCtx, out []syntax.Instr) ([]syntax.Instr, error) {
	for {
		t := mp.peek()
		if t.kind == tRParen || t.kind == tEOF {
			return out, nil
		}
		if t.kind == tAtom && (mp.is(t, "end") || mp.is(t, "else")) {
			return out, nil
		}
		var err error
		if out, err = mp.instr(fc, out); err != nil {
			return nil, err
		}
	}
}

// instr parses one plain or folded instruction and appends it (and, when
// folded, its operands first).
func (mp *modParser) instr(fc *funcCtx, out []syntax.Instr) ([]syntax.Instr, error) {
	t := mp.peek()
	if t.kind == tLParen {
		return mp.folded(fc, out)
	}
	if t.kind != tAtom {
		if t.kind == tReserved || t.kind == tID || t.kind == tString {
			return nil, mp.unexpected(t, "an instruction")
		}
		return nil, mp.unexpected(t, "an instruction")
	}
	switch mp.text(t) {
	case "block", "loop", "if", "try_table":
		return mp.plainBlock(fc, out)
	}
	in, err := mp.plain(fc)
	if err != nil {
		return nil, err
	}
	mp.at(t)
	return append(out, in), nil
}

// pushLabel reads a block's optional $label and pushes it.
func (mp *modParser) pushLabel(fc *funcCtx) (string, error) {
	name, _, _, err := mp.optID()
	if err != nil {
		return "", err
	}
	mp.enterLabel(fc, name)
	return name, nil
}

// enterLabel pushes a block's label, numbering it for the name section.
func (mp *modParser) enterLabel(fc *funcCtx, name string) {
	fc.labels = append(fc.labels, name)
	if name != "" && fc.locals != nil { // not in a constant expression
		n := &mp.m.Names
		if n.Labels == nil {
			n.Labels = map[uint32]map[uint32]string{}
		}
		if n.Labels[fc.funcIdx] == nil {
			n.Labels[fc.funcIdx] = map[uint32]string{}
		}
		n.Labels[fc.funcIdx][fc.nblocks] = name
	}
	fc.nblocks++
}

// endLabel checks the optional $label after end or else.
func (mp *modParser) endLabel(label string) error {
	t := mp.peek()
	if t.kind != tID {
		return nil
	}
	name, err := mp.idName(t)
	if err != nil {
		return err
	}
	if name != label {
		return mp.errAt(t, "mismatching label $%s (the block is labelled %q)", name, label)
	}
	mp.i++
	return nil
}

// blockHead reads what follows a block keyword: label, block type and, for
// try_table, the catch clauses.
func (mp *modParser) blockHead(fc *funcCtx, op syntax.Op) (syntax.Instr, string, error) {
	in := syntax.Instr{Op: op}
	label, err := mp.pushLabel(fc)
	if err != nil {
		return in, "", err
	}
	if in.Block, err = mp.blockType(); err != nil {
		return in, "", err
	}
	if op == syntax.OpTryTable {
		// Catch labels are resolved outside the try_table's own label.
		fc.labels = fc.labels[:len(fc.labels)-1]
		for {
			var kind syntax.CatchKind
			switch {
			case mp.peekForm("catch"):
				kind = syntax.Catch
			case mp.peekForm("catch_ref"):
				kind = syntax.CatchRef
			case mp.peekForm("catch_all"):
				kind = syntax.CatchAll
			case mp.peekForm("catch_all_ref"):
				kind = syntax.CatchAllRef
			default:
				fc.labels = append(fc.labels, label)
				return in, label, nil
			}
			mp.i += 2
			c := syntax.CatchClause{Kind: kind}
			if kind == syntax.Catch || kind == syntax.CatchRef {
				if c.Tag, err = mp.index(spTag); err != nil {
					return in, "", err
				}
			}
			if c.Label, err = mp.labelIndex(fc); err != nil {
				return in, "", err
			}
			in.Catches = append(in.Catches, c)
			if err := mp.expectR(); err != nil {
				return in, "", err
			}
		}
	}
	return in, label, nil
}

// blockType reads (type x)? (param ...)* (result ...)*.
func (mp *modParser) blockType() (syntax.BlockType, error) {
	if !mp.peekForm("type") && !mp.peekForm("param") && !mp.peekForm("result") {
		return syntax.BlockType{}, nil
	}
	if !mp.peekForm("type") && !mp.peekForm("param") {
		rs, err := mp.results()
		if err != nil {
			return syntax.BlockType{}, err
		}
		switch len(rs) {
		case 0:
			return syntax.BlockType{}, nil
		case 1:
			return syntax.BlockType{Kind: syntax.BlockValue, Type: rs[0]}, nil
		}
		return syntax.BlockType{Kind: syntax.BlockIndex, Index: mp.funcTypeIndex(syntax.FuncType{Results: rs})}, nil
	}
	tu, err := mp.typeUse(false)
	if err != nil {
		return syntax.BlockType{}, err
	}
	// A type that the short forms can express is written short, as
	// wat2wasm does, so both give the same binary.
	if int(tu.idx) < len(mp.m.Types) && mp.m.Types[tu.idx].Kind == syntax.CompFunc {
		if ft := mp.m.Types[tu.idx].Func; len(ft.Params) == 0 {
			switch len(ft.Results) {
			case 0:
				return syntax.BlockType{}, nil
			case 1:
				return syntax.BlockType{Kind: syntax.BlockValue, Type: ft.Results[0]}, nil
			}
		}
	}
	return syntax.BlockType{Kind: syntax.BlockIndex, Index: tu.idx}, nil
}

var blockOps = map[string]syntax.Op{
	"block": syntax.OpBlock, "loop": syntax.OpLoop, "if": syntax.OpIf, "try_table": syntax.OpTryTable,
}

// plainBlock parses block/loop/if/try_table ... end.
func (mp *modParser) plainBlock(fc *funcCtx, out []syntax.Instr) ([]syntax.Instr, error) {
	if err := mp.enter(fc, mp.peek()); err != nil {
		return nil, err
	}
	defer func() { fc.depth-- }()
	kw := mp.next()
	op := blockOps[mp.text(kw)]
	in, label, err := mp.blockHead(fc, op)
	if err != nil {
		return nil, err
	}
	mp.at(kw)
	out = append(out, in)
	if out, err = mp.instrs(fc, out); err != nil {
		return nil, err
	}
	if op == syntax.OpIf && mp.is(mp.peek(), "else") {
		mp.at(mp.next())
		if err := mp.endLabel(label); err != nil {
			return nil, err
		}
		out = append(out, syntax.Instr{Op: syntax.OpElse})
		if out, err = mp.instrs(fc, out); err != nil {
			return nil, err
		}
	}
	end := mp.peek()
	if err := mp.expectKw("end"); err != nil {
		return nil, err
	}
	if err := mp.endLabel(label); err != nil {
		return nil, err
	}
	fc.labels = fc.labels[:len(fc.labels)-1]
	mp.at(end)
	return append(out, syntax.Instr{Op: syntax.OpEnd}), nil
}

// folded parses ( ... ) around an instruction.
func (mp *modParser) folded(fc *funcCtx, out []syntax.Instr) ([]syntax.Instr, error) {
	if err := mp.enter(fc, mp.peek()); err != nil {
		return nil, err
	}
	defer func() { fc.depth-- }()
	mp.i++
	t := mp.peek()
	if t.kind != tAtom {
		return nil, mp.unexpected(t, "an instruction")
	}
	var err error
	switch kw := mp.text(t); kw {
	case "block", "loop", "try_table":
		mp.i++
		in, _, err := mp.blockHead(fc, blockOps[kw])
		if err != nil {
			return nil, err
		}
		mp.at(t)
		out = append(out, in)
		if out, err = mp.instrs(fc, out); err != nil {
			return nil, err
		}
		fc.labels = fc.labels[:len(fc.labels)-1]
		mp.at(mp.peek()) // the ')' that ends the block
		out = append(out, syntax.Instr{Op: syntax.OpEnd})
	case "if":
		mp.i++
		label, _, _, err := mp.optID()
		if err != nil {
			return nil, err
		}
		bt, err := mp.blockType()
		if err != nil {
			return nil, err
		}
		for mp.peek().kind == tLParen && !mp.peekForm("then") {
			if out, err = mp.folded(fc, out); err != nil {
				return nil, err
			}
		}
		// The label scope starts after the condition.
		mp.enterLabel(fc, label)
		mp.at(t)
		out = append(out, syntax.Instr{Op: syntax.OpIf, Block: bt})
		if !mp.peekForm("then") {
			return nil, mp.unexpected(mp.peek(), "'(then'")
		}
		mp.i += 2
		if out, err = mp.instrs(fc, out); err != nil {
			return nil, err
		}
		if err := mp.expectR(); err != nil {
			return nil, err
		}
		if mp.peekForm("else") {
			mp.at(mp.peekAt(1))
			mp.i += 2
			out = append(out, syntax.Instr{Op: syntax.OpElse})
			if out, err = mp.instrs(fc, out); err != nil {
				return nil, err
			}
			if err := mp.expectR(); err != nil {
				return nil, err
			}
		}
		fc.labels = fc.labels[:len(fc.labels)-1]
		mp.at(mp.peek()) // the ')' that ends the if
		out = append(out, syntax.Instr{Op: syntax.OpEnd})
	default:
		in, err := mp.plain(fc)
		if err != nil {
			return nil, err
		}
		for mp.peek().kind == tLParen {
			if out, err = mp.folded(fc, out); err != nil {
				return nil, err
			}
		}
		mp.at(t)
		out = append(out, in)
	}
	if err = mp.expectR(); err != nil {
		return nil, err
	}
	return out, nil
}

// labelIndex reads a label: a $label of an enclosing block or a depth.
func (mp *modParser) labelIndex(fc *funcCtx) (uint32, error) {
	t := mp.peek()
	if t.kind == tID {
		name, err := mp.idName(t)
		if err != nil {
			return 0, err
		}
		for d := len(fc.labels) - 1; d >= 0; d-- {
			if fc.labels[d] == name {
				mp.i++
				return uint32(len(fc.labels) - 1 - d), nil
			}
		}
		return 0, mp.errAt(t, "unknown label $%s", name)
	}
	if !mp.isNat(t) {
		return 0, mp.unexpected(t, "a label")
	}
	v, err := mp.nat(32)
	return uint32(v), err
}

func (mp *modParser) localIndex(fc *funcCtx) (uint32, error) {
	t := mp.peek()
	if t.kind == tID {
		name, err := mp.idName(t)
		if err != nil {
			return 0, err
		}
		x, ok := fc.locals[name]
		if !ok {
			return 0, mp.errAt(t, "unknown local $%s", name)
		}
		mp.i++
		return x, nil
	}
	if !mp.isNat(t) {
		return 0, mp.unexpected(t, "a local")
	}
	v, err := mp.nat(32)
	return uint32(v), err
}

// countIndices returns how many index tokens ($id or number) follow, up to
// max.
func (mp *modParser) countIndices(max int) int {
	n := 0
	for n < max {
		t := mp.peekAt(n)
		if t.kind != tID && !mp.isNat(t) {
			break
		}
		n++
	}
	return n
}

// plain parses a plain (non-block) instruction with its immediates.
func (mp *modParser) plain(fc *funcCtx) (syntax.Instr, error) {
	t := mp.next()
	name := mp.text(t)
	info, ok := syntax.Lookup(name)
	if !ok || info.Op == syntax.OpBlock || info.Op == syntax.OpLoop || info.Op == syntax.OpIf ||
		info.Op == syntax.OpTryTable || info.Op == syntax.OpElse || info.Op == syntax.OpEnd {
		return syntax.Instr{}, mp.unexpected(t, "an instruction")
	}
	in := syntax.Instr{Op: info.Op}
	var err error
	switch info.Imm {
	case syntax.ImmNone:
		if info.Op == syntax.OpSelect && mp.peekForm("result") {
			in.Op = syntax.OpSelectT
			in.Types, err = mp.results()
			if in.Types == nil && err == nil {
				in.Types = []syntax.ValType{}
			}
		}
	case syntax.ImmSelectT:
		in.Types, err = mp.results()
	case syntax.ImmIndex:
		switch k := indexKinds[name]; k {
		case ixLabel:
			in.X, err = mp.labelIndex(fc)
		case ixLocal:
			in.X, err = mp.localIndex(fc)
		case ixTable, ixMem:
			in.X, err = mp.optIndex(spaceOfIndex[k])
		default:
			in.X, err = mp.index(spaceOfIndex[k])
		}
	case syntax.ImmTwoIndex:
		err = mp.twoIndex(name, &in)
	case syntax.ImmBrTable:
		for err == nil && (mp.peek().kind == tID || mp.isNat(mp.peek())) {
			var l uint32
			l, err = mp.labelIndex(fc)
			in.Labels = append(in.Labels, l)
		}
		if err == nil && len(in.Labels) == 0 {
			err = mp.unexpected(mp.peek(), "a label")
		}
	case syntax.ImmMemArg:
		err = mp.memArg(name, &in)
	case syntax.ImmMemLane:
		// A memory index may precede the memarg: with two numbers before
		// any offset=/align=, the first is the memory.
		if n := mp.countIndices(2); n == 2 || mp.peek().kind == tID ||
			(n == 1 && mp.peekAt(1).kind == tAtom && (strings.HasPrefix(mp.text(mp.peekAt(1)), "offset=") || strings.HasPrefix(mp.text(mp.peekAt(1)), "align="))) {
			if in.Y, err = mp.index(spMem); err != nil {
				return in, err
			}
		}
		if err = mp.memArgRest(name, &in); err == nil {
			in.Lane, err = mp.lane()
		}
	case syntax.ImmLane:
		in.Lane, err = mp.lane()
	case syntax.ImmI32:
		in.Const, err = mp.intConst(32)
	case syntax.ImmI64:
		in.Const, err = mp.intConst(64)
	case syntax.ImmF32:
		in.Const, err = mp.floatConst(32)
	case syntax.ImmF64:
		in.Const, err = mp.floatConst(64)
	case syntax.ImmV128:
		in.Const, in.Const2, err = mp.v128Const()
	case syntax.ImmShuffle:
		if n := mp.countAtoms(); n != 16 {
			return in, mp.errAt(t, "invalid lane length: i8x16.shuffle takes 16 lane indices, not %d", n)
		}
		var b [16]byte
		for i := range b {
			t := mp.peek()
			v, perr := parseNat(mp.text(t), 8)
			if perr != nil {
				return in, mp.errAt(t, "malformed lane index: i8 constant out of range: %s", mp.text(t))
			}
			mp.i++
			b[i] = byte(v)
		}
		in.Const, in.Const2 = bytesToHalves(b)
	case syntax.ImmHeapType:
		if info.Op == syntax.OpRefNull {
			var h syntax.HeapType
			h, err = mp.heapType()
			in.X = uint32(int32(h))
		} else {
			var rt syntax.ValType
			rt, err = mp.refType()
			in.X = uint32(int32(rt.Heap))
			if rt.Nullable {
				switch info.Op {
				case syntax.OpRefTest:
					in.Op = syntax.OpRefTestNull
				case syntax.OpRefCast:
					in.Op = syntax.OpRefCastNull
				}
			}
		}
	case syntax.ImmBrOnCast:
		if in.X, err = mp.labelIndex(fc); err != nil {
			return in, err
		}
		var a, b syntax.ValType
		if a, err = mp.refType(); err != nil {
			return in, err
		}
		if b, err = mp.refType(); err != nil {
			return in, err
		}
		in.Types = []syntax.ValType{a, b}
	}
	return in, err
}

// twoIndex reads the immediates of the ImmTwoIndex ops.
func (mp *modParser) twoIndex(name string, in *syntax.Instr) error {
	var err error
	switch name {
	case "call_indirect", "return_call_indirect":
		if in.Y, err = mp.optIndex(spTable); err != nil {
			return err
		}
		tu, err := mp.typeUse(false)
		in.X = tu.idx
		return err
	case "table.copy", "memory.copy":
		s := spTable
		if name == "memory.copy" {
			s = spMem
		}
		if mp.countIndices(2) == 0 {
			return nil
		}
		if in.X, err = mp.index(s); err != nil {
			return err
		}
		in.Y, err = mp.index(s)
		return err
	case "table.init", "memory.init":
		s, seg := spTable, spElem
		if name == "memory.init" {
			s, seg = spMem, spData
		}
		if mp.countIndices(2) == 2 {
			if in.Y, err = mp.index(s); err != nil {
				return err
			}
		}
		in.X, err = mp.index(seg)
		return err
	}
	// GC: a type, then a field, count, segment or second type.
	if in.X, err = mp.index(spType); err != nil {
		return err
	}
	switch name {
	case "struct.get", "struct.get_s", "struct.get_u", "struct.set":
		t := mp.peek()
		if t.kind == tID {
			fname, err := mp.idName(t)
			if err != nil {
				return err
			}
			f, ok := mp.fieldIDs[in.X][fname]
			if !ok {
				return mp.errAt(t, "unknown field $%s", fname)
			}
			mp.i++
			in.Y = f
			return nil
		}
		v, err := mp.nat(32)
		in.Y = uint32(v)
		return err
	case "array.new_fixed":
		v, err := mp.nat(32)
		in.Y = uint32(v)
		return err
	case "array.new_data", "array.init_data":
		in.Y, err = mp.index(spData)
	case "array.new_elem", "array.init_elem":
		in.Y, err = mp.index(spElem)
	case "array.copy":
		in.Y, err = mp.index(spType)
	}
	return err
}

// naturalAlign returns log2 of the access width of a load or store, from
// its name: i64.load32_u reads 4 bytes, v128.load8x8_s 8, f64.store 8.
func naturalAlign(name string) uint32 {
	dot := strings.IndexByte(name, '.')
	op := name[dot+1:]
	if strings.Contains(op, "x") && strings.HasPrefix(name, "v128.load") && !strings.Contains(op, "lane") {
		if strings.Contains(op, "8x8") || strings.Contains(op, "16x4") || strings.Contains(op, "32x2") {
			return 3
		}
	}
	for _, prefix := range []string{"load", "store"} {
		if strings.HasPrefix(op, prefix) {
			rest := op[len(prefix):]
			n := 0
			for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
				n++
			}
			switch rest[:n] {
			case "8":
				return 0
			case "16":
				return 1
			case "32":
				return 2
			case "64":
				return 3
			}
		}
	}
	switch name[:dot] {
	case "i32", "f32":
		return 2
	case "i64", "f64":
		return 3
	}
	return 4
}

// memArg reads $mem? offset=? align=?.
func (mp *modParser) memArg(name string, in *syntax.Instr) error {
	if mp.isIndex() {
		x, err := mp.index(spMem)
		if err != nil {
			return err
		}
		in.Y = x
	}
	return mp.memArgRest(name, in)
}

func (mp *modParser) memArgRest(name string, in *syntax.Instr) error {
	in.X = naturalAlign(name)
	if t := mp.peek(); t.kind == tAtom && strings.HasPrefix(mp.text(t), "offset=") {
		n := 64
		if mp.opt.Wasm2 {
			n = 32
		}
		v, err := parseNat(mp.text(t)[7:], n)
		if err == errNumRange {
			return mp.errAt(t, "i%d constant out of range: %s", n, mp.text(t))
		}
		if err != nil {
			return mp.errAt(t, "unknown operator %s", mp.text(t))
		}
		in.MemOffset = v
		mp.i++
	}
	if t := mp.peek(); t.kind == tAtom && strings.HasPrefix(mp.text(t), "align=") {
		v, err := parseNat(mp.text(t)[6:], 64)
		if err == errNumRange {
			return mp.errAt(t, "alignment out of range in %s", mp.text(t))
		}
		if err != nil {
			return mp.errAt(t, "unknown operator %s", mp.text(t))
		}
		if v == 0 || v&(v-1) != 0 {
			return mp.errAt(t, "alignment must be a power of two, not %d", v)
		}
		in.X = uint32(bits.TrailingZeros64(v))
		mp.i++
	}
	return nil
}

// lane reads a lane index (0..255; the validator checks it against the
// shape).
func (mp *modParser) lane() (uint8, error) {
	t := mp.peek()
	if !mp.isNat(t) {
		return 0, mp.unexpected(t, "a lane index")
	}
	v, err := parseNat(mp.text(t), 8)
	if err == errNumRange {
		return 0, mp.errAt(t, "malformed lane index: i8 constant out of range: %s", mp.text(t))
	}
	if err != nil {
		return 0, mp.unexpected(t, "a lane index")
	}
	mp.i++
	return uint8(v), nil
}

// countAtoms counts the number literals that follow (the lanes of a
// vector), so a wrong count is reported as such.
func (mp *modParser) countAtoms() int {
	n := 0
	for t := mp.peekAt(n); t.kind == tAtom; t = mp.peekAt(n) {
		c := mp.lx.src[t.start]
		if !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == 'i' || c == 'n') {
			break
		}
		if c == 'i' || c == 'n' {
			if _, err := parseFloat(mp.text(t), 64); err == errNumSyntax {
				break
			}
		}
		n++
	}
	return n
}

// intConst reads an iN literal.
func (mp *modParser) intConst(n int) (uint64, error) {
	t := mp.peek()
	if t.kind != tAtom {
		return 0, mp.unexpected(t, "an integer")
	}
	v, err := parseInt(mp.text(t), n)
	if err == errNumRange {
		return 0, mp.errAt(t, "i%d constant out of range: %s", n, mp.text(t))
	}
	if err != nil {
		return 0, mp.unexpected(t, fmt.Sprintf("an i%d constant", n))
	}
	mp.i++
	return v, nil
}

// floatConst reads an fN literal and returns its bits.
func (mp *modParser) floatConst(n int) (uint64, error) {
	t := mp.peek()
	if t.kind != tAtom {
		return 0, mp.unexpected(t, "a float")
	}
	v, err := parseFloat(mp.text(t), n)
	if err == errNumRange {
		return 0, mp.errAt(t, "f%d constant out of range: %s", n, mp.text(t))
	}
	if err != nil {
		return 0, mp.unexpected(t, fmt.Sprintf("an f%d constant", n))
	}
	mp.i++
	return v, nil
}

var shapes = map[string]Shape{"i8x16": I8x16, "i16x8": I16x8, "i32x4": I32x4, "i64x2": I64x2, "f32x4": F32x4, "f64x2": F64x2}

// v128Const reads shape lanes... and returns the low and high halves.
func (mp *modParser) v128Const() (uint64, uint64, error) {
	t := mp.peek()
	sh, ok := shapes[mp.text(t)]
	if t.kind != tAtom || !ok {
		return 0, 0, mp.unexpected(t, "a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)")
	}
	mp.i++
	if n := mp.countAtoms(); n != sh.Lanes() {
		return 0, 0, mp.errAt(t, "wrong number of lane literals: %s takes %d, not %d", sh, sh.Lanes(), n)
	}
	var lanes [16]uint64
	w := sh.LaneBits()
	for i := 0; i < sh.Lanes(); i++ {
		var err error
		if sh == F32x4 || sh == F64x2 {
			lanes[i], err = mp.floatConst(w)
		} else {
			lanes[i], err = mp.intConst(w)
		}
		if err != nil {
			return 0, 0, err
		}
	}
	lo, hi := packLanes(lanes[:sh.Lanes()], w)
	return lo, hi, nil
}

// packLanes puts lanes of width w bits into a little-endian v128.
func packLanes(lanes []uint64, w int) (lo, hi uint64) {
	per := 64 / w
	for i, v := range lanes {
		if w < 64 {
			v &= 1<<w - 1
		}
		sh := uint(i%per) * uint(w)
		if i < per {
			lo |= v << sh
		} else {
			hi |= v << sh
		}
	}
	return lo, hi
}

func bytesToHalves(b [16]byte) (lo, hi uint64) {
	for i := 7; i >= 0; i-- {
		lo = lo<<8 | uint64(b[i])
		hi = hi<<8 | uint64(b[i+8])
	}
	return lo, hi
}
