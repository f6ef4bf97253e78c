package review

import (
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// sectionParts writes what the comment says about one change: its heading, what changes
// (name, triggers, steps) and warnings, then the sample contacts, the DSL and the graph,
// each a part that fit may leave out.
func sectionParts(c sequenceChange, contacts []Contact) []part {
	head := "### " + strings.ToUpper(string(c.kind[:1])) + string(c.kind[1:]) + " " + markdown.CodeSpan(c.address) + " (" + idText(c) + ")\n\n"
	if c.movedFrom != "" {
		head += "Moved from " + markdown.CodeSpan(c.movedFrom) + ".\n\n"
	}
	switch c.kind {
	case kindDestroy:
		return []part{{text: head + destroyText(c.before)}}
	case kindForget:
		return []part{{text: head + "Terraform stops managing this sequence. It stays in Kraiter as it is and keeps enrolling contacts through its triggers.\n\n"}}
	case kindCreate:
		return createParts(head, c, contacts)
	default:
		if c.kind == kindReplace {
			head += replaceWarning(c)
		}
		return updateParts(head, c, contacts)
	}
}

// idText is the sequence's id, or both when a replacement changes it.
func idText(c sequenceChange) string {
	if c.before != nil && c.after != nil && c.before.id != c.after.id {
		return fieldCode(c.before.id) + " → " + fieldCode(c.after.id)
	}
	return fieldCode(c.current().id)
}

// fieldCode writes a value as inline code, or why it is not shown.
func fieldCode(f field) string {
	if f.state != fieldKnown {
		return stateText(f.state)
	}
	return markdown.CodeSpan(f.text)
}

func destroyText(s *sequenceState) string {
	return "> [!WARNING]\n> Deleting this sequence cancels its active enrolments: the contacts in it get none of its remaining emails.\n\n" +
		overview(s)
}

// overview lists a sequence's name, triggers and steps.
func overview(s *sequenceState) string {
	return "- **Name:** " + fieldCode(s.name) + "\n" +
		"- **Triggers:** " + s.triggers.text() + "\n" +
		"- **Steps:** " + stepsSummary(s) + "\n\n"
}

func replaceWarning(c sequenceChange) string {
	why := ""
	if len(c.replacedBy) > 0 {
		names := make([]string, len(c.replacedBy))
		for i, n := range c.replacedBy {
			names[i] = markdown.CodeSpan(n)
		}
		why = ", as " + prose.Join(names, "and") + " changed"
	}
	return "> [!WARNING]\n> This sequence is replaced" + why + ": the old one is deleted, which cancels its active enrolments, " +
		"and the new one starts empty, enrolling contacts only through its triggers.\n\n"
}

func createParts(head string, c sequenceChange, contacts []Contact) []part {
	s := c.after
	parts := []part{{text: head + overview(s)}}
	if s.def == nil {
		return parts
	}
	if table := contactsTable(contacts, c, nil, s.def); table != "" {
		parts = append(parts, part{text: table + "\n", detail: detailContacts})
	}
	return append(parts,
		part{text: codeBlock("hcl", "DSL", string(dsl.Decompile(s.def))) + "\n", detail: detailDSL},
		part{text: codeBlock("mermaid", "Graph", dsl.Graph(s.def)) + "\n", detail: detailGraph})
}

func updateParts(head string, c sequenceChange, contacts []Contact) []part {
	before, after := c.before, c.after
	var lines []string
	if before.name != after.name {
		lines = append(lines, "- **Name:** "+fieldCode(before.name)+" → "+fieldCode(after.name))
	}
	if !before.triggers.equal(after.triggers) {
		lines = append(lines, "- **Triggers:** "+before.triggers.text()+" → "+after.triggers.text())
	}
	if before.def == nil || after.def == nil {
		lines = append(lines, "- **Steps:** "+stepsUnavailable(before, after))
		return []part{{text: head + strings.Join(lines, "\n") + "\n\n"}}
	}
	diff := dsl.Diff(before.def, after.def)
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
	parts := []part{{text: text + "**Step changes:** " + diff.Summary() + "\n\n" + diff.ChangeList() + "\n"}}
	if table := contactsTable(contacts, c, before.def, after.def); table != "" {
		parts = append(parts, part{text: table + "\n", detail: detailContacts})
	}
	unified := diff.Unified(c.address+" (before)", c.address+" (after)")
	return append(parts,
		part{text: codeBlock("diff", "DSL diff", unified) + "\n", detail: detailDSL},
		part{text: codeBlock("mermaid", "Graph, changes marked", diff.Graph()) + "\n", detail: detailGraph})
}
