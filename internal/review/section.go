package review

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// Bounds of what a section writes.
const (
	// maxChangeItems bounds a section's list of step changes; the DSL diff shows them all.
	maxChangeItems = 50
	// maxName bounds a sequence's name, id or template's name, in characters.
	maxName = 200
)

// revertMark marks what undoes a change made outside Terraform.
const revertMark = "↩"

// changeSection is the section of one change; its parts are written when the comment
// reaches it, and its details only when they fit.
func (r *review) changeSection(c *sequenceChange) *section {
	return &section{name: c.address, build: func() []part { return r.changeParts(c) }}
}

// changeParts writes what the comment says about one change: its heading, what changes
// (name, triggers, steps), who it affects and warnings, then the templates swapped, the
// sample contacts, the DSL and the graph, each a detail that fit may leave out.
func (r *review) changeParts(c *sequenceChange) []part {
	head := "### " + strings.ToUpper(string(c.kind[:1])) + string(c.kind[1:]) + " " + addressCode(c.address) + " (" + idText(c) + ")\n\n"
	if c.movedFrom != "" {
		head += "Moved from " + addressCode(c.movedFrom) + ".\n\n"
	}
	switch c.kind {
	case kindDestroy:
		def, err := c.before.parsed()
		return []part{{text: head + destroyWarning(c.live) + notFetched(c) + overview(c.before, def, err)}}
	case kindForget:
		return []part{{text: head + "Terraform stops managing this sequence. It stays in Kraiter as it is and keeps enrolling contacts through its triggers.\n\n"}}
	case kindCreate:
		return r.createParts(head, c)
	case kindReplace:
		head += replaceWarning(c)
	case kindUpdate:
	}
	return r.updateParts(head+notFetched(c), c)
}

// addressCode writes a resource address as inline code, shortened when long.
func addressCode(address string) string {
	return markdown.CodeSpan(markdown.Shorten(address, maxAddress))
}

// idText is the sequence's id, or both when a replacement changes it.
func idText(c *sequenceChange) string {
	if c.before != nil && c.after != nil && c.before.id != c.after.id {
		return fieldCode(c.before.id) + " → " + fieldCode(c.after.id)
	}
	return fieldCode(c.current().id)
}

// fieldCode writes a value as inline code, shortened when long, or why it is not shown.
func fieldCode(f field) string {
	switch {
	case f.state != fieldKnown:
		return stateText(f.state)
	case f.text == "":
		return "_empty_"
	}
	return markdown.CodeSpan(markdown.Shorten(f.text, maxName))
}

// notFetched says, in a section, why the account's figures for it are missing; "" when they
// are there or were not asked for.
func notFetched(c *sequenceChange) string {
	if c.live.reason == "" {
		return ""
	}
	return "_Live figures not fetched: " + markdown.Text(c.live.reason) + "._\n\n"
}

func destroyWarning(l liveResult) string {
	if l.status != nil && l.status.ActiveEnrolments == 0 {
		return "> [!NOTE]\n> Deleting this sequence cancels no enrolment: none is active (" + enrolledText(l.status) + ").\n\n"
	}
	return "> [!WARNING]\n> Deleting this sequence " + cancelsText(l) + ": the contacts in it get none of its remaining emails.\n\n"
}

// overview lists a sequence's name, triggers and steps; def and err are its definition,
// parsed.
func overview(s *sequenceState, def *definition.Definition, err error) string {
	return "- **Name:** " + fieldCode(s.name) + "\n" +
		"- **Triggers:** " + s.triggers.text() + "\n" +
		"- **Steps:** " + markdown.Text(stepsSummary(s, def, err)) + "\n\n"
}

func replaceWarning(c *sequenceChange) string {
	why := ""
	if len(c.replacedBy) > 0 {
		names := make([]string, len(c.replacedBy))
		for i, n := range c.replacedBy {
			names[i] = markdown.CodeSpan(n)
		}
		why = ", as " + prose.Join(names, "and") + " changed"
	}
	return "> [!WARNING]\n> This sequence is replaced" + why + ": the old one is deleted, which " + cancelsText(c.live) + ", " +
		"and the new one starts empty, enrolling contacts only through its triggers.\n\n"
}

