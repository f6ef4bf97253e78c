package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file compiles the rules that hold rules: all and any, written as chains of && and ||
// or as all(...) and any(...).

// group compiles a chain of && (or ||) to one all (or any). Only operators written without
// parentheses are merged: (a && b) && c stays an all inside an all.
func (c *compiler) group(e *hclsyntax.BinaryOpExpr, kind definition.RuleKind, path string, depth int) (*definition.Rule, bool) {
	return c.members(kind, flatten(e, e.Op, nil), path, depth)
}

// members compiles the operands of an all or an any, each at path.kind[i], reporting every
// one that fails.
func (c *compiler) members(kind definition.RuleKind, operands []hclsyntax.Expression, path string, depth int) (*definition.Rule, bool) {
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
	return definition.Group(kind, rules), true
}

func flatten(expr hclsyntax.Expression, op *hclsyntax.Operation, into []hclsyntax.Expression) []hclsyntax.Expression {
	if bin, ok := expr.(*hclsyntax.BinaryOpExpr); ok && bin.Op == op {
		into = flatten(bin.LHS, op, into)
		return flatten(bin.RHS, op, into)
	}
	return append(into, expr)
}

// callGroup compiles all(...) and any(...).
func (c *compiler) callGroup(e *hclsyntax.FunctionCallExpr, path string, depth int) (*definition.Rule, bool) {
	if len(e.Args) == 0 {
		return c.wrongArgs(e, fmt.Sprintf("%s takes one or more conditions: %s(contact.plan == \"pro\", exists(contact.company)).", e.Name, e.Name))
	}
	return c.members(definition.RuleKind(e.Name), e.Args, path, depth)
}
