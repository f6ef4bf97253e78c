package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// offlineProviderConfig configures the provider with an address where nothing listens: the
// DSL data source and function must not need the API.
// offlineProviderConfig configures the provider without an API key: the offline function and
// data sources need none.
const offlineProviderConfig = `
provider "kraiter" {}
`

// onboardingDSL compiles to onboardingJSON.
const onboardingDSL = `# Welcome, wait, then tips for pro contacts.
email {
  template = "tmpl_welcome"
}

delay {
  duration = "2d"
}

condition {
  when = contact.plan == "pro"
  then {
    email { template = "tmpl_pro_tips" }
  }
}
`

const onboardingJSON = `{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"},{"type":"delay","duration":"2d"},` +
	`{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"email","templateId":"tmpl_pro_tips","delay":"0d"}],"else":[]}]}`

// badDSL has an unknown block type at line 5, column 1.
const badDSL = `email {
  template = "tmpl_welcome"
}

sms {
  text = "hi"
}
`

func TestAccSequenceDefinitionDataSource_file(t *testing.T) {
	testAccPreCheck(t)
	file := filepath.Join(t.TempDir(), "onboarding.kraiter.hcl")
	if err := os.WriteFile(file, []byte(onboardingDSL), 0o600); err != nil {
		t.Fatal(err)
	}
	const addr = "data.kraiter_sequence_definition.test"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: offlineProviderConfig + fmt.Sprintf(`
data "kraiter_sequence_definition" "test" {
  source = file(%q)
}
`, file),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("json"), knownvalue.StringExact(onboardingJSON)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("filename"), knownvalue.StringExact("sequence.kraiter.hcl")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("vars"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccSequenceDefinitionDataSource_vars(t *testing.T) {
	testAccPreCheck(t)
	const addr = "data.kraiter_sequence_definition.test"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			// "$${" keeps Terraform from interpolating the DSL's own template.
			Config: offlineProviderConfig + `
variable "locale" {
  type    = string
  default = "de"
}

data "kraiter_sequence_definition" "test" {
  source = <<-EOT
    email {
      template = "tmpl_getting_started_$${var.locale}"
      delay    = "1h"
    }
  EOT
  vars = {
    locale = var.locale
  }
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("json"),
					knownvalue.StringExact(`{"steps":[{"type":"email","templateId":"tmpl_getting_started_de","delay":"1h"}]}`)),
			},
		}},
	})
}

// TestAccSequenceDefinitionDataSource_unknownSource feeds the source from a resource that
// is created in the same apply: json is unknown in the plan and right after the apply.
func TestAccSequenceDefinitionDataSource_unknownSource(t *testing.T) {
	testAccPreCheck(t)
	const addr = "data.kraiter_sequence_definition.test"

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: offlineProviderConfig + fmt.Sprintf(`
resource "terraform_data" "source" {
  input = %q
}

data "kraiter_sequence_definition" "test" {
  source = terraform_data.source.output
}
`, onboardingDSL),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(addr, tfjsonpath.New("json"))},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("json"), knownvalue.StringExact(onboardingJSON)),
			},
		}},
	})
}

func TestAccSequenceDefinitionDataSource_dslError(t *testing.T) {
	testAccPreCheck(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: offlineProviderConfig + fmt.Sprintf(`
data "kraiter_sequence_definition" "test" {
  filename = "welcome.kraiter.hcl"
  source   = %q
}
`, badDSL),
			ExpectError: regexp.MustCompile(`Unknown block type[\s\S]*welcome\.kraiter\.hcl:5:1: "sms" is not a block`),
		}},
	})
}

func TestAccSequenceDefinitionDataSource_nullVar(t *testing.T) {
	testAccPreCheck(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: offlineProviderConfig + `
data "kraiter_sequence_definition" "test" {
  source = "email {\n  template = \"tmpl_welcome\"\n}\n"
  vars = {
    locale = null
  }
}
`,
			ExpectError: regexp.MustCompile(`vars\["locale"\] is null`),
		}},
	})
}

func TestCompileDefinitionConfig(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	known := types.StringValue(onboardingDSL)
	varsOf := func(elems map[string]attr.Value) types.Map {
		return types.MapValueMust(types.StringType, elems)
	}
	tests := []struct {
		name     string
		cfg      sequenceDefinitionDataSourceModel
		want     types.String
		wantDiag string // detail prefix of the only error, or "" for none
	}{
		{
			name: "compiles",
			cfg:  sequenceDefinitionDataSourceModel{Source: known, Filename: types.StringNull(), Vars: types.MapNull(types.StringType)},
			want: types.StringValue(onboardingJSON),
		},
		{
			name: "unknown source",
			cfg:  sequenceDefinitionDataSourceModel{Source: types.StringUnknown(), Filename: types.StringNull(), Vars: types.MapNull(types.StringType)},
			want: types.StringUnknown(),
		},
		{
			name: "unknown vars",
			cfg:  sequenceDefinitionDataSourceModel{Source: known, Filename: types.StringNull(), Vars: types.MapUnknown(types.StringType)},
			want: types.StringUnknown(),
		},
		{
			name: "one unknown var",
			cfg: sequenceDefinitionDataSourceModel{Source: known, Filename: types.StringNull(),
				Vars: varsOf(map[string]attr.Value{"a": types.StringValue("x"), "b": types.StringUnknown()})},
			want: types.StringUnknown(),
		},
		{
			name: "unknown filename",
			cfg:  sequenceDefinitionDataSourceModel{Source: known, Filename: types.StringUnknown(), Vars: types.MapNull(types.StringType)},
			want: types.StringUnknown(),
		},
		{
			name: "null var",
			cfg: sequenceDefinitionDataSourceModel{Source: known, Filename: types.StringNull(),
				Vars: varsOf(map[string]attr.Value{"a": types.StringNull()})},
			want:     types.StringNull(),
			wantDiag: `vars["a"] is null`,
		},
		{
			name:     "DSL error with default file name",
			cfg:      sequenceDefinitionDataSourceModel{Source: types.StringValue(badDSL), Filename: types.StringNull(), Vars: types.MapNull(types.StringType)},
			want:     types.StringNull(),
			wantDiag: "sequence.kraiter.hcl:5:1:",
		},
		{
			name:     "DSL error with file name",
			cfg:      sequenceDefinitionDataSourceModel{Source: types.StringValue(badDSL), Filename: types.StringValue("x.hcl"), Vars: types.MapNull(types.StringType)},
			want:     types.StringNull(),
			wantDiag: "x.hcl:5:1:",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			got, _ := compileDefinitionConfig(ctx, tt.cfg, &diags)
			if !got.Equal(tt.want) {
				t.Errorf("json = %s, want %s", got, tt.want)
			}
			errs := diags.Errors()
			if tt.wantDiag == "" {
				if len(errs) > 0 {
					t.Fatalf("unexpected diagnostics: %v", errs)
				}
				return
			}
			if len(errs) != 1 {
				t.Fatalf("got %d errors %v, want 1", len(errs), errs)
			}
			if detail := errs[0].Detail(); !strings.HasPrefix(detail, tt.wantDiag) {
				t.Errorf("detail %q does not start with %q", detail, tt.wantDiag)
			}
		})
	}
}
