package stepdiff

import (
	"strings"
	"testing"
)

// reviewedChange is a change of every kind: a condition wraps a step, a rule's value changes,
// a step is removed.
func reviewedChange(t *testing.T) *StepDiff {
	t.Helper()
	return Diff(
		mustDefinition(t, lines(mail("welcome"), mail("tips"), branch(`exists(contact.company) && contact.seats >= 5`, mail("sales")), mail("old"))),
		mustDefinition(t, lines(mail("welcome"), branch(`contact.country == "DE"`, mail("tips")), branch(`exists(contact.company) && contact.seats >= 10`, mail("sales")))))
}

func TestDiffText(t *testing.T) {
	t.Parallel()
	d := reviewedChange(t)
	want := `+ steps[1]  condition when contact.country == "DE"
> steps[1].then[0]  email tips (was steps[1])
~ steps[2].if.all[1]  contact.seats >= 5  ->  contact.seats >= 10
- steps[3]  email old
`
	if got := d.Text(false); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	colored := d.Text(true)
	for _, line := range []string{
		"\x1b[32m+ steps[1]  condition when contact.country == \"DE\"\x1b[0m\n",
		"\x1b[36m> steps[1].then[0]  email tips (was steps[1])\x1b[0m\n",
		"\x1b[33m~ steps[2].if.all[1]  contact.seats >= 5  ->  contact.seats >= 10\x1b[0m\n",
		"\x1b[31m- steps[3]  email old\x1b[0m\n",
	} {
		if !strings.Contains(colored, line) {
			t.Errorf("colored text lacks %q:\n%q", line, colored)
		}
	}
	if got := Diff(mustDefinition(t, mail("a")), mustDefinition(t, mail("a"))).Text(true); got != "No change in meaning.\n" {
		t.Errorf("equal: got %q", got)
	}
}

func TestDiffTextChangedStepThatMoved(t *testing.T) {
	t.Parallel()
	d := Diff(mustDefinition(t, lines(mail("a"), mail("b"))), mustDefinition(t, lines(wait("1d"), mail("a"), mail("c"))))
	want := "+ steps[0]  delay 1d\n~ steps[2].templateId  b  ->  c (was steps[1])\n"
	if got := d.Text(false); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestDiffMarkdown(t *testing.T) {
	t.Parallel()
	got := reviewedChange(t).Markdown("main/seq.kraiter.hcl", "pr/seq.kraiter.hcl")
	want := "**Changes in meaning:** 1 added, 1 changed, 1 moved, 1 removed.\n\n" +
		"```diff\n" +
		"--- main/seq.kraiter.hcl\n" +
		"+++ pr/seq.kraiter.hcl\n"
	if !strings.HasPrefix(got, want) {
		t.Fatalf("got:\n%s\nwant it to start with:\n%s", got, want)
	}
	for _, part := range []string{
		"-email {\n-  template = \"tips\"\n",
		"+condition {\n+  when = contact.country == \"DE\"\n",
		"-  when = exists(contact.company) && contact.seats >= 5\n+  when = exists(contact.company) && contact.seats >= 10\n",
		"\n```\n\n" +
			"- **added** `steps[1]`: `condition when contact.country == \"DE\"`\n" +
			"- **moved** `steps[1].then[0]` (was `steps[1]`): `email tips`\n" +
			"- **changed** `steps[2].if.all[1]`: `contact.seats >= 5` → `contact.seats >= 10`\n" +
			"- **removed** `steps[3]`: `email old`\n",
	} {
		if !strings.Contains(got, part) {
			t.Errorf("markdown lacks\n%s\nin:\n%s", part, got)
		}
	}
	equal := Diff(mustDefinition(t, branch(`contact.a == 1 && contact.b == 2`, mail("a"))), mustDefinition(t, branch(`all(contact.a == 1, contact.b == 2)`, mail("a"))))
	if got := equal.Markdown("a", "b"); got != "No change in meaning.\n" {
		t.Errorf("equal: got %q", got)
	}
}

func TestDiffMarkdownFence(t *testing.T) {
	t.Parallel()
	got := Diff(mustDefinition(t, mail("a")), mustDefinition(t, mail("a```b"))).Markdown("old", "new")
	if !strings.Contains(got, "\n````diff\n") || !strings.Contains(got, "\n````\n") {
		t.Errorf("a diff holding ``` needs a longer fence:\n%s", got)
	}
}
