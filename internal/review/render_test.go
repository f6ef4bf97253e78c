package review

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

func TestRenderNoChanges(t *testing.T) {
	t.Parallel()
	a := sequenceValues("seq_a", "A", defWelcome)
	plan := planOf(resourceChange("kraiter_sequence.a", tfjson.Actions{tfjson.ActionNoop}, a, a))
	tests := []struct {
		title, want string
	}{
		{title: "", want: "## Kraiter sequences\n\nNo Kraiter sequence changes.\n"},
		{title: " Production\n  (eu) ", want: "## Production (eu)\n\nNo Kraiter sequence changes.\n"},
	}
	for _, tt := range tests {
		if got := Render(context.Background(), plan, Options{Title: tt.title}); got != tt.want {
			t.Errorf("Render with title %q = %q, want %q", tt.title, got, tt.want)
		}
	}
	if got := Render(context.Background(), &Plan{}, Options{}); got != "## Kraiter sequences\n\nNo Kraiter sequence changes.\n" {
		t.Errorf("Render of an empty plan = %q", got)
	}
	// The report's title is the comment's.
	for _, title := range []string{"", " \n ", " Production\n  (eu) ", strings.Repeat("long title ", 30)} {
		heading, _, _ := strings.Cut(Render(context.Background(), plan, Options{Title: title}), "\n")
		if got := NewReport(context.Background(), plan, Options{Title: title}).Title; "## "+got != heading {
			t.Errorf("the report's title for %q is %q; the comment's heading is %q", title, got, heading)
		}
	}
}

// TestRenderSections checks what each kind of change says, for what the golden reviews of
// real plans do not hold.
func TestRenderSections(t *testing.T) {
	t.Parallel()
	a := sequenceValues("seq_a", "A", defWelcome, eventTrigger("signed_up"))
	unknownDef := resourceChange("kraiter_sequence.a", actUpdate, a, sequenceValues("seq_a", "A", "", eventTrigger("signed_up")))
	unknownDef.Change.AfterUnknown = map[string]any{"definition": true, "updated_at": true}
	unknownCreate := resourceChange("kraiter_sequence.a", actCreate, nil, sequenceValues("seq_a", "A", ""))
	unknownCreate.Change.AfterUnknown = map[string]any{"definition": true}
	forget := resourceChange("kraiter_sequence.a", tfjson.Actions{tfjson.ActionForget}, a, nil)
	moved := resourceChange("kraiter_sequence.b", actUpdate, a, sequenceValues("seq_a", "A", defWelcomeTips, eventTrigger("signed_up")))
	moved.PreviousAddress = "kraiter_sequence.a"

	tests := []struct {
		name   string
		change *tfjson.ResourceChange
		want   []string
	}{
		{name: "definition known after apply", change: unknownDef, want: []string{
			"### Update `kraiter_sequence.a` (`seq_a`)\n\n- **Steps:** the new definition is known only after apply, so the steps cannot be compared.\n\n",
		}},
		{name: "created definition known after apply", change: unknownCreate, want: []string{
			"- **Steps:** the definition is known only after apply\n\n",
		}},
		{name: "invalid old definition", change: resourceChange("kraiter_sequence.a", actUpdate, sequenceValues("seq_a", "A", `{"steps":[{"type":"emial"}]}`), a), want: []string{
			"- **Steps:** the old definition cannot be read (invalid definition\\: steps\\[0\\].type\\: unknown step type \"emial\"", "The new one has 1 step (1 email).",
		}},
		{name: "nothing reviewed changes", change: resourceChange("kraiter_sequence.a", actUpdate, a, a), want: []string{
			"### Update `kraiter_sequence.a` (`seq_a`)\n\nNo change to the name, triggers or steps.\n\n",
		}},
		{name: "triggers removed", change: resourceChange("kraiter_sequence.a", actUpdate, a, sequenceValues("seq_a", "A", defWelcome)), want: []string{
			"- **Triggers:** event `signed_up` → none\n- **Steps:** no change in meaning.\n",
		}},
		{name: "moved", change: moved, want: []string{
			"### Update `kraiter_sequence.b` (`seq_a`)\n\nMoved from `kraiter_sequence.a`.\n\n**Step changes:** 2 added\n",
		}},
		{name: "an empty name", change: resourceChange("kraiter_sequence.a", actCreate, nil, sequenceValues("seq_a", "", defWelcome)), want: []string{
			"| **create** | _empty_ | `seq_a` | `kraiter_sequence.a` |",
			"- **Name:** _empty_\n",
		}},
		{name: "forget", change: forget, want: []string{
			"| **forget** | `A` | `seq_a` | `kraiter_sequence.a` |",
			"### Forget `kraiter_sequence.a` (`seq_a`)\n\nTerraform stops managing this sequence. It stays in Kraiter",
		}},
		{name: "destroy", change: resourceChange("kraiter_sequence.a", actDelete, sequenceValues("seq_a", "A", defWelcomeTips), nil), want: []string{
			"**Plan:** 1 to destroy.",
			"cancels its active enrolments",
			"- **Triggers:** none\n- **Steps:** 3 steps (2 emails, 1 delay)\n",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(context.Background(), planOf(tt.change), Options{})
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("want\n%s\nin:\n%s", want, got)
				}
			}
		})
	}
}

