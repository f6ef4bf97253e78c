package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// ruleForms lists what a when expression may be built from, for messages.
const ruleForms = `A when expression is built from contact.ATTR == VALUE (also !=, <, <=, > and >=), ` +
	`contains(contact.ATTR, VALUE), exists(contact.ATTR), performed("event"), performed("event", "7d"), ` +
	`all(...) and any(...), joined with &&, || and !, and grouped with parentheses.`

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
		return c.callGroup(e, path, depth)
	}
	hint := DidYouMean(e.Name, ruleFunctions)
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

func isValueFunction(name string) bool {
	_, ok := functions[name]
	return ok || name == fnNumber
}
