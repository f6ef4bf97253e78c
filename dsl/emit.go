package dsl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file writes rules and values as DSL expressions, the inverse of rule.go and value.go:
// compiling the text gives back the same rule.

var opSymbols = map[string]string{
	definition.OpEq: "==", definition.OpNe: "!=",
	definition.OpGt: ">", definition.OpGte: ">=",
	definition.OpLt: "<", definition.OpLte: "<=",
}

// RuleText writes a rule as a when expression.
func RuleText(r *definition.Rule) string {
	var b strings.Builder
	writeRule(&b, r)
	return b.String()
}

// writeRule writes a rule with the writer of its kind.
func writeRule(b *strings.Builder, r *definition.Rule) {
	switch kind := r.Kind(); kind {
	case definition.RuleAll, definition.RuleAny:
		writeGroupRule(b, r)
	case definition.RuleNot:
		writeNotRule(b, r)
	case definition.RuleEvent:
		writeEventRule(b, r)
	case definition.RuleAttribute:
		writeAttributeRule(b, r)
	default:
		panic(fmt.Sprintf("dsl: unknown rule kind %q", kind))
	}
}

// writeGroupRule writes an all or any as a chain of && or ||, or as all(...) or any(...) when
// it has one member and so no operator to write it with.
func writeGroupRule(b *strings.Builder, r *definition.Rule) {
	rules, join, name := r.Members(), " && ", fnAll
	if r.Kind() == definition.RuleAny {
		join, name = " || ", fnAny
	}
	if len(rules) < 2 {
		b.WriteString(name + "(")
		for i := range rules {
			writeRule(b, &rules[i])
		}
		b.WriteString(")")
		return
	}
	for i := range rules {
		if i > 0 {
			b.WriteString(join)
		}
		// A group inside a group keeps its parentheses: without them a && b && c would
		// merge into one all.
		writeOperand(b, &rules[i], isGroup(&rules[i]))
	}
}

// writeNotRule writes !RULE. !performed(...) means not_performed, so "not" of an event check
// keeps its parentheses.
func writeNotRule(b *strings.Builder, r *definition.Rule) {
	b.WriteString("!")
	writeOperand(b, r.Not, !isCallForm(r.Not))
}

// writeEventRule writes performed("event") or performed("event", "7d"), with ! for
// not_performed.
func writeEventRule(b *strings.Builder, r *definition.Rule) {
	if r.Op == definition.OpNotPerformed {
		b.WriteString("!")
	}
	b.WriteString(fnPerformed + "(" + Quote(r.Event))
	if r.Within != "" {
		b.WriteString(", " + Quote(r.Within))
	}
	b.WriteString(")")
}

func writeOperand(b *strings.Builder, r *definition.Rule, parens bool) {
	if parens {
		b.WriteString("(")
	}
	writeRule(b, r)
	if parens {
		b.WriteString(")")
	}
}

// isGroup reports whether a rule is written with && or || (an all or any of two or more).
func isGroup(r *definition.Rule) bool {
	return len(r.All) > 1 || len(r.Any) > 1
}

// isCallForm reports whether a rule is written as a single function call other than performed.
func isCallForm(r *definition.Rule) bool {
	switch kind := r.Kind(); kind {
	case definition.RuleAll, definition.RuleAny:
		return !isGroup(r)
	case definition.RuleAttribute:
		return r.Op == definition.OpExists || r.Op == definition.OpContains
	case definition.RuleNot, definition.RuleEvent:
		return false
	default:
		panic(fmt.Sprintf("dsl: unknown rule kind %q", kind))
	}
}

// writeAttributeRule writes a comparison with contact.ATTR on the left, or exists(...) or
// contains(...).
func writeAttributeRule(b *strings.Builder, r *definition.Rule) {
	ref := attributeRef(r.Attribute)
	switch r.Op {
	case definition.OpExists:
		b.WriteString(fnExists + "(" + ref + ")")
	case definition.OpContains:
		b.WriteString(fnContains + "(" + ref + ", " + valueText(r.Value) + ")")
	default:
		symbol, ok := opSymbols[r.Op]
		if !ok {
			symbol = r.Op // not a valid definition; the text will not compile, which says so
		}
		b.WriteString(ref + " " + symbol + " " + valueText(r.Value))
	}
}

// attributeRef writes contact.NAME, or contact["NAME"] when NAME is not an identifier.
func attributeRef(name string) string {
	if IsIdentifier(name) {
		return rootContact + "." + name
	}
	return rootContact + "[" + Quote(name) + "]"
}

// IsIdentifier reports whether name reads back as itself after a dot. It asks the parser, as
// hclsyntax.ValidIdentifier accepts a few characters (such as U+FEFF) that the scanner refuses.
func IsIdentifier(name string) bool {
	if !hclsyntax.ValidIdentifier(name) {
		return false
	}
	expr, diags := hclsyntax.ParseExpression([]byte("x."+name), "", hcl.InitialPos)
	if diags.HasErrors() {
		return false
	}
	trav, ok := expr.(*hclsyntax.ScopeTraversalExpr)
	if !ok || len(trav.Traversal) != 2 {
		return false
	}
	attr, ok := trav.Traversal[1].(hcl.TraverseAttr)
	return ok && attr.Name == name
}

// valueText writes a JSON value as an HCL expression that compiles back to the same JSON.
func valueText(raw json.RawMessage) string {
	if raw == nil {
		return "null"
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return string(raw) // not valid JSON, so not a valid definition
	}
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

func writeValue(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		fmt.Fprint(b, x)
	case json.Number:
		b.WriteString(numberLiteralText(string(x)))
	case string:
		b.WriteString(Quote(x))
	case []any:
		b.WriteString("[")
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e)
		}
		b.WriteString("]")
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteString("{")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(Quote(k) + " = ")
			writeValue(b, x[k])
		}
		b.WriteString("}")
	}
}

// numberLiteralText writes a JSON number as an HCL number literal, or as number("TEXT") when
// its exponent is beyond what HCL's literals can hold.
func numberLiteralText(n string) string {
	if _, err := cty.ParseNumberVal(strings.TrimPrefix(n, "-")); err != nil {
		return fnNumber + "(" + Quote(n) + ")"
	}
	return n
}

// Quote writes s as an HCL quoted string: escapes for quotes, backslashes and unprintable
// characters, and doubled $ and % where a template sequence would start.
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteString(string(r) + string(r) + "{")
			size = 2
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\ufffd`) // as JSON encoding replaces invalid UTF-8
		case !unicode.IsPrint(r) && r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\U%08x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}
