package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// providerDataFrom takes what Configure handed over out of a resource's or data source's
// configure request. It is nil before the provider is configured (Terraform validates
// configurations first).
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd
}

// apiClient is the client for an operation that needs Kraiter's API. When there is none it
// adds an error that says why and returns nil: the provider has no API key (it configures
// without one, for the offline DSL function and data sources), or its settings were not
// known yet when it was configured.
func (pd *providerData) apiClient(diags *diag.Diagnostics) *client.Client {
	switch {
	case pd == nil:
		diags.AddError("Kraiter provider not configured",
			"The provider's api_key or base_url is not known yet, so the Kraiter API cannot be called. Set them to values known at plan time.")
		return nil
	case pd.client == nil:
		diags.AddError("Missing Kraiter API key",
			"This needs Kraiter's API, and the provider has no API key. Set api_key in the provider \"kraiter\" block, or set the "+EnvAPIKey+" environment variable. "+
				"(Only the compile_sequence function and the kraiter_sequence_definition and kraiter_sequence_simulation data sources work without one.)")
		return nil
	}
	return pd.client
}
