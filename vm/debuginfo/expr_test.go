package debuginfo

import (
	"os"
	"strings"
	"testing"
)

// exprFrame is a frame whose local i holds 100+i, global i 200+i, operand
// i 300+i (three of each), with 64 bytes of memory holding their index.
type exprFrame struct{}

func (exprFrame) Local(i uint32) (uint64, bool)   { return 100 + uint64(i), i < 3 }
func (exprFrame) Global(i uint32) (uint64, bool)  { return 200 + uint64(i), i < 3 }
func (exprFrame) Operand(i uint32) (uint64, bool) { return 300 + uint64(i), i < 3 }
func (exprFrame) ReadMemory(a uint64, dst []byte) bool {
	if a+uint64(len(dst)) > 64 {
		return false
	}
	for i := range dst {
		dst[i] = byte(a) + byte(i)
	}
	return true
}

func TestEval(t *testing.T) {
	mem := func(a uint64) []Piece { return []Piece{{Kind: InMemory, Addr: a}} }
	val := func(v uint64) []Piece { return []Piece{{Kind: InValue, Value: v}} }
	gone := []Piece{{Kind: OptimizedOut}}
	tests := []struct {
		name   string
		expr   []byte
		pieces []Piece
		err    string
	}{
		{"local as value", []byte{0xed, 0, 2, 0x9f}, val(102), ""},
		{"local as register", []byte{0xed, 0, 1}, val(101), ""},
		{"global", []byte{0xed, 1, 1, 0x9f}, val(201), ""},
		{"global, fixed 4-byte index", []byte{0xed, 3, 2, 0, 0, 0, 0x9f}, val(202), ""},
		{"operand stack", []byte{0xed, 2, 0, 0x9f}, val(300), ""},
		{"global plus offset is an address", []byte{0xed, 3, 0, 0, 0, 0, 0x23, 8}, mem(208), ""},
		{"fbreg", []byte{0x91, 0x10}, mem(116), ""},
		{"fbreg negative", []byte{0x91, 0x70}, mem(84), ""},
		{"addr", []byte{0x03, 0x34, 0x12, 0, 0}, mem(0x1234), ""},
		{"addrx", []byte{0xa1, 1}, mem(0x5678), ""},
		{"constu stack_value", []byte{0x10, 0xe5, 0x8e, 0x26, 0x9f}, val(624485), ""},
		{"consts negative", []byte{0x11, 0x7f, 0x9f}, val(^uint64(0)), ""},
		{"literal arithmetic", []byte{0x35, 0x33, 0x1e, 0x31, 0x1c, 0x9f}, val(14), ""},
		{"deref", []byte{0x38, 0x06, 0x9f}, val(0x0b0a0908), ""},
		{"deref_size", []byte{0x38, 0x94, 2, 0x9f}, val(0x0908), ""},
		{"pieces", []byte{0xed, 0, 0, 0x9f, 0x93, 4, 0xed, 0, 1, 0x93, 4},
			[]Piece{{Kind: InValue, Value: 100, Size: 4}, {Kind: InValue, Value: 101, Size: 4}}, ""},
		{"optimized-out piece", []byte{0x93, 4, 0x91, 0, 0x93, 8},
			[]Piece{{Kind: OptimizedOut, Size: 4}, {Kind: InMemory, Addr: 100, Size: 8}}, ""},
		{"empty", nil, gone, ""},
		{"entry value", []byte{0xa3, 3, 0xed, 0, 0, 0x9f}, gone, ""},
		{"implicit value", []byte{0x9e, 2, 7, 9}, []Piece{{Kind: InValue, Bytes: []byte{7, 9}}}, ""},
		{"local not in frame", []byte{0xed, 0, 9, 0x9f}, nil, "local 9 not in this frame"},
		{"unknown wasm location kind", []byte{0xed, 7, 0}, nil, "DW_OP_WASM_location of kind 7"},
		{"cut short", []byte{0xed, 0}, nil, "cut short"},
		{"cut short fixed index", []byte{0xed, 3, 1, 0}, nil, "cut short"},
		{"pop from empty", []byte{0x22}, nil, "stack empty"},
		{"register ops are not wasm", []byte{0x50}, nil, "opcode 0x50 not supported"},
		{"deref out of bounds", []byte{0x10, 0x80, 0x01, 0x06}, nil, "out of bounds"},
		{"division by zero", []byte{0x31, 0x30, 0x1b}, nil, "division by zero"},
	}
	in := &Info{sec: map[string][]byte{".debug_addr": {8, 0, 0, 0, 0x34, 0x12, 0, 0, 0x78, 0x56, 0, 0}}}
	u := &unit{addrSize: 4, version: 5, addrBase: 4}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := &evalContext{in: in, u: u, st: exprFrame{}, frameBase: func() (uint64, error) { return 100, nil }}
			loc, err := c.eval(tc.expr)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(loc.Pieces) != len(tc.pieces) {
				t.Fatalf("pieces %+v, want %+v", loc.Pieces, tc.pieces)
			}
			for i, p := range loc.Pieces {
				w := tc.pieces[i]
				if p.Kind != w.Kind || p.Addr != w.Addr || p.Value != w.Value || p.Size != w.Size || string(p.Bytes) != string(w.Bytes) {
					t.Errorf("piece %d: %+v, want %+v", i, p, w)
				}
			}
		})
	}
}

