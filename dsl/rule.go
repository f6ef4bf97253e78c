package dsl

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// ruleForms lists what a when expression may be built from, for messages.
const ruleForms = `A when expression is built from contact.ATTR == VALUE (also !=, <, <=, > and >=), ` +
	`contains(contact.ATTR, VALUE), exists(contact.ATTR), performed("event"), performed("event", "7d"), ` +
	`all(...) and any(...), joined with &&, || and !, and grouped with parentheses.`

var comparisonOps = map[*hclsyntax.Operation]string{
	hclsyntax.OpEqual:              definition.OpEq,
	hclsyntax.OpNotEqual:           definition.OpNe,
	hclsyntax.OpGreaterThan:        definition.OpGt,
	hclsyntax.OpGreaterThanOrEqual: definition.OpGte,
	hclsyntax.OpLessThan:           definition.OpLt,
	hclsyntax.OpLessThanOrEqual:    definition.OpLte,
}

// mirrored is the operator that keeps a comparison's meaning when its sides swap, so that
// 18 <= contact.age compiles as age >= 18.
var mirrored = map[string]string{
	definition.OpEq: definition.OpEq, definition.OpNe: definition.OpNe,
	definition.OpGt: definition.OpLt, definition.OpLt: definition.OpGt,
	definition.OpGte: definition.OpLte, definition.OpLte: definition.OpGte,
}

// rule compiles a when expression to a rule at path; depth counts rule levels as the
// definition does (the rule of "if" is level 1).
func (c *compiler) rule(expr hclsyntax.Expression, path string, depth int) (*definition.Rule, bool) {
	if depth > definition.MaxDepth {
		c.diags = append(c.diags, errorAt(expr.Range(), "Condition nested too deep",
			fmt.Sprintf("This when expression nests rules more than %d levels deep (every all, any and ! is a level). Simplify it, or split it across nested condition blocks.", definition.MaxDepth)))
		return nil, false
	}
	c.ranges[path] = expr.Range()
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return c.rule(e.Expression, path, depth)
	case *hclsyntax.BinaryOpExpr:
		switch e.Op {
		case hclsyntax.OpLogicalAnd:
			return c.group(e, definition.RuleAll, path, depth)
		case hclsyntax.OpLogicalOr:
			return c.group(e, definition.RuleAny, path, depth)
		}
		if op, ok := comparisonOps[e.Op]; ok {
			return c.comparison(e, op, path)
		}
		return c.badRule(expr, "Arithmetic computes a value, not a condition.")
	case *hclsyntax.UnaryOpExpr:
		if e.Op != hclsyntax.OpLogicalNot {
			return c.badRule(expr, "A minus sign computes a value, not a condition.")
		}
		// !performed(...) is the event check "not_performed"; !(performed(...)) negates the
		// rule "performed", which keeps both JSON forms writable.
		if call, ok := e.Val.(*hclsyntax.FunctionCallExpr); ok && call.Name == fnPerformed {
			return c.event(call, definition.OpNotPerformed, path)
		}
		inner, ok := c.rule(e.Val, path+".not", depth+1)
		if !ok {
			return nil, false
		}
		return &definition.Rule{Not: inner}, true
	case *hclsyntax.FunctionCallExpr:
		return c.call(e, path, depth)
	case *hclsyntax.ScopeTraversalExpr:
		if e.Traversal.RootName() == rootContact {
			return c.badRule(expr, fmt.Sprintf("%s is an attribute, not a condition: compare it, as in %s == \"pro\", or test that it is set with exists(%s).",
				traversalText(e.Traversal), traversalText(e.Traversal), traversalText(e.Traversal)))
		}
	}
	return c.badRule(expr, "")
}

func (c *compiler) badRule(expr hclsyntax.Expression, why string) (*definition.Rule, bool) {
	if why != "" {
		why += " "
	}
	c.diags = append(c.diags, errorAt(expr.Range(), "Invalid condition",
		"This expression cannot be compiled to a rule. "+why+ruleForms))
	return nil, false
}

