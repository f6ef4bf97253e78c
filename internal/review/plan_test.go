package review

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		input       string
		notPlan     string // a part of the NotPlanError's reason
		unsupported string // the version of an UnsupportedFormatError
	}{
		{name: "plan", input: `{"format_version":"1.2","planned_values":{},"resource_changes":[]}`},
		{name: "oldest format", input: `{"format_version":"0.1","planned_values":{}}`},
		{name: "broken JSON", input: `{"format_version":`, notPlan: "invalid JSON at byte 18"},
		{name: "empty", input: ``, notPlan: "invalid JSON at byte 0"},
		{name: "array", input: `[1]`, notPlan: "it is a JSON array, not an object"},
		{name: "wrong type", input: `{"format_version":1.2,"planned_values":{}}`, notPlan: "format_version is a JSON number, where a plan has a string"},
		{name: "no format_version", input: `{"planned_values":{}}`, notPlan: "it has no format_version"},
		{name: "state", input: `{"format_version":"1.0","values":{}}`, notPlan: "it is the JSON of a state"},
		{name: "no planned_values", input: `{"format_version":"1.0"}`, notPlan: "it has no planned_values"},
		{name: "bad resource_changes", input: `{"format_version":"1.2","planned_values":{},"resource_changes":{}}`, notPlan: "resource_changes is a JSON object, where a plan has a list"},
		{name: "newer format", input: `{"format_version":"2.0","planned_values":{}}`, unsupported: "2.0"},
		{name: "format that is not a version", input: `{"format_version":"one","planned_values":{}}`, unsupported: "one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := ParsePlan([]byte(tt.input))
			var notPlan *NotPlanError
			var unsupported *UnsupportedFormatError
			switch {
			case tt.notPlan != "":
				if !errors.As(err, &notPlan) || !strings.Contains(notPlan.Reason, tt.notPlan) {
					t.Fatalf("error %v, want a NotPlanError saying %q", err, tt.notPlan)
				}
				if !strings.Contains(err.Error(), "terraform show -json PLANFILE") {
					t.Errorf("error %q does not say what to give instead", err)
				}
			case tt.unsupported != "":
				if !errors.As(err, &unsupported) || unsupported.Version != tt.unsupported {
					t.Fatalf("error %v, want an UnsupportedFormatError of %q", err, tt.unsupported)
				}
			default:
				if err != nil || plan == nil {
					t.Fatalf("ParsePlan = %v, %v", plan, err)
				}
			}
		})
	}
}
