// Package dsl is the sequence DSL: an HCL language in which people write Kraiter sequences
// and review them in pull requests.
//
// Compile turns a *.kraiter.hcl file into a definition (package definition) and its canonical
// JSON, reporting every problem of the file as an hcl.Diagnostic with file, line and column.
// Decompile turns any valid definition back into canonical DSL text, Format lays a file out
// canonically, and Graph draws a sequence as a Mermaid flowchart. For review, Diff compares
// two definitions step by step and GraphDiff draws the change; RunTestFile runs the sequence
// tests of a *.kraiter.test.hcl file through the offline simulation (definition.Simulate).
//
// The language reference is templates/guides/dsl-reference.md.tmpl.
package dsl
