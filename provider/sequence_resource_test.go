package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

const seqAddr = "kraiter_sequence.test"

// canonicalOnboarding is the definition most tests use, in canonical form.
const canonicalOnboarding = `{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"},{"type":"delay","duration":"2d"},` +
	`{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"email","templateId":"tmpl_pro_tips","delay":"0d"}],"else":[]}]}`

// onboardingHCL is canonicalOnboarding as an HCL string literal.
var onboardingHCL = strconv.Quote(canonicalOnboarding)

// apiClient talks to a test server directly, to look behind Terraform's back.
func apiClient(t *testing.T, inst *localservertest.Instance) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: inst.URL, APIKey: inst.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func sequenceConfig(inst *localservertest.Instance, body string) string {
	return providerConfig(inst) + fmt.Sprintf(`
resource "kraiter_sequence" "test" {
%s
}
`, body)
}

func TestAccSequence_createUpdateImport(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: sequenceConfig(inst, `
  id         = "seq_onboarding"
  name       = "Onboarding"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome" }] })
  triggers = [{ type = "event", event_name = "signed_up" }]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("id"), knownvalue.StringExact("seq_onboarding")),
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`))),
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("triggers"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("event"), "event_name": knownvalue.StringExact("signed_up"), "segment_id": knownvalue.Null(),
						}),
					})),
				},
			},
			{
				Config: sequenceConfig(inst, `
  id         = "seq_onboarding"
  name       = "Onboarding v2"
  definition = `+onboardingHCL+`
  triggers = [
    { type = "event", event_name = "signed_up" },
    { type = "segment", segment_id = "seg_trial" },
  ]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("name"), knownvalue.StringExact("Onboarding v2")),
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("definition"), knownvalue.StringExact(canonicalOnboarding)),
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("triggers"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				ResourceName:            seqAddr,
				ImportState:             true,
				ImportStateId:           "seq_onboarding",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// Changing the id replaces the sequence.
				Config: sequenceConfig(inst, `
  id         = "seq_onboarding_2"
  name       = "Onboarding v2"
  definition = `+onboardingHCL+`
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			for _, id := range []string{"seq_onboarding", "seq_onboarding_2"} {
				if _, err := apiClient(t, inst).Sequences.Get(context.Background(), id); !errors.Is(err, client.ErrNotFound) {
					return fmt.Errorf("sequence %s still exists after destroy: %w", id, err)
				}
			}
			return nil
		},
	})
}

// definitionForms writes canonicalOnboarding in the ways users do; each must mean the same.
var definitionForms = []struct {
	name       string
	extra      string // configuration beside the resource
	definition string // the resource's definition expression
	minVersion *version.Version
}{
	{
		name: "dsl_data_source",
		extra: `
data "kraiter_sequence_definition" "onboarding" {
  filename = "onboarding.kraiter.hcl"
  source   = <<-EOT
    email { template = "tmpl_welcome" }
    delay { duration = "2d" }
    condition {
      when = contact.plan == "pro"
      then {
        email { template = "tmpl_pro_tips" }
      }
    }
  EOT
}
`,
		definition: `data.kraiter_sequence_definition.onboarding.json`,
	},
	{
		name: "dsl_function",
		extra: `
terraform {
  required_providers {
    kraiter = { source = "hashicorp/kraiter" }
  }
}

locals {
  onboarding = <<-EOT
    locals {
      pro = "pro"
    }
    email { template = "tmpl_welcome" }
    delay { duration = "2d" }
    condition {
      when = contact.plan == local.pro
      then {
        email { template = "tmpl_$${var.tips}" }
      }
    }
  EOT
}
`,
		definition: `provider::kraiter::compile_sequence(local.onboarding, { tips = "pro_tips" })`,
		minVersion: tfversion.Version1_8_0,
	},
	{
		name: "jsonencode_with_omitted_defaults",
		definition: `jsonencode({
    steps = [
      { templateId = "tmpl_welcome", type = "email" },
      { type = "delay", duration = "2d" },
      {
        type = "condition"
        if   = { op = "eq", attribute = "plan", value = "pro" }
        then = [{ type = "email", templateId = "tmpl_pro_tips" }]
      },
    ]
  })`,
	},
	{
		name: "json_with_other_spacing_and_key_order",
		definition: `<<-EOT
    {
      "steps" : [
        {"templateId": "tmpl_welcome", "type": "email", "delay": "0d"},
        {"duration": "2d",   "type": "delay"},
        {"else": [], "type": "condition", "then": [ {"type": "email", "templateId": "tmpl_pro_tips"} ],
         "if": {"value": "pro", "op": "eq", "attribute": "plan"}}
      ]
    }
  EOT`,
	},
}

