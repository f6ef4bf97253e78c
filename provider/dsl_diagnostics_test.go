package provider

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func dslRangeAt(file string, line, col int) *hcl.Range {
	return &hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: col}, End: hcl.Pos{Line: line, Column: col + 1}}
}

func TestDSLPosition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		d    *hcl.Diagnostic
		want string
	}{
		{"range", &hcl.Diagnostic{Subject: dslRangeAt("a.hcl", 3, 7)}, "a.hcl:3:7"},
		{"range without file name", &hcl.Diagnostic{Subject: dslRangeAt("", 2, 1)}, "default.hcl:2:1"},
		{"no range", &hcl.Diagnostic{}, "default.hcl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dslPosition(tt.d, "default.hcl"); got != tt.want {
				t.Errorf("dslPosition = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAddDSLDiagnostics(t *testing.T) {
	t.Parallel()
	dslDiags := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "Unsupported block type", Detail: `Blocks of type "sms" are not expected here.`, Subject: dslRangeAt("s.hcl", 5, 1)},
		{Severity: hcl.DiagWarning, Summary: "Long delay", Detail: "A delay of 52w is unusual.", Subject: dslRangeAt("s.hcl", 9, 14)},
		{Severity: hcl.DiagError, Summary: "No detail"},
	}
	var diags diag.Diagnostics
	addDSLDiagnostics(&diags, path.Root("source"), "s.hcl", dslDiags)

	want := diag.Diagnostics{
		diag.NewAttributeErrorDiagnostic(path.Root("source"), "Unsupported block type", `s.hcl:5:1: Blocks of type "sms" are not expected here.`),
		diag.NewAttributeWarningDiagnostic(path.Root("source"), "Long delay", "s.hcl:9:14: A delay of 52w is unusual."),
		diag.NewAttributeErrorDiagnostic(path.Root("source"), "No detail", "s.hcl:"),
	}
	if !diags.Equal(want) {
		t.Errorf("diagnostics:\n%v\nwant:\n%v", diags, want)
	}
}

func TestDSLErrorText(t *testing.T) {
	t.Parallel()
	dslDiags := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "Unknown variable", Detail: `There is no variable named "locale".`, Subject: dslRangeAt("", 2, 30)},
		{Severity: hcl.DiagWarning, Summary: "Ignored", Detail: "Warnings are left out."},
		{Severity: hcl.DiagError, Summary: "Missing template", Subject: dslRangeAt("", 7, 3)},
	}
	want := "The sequence DSL source does not compile:\n" +
		`f.hcl:2:30: Unknown variable: There is no variable named "locale".` + "\n" +
		"f.hcl:7:3: Missing template"
	if got := dslErrorText(dslDiags, "f.hcl"); got != want {
		t.Errorf("dslErrorText =\n%s\nwant\n%s", got, want)
	}
}
