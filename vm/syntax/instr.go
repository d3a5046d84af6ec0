package syntax

// Op identifies an instruction. One-byte opcodes are their byte; prefixed
// opcodes are prefix<<16 | sub-opcode (memory.init is 0xFC0008). The
// constants and the table describing each op are generated from ops.txt.
type Op uint32

// Prefix bytes of multi-byte opcodes.
const (
	PrefixGC   = 0xFB
	PrefixMisc = 0xFC
	PrefixSIMD = 0xFD
)

// Prefix returns the op's prefix byte, or 0 for a one-byte opcode.
func (op Op) Prefix() byte { return byte(op >> 16) }

// Sub returns the sub-opcode of a prefixed op (the byte itself otherwise).
func (op Op) Sub() uint32 { return uint32(op & 0xFFFF) }

// BlockType is the type of a block, loop, if or try_table: empty, a single
// result type, or a type index.
type BlockType struct {
	Kind  BlockKind
	Type  ValType // BlockValue
	Index uint32  // BlockIndex
}

// BlockKind says which form a BlockType takes.
type BlockKind uint8

// Block type forms.
const (
	BlockEmpty BlockKind = iota
	BlockValue
	BlockIndex
)

// CatchKind is the kind of a try_table catch clause (the binary codes).
type CatchKind uint8

// try_table catch clause kinds.
const (
	Catch       CatchKind = 0
	CatchRef    CatchKind = 1
	CatchAll    CatchKind = 2
	CatchAllRef CatchKind = 3
)

// CatchClause is one handler of a try_table.
type CatchClause struct {
	Kind  CatchKind
	Tag   uint32 // Catch and CatchRef
	Label uint32
}

// Instr is one instruction with its immediates. Which fields are meaningful
// depends on the op's Imm kind (see OpInfo):
//
//	ImmBlock      Block (block, loop, if); ImmTryTable adds Catches
//	ImmIndex      X: the label, local, global, function, table, type, tag,
//	              element segment, data segment or memory index
//	ImmTwoIndex   X, Y: call_indirect (type, table), table.copy (dst, src),
//	              table.init (elem, table), memory.copy (dst, src),
//	              memory.init (data, mem), struct.get (type, field),
//	              array.new_fixed (type, count), array.new_data (type, data),
//	              array.copy (dst type, src type) ...
//	ImmBrTable    Labels: the targets, the default last
//	ImmMemArg     X: alignment exponent, Y: memory index, MemOffset
//	ImmMemLane    as ImmMemArg, plus Lane
//	ImmLane       Lane
//	ImmI32/I64    Const holds the value (two's complement bits)
//	ImmF32/F64    Const holds the IEEE bits (f32 in the low 32 bits)
//	ImmV128       Const: low 64 bits, Const2: high 64 bits (little endian)
//	ImmShuffle    Const, Const2: the 16 lane indices, byte i of the vector
//	ImmSelectT    Types: the declared result types
//	ImmHeapType   X: a HeapType (as uint32(int32(h))); ref.null, ref.test,
//	              ref.cast (the op says whether null is allowed)
//	ImmBrOnCast   X: label, Types[0] and Types[1]: the two reference types
type Instr struct {
	Op        Op
	Offset    uint32 // module byte offset of the opcode (0 when not known)
	X, Y      uint32
	Lane      uint8
	MemOffset uint64
	Const     uint64
	Const2    uint64
	Block     BlockType
	Labels    []uint32
	Types     []ValType
	Catches   []CatchClause
}

// Imm classifies an op's immediates.
type Imm uint8

// Immediate kinds.
const (
	ImmNone Imm = iota
	ImmBlock
	ImmTryTable
	ImmIndex
	ImmTwoIndex
	ImmBrTable
	ImmMemArg
	ImmMemLane
	ImmLane
	ImmI32
	ImmI64
	ImmF32
	ImmF64
	ImmV128
	ImmShuffle
	ImmSelectT
	ImmHeapType
	ImmBrOnCast
)

// OpInfo describes an op: its text name, its immediates and, for ops whose
// typing is fixed, its signature.
type OpInfo struct {
	Op   Op
	Name string
	Imm  Imm
	// Sig is the fixed operand and result types, "ii>i" for i32.add, with
	// i=i32 I=i64 f=f32 F=f64 v=v128 and a=the address type of the memory
	// named by the memarg (i32, or i64 for a 64-bit memory). It is "" for
	// ops typed by special rules (control, variables, references, calls).
	Sig string
}

// Info returns the description of op, or false for an unknown op.
func Info(op Op) (OpInfo, bool) {
	i, ok := opIndex[op]
	if !ok {
		return OpInfo{}, false
	}
	return opTable[i], true
}

// Lookup returns the op with the given text name. Where two ops share a
// name (select, ref.test, ref.cast) it returns the first; the parser picks
// the other by the immediates it reads.
func Lookup(name string) (OpInfo, bool) {
	i, ok := opByName[name]
	if !ok {
		return OpInfo{}, false
	}
	return opTable[i], true
}

// Name returns the op's text mnemonic.
func (op Op) String() string {
	if i, ok := opIndex[op]; ok {
		return opTable[i].Name
	}
	return "unknown"
}

// Ops returns the description of every known op, in opcode order.
func Ops() []OpInfo { return opTable }

var opIndex, opByName = func() (map[Op]int, map[string]int) {
	ix := make(map[Op]int, len(opTable))
	byName := make(map[string]int, len(opTable))
	for i, o := range opTable {
		ix[o.Op] = i
		if _, seen := byName[o.Name]; !seen { // select, ref.test, ref.cast: the plain form
			byName[o.Name] = i
		}
	}
	return ix, byName
}()

//go:generate go run ./internal/genops
