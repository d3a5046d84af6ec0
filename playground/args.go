package playground

import (
	"fmt"
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
		v, err := vm.ParseValue(p, fields[i])
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
