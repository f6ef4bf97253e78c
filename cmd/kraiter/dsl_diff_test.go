package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	diffOld = "email {\n  template = \"welcome\"\n}\n\nemail {\n  template = \"tips\"\n}\n"
	// diffNew wraps the second email in a condition.
	diffNew = "email {\n  template = \"welcome\"\n}\n\ncondition {\n  when = contact.country == \"DE\"\n\n  then {\n    email {\n      template = \"tips\"\n    }\n  }\n}\n"
	// diffOldJSON means what diffOld means, spelled as JSON with defaults left out.
	diffOldJSON = `  {"steps": [{"templateId": "welcome", "type": "email"}, {"type": "email", "templateId": "tips", "delay": "0m"}]}`
	diffText    = "+ steps[1]  condition when contact.country == \"DE\"\n> steps[1].then[0]  email tips (was steps[1])\n"
)

func TestDSLDiff(t *testing.T) {
	t.Parallel()
	oldPath := writeTemp(t, "old.kraiter.hcl", diffOld)
	newPath := writeTemp(t, "new.kraiter.hcl", diffNew)
	// The names say the opposite of the content: content decides.
	jsonNamedHCL := writeTemp(t, "old-as-json.kraiter.hcl", diffOldJSON)
	dslNamedJSON := writeTemp(t, "new.json", diffNew)
	varPath := writeTemp(t, "var.kraiter.hcl", "email {\n  template = var.welcome\n}\n\nemail {\n  template = \"tips\"\n}\n")

	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
	}{
		{name: "differ", args: []string{oldPath, newPath}, code: 1, stdout: diffText},
		{name: "equal", args: []string{oldPath, oldPath}, code: 0, stdout: "No change in meaning.\n"},
		{name: "JSON and DSL told apart by content", args: []string{jsonNamedHCL, dslNamedJSON}, code: 1, stdout: diffText},
		{name: "JSON and DSL that mean the same", args: []string{jsonNamedHCL, oldPath}, code: 0, stdout: "No change in meaning.\n"},
		{name: "old from standard input", stdin: diffOld, args: []string{"-", newPath}, code: 1, stdout: diffText},
		{name: "new JSON from standard input", stdin: diffOldJSON, args: []string{newPath, "-"}, code: 1,
			stdout: "- steps[1]  condition when contact.country == \"DE\"\n> steps[1]  email tips (was steps[1].then[0])\n"},
		{name: "vars", args: []string{"--var", "welcome=welcome", varPath, oldPath}, code: 0, stdout: "No change in meaning.\n"},
		{name: "--no-color is accepted", args: []string{"--no-color", oldPath, newPath}, code: 1, stdout: diffText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, tt.stdin, append([]string{"dsl", "diff"}, tt.args...)...)
			if code != tt.code || out != tt.stdout || errOut != "" {
				t.Errorf("exit %d (want %d), stderr %q, stdout:\n%s\nwant:\n%s", code, tt.code, errOut, out, tt.stdout)
			}
		})
	}
}

