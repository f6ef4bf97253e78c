package main

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestDSLValidateJSON(t *testing.T) {
	t.Parallel()
	bad := writeTemp(t, "bad.kraiter.hcl", badSource)
	out, errOut, code := runKraiter(t, "", "dsl", "validate", "--format", "json", "--var", "locale=en", onboarding, reEngagement)
	if code != 0 || errOut != "" || out != "[]\n" {
		t.Errorf("valid files: exit %d, stderr %q, stdout %q", code, errOut, out)
	}

	out, _, code = runKraiter(t, "", "dsl", "validate", "--format", "json", onboarding, bad, "missing.kraiter.hcl")
	var problems []map[string]any
	if err := json.Unmarshal([]byte(out), &problems); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	want := []map[string]any{
		{"file": bad, "line": 1.0, "column": 1.0, "severity": "error", "summary": "Unknown block type"},
		{"file": bad, "line": 4.0, "column": 14.0, "severity": "error", "summary": "Invalid duration"},
		{"file": "missing.kraiter.hcl", "line": 1.0, "column": 1.0, "severity": "error", "summary": "File error",
			"detail": "open missing.kraiter.hcl: no such file or directory"},
	}
	if code != 1 || len(problems) != len(want) {
		t.Fatalf("exit %d, problems:\n%s", code, out)
	}
	for i, w := range want {
		for key, value := range w {
			if problems[i][key] != value {
				t.Errorf("problem %d: %s = %v, want %v", i, key, problems[i][key], value)
			}
		}
		if _, ok := problems[i]["detail"].(string); !ok {
			t.Errorf("problem %d has no detail: %v", i, problems[i])
		}
	}
}

func TestProblemsJSON(t *testing.T) {
	t.Parallel()
	diags := hcl.Diagnostics{
		{Severity: hcl.DiagWarning, Summary: "Unused local", Detail: "local.x is never used.",
			Subject: &hcl.Range{Filename: "a.kraiter.hcl", Start: hcl.Pos{Line: 3, Column: 5}}},
		{Severity: hcl.DiagError, Summary: "No steps", Detail: "A sequence needs a step."},
	}
	want := []problemJSON{
		{File: "a.kraiter.hcl", Line: 3, Column: 5, Severity: "warning", Summary: "Unused local", Detail: "local.x is never used."},
		{File: "<stdin>", Severity: "error", Summary: "No steps", Detail: "A sequence needs a step."},
	}
	if got := problemsJSON(diags, "<stdin>"); !slices.Equal(got, want) {
		t.Errorf("problems = %+v, want %+v", got, want)
	}
	if got := problemsJSON(nil, "a"); got == nil || len(got) != 0 {
		t.Errorf("no diagnostics give %#v, want an empty array", got)
	}
}
