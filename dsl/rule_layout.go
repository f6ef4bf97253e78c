package dsl

import (
	"strings"
	"unicode/utf8"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// maxLineWidth is the width, in characters, that decompiled text keeps to where it can: a rule
// that would run past it is broken at its && and ||.
const maxLineWidth = 100

// indentWidth is the indentation of one level, as hclwrite.Format writes it.
const indentWidth = 2

// ruleLayout writes a rule as the value of the attribute name, written at column indent. A
// rule that fits stays on one line. A longer && or || chain is put in parentheses, where HCL
// allows line breaks, with one operand per line ending with its operator; operands that are
// still too long are broken the same way, one level deeper:
//
//	when = (
//	  contact.plan == "pro" &&
//	  !performed("purchased", "7d") &&
//	  (
//	    contact.country == "DE" ||
//	    contact.country == "AT"
//	  )
//	)
//
// Compiling the text gives the rule again, and it is laid out as Format lays it out.
func ruleLayout(r *definition.Rule, indent int, name string) string {
	text := RuleText(r)
	if indent+width(name+" = "+text) <= maxLineWidth || !breakable(r) {
		return text
	}
	var b strings.Builder
	writeBroken(&b, r, indent)
	return b.String()
}

// breakable reports whether a rule has && or || to break at: a chain of them, or its negation.
func breakable(r *definition.Rule) bool {
	return isGroup(r) || r.Kind() == definition.RuleNot && isGroup(r.Not)
}

// writeBroken writes a breakable rule over several lines; indent is the column of the line it
// starts on, where its closing parenthesis goes.
func writeBroken(b *strings.Builder, r *definition.Rule, indent int) {
	if r.Kind() == definition.RuleNot {
		b.WriteString("!")
		r = r.Not
	}
	op := " &&"
	if r.Kind() == definition.RuleAny {
		op = " ||"
	}
	members := r.Members()
	inner := indent + indentWidth
	b.WriteString("(\n")
	for i := range members {
		m := &members[i]
		suffix := op
		if i == len(members)-1 {
			suffix = ""
		}
		b.WriteString(strings.Repeat(" ", inner))
		text := operandText(m)
		if inner+width(text+suffix) > maxLineWidth && breakable(m) {
			writeBroken(b, m, inner)
		} else {
			b.WriteString(text)
		}
		b.WriteString(suffix + "\n")
	}
	b.WriteString(strings.Repeat(" ", indent) + ")")
}

// operandText writes a member of a chain on one line, in parentheses when it is a chain too.
func operandText(r *definition.Rule) string {
	var b strings.Builder
	writeOperand(&b, r, isGroup(r))
	return b.String()
}

// width counts the characters of a line, which is what an editor's columns count for the
// text rules hold.
func width(s string) int { return utf8.RuneCountInString(s) }
