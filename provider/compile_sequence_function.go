package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = compileSequenceFunction{}

// compileSequenceFunction is provider::kraiter::compile_sequence(source, vars): the sequence
// DSL compiled to definition JSON, like the kraiter_sequence_definition data source.
type compileSequenceFunction struct{}

func newCompileSequenceFunction() function.Function { return compileSequenceFunction{} }

func (compileSequenceFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "compile_sequence"
}

func (compileSequenceFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Compile sequence DSL to a definition",
		MarkdownDescription: "Compiles a sequence written in the Kraiter sequence DSL to the canonical JSON definition that " +
			"`kraiter_sequence` takes, like the `kraiter_sequence_definition` data source. Errors list each problem as " +
			"`" + defaultDSLFilename + ":LINE:COL: summary: detail`.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "source",
				MarkdownDescription: "The DSL text, usually read with `file(\"onboarding.kraiter.hcl\")`.",
			},
			function.MapParameter{
				Name:                "vars",
				ElementType:         types.StringType,
				MarkdownDescription: "Values of the `var.NAME` references in the source; `{}` when it has none.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (compileSequenceFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var source string
	var varsMap types.Map
	resp.Error = req.Arguments.Get(ctx, &source, &varsMap)
	if resp.Error != nil {
		return
	}
	// Terraform calls the function only with known arguments, so vars is never unknown here.
	vars, _, problem := dslVars(ctx, varsMap)
	if problem != "" {
		resp.Error = function.NewArgumentFuncError(1, problem)
		return
	}
	out, dslDiags := compileDSL(source, defaultDSLFilename, vars)
	if dslDiags.HasErrors() {
		resp.Error = function.NewArgumentFuncError(0, dslErrorText(dslDiags, defaultDSLFilename))
		return
	}
	resp.Error = resp.Result.Set(ctx, out)
}
