package review

import (
	"strings"
	"testing"
)

func TestCodeBlock(t *testing.T) {
	t.Parallel()
	short := "a\nb\n"
	long := strings.Repeat("line\n", foldLines+1)
	tests := []struct {
		name, body, want string
	}{
		{name: "short, shown", body: short, want: "**DSL**\n\n```hcl\na\nb\n```\n"},
		{name: "without a final newline", body: "a", want: "**DSL**\n\n```hcl\na\n```\n"},
		{name: "backticks inside get a longer fence", body: "x = \"````\"\n", want: "**DSL**\n\n`````hcl\nx = \"````\"\n`````\n"},
		{name: "exactly foldLines, shown", body: strings.Repeat("line\n", foldLines), want: "**DSL**\n\n```hcl\n" + strings.Repeat("line\n", foldLines) + "```\n"},
		{name: "long, folded", body: long, want: "<details><summary>DSL (31 lines)</summary>\n\n```hcl\n" + long + "```\n\n</details>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := codeBlock("hcl", "DSL", tt.body); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
