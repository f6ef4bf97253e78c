package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*sequenceStatusDataSource)(nil)

// sequenceStatusDataSource reads a sequence's status and enrolment counts:
// kraiter_sequence_status.
type sequenceStatusDataSource struct {
	api *providerData
}

type sequenceStatusDataSourceModel struct {
	SequenceID       types.String `tfsdk:"sequence_id"`
	Status           types.String `tfsdk:"status"`
	TotalEnrolled    types.Int64  `tfsdk:"total_enrolled"`
	ActiveEnrolments types.Int64  `tfsdk:"active_enrolments"`
	CompletedCount   types.Int64  `tfsdk:"completed_count"`
}

func newSequenceStatusDataSource() datasource.DataSource { return &sequenceStatusDataSource{} }

func (d *sequenceStatusDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_status"
}

func (d *sequenceStatusDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a Kraiter sequence's status and enrolment counts, as they are when Terraform reads them.",
		Attributes: map[string]schema.Attribute{
			"sequence_id": sequenceIDAttribute(),
			"status": schema.StringAttribute{
				MarkdownDescription: "`draft`, `active` or `paused`.",
				Computed:            true,
			},
			"total_enrolled": schema.Int64Attribute{
				MarkdownDescription: "How many enrolments the sequence has had, whatever became of them.",
				Computed:            true,
			},
			"active_enrolments": schema.Int64Attribute{
				MarkdownDescription: "How many contacts are going through the sequence now.",
				Computed:            true,
			},
			"completed_count": schema.Int64Attribute{
				MarkdownDescription: "How many enrolments went through every step.",
				Computed:            true,
			},
		},
	}
}

func (d *sequenceStatusDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequenceStatusDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg sequenceStatusDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	id := cfg.SequenceID.ValueString()
	st, err := api.Sequences.GetStatus(ctx, id)
	if err != nil {
		addSequenceReadError(&resp.Diagnostics, err, "sequence_id", id, "Could not read the sequence's status")
		return
	}
	state := sequenceStatusDataSourceModel{
		SequenceID:       cfg.SequenceID,
		Status:           types.StringValue(st.Status),
		TotalEnrolled:    types.Int64Value(st.TotalEnrolled),
		ActiveEnrolments: types.Int64Value(st.ActiveEnrolments),
		CompletedCount:   types.Int64Value(st.CompletedCount),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