// group compiles a chain of && (or ||) to one all (or any). Only operators written without
// parentheses are merged: (a && b) && c stays an all inside an all.
func (c *compiler) group(e *hclsyntax.BinaryOpExpr, kind, path string, depth int) (*definition.Rule, bool) {
	operands := flatten(e, e.Op, nil)
	rules := make([]definition.Rule, 0, len(operands))
	ok := true
	for i, operand := range operands {
		r, rOK := c.rule(operand, fmt.Sprintf("%s.%s[%d]", path, kind, i), depth+1)
		if !rOK {
			ok = false
			continue
		}
		rules = append(rules, *r)
	}
	if !ok {
		return nil, false
	}
	if kind == definition.RuleAll {
		return &definition.Rule{All: rules}, true
	}
	return &definition.Rule{Any: rules}, true
}

func flatten(expr hclsyntax.Expression, op *hclsyntax.Operation, into []hclsyntax.Expression) []hclsyntax.Expression {
	if bin, ok := expr.(*hclsyntax.BinaryOpExpr); ok && bin.Op == op {
		into = flatten(bin.LHS, op, into)
		return flatten(bin.RHS, op, into)
	}
	return append(into, expr)
}

func (c *compiler) comparison(e *hclsyntax.BinaryOpExpr, op, path string) (*definition.Rule, bool) {
	lName, lRef, lOK := c.contactRef(e.LHS)
	rName, rRef, rOK := c.contactRef(e.RHS)
	if !lOK || !rOK {
		return nil, false
	}
	switch {
	case lRef && rRef:
		c.diags = append(c.diags, errorAt(e.Range(), "Two contact attributes compared",
			"A rule compares one contact attribute with a value known at compile time; it cannot compare two attributes. Write contact.ATTR == VALUE, where VALUE is a literal, var.NAME or local.NAME."))
		return nil, false
	case !lRef && !rRef:
		detail := "A comparison in when needs contact.ATTR on one side, as in contact.plan == \"pro\"."
		if mentionsContact(e.LHS) || mentionsContact(e.RHS) {
			detail = "A comparison in when needs contact.ATTR itself on one side, as in contact.plan == \"pro\"; rules compare attributes as stored and cannot compute with them."
		}
		c.diags = append(c.diags, errorAt(e.Range(), "No contact attribute in comparison", detail))
		return nil, false
	}
	name, nameExpr, valueExpr := lName, e.LHS, e.RHS
	if rRef {
		name, nameExpr, valueExpr, op = rName, e.RHS, e.LHS, mirrored[op]
	}
	c.ranges[path+".attribute"] = nameExpr.Range()
	c.ranges[path+".value"] = valueExpr.Range()
	value, ok := c.jsonValue(valueExpr, useComparison)
	if !ok {
		return nil, false
	}
	if isOrdering(op) && !isNumberOrString(value) {
		c.diags = append(c.diags, errorAt(valueExpr.Range(), "Incorrect type",
			fmt.Sprintf("<, <=, > and >= compare numbers or strings, not %s. Compare with a number such as 18, or use == for other values.", describeJSON(value))))
		return nil, false
	}
	return &definition.Rule{Attribute: name, Op: op, Value: value}, true
}

func isOrdering(op string) bool {
	return op == definition.OpGt || op == definition.OpGte || op == definition.OpLt || op == definition.OpLte
}

func isNumberOrString(value []byte) bool {
	return len(value) > 0 && (value[0] == '"' || value[0] == '-' || (value[0] >= '0' && value[0] <= '9'))
}

func describeJSON(value []byte) string {
	switch {
	case len(value) == 0:
		return "nothing"
	case value[0] == '[':
		return "a list"
	case value[0] == '{':
		return "an object"
	case value[0] == 'n':
		return "null"
	}
	return "a bool"
}