func TestDSLDiffFormats(t *testing.T) {
	t.Parallel()
	oldPath := writeTemp(t, "old.kraiter.hcl", diffOld)
	newPath := writeTemp(t, "new.kraiter.hcl", diffNew)

	out, _, code := runKraiter(t, diffOld, "dsl", "diff", "--format", "markdown", "-", newPath)
	for _, part := range []string{
		"**Changes in meaning:** 1 added, 1 moved.\n\n```diff\n--- <stdin>\n+++ " + newPath + "\n",
		"+condition {\n+  when = contact.country == \"DE\"\n",
		"- **added** `steps[1]`: `condition when contact.country == \"DE\"`\n- **moved** `steps[1].then[0]` (was `steps[1]`): `email tips`\n",
	} {
		if code != 1 || !strings.Contains(out, part) {
			t.Errorf("markdown: exit %d, stdout lacks\n%s\nin:\n%s", code, part, out)
		}
	}
	if out, _, code := runKraiter(t, "", "dsl", "diff", "--format", "markdown", oldPath, oldPath); code != 0 || out != "No change in meaning.\n" {
		t.Errorf("markdown, equal: exit %d, stdout %q", code, out)
	}

	out, _, code = runKraiter(t, "", "dsl", "diff", "--format", "json", oldPath, newPath)
	var got struct {
		Equal   bool `json:"equal"`
		Changes []struct {
			Kind, Path, Step string
			OldPath          string `json:"old_path"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 {
		t.Fatalf("json: exit %d, %v:\n%s", code, err, out)
	}
	if got.Equal || len(got.Changes) != 2 || got.Changes[0].Kind != "added" || got.Changes[0].Step != `condition when contact.country == "DE"` ||
		got.Changes[1].Kind != "moved" || got.Changes[1].OldPath != "steps[1]" || got.Changes[1].Path != "steps[1].then[0]" {
		t.Errorf("json:\n%s", out)
	}
	if !strings.Contains(out, `contact.country == \"DE\"`) {
		t.Errorf("json escapes what it need not:\n%s", out)
	}
	if out, _, code := runKraiter(t, "", "dsl", "diff", "--format", "json", oldPath, oldPath); code != 0 || out != "{\n  \"equal\": true,\n  \"changes\": []\n}\n" {
		t.Errorf("json, equal: exit %d, stdout %q", code, out)
	}
}

func TestDSLDiffErrors(t *testing.T) {
	t.Parallel()
	oldPath := writeTemp(t, "old.kraiter.hcl", diffOld)
	bad := writeTemp(t, "bad.kraiter.hcl", badSource)
	badJSON := writeTemp(t, "bad.json", `{"steps":[{"type":"emial"}]}`)
	brokenJSON := writeTemp(t, "broken.json", `{"steps":[`)

	tests := []struct {
		name   string
		stdin  string
		args   []string
		stderr string // a line the error output holds
	}{
		{name: "one file", args: []string{oldPath}, stderr: "kraiter dsl diff: give two sequences, OLD and NEW, not 1 argument\n"},
		{name: "both from standard input", args: []string{"-", "-"}, stderr: "OLD and NEW are both - (standard input); give a file for one of them"},
		{name: "unknown flag", args: []string{"--colour", oldPath, oldPath}, stderr: "kraiter dsl diff: unknown flag: --colour\nRun \"kraiter dsl diff --help\" for usage.\n"},
		{name: "unknown format", args: []string{"--format", "html", oldPath, oldPath}, stderr: `invalid argument "html" for "--format" flag: use "text", "markdown" or "json"`},
		{name: "missing file", args: []string{oldPath, "missing.kraiter.hcl"}, stderr: "kraiter dsl diff: open missing.kraiter.hcl: no such file or directory\n"},
		{name: "compile error", args: []string{bad, oldPath}, stderr: bad + `:1:1: error: Unknown block type: "emial" is not a block`},
		{name: "missing var", args: []string{oldPath, "-"}, stdin: "email {\n  template = var.x\n}\n", stderr: "<stdin>:2:14: error: Undefined var"},
		{name: "invalid definition", args: []string{badJSON, oldPath}, stderr: badJSON + `: error: steps[0].type: unknown step type "emial"`},
		{name: "what is not JSON is DSL", args: []string{brokenJSON, oldPath}, stderr: brokenJSON + ":1:1: error:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, tt.stdin, append([]string{"dsl", "diff"}, tt.args...)...)
			if code != 2 || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d (want 2), stdout %q, stderr:\n%s\nwant it to hold:\n%s", code, out, errOut, tt.stderr)
			}
		})
	}
}

func TestDSLGraphDiff(t *testing.T) {
	t.Parallel()
	newPath := writeTemp(t, "new.kraiter.hcl", diffNew)
	jsonNamedHCL := writeTemp(t, "old.kraiter.hcl", diffOldJSON)
	for name, args := range map[string][]string{
		"old from standard input": {"dsl", "graph", "--raw", "--diff", "-", newPath},
		"JSON old named .hcl":     {"dsl", "graph", "--raw", "--diff", jsonNamedHCL, newPath},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, diffOld, args...)
			if code != 0 || !strings.HasPrefix(out, "flowchart TD\n") ||
				!strings.Contains(out, "  class cond_f84b8e added\n  class email_tips moved\n") {
				t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
			}
		})
	}
	if out, _, code := runKraiter(t, diffNew, "dsl", "graph", "-"); code != 0 || !strings.Contains(out, "cond_f84b8e -->|yes| email_tips") {
		t.Errorf("graph of standard input: exit %d, stdout:\n%s", code, out)
	}
	if _, errOut, code := runKraiter(t, "", "dsl", "graph", "--diff", "-", "-"); code != 2 || !strings.Contains(errOut, "both read standard input") {
		t.Errorf("both from standard input: exit %d, stderr %q", code, errOut)
	}
}
