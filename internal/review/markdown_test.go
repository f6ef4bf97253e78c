package review

import (
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

func TestCodeBlock(t *testing.T) {
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

func TestCells(t *testing.T) {
	if got, want := cellText("a | b <script> & c\nd\r\ne"), `a \| b &lt;script&gt; &amp; c d e`; got != want {
		t.Errorf("cellText = %q, want %q", got, want)
	}
	if got, want := cell(markdown.CodeSpan(`module.m["a|<b>"].kraiter_sequence.x`)), "`module.m[\"a\\|<b>\"].kraiter_sequence.x`"; got != want {
		t.Errorf("cell = %q, want %q", got, want)
	}
}
