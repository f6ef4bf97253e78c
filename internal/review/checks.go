package review

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file reads the plan's checks: the results of check blocks, preconditions and
// postconditions, and of variable validations, which the comment lists first when they
// fail, and tells from them whether the plan errored.

// CheckResult is one failed or errored check of one object.
type CheckResult struct {
	// Address is the object checked, with its instance key: "check.solo_users",
	// "data.kraiter_sequence_simulation.solo".
	Address string `json:"address"`
	// Kind is what holds the condition: "check" for a check block, "resource" for a
	// precondition or postcondition of a resource or data source, "output_value", "var".
	Kind string `json:"kind"`
	// Status is "fail" (the condition was false) or "error" (it could not be evaluated).
	Status string `json:"status"`
	// Messages are the conditions' error messages.
	Messages []string `json:"messages"`
}

// Bounds of the checks listed, so that a plan of many failures still leaves room for the
// changes.
const (
	maxChecks       = 20
	maxCheckMessage = 300
	maxAddress      = 120
)

// failedChecks lists the checks that failed or errored, an instance at a time.
func failedChecks(plan *Plan) []CheckResult {
	var out []CheckResult
	for _, c := range plan.Checks {
		if !failing(c.Status) {
			continue
		}
		kind := string(c.Address.Kind)
		if len(c.Instances) == 0 {
			out = append(out, CheckResult{Address: c.Address.ToDisplay, Kind: kind, Status: string(c.Status), Messages: []string{}})
			continue
		}
		for _, in := range c.Instances {
			if !failing(in.Status) {
				continue
			}
			r := CheckResult{Address: in.Address.ToDisplay, Kind: kind, Status: string(in.Status), Messages: []string{}}
			if r.Address == "" {
				r.Address = c.Address.ToDisplay
			}
			for _, p := range in.Problems {
				r.Messages = append(r.Messages, p.Message)
			}
			out = append(out, r)
		}
	}
	return out
}

func failing(s tfjson.CheckStatus) bool {
	return s == tfjson.CheckStatusFail || s == tfjson.CheckStatusError
}

// stopsThePlan reports whether a failed check is an error rather than a warning: everything
// but a check block stops the plan when its condition fails.
func (c CheckResult) stopsThePlan() bool {
	return c.Kind != string(tfjson.CheckKindCheckBlock)
}

// holder says what the check's condition belongs to.
func (c CheckResult) holder() string {
	switch c.Kind {
	case string(tfjson.CheckKindCheckBlock):
		return "check block"
	case string(tfjson.CheckKindResource):
		return "precondition or postcondition"
	case string(tfjson.CheckKindOutputValue):
		return "output precondition"
	case "var":
		return "variable validation"
	}
	return "condition"
}

// erroredText is the banner of a plan that stopped at an error. A failed condition that
// stops plans says why, and tells an errored plan of Terraform 1.5.7, which does not mark
// it, too.
func erroredText(plan *Plan, checks []CheckResult) string {
	for _, c := range checks {
		if c.stopsThePlan() {
			return "> [!CAUTION]\n> **This plan errored and is incomplete.** A " + c.holder() + " failed, which stops a plan, so this comment shows only the changes planned before it, and the plan cannot be applied. Fix the error and plan again.\n\n"
		}
	}
	if plan.Errored {
		return "> [!CAUTION]\n> **This plan errored and is incomplete.** Planning stopped at an error, so this comment shows only the changes planned before it, and the plan cannot be applied. Fix the error in the plan's output and plan again.\n\n"
	}
	return ""
}

// errored reports whether the plan stopped at an error, by its own mark or by a failed
// condition that stops plans.
func errored(plan *Plan, checks []CheckResult) bool {
	return erroredText(plan, checks) != ""
}

// checksText lists the failed checks with their messages; "" when none failed.
func checksText(checks []CheckResult) string {
	if len(checks) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("**Failed checks**\n\n")
	for i, c := range checks {
		if i == maxChecks {
			b.WriteString("- and " + prose.Count(len(checks)-maxChecks, "more failed check") + ", in the plan's output\n")
			break
		}
		status := "**failed**"
		if c.Status == string(tfjson.CheckStatusError) {
			status = "**errored**"
		}
		b.WriteString("- " + status + " " + addressCode(c.Address) + " (" + c.holder() + ")")
		var messages []string
		for _, m := range c.Messages {
			messages = append(messages, markdown.Text(markdown.Shorten(strings.Join(strings.Fields(m), " "), maxCheckMessage)))
		}
		if len(messages) > 0 {
			b.WriteString(": " + strings.Join(messages, " "))
		}
		b.WriteString("\n")
	}
	return b.String() + "\n"
}
