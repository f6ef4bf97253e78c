package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// TestAccSequencesDataSource_filterAndLimit lists more sequences than one page holds (the
// API's pages hold at most 100), with and without a status filter and a limit.
func TestAccSequencesDataSource_filterAndLimit(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	const count = 120
	for i := range count {
		inst.CreateSequence(t, fmt.Sprintf("seq_%03d", i), fmt.Sprintf("Sequence %d", i), welcomeDefinition,
			localserver.Trigger{Type: "event", EventName: fmt.Sprintf("event_%d", i)})
	}
	inst.SetSequenceStatus(t, "seq_005", "paused")
	inst.SetSequenceStatus(t, "seq_110", "paused")
	inst.SetSequenceStatus(t, "seq_007", "draft")
	draft := inst.GetSequence(t, "seq_007")

	idsAre := func(ids ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(ids))
		for i, id := range ids {
			checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
		}
		return knownvalue.ListExact(checks)
	}
	sequences := tfjsonpath.New("sequences")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + `
data "kraiter_sequences" "all" {}

data "kraiter_sequences" "paused" {
  status = "paused"
}

data "kraiter_sequences" "draft" {
  status = "draft"
}

data "kraiter_sequences" "first_three" {
  limit = 3
}

data "kraiter_sequences" "beyond_the_end" {
  limit = 150
}

data "kraiter_sequences" "first_active" {
  status = "active"
  limit  = 1
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.kraiter_sequences.all", sequences, knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.kraiter_sequences.all", sequences.AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact("seq_000")),
				statecheck.ExpectKnownValue("data.kraiter_sequences.all", sequences.AtSliceIndex(count-1).AtMapKey("id"), knownvalue.StringExact("seq_119")),
				statecheck.ExpectKnownValue("data.kraiter_sequences.paused", sequences, idsAre("seq_005", "seq_110")),
				statecheck.ExpectKnownValue("data.kraiter_sequences.draft", sequences, knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":         knownvalue.StringExact("seq_007"),
						"name":       knownvalue.StringExact("Sequence 7"),
						"status":     knownvalue.StringExact("draft"),
						"definition": knownvalue.StringExact(welcomeDefinition),
						"triggers": knownvalue.SetExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
							"type": knownvalue.StringExact("event"), "event_name": knownvalue.StringExact("event_7"), "segment_id": knownvalue.Null(),
						})}),
						"created_at": knownvalue.StringExact(toSecondUTC(t, draft.CreatedAt)),
						"updated_at": knownvalue.StringExact(toSecondUTC(t, draft.UpdatedAt)),
					}),
				})),
				statecheck.ExpectKnownValue("data.kraiter_sequences.first_three", sequences, idsAre("seq_000", "seq_001", "seq_002")),
				statecheck.ExpectKnownValue("data.kraiter_sequences.beyond_the_end", sequences, knownvalue.ListSizeExact(count)),
				statecheck.ExpectKnownValue("data.kraiter_sequences.first_active", sequences, idsAre("seq_000")),
			},
		}},
	})
}

func TestAccSequencesDataSource_empty(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + `
data "kraiter_sequences" "all" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.kraiter_sequences.all", tfjsonpath.New("sequences"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccSequencesDataSource_invalidArguments(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(inst) + `
data "kraiter_sequences" "test" {
  status = "running"
}
`,
				ExpectError: regexp.MustCompile(`Attribute status value must be one of:[\s\S]*"draft"`),
			},
			{
				Config: providerConfig(inst) + `
data "kraiter_sequences" "test" {
  limit = 0
}
`,
				ExpectError: regexp.MustCompile(`Attribute limit value must be at least 1, got: 0`),
			},
		},
	})
}
