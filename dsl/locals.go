package dsl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// local is one entry of a locals block.
type local struct {
	name  string
	attr  *hclsyntax.Attribute
	value cty.Value
	state localState
}

type localState uint8

const (
	localPending localState = iota
	localVisiting
	localDone
	localFailed
)

// addLocals records the entries of a locals block; they are evaluated by evalLocals once
// every block is known, so a local may refer to one defined further down.
func (s *scope) addLocals(block *hclsyntax.Block) {
	if len(block.Body.Blocks) > 0 {
		inner := block.Body.Blocks[0]
		s.diags = append(s.diags, errorAt(inner.DefRange(), "Unexpected block in locals",
			fmt.Sprintf("A locals block holds only NAME = VALUE entries, not a %q block.", inner.Type)))
	}
	for _, attr := range AttributesInOrder(block.Body) {
		name := attr.Name
		if prev, dup := s.locals[name]; dup {
			s.diags = append(s.diags, errorAt(attr.NameRange, "Duplicate local",
				fmt.Sprintf("local.%s is already defined on line %d; give each local a distinct name.", name, prev.attr.NameRange.Start.Line)))
			continue
		}
		if name != cty.NormalizeString(name) {
			s.diags = append(s.diags, errorAt(attr.NameRange, "Invalid local name",
				fmt.Sprintf("The name %q is not in Unicode normal form C; write it with composed characters.", name)))
			continue
		}
		s.locals[name] = &local{name: name, attr: attr}
		s.order = append(s.order, name)
	}
}

// evalLocals evaluates every local in dependency order and reports each cycle once.
func (s *scope) evalLocals() {
	for _, name := range s.order {
		s.evalLocal(name, nil)
	}
	obj := make(map[string]cty.Value, len(s.locals))
	for name, l := range s.locals {
		obj[name] = l.value
		if l.state != localDone {
			obj[name] = cty.DynamicVal
		}
	}
	s.ctx.Variables[rootLocal] = cty.ObjectVal(obj)
}

// evalLocal evaluates one local after the locals it refers to; stack holds the locals being
// evaluated, to name the members of a cycle.
func (s *scope) evalLocal(name string, stack []string) {
	l := s.locals[name]
	switch l.state {
	case localDone, localFailed:
		return
	case localVisiting:
		s.reportCycle(stack[slices.Index(stack, name):])
		return
	case localPending:
	}
	l.state = localVisiting
	stack = append(stack, name)
	var deps []string
	for _, trav := range hclsyntax.Variables(l.attr.Expr) {
		if dep, ok := traversalName(trav); ok && trav.RootName() == rootLocal {
			if _, defined := s.locals[dep]; defined {
				s.evalLocal(dep, stack)
				deps = append(deps, dep)
			}
		}
	}
	if l.state == localFailed { // a member of a cycle found through its dependencies
		return
	}
	visible := make(map[string]cty.Value, len(deps))
	for _, dep := range deps {
		if d := s.locals[dep]; d.state == localDone {
			visible[dep] = d.value
		}
	}
	s.ctx.Variables[rootLocal] = cty.ObjectVal(visible)
	val, ok := s.value(l.attr.Expr, usage("local."+name))
	if !ok {
		l.state = localFailed
		return
	}
	l.value, l.state = val, localDone
}

// reportCycle reports the cycle once, at the member defined first, and marks every member as
// failed so that their uses stay silent.
func (s *scope) reportCycle(cycle []string) {
	first := s.locals[cycle[0]]
	for _, name := range cycle {
		if l := s.locals[name]; l.attr.NameRange.Start.Byte < first.attr.NameRange.Start.Byte {
			first = l
		}
	}
	for _, name := range cycle {
		s.locals[name].state = localFailed
	}
	path := make([]string, 0, len(cycle)+1)
	for _, name := range slices.Concat(cycle, cycle[:1]) {
		path = append(path, "local."+name)
	}
	detail := fmt.Sprintf("local.%s refers to itself; a local cannot depend on its own value.", cycle[0])
	if len(cycle) > 1 {
		detail = fmt.Sprintf("These locals refer to each other in a cycle: %s. Break the cycle by computing one of them from var.NAME or a literal.", strings.Join(path, " -> "))
	}
	s.diags = append(s.diags, errorAt(first.attr.NameRange, "Locals cycle", detail))
}

// AttributesInOrder lists a body's attributes in source order (hclsyntax keeps them in a map).
func AttributesInOrder(body *hclsyntax.Body) []*hclsyntax.Attribute {
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, attr := range body.Attributes {
		attrs = append(attrs, attr)
	}
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	return attrs
}
