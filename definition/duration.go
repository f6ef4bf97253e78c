package definition

import (
	"fmt"
	"strconv"
	"time"
)

// MaxDuration bounds every duration so that virtual-clock arithmetic cannot overflow.
const MaxDuration = 10 * 365 * 24 * time.Hour

// durationUnits are the units of durations and offsets, largest first.
var durationUnits = []struct {
	unit byte
	size time.Duration
}{
	{'w', 7 * 24 * time.Hour},
	{'d', 24 * time.Hour},
	{'h', time.Hour},
	{'m', time.Minute},
}

// unitSize is the length of one unit; ok is false for a byte that is no unit.
func unitSize(unit byte) (size time.Duration, ok bool) {
	for _, u := range durationUnits {
		if u.unit == unit {
			return u.size, true
		}
	}
	return 0, false
}

// ParseDuration reads a duration of the definition format: a whole number and one unit,
// m (minutes), h (hours), d (days) or w (weeks), such as "0d", "30m", "12h", "2d", "1w".
func ParseDuration(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a duration; write a whole number and one unit, m, h, d or w, such as \"30m\", \"12h\", \"2d\" or \"1w\"", s)
	if len(s) < 2 {
		return 0, bad
	}
	unit, ok := unitSize(s[len(s)-1])
	if !ok {
		return 0, bad
	}
	digits := s[:len(s)-1]
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0, bad
		}
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || n > uint64(MaxDuration/unit) {
		return 0, fmt.Errorf("%q is too long; durations are at most 10 years (3650d)", s)
	}
	return time.Duration(n) * unit, nil
}

// CanonicalDuration checks a duration and writes its number without leading zeros. Every
// zero duration is "0d", so that "0m" and an omitted email delay mean the same.
func CanonicalDuration(s string) (string, error) {
	d, err := ParseDuration(s)
	if err != nil {
		return "", err
	}
	if d == 0 {
		return DefaultEmailDelay, nil
	}
	unit, _ := unitSize(s[len(s)-1])
	return strconv.FormatInt(int64(d/unit), 10) + s[len(s)-1:], nil
}
