package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

var _ datasource.DataSourceWithConfigure = (*sequenceContactsDataSource)(nil)

// sequenceContactsDataSource lists the contacts enrolled in a sequence:
// kraiter_sequence_contacts.
type sequenceContactsDataSource struct {
	api *providerData
}

type sequenceContactsDataSourceModel struct {
	SequenceID types.String       `tfsdk:"sequence_id"`
	Limit      types.Int64        `tfsdk:"limit"`
	Contacts   []contactDataModel `tfsdk:"contacts"`
}

type contactDataModel struct {
	ID         types.String      `tfsdk:"id"`
	Email      types.String      `tfsdk:"email"`
	Subscribed types.Bool        `tfsdk:"subscribed"`
	CreatedAt  types.String      `tfsdk:"created_at"`
	Attributes map[string]string `tfsdk:"attributes"`
}

func newSequenceContactsDataSource() datasource.DataSource { return &sequenceContactsDataSource{} }

func (d *sequenceContactsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_contacts"
}

func (d *sequenceContactsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the contacts currently enrolled in a Kraiter sequence: those still going through its steps. " +
			"Contacts who finished the sequence are counted by `kraiter_sequence_status` but not listed here.",
		Attributes: map[string]schema.Attribute{
			"sequence_id": sequenceIDAttribute(),
			"limit":       limitAttribute("contacts"),
			"contacts": schema.ListNestedAttribute{
				MarkdownDescription: "The enrolled contacts, in the order the API lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The contact's id.",
							Computed:            true,
						},
						"email": schema.StringAttribute{
							MarkdownDescription: "The contact's email address.",
							Computed:            true,
						},
						"subscribed": schema.BoolAttribute{
							MarkdownDescription: "Whether the contact accepts email. Emails to an unsubscribed contact are skipped.",
							Computed:            true,
						},
						"created_at": schema.StringAttribute{
							MarkdownDescription: "When the contact was created (RFC 3339).",
							Computed:            true,
						},
						"attributes": schema.MapAttribute{
							MarkdownDescription: "The contact's attributes. A string attribute is given as it is; any other value " +
								"(number, boolean, null, list or object) is given JSON-encoded, such as `\"42\"`, `\"true\"` or " +
								"`\"[\\\"a\\\",\\\"b\\\"]\"`: use `jsondecode()` to get the value back.",
							ElementType: types.StringType,
							Computed:    true,
						},
					},
				},
			},
		},
	}
}

func (d *sequenceContactsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequenceContactsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequenceContactsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	id := state.SequenceID.ValueString()
	items := api.Sequences.GetContacts(ctx, id, client.PageOptions{Limit: pageSize(state.Limit)})
	contacts, err := collect(items, state.Limit, newContactDataModel)
	if err != nil {
		addSequenceReadError(&resp.Diagnostics, err, "sequence_id", id, "Could not list the sequence's contacts")
		return
	}
	state.Contacts = contacts
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func newContactDataModel(c *client.Contact) contactDataModel {
	return contactDataModel{
		ID:         types.StringValue(c.ID),
		Email:      types.StringValue(c.Email),
		Subscribed: types.BoolValue(c.Subscribed),
		CreatedAt:  types.StringValue(apiTimeString(c.CreatedAt)),
		Attributes: attributeStrings(c.Attributes),
	}
}

// attributeStrings fits a contact's attributes, which are any JSON values, into a
// map(string): strings stay as they are, every other value is JSON-encoded.
func attributeStrings(attrs map[string]any) map[string]string {
	out := make(map[string]string, len(attrs))
	for name, v := range attrs {
		if s, ok := v.(string); ok {
			out[name] = s
			continue
		}
		// The values were decoded from JSON, so they always encode again.
		enc, _ := json.Marshal(v)
		out[name] = string(enc)
	}
	return out
}
