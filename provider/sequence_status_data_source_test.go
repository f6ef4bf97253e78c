package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccSequenceStatusDataSource_counts(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	enrolmentFixture(t, inst)

	const addr = "data.kraiter_sequence_status.test"
	config := providerConfig(inst) + `
data "kraiter_sequence_status" "test" {
  sequence_id = "seq_drip"
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("sequence_id"), knownvalue.StringExact(dripID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("total_enrolled"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active_enrolments"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("completed_count"), knownvalue.Int64Exact(1)),
				},
			},
			{
				// Three days on, con_bob and con_cy have finished too.
				PreConfig: func() { inst.AdvanceClock(t, "3d") },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("total_enrolled"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active_enrolments"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("completed_count"), knownvalue.Int64Exact(3)),
				},
			},
			{
				PreConfig: func() { inst.SetSequenceStatus(t, dripID, "paused") },
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("paused")),
				},
			},
		},
	})
}

func TestAccSequenceStatusDataSource_notFound(t *testing.T) {
	testAccDataSourceNotFound(t, "kraiter_sequence_status", "sequence_id")
}
