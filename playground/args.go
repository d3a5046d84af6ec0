package playground

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// SplitArgs splits a command line the way a shell does for plain words:
// spaces separate, double or single quotes group, a backslash escapes the
// next character outside single quotes.
func SplitArgs(line string) ([]string, error) {
	var args []string
	var cur strings.Builder
	inWord := false
	var quote rune
	esc := false
	for _, r := range line {
		switch {
		case esc:
			cur.WriteRune(r)
			esc = false
		case r == '\\' && quote != '\'':
			esc, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("arguments: unclosed %c quote", quote)
	}
	if esc {
		return nil, fmt.Errorf("arguments: a backslash ends the line")
	}
	if inWord {
		args = append(args, cur.String())
	}
	return args, nil
}

// ParseEnv reads KEY=value entries, one per line; blank lines are skipped.
func ParseEnv(text string) ([]string, error) {
	var env []string
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("environment line %d: %q is not KEY=value", n+1, line)
		}
		env = append(env, line)
	}
	return env, nil
}

// ParseArgs reads the arguments of a call, separated by spaces or commas,
// as the parameter types say: integers in decimal or 0x hex (negative
// allowed), floats as decimals, inf, nan or nan:0x…, references as null.
// v128 parameters are refused: one word cannot say how its lanes split.
func ParseArgs(params []syntax.ValType, text string) ([]vm.Value, error) {
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	if len(fields) != len(params) {
		return nil, fmt.Errorf("%d arguments given, the function takes %d (%s)", len(fields), len(params), typeList(params))
	}
	out := make([]vm.Value, len(params))
	for i, p := range params {
		v, err := parseValue(p, fields[i])
		if err != nil {
			return nil, fmt.Errorf("argument %d (%s): %w", i+1, p, err)
		}
		out[i] = v
	}
	return out, nil
}

func typeList(ts []syntax.ValType) string {
	if len(ts) == 0 {
		return "no parameters"
	}
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = t.String()
	}
	return strings.Join(s, " ")
}

func parseValue(t syntax.ValType, s string) (vm.Value, error) {
	switch t.Kind {
	case syntax.KindI32:
		v, err := parseInt(s, 32)
		return vm.Value{Type: t, Lo: v & math.MaxUint32}, err
	case syntax.KindI64:
		v, err := parseInt(s, 64)
		return vm.Value{Type: t, Lo: v}, err
	case syntax.KindF32:
		bits, err := parseFloat(s, 32)
		return vm.Value{Type: t, Lo: bits}, err
	case syntax.KindF64:
		bits, err := parseFloat(s, 64)
		return vm.Value{Type: t, Lo: bits}, err
	case syntax.KindRef:
		if s == "null" || s == "ref.null" {
			return vm.Value{Type: t}, nil
		}
		return vm.Value{}, fmt.Errorf("%q: only null can be passed for a reference", s)
	}
	return vm.Value{}, fmt.Errorf("%s arguments cannot be given as text here", t)
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
