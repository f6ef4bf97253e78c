package definition

import (
	"strconv"

	"github.com/agext/levenshtein"
)

// Suggest returns the candidate closest to s when it is a likely typo (at most two edits
// away, and fewer than the length of s), or "".
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := levenshtein.Distance(s, c, nil); d < bestDist && d < len(s) {
			best, bestDist = c, d
		}
	}
	return best
}

func suggest(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return "; did you mean " + strconv.Quote(c) + "?"
	}
	return ""
}
