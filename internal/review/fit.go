package review

import (
	"fmt"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// GitHubCommentLimit is the most characters GitHub takes in a pull-request comment. The
// comment is measured in bytes, which are never fewer than the characters GitHub counts.
const GitHubCommentLimit = 65536

// detail ranks a part of a section by what is left out first when the comment is too long:
// graphs, then DSL, then sample contacts. Essential parts go only with their whole section.
type detail int

const (
	detailEssential detail = iota
	detailContacts
	detailDSL
	detailGraph
)

// detailNames say what a left-out part was, for the note.
var detailNames = map[detail]string{
	detailContacts: "the sample contacts",
	detailDSL:      "the DSL",
	detailGraph:    "the graph",
}

// part is a block of Markdown of a section; it always ends with a blank line, so that any
// part can be left out without joining its neighbours.
type part struct {
	text   string
	detail detail
}

// section is what the comment says about one change.
type section struct {
	address string
	parts   []part
}

// document is the comment before it is fitted: the heading, the summary table's rows and a
// section per change. fit records in dropped, cut and rowsCut what it leaves out.
type document struct {
	heading  string
	rows     []string
	sections []section

	dropped map[detail]int // parts left out, by detail
	cut     []string       // addresses of the sections left out whole
	rowsCut int            // summary rows left out, from the end
}

// summaryHeader is the head of the summary table.
var summaryHeader = tableHeader("Change", "Sequence", "Id", "Address")

// fit writes the document within limit bytes. When it is longer it leaves out whole parts,
// never part of one, so that no code fence or table is cut: the graphs first, from the last
// section back, then the DSL, then the sample contacts, then whole sections from the last,
// and last the summary rows of the changes beyond what fits. A note at the top says what was
// left out and how to see it.
func (d *document) fit(limit int) string {
	d.dropped = map[detail]int{}
	size := len(d.render()) // with nothing left out yet, there is no note
	fits := func() bool { return size+len(d.note()) <= limit }
	for level := detailGraph; level > detailEssential && !fits(); level-- {
		for i := len(d.sections) - 1; i >= 0 && !fits(); i-- {
			parts := d.sections[i].parts[:0]
			for _, p := range d.sections[i].parts {
				if p.detail == level && !fits() {
					size -= len(p.text)
					d.dropped[level]++
					continue
				}
				parts = append(parts, p)
			}
			d.sections[i].parts = parts
		}
	}
	for len(d.sections) > 0 && !fits() {
		last := d.sections[len(d.sections)-1]
		for _, p := range last.parts {
			size -= len(p.text)
		}
		d.cut = append([]string{last.address}, d.cut...)
		d.sections = d.sections[:len(d.sections)-1]
	}
	for len(d.rows) > 0 && !fits() {
		d.rows = d.rows[:len(d.rows)-1]
		d.rowsCut++
		size = len(d.render()) - len(d.note())
	}
	return d.render()
}

// render writes the document as it stands.
func (d *document) render() string {
	var b strings.Builder
	b.WriteString(d.heading)
	if len(d.rows) > 0 || d.rowsCut > 0 {
		b.WriteString(summaryHeader)
		for _, r := range d.rows {
			b.WriteString(r)
		}
		if d.rowsCut > 0 {
			b.WriteString(tableRow("…", fmt.Sprintf("%d more", d.rowsCut), "", ""))
		}
		b.WriteString("\n")
	}
	b.WriteString(d.note())
	for _, s := range d.sections {
		for _, p := range s.parts {
			b.WriteString(p.text)
		}
	}
	return b.String()
}

// maxNamed is how many left-out sections the note names.
const maxNamed = 10

// note says what fit left out, or is "" when nothing was.
func (d *document) note() string {
	var what []string
	for _, level := range []detail{detailGraph, detailDSL, detailContacts} {
		if n := d.dropped[level]; n > 0 {
			what = append(what, fmt.Sprintf("%s of %s", detailNames[level], prose.Count(n, "sequence")))
		}
	}
	if len(d.cut) > 0 {
		named := make([]string, 0, maxNamed+1)
		for _, a := range d.cut[:min(len(d.cut), maxNamed)] {
			named = append(named, markdown.CodeSpan(a))
		}
		if len(d.cut) > maxNamed {
			named = append(named, fmt.Sprintf("%d more", len(d.cut)-maxNamed))
		}
		what = append(what, "everything but the summary line of "+prose.Count(len(d.cut), "sequence")+" ("+prose.Join(named, "and")+")")
	}
	if d.rowsCut > 0 {
		what = append(what, "the summary lines of the last "+prose.Count(d.rowsCut, "change"))
	}
	if len(what) == 0 {
		return ""
	}
	return "> [!NOTE]\n> Left out to stay within GitHub's limit on the length of a comment: " + prose.Join(what, "and") +
		". Run `kraiter review` on the plan's JSON locally to see it all: `terraform show -json PLANFILE > plan.json && kraiter review plan.json`.\n\n"
}
