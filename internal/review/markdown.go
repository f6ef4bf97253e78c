package review

import (
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// foldLines is the length, in lines, above which a code block is folded in a <details> block,
// so that a long diff or graph does not push the rest of the comment out of sight.
const foldLines = 30

// codeBlock writes body as a fenced code block of the language lang, with a fence longer than
// any run of backticks inside it, folded under summary when it is long.
func codeBlock(lang, summary, body string) string {
	block := markdown.CodeBlock(lang, body)
	lines := strings.Count(strings.TrimSuffix(body, "\n"), "\n") + 1
	if lines <= foldLines {
		return "**" + summary + "**\n\n" + block
	}
	return "<details><summary>" + summary + " (" + strconv.Itoa(lines) + " lines)</summary>\n\n" + block + "\n</details>\n"
}

// tableRow writes cells as a Markdown table row.
func tableRow(cells ...string) string {
	return "| " + strings.Join(cells, " | ") + " |\n"
}

// tableHeader writes a table's header and its separator.
func tableHeader(cells ...string) string {
	seps := make([]string, len(cells))
	for i := range seps {
		seps[i] = "---"
	}
	return tableRow(cells...) + tableRow(seps...)
}
