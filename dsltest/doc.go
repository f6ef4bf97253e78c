// Package dsltest reads and runs sequence tests: *.kraiter.test.hcl files whose tests each
// carry one sample contact through a sequence with the offline simulation
// (definition.Simulate) and check what it was sent. RunFile runs a file's tests and returns a
// Result per test. The format is documented in templates/guides/dsl-reference.md.tmpl.
package dsltest
