package provider

import (
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// dripID is the sequence of enrolmentFixture.
const dripID = "seq_drip"

// dripDefinition welcomes a contact, waits two days, then sends pro tips to pro contacts
// and, an hour later, an upgrade offer to the others.
const dripDefinition = `{"steps":[
  {"type":"email","templateId":"tmpl_welcome"},
  {"type":"delay","duration":"2d"},
  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
   "then":[{"type":"email","templateId":"tmpl_pro_tips"}],
   "else":[{"type":"email","templateId":"tmpl_upgrade","delay":"1h"}]}
]}`

// enrolmentFixture creates seq_drip, triggered by "signed_up", and real enrolments in it:
//   - con_ada (pro, subscribed) signs up, and three days later has finished the sequence
//     with two sends (tmpl_welcome, tmpl_pro_tips);
//   - then con_bob (free, subscribed) signs up: one send (tmpl_welcome), still active;
//   - then con_cy (free, unsubscribed) signs up: no send, still active.
//
// So the sequence has 3 enrolments, 2 active and 1 completed, and 3 sends.
func enrolmentFixture(t *testing.T, inst *localservertest.Instance) {
	t.Helper()
	inst.CreateSequence(t, dripID, "Drip", dripDefinition, localserver.Trigger{Type: "event", EventName: "signed_up"})
	inst.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro", "seats": 5}, true)
	inst.CreateContact(t, "con_bob", "bob@example.com", map[string]any{"plan": "free", "beta": true, "note": nil}, true)
	inst.CreateContact(t, "con_cy", "cy@example.com", map[string]any{"plan": "free", "tags": []any{"a", "b"}, "profile": map[string]any{"age": 41.5}}, false)

	enrolInDrip(t, inst, "con_ada")
	inst.AdvanceClock(t, "3d")
	enrolInDrip(t, inst, "con_bob")
	enrolInDrip(t, inst, "con_cy")
}

func enrolInDrip(t *testing.T, inst *localservertest.Instance, contactID string) {
	t.Helper()
	if got := inst.SendEvent(t, contactID, "signed_up"); len(got) != 1 || got[0] != dripID {
		t.Fatalf("signed_up enrolled %s in %v, want [%s]", contactID, got, dripID)
	}
}
