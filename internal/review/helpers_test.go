package review

import (
	tfjson "github.com/hashicorp/terraform-json"
)

// Definitions of the tests' sequences, as the provider stores them.
const (
	defWelcome      = `{"steps":[{"type":"email","templateId":"tmpl_welcome"}]}`
	defWelcomeTips  = `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"2d"},{"type":"email","templateId":"tmpl_tips"}]}`
	defSeatsAtLeast = `{"steps":[{"type":"condition","if":{"attribute":"seats","op":"gte","value":%d},"then":[{"type":"email","templateId":"tmpl_team"}]}]}`
)

// sequenceValues are a kraiter_sequence's attributes as a plan holds them.
func sequenceValues(id, name, def string, triggers ...any) map[string]any {
	if triggers == nil {
		triggers = []any{}
	}
	return map[string]any{"id": id, "name": name, "definition": def, "triggers": triggers, "status": "active"}
}

func eventTrigger(event string) map[string]any {
	return map[string]any{"type": "event", "event_name": event, "segment_id": nil}
}

func segmentTrigger(segment string) map[string]any {
	return map[string]any{"type": "segment", "event_name": nil, "segment_id": segment}
}

// resourceChange is a planned change of the kraiter_sequence at address; a nil side is left
// out, as the plan leaves it.
func resourceChange(address string, actions tfjson.Actions, before, after map[string]any) *tfjson.ResourceChange {
	c := &tfjson.Change{Actions: actions}
	if before != nil {
		c.Before = before
	}
	if after != nil {
		c.After = after
	}
	return &tfjson.ResourceChange{Address: address, Mode: tfjson.ManagedResourceMode, Type: resourceType, Name: address, Change: c}
}

func planOf(changes ...*tfjson.ResourceChange) *Plan {
	return &Plan{FormatVersion: "1.2", ResourceChanges: changes}
}

var (
	actCreate  = tfjson.Actions{tfjson.ActionCreate}
	actUpdate  = tfjson.Actions{tfjson.ActionUpdate}
	actDelete  = tfjson.Actions{tfjson.ActionDelete}
	actReplace = tfjson.Actions{tfjson.ActionDelete, tfjson.ActionCreate}
)
