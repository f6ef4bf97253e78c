package stepdiff

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// ruleWords says a rule in words for the graph, values in JSON: plan is "pro" and did not
// perform "purchased" within 7d.
func ruleWords(r *definition.Rule) string {
	var b strings.Builder
	writeWords(&b, r)
	return b.String()
}

var opWords = map[string]string{
	definition.OpEq:       "is",
	definition.OpNe:       "is not",
	definition.OpGt:       "is more than",
	definition.OpGte:      "is at least",
	definition.OpLt:       "is less than",
	definition.OpLte:      "is at most",
	definition.OpContains: "contains",
}

// writeWords says a rule in words with the writer of its kind.
func writeWords(b *strings.Builder, r *definition.Rule) {
	switch kind := r.Kind(); kind {
	case definition.RuleAll, definition.RuleAny:
		groupWords(b, r)
	case definition.RuleNot:
		b.WriteString("not (")
		writeWords(b, r.Not)
		b.WriteString(")")
	case definition.RuleEvent:
		eventWords(b, r)
	case definition.RuleAttribute:
		attributeRuleWords(b, r)
	default:
		panic(fmt.Sprintf("stepdiff: unknown rule kind %q", kind))
	}
}

// groupWords joins the members of an all with "and" and those of an any with "or", groups in
// parentheses.
func groupWords(b *strings.Builder, r *definition.Rule) {
	join := " and "
	if r.Kind() == definition.RuleAny {
		join = " or "
	}
	rules := r.Members()
	for i := range rules {
		if i > 0 {
			b.WriteString(join)
		}
		grouped := isGroup(&rules[i])
		if grouped {
			b.WriteString("(")
		}
		writeWords(b, &rules[i])
		if grouped {
			b.WriteString(")")
		}
	}
}

// eventWords says `performed "e" within 7d` or `did not perform "e"`.
func eventWords(b *strings.Builder, r *definition.Rule) {
	if r.Op == definition.OpNotPerformed {
		b.WriteString("did not perform ")
	} else {
		b.WriteString("performed ")
	}
	b.WriteString(jsonText(r.Event))
	if r.Within != "" {
		b.WriteString(" within " + r.Within)
	}
}

// attributeRuleWords says `plan is "pro"` or `company is set`.
func attributeRuleWords(b *strings.Builder, r *definition.Rule) {
	b.WriteString(attributeWords(r.Attribute))
	if r.Op == definition.OpExists {
		b.WriteString(" is set")
		return
	}
	op, ok := opWords[r.Op]
	if !ok {
		op = r.Op
	}
	value := string(r.Value)
	if r.Value == nil {
		value = "null"
	}
	b.WriteString(" " + op + " " + value)
}

func attributeWords(name string) string {
	if dsl.IsIdentifier(name) {
		return name
	}
	return jsonText(name)
}

// isGroup reports whether a rule has more than one member, which the words of an enclosing
// group put in parentheses, as the DSL writes it with && or ||.
func isGroup(r *definition.Rule) bool {
	return len(r.All) > 1 || len(r.Any) > 1
}

// jsonText writes s as a JSON string, as the graph quotes names and values.
func jsonText(s string) string {
	out, _ := json.Marshal(s) // a string always encodes
	return string(out)
}
