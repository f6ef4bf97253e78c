package markdown

import "testing"

func TestCodeSpan(t *testing.T) {
	tests := []struct{ in, want string }{
		{"steps[0]", "`steps[0]`"},
		{"a `b` c", "``a `b` c``"},
		{"`edge`", "`` `edge` ``"},
		{"x ``` y", "````x ``` y````"},
		{"email a`b", "``email a`b``"},
		{"`x``", "``` `x`` ```"},
		{"two `` ticks", "```two `` ticks```"},
		{"contact.x > 1", "`contact.x > 1`"},
	}
	for _, tt := range tests {
		if got := CodeSpan(tt.in); got != tt.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCodeBlock(t *testing.T) {
	tests := []struct{ lang, body, want string }{
		{"diff", "+ a\n", "```diff\n+ a\n```\n"},
		{"", "no newline", "```\nno newline\n```\n"},
		{"markdown", "```hcl\nx\n```\n", "````markdown\n```hcl\nx\n```\n````\n"},
	}
	for _, tt := range tests {
		if got := CodeBlock(tt.lang, tt.body); got != tt.want {
			t.Errorf("CodeBlock(%q, %q) = %q, want %q", tt.lang, tt.body, got, tt.want)
		}
	}
}
