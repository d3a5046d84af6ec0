package debuginfo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/debug"
)

// Break sets the breakpoints a location names, the one syntax of the
// command line's `break` and the page: "@N" (after N instructions), a
// module offset "0x1a2" or "func[3]:0x1a2", FILE:LINE (every place the
// line table puts the line; needs in), or a function by name — after its
// prologue when DWARF knows it (in may be nil), else on entry to the Wasm
// function ($fib, fib, func[3], 3).
func Break(d *debug.Debugger, in *Info, loc string) ([]*debug.Breakpoint, error) {
	loc = strings.TrimSpace(loc)
	switch {
	case loc == "":
		return nil, errors.New("give a function, a module offset (0x1a2), FILE:LINE or @count")
	case strings.HasPrefix(loc, "@"):
		n, err := strconv.ParseUint(loc[1:], 0, 64)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("%q: @ takes an instruction count above 0", loc)
		}
		return []*debug.Breakpoint{d.BreakCount(n)}, nil
	case strings.HasPrefix(loc, "0x") || strings.Contains(loc, "]:"):
		fnPart, offPart, hasFn := strings.Cut(loc, ":")
		if !hasFn {
			offPart = fnPart
		}
		off, err := strconv.ParseUint(offPart, 0, 32)
		if err != nil {
			return nil, fmt.Errorf("%q is not a module offset (decimal or 0x hex)", offPart)
		}
		var b *debug.Breakpoint
		if hasFn {
			fn, ok := debug.FindFunc(d.Module(), fnPart)
			if !ok {
				return nil, fmt.Errorf("no function %q", fnPart)
			}
			b, err = d.BreakAt(fn, uint32(off))
		} else {
			b, err = d.BreakOffset(uint32(off))
		}
		if err != nil {
			return nil, err
		}
		return []*debug.Breakpoint{b}, nil
	case strings.Contains(loc, ":"):
		if in == nil {
			return nil, fmt.Errorf("break %s: the module has no DWARF line table", loc)
		}
		i := strings.LastIndex(loc, ":")
		line, err := strconv.Atoi(loc[i+1:])
		if err != nil {
			return nil, fmt.Errorf("break %s: %q is not a line number", loc, loc[i+1:])
		}
		sites, err := in.LineSites(loc[:i], line)
		if err != nil {
			return nil, err
		}
		var bps []*debug.Breakpoint
		for _, off := range sites.Offsets {
			b, err := d.BreakOffset(off)
			if err != nil {
				return nil, err
			}
			bps = append(bps, b)
		}
		return bps, nil
	}
	var bps []*debug.Breakpoint
	if in != nil {
		for _, f := range in.FuncsNamed(loc) {
			b, err := d.BreakOffset(in.AfterPrologue(f))
			if err != nil {
				return nil, err
			}
			bps = append(bps, b)
		}
	}
	if len(bps) == 0 {
		b, err := d.BreakFunc(loc)
		if err != nil {
			return nil, err
		}
		bps = append(bps, b)
	}
	return bps, nil
}
