package debuginfo

import (
	"fmt"
	"strings"
)

// opNames spells the DWARF expression opcodes as llvm-dwarfdump does.
var opNames = map[byte]string{
	0x03: "DW_OP_addr", 0x06: "DW_OP_deref", 0x08: "DW_OP_const1u", 0x09: "DW_OP_const1s",
	0x0a: "DW_OP_const2u", 0x0b: "DW_OP_const2s", 0x0c: "DW_OP_const4u", 0x0d: "DW_OP_const4s",
	0x0e: "DW_OP_const8u", 0x0f: "DW_OP_const8s", 0x10: "DW_OP_constu", 0x11: "DW_OP_consts",
	0x12: "DW_OP_dup", 0x13: "DW_OP_drop", 0x14: "DW_OP_over", 0x15: "DW_OP_pick",
	0x16: "DW_OP_swap", 0x17: "DW_OP_rot", 0x19: "DW_OP_abs", 0x1a: "DW_OP_and",
	0x1b: "DW_OP_div", 0x1c: "DW_OP_minus", 0x1d: "DW_OP_mod", 0x1e: "DW_OP_mul",
	0x1f: "DW_OP_neg", 0x20: "DW_OP_not", 0x21: "DW_OP_or", 0x22: "DW_OP_plus",
	0x23: "DW_OP_plus_uconst", 0x24: "DW_OP_shl", 0x25: "DW_OP_shr", 0x26: "DW_OP_shra",
	0x27: "DW_OP_xor", 0x91: "DW_OP_fbreg", 0x93: "DW_OP_piece", 0x94: "DW_OP_deref_size",
	0x96: "DW_OP_nop", 0x9e: "DW_OP_implicit_value", 0x9f: "DW_OP_stack_value",
	0xa1: "DW_OP_addrx", 0xa2: "DW_OP_constx", 0xa3: "DW_OP_entry_value",
	0xf3: "DW_OP_GNU_entry_value", 0xed: "DW_OP_WASM_location",
}

// Disassemble returns a DWARF expression as llvm-dwarfdump prints it:
// operations separated by ", ", unsigned operands in hex, signed ones
// with their sign ("DW_OP_fbreg +12", "DW_OP_consts -1"). An opcode it
// does not know, or an expression cut short, ends the text with a note.
func Disassemble(expr []byte, addrSize int) string {
	var ops []string
	r := &reader{sec: "expression", b: expr}
	for !r.done() {
		op := r.u8()
		name, known := opNames[op]
		switch {
		case op >= opLit0 && op <= opLit31:
			ops = append(ops, fmt.Sprintf("DW_OP_lit%d", op-opLit0))
			continue
		case !known:
			ops = append(ops, fmt.Sprintf("<unknown opcode %#x>", op))
			return strings.Join(ops, ", ")
		}
		var args []string
		hex := func(v uint64) { args = append(args, fmt.Sprintf("%#x", v)) }
		signed := func(v int64) { args = append(args, fmt.Sprintf("%+d", v)) }
		switch op {
		case opAddr:
			hex(r.addr(addrSize))
		case 0x08, 0x0a, 0x0c, 0x0e: // const1u … const8u
			hex(r.addr(1 << ((op - 0x08) / 2)))
		case 0x09, 0x0b, 0x0d, 0x0f: // const1s … const8s
			size := 1 << ((op - 0x09) / 2)
			shift := 64 - 8*size
			signed(int64(r.addr(size)<<shift) >> shift)
		case opConstu, opPlusUconst, opPiece, opAddrx, opConstx:
			hex(r.uleb())
		case opConsts, opFbreg:
			signed(r.sleb())
		case opPick, opDerefSize:
			hex(uint64(r.u8()))
		case opImplicitValue:
			n := r.uleb()
			hex(n)
			b := r.bytes(int(min(n, uint64(len(expr)))))
			args = append(args, fmt.Sprintf("0x%x", b))
		case opEntryValue, opGNUEntryValue:
			n := r.uleb()
			sub := r.bytes(int(min(n, uint64(len(expr)))))
			name += "(" + Disassemble(sub, addrSize) + ")"
		case opWasmLocation:
			kind := r.u8()
			hex(uint64(kind))
			if kind == 3 {
				hex(uint64(r.u32()))
			} else {
				hex(r.uleb())
			}
		}
		if r.err != nil {
			ops = append(ops, name+" <cut short>")
			break
		}
		ops = append(ops, strings.Join(append([]string{name}, args...), " "))
	}
	return strings.Join(ops, ", ")
}
