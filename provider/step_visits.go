package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// stepVisitModel is one step a contact passes through, as the dry-run and simulation data
// sources show it. A field that does not apply to the step is null.
type stepVisitModel struct {
	Path       types.String `tfsdk:"path"`
	Type       types.String `tfsdk:"type"`
	TemplateID types.String `tfsdk:"template_id"`
	WouldSend  types.Bool   `tfsdk:"would_send"`
	Duration   types.String `tfsdk:"duration"`
	Matched    types.Bool   `tfsdk:"matched"`
	Reason     types.String `tfsdk:"reason"`
}

// newStepVisit is a stepVisitModel; empty texts and nil flags are the fields that do not apply.
func newStepVisit(path, typ, templateID, duration, reason string, wouldSend, matched *bool) stepVisitModel {
	return stepVisitModel{
		Path: types.StringValue(path), Type: types.StringValue(typ),
		TemplateID: optionalString(templateID), Duration: optionalString(duration), Reason: optionalString(reason),
		WouldSend: types.BoolPointerValue(wouldSend), Matched: types.BoolPointerValue(matched),
	}
}

// stepVisitAttributes are the attributes of a stepVisitModel.
func stepVisitAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"path": schema.StringAttribute{
			MarkdownDescription: "Where the step is in the definition, such as `steps[3].then[0]`.",
			Computed:            true,
		},
		"type": schema.StringAttribute{
			MarkdownDescription: "`email`, `delay` or `condition`.",
			Computed:            true,
		},
		"template_id": schema.StringAttribute{
			MarkdownDescription: "An email step's template.",
			Computed:            true,
		},
		"would_send": schema.BoolAttribute{
			MarkdownDescription: "Whether an email step would send its email.",
			Computed:            true,
		},
		"duration": schema.StringAttribute{
			MarkdownDescription: "A delay step's duration, or an email step's delay when it has one, such as `2d`.",
			Computed:            true,
		},
		"matched": schema.BoolAttribute{
			MarkdownDescription: "Whether a condition step's rule matched the contact (then its `then` steps follow, otherwise its `else` steps).",
			Computed:            true,
		},
		"reason": schema.StringAttribute{
			MarkdownDescription: "Why an email step would not send, such as `unsubscribed`.",
			Computed:            true,
		},
	}
}
