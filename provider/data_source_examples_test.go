package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// TestAccDataSourceExamples_apply applies the documented examples of the data sources that
// read the API, as they are, against a local server holding the sequence and contacts they
// name; the provider finds the server through its environment variables.
func TestAccDataSourceExamples_apply(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	t.Setenv(EnvBaseURL, inst.URL)
	t.Setenv(EnvAPIKey, inst.APIKey)

	inst.CreateSequence(t, "seq_onboarding", "Onboarding drip", `{"steps":[
	  {"type":"email","templateId":"tmpl_welcome"},
	  {"type":"delay","duration":"1d"},
	  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
	   "then":[{"type":"email","templateId":"tmpl_pro_tips"}],
	   "else":[{"type":"email","templateId":"tmpl_upgrade"}]}]}`,
		localserver.Trigger{Type: "event", EventName: "signed_up"})
	inst.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	inst.CreateContact(t, "con_grace", "grace@example.com", map[string]any{"plan": "free", "seats": 3}, true)
	inst.CreateContact(t, "con_linus", "linus@example.com", map[string]any{"plan": "pro"}, false)
	// con_ada goes through the whole sequence; con_grace and con_linus are still in it.
	inst.SendEvent(t, "con_ada", "signed_up")
	inst.AdvanceClock(t, "2d")
	inst.SendEvent(t, "con_grace", "signed_up")
	inst.SendEvent(t, "con_linus", "signed_up")

	stringList := func(values ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(values))
		for i, v := range values {
			checks[i] = knownvalue.StringExact(v)
		}
		return knownvalue.ListExact(checks)
	}
	tests := []struct {
		dataSource string
		outputs    map[string]knownvalue.Check
	}{
		{"kraiter_sequence", map[string]knownvalue.Check{
			"onboarding_email_templates": stringList("tmpl_welcome"),
			"onboarding_events":          stringList("signed_up"),
		}},
		{"kraiter_sequences", map[string]knownvalue.Check{
			"sequence_names": knownvalue.MapExact(map[string]knownvalue.Check{"seq_onboarding": knownvalue.StringExact("Onboarding drip")}),
		}},
		{"kraiter_sequence_status", map[string]knownvalue.Check{
			"onboarding_enrolments": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"status":    knownvalue.StringExact("active"),
				"enrolled":  knownvalue.Int64Exact(3),
				"active":    knownvalue.Int64Exact(2),
				"completed": knownvalue.Int64Exact(1),
			}),
		}},
		{"kraiter_sequence_contacts", map[string]knownvalue.Check{
			"onboarding_contacts": stringList("grace@example.com"),
			"onboarding_seats":    knownvalue.ObjectExact(map[string]knownvalue.Check{"con_grace": knownvalue.Int64Exact(3)}),
		}},
		{"kraiter_sequence_sends", map[string]knownvalue.Check{
			"onboarding_sends_per_template": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"tmpl_welcome":  knownvalue.ListSizeExact(2),
				"tmpl_pro_tips": knownvalue.ListSizeExact(1),
			}),
			"onboarding_failed_sends": knownvalue.ListExact([]knownvalue.Check{}),
		}},
		{"kraiter_sequence_dry_run", map[string]knownvalue.Check{
			"ada_would_receive": stringList("tmpl_welcome", "tmpl_pro_tips"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dataSource, func(t *testing.T) {
			var checks []statecheck.StateCheck
			for name, want := range tt.outputs {
				checks = append(checks, statecheck.ExpectKnownOutputValue(name, want))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					ConfigDirectory:   config.StaticDirectory("../examples/data-sources/" + tt.dataSource),
					ConfigStateChecks: checks,
				}},
			})
		})
	}
}
