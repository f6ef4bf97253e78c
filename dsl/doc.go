// Package dsl is the sequence DSL of CONTRACT.md section 3: an HCL language in which people
// write Kraiter sequences and review them in pull requests.
//
// Compile turns a *.kraiter.hcl file into a definition (package definition) and its canonical
// JSON, reporting every problem of the file as an hcl.Diagnostic with file, line and column.
// Decompile turns any valid definition back into canonical DSL text, Format lays a file out
// canonically, and Graph draws a sequence as a Mermaid flowchart.
//
// The language reference is templates/guides/dsl-reference.md.tmpl.
package dsl
