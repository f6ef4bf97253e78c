package provider

import (
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions of the API's values to attribute values, shared by the resource and the data
// sources.

// optionalString is an attribute value that is null for the API's empty string.
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// apiTimeString writes a time of the API as RFC 3339 in UTC, to the second, as the
// kraiter_sequence resource does, so that both show the same value.
func apiTimeString(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}
