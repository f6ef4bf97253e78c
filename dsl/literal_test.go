package dsl

import (
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

func TestRawLiteral(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]string{
		`"plain"`:         "plain",
		`""`:              "",
		`"e\u0301"`:       "e\u0301",
		"\"e\u0301\"":     "e\u0301",
		`"$${x} %%{y}"`:   "${x} %{y}",
		`"$$${x}"`:        "$${x}",
		`"$ % $$ %%"`:     "$ % $$ %%",
		`"a\\b\"c\n\r\t"`: "a\\b\"c\n\r\t",
		`"\U0001F600"`:    "😀",
		`"tmpl_${"x"}"`:   "",
		"<<EOT\nx\nEOT\n": "",
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %s", src, diags.Error())
		}
		got, ok := rawLiteral([]byte(src), expr)
		if want == "" && src != `""` {
			if ok {
				t.Errorf("%s is not a plain quoted literal, but was read as %q", src, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("%s: got %q (%v), want %q", src, got, ok, want)
		}
	}
}

// checkLiterals asserts that every plain quoted literal in src reads, once NFC-normalized,
// as HCL reads it.
func checkLiterals(t *testing.T, src []byte) {
	file, diags := hclsyntax.ParseConfig(src, "", hcl.InitialPos)
	if diags.HasErrors() {
		return
	}
	mismatches := hclsyntax.VisitAll(file.Body.(*hclsyntax.Body), func(n hclsyntax.Node) hcl.Diagnostics {
		tmpl, ok := n.(*hclsyntax.TemplateExpr)
		if !ok {
			return nil
		}
		raw, ok := rawLiteral(src, tmpl)
		if !ok {
			return nil
		}
		text := src[tmpl.SrcRange.Start.Byte:tmpl.SrcRange.End.Byte]
		val, diags := tmpl.Value(nil)
		if diags.HasErrors() || val.Type() != cty.String {
			return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("a literal that HCL cannot evaluate: %q", text)}}
		}
		if cty.NormalizeString(raw) != val.AsString() {
			return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: fmt.Sprintf("literal %q read as %q, HCL reads %q", text, raw, val.AsString())}}
		}
		return nil
	})
	for _, d := range mismatches {
		t.Error(d.Summary)
	}
}
