package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

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