func (r *review) createParts(head string, c *sequenceChange) []part {
	s := c.after
	if c.live.exists != nil && *c.live.exists && !c.recreated {
		head += existsWarning
	}
	def, err := s.parsed()
	parts := []part{{text: head + notFetched(c) + overview(s, def, err)}}
	if def == nil {
		return parts
	}
	if r.hasContacts(c) {
		parts = append(parts, part{detail: detailContacts, render: func() string { return contactsTable(r.opts.Contacts, c, nil, def) + "\n" }})
	}
	return append(parts,
		part{detail: detailDSL, render: func() string { return codeBlock("hcl", "DSL", string(dsl.Decompile(def))) + "\n" }},
		part{detail: detailGraph, render: func() string { return codeBlock("mermaid", "Graph", stepdiff.Graph(def)) + "\n" }})
}

// hasContacts reports whether any sample contact applies to the change.
func (r *review) hasContacts(c *sequenceChange) bool {
	for _, contact := range r.opts.Contacts {
		if appliesTo(contact, c) {
			return true
		}
	}
	return false
}

func (r *review) updateParts(head string, c *sequenceChange) []part {
	before, after := c.before, c.after
	var lines []string
	if before.name != after.name {
		lines = append(lines, "- **Name:** "+fieldCode(before.name)+" → "+fieldCode(after.name)+revertNote(c, attrName))
	}
	if !before.triggers.equal(after.triggers) {
		lines = append(lines, "- **Triggers:** "+before.triggers.text()+" → "+after.triggers.text()+revertNote(c, attrTriggers))
	}
	if s := c.live.status; s != nil && c.kind == kindUpdate {
		lines = append(lines, "- **In flight:** "+inFlightText(s))
	}
	if c.onlyReverts() {
		head += "> [!NOTE]\n> This update only reverts changes made outside Terraform (see **Changed outside Terraform** above): " +
			"the pull request itself changes nothing in this sequence.\n\n"
	}
	oldDef, oldErr := before.parsed()
	newDef, newErr := after.parsed()
	if oldDef == nil || newDef == nil {
		lines = append(lines, "- **Steps:** "+markdown.Text(stepsUnavailable(before, oldErr, after, newDef, newErr)))
		return []part{{text: head + strings.Join(lines, "\n") + "\n\n"}}
	}
	diff := stepdiff.Diff(oldDef, newDef)
	if diff.Equal {
		if len(lines) == 0 {
			lines = append(lines, "No change to the name, triggers or steps.")
		} else {
			lines = append(lines, "- **Steps:** no change in meaning.")
		}
		return []part{{text: head + strings.Join(lines, "\n") + "\n\n"}}
	}
	text := head
	if len(lines) > 0 {
		text += strings.Join(lines, "\n") + "\n\n"
	}
	parts := []part{{text: text + "**Step changes:** " + diff.Summary() + "\n\n" + r.changeItems(c, diff)}}
	if swaps := r.liveTemplateSwaps(diff, oldDef, newDef); len(swaps) > 0 {
		lookups := r.lookUp(swaps) // started now, so that they run while the comment is written
		parts = append(parts, part{detail: detailTemplates, render: func() string { return templatesTable(swaps, lookups) + "\n" }})
	}
	if r.hasContacts(c) {
		parts = append(parts, part{detail: detailContacts, render: func() string { return contactsTable(r.opts.Contacts, c, oldDef, newDef) + "\n" }})
	}
	address := markdown.Shorten(c.address, maxAddress)
	return append(parts,
		part{detail: detailDSL, render: func() string {
			return codeBlock("diff", "DSL diff", diff.Unified(address+" (before)", address+" (after)")) + "\n"
		}},
		part{detail: detailGraph, render: func() string { return codeBlock("mermaid", "Graph, changes marked", diff.Graph()) + "\n" }})
}

// changeItems lists a diff's step changes, at most maxChangeItems, with the ones that revert
// a change made outside Terraform marked.
func (r *review) changeItems(c *sequenceChange, diff *stepdiff.StepDiff) string {
	var note func(*stepdiff.Change, *stepdiff.Field) string
	switch c.drift.fateOf(attrSteps) {
	case fateReverted: // the steps are what Terraform applied: every change undoes one made outside
		note = func(*stepdiff.Change, *stepdiff.Field) string { return " " + revertMark }
	case fateOverwritten:
		if keys := driftKeys(c.drift); keys != nil {
			note = func(ch *stepdiff.Change, f *stepdiff.Field) string {
				if isRevert(keys, ch, f) {
					return " " + revertMark
				}
				return ""
			}
		}
	case fateKept, fateUnknown, fateDeleted: // no step change of the plan reverts one of the drift
	}
	return itemList(diff.ChangeItems(note), "") + revertLegend(note != nil)
}

