package dsl

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// level says where a list of steps stands, for messages: the top level or a nested block,
// such as "a then block".
type level string

const levelTop level = "the top level of the file"

// stepList compiles the step blocks of a body in source order; path is the definition path
// of the list ("steps", "steps[2].then") and depth the number of enclosing steps that hold
// steps.
func (c *compiler) stepList(body *hclsyntax.Body, path string, depth int, at level) []definition.Step {
	for _, attr := range AttributesInOrder(body) {
		c.unexpectedAttribute(attr, at)
	}
	allowed := stepBlocks
	if at == levelTop {
		allowed = topBlocks
	}
	steps := []definition.Step{}
	for _, block := range body.Blocks {
		if spec := blockNamed(block.Type); spec != nil {
			c.noLabels(block)
			c.countStep(block)
			steps = append(steps, c.step(block, spec, fmt.Sprintf("%s[%d]", path, len(steps)), depth))
			continue
		}
		if block.Type == blockLocals {
			if at != levelTop {
				c.diags = append(c.diags, errorAt(block.TypeRange, "Misplaced locals block",
					fmt.Sprintf("A locals block belongs at the top level of the file, not in %s.", at)))
			}
			continue
		}
		detail := fmt.Sprintf("%q is not a block that %s can hold; it holds %s blocks.%s", block.Type, at, prose.Quoted(allowed, "and"), DidYouMean(block.Type, allowed))
		if owner := branchOwner(block.Type); owner != nil {
			detail = fmt.Sprintf("%s block belongs inside %s block.", article(block.Type), withArticle(owner.name))
		}
		c.diags = append(c.diags, errorAt(block.TypeRange, "Unknown block type", detail))
	}
	return steps
}

// branchOwner is the first step block that holds nested blocks named name, or nil.
func branchOwner(name string) *blockSpec {
	for i := range blocks {
		if slices.Contains(blocks[i].branchNames(), name) {
			return &blocks[i]
		}
	}
	return nil
}

// attrOwner is the first step block that takes the attribute name, or nil.
func attrOwner(name string) (*blockSpec, *attrSpec) {
	for i := range blocks {
		if a := blocks[i].attr(name); a != nil {
			return &blocks[i], a
		}
	}
	return nil, nil
}

func (c *compiler) unexpectedAttribute(attr *hclsyntax.Attribute, at level) {
	detail := fmt.Sprintf("%s holds blocks, not attributes: steps are %s blocks.", capitalize(string(at)), prose.Join(stepBlocks, "and"))
	spec, a := attrOwner(attr.Name)
	switch {
	case blockNamed(attr.Name) != nil:
		detail += fmt.Sprintf(" %s is a block: %s.", capitalize(attr.Name), blockNamed(attr.Name).example)
	case a != nil:
		detail += fmt.Sprintf(" Put %s in %s block: %s { %s }.", attr.Name, withArticle(spec.name), spec.name, a.assignment())
	case at == levelTop:
		detail += fmt.Sprintf(" To name a value, define it in a locals block: locals { %s = ... }.", attr.Name)
	}
	c.diags = append(c.diags, errorAt(attr.NameRange, "Unexpected attribute", detail))
}

func (c *compiler) noLabels(block *hclsyntax.Block) {
	if len(block.Labels) > 0 {
		c.diags = append(c.diags, errorAt(hcl.RangeBetween(block.LabelRanges[0], block.LabelRanges[len(block.LabelRanges)-1]), "Unexpected label",
			fmt.Sprintf("%s blocks take no labels; write %s { ... }. To describe a step, use a comment.", capitalize(block.Type), block.Type)))
	}
}

// countStep counts steps, nested ones included, and remembers the first beyond the limit.
func (c *compiler) countStep(block *hclsyntax.Block) {
	c.steps++
	if c.steps == definition.MaxSteps+1 {
		rng := block.TypeRange
		c.firstExtra = &rng
	}
}

// step compiles a step block by its spec: each attribute by the kind of its field, each
// nested block as a step list.
func (c *compiler) step(block *hclsyntax.Block, spec *blockSpec, path string, depth int) definition.Step {
	c.ranges[path] = block.TypeRange
	step := definition.Step{Type: spec.typ}
	for _, br := range spec.branches {
		br.field.SetSteps(&step, []definition.Step{})
	}
	if len(spec.branches) > 0 && depth+1 > definition.MaxDepth {
		c.diags = append(c.diags, errorAt(block.TypeRange, capitalize(spec.name)+"s nested too deep",
			fmt.Sprintf("This %s is nested %d deep; at most %d levels are allowed. Move part of the branch up a level, or split the sequence.", spec.name, depth+1, definition.MaxDepth)))
		return step
	}
	for _, attr := range AttributesInOrder(block.Body) {
		if spec.attr(attr.Name) == nil {
			c.unknownAttribute(block, attr, spec.attrNamesOf())
		}
	}
	for i := range spec.attrs {
		a := &spec.attrs[i]
		if attr, ok := block.Body.Attributes[a.name]; ok {
			c.attribute(attr.Expr, a, &step, path+"."+a.field.Name)
		} else if a.field.Required {
			c.missing(block, a)
		}
	}
	if len(spec.branches) == 0 {
		for _, inner := range block.Body.Blocks {
			c.diags = append(c.diags, errorAt(inner.TypeRange, "Unexpected block",
				fmt.Sprintf("%s block holds only the attributes %s, not a %q block. Steps follow one another at the same level.", article(block.Type), prose.Quoted(spec.attrNamesOf(), "and"), inner.Type)))
		}
		return step
	}
	c.branches(block, spec, &step, path, depth)
	return step
}

