package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Decompile writes a definition as canonical DSL text: defaults and empty branches left out,
// contact attributes on the left of comparisons, laid out as Format lays it out. For every
// valid definition d (as definition.Parse returns it), compiling the text gives d again.
func Decompile(def *definition.Definition) []byte {
	if def == nil {
		return nil
	}
	f := hclwrite.NewEmptyFile()
	writeSteps(f.Body(), def.Steps)
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

func writeSteps(body *hclwrite.Body, steps []definition.Step) {
	for i := range steps {
		if i > 0 {
			body.AppendNewline()
		}
		writeStep(body, &steps[i])
	}
}

func writeStep(body *hclwrite.Body, step *definition.Step) {
	block := body.AppendNewBlock(step.Type, nil).Body()
	switch step.Type {
	case definition.StepEmail:
		block.SetAttributeRaw(attrTemplate, expression(quote(step.TemplateID)))
		if step.Delay != "" && step.Delay != definition.DefaultEmailDelay {
			block.SetAttributeRaw(attrDelay, expression(quote(step.Delay)))
		}
	case definition.StepDelay:
		block.SetAttributeRaw(attrDuration, expression(quote(step.Duration)))
	case definition.StepCondition:
		if step.If != nil {
			block.SetAttributeRaw(attrWhen, expression(ruleText(step.If)))
		}
		writeBranch(block, blockThen, step.Then)
		writeBranch(block, blockElse, step.Else)
	}
}

// writeBranch writes a then or else block; an empty branch is the default and is left out.
func writeBranch(body *hclwrite.Body, name string, steps []definition.Step) {
	if len(steps) == 0 {
		return
	}
	body.AppendNewline()
	writeSteps(body.AppendNewBlock(name, nil).Body(), steps)
}

// expression wraps expression text as tokens; hclwrite.Format lexes the written file again,
// so one token holding the whole text is enough.
func expression(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(text)}}
}