func mentionsContact(expr hclsyntax.Expression) bool {
	return slices.ContainsFunc(hclsyntax.Variables(expr), func(t hcl.Traversal) bool { return t.RootName() == rootContact })
}

// contactRef reads contact.NAME, contact["NAME"] or contact[EXPR]. isRef says whether expr is
// such a reference; ok is false when it is one but malformed (already reported).
func (c *compiler) contactRef(expr hclsyntax.Expression) (name string, isRef, ok bool) {
	for {
		paren, isParen := expr.(*hclsyntax.ParenthesesExpr)
		if !isParen {
			break
		}
		expr = paren.Expression
	}
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if e.Traversal.RootName() != rootContact {
			return "", false, true
		}
		if len(e.Traversal) != 2 {
			return "", true, c.badContactRef(expr)
		}
		switch step := e.Traversal[1].(type) {
		case hcl.TraverseAttr:
			return step.Name, true, true
		case hcl.TraverseIndex:
			if raw, rawOK := rawQuoted(c.src, step.SrcRange); rawOK {
				return c.attributeName(raw, expr)
			}
			if step.Key.Type() == cty.String && step.Key.IsKnown() && !step.Key.IsNull() {
				return c.attributeName(step.Key.AsString(), expr)
			}
		}
		return "", true, c.badContactRef(expr)
	case *hclsyntax.IndexExpr:
		coll, isTrav := e.Collection.(*hclsyntax.ScopeTraversalExpr)
		if !isTrav || coll.Traversal.RootName() != rootContact {
			return "", false, true
		}
		if len(coll.Traversal) != 1 {
			return "", true, c.badContactRef(expr)
		}
		name, ok := c.str(e.Key, useAttrName)
		if !ok {
			return "", true, false
		}
		return c.attributeName(name, expr)
	case *hclsyntax.RelativeTraversalExpr:
		if idx, isIdx := e.Source.(*hclsyntax.IndexExpr); isIdx && mentionsContact(idx.Collection) {
			return "", true, c.badContactRef(expr)
		}
	}
	return "", false, true
}

func (c *compiler) attributeName(name string, expr hclsyntax.Expression) (string, bool, bool) {
	if name == "" {
		c.diags = append(c.diags, errorAt(expr.Range(), "Empty attribute name",
			`A contact attribute has a name, such as contact.plan or contact["first name"].`))
		return "", true, false
	}
	return name, true, true
}

func (c *compiler) badContactRef(expr hclsyntax.Expression) bool {
	c.diags = append(c.diags, errorAt(expr.Range(), "Invalid contact attribute",
		`Refer to a contact attribute as contact.NAME, or contact["NAME"] for a name that is not an identifier; attributes are flat, so contact.a.b and contact alone mean nothing.`))
	return false
}

