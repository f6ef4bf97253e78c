package main

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"

	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// TestDefinitionHCLEncodesToTheTypicalDefinition evaluates jsonencode(...) of the generated
// HCL as Terraform would, and compares it with testgen.Typical: the plans and bench/providerbench
// must carry the same definition.
func TestDefinitionHCLEncodesToTheTypicalDefinition(t *testing.T) {
	t.Parallel()
	tokens, err := definitionHCL()
	if err != nil {
		t.Fatal(err)
	}
	expr, diags := hclsyntax.ParseExpression([]byte("jsonencode("+string(tokens.Bytes())+")"), "def.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	val, diags := expr.Value(&hcl.EvalContext{Functions: map[string]function.Function{"jsonencode": stdlib.JSONEncodeFunc}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got := val.AsString(); got != testgen.Typical() {
		t.Errorf("jsonencode of the HCL =\n%s\nwant\n%s", got, testgen.Typical())
	}
}

func TestConfigurationOfEachKind(t *testing.T) {
	t.Parallel()
	tokens, err := definitionHCL()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		k              kind
		want, unwanted []string
	}{
		{terraformData, []string{`resource "terraform_data" "bench"`, "count = 7", "input = {", `id   = "seq_n7_${count.index}"`}, []string{"required_providers", "triggers = ["}},
		{floorMin, []string{`floor = { source = "bench/floor" }`, `resource "floor_min" "bench"`, "definition = jsonencode({"}, []string{"input", "triggers = ["}},
		{kraiterSequence, []string{`kraiter = { source = "kraiter/kraiter" }`, `triggers = [{ type = "event", event_name = "signed_up" }]`}, []string{"input"}},
		{floorNoTriggers, []string{`resource "floor_sequence_no_triggers" "bench"`}, []string{"triggers = ["}},
	}
	for _, tt := range tests {
		got := string(configuration(tt.k, 7, tokens))
		if _, diags := hclsyntax.ParseConfig([]byte(got), "main.tf", hcl.InitialPos); diags.HasErrors() {
			t.Errorf("%s: the configuration does not parse: %v\n%s", tt.k.name, diags, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: the configuration lacks %q:\n%s", tt.k.name, w, got)
			}
		}
		for _, u := range tt.unwanted {
			if strings.Contains(got, u) {
				t.Errorf("%s: the configuration has %q:\n%s", tt.k.name, u, got)
			}
		}
	}
}

func TestCLIConfigOverridesEachProvider(t *testing.T) {
	t.Parallel()
	got := string(cliConfig(map[string]string{"kraiter": "/p/kraiter", "floor": "/p/floor"}))
	want := `provider_installation {
  dev_overrides {
    "registry.opentofu.org/bench/floor" = "/p/floor"
    "registry.opentofu.org/kraiter/kraiter" = "/p/kraiter"
  }
  direct {}
}
`
	if got != want {
		t.Errorf("cliConfig =\n%s\nwant\n%s", got, want)
	}
}
