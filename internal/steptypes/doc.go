// Package steptypes has no code of its own: its tests hold every part of the module to the
// definition's step table. TestEveryStepType carries a sample of each step type through
// parsing, the DSL, the step diff and graph, the simulation and the local server, reporting
// every part that does not handle it in one run; the other tests hold the wire contract's
// tables and openapi.yaml's list of step types to the table, and go test ./internal/steptypes
// -update rewrites them.
package steptypes
