package dsl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// level says where a list of steps stands, for messages.
type level string

const (
	levelTop  level = "the top level of the file"
	levelThen level = "a then block"
	levelElse level = "an else block"
)

// stepList compiles the step blocks of a body in source order; path is the definition path
// of the list ("steps", "steps[2].then") and depth the number of enclosing conditions.
func (c *compiler) stepList(body *hclsyntax.Body, path string, depth int, at level) []definition.Step {
	for _, attr := range attributesInOrder(body) {
		c.unexpectedAttribute(attr, at)
	}
	allowed := stepBlocks
	if at == levelTop {
		allowed = topBlocks
	}
	steps := []definition.Step{}
	for _, block := range body.Blocks {
		switch block.Type {
		case blockEmail, blockDelay, blockCondition:
			c.noLabels(block)
			c.countStep(block)
			steps = append(steps, c.step(block, fmt.Sprintf("%s[%d]", path, len(steps)), depth))
		case blockLocals:
			if at != levelTop {
				c.diags = append(c.diags, errorAt(block.TypeRange, "Misplaced locals block",
					fmt.Sprintf("A locals block belongs at the top level of the file, not in %s.", at)))
			}
		default:
			detail := fmt.Sprintf("%q is not a block that %s can hold; it holds %s blocks.%s", block.Type, at, list(allowed, "and"), didYouMean(block.Type, allowed))
			if block.Type == blockThen || block.Type == blockElse {
				detail = fmt.Sprintf("A %s block belongs inside a condition block, next to its when.", block.Type)
			}
			c.diags = append(c.diags, errorAt(block.TypeRange, "Unknown block type", detail))
		}
	}
	return steps
}

