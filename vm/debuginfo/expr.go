package debuginfo

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// State is what location expressions read of a paused Wasm frame. The
// debugger implements it over the engine's frame; tests over a fake one.
// Values are raw bits: an i32 or f32 in the low 32 bits, an i64 or f64 in
// all 64.
type State interface {
	// Local returns the frame's local i (its parameters come first).
	Local(i uint32) (uint64, bool)
	// Global returns the instance's global i.
	Global(i uint32) (uint64, bool)
	// Operand returns the frame's operand stack value i, counted from the
	// bottom of this frame's part of the stack (LLVM's
	// DW_OP_WASM_location 2 numbers them so).
	Operand(i uint32) (uint64, bool)
	// ReadMemory fills dst from linear memory 0 at addr; false when that
	// lies outside the memory.
	ReadMemory(addr uint64, dst []byte) bool
}

// PieceKind says where a piece of a variable lives.
type PieceKind uint8

const (
	// InMemory: at Addr in linear memory.
	InMemory PieceKind = iota
	// InValue: not in memory; the piece's value is Value (a Wasm local,
	// global or operand, or a value the expression computed).
	InValue
	// OptimizedOut: the compiler kept no trace of the piece here.
	OptimizedOut
)

// Piece is one part of a variable's location (DW_OP_piece splits a
// variable into several; most variables have one).
type Piece struct {
	Kind  PieceKind
	Addr  uint64 // InMemory
	Value uint64 // InValue, little-endian bits
	Bytes []byte // InValue from DW_OP_implicit_value or DW_AT_const_value blocks
	Size  int    // bytes; 0: the whole variable
}

// Location is where a variable is at one instruction.
type Location struct{ Pieces []Piece }

// OptimizedOut reports whether no piece of the variable is available.
func (l Location) OptimizedOut() bool {
	for _, p := range l.Pieces {
		if p.Kind != OptimizedOut {
			return false
		}
	}
	return true
}

// DWARF expression opcodes this evaluator knows.
const (
	opAddr          = 0x03
	opDeref         = 0x06
	opConst1u       = 0x08
	opConst8s       = 0x0f
	opConstu        = 0x10
	opConsts        = 0x11
	opDup           = 0x12
	opDrop          = 0x13
	opOver          = 0x14
	opPick          = 0x15
	opSwap          = 0x16
	opRot           = 0x17
	opAbs           = 0x19
	opAnd           = 0x1a
	opDiv           = 0x1b
	opMinus         = 0x1c
	opMod           = 0x1d
	opMul           = 0x1e
	opNeg           = 0x1f
	opNot           = 0x20
	opOr            = 0x21
	opPlus          = 0x22
	opPlusUconst    = 0x23
	opShl           = 0x24
	opShr           = 0x25
	opShra          = 0x26
	opXor           = 0x27
	opLit0          = 0x30
	opLit31         = 0x4f
	opFbreg         = 0x91
	opPiece         = 0x93
	opDerefSize     = 0x94
	opNop           = 0x96
	opImplicitValue = 0x9e
	opStackValue    = 0x9f
	opAddrx         = 0xa1
	opConstx        = 0xa2
	opEntryValue    = 0xa3
	opGNUEntryValue = 0xf3
	opWasmLocation  = 0xed
)

// evalContext is what an expression reads besides the frame state.
type evalContext struct {
	in        *Info
	u         *unit
	st        State
	frameBase func() (uint64, error) // DW_OP_fbreg's base; nil outside a function
}

// errExpr builds an error about the expression at byte p.
func errExpr(p int, format string, a ...any) error {
	return fmt.Errorf("DWARF expression, byte %d: %s", p, fmt.Sprintf(format, a...))
}

