package provider

import (
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// sequenceDataModel is a sequence as the kraiter_sequence and kraiter_sequences data sources
// show it.
type sequenceDataModel struct {
	ID         types.String   `tfsdk:"id"`
	Name       types.String   `tfsdk:"name"`
	Definition types.String   `tfsdk:"definition"`
	Triggers   []triggerModel `tfsdk:"triggers"`
	Status     types.String   `tfsdk:"status"`
	CreatedAt  types.String   `tfsdk:"created_at"`
	UpdatedAt  types.String   `tfsdk:"updated_at"`
}

func newSequenceDataModel(seq *client.Sequence) sequenceDataModel {
	return sequenceDataModel{
		ID:         types.StringValue(seq.ID),
		Name:       types.StringValue(seq.Name),
		Definition: types.StringValue(seq.Definition),
		Triggers:   newTriggerModels(seq.Triggers),
		Status:     types.StringValue(seq.Status),
		CreatedAt:  types.StringValue(apiTimeString(seq.CreatedAt)),
		UpdatedAt:  types.StringValue(apiTimeString(seq.UpdatedAt)),
	}
}

// newTriggerModels converts triggers (the kraiter_sequence resource's triggerModel),
// dropping exact repeats: they are a set in Terraform, which refuses duplicate elements.
func newTriggerModels(triggers []client.Trigger) []triggerModel {
	out := make([]triggerModel, 0, len(triggers))
	seen := map[client.Trigger]bool{}
	for _, t := range triggers {
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, triggerModel{
			Type:      types.StringValue(t.Type),
			EventName: optionalString(t.EventName),
			SegmentID: optionalString(t.SegmentID),
		})
	}
	return out
}

// sequenceDataAttributes are the computed attributes of a sequence, all but its id, which
// is an argument of kraiter_sequence and computed in kraiter_sequences.
func sequenceDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name": schema.StringAttribute{
			MarkdownDescription: "Human-readable name of the sequence.",
			Computed:            true,
		},
		"definition": schema.StringAttribute{
			MarkdownDescription: "The sequence's steps as a JSON string, exactly as Kraiter stores it. Use `jsondecode()` to read it.",
			Computed:            true,
		},
		"triggers": schema.SetNestedAttribute{
			MarkdownDescription: "What enrols contacts into the sequence automatically.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "`event` (enrol when a contact performs an event) or `segment` (enrol when a contact enters a segment).",
						Computed:            true,
					},
					"event_name": schema.StringAttribute{
						MarkdownDescription: "The event that enrols a contact, for an `event` trigger; null otherwise.",
						Computed:            true,
					},
					"segment_id": schema.StringAttribute{
						MarkdownDescription: "The segment whose new members are enrolled, for a `segment` trigger; null otherwise.",
						Computed:            true,
					},
				},
			},
		},
		"status": schema.StringAttribute{
			MarkdownDescription: "`draft`, `active` or `paused`. Only active sequences enrol contacts and send emails; the status is set in Kraiter's app.",
			Computed:            true,
		},
		"created_at": schema.StringAttribute{
			MarkdownDescription: "When the sequence was created (RFC 3339).",
			Computed:            true,
		},
		"updated_at": schema.StringAttribute{
			MarkdownDescription: "When the sequence was last changed (RFC 3339).",
			Computed:            true,
		},
	}
}

// apiTimeString writes a time of the API as RFC 3339 in UTC, to the second, as the
// kraiter_sequence resource does, so that both show the same value.
func apiTimeString(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// addSequenceReadError reports a failed read of sequence id. A missing sequence gets its own
// message on the id attribute, since that is what the configuration has to change.
func addSequenceReadError(diags *diag.Diagnostics, err error, id, summary string) {
	if errors.Is(err, client.ErrNotFound) {
		diags.AddAttributeError(path.Root("id"), "Sequence not found",
			fmt.Sprintf("No sequence has the id %q. Check the id; a sequence must exist (for example as a kraiter_sequence resource) before a data source can read it.", id))
		return
	}
	diags.AddError(summary, err.Error())
}
