package review

import (
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file writes what the comment says about a sequence's steps: how many there are, what
// changed between two definitions, and why a definition cannot be shown.

// stepsUnavailable says why the steps of an update cannot be compared.
func stepsUnavailable(before, after *sequenceState) string {
	if after.def == nil {
		return "the new definition " + definitionProblem(after) + ", so the steps cannot be compared."
	}
	return "the old definition " + definitionProblem(before) + ", so the steps cannot be compared. The new one has " + stepsSummary(after) + "."
}

// definitionProblem says why a side's definition was not parsed: "is known only after apply".
func definitionProblem(s *sequenceState) string {
	switch s.definitionJSON.state {
	case fieldUnknown:
		return "is known only after apply"
	case fieldSensitive:
		return "is sensitive and not shown"
	case fieldNull:
		return "is missing"
	}
	return "cannot be read (" + strings.Join(strings.Fields(s.defErr.Error()), " ") + ")"
}

// stepsSummary counts a definition's steps by type: "4 steps (2 emails, 1 delay, 1 condition)".
func stepsSummary(s *sequenceState) string {
	if s.def == nil {
		return "the definition " + definitionProblem(s)
	}
	counts := map[definition.StepType]int{}
	total := 0
	s.def.Walk(func(_ string, step *definition.Step) {
		counts[step.Type]++
		total++
	})
	if total == 0 {
		return "none"
	}
	var kinds []string
	for _, t := range definition.StepTypes() {
		if counts[t] > 0 {
			kinds = append(kinds, prose.Count(counts[t], string(t)))
		}
	}
	return prose.Count(total, "step") + " (" + strings.Join(kinds, ", ") + ")"
}
