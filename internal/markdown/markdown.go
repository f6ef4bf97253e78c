// Package markdown writes the few pieces of GitHub-flavoured Markdown that the pull-request
// comments of kraiter dsl diff and kraiter review are made of, safe for any text inside them.
//
// Text from outside (a plan, a contacts file, Kraiter's API) reaches a comment only through
// one function per context: CodeSpan for inline code, Text for plain words, TableCell around
// either inside a table, Heading for a heading, MermaidLabel for a node of a graph and
// CodeBlock for a block. Each keeps the text on its line and in its place: no text ends a
// paragraph, opens a block, writes HTML, shows an image or mentions someone.
package markdown

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CodeSpan writes s as inline code, with a fence longer than any run of backticks inside it.
// Control characters are written as their pictures (a line feed as ␊): a line break would
// end the span, and a blank line the paragraph, letting the rest of s out as Markdown.
func CodeSpan(s string) string {
	s = visible(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != "" {
		// A space on each side is stripped from inside a span; one more keeps s's own.
		s = " " + s + " "
	}
	return fence + s + fence
}

// Text writes s as plain words inside a line of Markdown: control characters as their
// pictures, and backslash-escaped every character that could start markup there (emphasis,
// a link or an image, inline code, HTML, an entity, strikethrough, math, the colon of a URL
// and the dot after www), and a word joiner after @ and #, so that GitHub neither mentions
// a user nor links an issue. Punctuation with
// no meaning inside a line, such as parentheses and full stops, stays as it is; pipes are
// left to TableCell.
func Text(s string) string {
	s = visible(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '@', '#':
			b.WriteByte('\\')
			b.WriteByte(c)
			b.WriteString(wordJoiner)
		case '_':
			// Between two letters or digits, as in KRAITER_API_KEY, it cannot emphasize.
			if i == 0 || i == len(s)-1 || !isAlnum(s[i-1]) || !isAlnum(s[i+1]) {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		case '\\', '`', '*', '[', ']', '<', '>', '&', '~', '!', '$', ':':
			// A colon escaped, a scheme is no link: https\://x.
			b.WriteByte('\\')
			b.WriteByte(c)
		case '.':
			// Nor is www\.x.
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordJoiner is U+2060, invisible: after an @ or a #, it keeps GitHub from reading a mention
// or an issue reference.
const wordJoiner = "\u2060"

// TableCell makes inline Markdown (inline code, escaped text) safe in a table cell: on one
// line, with its pipes escaped, which GitHub requires inside inline code too.
func TableCell(markdown string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", " ", "\n", " ", "\r", " ").Replace(markdown)
}

// Heading writes s as the text of a heading: on one line, its runs of white space one space,
// escaped as Text is.
func Heading(s string) string {
	return Text(strings.Join(strings.Fields(s), " "))
}

// MermaidLabel writes s as the text of a node or edge label of a Mermaid graph, inside double
// quotes: quotes, #, <, >, & and backticks as Mermaid's #code; entities, control characters
// as spaces, so that a label stays on its line and holds no markup.
func MermaidLabel(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '#' || r == '"' || r == '<' || r == '>' || r == '&' || r == '`':
			b.WriteString("#" + strconv.Itoa(int(r)) + ";")
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// CodeBlock writes body as a fenced code block of the language lang, with a fence longer
// than any run of backticks inside it (three at least). It ends with a newline. Control
// characters but line feeds and tabs are written as their pictures, as in CodeSpan.
func CodeBlock(lang, body string) string {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = visible(l)
	}
	body = strings.Join(lines, "\n")
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	fence := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	return fence + lang + "\n" + body + fence + "\n"
}

// Shorten bounds s to at most limit characters (runes), cutting its middle out and marking
// the cut with an ellipsis, so that both ends, which tell similar names apart, stay.
func Shorten(s string, limit int) string {
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s
	}
	if limit < 3 {
		return strings.Repeat(".", max(limit, 0))
	}
	keep := limit - 1 // room for the ellipsis
	head, tail := keep-keep/2, keep/2
	runes := []rune(s)
	return string(runes[:head]) + "…" + string(runes[n-tail:])
}

// visible writes the control characters of s (and invalid UTF-8) as visible characters: C0
// controls and DEL as their Unicode pictures, such as ␊ for a line feed; a tab stays.
func visible(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteRune(r)
		case r < ' ':
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune(0x2421)
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			// Line and paragraph separators break lines in some renderers.
			b.WriteRune(0x2424)
		default:
			b.WriteRune(r) // an invalid byte is already U+FFFD here
		}
	}
	return b.String()
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
