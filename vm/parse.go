package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ParseValue reads a value of type t written as text, as the CLI's --invoke
// arguments and the page's call box give them: integers in decimal or 0x
// hex, signed or unsigned (-1 and 4294967295 are the same i32), with
// optional underscores; floats as Go parses them plus inf, nan and
// nan:0x payloads; a reference only as null.
func ParseValue(t syntax.ValType, s string) (Value, error) {
	switch t.Kind {
	case syntax.KindI32:
		v, err := parseInt(s, 32)
		return Value{Type: t, Lo: v & math.MaxUint32}, err
	case syntax.KindI64:
		v, err := parseInt(s, 64)
		return Value{Type: t, Lo: v}, err
	case syntax.KindF32:
		bits, err := parseFloat(s, 32)
		return Value{Type: t, Lo: bits}, err
	case syntax.KindF64:
		bits, err := parseFloat(s, 64)
		return Value{Type: t, Lo: bits}, err
	case syntax.KindRef:
		if s == "null" || s == "ref.null" {
			return Value{Type: t}, nil
		}
		return Value{}, fmt.Errorf("%q: only null can be passed for a reference", s)
	}
	return Value{}, fmt.Errorf("%s arguments cannot be given as text here", t)
}

// parseInt accepts signed and unsigned forms that fit in size bits:
// -1 and 4294967295 are the same i32.
func parseInt(s string, size int) (uint64, error) {
	clean := strings.ReplaceAll(s, "_", "")
	neg := strings.HasPrefix(clean, "-")
	digits := strings.TrimPrefix(strings.TrimPrefix(clean, "-"), "+")
	base := 10
	if strings.HasPrefix(digits, "0x") || strings.HasPrefix(digits, "0X") {
		base, digits = 16, digits[2:]
	}
	u, err := strconv.ParseUint(digits, base, size)
	if err != nil {
		return 0, fmt.Errorf("%q is not an i%d", s, size)
	}
	if neg {
		if u > 1<<(size-1) {
			return 0, fmt.Errorf("%q is out of range for i%d", s, size)
		}
		u = -u
		if size == 32 {
			u &= math.MaxUint32
		}
	}
	return u, nil
}

func parseFloat(s string, size int) (uint64, error) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if strings.HasPrefix(body, "nan") {
		payload := uint64(1) << 22
		if size == 64 {
			payload = 1 << 51
		}
		if p, ok := strings.CutPrefix(body, "nan:0x"); ok {
			v, err := strconv.ParseUint(p, 16, 64)
			if err != nil || v == 0 || (size == 32 && v >= 1<<23) || v >= 1<<52 {
				return 0, fmt.Errorf("%q is not a NaN payload for f%d", s, size)
			}
			payload = v
		} else if body != "nan" {
			return 0, fmt.Errorf("%q is not an f%d", s, size)
		}
		var sign uint64
		if size == 32 {
			if neg {
				sign = 1 << 31
			}
			return sign | 0x7f800000 | payload, nil
		}
		if neg {
			sign = 1 << 63
		}
		return sign | 0x7ff0000000000000 | payload, nil
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), size)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return 0, fmt.Errorf("%q is not an f%d", s, size)
	}
	if size == 32 {
		return uint64(math.Float32bits(float32(f))), nil
	}
	return math.Float64bits(f), nil
}
