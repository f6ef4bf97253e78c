package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// clientFrom takes the client out of the provider data that Configure handed over. It is nil
// before the provider is configured (Terraform validates configurations first).
func clientFrom(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	return pd.client
}

// requireClient reports an error when an operation needs the API but the provider could not
// be configured (its api_key or base_url were unknown at plan time).
func requireClient(c *client.Client, diags *diag.Diagnostics) bool {
	if c == nil {
		diags.AddError("Kraiter provider not configured",
			"The provider's api_key or base_url is not known yet, so the Kraiter API cannot be called. Set them to values known at plan time.")
		return false
	}
	return true
}
