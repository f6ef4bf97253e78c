package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

var _ datasource.DataSourceWithConfigure = (*sequencesDataSource)(nil)

// sequencesDataSource lists sequences, optionally of one status: kraiter_sequences.
type sequencesDataSource struct {
	api *providerData
}

type sequencesDataSourceModel struct {
	Status    types.String        `tfsdk:"status"`
	Limit     types.Int64         `tfsdk:"limit"`
	Sequences []sequenceDataModel `tfsdk:"sequences"`
}

func newSequencesDataSource() datasource.DataSource { return &sequencesDataSource{} }

func (d *sequencesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequences"
}

func (d *sequencesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := sequenceDataAttributes()
	item["id"] = schema.StringAttribute{
		MarkdownDescription: "The sequence's id.",
		Computed:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the account's Kraiter sequences in the API's order, optionally only those of one status.",
		Attributes: map[string]schema.Attribute{
			"status": schema.StringAttribute{
				MarkdownDescription: "Only list sequences with this status: `draft`, `active` or `paused`. Without it every sequence is listed.",
				Optional:            true,
				Validators: []validator.String{
					stringvalidator.OneOf(client.StatusDraft, client.StatusActive, client.StatusPaused),
				},
			},
			"limit": limitAttribute("sequences"),
			"sequences": schema.ListNestedAttribute{
				MarkdownDescription: "The sequences, in the order the API lists them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
		},
	}
}

func (d *sequencesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequencesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequencesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	opts := client.ListOptions{Status: state.Status.ValueString(), Limit: pageSize(state.Limit)}
	list, err := collect(api.Sequences.List(ctx, opts), state.Limit, newSequenceDataModel)
	if err != nil {
		resp.Diagnostics.AddError("Could not list sequences", err.Error())
		return
	}
	state.Sequences = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
