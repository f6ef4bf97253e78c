package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// defaultDSLFilename names the DSL source in diagnostics when the configuration gives no
// file name (the compile_sequence function never has one).
const defaultDSLFilename = "sequence.kraiter.hcl"

// compileDSL compiles sequence DSL source to the definition's canonical JSON. The JSON is
// empty when the diagnostics hold an error.
func compileDSL(source, filename string, vars map[string]string) (string, hcl.Diagnostics) {
	res, diags := dsl.Compile([]byte(source), dsl.Options{Filename: filename, Vars: vars})
	if diags.HasErrors() || res == nil {
		return "", diags
	}
	return string(res.JSON), diags
}

// dslPosition is where a DSL diagnostic points, as "FILE:LINE:COL", or the file alone when
// the diagnostic has no source range.
func dslPosition(d *hcl.Diagnostic, filename string) string {
	if d.Subject == nil {
		return filename
	}
	if d.Subject.Filename != "" {
		filename = d.Subject.Filename
	}
	return fmt.Sprintf("%s:%d:%d", filename, d.Subject.Start.Line, d.Subject.Start.Column)
}

// addDSLDiagnostics turns each DSL diagnostic into a Terraform diagnostic on the attribute
// at, keeping the DSL's summary and putting its position in front of its detail.
func addDSLDiagnostics(diags *diag.Diagnostics, at path.Path, filename string, dslDiags hcl.Diagnostics) {
	for _, d := range dslDiags {
		detail := dslPosition(d, filename) + ":"
		if d.Detail != "" {
			detail += " " + d.Detail
		}
		if d.Severity == hcl.DiagWarning {
			diags.AddAttributeWarning(at, d.Summary, detail)
		} else {
			diags.AddAttributeError(at, d.Summary, detail)
		}
	}
}

// dslErrorText lists the DSL errors a line each, as "FILE:LINE:COL: summary: detail".
func dslErrorText(dslDiags hcl.Diagnostics, filename string) string {
	var lines []string
	for _, d := range dslDiags {
		if d.Severity != hcl.DiagError {
			continue
		}
		line := dslPosition(d, filename) + ": " + d.Summary
		if d.Detail != "" {
			line += ": " + d.Detail
		}
		lines = append(lines, line)
	}
	text := "The sequence DSL source does not compile:\n" + strings.Join(lines, "\n")
	// Terraform and OpenTofu end a function's error with a full stop of their own.
	return strings.TrimSuffix(text, ".")
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
