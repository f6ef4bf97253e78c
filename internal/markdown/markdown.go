// Package markdown writes the few pieces of GitHub-flavoured Markdown that the pull-request
// comments of kraiter dsl diff and kraiter review are made of, safe for any text inside them.
package markdown

import "strings"

// CodeSpan writes s as inline code, with a fence longer than any run of backticks inside it.
func CodeSpan(s string) string {
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// CodeBlock writes body as a fenced code block of the language lang, with a fence longer
// than any run of backticks inside it (three at least). It ends with a newline.
func CodeBlock(lang, body string) string {
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	fence := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	return fence + lang + "\n" + body + fence + "\n"
}

func longestRun(s string, c byte) int {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] != c {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}