// TestAccSequence_definitionForms applies each form and imports a sequence stored in another
// form: neither may leave a change in the plan.
func TestAccSequence_definitionForms(t *testing.T) {
	testAccPreCheck(t)
	for _, form := range definitionForms {
		t.Run(form.name, func(t *testing.T) {
			checks := []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}
			if form.minVersion != nil {
				checks = append(checks, tfversion.SkipBelow(form.minVersion))
			}
			inst := startServer(t)
			config := func(id string) string {
				return form.extra + sequenceConfig(inst, fmt.Sprintf(`
  id         = %q
  name       = "Onboarding"
  definition = %s
`, id, form.definition))
			}
			// Stored with spaces and every default, unlike any of the forms.
			inst.CreateSequence(t, "seq_existing", "Onboarding", `{ "steps": [ {"type": "email", "templateId": "tmpl_welcome", "delay": "0d"},
				{"type": "delay", "duration": "2d"}, {"type": "condition", "if": {"attribute": "plan", "op": "eq", "value": "pro"},
				"then": [{"type": "email", "templateId": "tmpl_pro_tips", "delay": "0d"}], "else": []} ] }`)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				TerraformVersionChecks:   checks,
				Steps: []resource.TestStep{
					{
						Config:          config("seq_existing"),
						ResourceName:    seqAddr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportStateId:   "seq_existing",
					},
					{
						Config: config("seq_new"),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{
						Config:          config("seq_new"),
						ResourceName:    seqAddr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						ImportStateId:   "seq_new",
					},
				},
			})
		})
	}
}

func TestAccSequence_definitionChangeShowsInPlan(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	base := `
  id   = "seq_change"
  name = "Change"
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: sequenceConfig(inst, base+"  definition = "+onboardingHCL+"\n")},
			{
				Config: sequenceConfig(inst, base+`  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome", delay = "1h" }] })`+"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					seq, err := apiClient(t, inst).Sequences.Get(context.Background(), "seq_change")
					if err != nil {
						return err
					}
					if seq.Definition != `{"steps":[{"delay":"1h","templateId":"tmpl_welcome","type":"email"}]}` {
						return fmt.Errorf("the server holds %s", seq.Definition)
					}
					return nil
				},
			},
		},
	})
}

func TestAccSequence_disappears(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	config := sequenceConfig(inst, `
  id         = "seq_gone"
  name       = "Gone"
  definition = `+onboardingHCL+"\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { inst.DeleteSequence(t, "seq_gone") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccSequence_outOfBandEdit(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	config := sequenceConfig(inst, `
  id         = "seq_edited"
  name       = "Edited"
  definition = `+onboardingHCL+`
  triggers   = [{ type = "event", event_name = "signed_up" }]
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					inst.UpdateSequenceRaw(t, "seq_edited", map[string]any{
						"name":       "Edited in the app",
						"definition": `{"steps":[{"type":"email","templateId":"tmpl_upgrade"}]}`,
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(seqAddr, tfjsonpath.New("name"), knownvalue.StringExact("Edited")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					seq, err := apiClient(t, inst).Sequences.Get(context.Background(), "seq_edited")
					if err != nil {
						return err
					}
					if seq.Name != "Edited" || seq.Definition != canonicalOnboarding || len(seq.Triggers) != 1 {
						return fmt.Errorf("apply did not restore the sequence: %+v", seq)
					}
					return nil
				},
			},
		},
	})
}