// eval evaluates a location expression. An empty expression, or an empty
// one before a DW_OP_piece, is an optimized-out (piece of a) variable.
func (c *evalContext) eval(expr []byte) (Location, error) {
	var loc Location
	var stack []uint64
	register := false // the top came from a DW_OP_WASM_location with nothing after it
	stackValue := false
	var implicit []byte
	pop := func(p int) (uint64, error) {
		if len(stack) == 0 {
			return 0, errExpr(p, "stack empty")
		}
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v, nil
	}
	finish := func(size int) {
		pc := Piece{Size: size}
		switch {
		case implicit != nil:
			pc.Kind, pc.Bytes = InValue, implicit
		case len(stack) == 0:
			pc.Kind = OptimizedOut
		case register || stackValue:
			pc.Kind, pc.Value = InValue, stack[len(stack)-1]
		default:
			pc.Kind, pc.Addr = InMemory, stack[len(stack)-1]
		}
		loc.Pieces = append(loc.Pieces, pc)
		stack, register, stackValue, implicit = stack[:0], false, false, nil
	}
	r := &reader{sec: "expression", b: expr}
	for !r.done() {
		p := r.p
		op := r.u8()
		wasReg := false
		switch {
		case op >= opLit0 && op <= opLit31:
			stack = append(stack, uint64(op-opLit0))
		case op == opAddr:
			stack = append(stack, r.addr(c.addrSize()))
		case op >= opConst1u && op <= opConst8s:
			size := 1 << ((op - opConst1u) / 2)
			v := r.addr(size)
			if (op-opConst1u)%2 == 1 { // the signed forms
				shift := 64 - 8*size
				v = uint64(int64(v<<shift) >> shift)
			}
			stack = append(stack, v)
		case op == opConstu:
			stack = append(stack, r.uleb())
		case op == opConsts:
			stack = append(stack, uint64(r.sleb()))
		case op == opAddrx || op == opConstx:
			v, err := c.in.debugAddr(c.u, r.uleb())
			if err != nil {
				return loc, errExpr(p, "%v", err)
			}
			stack = append(stack, v)
		case op == opDup, op == opOver, op == opPick:
			i := 0
			if op == opOver {
				i = 1
			} else if op == opPick {
				i = int(r.u8())
			}
			if i >= len(stack) {
				return loc, errExpr(p, "pick %d of a %d-value stack", i, len(stack))
			}
			stack = append(stack, stack[len(stack)-1-i])
		case op == opDrop:
			if _, err := pop(p); err != nil {
				return loc, err
			}
		case op == opSwap:
			if len(stack) < 2 {
				return loc, errExpr(p, "swap needs two values")
			}
			n := len(stack)
			stack[n-1], stack[n-2] = stack[n-2], stack[n-1]
		case op == opRot:
			if len(stack) < 3 {
				return loc, errExpr(p, "rot needs three values")
			}
			n := len(stack)
			stack[n-1], stack[n-2], stack[n-3] = stack[n-2], stack[n-3], stack[n-1]
		case op == opAbs, op == opNeg, op == opNot:
			v, err := pop(p)
			if err != nil {
				return loc, err
			}
			switch op {
			case opAbs:
				if int64(v) < 0 {
					v = -v
				}
			case opNeg:
				v = -v
			case opNot:
				v = ^v
			}
			stack = append(stack, v)
		case op >= opAnd && op <= opXor && op != opNeg && op != opNot && op != opPlusUconst:
			b, err := pop(p)
			if err != nil {
				return loc, err
			}
			a, err := pop(p)
			if err != nil {
				return loc, err
			}
			v, err := binop(op, a, b)
			if err != nil {
				return loc, errExpr(p, "%v", err)
			}
			stack = append(stack, v)
		case op == opPlusUconst:
			v, err := pop(p)
			if err != nil {
				return loc, err
			}
			stack = append(stack, v+r.uleb())
		case op == opDeref, op == opDerefSize:
			size := c.addrSize()
			if op == opDerefSize {
				size = int(r.u8())
			}
			a, err := pop(p)
			if err != nil {
				return loc, err
			}
			if size < 1 || size > 8 {
				return loc, errExpr(p, "deref of %d bytes", size)
			}
			var buf [8]byte
			if c.st == nil || !c.st.ReadMemory(a, buf[:size]) {
				return loc, errExpr(p, "memory at %#x out of bounds", a)
			}
			stack = append(stack, binary.LittleEndian.Uint64(buf[:]))
		case op == opFbreg:
			off := r.sleb()
			if c.frameBase == nil {
				return loc, errExpr(p, "DW_OP_fbreg outside a function with a frame base")
			}
			fb, err := c.frameBase()
			if err != nil {
				return loc, fmt.Errorf("frame base: %w", err)
			}
			stack = append(stack, fb+uint64(off))
		case op == opWasmLocation:
			kind := r.u8()
			var idx uint32
			if kind == 3 {
				idx = r.u32() // a fixed 4-byte index, relocatable by the linker
			} else {
				idx = uint32(r.uleb())
			}
			if r.err != nil {
				break
			}
			v, err := c.wasmValue(kind, idx)
			if err != nil {
				return loc, errExpr(p, "%v", err)
			}
			stack = append(stack, v)
			wasReg = true
		case op == opStackValue:
			stackValue = true
			wasReg = register
		case op == opImplicitValue:
			implicit = append([]byte{}, r.bytes(int(min(r.uleb(), uint64(len(expr)))))...)
		case op == opPiece:
			finish(int(r.uleb()))
			continue
		case op == opNop:
			wasReg = register
		case op == opEntryValue, op == opGNUEntryValue:
			// The value a register had on entry: the frame state keeps no
			// history, so the variable is as good as optimized out here.
			return Location{Pieces: []Piece{{Kind: OptimizedOut}}}, nil
		default:
			return loc, errExpr(p, "opcode %#x not supported", op)
		}
		register = wasReg
	}
	if r.err != nil {
		return loc, fmt.Errorf("DWARF expression: %w", r.err)
	}
	if len(loc.Pieces) == 0 || len(stack) > 0 || implicit != nil {
		finish(0)
	}
	return loc, nil
}