func TestLocLists(t *testing.T) {
	// DWARF 4: [0x10, 0x20) local 1; base selection 0x100; [0x0, 0x8) global 0.
	v4 := []byte{
		0x10, 0, 0, 0, 0x20, 0, 0, 0, 4, 0, 0xed, 0, 1, 0x9f,
		0xff, 0xff, 0xff, 0xff, 0, 1, 0, 0,
		0, 0, 0, 0, 8, 0, 0, 0, 4, 0, 0xed, 1, 0, 0x9f,
		0, 0, 0, 0, 0, 0, 0, 0,
	}
	// DWARF 5: offset_pair [0x10, 0x20) local 2; base_address 0x200;
	// offset_pair [0, 4) operand 0; start_length 0x300+8 local 0; end.
	v5 := []byte{
		0x04, 0x10, 0x20, 4, 0xed, 0, 2, 0x9f,
		0x06, 0, 2, 0, 0,
		0x04, 0, 4, 4, 0xed, 2, 0, 0x9f,
		0x08, 0, 3, 0, 0, 8, 4, 0xed, 0, 0, 0x9f,
		0x00,
	}
	in := &Info{sec: map[string][]byte{".debug_loc": v4, ".debug_loclists": v5}}
	tests := []struct {
		name    string
		version int
		addr    uint64
		want    string // the expression found, as bytes in hex; "" for none
	}{
		{"v4 first entry", 4, 0x15, "ed00019f"},
		{"v4 after base selection", 4, 0x104, "ed01009f"},
		{"v4 gap", 4, 0x30, ""},
		{"v5 offset pair", 5, 0x10, "ed00029f"},
		{"v5 after base address", 5, 0x203, "ed02009f"},
		{"v5 start_length", 5, 0x307, "ed00009f"},
		{"v5 end is exclusive", 5, 0x308, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u := &unit{version: tc.version, addrSize: 4}
			expr, err := in.locExpr(u, 0, false, tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := hex(expr); got != tc.want {
				t.Errorf("expression %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("cut short", func(t *testing.T) {
		in := &Info{sec: map[string][]byte{".debug_loclists": v5[:6]}}
		if _, err := in.locExpr(&unit{version: 5, addrSize: 4}, 0, false, 0x400); err == nil || !strings.Contains(err.Error(), "cut short") {
			t.Errorf("error %v, want one saying the list is cut short", err)
		}
	})
	t.Run("offset outside", func(t *testing.T) {
		if _, err := in.locExpr(&unit{version: 4, addrSize: 4}, 999, false, 0); err == nil || !strings.Contains(err.Error(), "outside the section") {
			t.Errorf("error %v", err)
		}
	})
}

func hex(b []byte) string {
	const digits = "0123456789abcdef"
	var s []byte
	for _, c := range b {
		s = append(s, digits[c>>4], digits[c&15])
	}
	return string(s)
}

func TestDisassemble(t *testing.T) {
	tests := []struct {
		name string
		expr []byte
		want string
	}{
		{"wasm local", []byte{0xed, 0, 4, 0x9f}, "DW_OP_WASM_location 0x0 0x4, DW_OP_stack_value"},
		{"wasm global fixed", []byte{0xed, 3, 1, 0, 0, 0}, "DW_OP_WASM_location 0x3 0x1"},
		{"fbreg", []byte{0x91, 0xe8, 0x00}, "DW_OP_fbreg +104"},
		{"consts", []byte{0x11, 0x7f, 0x9f}, "DW_OP_consts -1, DW_OP_stack_value"},
		{"pieces", []byte{0x30, 0x9f, 0x93, 4}, "DW_OP_lit0, DW_OP_stack_value, DW_OP_piece 0x4"},
		{"addr", []byte{0x03, 0, 4, 0, 0}, "DW_OP_addr 0x400"},
		{"entry value", []byte{0xa3, 3, 0xed, 0, 1}, "DW_OP_entry_value(DW_OP_WASM_location 0x0 0x1)"},
		{"unknown", []byte{0x30, 0x50, 0x30}, "DW_OP_lit0, <unknown opcode 0x50>"},
		{"cut short", []byte{0x91}, "DW_OP_fbreg <cut short>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Disassemble(tc.expr, 4); got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
}

func TestBreakAt(t *testing.T) {
	tests := []struct {
		name string
		code []byte
		want uint32 // offset from the code's start
	}{
		{"an instruction stays", []byte{0x41, 0x00, 0x0b}, 0},
		{"nop", []byte{0x01, 0x01, 0x41, 0x00}, 2},
		{"empty block", []byte{0x02, 0x40, 0x41, 0x00}, 2},
		{"loop of a value type", []byte{0x03, 0x7f, 0x41, 0x00}, 2},
		{"block of a type index", []byte{0x02, 0x85, 0x01, 0x41, 0x00}, 3},
		{"block of a reference type", []byte{0x02, 0x63, 0x70, 0x41, 0x00}, 3},
		{"nested", []byte{0x02, 0x40, 0x03, 0x40, 0x01, 0x20, 0x00}, 5},
		{"end stays", []byte{0x0b}, 0},
		{"cut short", []byte{0x02}, 0},
		{"block type cut short", []byte{0x02, 0x85}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := &Info{codeStart: 0x10, codeEnd: 0x10 + uint32(len(tc.code)), code: tc.code}
			if got := in.breakAt(0x10); got != 0x10+tc.want {
				t.Errorf("breakAt = %#x, want %#x", got, 0x10+tc.want)
			}
		})
	}
}

// Every statement row of the seed modules is where stepping stops: at the
// instruction a breakpoint on it goes to.
func TestStatementAtEveryRow(t *testing.T) {
	for _, name := range []string{"tiny4.wasm", "tiny5.wasm"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			in, err := Read(b)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range in.Lines() {
				if !r.IsStmt || r.Line == 0 || r.EndSequence {
					continue
				}
				off := in.breakAt(r.Offset)
				if l, ok := in.StatementAt(off); !ok || l.Address < r.Address {
					t.Errorf("row %+v: StatementAt(%#x) = %+v, %v", r, off, l, ok)
				}
				n++
			}
			if n == 0 {
				t.Fatal("no statement rows")
			}
		})
	}
}
