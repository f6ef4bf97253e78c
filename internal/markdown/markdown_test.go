package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCodeSpan(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"steps[0]", "`steps[0]`"},
		{"a `b` c", "``a `b` c``"},
		{"`edge`", "`` `edge` ``"},
		{"x ``` y", "````x ``` y````"},
		{"email a`b", "``email a`b``"},
		{"`x``", "``` `x`` ```"},
		{"two `` ticks", "```two `` ticks```"},
		{"contact.x > 1", "`contact.x > 1`"},
		{"Welcome (v2)\n\n<!--", "`Welcome (v2)␊␊<!--`"},
		{"a\r\nb", "`a␍␊b`"},
		{"tab\there", "`tab\there`"},
		{"nul\x00 del\x7f", "`nul␀ del␡`"},
		{"line\u2028sep", "`line␤sep`"},
		{" padded ", "`  padded  `"},
		{"   ", "`   `"},
		{"bad \xff byte", "`bad \uFFFD byte`"},
	}
	for _, tt := range tests {
		if got := CodeSpan(tt.in); got != tt.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"pro team in DE", "pro team in DE"},
		{"# Heading", `\#` + wordJoiner + ` Heading`},
		{"![x](https://evil.example/x.png)", `\!\[x\](https\://evil.example/x.png)`},
		{"see www.evil.example or WWW.x", `see www\.evil.example or WWW\.x`},
		{"@someone", `\@` + wordJoiner + `someone`},
		{"<!-- hidden", `\<\!-- hidden`},
		{"4 steps (2 emails, 1 delay).", "4 steps (2 emails, 1 delay)."},
		{"$x^2$ `code`", `\$x^2\$ \` + "`" + `code\` + "`"},
		{"*bold* _it_ ~s~", `\*bold\* \_it\_ \~s\~`},
		{"KRAITER_API_KEY _x a_ b_", `KRAITER_API_KEY \_x a\_ b\_`},
		{"a | b", "a | b"},
		{"&amp; \\", `\&amp; \\`},
		{"two\nlines", "two␊lines"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTableCell(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"`a|b`", "`a\\|b`"},
		{"a\r\nb\nc\rd", "a b c d"},
	}
	for _, tt := range tests {
		if got := TableCell(tt.in); got != tt.want {
			t.Errorf("TableCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeading(t *testing.T) {
	t.Parallel()
	if got, want := Heading(" Production\n  (eu) #1 "), `Production (eu) \#`+wordJoiner+`1`; got != want {
		t.Errorf("Heading = %q, want %q", got, want)
	}
}

func TestMermaidLabel(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Email tmpl_welcome", "Email tmpl_welcome"},
		{`plan is "pro"`, "plan is #34;pro#34;"},
		{"a<b>&#`", "a#60;b#62;#38;#35;#96;"},
		{"two\nlines\x7f", "two lines "},
	}
	for _, tt := range tests {
		if got := MermaidLabel(tt.in); got != tt.want {
			t.Errorf("MermaidLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCodeBlock(t *testing.T) {
	t.Parallel()
	tests := []struct{ lang, body, want string }{
		{"diff", "+ a\n", "```diff\n+ a\n```\n"},
		{"", "no newline", "```\nno newline\n```\n"},
		{"markdown", "```hcl\nx\n```\n", "````markdown\n```hcl\nx\n```\n````\n"},
		{"text", "a\r\nb\x1b[31m\tc\n", "```text\na␍\nb␛[31m\tc\n```\n"},
	}
	for _, tt := range tests {
		if got := CodeBlock(tt.lang, tt.body); got != tt.want {
			t.Errorf("CodeBlock(%q, %q) = %q, want %q", tt.lang, tt.body, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"kraiter_sequence.onboarding", 11, "krait…rding"},
		{"ééééééééééé", 5, "éé…éé"},
		{"abcdef", 2, ".."},
	}
	for _, tt := range tests {
		got := Shorten(tt.in, tt.limit)
		if got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.limit {
			t.Errorf("Shorten(%q, %d) is %d characters long", tt.in, tt.limit, n)
		}
	}
	long := strings.Repeat("k", 70000)
	if got := Shorten(long, 100); utf8.RuneCountInString(got) != 100 {
		t.Errorf("a 70,000-character string shortened to 100 is %d characters long", utf8.RuneCountInString(got))
	}
}
