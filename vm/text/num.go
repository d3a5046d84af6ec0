package text

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Number literal errors; the parser attaches the position.
var (
	errNumSyntax = errors.New("malformed number")
	errNumRange  = errors.New("constant out of range")
)

// cleanDigits checks that s is a run of (hex) digits separated by single
// underscores and returns it without them.
func cleanDigits(s string, hex bool) (string, bool) {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return "", false
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if s[i-1] == '_' {
				return "", false
			}
			if b == nil {
				b = []byte(s[:i])
			}
			continue
		}
		ok := c >= '0' && c <= '9'
		if hex {
			_, ok = hexDigit(c)
		}
		if !ok {
			return "", false
		}
		if b != nil {
			b = append(b, c)
		}
	}
	if b == nil {
		return s, true
	}
	return string(b), true
}

// parseNat reads an unsigned literal (decimal or 0x hex) that fits in bits.
func parseNat(s string, bits int) (uint64, error) {
	base, hex := 10, false
	if strings.HasPrefix(s, "0x") {
		s, base, hex = s[2:], 16, true
	}
	d, ok := cleanDigits(s, hex)
	if !ok {
		return 0, errNumSyntax
	}
	v, err := strconv.ParseUint(d, base, bits)
	if err != nil {
		return 0, errNumRange
	}
	return v, nil
}

// parseInt reads an integer literal for an iN: unsigned up to 2^N-1, or
// negative down to -2^(N-1). It returns the two's complement bits.
func parseInt(s string, bits int) (uint64, error) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	v, err := parseNat(s, 64)
	if err == errNumRange {
		return 0, errNumRange
	}
	if err != nil {
		return 0, err
	}
	mask := uint64(math.MaxUint64)
	if bits < 64 {
		mask = 1<<bits - 1
	}
	if neg {
		if v > 1<<(bits-1) {
			return 0, errNumRange
		}
		return -v & mask, nil
	}
	if v > mask {
		return 0, errNumRange
	}
	return v, nil
}

// parseFloat reads a float literal for an f32 (bits 32) or f64 and returns
// its IEEE bits. Literals that round to infinity are out of range.
func parseFloat(s string, bits int) (uint64, error) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	mantBits, expMask := uint(52), uint64(0x7FF)<<52
	if bits == 32 {
		mantBits, expMask = 23, 0xFF<<23
	}
	var signBit uint64
	if neg {
		signBit = 1 << (bits - 1)
	}
	switch {
	case s == "inf":
		return signBit | expMask, nil
	case s == "nan":
		return signBit | expMask | 1<<(mantBits-1), nil
	case strings.HasPrefix(s, "nan:0x"):
		d, ok := cleanDigits(s[6:], true)
		if !ok {
			return 0, errNumSyntax
		}
		p, err := strconv.ParseUint(d, 16, 64)
		if err != nil || p == 0 || p >= 1<<mantBits {
			return 0, errNumRange
		}
		return signBit | expMask | p, nil
	}
	hex := strings.HasPrefix(s, "0x")
	if hex {
		s = s[2:]
	}
	expChar := "eE"
	if hex {
		expChar = "pP"
	}
	mant, exp := s, ""
	if i := strings.IndexAny(s, expChar); i >= 0 {
		mant, exp = s[:i], s[i+1:]
		if exp == "" {
			return 0, errNumSyntax
		}
	}
	intPart, frac, hasDot := strings.Cut(mant, ".")
	ip, ok := cleanDigits(intPart, hex)
	if !ok {
		return 0, errNumSyntax
	}
	var b strings.Builder
	if hex {
		b.WriteString("0x")
	}
	b.WriteString(ip)
	if hasDot && frac != "" {
		fp, ok := cleanDigits(frac, hex)
		if !ok {
			return 0, errNumSyntax
		}
		b.WriteByte('.')
		b.WriteString(fp)
	}
	if exp != "" || hex {
		esign := ""
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			esign, exp = exp[:1], exp[1:]
		}
		e := "0"
		if exp != "" || esign != "" {
			var ok bool
			if e, ok = cleanDigits(exp, false); !ok {
				return 0, errNumSyntax
			}
		}
		if hex {
			b.WriteByte('p')
		} else {
			b.WriteByte('e')
		}
		b.WriteString(esign)
		b.WriteString(e)
	}
	f, err := strconv.ParseFloat(b.String(), bits)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange && math.IsInf(f, 0) {
			return 0, errNumRange
		}
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return 0, errNumSyntax
		}
	}
	if bits == 32 {
		return signBit | uint64(math.Float32bits(float32(f))), nil
	}
	return signBit | math.Float64bits(f), nil
}