func TestAccSequence_removingTriggersClearsThem(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	base := `
  id         = "seq_triggers"
  name       = "Triggers"
  definition = ` + onboardingHCL + "\n"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{Config: sequenceConfig(inst, base+`  triggers = [{ type = "event", event_name = "signed_up" }, { type = "segment", segment_id = "seg_a" }]`)},
			{
				Config: sequenceConfig(inst, base),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(seqAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("triggers"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					seq, err := apiClient(t, inst).Sequences.Get(context.Background(), "seq_triggers")
					if err != nil {
						return err
					}
					if len(seq.Triggers) != 0 {
						return fmt.Errorf("the server still has triggers %+v", seq.Triggers)
					}
					return nil
				},
			},
			{
				// An explicitly empty set means the same and stays empty.
				Config:             sequenceConfig(inst, base+"  triggers = []\n"),
				ConfigStateChecks:  []statecheck.StateCheck{statecheck.ExpectKnownValue(seqAddr, tfjsonpath.New("triggers"), knownvalue.SetSizeExact(0))},
				ExpectNonEmptyPlan: false,
			},
		},
	})
}

func TestAccSequence_planTimeErrors(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	cases := []struct {
		name, body string
		want       *regexp.Regexp
	}{
		{
			name: "invalid definition names each path",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "emial", templateId = "x" }, { type = "delay", duration = "2 days" }] })
`,
			want: regexp.MustCompile(`(?s)steps\[0\]\.type.*did you mean "email".*steps\[1\]\.duration`),
		},
		{
			name: "definition that is not JSON",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = "{steps:"
`,
			want: regexp.MustCompile(`not valid JSON`),
		},
		{
			name: "bad id",
			body: `
  id         = "seq bad!"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
`,
			want: regexp.MustCompile(`1 to 64 letters, digits, underscores or hyphens`),
		},
		{
			name: "trigger without its field",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  triggers   = [{ type = "event", segment_id = "seg_a" }]
`,
			want: regexp.MustCompile(`(?s)needs event_name.*takes no segment_id`),
		},
		{
			name: "event name the API refuses",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  triggers   = [{ type = "event", event_name = "signed up!" }]
`,
			want: regexp.MustCompile(`letters, digits, "_", "-", "\." or ":", starting with a letter or digit`),
		},
		{
			name: "segment id the API refuses",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  triggers   = [{ type = "segment", segment_id = "seg/trial" }]
`,
			want: regexp.MustCompile(`1 to 64 letters, digits, underscores or hyphens, such as "seg_trial"`),
		},
		{
			name: "more triggers than the API takes",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
  triggers   = [for i in range(21) : { type = "event", event_name = "event_${i}" }]
`,
			want: regexp.MustCompile(`(?s)triggers.*at most 20`),
		},
		{
			name: "name longer than the API takes",
			body: `
  id         = "seq_bad"
  name       = join("", [for i in range(201) : "x"])
  definition = jsonencode({ steps = [{ type = "delay", duration = "1d" }] })
`,
			want: regexp.MustCompile(`(?s)name.*length must be between 1 and 200`),
		},
		{
			name: "definition with a duplicate key",
			body: `
  id         = "seq_bad"
  name       = "Bad"
  definition = "{\"steps\": [{\"type\": \"delay\", \"duration\": \"1d\", \"duration\": \"2d\"}]}"
`,
			want: regexp.MustCompile(`steps\[0\]\.duration: the key "duration" appears more than once`),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps:                    []resource.TestStep{{Config: sequenceConfig(inst, tc.body), PlanOnly: true, ExpectError: tc.want}},
			})
		})
	}
}

