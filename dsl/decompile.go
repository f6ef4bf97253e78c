package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Decompile writes a definition as canonical DSL text: defaults and empty branches left out,
// contact attributes on the left of comparisons, rules too long for one line broken at their
// && and || (see ruleLayout), laid out as Format lays it out. For every valid definition d
// (as definition.Parse returns it), compiling the text gives d again.
func Decompile(def *definition.Definition) []byte {
	if def == nil {
		return nil
	}
	f := hclwrite.NewEmptyFile()
	writeSteps(f.Body(), def.Steps, 0)
	return hclwrite.Format(f.Bytes())
}

// DecompileJSON parses definition JSON (with definition.Parse) and decompiles it.
func DecompileJSON(data []byte) ([]byte, error) {
	def, err := definition.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("decompile: %w", err)
	}
	return Decompile(def), nil
}

// writeSteps writes a list of steps; depth counts the blocks around it, for the indentation
// that rules are laid out with.
func writeSteps(body *hclwrite.Body, steps []definition.Step, depth int) {
	for i := range steps {
		if i > 0 {
			body.AppendNewline()
		}
		writeStep(body, &steps[i], depth)
	}
}

// writeStep writes a step as its block: an attribute per field that is not left at its
// default, then a nested block per step list that is not empty.
func writeStep(body *hclwrite.Body, step *definition.Step, depth int) {
	spec := blockOf(step.Type)
	block := body.AppendNewBlock(spec.name, nil).Body()
	for i := range spec.attrs {
		a := &spec.attrs[i]
		f := a.field
		switch f.Kind.Shape() {
		case definition.ShapeText:
			if v := f.Text(step); f.Required || (v != "" && v != f.Default) {
				block.SetAttributeRaw(a.name, expression(Quote(v)))
			}
		case definition.ShapeRule:
			if r := f.Rule(step); r != nil {
				block.SetAttributeRaw(a.name, expression(ruleLayout(r, indentWidth*(depth+1), a.name)))
			}
		case definition.ShapeSteps: // nested blocks, written below
		default:
			panic(fmt.Sprintf("dsl: field %q of step type %q has the unknown kind %v", f.Name, step.Type, f.Kind))
		}
	}
	for _, br := range spec.branches {
		writeBranch(block, br.name, br.field.Steps(step), depth+1)
	}
}

// writeBranch writes a nested block of steps; an empty one is the default and is left out.
func writeBranch(body *hclwrite.Body, name string, steps []definition.Step, depth int) {
	if len(steps) == 0 {
		return
	}
	body.AppendNewline()
	writeSteps(body.AppendNewBlock(name, nil).Body(), steps, depth+1)
}

// expression wraps expression text as tokens; hclwrite.Format lexes the written file again,
// so one token holding the whole text is enough.
func expression(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(text)}}
}
