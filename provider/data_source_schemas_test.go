package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
)

// TestDataSourceSchemas_documented checks that every data source's schema is valid and that
// it and each of its attributes, nested ones included, has a description for the docs.
func TestDataSourceSchemas_documented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, newDS := range (&kraiterProvider{}).DataSources(ctx) {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "kraiter"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var resp datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("schema: %v", resp.Diagnostics)
			}
			if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
				t.Fatalf("invalid schema: %v", diags)
			}
			if resp.Schema.MarkdownDescription == "" {
				t.Error("the data source has no MarkdownDescription")
			}
			checkDocumented(t, "", resp.Schema.Attributes)
		})
	}
}

func checkDocumented(t *testing.T, prefix string, attrs map[string]schema.Attribute) {
	t.Helper()
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("attribute %s%s has no MarkdownDescription", prefix, name)
		}
		switch n := a.(type) {
		case schema.ListNestedAttribute:
			checkDocumented(t, prefix+name+".", n.NestedObject.Attributes)
		case schema.SetNestedAttribute:
			checkDocumented(t, prefix+name+".", n.NestedObject.Attributes)
		}
	}
}

func TestCompileSequenceFunction_documented(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var resp function.DefinitionResponse
	newCompileSequenceFunction().Definition(ctx, function.DefinitionRequest{}, &resp)
	if resp.Definition.Summary == "" || resp.Definition.MarkdownDescription == "" {
		t.Error("the function has no summary or description")
	}
	for _, p := range resp.Definition.Parameters {
		if p.GetMarkdownDescription() == "" {
			t.Errorf("parameter %s has no MarkdownDescription", p.GetName())
		}
	}
	var valid function.DefinitionValidateResponse
	resp.Definition.ValidateImplementation(ctx, function.DefinitionValidateRequest{FuncName: "compile_sequence"}, &valid)
	if valid.Diagnostics.HasError() {
		t.Errorf("invalid definition: %v", valid.Diagnostics)
	}
}
