package provider

import (
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Reading a kraiter_sequence's state without the framework's reflection, for the hot paths
// of planning (ValidateConfig, Read and ModifyPlan, and UpgradeState), where converting whole
// models costs more than the rest of the work.

// rawAttributes splits a resource's raw object value into its attributes.
func rawAttributes(v tftypes.Value) (map[string]tftypes.Value, error) {
	var attrs map[string]tftypes.Value
	if err := v.As(&attrs); err != nil {
		return nil, err
	}
	return attrs, nil
}

// unchangedSince reports whether the sequence the API returned is exactly what the prior
// state holds, as fromAPI would write it: then the state needs no change.
func unchangedSince(prior map[string]tftypes.Value, seq *client.Sequence) bool {
	texts := map[string]string{
		"id": seq.ID, "name": seq.Name, "definition": seq.Definition, "status": seq.Status,
		"created_at": apiTimeString(seq.CreatedAt), "updated_at": apiTimeString(seq.UpdatedAt),
	}
	for name, want := range texts {
		var got *string
		if err := prior[name].As(&got); err != nil || got == nil || *got != want {
			return false
		}
	}
	triggers, err := rawTriggers(prior["triggers"])
	if err != nil {
		return false
	}
	// A null and an empty set both match no triggers: fromAPI keeps either as it is.
	return client.SameTriggers(triggers, seq.Triggers)
}

// rawTriggers reads the triggers attribute's raw set; null is none.
func rawTriggers(v tftypes.Value) ([]client.Trigger, error) {
	if v.IsNull() {
		return nil, nil
	}
	var elems []tftypes.Value
	if err := v.As(&elems); err != nil {
		return nil, err
	}
	triggers := make([]client.Trigger, 0, len(elems))
	for _, elem := range elems {
		var attrs map[string]tftypes.Value
		if err := elem.As(&attrs); err != nil {
			return nil, err
		}
		var typ, event, segment *string
		if err := errors.Join(attrs["type"].As(&typ), attrs["event_name"].As(&event), attrs["segment_id"].As(&segment)); err != nil {
			return nil, err
		}
		triggers = append(triggers, client.Trigger{Type: deref(typ), EventName: deref(event), SegmentID: deref(segment)})
	}
	return triggers, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// rawString is a raw string's value: "" when it is null or unknown.
func rawString(v tftypes.Value) string {
	var s string
	if !v.IsKnown() || v.IsNull() || v.As(&s) != nil {
		return ""
	}
	return s
}

// rawTrue reports whether a raw bool is known and true.
func rawTrue(v tftypes.Value) bool {
	var b bool
	return v.IsKnown() && !v.IsNull() && v.As(&b) == nil && b
}
