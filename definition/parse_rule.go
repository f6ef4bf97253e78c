package definition

import (
	"fmt"
	"slices"
	"strings"
)

// rule parses a rule: it finds the rule's kind by its keys, then reads the rule with that
// kind's function. depth counts rule levels, the rule of "if" being level 1.
func (p *parser) rule(path string, raw any, depth int) *Rule {
	if depth > MaxDepth {
		p.add(path, "rules are nested %d deep; at most %d levels are allowed", depth, MaxDepth)
		return nil
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		p.add(path, "a rule must be an object (all, any, not, an attribute comparison or an event check), not %s", describe(raw))
		return nil
	}
	kind, ok := p.ruleKind(path, obj)
	if !ok {
		return nil
	}
	p.unknownKeys(path, obj, kind.keys()...)
	switch kind {
	case RuleAll, RuleAny:
		return p.ruleList(path, obj, kind, depth)
	case RuleNot:
		return p.ruleNot(path, obj, depth)
	case RuleAttribute:
		return p.ruleAttribute(path, obj)
	case RuleEvent:
		return p.ruleEvent(path, obj)
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", kind))
	}
}

// ruleKind finds the one kind whose key the rule has.
func (p *parser) ruleKind(path string, obj map[string]any) (RuleKind, bool) {
	var forms []string
	for _, k := range ruleKinds {
		if _, ok := obj[string(k)]; ok {
			forms = append(forms, string(k))
		}
	}
	switch len(forms) {
	case 1:
		return RuleKind(forms[0]), true
	case 0:
		p.add(path, "a rule needs one of the keys %s", ruleKindsText)
	default:
		p.add(path, "a rule has exactly one form, but this one has %s; split it with \"all\" or \"any\"", strings.Join(quoteAll(forms), " and "))
	}
	return "", false
}

// ruleKindsText lists the kinds' keys for messages: `"all", "any", "not", "attribute" or "event"`.
var ruleKindsText = func() string {
	names := make([]string, len(ruleKinds))
	for i, k := range ruleKinds {
		names[i] = string(k)
	}
	quoted := quoteAll(names)
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}()

// ruleList parses an all or an any: a non-empty list of rules.
func (p *parser) ruleList(path string, obj map[string]any, kind RuleKind, depth int) *Rule {
	key := string(kind)
	list, ok := obj[key].([]any)
	if !ok {
		p.add(path+"."+key, "must be a list of rules, not %s", describe(obj[key]))
		return nil
	}
	rules := make([]Rule, 0, len(list))
	for i, item := range list {
		if sub := p.rule(fmt.Sprintf("%s.%s[%d]", path, key, i), item, depth+1); sub != nil {
			rules = append(rules, *sub)
		}
	}
	if len(list) == 0 {
		p.add(path+"."+key, "must hold at least one rule")
	}
	return Group(kind, rules)
}

// ruleNot parses a not: one rule, negated.
func (p *parser) ruleNot(path string, obj map[string]any, depth int) *Rule {
	inner := p.rule(path+".not", obj["not"], depth+1)
	if inner == nil {
		return nil
	}
	return &Rule{Not: inner}
}

// ruleAttribute parses an attribute comparison: an attribute, an operator and, except for
// "exists", a value; orderings compare numbers or strings.
func (p *parser) ruleAttribute(path string, obj map[string]any) *Rule {
	r := &Rule{}
	r.Attribute, _ = p.requiredString(path, obj, "attribute", "an attribute name such as \"plan\"")
	op, ok := p.requiredString(path, obj, "op", "one of "+attributeOpsText)
	known := slices.Contains(AttributeOps, op)
	if ok && !known {
		p.add(path+".op", "unknown attribute operator %q; expected one of %s%s", op, attributeOpsText, DidYouMean(op, AttributeOps))
	}
	r.Op = op
	v, has := obj["value"]
	switch {
	case op == OpExists && has:
		p.add(path+".value", "\"exists\" takes no value; remove it")
	case op != OpExists && known && !has:
		p.add(path+".value", "is required for %q", op)
	case has:
		r.Value = canonicalValue(v)
		if IsOrdering(op) && !isNumberOrString(v) {
			p.add(path+".value", "%q compares numbers or strings, not %s", op, describe(v))
		}
	}
	return r
}

// ruleEvent parses an event check: an event, "performed" or "not_performed", and an optional
// time window.
func (p *parser) ruleEvent(path string, obj map[string]any) *Rule {
	r := &Rule{}
	r.Event, _ = p.requiredString(path, obj, "event", "an event name such as \"purchased\"")
	op, ok := p.requiredString(path, obj, "op", "\"performed\" or \"not_performed\"")
	if ok && !slices.Contains(EventOps, op) {
		p.add(path+".op", "unknown event operator %q; expected \"performed\" or \"not_performed\"%s", op, DidYouMean(op, EventOps))
	}
	r.Op = op
	if v, has := obj["within"]; has && v != nil {
		r.Within = p.duration(path+".within", v)
	}
	return r
}
