package client_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// openapi.yaml states the same rules as contract.go and errors.go.
func TestOpenAPIStatesTheContract(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile("openapi.yaml")
	if err != nil {
		t.Fatalf("load openapi.yaml: %v", err)
	}
	schemas := doc.Components.Schemas
	prop := func(schema, name string) *openapi3.Schema { return schemas[schema].Value.Properties[name].Value }
	enum := func(s *openapi3.Schema) []string {
		var out []string
		for _, v := range s.Enum {
			out = append(out, v.(string))
		}
		return out
	}
	limit := doc.Components.Parameters["Limit"].Value.Schema.Value
	triggers := schemas["Triggers"].Value

	tests := []struct {
		name      string
		got, want any
	}{
		{"ID pattern", schemas["ID"].Value.Pattern, client.IDPattern.String()},
		{"statuses", enum(schemas["Status"].Value), client.Statuses},
		{"trigger types", enum(prop("Trigger", "type")), client.TriggerTypes},
		{"event name pattern", prop("Trigger", "eventName").Pattern, client.EventNamePattern.String()},
		{"event name length", val(prop("Trigger", "eventName").MaxLength), uint64(client.MaxNameLength)},
		{"segment id pattern", prop("Trigger", "segmentId").Pattern, client.IDPattern.String()},
		{"triggers at most", val(triggers.MaxItems), uint64(client.MaxTriggers)},
		{"triggers unique", triggers.UniqueItems, true},
		{"name length", val(prop("CreateSequence", "name").MaxLength), uint64(client.MaxNameLength)},
		{"page size", val(limit.Max), float64(client.MaxPageSize)},
		{"default page size", limit.Default, float64(client.DefaultPageSize)},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: openapi.yaml says %v, the client %v", tt.name, tt.got, tt.want)
		}
	}

	codes := enum(schemas["Error"].Value.Properties["error"].Value.Properties["code"].Value)
	for _, code := range []string{client.CodeNotFound, client.CodeRouteNotFound, client.CodeConflict, client.CodeValidationError,
		client.CodeUnauthorized, client.CodeRateLimited, client.CodeMethodNotAllowed, client.CodeUnsupportedMediaType, client.CodeRequestTimeout, client.CodeMisdirectedRequest, client.CodeInternal} {
		if !slices.Contains(codes, code) {
			t.Errorf("openapi.yaml's error codes %v lack %s", codes, code)
		}
	}
}

// val is what p points at, or nil.
func val[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
