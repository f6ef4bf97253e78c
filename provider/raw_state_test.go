package provider

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// TestUnchangedSince checks the read fast path against what fromAPI would write: whenever
// fromAPI would change the state, unchangedSince must say so.
func TestUnchangedSince(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	seq := func(change func(*client.Sequence)) *client.Sequence {
		s := &client.Sequence{ID: "seq_a", Name: "A", Definition: canonicalOnboarding, Status: "active", CreatedAt: created, UpdatedAt: created.Add(time.Hour),
			Triggers: []client.Trigger{{Type: "event", EventName: "signed_up"}, {Type: "segment", SegmentID: "seg_b"}}}
		if change != nil {
			change(s)
		}
		return s
	}
	var sch fwresource.SchemaResponse
	(&sequenceResource{}).Schema(ctx, fwresource.SchemaRequest{}, &sch)
	stateOf := func(t *testing.T, s *client.Sequence, triggers types.Set) map[string]tftypes.Value {
		t.Helper()
		m := sequenceModel{Triggers: triggers, Timeouts: timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{
			"create": types.StringType, "read": types.StringType, "update": types.StringType, "delete": types.StringType})}}
		if diags := m.fromAPI(ctx, s); diags.HasError() {
			t.Fatal(diags)
		}
		state := tfsdk.State{Schema: sch.Schema}
		if diags := state.Set(ctx, &m); diags.HasError() {
			t.Fatal(diags)
		}
		prior, err := rawAttributes(state.Raw)
		if err != nil {
			t.Fatal(err)
		}
		return prior
	}
	null := types.SetNull(types.ObjectType{AttrTypes: triggerAttrTypes})
	empty := types.SetValueMust(types.ObjectType{AttrTypes: triggerAttrTypes}, nil)
	tests := []struct {
		name        string
		stored      *client.Sequence
		storedAs    types.Set
		read        *client.Sequence
		wantUnmoved bool
	}{
		{"the same", seq(nil), null, seq(nil), true},
		{"triggers in another order", seq(nil), null, seq(func(s *client.Sequence) { s.Triggers[0], s.Triggers[1] = s.Triggers[1], s.Triggers[0] }), true},
		{"renamed", seq(nil), null, seq(func(s *client.Sequence) { s.Name = "B" }), false},
		{"definition respelled", seq(nil), null, seq(func(s *client.Sequence) { s.Definition = " " + canonicalOnboarding }), false},
		{"paused", seq(nil), null, seq(func(s *client.Sequence) { s.Status = "paused" }), false},
		{"updated later", seq(nil), null, seq(func(s *client.Sequence) { s.UpdatedAt = s.UpdatedAt.Add(time.Second) }), false},
		{"a trigger removed", seq(nil), null, seq(func(s *client.Sequence) { s.Triggers = s.Triggers[:1] }), false},
		{"a trigger changed", seq(nil), null, seq(func(s *client.Sequence) { s.Triggers[1].SegmentID = "seg_c" }), false},
		{"all triggers removed", seq(nil), null, seq(func(s *client.Sequence) { s.Triggers = nil }), false},
		{"none, stored as null", seq(func(s *client.Sequence) { s.Triggers = nil }), null, seq(func(s *client.Sequence) { s.Triggers = nil }), true},
		{"none, stored as an empty set", seq(func(s *client.Sequence) { s.Triggers = nil }), empty, seq(func(s *client.Sequence) { s.Triggers = nil }), true},
		{"one added to none", seq(func(s *client.Sequence) { s.Triggers = nil }), null, seq(nil), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unchangedSince(stateOf(t, tt.stored, tt.storedAs), tt.read); got != tt.wantUnmoved {
				t.Errorf("unchangedSince = %v, want %v", got, tt.wantUnmoved)
			}
		})
	}
}
