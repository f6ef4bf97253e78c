package review

import (
	"context"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestDrift checks what the comment says of each fate of a change made outside Terraform,
// for what the golden review of the drift scenario does not hold.
func TestDrift(t *testing.T) {
	t.Parallel()
	def := func(duration string) string {
		return `{"steps":[{"type":"email","templateId":"tmpl_a"},{"type":"delay","duration":"` + duration + `"},{"type":"email","templateId":"tmpl_b"}]}`
	}
	state := sequenceValues("seq_a", "A", def("2d"), eventTrigger("signed_up"))
	live := sequenceValues("seq_a", "A (edited)", def("1d"), eventTrigger("signed_up"))
	drifted := resourceChange("kraiter_sequence.a", actUpdate, state, live)
	deleted := resourceChange("kraiter_sequence.a", actDelete, state, nil)
	unknownAfter := resourceChange("kraiter_sequence.a", actUpdate, live, sequenceValues("seq_a", "A", "", eventTrigger("signed_up")))
	unknownAfter.Change.AfterUnknown = map[string]any{"definition": true}

	tests := []struct {
		name    string
		drift   *tfjson.ResourceChange
		change  *tfjson.ResourceChange // the plan's change of the sequence; nil for none
		want    []string
		notWant []string
	}{
		{
			name: "kept: the configuration follows Kraiter", drift: drifted,
			want:    []string{"**`kraiter_sequence.a`** (`seq_a`): **This plan keeps it**: the configuration matches Kraiter now.\n\n- **Name:** `A` → `A (edited)`\n- **Steps:** 1 changed\n  - **changed** `steps[1].duration`: `2d` → `1d`\n"},
			notWant: []string{revertMark},
		},
		{
			name: "reverted in part, overwritten in part", drift: drifted,
			change: resourceChange("kraiter_sequence.a", actUpdate, live, sequenceValues("seq_a", "A (renamed)", def("2d"), eventTrigger("signed_up"))),
			want: []string{
				"This plan **reverts** the steps to the configuration and **overwrites** the name with the configuration's new value.",
				"| **update** ↩ | `A (edited)` → `A (renamed)` |",
				"- **Name:** `A (edited)` → `A (renamed)`\n",
				"- **changed** `steps[1].duration`: `1d` → `2d` ↩\n\n↩ reverts a change made outside Terraform.",
			},
			notWant: []string{"only reverts"},
		},
		{
			name: "the plan's own change on top of a revert", drift: drifted,
			change: resourceChange("kraiter_sequence.a", actUpdate, live, sequenceValues("seq_a", "A", `{"steps":[{"type":"email","templateId":"tmpl_a"},{"type":"delay","duration":"2d"},{"type":"email","templateId":"tmpl_c"}]}`, eventTrigger("signed_up"))),
			want: []string{
				"- **Name:** `A (edited)` → `A` ↩ reverts a change made outside Terraform\n",
				"- **changed** `steps[1].duration`: `1d` → `2d` ↩\n- **changed** `steps[2].templateId`: `tmpl_b` → `tmpl_c`\n",
			},
			notWant: []string{"only reverts"},
		},
		{
			name: "a value known only after apply", drift: drifted, change: unknownAfter,
			want: []string{"This plan **reverts** the name to the configuration and sets the steps to a value known only after apply."},
		},
		{
			name: "the plan deletes it", drift: drifted, change: resourceChange("kraiter_sequence.a", actDelete, live, nil),
			want: []string{"(`seq_a`): **This plan deletes the sequence.**"},
		},
		{
			name: "deleted outside and created again", drift: deleted, change: resourceChange("kraiter_sequence.a", actCreate, nil, state),
			want: []string{"(`seq_a`): Deleted outside Terraform. **This plan creates it again**, empty: it enrols contacts only through its triggers.\n\n### Create"},
		},
		{
			name: "deleted outside and left so", drift: deleted,
			want: []string{"Deleted outside Terraform. This plan does not create it again."},
		},
		{
			name: "only what the comment does not show", drift: resourceChange("kraiter_sequence.a", actUpdate, state, withUpdatedAt(state)),
			notWant: []string{"Changed outside Terraform"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planOf()
			if tt.change != nil {
				plan = planOf(tt.change)
			}
			plan.ResourceDrift = []*tfjson.ResourceChange{tt.drift}
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

func withUpdatedAt(values map[string]any) map[string]any {
	out := map[string]any{"updated_at": "2026-01-02T00:00:00Z"}
	for k, v := range values {
		out[k] = v
	}
	return out
}

// TestRevertMarks checks which of a plan's step changes are found to undo a change made
// outside Terraform, for each kind of step change.
func TestRevertMarks(t *testing.T) {
	t.Parallel()
	steps := func(s ...string) string { return `{"steps":[` + strings.Join(s, ",") + `]}` }
	email := func(tmpl string) string { return `{"type":"email","templateId":"` + tmpl + `"}` }
	delay := func(d string) string { return `{"type":"delay","duration":"` + d + `"}` }
	tests := []struct {
		name               string
		state, live, after string
		want               string // the change list, marks included
	}{
		{
			name: "a step added outside, removed again", state: steps(email("a"), email("b")), live: steps(email("a"), email("x"), email("b")), after: steps(email("a"), email("b")),
			want: "- **removed** `steps[1]`: `email x` ↩\n",
		},
		{
			name: "a step removed outside, added again", state: steps(email("a"), email("b")), live: steps(email("a")), after: steps(email("a"), email("b")),
			want: "- **added** `steps[1]`: `email b` ↩\n",
		},
		{
			name: "steps swapped outside, swapped back", state: steps(email("a"), delay("1d"), email("b")), live: steps(email("b"), delay("1d"), email("a")), after: steps(email("a"), delay("1d"), email("b")),
			want: "- **moved** `steps[1]`: `delay 1d` ↩\n- **moved** `steps[2]` (was `steps[0]`): `email b` ↩\n",
		},
		{
			name: "a step moved outside and moved again, with another change", state: steps(email("a"), delay("1d"), email("b")), live: steps(delay("1d"), email("a"), email("b")), after: steps(email("a"), delay("1d"), email("c")),
			want: "- **moved** `steps[1]` (was `steps[0]`): `delay 1d` ↩\n- **changed** `steps[2].templateId`: `b` → `c`\n",
		},
		{
			name: "a changed field reverted, another changed by the plan", state: steps(email("a"), delay("2d")), live: steps(email("a"), delay("1d")), after: steps(email("c"), delay("2d")),
			want: "- **changed** `steps[0].templateId`: `a` → `c`\n- **changed** `steps[1].duration`: `1d` → `2d` ↩\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan := planOf(resourceChange("kraiter_sequence.a", actUpdate, sequenceValues("seq_a", "A", tt.live), sequenceValues("seq_a", "A", tt.after)))
			plan.ResourceDrift = []*tfjson.ResourceChange{resourceChange("kraiter_sequence.a", actUpdate, sequenceValues("seq_a", "A", tt.state), sequenceValues("seq_a", "A", tt.live))}
			got := Render(context.Background(), plan, Options{})
			if !strings.Contains(got, "\n\n"+tt.want+"\n") {
				t.Errorf("want the change list\n%s\nin:\n%s", tt.want, got)
			}
		})
	}
}
