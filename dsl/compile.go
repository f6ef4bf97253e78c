package dsl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// Options configure a compilation.
type Options struct {
	// Filename names the source in diagnostics; "<input>" when empty.
	Filename string
	// Vars are the values of var.NAME. They are strings; tonumber and tobool convert them.
	Vars map[string]string
}

// Result is a compiled sequence.
type Result struct {
	// Definition is the compiled definition, defaults filled, as definition.Parse returns it.
	Definition *definition.Definition
	// JSON is Definition.Canonical(): the same bytes for the same source and vars.
	JSON []byte
}

const defaultFilename = "<input>"

// compiler holds the state of one compilation.
type compiler struct {
	*scope
	filename string
	// ranges maps definition paths ("steps[2].if.all[0].value") to the source that produced
	// them, to place the problems definition.Parse finds.
	ranges     map[string]hcl.Range
	steps      int
	firstExtra *hcl.Range // the first step beyond definition.MaxSteps
}

// Compile compiles DSL source to a definition. Every problem of the file is reported, in
// source order; on any error the result is nil.
func Compile(src []byte, opts Options) (*Result, hcl.Diagnostics) {
	filename := opts.Filename
	if filename == "" {
		filename = defaultFilename
	}
	file, diags := ParseConfig(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	body := file.Body.(*hclsyntax.Body)
	c := &compiler{scope: newScope(src, opts.Vars, filename), filename: filename, ranges: map[string]hcl.Range{}}
	for _, block := range body.Blocks {
		if block.Type == blockLocals {
			c.noLabels(block)
			c.addLocals(block)
		}
	}
	c.evalLocals()
	steps := c.stepList(body, "steps", 0, levelTop)
	c.checkCounts(body, steps)
	diags = append(diags, c.diags...)
	if diags.HasErrors() {
		SortDiagnostics(diags)
		return nil, diags
	}
	def, problems := c.finalCheck(&definition.Definition{Steps: steps})
	if problems.HasErrors() {
		return nil, append(diags, problems...)
	}
	return &Result{Definition: def, JSON: []byte(def.Canonical())}, diags
}

// checkCounts reports an empty sequence and one with too many steps.
func (c *compiler) checkCounts(body *hclsyntax.Body, steps []definition.Step) {
	if len(steps) == 0 && !c.hasNonLocalsBlock(body) {
		c.diags = append(c.diags, errorAt(fileStart(c.filename), "No steps",
			fmt.Sprintf("A sequence needs at least one step: %s block, such as %s.", withArticle(prose.Join(stepBlocks, "or")), blocks[0].example)))
	}
	if c.firstExtra != nil {
		c.diags = append(c.diags, errorAt(*c.firstExtra, "Too many steps",
			fmt.Sprintf("The sequence has %d steps, nested ones included; at most %d are allowed. This is step %d.", c.steps, definition.MaxSteps, definition.MaxSteps+1)))
	}
}

func (c *compiler) hasNonLocalsBlock(body *hclsyntax.Body) bool {
	for _, block := range body.Blocks {
		if block.Type != blockLocals {
			return true
		}
	}
	return len(body.Attributes) > 0
}

// finalCheck runs the definition's own validation on the compiled JSON, so that the DSL and
// the server agree on every limit, and places any problem at the source that produced it.
func (c *compiler) finalCheck(def *definition.Definition) (*definition.Definition, hcl.Diagnostics) {
	parsed, err := definition.ParseString(def.Canonical())
	if err == nil {
		return parsed, nil
	}
	var diags hcl.Diagnostics
	var verr *definition.ValidationError
	if !errors.As(err, &verr) {
		return nil, hcl.Diagnostics{errorAt(fileStart(c.filename), "Invalid definition", err.Error())}
	}
	for _, p := range verr.Problems {
		where := "is not valid"
		if p.Path != "" {
			where += " at " + p.Path
		}
		diags = append(diags, errorAt(c.rangeFor(p.Path), "Invalid definition",
			fmt.Sprintf("The compiled definition %s: %s.", where, strings.TrimSuffix(p.Message, "."))))
	}
	return nil, diags
}

// rangeFor finds the source of a definition path, or of its closest enclosing part.
func (c *compiler) rangeFor(path string) hcl.Range {
	for path != "" {
		if rng, ok := c.ranges[path]; ok {
			return rng
		}
		path = path[:max(strings.LastIndexAny(path, ".["), 0)]
	}
	return fileStart(c.filename)
}
