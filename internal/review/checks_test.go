package review

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func check(kind tfjson.CheckKind, address string, status tfjson.CheckStatus, messages ...string) tfjson.CheckResultStatic {
	var problems []tfjson.CheckResultProblem
	for _, m := range messages {
		problems = append(problems, tfjson.CheckResultProblem{Message: m})
	}
	return tfjson.CheckResultStatic{Address: tfjson.CheckStaticAddress{ToDisplay: address, Kind: kind}, Status: status,
		Instances: []tfjson.CheckResultDynamic{{Address: tfjson.CheckDynamicAddress{ToDisplay: address}, Status: status, Problems: problems}}}
}

func TestChecks(t *testing.T) {
	t.Parallel()
	update := resourceChange("kraiter_sequence.a", actUpdate, sequenceValues("seq_a", "A", defWelcome), sequenceValues("seq_a", "B", defWelcome))
	twoInstances := check(tfjson.CheckKindResource, "data.x.y", tfjson.CheckStatusFail)
	twoInstances.Instances = []tfjson.CheckResultDynamic{
		{Address: tfjson.CheckDynamicAddress{ToDisplay: `data.x.y["a"]`}, Status: tfjson.CheckStatusPass},
		{Address: tfjson.CheckDynamicAddress{ToDisplay: `data.x.y["b"]`}, Status: tfjson.CheckStatusFail, Problems: []tfjson.CheckResultProblem{{Message: "B fails."}}},
	}
	var many []tfjson.CheckResultStatic
	for i := range maxChecks + 3 {
		many = append(many, check(tfjson.CheckKindCheckBlock, fmt.Sprintf("check.c%d", i), tfjson.CheckStatusFail, "No."))
	}
	tests := []struct {
		name    string
		checks  []tfjson.CheckResultStatic
		errored bool
		want    []string
		notWant []string
	}{
		{
			name:   "passed and unknown checks are not listed",
			checks: []tfjson.CheckResultStatic{check(tfjson.CheckKindCheckBlock, "check.ok", tfjson.CheckStatusPass), check(tfjson.CheckKindResource, "data.x.y", tfjson.CheckStatusUnknown)},
			want:   []string{"## Kraiter sequences\n\n**Plan:** 1 to update.\n"}, notWant: []string{"Failed checks", "errored"},
		},
		{
			name:    "a failed check block is a warning",
			checks:  []tfjson.CheckResultStatic{check(tfjson.CheckKindCheckBlock, "check.tips", tfjson.CheckStatusFail, "Teams of 7\nget *no* tips.", "A second problem.")},
			want:    []string{"## Kraiter sequences\n\n**Failed checks**\n\n- **failed** `check.tips` (check block): Teams of 7 get \\*no\\* tips. A second problem.\n\n**Plan:** 1 to update.\n"},
			notWant: []string{"errored"},
		},
		{
			name:   "a failed postcondition stops the plan",
			checks: []tfjson.CheckResultStatic{check(tfjson.CheckKindResource, "data.sim.solo", tfjson.CheckStatusFail, "Solo users must get the welcome.")},
			want: []string{
				"## Kraiter sequences\n\n> [!CAUTION]\n> **This plan errored and is incomplete.** A precondition or postcondition failed, which stops a plan,",
				"- **failed** `data.sim.solo` (precondition or postcondition): Solo users must get the welcome.\n\n**Plan, up to the error:** 1 to update.\n",
			},
		},
		{
			name:    "a plan marked errored, with no condition to say why",
			errored: true,
			want:    []string{"> **This plan errored and is incomplete.** Planning stopped at an error, so this comment shows only the changes planned before it"},
		},
		{
			name:   "an errored output precondition and a failed variable validation",
			checks: []tfjson.CheckResultStatic{check(tfjson.CheckKindOutputValue, "output.x", tfjson.CheckStatusError), check("var", "var.plan", tfjson.CheckStatusFail, "Plan must be pro.")},
			want:   []string{"- **errored** `output.x` (output precondition)\n- **failed** `var.plan` (variable validation): Plan must be pro.\n"},
		},
		{
			name:   "instances of a resource, the failed ones only",
			checks: []tfjson.CheckResultStatic{twoInstances},
			want:   []string{"- **failed** `data.x.y[\"b\"]` (precondition or postcondition): B fails.\n\n"}, notWant: []string{`data.x.y["a"]`},
		},
		{
			name: "at most maxChecks", checks: many,
			want: []string{"- **failed** `check.c19` (check block): No.\n- and 3 more failed checks, in the plan's output\n"}, notWant: []string{"check.c20"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planOf(update)
			plan.Checks, plan.Errored = tt.checks, tt.errored
			got := Render(context.Background(), plan, Options{})
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("want\n%s\nin:\n%s", want, got)
				}
			}
			for _, notWant := range tt.notWant {
				if strings.Contains(got, notWant) {
					t.Errorf("do not want\n%s\nin:\n%s", notWant, got)
				}
			}
		})
	}
}

func TestNoChangesBeforeAnError(t *testing.T) {
	t.Parallel()
	plan := &Plan{Errored: true}
	if got, want := Render(context.Background(), plan, Options{}), "No Kraiter sequence changes were planned before the error.\n"; !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s\nwant it to end with %q", got, want)
	}
	if got, want := Render(context.Background(), &Plan{}, Options{NoPlan: true, Failed: []FailedStep{{Name: "terraform plan", Output: "Error: x"}}}),
		"No plan to review: planning did not finish. Fix the failures above and push again.\n"; !strings.HasSuffix(got, want) {
		t.Errorf("got:\n%s\nwant it to end with %q", got, want)
	}
}