func (c *compiler) unexpectedAttribute(attr *hclsyntax.Attribute, at level) {
	detail := fmt.Sprintf("%s holds blocks, not attributes: steps are email, delay and condition blocks.", capitalize(string(at)))
	switch {
	case attr.Name == attrTemplate:
		detail += ` Put the template in an email block: email { template = "tmpl_welcome" }.`
	case attr.Name == attrDuration:
		detail += ` Put the duration in a delay block: delay { duration = "2d" }.`
	case attr.Name == attrWhen:
		detail += " Put when in a condition block."
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

func (c *compiler) step(block *hclsyntax.Block, path string, depth int) definition.Step {
	c.ranges[path] = block.TypeRange
	switch block.Type {
	case blockEmail:
		return c.email(block, path)
	case blockDelay:
		return c.delay(block, path)
	}
	return c.condition(block, path, depth)
}

func (c *compiler) email(block *hclsyntax.Block, path string) definition.Step {
	c.onlyAttributes(block, emailAttrs)
	step := definition.Step{Type: definition.StepEmail}
	attrs := block.Body.Attributes
	if attr, ok := attrs[attrTemplate]; ok {
		c.ranges[path+".templateId"] = attr.Expr.Range()
		if id, ok := c.str(attr.Expr, useTemplate); ok && id == "" {
			c.diags = append(c.diags, errorAt(attr.Expr.Range(), "Empty template id", `Name the template to send, such as template = "tmpl_welcome".`))
		} else {
			step.TemplateID = id
		}
	} else {
		c.missing(block, attrTemplate, `the id of the template to send, such as template = "tmpl_welcome"`)
	}
	if attr, ok := attrs[attrDelay]; ok {
		c.ranges[path+".delay"] = attr.Expr.Range()
		step.Delay, _ = c.optionalDuration(attr.Expr, useDelay)
	}
	return step
}

func (c *compiler) delay(block *hclsyntax.Block, path string) definition.Step {
	c.onlyAttributes(block, delayAttrs)
	step := definition.Step{Type: definition.StepDelay}
	if attr, ok := block.Body.Attributes[attrDuration]; ok {
		c.ranges[path+".duration"] = attr.Expr.Range()
		step.Duration, _ = c.duration(attr.Expr, useDuration)
	} else {
		c.missing(block, attrDuration, `how long to wait, such as duration = "2d"`)
	}
	return step
}

func (c *compiler) condition(block *hclsyntax.Block, path string, depth int) definition.Step {
	step := definition.Step{Type: definition.StepCondition, Then: []definition.Step{}, Else: []definition.Step{}}
	if depth+1 > definition.MaxDepth {
		c.diags = append(c.diags, errorAt(block.TypeRange, "Conditions nested too deep",
			fmt.Sprintf("This condition is nested %d deep; at most %d levels are allowed. Move part of the branch up a level, or split the sequence.", depth+1, definition.MaxDepth)))
		return step
	}
	for _, attr := range attributesInOrder(block.Body) {
		if attr.Name != attrWhen {
			c.unknownAttribute(block, attr, conditionAttr)
		}
	}
	if attr, ok := block.Body.Attributes[attrWhen]; ok {
		if r, ok := c.rule(attr.Expr, path+".if", 1); ok {
			step.If = r
		}
	} else {
		c.missing(block, attrWhen, `the condition to test, such as when = contact.plan == "pro"`)
	}
	branches := map[string]*hclsyntax.Block{}
	for _, inner := range block.Body.Blocks {
		switch inner.Type {
		case blockThen, blockElse:
			if prev, dup := branches[inner.Type]; dup {
				c.diags = append(c.diags, errorAt(inner.TypeRange, "Duplicate "+inner.Type+" block",
					fmt.Sprintf("This condition already has a %s block, on line %d; put all its steps in that one.", inner.Type, prev.TypeRange.Start.Line)))
				continue
			}
			branches[inner.Type] = inner
			c.noLabels(inner)
		default:
			detail := fmt.Sprintf("A condition block holds when and the blocks then and else, not %q.%s", inner.Type, didYouMean(inner.Type, branchBlocks))
			if inner.Type == blockEmail || inner.Type == blockDelay || inner.Type == blockCondition {
				detail = fmt.Sprintf("A step inside a condition goes in its then or else block: then { %s { ... } }.", inner.Type)
			}
			c.diags = append(c.diags, errorAt(inner.TypeRange, "Unknown block type", detail))
		}
	}
	if then, ok := branches[blockThen]; ok {
		step.Then = c.stepList(then.Body, path+".then", depth+1, levelThen)
	}
	if els, ok := branches[blockElse]; ok {
		step.Else = c.stepList(els.Body, path+".else", depth+1, levelElse)
	}
	return step
}

// onlyAttributes reports attributes and blocks that a step block does not take.
func (c *compiler) onlyAttributes(block *hclsyntax.Block, allowed []string) {
	for _, attr := range attributesInOrder(block.Body) {
		if !slices.Contains(allowed, attr.Name) {
			c.unknownAttribute(block, attr, allowed)
		}
	}
	for _, inner := range block.Body.Blocks {
		c.diags = append(c.diags, errorAt(inner.TypeRange, "Unexpected block",
			fmt.Sprintf("%s block holds only the attributes %s, not a %q block. Steps follow one another at the same level.", article(block.Type), list(allowed, "and"), inner.Type)))
	}
}

func (c *compiler) unknownAttribute(block *hclsyntax.Block, attr *hclsyntax.Attribute, allowed []string) {
	c.diags = append(c.diags, errorAt(attr.NameRange, "Unknown attribute",
		fmt.Sprintf("%s blocks take %s, not %q.%s", capitalize(block.Type), list(allowed, "and"), attr.Name, didYouMean(attr.Name, allowed))))
}

func (c *compiler) missing(block *hclsyntax.Block, name, what string) {
	c.diags = append(c.diags, errorAt(block.TypeRange, "Missing "+name,
		fmt.Sprintf("%s block needs %s: %s.", article(block.Type), name, what)))
}

func article(blockType string) string {
	if strings.ContainsRune("aeiou", rune(blockType[0])) {
		return "An " + blockType
	}
	return "A " + blockType
}

// duration evaluates a duration string and returns its canonical form.
func (c *compiler) duration(expr hclsyntax.Expression, use usage) (string, bool) {
	text, ok := c.str(expr, use)
	if !ok {
		return "", false
	}
	return c.canonicalDuration(expr, text)
}

// optionalDuration is duration for an attribute that null leaves unset ("").
func (c *compiler) optionalDuration(expr hclsyntax.Expression, use usage) (string, bool) {
	text, null, ok := c.strOrNull(expr, use)
	if !ok || null {
		return "", ok
	}
	return c.canonicalDuration(expr, text)
}

func (c *compiler) canonicalDuration(expr hclsyntax.Expression, text string) (string, bool) {
	canon, err := definition.CanonicalDuration(text)
	if err != nil {
		c.diags = append(c.diags, errorAt(expr.Range(), "Invalid duration", capitalize(err.Error())+"."))
		return "", false
	}
	return canon, true
}
