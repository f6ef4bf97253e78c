package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccSequenceContactsDataSource_enrolled(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	enrolmentFixture(t, inst)
	created := map[string]string{}
	for _, c := range inst.Contacts(t, dripID) {
		created[c.ID] = toSecondUTC(t, c.CreatedAt)
	}

	// con_ada has finished the sequence, so only con_bob and con_cy are enrolled.
	bob := knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":         knownvalue.StringExact("con_bob"),
		"email":      knownvalue.StringExact("bob@example.com"),
		"subscribed": knownvalue.Bool(true),
		"created_at": knownvalue.StringExact(created["con_bob"]),
		"attributes": knownvalue.MapExact(map[string]knownvalue.Check{
			"plan": knownvalue.StringExact("free"),
			"beta": knownvalue.StringExact("true"),
			"note": knownvalue.StringExact("null"),
		}),
	})
	cy := knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":         knownvalue.StringExact("con_cy"),
		"email":      knownvalue.StringExact("cy@example.com"),
		"subscribed": knownvalue.Bool(false),
		"created_at": knownvalue.StringExact(created["con_cy"]),
		"attributes": knownvalue.MapExact(map[string]knownvalue.Check{
			"plan":    knownvalue.StringExact("free"),
			"tags":    knownvalue.StringExact(`["a","b"]`),
			"profile": knownvalue.StringExact(`{"age":41.5}`),
		}),
	})
	contacts := tfjsonpath.New("contacts")

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: providerConfig(inst) + `
data "kraiter_sequence_contacts" "all" {
  sequence_id = "seq_drip"
}

data "kraiter_sequence_contacts" "first" {
  sequence_id = "seq_drip"
  limit = 1
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kraiter_sequence_contacts.all", contacts, knownvalue.ListExact([]knownvalue.Check{bob, cy})),
					statecheck.ExpectKnownValue("data.kraiter_sequence_contacts.first", contacts, knownvalue.ListExact([]knownvalue.Check{bob})),
				},
			},
			{
				// Once everyone has finished, nobody is enrolled.
				PreConfig: func() { inst.AdvanceClock(t, "3d") },
				Config: providerConfig(inst) + `
data "kraiter_sequence_contacts" "all" {
  sequence_id = "seq_drip"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.kraiter_sequence_contacts.all", contacts, knownvalue.ListExact([]knownvalue.Check{})),
				},
			},
		},
	})
}

func TestAccSequenceContactsDataSource_notFound(t *testing.T) {
	testAccDataSourceNotFound(t, "kraiter_sequence_contacts", "sequence_id")
}

func TestAttributeStrings(t *testing.T) {
	t.Parallel()
	got := attributeStrings(map[string]any{
		"plan":   "pro",
		"empty":  "",
		"seats":  float64(5),
		"ratio":  0.25,
		"beta":   false,
		"note":   nil,
		"tags":   []any{"a", float64(1)},
		"nested": map[string]any{"b": "x", "a": true},
		"quoted": `say "hi"`,
	})
	want := map[string]string{
		"plan":   "pro",
		"empty":  "",
		"seats":  "5",
		"ratio":  "0.25",
		"beta":   "false",
		"note":   "null",
		"tags":   `["a",1]`,
		"nested": `{"a":true,"b":"x"}`,
		"quoted": `say "hi"`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d attributes %v, want %d", len(got), got, len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("attribute %q = %q, want %q", k, got[k], w)
		}
	}
}
