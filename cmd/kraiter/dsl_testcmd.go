package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsltest"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

func newDSLTestCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "test [--format text|github|json] [PATH...]",
		Short: "Run sequence tests (*.kraiter.test.hcl)",
		Long: `Run the sequence tests in each PATH: a test file, or a directory searched recursively
for files named *.kraiter.test.hcl (the current directory by default; directories whose
names start with "." are skipped). Each test carries one contact through a sequence
offline and checks what it is sent.

Like go test, it prints "--- FAIL: NAME (FILE:LINE)" for each failing test with what
differed and the simulated timeline, then "ok" or "FAIL" for each file. --format github
prints GitHub Actions annotations on the failing expectations instead. --format json writes
the outcome as data:

  {"passed": false, "files": [{"file": "a.kraiter.test.hcl", "passed": false,
    "tests": [{"name": "pro users get tips", "line": 7, "passed": false,
               "failures": [{"line": 10, "message": "expected sends ..."}],
               "timeline": ["+0m  email tmpl_welcome (steps[0])"]}],
    "problems": [{"file": ..., "line": ..., "column": ..., "severity": "error",
                  "summary": ..., "detail": ...}]}]}

where "failures" and "timeline" are left out for a passing test, and "problems" are those
of the file or of a sequence it tests, shaped as kraiter dsl validate --format json writes
them.

Exits with status 1 when a test fails or a file has problems, and 2 on a usage error.`,
		Example: `  kraiter dsl test
  kraiter dsl test examples/dsl
  kraiter dsl test --format github sequences/onboarding.kraiter.test.hcl`,
		ValidArgsFunction: completeFiles(0, strings.TrimPrefix(dsltest.FileSuffix, ".")),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			listing := cmd.OutOrStdout()
			if format == formatJSON {
				listing = io.Discard // directories without tests are no outcome
			}
			files, err := findTestFiles(listing, args)
			if err != nil {
				return usageError(cmd, "%v", err)
			}
			if format == formatJSON {
				return writeTestReport(cmd.OutOrStdout(), files)
			}
			failed := false
			for _, file := range files {
				if !runTestFile(cmd.OutOrStdout(), file, format) {
					failed = true
				}
			}
			if failed {
				fmt.Fprintln(cmd.OutOrStdout(), "FAIL")
				return exitError{code: exitFailure}
			}
			return nil
		},
	}
	addEnumFlag(cmd, &format, "format", formatText, "output format: github writes GitHub Actions annotations", formatText, formatGitHub, formatJSON)
	return cmd
}

// findTestFiles lists the test files of each path, in order and once each. A directory
// without any is reported as go test reports a package without tests.
func findTestFiles(out io.Writer, paths []string) ([]string, error) {
	var files []string
	seen := map[string]bool{}
	add := func(file string) {
		if !seen[filepath.Clean(file)] {
			seen[filepath.Clean(file)] = true
			files = append(files, file)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		found := false
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && path != root && strings.HasPrefix(d.Name(), "."):
				return filepath.SkipDir
			case !d.IsDir() && strings.HasSuffix(d.Name(), dsltest.FileSuffix):
				found = true
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("search %s for test files: %w", root, err)
		}
		if !found {
			fmt.Fprintf(out, "?   \t%s\t[no test files]\n", root)
		}
	}
	return files, nil
}

// runTestFile runs one file's tests, prints their outcome and reports whether all passed.
func runTestFile(out io.Writer, file, format string) bool {
	results, diags := dsltest.RunFile(file)
	writeDiagnostics(out, diags, format)
	failed := 0
	for _, r := range results {
		if r.Passed() {
			continue
		}
		failed++
		if format == formatGitHub {
			for _, f := range r.Failures {
				writeGitHubAnnotation(out, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: r.Name, Detail: f.Message, Subject: f.Range.Ptr()})
			}
			continue
		}
		writeTestFailure(out, r)
	}
	var problems []string
	if failed > 0 {
		problems = append(problems, fmt.Sprintf("%d of %s failed", failed, prose.Count(len(results), "test")))
	}
	if n := errorCount(diags); n > 0 {
		problems = append(problems, prose.Count(n, "problem"))
	}
	if len(problems) > 0 {
		fmt.Fprintf(out, "FAIL\t%s\t%s\n", file, strings.Join(problems, ", "))
		return false
	}
	fmt.Fprintf(out, "ok  \t%s\t%s\n", file, prose.Count(len(results), "test"))
	return true
}

func writeTestFailure(out io.Writer, r dsltest.Result) {
	fmt.Fprintf(out, "--- FAIL: %s (%s:%d)\n", r.Name, r.Range.Filename, r.Range.Start.Line)
	for _, f := range r.Failures {
		fmt.Fprintf(out, "    %s:%d: %s\n", f.Range.Filename, f.Range.Start.Line, f.Message)
	}
	fmt.Fprintln(out, "    timeline:")
	for _, line := range r.Timeline {
		fmt.Fprintf(out, "        %s\n", line)
	}
}

func errorCount(diags hcl.Diagnostics) int {
	n := 0
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			n++
		}
	}
	return n
}
