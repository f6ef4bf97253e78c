package review

import (
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file writes what the comment says about a sequence's steps: how many there are, what
// changed between two definitions, and why a definition cannot be shown.

// stepsUnavailable says, as plain text, why the steps of an update cannot be compared: a
// side's definition is not known, or is known and cannot be parsed (its error, err).
func stepsUnavailable(before *sequenceState, oldErr error, after *sequenceState, newDef *definition.Definition, newErr error) string {
	if newDef == nil {
		return "the new definition " + definitionProblem(after, newErr) + ", so the steps cannot be compared."
	}
	return "the old definition " + definitionProblem(before, oldErr) + ", so the steps cannot be compared. The new one has " + stepsSummary(after, newDef, nil) + "."
}

// definitionProblem says, as plain text, why a side's definition was not parsed: "is known
// only after apply".
func definitionProblem(s *sequenceState, err error) string {
	switch s.definitionJSON.state {
	case fieldUnknown:
		return "is known only after apply"
	case fieldSensitive:
		return "is sensitive and not shown"
	case fieldNull:
		return "is missing"
	case fieldKnown: // and cannot be read
	}
	if err == nil {
		return "cannot be read"
	}
	return "cannot be read (" + markdown.Shorten(strings.Join(strings.Fields(err.Error()), " "), maxCheckMessage) + ")"
}

// stepsSummary counts a definition's steps by type, as plain text: "4 steps (2 emails, 1
// delay, 1 condition)".
func stepsSummary(s *sequenceState, def *definition.Definition, err error) string {
	if def == nil {
		return "the definition " + definitionProblem(s, err)
	}
	counts := make(map[definition.StepType]int)
	total := 0
	def.Walk(func(_ string, step *definition.Step) {
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