// TestRenderSensitive checks that no value the plan marks sensitive reaches the comment.
func TestRenderSensitive(t *testing.T) {
	t.Parallel()
	const secret = "tmpl_secret_plan"
	secretDef := `{"steps":[{"type":"email","templateId":"` + secret + `"}]}`
	marks := map[string]any{"name": true, "definition": true, "triggers": []any{map[string]any{"event_name": true}}}
	before := sequenceValues("seq_a", secret, defWelcome, eventTrigger(secret))
	after := sequenceValues("seq_a", secret+"_2", secretDef, eventTrigger(secret+"_2"))

	update := resourceChange("kraiter_sequence.a", actUpdate, before, after)
	update.Change.BeforeSensitive, update.Change.AfterSensitive = marks, marks
	create := resourceChange("kraiter_sequence.b", actCreate, nil, after)
	create.Change.AfterSensitive = true
	destroy := resourceChange("kraiter_sequence.c", actDelete, before, nil)
	destroy.Change.BeforeSensitive = marks

	got := Render(context.Background(), planOf(update, create, destroy), Options{Contacts: []dsltest.Contact{{Name: "anyone", Input: definition.SimulationInput{Subscribed: true}}}})
	if strings.Contains(got, secret) {
		t.Fatalf("a sensitive value is in the comment:\n%s", got)
	}
	for _, want := range []string{
		"| **update** | _sensitive, not shown_ | `seq_a` | `kraiter_sequence.a` |",
		"| **create** | _sensitive, not shown_ | _sensitive, not shown_ | `kraiter_sequence.b` |",
		"- **Steps:** the new definition is sensitive and not shown, so the steps cannot be compared.",
		"- **Name:** _sensitive, not shown_\n- **Triggers:** _sensitive, not shown_\n- **Steps:** the definition is sensitive and not shown\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want\n%s\nin:\n%s", want, got)
		}
	}
}

