// Package dsl is the sequence DSL: an HCL language in which people write Kraiter sequences
// and review them in pull requests.
//
// Compile turns a *.kraiter.hcl file into a definition (package definition) and its canonical
// JSON, reporting every problem of the file as an hcl.Diagnostic with file, line and column.
// Decompile turns any valid definition back into canonical DSL text, Format lays a file out
// canonically, and StepBlocks describes the language for editors. Literals reads the values
// of files written out in HCL without names, which the sequence tests and contacts files of
// package dsltest are. What works on definitions rather than on HCL, the step diff, the graph
// and the timeline of a run, is package stepdiff.
//
// The language reference is templates/guides/dsl-reference.md.tmpl.
package dsl
