package review

import (
	"slices"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// changedMark marks, in a contacts table, a contact whose emails the change alters.
const changedMark = "**≠**"

// appliesTo reports whether the contact is to be carried through the sequence of a change:
// its sequences name the change's resource address or one of its ids, or are not given.
func appliesTo(c dsltest.Contact, ch *sequenceChange) bool {
	if len(c.Sequences) == 0 {
		return true
	}
	return slices.ContainsFunc(c.Sequences, func(s string) bool {
		return s == ch.address || slices.Contains(ch.ids(), s)
	})
}

// contactsTable carries the contacts that apply to a change through its old and new
// definitions and writes what each is sent, side by side; without an old definition (a
// create) it writes the new one's only. It is "" when no contact applies.
func contactsTable(contacts []dsltest.Contact, c *sequenceChange, oldDef, newDef *definition.Definition) string {
	var rows strings.Builder
	changed := 0
	for _, contact := range contacts {
		if !appliesTo(contact, c) {
			continue
		}
		after := sendsText(contact.Input, definition.Simulate(newDef, contact.Input))
		if oldDef == nil {
			rows.WriteString(tableRow(contactName(contact.Name), after))
			continue
		}
		before := sendsText(contact.Input, definition.Simulate(oldDef, contact.Input))
		if before == after {
			rows.WriteString(tableRow("", contactName(contact.Name), before, after))
			continue
		}
		changed++
		rows.WriteString(tableRow(changedMark, "**"+contactName(contact.Name)+"**", before, after))
	}
	if rows.Len() == 0 {
		return ""
	}
	if oldDef == nil {
		return "**Sample contacts**, simulated offline:\n\n" + tableHeader("Contact", "Emails") + rows.String()
	}
	intro := "**Sample contacts**, simulated offline before and after the change: "
	if changed == 0 {
		intro += "every contact gets the same emails.\n\n"
	} else {
		intro += changedMark + " marks the " + prose.Count(changed, "contact") + " whose emails change.\n\n"
	}
	return intro + tableHeader("", "Contact", "Before", "After") + rows.String()
}

// sendsText writes what a contact was sent, one email a line with its time after the
// enrolment, for a table cell: "`tmpl_welcome` at 0m<br>`tmpl_tips` at 2d".
func sendsText(in definition.SimulationInput, res definition.SimulationResult) string {
	lines := make([]string, 0, len(res.Sends)+1)
	for _, s := range res.Sends {
		lines = append(lines, markdown.TableCell(markdown.CodeSpan(markdown.Shorten(s.TemplateID, maxName)))+" at "+definition.FormatOffset(s.After))
	}
	if len(lines) == 0 {
		nothing := "nothing"
		if !in.Subscribed {
			nothing += " (unsubscribed)"
		}
		lines = append(lines, nothing)
	}
	if !res.Completed && in.Until > 0 {
		lines = append(lines, "_still running at "+definition.FormatOffset(in.Until)+"_")
	}
	return strings.Join(lines, "<br>")
}

// contactName writes a contact's name, from the contacts file, as plain text in a table cell.
func contactName(name string) string {
	return markdown.TableCell(markdown.Text(markdown.Shorten(name, maxName)))
}
