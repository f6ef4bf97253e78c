package stepdiff

import (
	"fmt"
	"strconv"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// stepText describes a step on one line, as its type's view says: "email tmpl_welcome after
// 2d", "delay 2d", "condition when contact.plan == \"pro\"".
func stepText(s *definition.Step) string { return viewOf(s.Type).describe(s) }

// plainOrQuoted writes an identifier-like value as it is and anything else (spaces, quotes,
// line breaks) as a quoted string, so that a description stays on one unambiguous line.
func plainOrQuoted(s string) string {
	if s == "" {
		return dsl.Quote(s)
	}
	for _, r := range s {
		plain := r == '_' || r == '-' || r == '.' || r == ':' || r == '/' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		if !plain {
			return dsl.Quote(s)
		}
	}
	return s
}

// whenText writes a condition's rule as DSL text; a condition built without one says so.
func whenText(r *definition.Rule) string {
	if r == nil {
		return "(no rule)"
	}
	return dsl.RuleText(r)
}

// changedFields lists what differs between two steps of the same type, field by field in the
// order of the step table, named by their JSON keys; step lists are compared step by step
// instead.
func changedFields(o, n *definition.Step) []Field {
	var fields []Field
	all := n.Type.Fields()
	for i := range all {
		switch f := &all[i]; f.Kind.Shape() {
		case definition.ShapeText:
			if old, cur := plainOrQuoted(f.Filled(o)), plainOrQuoted(f.Filled(n)); old != cur {
				fields = append(fields, Field{Name: f.Name, Old: old, New: cur})
			}
		case definition.ShapeRule:
			fields = append(fields, ruleFields(f.Name, f.Rule(o), f.Rule(n))...)
		case definition.ShapeSteps:
		default:
			panic(fmt.Sprintf("stepdiff: field %q of step type %q has the unknown kind %v", f.Name, n.Type, f.Kind))
		}
	}
	return fields
}

// ruleFields compares two rules: while their shapes agree (the same groups with as many
// members), each changed comparison is one field named by its path in the rule; otherwise the
// whole rule is one field.
func ruleFields(name string, o, n *definition.Rule) []Field {
	if canonicalRule(o) == canonicalRule(n) {
		return nil
	}
	if o == nil || n == nil || !sameShape(o, n) {
		return []Field{{Name: name, Old: whenText(o), New: whenText(n)}}
	}
	var fields []Field
	compareRules(name, o, n, &fields)
	return fields
}

// isComparison reports whether a rule is one comparison or event check, alone or negated:
// the unit a changed rule is reported in, as "!performed(...)" reads better whole.
func isComparison(r *definition.Rule) bool {
	switch kind := r.Kind(); kind {
	case definition.RuleAttribute, definition.RuleEvent:
		return true
	case definition.RuleNot:
		return isComparison(r.Not)
	case definition.RuleAll, definition.RuleAny:
		return false
	default:
		panic(fmt.Sprintf("stepdiff: unknown rule kind %q", kind))
	}
}

func sameShape(o, n *definition.Rule) bool {
	if isComparison(o) || isComparison(n) {
		return isComparison(o) && isComparison(n)
	}
	if o.Kind() != n.Kind() {
		return false
	}
	if o.Kind() == definition.RuleNot {
		return sameShape(o.Not, n.Not)
	}
	om, nm := o.Members(), n.Members()
	if len(om) != len(nm) {
		return false
	}
	for i := range om {
		if !sameShape(&om[i], &nm[i]) {
			return false
		}
	}
	return true
}

// compareRules adds a field for each changed comparison of two rules of the same shape.
func compareRules(path string, o, n *definition.Rule, fields *[]Field) {
	switch {
	case isComparison(o):
		if canonicalRule(o) != canonicalRule(n) {
			*fields = append(*fields, comparisonField(path, o, n))
		}
	case o.Kind() == definition.RuleNot:
		compareRules(path+".not", o.Not, n.Not, fields)
	default:
		om, nm := o.Members(), n.Members()
		for i := range om {
			compareRules(path+"."+string(o.Kind())+"["+strconv.Itoa(i)+"]", &om[i], &nm[i], fields)
		}
	}
}

// comparisonField is a changed comparison, naming the attribute or event both sides are about.
func comparisonField(path string, o, n *definition.Rule) Field {
	f := Field{Name: path, Old: dsl.RuleText(o), New: dsl.RuleText(n)}
	before, after := subject(o), subject(n)
	switch {
	case before.Kind() != after.Kind():
	case before.Kind() == definition.RuleEvent && before.Event == after.Event:
		f.Event = before.Event
	case before.Kind() == definition.RuleAttribute && before.Attribute == after.Attribute:
		f.Attribute = before.Attribute
	}
	return f
}

// subject is the comparison or event check under any "not".
func subject(r *definition.Rule) *definition.Rule {
	for r.Kind() == definition.RuleNot {
		r = r.Not
	}
	return r
}