// attribute compiles the value of an attribute into its field of step. An optional
// attribute set to null is left unset, as if it were not written.
func (c *compiler) attribute(expr hclsyntax.Expression, a *attrSpec, step *definition.Step, path string) {
	f := a.field
	c.ranges[path] = expr.Range()
	switch f.Kind.Shape() {
	case definition.ShapeText:
		text, null, ok := c.text(expr, a)
		if ok && !null {
			text = c.canonicalText(expr, a, text)
		}
		f.SetText(step, text)
	case definition.ShapeRule:
		if r, ok := c.rule(expr, path, 1); ok {
			f.SetRule(step, r)
		}
	case definition.ShapeSteps: // nested blocks, never an attribute (see deriveBlocks)
	default:
		c.diags = append(c.diags, errorAt(expr.Range(), "Unsupported attribute",
			fmt.Sprintf("The DSL cannot compile %s: the step table gives its field the unknown kind %v.", a.name, f.Kind)))
	}
}

// canonicalText checks the value of a text attribute as its field's kind requires and returns
// its canonical form, or "" after a diagnostic.
func (c *compiler) canonicalText(expr hclsyntax.Expression, a *attrSpec, text string) string {
	canon, err := a.field.Kind.CanonicalText(text)
	switch {
	case errors.Is(err, definition.ErrEmptyText):
		c.diags = append(c.diags, errorAt(expr.Range(), "Empty "+a.field.Kind.String(), fmt.Sprintf("Give %s, such as %s.", a.field.Doc, a.assignment())))
		return ""
	case err != nil:
		c.invalid(expr, a.field.Kind.String(), err)
		return ""
	}
	return canon
}

// invalid reports text of a kind ("duration") that its canonical form refuses (err).
func (c *compiler) invalid(expr hclsyntax.Expression, kind string, err error) {
	c.diags = append(c.diags, errorAt(expr.Range(), "Invalid "+kind, capitalize(err.Error())+"."))
}

// text evaluates the string of a text attribute; null is an error for a required one.
func (c *compiler) text(expr hclsyntax.Expression, a *attrSpec) (text string, null, ok bool) {
	if a.field.Required {
		text, ok = c.str(expr, a.use)
		return text, false, ok
	}
	return c.strOrNull(expr, a.use)
}

// branches compiles the nested blocks of a step that holds steps, each at most once.
func (c *compiler) branches(block *hclsyntax.Block, spec *blockSpec, step *definition.Step, path string, depth int) {
	names := spec.branchNames()
	seen := map[string]*hclsyntax.Block{}
	for _, inner := range block.Body.Blocks {
		if !slices.Contains(names, inner.Type) {
			detail := fmt.Sprintf("%s block holds %s and the blocks %s, not %q.%s", article(spec.name), prose.Join(spec.attrNamesOf(), "and"), prose.Join(names, "and"), inner.Type, DidYouMean(inner.Type, names))
			if blockNamed(inner.Type) != nil {
				detail = fmt.Sprintf("A step inside %s goes in its %s block: %s { %s { ... } }.", withArticle(spec.name), prose.Join(names, "or"), names[0], inner.Type)
			}
			c.diags = append(c.diags, errorAt(inner.TypeRange, "Unknown block type", detail))
			continue
		}
		if prev, dup := seen[inner.Type]; dup {
			c.diags = append(c.diags, errorAt(inner.TypeRange, "Duplicate "+inner.Type+" block",
				fmt.Sprintf("This %s already has a %s block, on line %d; put all its steps in that one.", spec.name, inner.Type, prev.TypeRange.Start.Line)))
			continue
		}
		seen[inner.Type] = inner
		c.noLabels(inner)
	}
	for _, br := range spec.branches {
		if inner, ok := seen[br.name]; ok {
			br.field.SetSteps(step, c.stepList(inner.Body, path+"."+br.field.Name, depth+1, br.at))
		}
	}
}

func (c *compiler) unknownAttribute(block *hclsyntax.Block, attr *hclsyntax.Attribute, allowed []string) {
	c.diags = append(c.diags, errorAt(attr.NameRange, "Unknown attribute",
		fmt.Sprintf("%s blocks take %s, not %q.%s", capitalize(block.Type), prose.Quoted(allowed, "and"), attr.Name, DidYouMean(attr.Name, allowed))))
}

func (c *compiler) missing(block *hclsyntax.Block, a *attrSpec) {
	c.diags = append(c.diags, errorAt(block.TypeRange, "Missing "+a.name,
		fmt.Sprintf("%s block needs %s: %s, such as %s.", article(block.Type), a.name, a.field.Doc, a.assignment())))
}

// withArticle writes a name after its indefinite article: "an email", "a delay".
func withArticle(name string) string {
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// article is withArticle starting a sentence: "An email".
func article(name string) string { return capitalize(withArticle(name)) }

// duration evaluates a duration string and returns its canonical form.
func (c *compiler) duration(expr hclsyntax.Expression, use usage) (string, bool) {
	text, ok := c.str(expr, use)
	if !ok {
		return "", false
	}
	canon, err := definition.CanonicalDuration(text)
	if err != nil {
		c.invalid(expr, "duration", err)
		return "", false
	}
	return canon, true
}
