package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// functionTestCase runs config on Terraform 1.8 and later, and OpenTofu, which have
// provider-defined functions.
func functionTestCase(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    steps,
	}
}

func TestAccCompileSequenceFunction_basic(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, functionTestCase(resource.TestStep{
		Config: offlineProviderConfig + fmt.Sprintf(`
output "json" {
  value = provider::kraiter::compile_sequence(%q, {})
}
`, onboardingDSL),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("json", knownvalue.StringExact(onboardingJSON)),
		},
	}))
}

func TestAccCompileSequenceFunction_vars(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, functionTestCase(resource.TestStep{
		Config: offlineProviderConfig + `
locals {
  dsl = <<-EOT
    email {
      template = "tmpl_getting_started_$${var.locale}"
    }
  EOT
}

output "json" {
  value = provider::kraiter::compile_sequence(local.dsl, { locale = "fr" })
}
`,
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("json",
				knownvalue.StringExact(`{"steps":[{"type":"email","templateId":"tmpl_getting_started_fr","delay":"0d"}]}`)),
		},
	}))
}

func TestAccCompileSequenceFunction_dslErrorNamesTheFile(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, functionTestCase(resource.TestStep{
		Config: offlineProviderConfig + fmt.Sprintf(`
output "json" {
  value = provider::kraiter::compile_sequence(%q, {}, "sequences/welcome.kraiter.hcl")
}
`, badDSL),
		ExpectError: regexp.MustCompile(`sequences/welcome\.kraiter\.hcl:5:1: Unknown block type`),
	}))
}

func TestAccCompileSequenceFunction_dslError(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, functionTestCase(resource.TestStep{
		Config: offlineProviderConfig + fmt.Sprintf(`
output "json" {
  value = provider::kraiter::compile_sequence(%q, {})
}
`, badDSL),
		ExpectError: regexp.MustCompile(`sequence\.kraiter\.hcl:5:1: Unknown block type`),
	}))
}

func TestCompileSequenceFunctionRun(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	noVars := types.MapValueMust(types.StringType, map[string]attr.Value{})
	tests := []struct {
		name      string
		source    string
		vars      types.Map
		want      string
		wantError string // a part of the error text, or "" for success
		wantArg   int64
		filenames []string
	}{
		{name: "compiles", source: onboardingDSL, vars: noVars, want: onboardingJSON},
		{
			name:   "vars",
			source: "email {\n  template = \"tmpl_${var.kind}\"\n}\n",
			vars:   types.MapValueMust(types.StringType, map[string]attr.Value{"kind": types.StringValue("welcome")}),
			want:   `{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"}]}`,
		},
		{name: "DSL error", source: badDSL, vars: noVars, wantError: "\nsequence.kraiter.hcl:5:1: ", wantArg: 0},
		{
			name: "DSL error names the given file", source: badDSL, vars: noVars, filenames: []string{"sequences/onboarding.kraiter.hcl"},
			wantError: "\nsequences/onboarding.kraiter.hcl:5:1: ", wantArg: 0,
		},
		{
			name: "empty file name", source: onboardingDSL, vars: noVars, filenames: []string{""},
			wantError: "the file name is empty", wantArg: 2,
		},
		{
			name: "two file names", source: onboardingDSL, vars: noVars, filenames: []string{"a.kraiter.hcl", "b.kraiter.hcl"},
			wantError: "at most one file name", wantArg: 2,
		},
		{
			name:      "eight nested replace calls",
			source:    "email {\n  template = " + strings.Repeat("replace(", 8) + `"x"` + strings.Repeat(`, "x", "xxxxxxxxxxxxxxxx")`, 8) + "\n}\n",
			vars:      noVars,
			wantError: "\nsequence.kraiter.hcl:2:38: Value too large: replace would return 1048576 bytes",
		},
		{
			name:      "100,000 nested parentheses",
			source:    "email {\n  template = " + strings.Repeat("(", 100_000) + `"t"` + strings.Repeat(")", 100_000) + "\n}\n",
			vars:      noVars,
			wantError: "\nsequence.kraiter.hcl:2:269: Nested too deep",
		},
		{
			name:      "null var",
			source:    onboardingDSL,
			vars:      types.MapValueMust(types.StringType, map[string]attr.Value{"kind": types.StringNull()}),
			wantError: `vars["kind"] is null`,
			wantArg:   1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := make([]attr.Value, len(tt.filenames))
			nameTypes := make([]attr.Type, len(tt.filenames))
			for i, n := range tt.filenames {
				names[i], nameTypes[i] = types.StringValue(n), types.StringType
			}
			req := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{
				types.StringValue(tt.source), tt.vars, types.TupleValueMust(nameTypes, names),
			})}
			resp := function.RunResponse{Result: function.NewResultData(types.StringUnknown())}
			compileSequenceFunction{}.Run(ctx, req, &resp)
			if tt.wantError != "" {
				if resp.Error == nil {
					t.Fatalf("no error; result %s", resp.Result.Value())
				}
				if !strings.Contains(resp.Error.Text, tt.wantError) {
					t.Errorf("error %q does not contain %q", resp.Error.Text, tt.wantError)
				}
				if resp.Error.FunctionArgument == nil || *resp.Error.FunctionArgument != tt.wantArg {
					t.Errorf("error points at argument %v, want %d", resp.Error.FunctionArgument, tt.wantArg)
				}
				return
			}
			if resp.Error != nil {
				t.Fatalf("error: %s", resp.Error)
			}
			if got := resp.Result.Value(); !got.Equal(types.StringValue(tt.want)) {
				t.Errorf("result %s, want %q", got, tt.want)
			}
		})
	}
}
