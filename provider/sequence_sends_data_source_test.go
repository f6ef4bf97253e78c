package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// expectedSends checks a list of sends against the server's own listing, which must hold
// exactly the (contact, template) pairs given, in that order.
func expectedSends(t *testing.T, inst *localservertest.Instance, pairs ...[2]string) []knownvalue.Check {
	t.Helper()
	sends := inst.Sends(t, dripID)
	if len(sends) != len(pairs) {
		t.Fatalf("the server lists %d sends, want %d: %+v", len(sends), len(pairs), sends)
	}
	checks := make([]knownvalue.Check, len(sends))
	for i, s := range sends {
		checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":          knownvalue.StringExact(s.ID),
			"contact_id":  knownvalue.StringExact(pairs[i][0]),
			"template_id": knownvalue.StringExact(pairs[i][1]),
			"status":      knownvalue.StringExact("sent"),
			"created_at":  knownvalue.StringExact(toSecondUTC(t, s.CreatedAt)),
		})
	}
	return checks
}

func TestAccSequenceSendsDataSource_sends(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	enrolmentFixture(t, inst)
	// con_cy is unsubscribed: nothing is sent to it.
	before := expectedSends(t, inst,
		[2]string{"con_ada", "tmpl_welcome"},
		[2]string{"con_ada", "tmpl_pro_tips"},
		[2]string{"con_bob", "tmpl_welcome"})
	sends := tfjsonpath.New("sends")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(inst) + `
data "kraiter_sequence_sends" "all" {
  sequence_id = "seq_drip"
}

data "kraiter_sequence_sends" "first_two" {
  sequence_id = "seq_drip"
  limit = 2
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kraiter_sequence_sends.all", sends, knownvalue.ListExact(before)),
					statecheck.ExpectKnownValue("data.kraiter_sequence_sends.first_two", sends, knownvalue.ListExact(before[:2])),
				},
			},
			{
				// Three days on, con_bob (free plan) got the upgrade offer.
				PreConfig: func() { inst.AdvanceClock(t, "3d") },
				Config: providerConfig(inst) + `
data "kraiter_sequence_sends" "all" {
  sequence_id = "seq_drip"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					checkWhenRun(func() statecheck.StateCheck {
						return statecheck.ExpectKnownValue("data.kraiter_sequence_sends.all", sends, knownvalue.ListExact(expectedSends(t, inst,
							[2]string{"con_ada", "tmpl_welcome"},
							[2]string{"con_ada", "tmpl_pro_tips"},
							[2]string{"con_bob", "tmpl_welcome"},
							[2]string{"con_bob", "tmpl_upgrade"})))
					}),
				},
			},
		},
	})
}

// checkWhenRun builds a state check when the step runs rather than when the test case is
// written, so that it can expect what the server holds after the step's PreConfig.
type checkWhenRun func() statecheck.StateCheck

func (build checkWhenRun) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	build().CheckState(ctx, req, resp)
}

func TestAccSequenceSendsDataSource_notFound(t *testing.T) {
	testAccDataSourceNotFound(t, "kraiter_sequence_sends", "sequence_id")
}
