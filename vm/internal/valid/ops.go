package valid

import (
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// kindAddr marks, in a fixed signature, the address type of the memory an
// instruction names (i32, or i64 for a 64-bit memory).
const kindAddr syntax.Kind = 0xFF

// opInfo is what the checker needs per op, in arrays indexed like the
// decoder's tables because it is looked up once per instruction.
type opInfo struct {
	known           bool
	imm             syntax.Imm
	fixed           bool // typed by sig alone (besides memory and lane checks)
	params, results []syntax.ValType
	width           uint32 // memory access width in bytes (alignment bound)
	lanes           uint8  // lane count for lane immediates
}

var (
	oneByteInfo [256]opInfo
	prefixInfo  [3][]opInfo
)

func info(op syntax.Op) *opInfo {
	if p := op.Prefix(); p != 0 {
		if p < syntax.PrefixGC || p > syntax.PrefixSIMD {
			return &opInfo{}
		}
		t := prefixInfo[p-syntax.PrefixGC]
		if op.Sub() >= uint32(len(t)) {
			return &opInfo{}
		}
		return &t[op.Sub()]
	}
	if op > 0xFF {
		return &opInfo{}
	}
	return &oneByteInfo[op]
}

func init() {
	for _, o := range syntax.Ops() {
		oi := opInfo{known: true, imm: o.Imm}
		if o.Sig != "" {
			oi.fixed = true
			in, out, _ := strings.Cut(o.Sig, ">")
			oi.params, oi.results = sigTypes(in), sigTypes(out)
		}
		switch o.Imm {
		case syntax.ImmMemArg, syntax.ImmMemLane:
			oi.width = accessWidth(o.Name)
			oi.lanes = uint8(16 / oi.width)
		case syntax.ImmLane:
			oi.lanes = laneCount(o.Name)
		}
		if p := o.Op.Prefix(); p != 0 {
			t := &prefixInfo[p-syntax.PrefixGC]
			for uint32(len(*t)) <= o.Op.Sub() {
				*t = append(*t, opInfo{})
			}
			(*t)[o.Op.Sub()] = oi
			continue
		}
		oneByteInfo[o.Op] = oi
	}
}

func sigTypes(s string) []syntax.ValType {
	if s == "" {
		return nil
	}
	ts := make([]syntax.ValType, len(s))
	for i, c := range s {
		switch c {
		case 'i':
			ts[i] = syntax.I32
		case 'I':
			ts[i] = syntax.I64
		case 'f':
			ts[i] = syntax.F32
		case 'F':
			ts[i] = syntax.F64
		case 'v':
			ts[i] = syntax.V128
		case 'a':
			ts[i] = syntax.ValType{Kind: kindAddr}
		}
	}
	return ts
}

// accessWidth derives a memory instruction's access width from its name:
// "i64.load32_u" reads 4 bytes, "v128.load8x8_s" 8, "v128.store16_lane" 2.
func accessWidth(name string) uint32 {
	typ, op, _ := strings.Cut(name, ".")
	digits := strings.TrimLeft(op, "loadstore")
	n := 0
	for _, c := range digits {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	switch {
	case strings.Contains(op, "x"): // load8x8, load16x4, load32x2
		return 8
	case n > 0:
		return uint32(n / 8)
	}
	switch typ {
	case "i32", "f32":
		return 4
	case "i64", "f64":
		return 8
	}
	return 16
}

func laneCount(name string) uint8 {
	switch {
	case strings.HasPrefix(name, "i8x16"):
		return 16
	case strings.HasPrefix(name, "i16x8"):
		return 8
	case strings.HasPrefix(name, "i32x4"), strings.HasPrefix(name, "f32x4"):
		return 4
	}
	return 2
}
