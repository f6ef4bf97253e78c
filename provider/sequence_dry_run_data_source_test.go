package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// dryRunStep checks one step; the fields not given must be null.
func dryRunStep(path, typ string, fields map[string]knownvalue.Check) knownvalue.Check {
	want := map[string]knownvalue.Check{
		"path":        knownvalue.StringExact(path),
		"type":        knownvalue.StringExact(typ),
		"template_id": knownvalue.Null(),
		"would_send":  knownvalue.Null(),
		"duration":    knownvalue.Null(),
		"matched":     knownvalue.Null(),
		"reason":      knownvalue.Null(),
	}
	for k, v := range fields {
		want[k] = v
	}
	return knownvalue.ObjectExact(want)
}

func TestAccSequenceDryRunDataSource_paths(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	enrolmentFixture(t, inst)
	steps := tfjsonpath.New("steps")
	delay := dryRunStep("steps[1]", "delay", map[string]knownvalue.Check{"duration": knownvalue.StringExact("2d")})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + `
# con_ada is on the pro plan and subscribed.
data "kraiter_sequence_dry_run" "ada" {
  sequence_id = "seq_drip"
  contact_id = "con_ada"
}

# con_cy is on the free plan and unsubscribed.
data "kraiter_sequence_dry_run" "cy" {
  sequence_id = "seq_drip"
  contact_id = "con_cy"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.kraiter_sequence_dry_run.ada", tfjsonpath.New("contact_id"), knownvalue.StringExact("con_ada")),
				statecheck.ExpectKnownValue("data.kraiter_sequence_dry_run.ada", steps, knownvalue.ListExact([]knownvalue.Check{
					dryRunStep("steps[0]", "email", map[string]knownvalue.Check{
						"template_id": knownvalue.StringExact("tmpl_welcome"), "would_send": knownvalue.Bool(true),
					}),
					delay,
					dryRunStep("steps[2]", "condition", map[string]knownvalue.Check{"matched": knownvalue.Bool(true)}),
					dryRunStep("steps[2].then[0]", "email", map[string]knownvalue.Check{
						"template_id": knownvalue.StringExact("tmpl_pro_tips"), "would_send": knownvalue.Bool(true),
					}),
				})),
				statecheck.ExpectKnownValue("data.kraiter_sequence_dry_run.cy", steps, knownvalue.ListExact([]knownvalue.Check{
					dryRunStep("steps[0]", "email", map[string]knownvalue.Check{
						"template_id": knownvalue.StringExact("tmpl_welcome"), "would_send": knownvalue.Bool(false),
						"reason": knownvalue.StringExact("unsubscribed"),
					}),
					delay,
					dryRunStep("steps[2]", "condition", map[string]knownvalue.Check{"matched": knownvalue.Bool(false)}),
					dryRunStep("steps[2].else[0]", "email", map[string]knownvalue.Check{
						"template_id": knownvalue.StringExact("tmpl_upgrade"), "would_send": knownvalue.Bool(false),
						"duration": knownvalue.StringExact("1h"), "reason": knownvalue.StringExact("unsubscribed"),
					}),
				})),
			},
		}},
	})
}

func TestAccSequenceDryRunDataSource_notFound(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	enrolmentFixture(t, inst)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(inst) + `
data "kraiter_sequence_dry_run" "test" {
  sequence_id = "seq_drip"
  contact_id = "con_nobody"
}
`,
				ExpectError: regexp.MustCompile(`Sequence or contact not found[\s\S]*con_nobody`),
			},
			{
				Config: providerConfig(inst) + `
data "kraiter_sequence_dry_run" "test" {
  sequence_id = "seq_missing"
  contact_id = "con_ada"
}
`,
				ExpectError: regexp.MustCompile(`Sequence or contact not found[\s\S]*seq_missing`),
			},
		},
	})
}
