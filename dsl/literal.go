package dsl

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// HCL normalizes every string value to Unicode NFC, which would change template ids, event
// names and values that are not in NFC and break Compile(Decompile(d)) == d. Plain quoted
// literals are therefore read again from the source bytes, escapes resolved but the text
// otherwise kept byte for byte.

// rawLiteral returns the text of a plain quoted string literal ("..." without interpolation),
// read from src. ok is false for anything else, heredocs included.
func rawLiteral(src []byte, expr hclsyntax.Expression) (string, bool) {
	tmpl, isTmpl := expr.(*hclsyntax.TemplateExpr)
	if !isTmpl || !tmpl.IsStringLiteral() {
		return "", false
	}
	return rawQuoted(src, tmpl.SrcRange)
}

// rawQuoted decodes the single quoted string found in src within rng (which may include
// surrounding brackets, as the range of contact["name"]'s index step does).
func rawQuoted(src []byte, rng hcl.Range) (string, bool) {
	if rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte > rng.End.Byte {
		return "", false
	}
	toks, diags := hclsyntax.LexExpression(src[rng.Start.Byte:rng.End.Byte], rng.Filename, rng.Start)
	if diags.HasErrors() {
		return "", false
	}
	var b strings.Builder
	inQuotes, seen := false, false
	for _, tok := range toks {
		switch tok.Type {
		case hclsyntax.TokenOQuote:
			if seen {
				return "", false
			}
			inQuotes, seen = true, true
		case hclsyntax.TokenCQuote:
			inQuotes = false
		case hclsyntax.TokenQuotedLit:
			if !inQuotes {
				return "", false
			}
			s, diags := hclsyntax.ParseStringLiteralToken(tok)
			if diags.HasErrors() {
				return "", false
			}
			b.WriteString(s)
		case hclsyntax.TokenOBrack, hclsyntax.TokenCBrack, hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		default:
			return "", false
		}
	}
	return b.String(), seen && !inQuotes
}
