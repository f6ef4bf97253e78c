package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// welcomeDefinition is sent with its spacing and its omitted delay, which the data source
// must give back as they are.
const welcomeDefinition = `{"steps": [{"type": "email", "templateId": "tmpl_welcome"}]}`

func TestAccSequenceDataSource_basic(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	inst.CreateSequence(t, "seq_onboarding", "Onboarding", welcomeDefinition,
		localserver.Trigger{Type: "event", EventName: "signed_up"},
		localserver.Trigger{Type: "segment", SegmentID: "seg_trial"})
	stored := inst.GetSequence(t, "seq_onboarding")

	const addr = "data.kraiter_sequence.test"
	config := providerConfig(inst) + `
data "kraiter_sequence" "test" {
  id = "seq_onboarding"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("seq_onboarding")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact("Onboarding")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("definition"), knownvalue.StringExact(welcomeDefinition)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("triggers"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("event"), "event_name": knownvalue.StringExact("signed_up"), "segment_id": knownvalue.Null(),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("segment"), "event_name": knownvalue.Null(), "segment_id": knownvalue.StringExact("seg_trial"),
						}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringExact(toSecondUTC(t, stored.CreatedAt))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("updated_at"), knownvalue.StringExact(toSecondUTC(t, stored.UpdatedAt))),
				},
			},
			{
				// A change made outside Terraform shows at the next read.
				PreConfig: func() { inst.SetSequenceStatus(t, "seq_onboarding", "paused") },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("paused")),
				},
			},
		},
	})
}

func TestAccSequenceDataSource_noTriggers(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	inst.CreateSequence(t, "seq_manual", "Manual", welcomeDefinition)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + `
data "kraiter_sequence" "test" {
  id = "seq_manual"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.kraiter_sequence.test", tfjsonpath.New("triggers"), knownvalue.SetExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccSequenceDataSource_notFound(t *testing.T) {
	testAccDataSourceNotFound(t, "kraiter_sequence", "id")
}

// toSecondUTC is an API time as the provider shows it: RFC 3339 in UTC, to the second.
func toSecondUTC(t *testing.T, apiTime string) string {
	t.Helper()
	at, err := time.Parse(time.RFC3339Nano, apiTime)
	if err != nil {
		t.Fatalf("parse API time %q: %v", apiTime, err)
	}
	return at.UTC().Format(time.RFC3339)
}