// driftKeys are the revert keys of a drift entry's step changes; nil when its definitions
// cannot be compared.
func driftKeys(e *driftEntry) map[string]bool {
	if d := e.driftDiff(); d != nil {
		return revertKeys(d)
	}
	return nil
}

// itemList writes list items, at most maxChangeItems, each indented by indent.
func itemList(items []string, indent string) string {
	var b strings.Builder
	for i, item := range items {
		if i == maxChangeItems {
			b.WriteString(indent + "- and " + prose.Count(len(items)-maxChangeItems, "more change") + ", in the DSL diff\n")
			break
		}
		b.WriteString(indent + item + "\n")
	}
	return b.String()
}

func revertLegend(marked bool) string {
	if !marked {
		return "\n"
	}
	return "\n" + revertMark + " reverts a change made outside Terraform.\n\n"
}

// revertNote marks a line of an update whose change reverts one made outside Terraform.
func revertNote(c *sequenceChange, attr string) string {
	if c.drift.fateOf(attr) == fateReverted {
		return " " + revertMark + " reverts a change made outside Terraform"
	}
	return ""
}

// inFlightText says what an update does to the contacts enrolled now.
func inFlightText(s *SequenceStatus) string {
	if s.ActiveEnrolments == 0 {
		return "no contact (" + enrolledText(s) + "); the change applies to contacts enrolled after the apply."
	}
	verb := "finish"
	if s.ActiveEnrolments == 1 {
		verb = "finishes"
	}
	return prose.Count(int(s.ActiveEnrolments), "contact") + " (" + enrolledText(s) + "), who " + verb +
		" on the version they enrolled under; the change applies to contacts enrolled after the apply."
}

// templateSwap is an email step whose template changes.
type templateSwap struct {
	path     string
	old, new string
}

// liveTemplateSwaps are the template swaps whose templates the account is asked about: none
// without an account.
func (r *review) liveTemplateSwaps(diff *stepdiff.StepDiff, oldDef, newDef *definition.Definition) []templateSwap {
	if r.live == nil {
		return nil
	}
	return templateSwaps(diff, oldDef, newDef)
}

// templateSwaps lists the changed template ids of a diff, with the ids as the definitions
// hold them.
func templateSwaps(diff *stepdiff.StepDiff, oldDef, newDef *definition.Definition) []templateSwap {
	var swaps []templateSwap
	var oldSteps, newSteps map[string]*definition.Step
	for _, c := range diff.Changes {
		for _, f := range c.Fields {
			if f.Name != "templateId" {
				continue
			}
			if oldSteps == nil {
				oldSteps, newSteps = stepsByPath(oldDef), stepsByPath(newDef)
			}
			o, n := oldSteps[cmp.Or(c.OldPath, c.Path)], newSteps[c.Path]
			if o != nil && n != nil {
				swaps = append(swaps, templateSwap{path: c.Path, old: o.TemplateID, new: n.TemplateID})
			}
		}
	}
	return swaps
}

func stepsByPath(def *definition.Definition) map[string]*definition.Step {
	steps := map[string]*definition.Step{}
	def.Walk(func(path string, s *definition.Step) { steps[path] = s })
	return steps
}

// lookUp starts the lookups of the swaps' templates.
func (r *review) lookUp(swaps []templateSwap) map[string]*templateLookup {
	lookups := map[string]*templateLookup{}
	for _, s := range swaps {
		for _, id := range []string{s.old, s.new} {
			lookups[id] = r.live.template(id)
		}
	}
	return lookups
}

// templatesTable shows the name and subject of each swap's templates, waiting for their
// lookups.
func templatesTable(swaps []templateSwap, lookups map[string]*templateLookup) string {
	var b strings.Builder
	b.WriteString("**Templates swapped**, as Kraiter has them:\n\n")
	b.WriteString(tableHeader("Step", "Before", "After"))
	for _, s := range swaps {
		b.WriteString(tableRow(markdown.TableCell(markdown.CodeSpan(s.path)), templateCell(s.old, lookups[s.old]), templateCell(s.new, lookups[s.new])))
	}
	return b.String()
}

