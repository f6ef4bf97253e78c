package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

var _ datasource.DataSourceWithConfigure = (*sequenceDryRunDataSource)(nil)

// sequenceDryRunDataSource simulates one contact's path through a sequence:
// kraiter_sequence_dry_run.
type sequenceDryRunDataSource struct {
	api *providerData
}

type sequenceDryRunDataSourceModel struct {
	SequenceID types.String     `tfsdk:"sequence_id"`
	ContactID  types.String     `tfsdk:"contact_id"`
	Steps      []stepVisitModel `tfsdk:"steps"`
}

func newSequenceDryRunDataSource() datasource.DataSource { return &sequenceDryRunDataSource{} }

func (d *sequenceDryRunDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_dry_run"
}

func (d *sequenceDryRunDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Simulates a contact's path through a Kraiter sequence without sending anything: " +
			"the steps the contact would pass through, which conditions match and which emails would be sent. " +
			"Useful to check a sequence's logic, for example in a `check` block.",
		Attributes: map[string]schema.Attribute{
			"sequence_id": sequenceIDAttribute(),
			"contact_id": schema.StringAttribute{
				MarkdownDescription: "The id of the contact to simulate. The contact must exist; it need not be enrolled.",
				Required:            true,
			},
			"steps": schema.ListNestedAttribute{
				MarkdownDescription: "The steps the contact would pass through, in order. A field that does not apply to a step is null.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: stepVisitAttributes(),
				},
			},
		},
	}
}

func (d *sequenceDryRunDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequenceDryRunDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequenceDryRunDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	id, contactID := state.SequenceID.ValueString(), state.ContactID.ValueString()
	res, err := api.Sequences.DryRun(ctx, id, contactID)
	if err != nil {
		if errors.Is(err, client.ErrNotFound) {
			// The API answers NOT_FOUND for a missing sequence and for a missing contact; its
			// message says which.
			resp.Diagnostics.AddError("Sequence or contact not found",
				fmt.Sprintf("The dry run of sequence %q for contact %q found no such sequence or contact: %s. Check both ids.", id, contactID, err))
			return
		}
		resp.Diagnostics.AddError("Could not dry-run the sequence", err.Error())
		return
	}
	state.Steps = make([]stepVisitModel, 0, len(res.Steps))
	for _, s := range res.Steps {
		state.Steps = append(state.Steps, newStepVisit(s.Path, s.Type, s.TemplateID, s.Duration, s.Reason, s.WouldSend, s.Matched))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
