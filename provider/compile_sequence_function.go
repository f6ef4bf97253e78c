package provider

import (
	"context"
	"fmt"

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
			"`FILE:LINE:COL: summary: detail`, with FILE the optional third argument, such as " +
			"`compile_sequence(file(\"onboarding.kraiter.hcl\"), {}, \"onboarding.kraiter.hcl\")`.",
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
		VariadicParameter: function.StringParameter{
			Name: "filename",
			MarkdownDescription: "Optional: the file name that errors give for the source, usually the same path as in `file(...)`. " +
				"Defaults to `" + defaultDSLFilename + "`. At most one.",
		},
		Return: function.StringReturn{},
	}
}

func (compileSequenceFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var source string
	var varsMap types.Map
	var filenames []string
	resp.Error = req.Arguments.Get(ctx, &source, &varsMap, &filenames)
	if resp.Error != nil {
		return
	}
	filename := defaultDSLFilename
	switch {
	case len(filenames) > 1:
		resp.Error = function.NewArgumentFuncError(2, fmt.Sprintf("compile_sequence takes at most one file name, not %d; pass the DSL file's path, such as \"onboarding.kraiter.hcl\"", len(filenames)))
		return
	case len(filenames) == 1 && filenames[0] == "":
		resp.Error = function.NewArgumentFuncError(2, "the file name is empty; pass the DSL file's path, such as \"onboarding.kraiter.hcl\", or leave it out")
		return
	case len(filenames) == 1:
		filename = filenames[0]
	}
	// Terraform calls the function only with known arguments, so vars is never unknown here.
	vars, _, problem := dslVars(ctx, varsMap)
	if problem != "" {
		resp.Error = function.NewArgumentFuncError(1, problem)
		return
	}
	res, dslDiags := compileDSL(source, filename, vars)
	if res == nil {
		resp.Error = function.NewArgumentFuncError(0, dslErrorText(dslDiags, filename))
		return
	}
	resp.Error = resp.Result.Set(ctx, string(res.JSON))
}
