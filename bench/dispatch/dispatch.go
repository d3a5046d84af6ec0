// Package dispatch measures how the shape of an interpreter's dispatch costs
// natively and under GOOS=js GOARCH=wasm, on a toy stack machine with as
// many opcodes as a Wasm interpreter's main switch. It is the evidence
// behind the dispatch design of vm/exec:
//
//	go test -bench . ./dispatch
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -bench . ./dispatch
//
// # Rationale
//
// Natively Go compiles a dense switch to a jump table. On wasm it cannot
// (cmd/internal/sys: CanJumpTable is false for wasm), so a switch is a
// binary search; and Go's wasm backend turns every jump to a basic block
// into "set PC_B, branch to the function's entry loop", whose br_table then
// selects the block (cmd/internal/obj/wasm, "jump to basic block"). Every
// taken branch is an indirect jump through one table. The variants:
//
//   - runSwitch: one switch over all opcodes, the hot ones spread over the
//     range as a real numbering spreads them;
//   - runTwoLevel: the 16 lowest opcodes (the hot ones) in a small switch
//     tested first, the rest in a second switch;
//   - runIfChain: an if/else chain over the hot opcodes, most frequent
//     first, then a switch;
//   - runTable: one Go function per opcode, called through a table.
//
// gen.go writes the variants (go generate); the benchmark reports
// ns/dispatch.
package dispatch

//go:generate go run gen.go

// inst is one instruction: an opcode, a slot or jump target, a constant.
type inst struct {
	op uint16
	a  uint32
	b  uint64
}

// opcodes maps the program's op names to a numbering.
type opcodes map[string]uint16

// machine is the state the function-table variant passes around.
type machine struct {
	code   []inst
	stack  []uint64
	pc, sp int
	fp     int
	done   bool
	result uint64
}

func runTable(code []inst, stack []uint64) uint64 {
	m := &machine{code: code, stack: stack, sp: 4}
	for !m.done {
		op := m.code[m.pc].op
		m.pc++
		table[op](m)
	}
	return m.result
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// dispatchesPerIter is the number of instructions one loop iteration of
// program executes.
const dispatchesPerIter = 14

// program counts a local down from n, mixing it into an accumulator:
//
//	x, i := 0, n
//	loop: x = (x + i) ^ 12345; i = i - 1; if 0 < i { goto loop }
//	return x
func program(ops opcodes, n uint64) []inst {
	o := func(name string, a uint32, b uint64) inst { return inst{ops[name], a, b} }
	return []inst{
		o("const", 0, n), o("set", 1, 0),
		// loop (pc 2):
		o("get", 0, 0), o("get", 1, 0), o("add", 0, 0), o("const", 0, 12345), o("xor", 0, 0), o("set", 0, 0),
		o("get", 1, 0), o("const", 0, 1), o("sub", 0, 0), o("set", 1, 0),
		o("const", 0, 0), o("get", 1, 0), o("ltu", 0, 0), o("brif", 2, 0),
		o("get", 0, 0), o("halt", 0, 0),
	}
}
