package definition_test

import (
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	stepTypes := []string{string(definition.StepEmail), string(definition.StepDelay), string(definition.StepCondition)}
	tests := []struct {
		in         string
		candidates []string
		want       string
	}{
		{"emial", stepTypes, "email"},
		{"Email", stepTypes, "email"},
		{"dealy", stepTypes, "delay"},
		{"conditon", stepTypes, "condition"},
		{"sms", stepTypes, ""},
		{"", stepTypes, ""},
		{"exist", definition.AttributeOps, "exists"},
		{"gte", definition.AttributeOps, "gte"},
		{"perfomed", definition.EventOps, "performed"},
		// A suggestion must be fewer edits away than the word is long, so one letter gets none.
		{"g", definition.AttributeOps, ""},
	}
	for _, tt := range tests {
		if got := definition.Suggest(tt.in, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
