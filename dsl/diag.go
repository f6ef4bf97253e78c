package dsl

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// errorAt is an error diagnostic at rng.
func errorAt(rng hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}
}

// fileStart is the range of a file's first character, for problems of the whole file.
func fileStart(filename string) hcl.Range {
	pos := hcl.Pos{Line: 1, Column: 1, Byte: 0}
	return hcl.Range{Filename: filename, Start: pos, End: pos}
}

// SortDiagnostics orders diagnostics by position so that the first one printed is the first
// problem in the file; diagnostics without a position keep their order, last.
func SortDiagnostics(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil || b == nil:
			return a != nil && b == nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		default:
			return a.Start.Byte < b.Start.Byte
		}
	})
}

// OneLine writes a diagnostic's summary and detail on one line, as kraiter dsl validate prints
// it and the language server shows it.
func OneLine(d *hcl.Diagnostic) string {
	detail := strings.Join(strings.Fields(d.Detail), " ")
	if detail == "" {
		return d.Summary
	}
	return d.Summary + ": " + detail
}
