package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// writeDiagnostics prints diagnostics one a line: "FILE:LINE:COL: error: SUMMARY: DETAIL", or
// as GitHub Actions workflow commands, which annotate the lines of a pull request.
func writeDiagnostics(w io.Writer, diags hcl.Diagnostics, format string) {
	for _, d := range diags {
		if format == formatGitHub {
			writeGitHubAnnotation(w, d)
			continue
		}
		where := ""
		if d.Subject != nil {
			where = fmt.Sprintf("%s:%d:%d: ", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(w, "%s%s: %s\n", where, severity(d), dsl.OneLine(d))
	}
}

func severity(d *hcl.Diagnostic) string {
	if d.Severity == hcl.DiagWarning {
		return "warning"
	}
	return "error"
}

func writeGitHubAnnotation(w io.Writer, d *hcl.Diagnostic) {
	var props []string
	if d.Subject != nil {
		r := d.Subject
		props = append(props,
			"file="+escapeProperty(r.Filename),
			fmt.Sprintf("line=%d", r.Start.Line), fmt.Sprintf("col=%d", r.Start.Column),
			fmt.Sprintf("endLine=%d", r.End.Line), fmt.Sprintf("endColumn=%d", r.End.Column))
	}
	props = append(props, "title="+escapeProperty(d.Summary))
	fmt.Fprintf(w, "::%s %s::%s\n", severity(d), strings.Join(props, ","), escapeData(d.Detail))
}

// escapeData and escapeProperty escape text for a workflow command, as GitHub's toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// fileError is a diagnostic for a file that could not be read or written.
func fileError(name string, err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "File error", Detail: err.Error(),
		Subject: &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}}
}

// failIfErrors prints diagnostics to standard error and ends the command with status 1 when
// any is an error.
func failIfErrors(cmd *cobra.Command, diags hcl.Diagnostics) error {
	writeDiagnostics(cmd.ErrOrStderr(), diags, formatText)
	if diags.HasErrors() {
		return exitError{code: exitFailure}
	}
	return nil
}

// problemJSON is a diagnostic in --format json output. Line and column are left out when
// the problem is about no place in particular.
type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
}

// problemsJSON turns diagnostics into problems; file names the ones without a place.
func problemsJSON(diags hcl.Diagnostics, file string) []problemJSON {
	problems := make([]problemJSON, 0, len(diags))
	for _, d := range diags {
		p := problemJSON{File: file, Severity: severity(d), Summary: d.Summary, Detail: d.Detail}
		if d.Subject != nil {
			p.File, p.Line, p.Column = d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column
		}
		problems = append(problems, p)
	}
	return problems
}
