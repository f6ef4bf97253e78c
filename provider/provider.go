// Package provider is the Terraform provider for Kraiter sequences, built on
// terraform-plugin-framework: the kraiter_sequence resource, its data sources and the
// compile_sequence function.
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Environment variables the provider reads when its configuration leaves a setting out.
const (
	EnvAPIKey  = "KRAITER_API_KEY"
	EnvBaseURL = "KRAITER_BASE_URL"
)

var (
	_ provider.Provider              = (*kraiterProvider)(nil)
	_ provider.ProviderWithFunctions = (*kraiterProvider)(nil)
)

type kraiterProvider struct {
	version string
}

// New returns the provider factory that main.go serves and the tests use.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &kraiterProvider{version: version} }
}

type providerModel struct {
	APIKey         types.String `tfsdk:"api_key"`
	BaseURL        types.String `tfsdk:"base_url"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
}

// providerData is what resources, data sources and functions receive from Configure.
type providerData struct {
	client *client.Client
	proof  apiProof
	// reads answers reads of sequences, many at once when they come in numbers.
	reads *sequenceReads
	// checks are what the plan-time checks of the live account share.
	checks *planChecks
}

// newProviderData is what the operations of one provider process share, for client c.
func newProviderData(c *client.Client) *providerData {
	return &providerData{client: c, reads: newSequenceReads(c), checks: newPlanChecks()}
}

func (p *kraiterProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "kraiter"
	resp.Version = p.version
}

func (p *kraiterProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages [Kraiter](https://kraiter.com) email sequences: their steps, written as JSON or in the sequence DSL, and their triggers.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Kraiter API key, sent as a bearer token. Falls back to the `" + EnvAPIKey + "` environment variable. Not needed when only the offline parts are used (the `compile_sequence` function and the `kraiter_sequence_definition` and `kraiter_sequence_simulation` data sources); anything else fails without it, saying so.",
				Optional:            true,
				Sensitive:           true,
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Base URL of the Kraiter API. Falls back to the `" + EnvBaseURL + "` environment variable, then `" + client.DefaultBaseURL + "`. Must be https, except on a loopback host such as the local Kraiter server (`http://127.0.0.1:8474`), and the API's root: a trailing `/v1` is accepted and means the same; a query or fragment is refused. A `base_url` that does not answer as Kraiter's sequences API fails every operation with a message that shows it; it never makes Terraform forget a sequence.",
				Optional:            true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request is retried after a rate limit (429), a server error (5xx) or a connection error, with exponential backoff and jitter, honouring `Retry-After`. `0` disables retries. Defaults to %d.", client.DefaultMaxRetries),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Time limit of each HTTP request, as a Go duration such as `30s` or `2m`. Defaults to `%s`.", client.DefaultRequestTimeout),
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
		},
	}
}

func (p *kraiterProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if cfg.APIKey.IsUnknown() || cfg.BaseURL.IsUnknown() {
		// Values that come from resources not yet created: the client is configured in a
		// later run, when they are known.
		return
	}

	apiKey := os.Getenv(EnvAPIKey)
	if !cfg.APIKey.IsNull() {
		apiKey = cfg.APIKey.ValueString()
	}
	baseURL := os.Getenv(EnvBaseURL)
	if !cfg.BaseURL.IsNull() {
		baseURL = cfg.BaseURL.ValueString()
	}
	if apiKey == "" {
		// Without a key the offline parts (DSL compilation, simulation) still work; whatever
		// needs the API says that the key is missing when it runs.
		tflog.Debug(ctx, "no Kraiter API key; only the offline function and data sources will work")
		data := &providerData{}
		resp.DataSourceData = data
		resp.ResourceData = data
		return
	}
	ctx = maskKey(ctx, apiKey)

	ccfg := client.Config{
		BaseURL:   baseURL,
		APIKey:    apiKey,
		UserAgent: fmt.Sprintf("terraform-provider-kraiter/%s (+https://registry.terraform.io/providers/kraiter/kraiter; Terraform %s)", p.version, req.TerraformVersion),
		Log: func(ctx context.Context, msg string, fields map[string]any) {
			tflog.Debug(maskKey(ctx, apiKey), msg, fields)
		},
	}
	if !cfg.MaxRetries.IsNull() && !cfg.MaxRetries.IsUnknown() {
		ccfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if ccfg.MaxRetries == 0 {
			ccfg.MaxRetries = -1
		}
	}
	if !cfg.RequestTimeout.IsNull() && !cfg.RequestTimeout.IsUnknown() {
		d, err := time.ParseDuration(cfg.RequestTimeout.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", err.Error())
			return
		}
		ccfg.RequestTimeout = d
	}
	c, err := client.New(ccfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid Kraiter base URL", err.Error())
		return
	}
	tflog.Debug(ctx, "configured the Kraiter client", map[string]any{"base_url": c.BaseURL(), "api_key": apiKey})

	data := newProviderData(c)
	resp.DataSourceData = data
	resp.ResourceData = data
}

// maskKey hides the API key in every log line written with the returned context, whatever
// field or message carries it.
func maskKey(ctx context.Context, key string) context.Context {
	ctx = tflog.MaskAllFieldValuesStrings(ctx, key)
	return tflog.MaskMessageStrings(ctx, key)
}

func (p *kraiterProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newSequenceResource,
	}
}

func (p *kraiterProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newSequenceDataSource,
		newSequencesDataSource,
		newSequenceStatusDataSource,
		newSequenceContactsDataSource,
		newSequenceSendsDataSource,
		newSequenceDryRunDataSource,
		newSequenceDefinitionDataSource,
		newSequenceSimulationDataSource,
	}
}

func (p *kraiterProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newCompileSequenceFunction,
	}
}