func binop(op byte, a, b uint64) (uint64, error) {
	switch op {
	case opAnd:
		return a & b, nil
	case opOr:
		return a | b, nil
	case opXor:
		return a ^ b, nil
	case opPlus:
		return a + b, nil
	case opMinus:
		return a - b, nil
	case opMul:
		return a * b, nil
	case opShl:
		return a << b, nil
	case opShr:
		return a >> b, nil
	case opShra:
		return uint64(int64(a) >> b), nil
	case opDiv, opMod:
		if b == 0 {
			return 0, errors.New("division by zero")
		}
		if op == opDiv {
			return uint64(int64(a) / int64(b)), nil
		}
		return a % b, nil
	}
	return 0, fmt.Errorf("opcode %#x not supported", op)
}

// wasmValue reads DW_OP_WASM_location's target: 0 a local, 1 or 3 a
// global, 2 an operand stack value.
func (c *evalContext) wasmValue(kind byte, idx uint32) (uint64, error) {
	if c.st == nil {
		return 0, errors.New("no frame to read")
	}
	var v uint64
	var ok bool
	var what string
	switch kind {
	case 0:
		what = "local"
		v, ok = c.st.Local(idx)
	case 1, 3:
		what = "global"
		v, ok = c.st.Global(idx)
	case 2:
		what = "operand stack value"
		v, ok = c.st.Operand(idx)
	default:
		return 0, fmt.Errorf("DW_OP_WASM_location of kind %d", kind)
	}
	if !ok {
		return 0, fmt.Errorf("%s %d not in this frame", what, idx)
	}
	return v, nil
}

func (c *evalContext) addrSize() int {
	if c.u == nil {
		return 4
	}
	return c.u.addrSizeOr4()
}

// debugAddr returns entry i of u's .debug_addr table.
func (in *Info) debugAddr(u *unit, i uint64) (uint64, error) {
	b := in.sec[".debug_addr"]
	size, base := uint64(u.addrSizeOr4()), u.addrBase
	if i > uint64(len(b)) || base+i*size+size > uint64(len(b)) {
		return 0, fmt.Errorf(".debug_addr entry %d (base %#x) outside the section", i, base)
	}
	r := &reader{sec: ".debug_addr", b: b, p: int(base + i*size)}
	return r.addr(int(size)), r.err
}
