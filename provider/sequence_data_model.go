package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
