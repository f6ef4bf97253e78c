package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestDSLVars(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name        string
		m           types.Map
		want        map[string]string
		wantKnown   bool
		wantProblem string
	}{
		{"null map", types.MapNull(types.StringType), map[string]string{}, true, ""},
		{"empty map", types.MapValueMust(types.StringType, map[string]attr.Value{}), map[string]string{}, true, ""},
		{"values", types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringValue("x"), "b": types.StringValue("")}),
			map[string]string{"a": "x", "b": ""}, true, ""},
		{"unknown map", types.MapUnknown(types.StringType), nil, false, ""},
		{"unknown value", types.MapValueMust(types.StringType, map[string]attr.Value{"a": types.StringUnknown()}), nil, false, ""},
		{"null value", types.MapValueMust(types.StringType, map[string]attr.Value{"b": types.StringNull(), "a": types.StringNull()}),
			nil, true, `vars["a"] is null; give every variable a string value, or leave it out of the map.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, known, problem := dslVars(ctx, tt.m)
			if known != tt.wantKnown || problem != tt.wantProblem {
				t.Fatalf("known %v, problem %q; want %v, %q", known, problem, tt.wantKnown, tt.wantProblem)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("vars %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("vars[%q] = %q, want %q", k, g, v)
				}
			}
		})
	}
}
