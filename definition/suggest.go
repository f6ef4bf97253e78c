package definition

import (
	"strconv"

	"github.com/agext/levenshtein"
)

// Suggest returns the candidate closest to s when it is a likely typo (at most two edits
// away, and fewer than the length of s), or "". It is the one did-you-mean rule of the
// module: the definition's problems, the DSL's diagnostics and the local server's messages
// all suggest through it.
func Suggest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := levenshtein.Distance(s, c, nil); d < bestDist && d < len(s) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean is the end of a problem's message that suggests a candidate for s, such as
// `; did you mean "email"?`, or "" when Suggest has none.
func DidYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return "; did you mean " + strconv.Quote(c) + "?"
	}
	return ""
}
