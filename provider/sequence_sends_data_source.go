package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

var _ datasource.DataSourceWithConfigure = (*sequenceSendsDataSource)(nil)

// sequenceSendsDataSource lists the emails a sequence generated: kraiter_sequence_sends.
type sequenceSendsDataSource struct {
	api *providerData
}

type sequenceSendsDataSourceModel struct {
	SequenceID types.String    `tfsdk:"sequence_id"`
	Limit      types.Int64     `tfsdk:"limit"`
	Sends      []sendDataModel `tfsdk:"sends"`
}

type sendDataModel struct {
	ID         types.String `tfsdk:"id"`
	ContactID  types.String `tfsdk:"contact_id"`
	TemplateID types.String `tfsdk:"template_id"`
	Status     types.String `tfsdk:"status"`
	CreatedAt  types.String `tfsdk:"created_at"`
}

func newSequenceSendsDataSource() datasource.DataSource { return &sequenceSendsDataSource{} }

func (d *sequenceSendsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_sends"
}

func (d *sequenceSendsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the emails a Kraiter sequence has generated, one per email step a contact went through while subscribed.",
		Attributes: map[string]schema.Attribute{
			"sequence_id": sequenceIDAttribute(),
			"limit":       limitAttribute("sends"),
			"sends": schema.ListNestedAttribute{
				MarkdownDescription: "The sends, in the order the API lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The send's id.",
							Computed:            true,
						},
						"contact_id": schema.StringAttribute{
							MarkdownDescription: "The contact the email went to.",
							Computed:            true,
						},
						"template_id": schema.StringAttribute{
							MarkdownDescription: "The template of the email.",
							Computed:            true,
						},
						"status": schema.StringAttribute{
							MarkdownDescription: "`queued`, `sent` or `failed`.",
							Computed:            true,
						},
						"created_at": schema.StringAttribute{
							MarkdownDescription: "When the send was recorded (RFC 3339).",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

func (d *sequenceSendsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequenceSendsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequenceSendsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	id := state.SequenceID.ValueString()
	items := api.Sequences.GetSends(ctx, id, client.PageOptions{Limit: pageSize(state.Limit)})
	sends, err := collect(items, state.Limit, newSendDataModel)
	if err != nil {
		addSequenceReadError(&resp.Diagnostics, err, "sequence_id", id, "Could not list the sequence's sends")
		return
	}
	state.Sends = sends
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func newSendDataModel(s *client.Send) sendDataModel {
	return sendDataModel{
		ID:         types.StringValue(s.ID),
		ContactID:  types.StringValue(s.ContactID),
		TemplateID: types.StringValue(s.TemplateID),
		Status:     types.StringValue(s.Status),
		CreatedAt:  types.StringValue(apiTimeString(s.CreatedAt)),
	}
}
