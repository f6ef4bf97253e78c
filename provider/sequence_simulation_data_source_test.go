package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// routingDSL sends tips to pro contacts after two days, and an upgrade offer to the others
// unless they purchased within a week of the condition.
const routingDSL = `
email { template = "tmpl_welcome" }
delay { duration = "2d" }
condition {
  when = contact.plan == "pro"
  then {
    email { template = "tmpl_pro_tips" }
  }
  else {
    condition {
      when = !performed("purchased", "7d")
      then {
        email {
          template = "tmpl_upgrade"
          delay    = "1h"
        }
      }
    }
  }
}
`

// simulationConfig is a provider without an API key and one simulation of routingDSL.
func simulationConfig(body string) string {
	return offlineProviderConfig + fmt.Sprintf(`
data "kraiter_sequence_simulation" "test" {
  source   = %q
  filename = "routing.kraiter.hcl"
%s
}
`, routingDSL, body)
}

const simAddr = "data.kraiter_sequence_simulation.test"

func TestAccSequenceSimulation_timeline(t *testing.T) {
	testAccPreCheck(t)
	t.Setenv(EnvAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				// A free contact that purchases on day 3, after the condition is reached on
				// day 2: the purchase does not count, and the upgrade offer goes out an hour
				// later.
				Config: simulationConfig(`
  attributes = { plan = "free", seats = 3 }
  events     = [{ name = "purchased", after = "3d" }]
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("sent_templates"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("tmpl_welcome"), knownvalue.StringExact("tmpl_upgrade"),
					})),
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("sends").AtSliceIndex(1), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"template_id":   knownvalue.StringExact("tmpl_upgrade"),
						"after":         knownvalue.StringExact("2d1h"),
						"after_minutes": knownvalue.Int64Exact(2*24*60 + 60),
						"path":          knownvalue.StringExact("steps[2].else[0].then[0]"),
					})),
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("completed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("steps").AtSliceIndex(2).AtMapKey("matched"), knownvalue.Bool(false)),
				},
			},
			{
				// A purchase the day before the condition falls inside the window.
				Config: simulationConfig(`
  attributes = { plan = "free" }
  events     = [{ name = "purchased", after = "1d" }]
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("sent_templates"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("tmpl_welcome")})),
				},
			},
			{
				// Stopped after a day, and unsubscribed: nothing sent, not completed.
				Config: simulationConfig(`
  attributes = { plan = "pro" }
  subscribed = false
  until      = "1d"
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("sends"), knownvalue.ListSizeExact(0)),
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("completed"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(simAddr, tfjsonpath.New("steps").AtSliceIndex(0).AtMapKey("reason"), knownvalue.StringExact("unsubscribed")),
				},
			},
		},
	})
}

// expectCheckFailed asserts that the plan records the check block name as failed, with a
// problem message containing want: Terraform and OpenTofu report a failed check block as a
// warning in the plan, and as this status in its JSON.
type expectCheckFailed struct{ name, want string }

func (e expectCheckFailed) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, c := range req.Plan.Checks {
		if c.Address.Kind != tfjson.CheckKindCheckBlock || c.Address.Name != e.name {
			continue
		}
		if c.Status != tfjson.CheckStatusFail {
			resp.Error = fmt.Errorf("check %q has status %q, want %q", e.name, c.Status, tfjson.CheckStatusFail)
			return
		}
		for _, inst := range c.Instances {
			for _, p := range inst.Problems {
				if strings.Contains(p.Message, e.want) {
					return
				}
			}
		}
		resp.Error = fmt.Errorf("check %q failed without a problem that says %q", e.name, e.want)
		return
	}
	resp.Error = fmt.Errorf("the plan has no result for check %q", e.name)
}

// TestAccSequenceSimulation_judgesAPlanWithoutAPIKey: with no API key and no API, a change
// that stops pro contacts from getting their tips is caught at plan time, by a check block (a
// failed check in the plan) and by a postcondition (a failed plan).
func TestAccSequenceSimulation_judgesAPlanWithoutAPIKey(t *testing.T) {
	testAccPreCheck(t)
	t.Setenv(EnvAPIKey, "")
	broken := strings.Replace(routingDSL, `contact.plan == "pro"`, `contact.plan == "enterprise"`, 1)
	// config simulates a pro contact through source; lifecycle goes inside the data source,
	// after beside it.
	config := func(source, lifecycle, after string) string {
		return offlineProviderConfig + fmt.Sprintf(`
data "kraiter_sequence_simulation" "pro" {
  source     = %q
  filename   = "routing.kraiter.hcl"
  attributes = { plan = "pro" }
%s
}
%s
`, source, lifecycle, after)
	}
	const checkBlock = `
check "pro_contacts_get_tips" {
  assert {
    condition     = contains(data.kraiter_sequence_simulation.pro.sent_templates, "tmpl_pro_tips")
    error_message = "A pro contact would no longer get tmpl_pro_tips."
  }
}
`
	const postcondition = `
  lifecycle {
    postcondition {
      condition     = contains(self.sent_templates, "tmpl_pro_tips")
      error_message = "A pro contact would no longer get tmpl_pro_tips."
    }
  }
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config:   config(broken, "", checkBlock),
				PlanOnly: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPreRefresh: []plancheck.PlanCheck{expectCheckFailed{name: "pro_contacts_get_tips", want: "no longer get tmpl_pro_tips"}},
				},
			},
			{
				Config:      config(broken, postcondition, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`A pro contact would no longer get tmpl_pro_tips`),
			},
			{Config: config(routingDSL, postcondition, checkBlock), PlanOnly: true},
		},
	})
}

func TestAccSequenceSimulation_errors(t *testing.T) {
	testAccPreCheck(t)
	cases := []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{
			name: "definition and source",
			config: `
data "kraiter_sequence_simulation" "test" {
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  source     = "delay { duration = \"1d\" }"
}`,
			want: regexp.MustCompile(`(?s)Invalid Attribute Combination.*definition.*source`),
		},
		{
			name: "bad DSL names its file and line",
			config: `
data "kraiter_sequence_simulation" "test" {
  source   = "email { template = \"tmpl_welcome\" }\ndelay { duration = \"2 days\" }\n"
  filename = "routing.kraiter.hcl"
}`,
			want: regexp.MustCompile(`routing\.kraiter\.hcl:2:\d+`),
		},
		{
			name: "bad definition names its path",
			config: `
data "kraiter_sequence_simulation" "test" {
  definition = jsonencode({ steps = [{ type = "emial", templateId = "x" }] })
}`,
			want: regexp.MustCompile(`steps\[0\]\.type.*did you mean "email"`),
		},
		{
			name: "bad time",
			config: `
data "kraiter_sequence_simulation" "test" {
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  events     = [{ name = "purchased", after = "3 days" }]
}`,
			want: regexp.MustCompile(`"3 days" is not a time after the enrolment`),
		},
		{
			name: "event with after and before",
			config: `
data "kraiter_sequence_simulation" "test" {
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  events     = [{ name = "purchased", after = "3d", before = "1d" }]
}`,
			want: regexp.MustCompile(`(?s)Invalid Attribute Combination.*after.*before`),
		},
		{
			name: "attributes that are not an object",
			config: `
data "kraiter_sequence_simulation" "test" {
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  attributes = ["pro"]
}`,
			want: regexp.MustCompile(`attributes must be an object`),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps:                    []resource.TestStep{{Config: offlineProviderConfig + tc.config, PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
}
