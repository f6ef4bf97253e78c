package main

import (
	"io"

	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

// testReport is the --format json output of kraiter dsl test.
type testReport struct {
	Passed bool             `json:"passed"`
	Files  []testFileReport `json:"files"`
}

type testFileReport struct {
	File     string        `json:"file"`
	Passed   bool          `json:"passed"`
	Tests    []testJSON    `json:"tests"`
	Problems []problemJSON `json:"problems"`
}

type testJSON struct {
	Name     string            `json:"name"`
	Line     int               `json:"line"`
	Passed   bool              `json:"passed"`
	Failures []testFailureJSON `json:"failures,omitempty"`
	Timeline []string          `json:"timeline,omitempty"`
}

type testFailureJSON struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// writeTestReport runs the tests of files and writes their outcome as JSON; it ends the
// command with status 1 when a test fails or a file has problems.
func writeTestReport(w io.Writer, files []string) error {
	report := testReport{Passed: true, Files: []testFileReport{}}
	for _, file := range files {
		f := testFile(file)
		report.Passed = report.Passed && f.Passed
		report.Files = append(report.Files, f)
	}
	if err := writeJSON(w, report); err != nil {
		return err
	}
	if !report.Passed {
		return exitError{code: exitFailure}
	}
	return nil
}

func testFile(file string) testFileReport {
	results, diags := dsltest.RunFile(file)
	f := testFileReport{File: file, Passed: !diags.HasErrors(), Tests: []testJSON{}, Problems: problemsJSON(diags, file)}
	for _, r := range results {
		t := testJSON{Name: r.Name, Line: r.Range.Start.Line, Passed: r.Passed()}
		if !t.Passed {
			f.Passed = false
			t.Timeline = r.Timeline
			for _, failure := range r.Failures {
				t.Failures = append(t.Failures, testFailureJSON{Line: failure.Range.Start.Line, Message: failure.Message})
			}
		}
		f.Tests = append(f.Tests, t)
	}
	return f
}
