package stepdiff

import (
	"slices"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestTimelineOfAStepNotInTheDefinition(t *testing.T) {
	t.Parallel()
	sent := true
	def := &definition.Definition{Steps: []definition.Step{{Type: definition.StepEmail, TemplateID: "a"}}}
	res := definition.SimulationResult{Steps: []definition.SimulationStep{
		{Path: "steps[0]", Type: definition.StepEmail, TemplateID: "a", WouldSend: &sent},
		{Path: "steps[1]", Type: "sms", After: 90 * time.Minute},
	}}
	want := []string{"+0m     email a (steps[0])", `+1h30m  sms (not in the definition) (steps[1])`}
	if got := Timeline(def, res); !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
