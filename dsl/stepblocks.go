package dsl

import (
	"fmt"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// The DSL's step blocks are derived from the definition's step table: each step type is a
// block of its name, each field an attribute, and each step list a nested block. Compile,
// Decompile and the messages read these specs, so a new step type needs no change here.

// blockSpec is the DSL form of a step type.
type blockSpec struct {
	typ definition.StepType
	// name is the block type, the step type's name.
	name string
	// attrs are the fields written as attributes, in the table's order.
	attrs []attrSpec
	// branches are the step lists, written as nested blocks.
	branches []branchSpec
	// example is the block with its first required attribute: email { template = "tmpl_welcome" }.
	example string
}

// attrSpec is a field written as an attribute.
type attrSpec struct {
	field *definition.Field
	// name is the attribute's name: the field's JSON key, or its DSL spelling (attrNames).
	name string
	// use names the value in messages: "the email's delay".
	use usage
	// example is an example value in the DSL: `"2d"`, `contact.plan == "pro"`.
	example string
}

// branchSpec is a step list written as a nested block.
type branchSpec struct {
	field *definition.Field
	name  string
	// at says where its steps stand, for messages: "a then block".
	at level
}

// attrNames spells the step fields whose DSL attribute is not their JSON key.
var attrNames = map[string]string{
	"templateId": "template",
	"if":         "when",
}

// ruleExample is the example of a rule attribute, the DSL form of the definition's example.
const ruleExample = `contact.plan == "pro"`

var (
	blocks = deriveBlocks()
	// stepBlocks are the names of the step blocks; topBlocks add what the top level holds.
	stepBlocks = blockNames()
	topBlocks  = append(blockNames(), blockLocals)
)

func deriveBlocks() []blockSpec {
	types := definition.StepTypes()
	specs := make([]blockSpec, len(types))
	for i, t := range types {
		spec := blockSpec{typ: t, name: string(t)}
		fields := t.Fields()
		for j := range fields {
			f := &fields[j]
			name := f.Name
			if spelt, ok := attrNames[name]; ok {
				name = spelt
			}
			if f.Kind.Shape() == definition.ShapeSteps {
				spec.branches = append(spec.branches, branchSpec{field: f, name: name, at: level(withArticle(name) + " block")})
				continue
			}
			example := f.Example
			if f.Kind.Shape() == definition.ShapeRule {
				example = ruleExample
			}
			spec.attrs = append(spec.attrs, attrSpec{field: f, name: name, use: usage("the " + spec.name + "'s " + name), example: example})
		}
		for _, a := range spec.attrs {
			if a.field.Required {
				spec.example = fmt.Sprintf("%s { %s = %s }", spec.name, a.name, a.example)
				break
			}
		}
		specs[i] = spec
	}
	return specs
}

func blockNames() []string {
	names := make([]string, len(blocks))
	for i := range blocks {
		names[i] = blocks[i].name
	}
	return names
}

// blockNamed is the step block of a block type, or nil.
func blockNamed(name string) *blockSpec {
	for i := range blocks {
		if blocks[i].name == name {
			return &blocks[i]
		}
	}
	return nil
}

// blockOf is the step block of a step type that Parse or Compile accepted.
func blockOf(t definition.StepType) *blockSpec {
	spec := blockNamed(string(t))
	if spec == nil {
		panic(fmt.Sprintf("dsl: unknown step type %q; expected one of %s", t, prose.Quoted(stepBlocks, "or")))
	}
	return spec
}

// attrNamesOf lists a block's attribute names.
func (b *blockSpec) attrNamesOf() []string {
	names := make([]string, len(b.attrs))
	for i, a := range b.attrs {
		names[i] = a.name
	}
	return names
}

// branchNames lists a block's nested block names.
func (b *blockSpec) branchNames() []string {
	names := make([]string, len(b.branches))
	for i, br := range b.branches {
		names[i] = br.name
	}
	return names
}

// attr is the attribute of a block named name, or nil.
func (b *blockSpec) attr(name string) *attrSpec {
	for i := range b.attrs {
		if b.attrs[i].name == name {
			return &b.attrs[i]
		}
	}
	return nil
}

// assignment writes an attribute with its example value: template = "tmpl_welcome".
func (a *attrSpec) assignment() string { return a.name + " = " + a.example }
