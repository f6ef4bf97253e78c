package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// durationValidator accepts a positive Go duration such as "30s" or "2m".
type durationValidator struct{}

var _ validator.String = durationValidator{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive duration such as \"30s\" or \"2m\""
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			fmt.Sprintf("%q is not a positive duration; write a number and a unit, such as \"30s\", \"90s\" or \"2m\".", req.ConfigValue.ValueString()))
	}
}

// offsetValidator accepts a time after a contact's enrolment, such as "30m", "3d" or "2d12h".
type offsetValidator struct{}

var _ validator.String = offsetValidator{}

func (offsetValidator) Description(context.Context) string {
	return `must be a time such as "30m", "3d" or "2d12h"`
}

func (v offsetValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (offsetValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := definition.ParseOffset(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid time", err.Error()+".")
	}
}
