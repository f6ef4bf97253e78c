// Package prose writes the small pieces of English that messages and reports are made of:
// lists such as "a, b or c" and counts such as "3 steps". The DSL's diagnostics, the CLI and
// kraiter review all word things the same way through it.
package prose

import (
	"strconv"
	"strings"
)

// Join writes items as a list joined by conj: "a", "a or b", "a, b or c".
func Join(items []string, conj string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// Quoted is Join of the items, each quoted: `"a", "b" or "c"`.
func Quoted(items []string, conj string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = strconv.Quote(s)
	}
	return Join(quoted, conj)
}

// Count writes n and the noun, plural unless n is 1: "1 step", "3 steps".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
