package main

import (
	"encoding/json"
	"testing"
)

func TestDSLTestJSON(t *testing.T) {
	t.Parallel()
	out, errOut, code := runKraiter(t, "", "dsl", "test", "--format", "json", failingTests)
	var report testReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if code != 1 || errOut != "" || report.Passed || len(report.Files) != 1 {
		t.Fatalf("exit %d, stderr %q, report:\n%s", code, errOut, out)
	}
	f := report.Files[0]
	if f.File != failingTests || f.Passed || len(f.Tests) != 4 || len(f.Problems) != 0 {
		t.Fatalf("file report:\n%s", out)
	}
	first := f.Tests[0]
	if first.Name != "the upgrade is expected where the tips are sent" || first.Line != 7 || first.Passed ||
		len(first.Failures) != 3 || first.Failures[0].Line != 10 || len(first.Timeline) == 0 {
		t.Errorf("first test: %+v", first)
	}
	passed := 0
	for _, test := range f.Tests {
		if test.Passed {
			passed++
			if test.Failures != nil || test.Timeline != nil {
				t.Errorf("a passing test carries failures or a timeline: %+v", test)
			}
		}
	}
	if passed != 1 {
		t.Errorf("%d tests passed, want 1", passed)
	}

	out, _, code = runKraiter(t, "", "dsl", "test", "--format", "json", "../../examples/dsl", t.TempDir())
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != 0 || !report.Passed || len(report.Files) != 4 {
		t.Errorf("examples: exit %d, %v, report:\n%s", code, err, out)
	}
}