func templateCell(id string, l *templateLookup) string {
	<-l.done
	text := markdown.CodeSpan(markdown.Shorten(id, maxName)) + ": "
	switch {
	case l.reason != "":
		text += "_not fetched (" + markdown.Text(l.reason) + ")_"
	case l.template == nil:
		text += "_not found in Kraiter_"
	default:
		text += markdown.Text(markdown.Shorten(l.template.Name, maxName)) + ", subject “" + markdown.Text(markdown.Shorten(l.template.Subject, maxName)) + "”"
	}
	return markdown.TableCell(text)
}

// driftSections are the sections of Changed outside Terraform, the first with its heading.
func (r *review) driftSections() []*section {
	var out []*section
	for i, e := range r.drift {
		head := ""
		if i == 0 {
			head = "### Changed outside Terraform\n\n" + prose.Count(len(r.drift), "sequence") +
				" changed in Kraiter since Terraform last applied them. The plan's changes below start from Kraiter as it is now.\n\n"
		}
		out = append(out, &section{name: e.address, drift: true, build: func() []part { return []part{{text: head + driftText(e)}} }})
	}
	return out
}

// driftText is what changed outside Terraform in one sequence, and what the plan does to it.
func driftText(e *driftEntry) string {
	text := "**" + addressCode(e.address) + "** (" + fieldCode(e.state.id) + "): " + e.verdict() + "\n\n"
	if e.deleted {
		return text
	}
	var lines []string
	for _, a := range e.attrs {
		switch a.name {
		case attrName:
			lines = append(lines, "- **Name:** "+fieldCode(e.state.name)+" → "+fieldCode(e.live.name))
		case attrTriggers:
			lines = append(lines, "- **Triggers:** "+e.state.triggers.text()+" → "+e.live.triggers.text())
		case attrSteps:
			d := e.driftDiff()
			if d == nil {
				lines = append(lines, "- **Steps:** changed; "+markdown.Text(stepsUnreadable(e.state, e.live)))
				continue
			}
			lines = append(lines, "- **Steps:** "+d.Summary()+"\n"+strings.TrimSuffix(itemList(d.ChangeItems(nil), "  "), "\n"))
		}
	}
	return text + strings.Join(lines, "\n") + "\n\n"
}

// stepsUnreadable says, as plain text, which side of a drift cannot be read.
func stepsUnreadable(state, live *sequenceState) string {
	if _, err := state.parsed(); err != nil || state.definitionJSON.state != fieldKnown {
		return "the definition Terraform applied " + definitionProblem(state, err) + "."
	}
	_, err := live.parsed()
	return "the definition in Kraiter " + definitionProblem(live, err) + "."
}

// noAccount is why live figures were not fetched when the caller gave no reason.
const noAccount = "no account was given"

// liveNotFetchedText is the line that says the account was not read, and why.
func liveNotFetchedText(reason string) string {
	if reason == "" {
		reason = noAccount
	}
	return "_Live figures (enrolments, templates) were not fetched: " + markdown.Text(reason) + "._\n"
}

// counts says how many sequences each kind of change touches: "1 to destroy, 2 to update".
func counts(changes []sequenceChange) string {
	var parts []string
	for _, kind := range kindOrder {
		n := 0
		for _, c := range changes {
			if c.kind == kind {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, strconv.Itoa(n)+" to "+string(kind))
		}
	}
	return strings.Join(parts, ", ")
}

// summaryRow is a change's row of the summary table: kind, name, id and address, the name as
// inline code too, so that no name formats the table or mentions someone. An update that
// reverts changes made outside Terraform is marked.
func summaryRow(c *sequenceChange) string {
	name := fieldCode(c.current().name)
	if c.before != nil && c.after != nil && c.before.name != c.after.name {
		name = fieldCode(c.before.name) + " → " + fieldCode(c.after.name)
	}
	kind := "**" + string(c.kind) + "**"
	if c.drift != nil && c.drift.reverts() {
		kind += " " + revertMark
	}
	return tableRow(kind, markdown.TableCell(name), markdown.TableCell(idText(c)), markdown.TableCell(addressCode(c.address)))
}
