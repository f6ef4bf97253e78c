package review

import (
	"slices"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file writes the warnings at the top of the comment about the plan as a whole: a
// sequence destroyed and created again under another address, which a moved block would
// have kept, and a plan that creates only sequences that already exist, as a plan without
// its state backend does.

// Rename is a sequence destroyed at one address and created with the same id at another.
type Rename struct {
	ID   string `json:"id"`
	From string `json:"from"`
	To   string `json:"to"`
	// Moved is the moved block that keeps the sequence; "" when an address is too long to be
	// written in one.
	Moved string `json:"moved_block,omitempty"`

	destroyed *sequenceChange
}

// Bounds of the renames written out.
const (
	maxRenames      = 5
	maxMovedAddress = 500
)

// findRenames pairs each destroyed sequence with a created one of the same id elsewhere.
func findRenames(changes []sequenceChange) []Rename {
	created := map[string]*sequenceChange{}
	for i := range changes {
		c := &changes[i]
		if c.kind == kindCreate && c.after.id.state == fieldKnown {
			created[c.after.id.text] = c
		}
	}
	var out []Rename
	for i := range changes {
		c := &changes[i]
		if c.kind != kindDestroy || c.address != c.planAddress || c.before.id.state != fieldKnown {
			continue
		}
		to, ok := created[c.before.id.text]
		if !ok || to.address == c.address {
			continue
		}
		to.recreated = true
		r := Rename{ID: c.before.id.text, From: c.address, To: to.address, destroyed: c}
		if len(r.From) <= maxMovedAddress && len(r.To) <= maxMovedAddress {
			r.Moved = "moved {\n  from = " + r.From + "\n  to   = " + r.To + "\n}\n"
		}
		out = append(out, r)
	}
	return out
}

// renamesText warns of each rename, with the moved block that keeps the sequence.
func renamesText(renames []Rename) string {
	var b strings.Builder
	for i, r := range renames {
		if i == maxRenames {
			verb := " are"
			if len(renames)-maxRenames == 1 {
				verb = " is"
			}
			b.WriteString("> [!WARNING]\n> " + prose.Count(len(renames)-maxRenames, "more sequence") + verb +
				" destroyed and created again under another address, as above; `kraiter review --format json` lists them all.\n\n")
			break
		}
		b.WriteString("> [!WARNING]\n> **" + addressCode(r.From) + " and " + addressCode(r.To) + " are the same sequence, " + addressCode(r.ID) + ".** " +
			"This plan destroys the one and creates the other: the apply deletes the sequence, which " + cancelsText(r.destroyed.live) +
			", and creates it again, empty (or fails to, when the create runs before the delete). ")
		if r.Moved == "" {
			b.WriteString("If the resource was renamed, add a moved block from the old address to the new one and plan again.\n\n")
			continue
		}
		b.WriteString("If the resource was renamed, add this block to the configuration and plan again, to keep the sequence as it is:\n\n")
		b.WriteString(markdown.CodeBlock("hcl", r.Moved) + "\n")
	}
	return b.String()
}

// cancelsText says what deleting a sequence does to its enrolments: "cancels its 3 active
// enrolments", or without figures "cancels its active enrolments".
func cancelsText(l liveResult) string {
	if l.status == nil {
		return "cancels its active enrolments"
	}
	n := l.status.ActiveEnrolments
	if n == 0 {
		return "cancels no enrolment (none is active; " + enrolledText(l.status) + ")"
	}
	return "cancels its " + prose.Count(int(n), "active enrolment") + " (" + enrolledText(l.status) + ")"
}

// enrolledText is the total of a sequence's enrolments: "12 enrolled in all".
func enrolledText(s *SequenceStatus) string {
	return strconv.FormatInt(s.TotalEnrolled, 10) + " enrolled in all"
}

// allCreatesExist reports whether every change is the create of an id that exists in
// Kraiter already, as when a plan runs without the state of earlier applies.
func allCreatesExist(changes []sequenceChange) bool {
	for _, c := range changes {
		if c.kind != kindCreate || c.live.exists == nil || !*c.live.exists {
			return false
		}
	}
	return len(changes) > 0
}

const stateBackendWarning = "> [!WARNING]\n> **Is the state backend configured?** Every sequence in this plan is created, and every one of their ids " +
	"already exists in Kraiter. A plan that starts from empty state, as one without the backend of earlier applies does, creates " +
	"everything again, and the apply fails on the ids that exist. Configure the state backend the applies use, or import the sequences.\n\n"

// existsWarning warns, in the section of a create, that its id is taken.
const existsWarning = "> [!WARNING]\n> A sequence with this id already exists in Kraiter, so the create will fail. Import it with an `import` block, or choose another id.\n\n"

// FailedStep is a step of the pull request's checks that failed before the review, such as
// kraiter dsl fmt --check: the comment lists it first, with the end of its output.
type FailedStep struct {
	// Name is the step as the workflow calls it.
	Name string `json:"name"`
	// Output is what it printed.
	Output string `json:"output"`
}

// Bounds of the failed steps' output shown.
const (
	maxFailedSteps  = 5
	maxOutputLines  = 30
	maxOutputLine   = 300
	maxStepName     = 100
	maxOutputLength = 4000
)

// failedStepsText lists the failed steps with the end of each one's output.
func failedStepsText(steps []FailedStep) string {
	if len(steps) == 0 {
		return ""
	}
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = markdown.CodeSpan(markdown.Shorten(s.Name, maxStepName))
	}
	var b strings.Builder
	b.WriteString("> [!CAUTION]\n> **" + prose.Count(len(steps), "step") + " of this pull request's checks failed:** " +
		prose.Join(names, "and") + ". Fix them before merging; the end of their output follows, and the checks mark the lines.\n\n")
	for i, s := range steps {
		if i == maxFailedSteps {
			b.WriteString("The output of the other steps is in the checks.\n\n")
			break
		}
		b.WriteString("**" + names[i] + "**\n\n" + markdown.CodeBlock("text", outputTail(s.Output)) + "\n")
	}
	return b.String()
}

// outputTail is the end of a step's output: its last lines, each shortened, within
// maxOutputLength bytes, saying how many lines were left out before them.
func outputTail(output string) string {
	lines := strings.Split(strings.TrimRight(output, "\n"), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return "(no output)"
	}
	var kept []string
	size := 0
	for i := len(lines) - 1; i >= 0 && len(kept) < maxOutputLines; i-- {
		line := markdown.Shorten(lines[i], maxOutputLine)
		if size+len(line)+1 > maxOutputLength {
			break
		}
		size += len(line) + 1
		kept = append(kept, line)
	}
	slices.Reverse(kept)
	if left := len(lines) - len(kept); left > 0 {
		kept = append([]string{"… " + prose.Count(left, "earlier line") + " left out"}, kept...)
	}
	return strings.Join(kept, "\n")
}
