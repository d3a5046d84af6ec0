package debuginfo

import (
	"fmt"
)

// DWARF 5 location list entry kinds (DW_LLE_*).
const (
	lleEndOfList       = 0x00
	lleBaseAddressx    = 0x01
	lleStartxEndx      = 0x02
	lleStartxLength    = 0x03
	lleOffsetPair      = 0x04
	lleDefaultLocation = 0x05
	lleBaseAddress     = 0x06
	lleStartEnd        = 0x07
	lleStartLength     = 0x08
)

// locExpr returns the expression of the location list at off that covers
// DWARF address a, or nil when none does (the variable is optimized out
// there). index says off is a DW_FORM_loclistx index, not an offset.
func (in *Info) locExpr(u *unit, off uint64, index bool, a uint64) ([]byte, error) {
	if u.version < 5 {
		return in.locExprV4(u, off, a)
	}
	b := in.sec[".debug_loclists"]
	if index {
		// An index into the offsets table at DW_AT_loclists_base, whose
		// entries count from that base.
		r := &reader{sec: ".debug_loclists", b: b, p: int(min(u.loclistsBase+4*off, uint64(len(b))))}
		rel := r.u32()
		if r.err != nil {
			return nil, fmt.Errorf("location list index %d: %w", off, r.err)
		}
		off = u.loclistsBase + uint64(rel)
	}
	if off >= uint64(len(b)) {
		return nil, fmt.Errorf(".debug_loclists offset %#x outside the section (%d bytes)", off, len(b))
	}
	r := &reader{sec: ".debug_loclists", b: b, p: int(off)}
	base := u.base
	var def []byte
	for r.err == nil {
		kind := r.u8()
		var lo, hi uint64
		switch kind {
		case lleEndOfList:
			return def, r.err
		case lleBaseAddressx:
			v, err := in.debugAddr(u, r.uleb())
			if err != nil {
				return nil, err
			}
			base = v
			continue
		case lleBaseAddress:
			base = r.addr(u.addrSizeOr4())
			continue
		case lleStartxEndx, lleStartxLength:
			v, err := in.debugAddr(u, r.uleb())
			if err != nil {
				return nil, err
			}
			lo = v
			if kind == lleStartxEndx {
				if hi, err = in.debugAddr(u, r.uleb()); err != nil {
					return nil, err
				}
			} else {
				hi = lo + r.uleb()
			}
		case lleOffsetPair:
			lo, hi = base+r.uleb(), base+r.uleb()
		case lleDefaultLocation:
		case lleStartEnd:
			lo, hi = r.addr(u.addrSizeOr4()), r.addr(u.addrSizeOr4())
		case lleStartLength:
			lo = r.addr(u.addrSizeOr4())
			hi = lo + r.uleb()
		default:
			return nil, fmt.Errorf(".debug_loclists+%#x: entry kind %#x", r.p-1, kind)
		}
		expr := r.bytes(int(min(r.uleb(), uint64(len(b)))))
		if kind == lleDefaultLocation {
			def = expr
		} else if lo <= a && a < hi {
			return expr, r.err
		}
	}
	return nil, r.err
}

// locExprV4 is locExpr for a DWARF 4 unit's .debug_loc.
func (in *Info) locExprV4(u *unit, off uint64, a uint64) ([]byte, error) {
	b := in.sec[".debug_loc"]
	if off >= uint64(len(b)) {
		return nil, fmt.Errorf(".debug_loc offset %#x outside the section (%d bytes)", off, len(b))
	}
	size := u.addrSizeOr4()
	maxAddr := uint64(1)<<(8*size) - 1
	r := &reader{sec: ".debug_loc", b: b, p: int(off)}
	base := u.base
	for r.err == nil {
		lo, hi := r.addr(size), r.addr(size)
		if lo == 0 && hi == 0 {
			break
		}
		if lo == maxAddr { // a base address selection entry
			base = hi
			continue
		}
		expr := r.bytes(int(r.u16()))
		if base+lo <= a && a < base+hi {
			return expr, r.err
		}
	}
	return nil, r.err
}