func TestAccSequence_badDSLFailsPlanWithLineAndColumn(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + `
data "kraiter_sequence_definition" "bad" {
  filename = "broken.kraiter.hcl"
  source   = <<-EOT
    email { template = "tmpl_welcome" }
    delay { duration = "2 days" }
  EOT
}

resource "kraiter_sequence" "test" {
  id         = "seq_dsl"
  name       = "DSL"
  definition = data.kraiter_sequence_definition.bad.json
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`broken\.kraiter\.hcl:2:\d+`),
		}},
	})
}

func TestAccSequence_unknownTemplateNamesTheStep(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: sequenceConfig(inst, `
  id         = "seq_tmpl"
  name       = "Template"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome" }, { type = "email", templateId = "tmpl_missing" }] })
`),
			ExpectError: regexp.MustCompile(`(?s)steps\[1\]\.templateId.*tmpl_missing`),
		}},
	})
}

func TestAccSequence_conflictGivesImportHint(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	inst.CreateSequence(t, "seq_taken", "Taken", canonicalOnboarding)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: sequenceConfig(inst, `
  id         = "seq_taken"
  name       = "Taken"
  definition = `+onboardingHCL+"\n"),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import kraiter_sequence\.NAME seq_taken.*import \{.*id = "seq_taken"`),
		}},
	})
}

func TestAccSequence_appliesThroughFaults(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	faulty := providerConfig(inst)
	faulty = regexp.MustCompile(`max_retries = \d+`).ReplaceAllString(faulty, "max_retries = 15")
	config := func(name string) string {
		return faulty + fmt.Sprintf(`
resource "kraiter_sequence" "test" {
  count      = 3
  id         = "seq_faults_${count.index}"
  name       = %q
  definition = `+onboardingHCL+`
  triggers   = [{ type = "event", event_name = "signed_up" }]
}
`, name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					inst.SetFaults(t, localservertest.Faults{FailRate: 0.2, RateLimitRate: 0.2, DropAfterCommitRate: 0.2, RetryAfterSeconds: 0, Seed: 11})
				},
				Config: config("Faults"),
			},
			{Config: config("Faults renamed")},
			{
				Config: config("Faults renamed"),
				Check: func(*terraform.State) error {
					inst.ClearFaults(t)
					for i := range 3 {
						seq, err := apiClient(t, inst).Sequences.Get(context.Background(), fmt.Sprintf("seq_faults_%d", i))
						if err != nil {
							return err
						}
						if seq.Name != "Faults renamed" {
							return fmt.Errorf("sequence %s is named %q", seq.ID, seq.Name)
						}
					}
					return nil
				},
			},
		},
	})
}

// TestSequenceResource_deleteOfDeletedSucceeds runs Delete for a sequence that is already
// gone (Terraform would do so with -refresh=false): it must succeed.
func TestSequenceResource_deleteOfDeletedSucceeds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	inst := localservertest.Start(t)
	c := apiClient(t, inst)
	r := &sequenceResource{data: newProviderData(c)}
	state := resourceState(t, r, "seq_never_there")
	resp := &fwresource.DeleteResponse{State: state}
	r.Delete(ctx, fwresource.DeleteRequest{State: state}, resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Delete of a deleted sequence failed: %v", resp.Diagnostics)
	}
}

// resourceState is the state of a kraiter_sequence with the given id, for calling the
// resource's methods directly.
func resourceState(t *testing.T, r *sequenceResource, id string) tfsdk.State {
	t.Helper()
	ctx := context.Background()
	var sch fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sch)
	state := tfsdk.State{Schema: sch.Schema}
	diags := state.Set(ctx, &sequenceModel{
		ID:         types.StringValue(id),
		Name:       types.StringValue("Some sequence"),
		Definition: newDefinitionValue(canonicalOnboarding),
		Triggers:   types.SetNull(types.ObjectType{AttrTypes: triggerAttrTypes}),
		Status:     types.StringValue("active"),
		CreatedAt:  types.StringValue("2026-01-01T00:00:00Z"),
		UpdatedAt:  types.StringValue("2026-01-01T00:00:00Z"),
		Timeouts:   timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType})},
	})
	if diags.HasError() {
		t.Fatalf("build state: %v", diags)
	}
	return state
}
