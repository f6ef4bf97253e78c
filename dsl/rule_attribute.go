package dsl

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file compiles attribute comparisons: contact.ATTR == VALUE and the other operators,
// exists(contact.ATTR) and contains(contact.ATTR, VALUE).

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
	if definition.IsOrdering(op) && !isNumberOrString(value) {
		c.diags = append(c.diags, errorAt(valueExpr.Range(), "Incorrect type",
			fmt.Sprintf("<, <=, > and >= compare numbers or strings, not %s. Compare with a number such as 18, or use == for other values.", describeJSON(value))))
		return nil, false
	}
	return &definition.Rule{Attribute: name, Op: op, Value: value}, true
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