// TestRenderLargePlan renders a plan far beyond GitHub's limit: the comment stays within it,
// every code fence and fold that is opened is closed, and a note says what was left out.
func TestRenderLargePlan(t *testing.T) {
	t.Parallel()
	var steps []string
	for i := range 12 {
		steps = append(steps, fmt.Sprintf(`{"type":"condition","if":{"attribute":"seats","op":"gte","value":%d},"then":[{"type":"email","templateId":"tmpl_%d"},{"type":"delay","duration":"1d"}]}`, i, i))
	}
	oldDef := `{"steps":[` + strings.Join(steps, ",") + `]}`
	newDef := `{"steps":[{"type":"email","templateId":"tmpl_first"},` + strings.Join(steps[1:], ",") + `]}`
	var changes []*tfjson.ResourceChange
	for i := range 60 {
		id := fmt.Sprintf("seq_%03d", i)
		changes = append(changes, resourceChange("kraiter_sequence.s"+id, actUpdate, sequenceValues(id, id, oldDef), sequenceValues(id, id, newDef)))
	}
	contacts := []dsltest.Contact{
		{Name: "small", Input: definition.SimulationInput{Subscribed: true, Attributes: map[string]any{"seats": 3.0}}},
		{Name: "large", Input: definition.SimulationInput{Subscribed: true, Attributes: map[string]any{"seats": 100.0}}},
	}

	for _, limit := range []int{0, 20000} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			got := Render(context.Background(), planOf(changes...), Options{Contacts: contacts, MaxLength: limit})
			if want := cmp.Or(limit, GitHubCommentLimit); len(got) > want {
				t.Fatalf("%d bytes, over the limit of %d", len(got), want)
			}
			checkBalanced(t, got)
			for _, want := range []string{"**Plan:** 60 to update.", "| **update** | `seq_000` |", "> [!NOTE]\n> Left out to stay within GitHub's limit", "kraiter review"} {
				if !strings.Contains(got, want) {
					t.Errorf("want %q in the comment", want)
				}
			}
			if !strings.Contains(got, "### Update `kraiter_sequence.sseq_000`") {
				t.Error("the first section was left out")
			}
		})
	}
}

// checkBalanced fails when a code fence or a <details> block is left open.
func checkBalanced(t *testing.T, markdown string) {
	t.Helper()
	fence := ""
	for _, line := range strings.Split(markdown, "\n") {
		body := strings.TrimLeft(line, "`")
		ticks := line[:len(line)-len(body)]
		switch {
		case fence == "" && len(ticks) >= 3:
			fence = ticks
		case fence != "" && ticks == fence && body == "":
			fence = ""
		}
	}
	if fence != "" {
		t.Error("a code fence is left open")
	}
	// The comment's folds open at the start of a line and close on a line of their own; a
	// "<details>" of outside text sits inside code (the hostile tests check that no text opens
	// an element), so only the lines count.
	open, closed := 0, 0
	for _, line := range strings.Split(markdown, "\n") {
		if strings.HasPrefix(line, "<details>") {
			open++
		}
		if line == "</details>" {
			closed++
		}
	}
	if open != closed {
		t.Errorf("%d <details> blocks opened, %d closed", open, closed)
	}
}

// TestRenderOddValues renders values of shapes no provider writes, as a hand-edited or
// truncated plan could hold, without failing.
func TestRenderOddValues(t *testing.T) {
	t.Parallel()
	odd := resourceChange("kraiter_sequence.a", actUpdate, nil, nil)
	odd.Change.Before = "not an object"
	odd.Change.After = map[string]any{"id": 42.0, "name": []any{"x"}, "definition": 12.0, "triggers": "event"}
	odd.Change.AfterUnknown = "yes"
	odd.Change.AfterSensitive = []any{true}
	oddTriggers := resourceChange("kraiter_sequence.b", actCreate, nil, map[string]any{"triggers": []any{"event", map[string]any{"type": 1.0}}})

	got := Render(context.Background(), planOf(odd, oddTriggers, resourceChange("kraiter_sequence.c", nil, nil, nil)), Options{})
	for _, want := range []string{
		"**Plan:** 1 to update, 1 to create.",
		"| **update** | none → `[x]` | none → `42` | `kraiter_sequence.a` |",
		"- **Name:** none → `[x]`\n- **Steps:** the new definition cannot be read (",
		"- **Triggers:** a trigger without a type, a trigger without a type\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
}
