package definition

import (
	"strconv"
	"strings"
)

// decimal is a JSON number held exactly as sign × digits × 10^exp, where digits has no
// leading or trailing zeros (zero has no digits). Holding the decimal digits, rather than a
// binary float, keeps big integers exact and makes 1, 1.0 and 1e0 one value, and it costs
// nothing for a huge exponent such as 1e999999999.
type decimal struct {
	neg    bool
	digits string
	exp    int64
}

// maxExponent bounds the exponents read, so that exponent arithmetic cannot overflow.
const maxExponent = 1e15

// maxPlainZeros is how many trailing zeros an integer is written with before the canonical
// form switches to an exponent; it bounds how much a short number like 1e300 can grow.
const maxPlainZeros = 21

// parseDecimal reads a JSON number (optionally with "+" in the exponent, as Go's float
// formatting writes it).
func parseDecimal(s string) (decimal, bool) {
	neg := strings.HasPrefix(s, "-")
	rest := strings.TrimPrefix(s, "-")
	intPart, rest := leadingDigits(rest)
	if intPart == "" {
		return decimal{}, false
	}
	var fracPart string
	if strings.HasPrefix(rest, ".") {
		fracPart, rest = leadingDigits(rest[1:])
		if fracPart == "" {
			return decimal{}, false
		}
	}
	var exp int64
	if rest != "" {
		if rest[0] != 'e' && rest[0] != 'E' {
			return decimal{}, false
		}
		e, err := strconv.ParseInt(rest[1:], 10, 64)
		if err != nil || e > maxExponent || e < -maxExponent {
			return decimal{}, false
		}
		exp = e
	}
	digits := strings.TrimLeft(intPart+fracPart, "0")
	exp -= int64(len(fracPart))
	trimmed := strings.TrimRight(digits, "0")
	exp += int64(len(digits) - len(trimmed))
	if trimmed == "" {
		return decimal{}, true
	}
	return decimal{neg: neg, digits: trimmed, exp: exp}, true
}

func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// String writes the canonical form: plain digits for integers with at most maxPlainZeros
// trailing zeros and for fractions down to 0.000001 (as JavaScript prints numbers), and
// d.ddde±x otherwise.
func (d decimal) String() string {
	if d.digits == "" {
		return "0"
	}
	var b strings.Builder
	if d.neg {
		b.WriteByte('-')
	}
	n := int64(len(d.digits))
	point := n + d.exp // digits before the decimal point
	switch {
	case d.exp >= 0 && d.exp <= maxPlainZeros:
		b.WriteString(d.digits)
		b.WriteString(strings.Repeat("0", int(d.exp)))
	case d.exp < 0 && point > 0:
		b.WriteString(d.digits[:point])
		b.WriteByte('.')
		b.WriteString(d.digits[point:])
	case d.exp < 0 && point > -6:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", int(-point)))
		b.WriteString(d.digits)
	default:
		b.WriteString(d.digits[:1])
		if n > 1 {
			b.WriteByte('.')
			b.WriteString(d.digits[1:])
		}
		b.WriteByte('e')
		if point-1 >= 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatInt(point-1, 10))
	}
	return b.String()
}

func (d decimal) sign() int {
	switch {
	case d.digits == "":
		return 0
	case d.neg:
		return -1
	}
	return 1
}

// cmp orders two decimals exactly.
func (d decimal) cmp(o decimal) int {
	if a, b := d.sign(), o.sign(); a != b || a == 0 {
		return compareInts(int64(a), int64(b))
	}
	// Same sign, both non-zero: compare magnitudes by the position of the leading digit,
	// then digit by digit (a digit string that is a prefix of the other is the smaller).
	mag := compareInts(int64(len(d.digits))+d.exp, int64(len(o.digits))+o.exp)
	if mag == 0 {
		mag = strings.Compare(d.digits, o.digits)
	}
	if d.neg {
		return -mag
	}
	return mag
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
