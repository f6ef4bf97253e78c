package stepdiff

import (
	"fmt"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Timeline writes a simulated run as text, one line per step passed: its time after the
// enrolment, what it did and its path, such as
//
//	+2d   condition contact.plan == "pro": yes (steps[2])
func Timeline(def *definition.Definition, res definition.SimulationResult) []string {
	steps := map[string]*definition.Step{}
	def.Walk(func(path string, s *definition.Step) { steps[path] = s })
	width := 0
	for _, s := range res.Steps {
		width = max(width, len(definition.FormatOffset(s.After))+1)
	}
	lines := make([]string, 0, len(res.Steps))
	for _, s := range res.Steps {
		lines = append(lines, fmt.Sprintf("%-*s  %s (%s)", width, "+"+definition.FormatOffset(s.After), visitText(s, steps[s.Path]), s.Path))
	}
	return lines
}

// visitText says what a step passed did, as its type's view says, and its outcome: "email
// tmpl_welcome", "wait 2d", "condition RULE: yes", "email tmpl_tips: not sent, unsubscribed".
// A step that the definition does not have, from the result of another one, is named by its
// type alone.
func visitText(s definition.SimulationStep, step *definition.Step) string {
	text := string(s.Type) + " (not in the definition)"
	if step != nil {
		text = viewOf(step.Type).timeline(step)
	}
	if s.WouldSend != nil && !*s.WouldSend {
		text += ": not sent, " + s.Reason
	}
	if s.Matched != nil {
		answer := "no"
		if *s.Matched {
			answer = "yes"
		}
		text += ": " + answer
	}
	return text
}
