package review

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestRenames(t *testing.T) {
	t.Parallel()
	trial := sequenceValues("seq_trial", "Trial", defWelcome)
	deposed := resourceChange("kraiter_sequence.old", actDelete, trial, nil)
	deposed.DeposedKey = "00000001"
	long := `kraiter_sequence.x["` + strings.Repeat("k", maxMovedAddress) + `"]`
	tests := []struct {
		name    string
		plan    *Plan
		want    []string
		notWant []string
	}{
		{
			name: "a destroy and a create of the same id at two addresses",
			plan: planOf(resourceChange("kraiter_sequence.trial", actDelete, trial, nil), resourceChange("module.m.kraiter_sequence.trial", actCreate, nil, trial)),
			want: []string{
				"## Kraiter sequences\n\n> [!WARNING]\n> **`kraiter_sequence.trial` and `module.m.kraiter_sequence.trial` are the same sequence, `seq_trial`.**",
				"which cancels its active enrolments, and creates it again, empty",
				"```hcl\nmoved {\n  from = kraiter_sequence.trial\n  to   = module.m.kraiter_sequence.trial\n}\n```\n\n**Plan:** 1 to destroy, 1 to create.",
			},
		},
		{
			name:    "ids that differ",
			plan:    planOf(resourceChange("kraiter_sequence.a", actDelete, trial, nil), resourceChange("kraiter_sequence.b", actCreate, nil, sequenceValues("seq_other", "B", defWelcome))),
			notWant: []string{"same sequence"},
		},
		{
			name:    "a deposed object",
			plan:    planOf(deposed, resourceChange("kraiter_sequence.b", actCreate, nil, trial)),
			notWant: []string{"same sequence"},
		},
		{
			name: "more renames than are written out",
			plan: renames(maxRenames + 1),
			want: []string{"> 1 more sequence is destroyed and created again under another address, as above; `kraiter review --format json` lists them all.\n\n"},
		},
		{
			name: "an address too long for a moved block",
			plan: planOf(resourceChange(long, actDelete, trial, nil), resourceChange("kraiter_sequence.b", actCreate, nil, trial)),
			want: []string{"If the resource was renamed, add a moved block from the old address to the new one and plan again.\n\n"}, notWant: []string{"moved {"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(context.Background(), tt.plan, Options{})
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

func TestFailedSteps(t *testing.T) {
	t.Parallel()
	many := make([]string, 50)
	for i := range many {
		many[i] = fmt.Sprintf("line %d", i+1)
	}
	steps := []FailedStep{
		{Name: "kraiter dsl fmt --check", Output: "onboarding.kraiter.hcl\n"},
		{Name: "kraiter dsl test", Output: strings.Join(many, "\n")},
		{Name: "silent", Output: ""},
	}
	got := Render(context.Background(), &Plan{}, Options{Failed: steps})
	for _, want := range []string{
		"## Kraiter sequences\n\n> [!CAUTION]\n> **3 steps of this pull request's checks failed:** `kraiter dsl fmt --check`, `kraiter dsl test` and `silent`.",
		"**`kraiter dsl fmt --check`**\n\n```text\nonboarding.kraiter.hcl\n```\n\n",
		"```text\n… 20 earlier lines left out\nline 21\n",
		"line 50\n```\n\n**`silent`**\n\n```text\n(no output)\n```\n\nNo Kraiter sequence changes.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want\n%s\nin:\n%s", want, got)
		}
	}
}

func TestOutputTail(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxOutputLine+50)
	tests := []struct {
		name, output, want string
	}{
		{name: "short", output: "a\nb\n", want: "a\nb"},
		{name: "empty", output: "", want: "(no output)"},
		{name: "a long line is shortened", output: long, want: markdownShorten(long)},
		{name: "within maxOutputLength", output: strings.Repeat(long+"\n", 20), want: "… 7 earlier lines left out\n" + strings.TrimSuffix(strings.Repeat(markdownShorten(long)+"\n", 13), "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outputTail(tt.output); got != tt.want {
				t.Errorf("outputTail = %q, want %q", got, tt.want)
			}
		})
	}
}

func markdownShorten(s string) string {
	runes := []rune(s)
	keep := maxOutputLine - 1
	return string(runes[:keep-keep/2]) + "…" + string(runes[len(runes)-keep/2:])
}

// renames is a plan of n sequences destroyed and created again under another address.
func renames(n int) *Plan {
	var changes []*tfjson.ResourceChange
	for i := range n {
		values := sequenceValues(fmt.Sprintf("seq_%d", i), "S", defWelcome)
		changes = append(changes, resourceChange(fmt.Sprintf("kraiter_sequence.old%d", i), actDelete, values, nil),
			resourceChange(fmt.Sprintf("kraiter_sequence.new%d", i), actCreate, nil, values))
	}
	return planOf(changes...)
}
