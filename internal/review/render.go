// Package review writes a pull-request comment on what a Terraform or OpenTofu plan does to
// Kraiter sequences: a summary line per created, updated, replaced or destroyed
// kraiter_sequence, then for each what changes in its name, triggers and steps, the diff of
// its DSL, its graph with the changes marked and, for sample contacts, the emails each would
// be sent before and after. It reads the plan's JSON (terraform show -json PLANFILE) and
// never writes a value the plan marks sensitive.
package review

import (
	"cmp"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// Options say how Render writes the comment.
type Options struct {
	// Title heads the comment; "Kraiter sequences" when empty.
	Title string
	// Contacts are carried through every changed sequence they apply to.
	Contacts []Contact
	// MaxLength bounds the comment, in bytes; GitHubCommentLimit when zero.
	MaxLength int
}

const defaultTitle = "Kraiter sequences"

// Render writes the review of a plan's kraiter_sequence changes as one Markdown comment.
func Render(plan *tfjson.Plan, opts Options) string {
	title := strings.Join(strings.Fields(cmp.Or(opts.Title, defaultTitle)), " ")
	d := &document{heading: "## " + title + "\n\n"}
	changes := sequenceChanges(plan)
	if len(changes) == 0 {
		d.heading += "No Kraiter sequence changes.\n"
	} else {
		d.heading += "**Plan:** " + counts(changes) + ".\n\n"
	}
	for _, c := range changes {
		d.rows = append(d.rows, summaryRow(c))
		d.sections = append(d.sections, section{address: c.address, parts: sectionParts(c, opts.Contacts)})
	}
	return d.fit(cmp.Or(opts.MaxLength, GitHubCommentLimit))
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
// inline code too, so that no name formats the table or mentions someone.
func summaryRow(c sequenceChange) string {
	name := fieldCode(c.current().name)
	if c.before != nil && c.after != nil && c.before.name != c.after.name {
		name = fieldCode(c.before.name) + " → " + fieldCode(c.after.name)
	}
	return tableRow("**"+string(c.kind)+"**", cell(name), cell(idText(c)), cell(markdown.CodeSpan(c.address)))
}
