package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// Compiling the sequence DSL, for the compile_sequence function and the
// kraiter_sequence_definition and kraiter_sequence_simulation data sources.

// defaultDSLFilename names the DSL source in diagnostics when the configuration gives no
// file name (the compile_sequence function never has one).
const defaultDSLFilename = "sequence.kraiter.hcl"

// compileDSL compiles sequence DSL source to the definition and its canonical JSON. The
// result is nil when the diagnostics hold an error.
func compileDSL(source, filename string, vars map[string]string) (*dsl.Result, hcl.Diagnostics) {
	res, diags := dsl.Compile([]byte(source), dsl.Options{Filename: filename, Vars: vars})
	if diags.HasErrors() {
		return nil, diags
	}
	return res, diags
}

// dslVars reads a map(string) of DSL variables. known is false when the map or one of its
// values is not known yet; problem describes a null value, which the DSL cannot use.
func dslVars(ctx context.Context, m types.Map) (vars map[string]string, known bool, problem string) {
	if m.IsUnknown() {
		return nil, false, ""
	}
	var elems map[string]types.String
	if diags := m.ElementsAs(ctx, &elems, false); diags.HasError() {
		return nil, true, fmt.Sprintf("vars cannot be read as a map of strings: %s", diags[0].Detail())
	}
	vars = make(map[string]string, len(elems))
	for _, name := range slices.Sorted(maps.Keys(elems)) {
		v := elems[name]
		if v.IsUnknown() {
			return nil, false, ""
		}
		if v.IsNull() {
			return nil, true, fmt.Sprintf("vars[%q] is null; give every variable a string value, or leave it out of the map.", name)
		}
		vars[name] = v.ValueString()
	}
	return vars, true, ""
}
