package report

import (
	"fmt"
	"slices"
	"time"
)

// Number is what Median averages: durations, counts and byte sizes.
type Number interface {
	~int | ~int64 | ~uint64 | ~float64
}

// Median is the middle value of xs (the mean of the two middle ones for an even count); zero
// for none.
func Median[T Number](xs []T) T {
	if len(xs) == 0 {
		var zero T
		return zero
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Percentile is the nearest-rank p-th percentile (0 < p <= 100) of sorted values; zero for
// none.
func Percentile[T any](sorted []T, p float64) T {
	if len(sorted) == 0 {
		var zero T
		return zero
	}
	rank := int(float64(len(sorted))*p/100 + 0.999999)
	return sorted[min(max(rank, 1), len(sorted))-1]
}

// Seconds formats a duration as seconds with two decimals, such as "4.27 s".
func Seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// Millis formats a duration as milliseconds, with more precision below 10 ms.
func Millis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return fmt.Sprintf("%.2f ms", ms)
	}
	return fmt.Sprintf("%.1f ms", ms)
}

// Ratio formats a/b, such as "1.07x"; "n/a" when b is zero.
func Ratio(a, b float64) string {
	if b == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2fx", a/b)
}

// MiB formats bytes as mebibytes with one decimal.
func MiB(bytes uint64) string { return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20)) }

// Verdict says whether a target is met, as the tables write it: "met" or "NOT met".
func Verdict(met bool) string {
	if met {
		return "met"
	}
	return "NOT met"
}
