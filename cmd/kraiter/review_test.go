package main

import (
	"os"
	"strings"
	"testing"
)

const (
	reviewPlan     = "../../internal/review/testdata/tofu-1.10.10.plan.json"
	reviewContacts = "../../internal/review/testdata/review.contacts.hcl"
	reviewGolden   = "../../internal/review/testdata/tofu-1.10.10.review.md"
)

func TestReview(t *testing.T) {
	golden, err := os.ReadFile(reviewGolden)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile(reviewPlan)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runKraiter(t, "", "review", "--contacts", reviewContacts, reviewPlan)
	if code != 0 || errOut != "" || out != string(golden) {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant %s", code, errOut, out, reviewGolden)
	}

	out, errOut, code = runKraiter(t, string(plan), "review", "--title", "Production", "-")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "## Production\n\n**Plan:** 1 to destroy, 1 to replace, 2 to update, 1 to create.\n") ||
		strings.Contains(out, "Sample contacts") {
		t.Errorf("from standard input, with a title and no contacts: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

func TestReviewErrors(t *testing.T) {
	badContacts := writeTemp(t, "bad.contacts.hcl", "contact \"a\" {\n  seats = 12\n}\n")
	state := writeTemp(t, "state.json", `{"format_version":"1.0","terraform_version":"1.5.7","values":{}}`)

	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string // a part of the error output
	}{
		{name: "no plan", args: nil, code: 2, stderr: "kraiter review: give one PLAN_JSON (or - for standard input), not 0 arguments\nRun \"kraiter review --help\" for usage.\n"},
		{name: "two plans", args: []string{reviewPlan, reviewPlan}, code: 2, stderr: "not 2 arguments"},
		{name: "unknown flag", args: []string{"--contact", reviewContacts, reviewPlan}, code: 2, stderr: "kraiter review: unknown flag: --contact; did you mean --contacts?\n"},
		{name: "missing plan", args: []string{"missing.json"}, code: 1, stderr: "kraiter review: open missing.json: no such file or directory\n"},
		{name: "not JSON", args: []string{"-"}, stdin: "Plan: 1 to add", code: 1, stderr: "kraiter review: <stdin>: not the JSON of a plan (invalid JSON at byte 1"},
		{name: "state, not plan", args: []string{state}, code: 1, stderr: "kraiter review: " + state + ": not the JSON of a plan (it is the JSON of a state, from show -json without a plan file); give the output of `terraform show -json PLANFILE`"},
		{name: "newer format", args: []string{"-"}, stdin: `{"format_version":"2.0","planned_values":{}}`, code: 1, stderr: `kraiter review: <stdin>: the plan's format_version is "2.0"; kraiter review reads versions >= 0.1, < 2.0`},
		{name: "missing contacts file", args: []string{"--contacts", "missing.hcl", reviewPlan}, code: 1, stderr: "kraiter review: open missing.hcl: no such file or directory\n"},
		{name: "invalid contacts file", args: []string{"--contacts", badContacts, reviewPlan}, code: 1, stderr: badContacts + `:2:3: error: Unknown attribute: Contact blocks take attributes, subscribed, events, until and sequences, not "seats".` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, tt.stdin, append([]string{"review"}, tt.args...)...)
			if code != tt.code || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d (want %d), stdout %q, stderr:\n%s\nwant it to hold:\n%s", code, tt.code, out, errOut, tt.stderr)
			}
		})
	}
}