// call compiles the function forms of a rule.
func (c *compiler) call(e *hclsyntax.FunctionCallExpr, path string, depth int) (*definition.Rule, bool) {
	if e.ExpandFinal {
		c.diags = append(c.diags, errorAt(e.Range(), "Invalid condition",
			fmt.Sprintf("%s(...) takes its arguments written out; the ... expansion is not supported in when.", e.Name)))
		return nil, false
	}
	switch e.Name {
	case fnPerformed:
		return c.event(e, definition.OpPerformed, path)
	case fnExists:
		if len(e.Args) != 1 {
			return c.wrongArgs(e, "exists takes one contact attribute: exists(contact.plan).")
		}
		return c.attributeCheck(e.Args[0], nil, definition.OpExists, path)
	case fnContains:
		if len(e.Args) != 2 {
			return c.wrongArgs(e, `contains takes a contact attribute and a value: contains(contact.tags, "beta").`)
		}
		return c.attributeCheck(e.Args[0], e.Args[1], definition.OpContains, path)
	case fnAll, fnAny:
		if len(e.Args) == 0 {
			return c.wrongArgs(e, fmt.Sprintf("%s takes one or more conditions: %s(contact.plan == \"pro\", exists(contact.company)).", e.Name, e.Name))
		}
		rules := make([]definition.Rule, 0, len(e.Args))
		ok := true
		for i, arg := range e.Args {
			r, rOK := c.rule(arg, fmt.Sprintf("%s.%s[%d]", path, e.Name, i), depth+1)
			if !rOK {
				ok = false
				continue
			}
			rules = append(rules, *r)
		}
		if !ok {
			return nil, false
		}
		if e.Name == fnAll {
			return &definition.Rule{All: rules}, true
		}
		return &definition.Rule{Any: rules}, true
	}
	hint := didYouMean(e.Name, ruleFunctions)
	switch {
	case e.Name == "not":
		hint = " Negate a condition with !, as in !exists(contact.plan)."
	case e.Name == "not_performed":
		hint = ` Write !performed("event") for "not performed".`
	case isValueFunction(e.Name):
		hint = fmt.Sprintf(" %s(...) computes a value; use it on the value side of a comparison.", e.Name)
	}
	c.diags = append(c.diags, errorAt(e.NameRange, "Unknown condition function",
		fmt.Sprintf("%s(...) is not a condition.%s %s", e.Name, hint, ruleForms)))
	return nil, false
}

func (c *compiler) wrongArgs(e *hclsyntax.FunctionCallExpr, want string) (*definition.Rule, bool) {
	count := fmt.Sprintf("%d arguments", len(e.Args))
	if len(e.Args) == 1 {
		count = "1 argument"
	}
	c.diags = append(c.diags, errorAt(e.Range(), "Wrong number of arguments", fmt.Sprintf("%s(...) has %s; %s", e.Name, count, want)))
	return nil, false
}

// attributeCheck compiles exists(contact.ATTR) (value nil) and contains(contact.ATTR, VALUE).
func (c *compiler) attributeCheck(ref, valueExpr hclsyntax.Expression, op, path string) (*definition.Rule, bool) {
	name, isRef, ok := c.contactRef(ref)
	if !ok {
		return nil, false
	}
	if !isRef {
		c.diags = append(c.diags, errorAt(ref.Range(), "Contact attribute expected",
			fmt.Sprintf(`The first argument of %s is a contact attribute, such as contact.plan or contact["first name"].`, op)))
		return nil, false
	}
	c.ranges[path+".attribute"] = ref.Range()
	r := &definition.Rule{Attribute: name, Op: op}
	if valueExpr != nil {
		c.ranges[path+".value"] = valueExpr.Range()
		if r.Value, ok = c.jsonValue(valueExpr, useComparison); !ok {
			return nil, false
		}
	}
	return r, true
}

// event compiles performed("event") and performed("event", "7d"), negated or not.
func (c *compiler) event(e *hclsyntax.FunctionCallExpr, op, path string) (*definition.Rule, bool) {
	if e.ExpandFinal || len(e.Args) < 1 || len(e.Args) > 2 {
		return c.wrongArgs(e, `performed takes an event name and optionally a time window: performed("purchased") or performed("purchased", "7d").`)
	}
	c.ranges[path] = e.Range()
	c.ranges[path+".event"] = e.Args[0].Range()
	r := &definition.Rule{Op: op}
	name, ok := c.str(e.Args[0], useEvent)
	if ok && name == "" {
		c.diags = append(c.diags, errorAt(e.Args[0].Range(), "Empty event name", `Name the event, as in performed("purchased").`))
		ok = false
	}
	r.Event = name
	if len(e.Args) == 2 {
		c.ranges[path+".within"] = e.Args[1].Range()
		within, wOK := c.duration(e.Args[1], useWithin)
		ok = ok && wOK
		r.Within = within
	}
	return r, ok
}

func isValueFunction(name string) bool {
	_, ok := functions[name]
	return ok || name == fnNumber
}
