package review

import (
	"fmt"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// GitHubCommentLimit is the most characters GitHub takes in a pull-request comment. The
// comment is measured in bytes, which are never fewer than the characters GitHub counts.
const GitHubCommentLimit = 65536

// detail ranks a part of a section by what is left out first when the comment is too long:
// graphs, then DSL, then sample contacts, then templates. Essential parts go only with their
// whole section.
type detail int

const (
	detailEssential detail = iota
	detailTemplates
	detailContacts
	detailDSL
	detailGraph
)

// detailNames say what a left-out part was, for the note, in the order the note lists them.
var detailNames = []struct {
	detail detail
	name   string
}{
	{detailGraph, "the graph"},
	{detailDSL, "the DSL"},
	{detailContacts, "the sample contacts"},
	{detailTemplates, "the templates"},
}

// part is a block of Markdown of a section; it always ends with a blank line, so that any
// part can be left out without joining its neighbours. A detail is written by render only
// when the comment has room for it: a plan of many large sequences has room for few.
type part struct {
	text   string
	detail detail
	render func() string
	kept   bool
}

// resolve writes the part, once.
func (p *part) resolve() string {
	if p.render != nil {
		p.text, p.render = p.render(), nil
	}
	return p.text
}

// section is what the comment says about one sequence; build writes its parts (the
// essential ones at once, the details when resolved) when the comment reaches it.
type section struct {
	name  string // the address the note names it by when it is left out
	drift bool   // a sequence of Changed outside Terraform, rather than a change
	build func() []part
	parts []part
}

// document is the comment before it is fitted: the heading, the summary table's rows, a
// legend under it and the sections. fit records what it keeps and leaves out in kept, dropped
// and rowsCut.
type document struct {
	heading  string
	rows     []string
	legend   string
	sections []*section

	kept    int            // sections kept, from the first
	dropped map[detail]int // parts left out, by detail
	rowsCut int            // summary rows left out, from the end
}

// summaryHeader is the head of the summary table.
var summaryHeader = tableHeader("Change", "Sequence", "Id", "Address")

// fit writes the document within limit bytes. When it is longer, it leaves out whole parts,
// never part of one, so that no code fence or table is cut: the graphs first, from the last
// section back, then the DSL, then the sample contacts, then the templates, then whole
// sections from the last, and last the summary rows of the changes beyond what fits. A note
// at the top says what was left out and how to see it.
//
// It writes as it goes: the essential parts of each section while they fit, then each kind
// of detail in the order it is kept, so that nothing left out is ever written, and a plan of
// a thousand sequences costs what the comment shows of it.
func (d *document) fit(limit int) string {
	d.dropped = make(map[detail]int)
	size := len(d.head())
	// Essentials, section by section, with every detail left out so far.
	details := make(map[detail]int)
	for d.kept < len(d.sections) {
		s := d.sections[d.kept]
		if s.build != nil {
			s.parts, s.build = s.build(), nil
		}
		essential := 0
		for _, p := range s.parts {
			if p.detail == detailEssential {
				essential += len(p.resolve())
			} else {
				details[p.detail]++
			}
		}
		d.kept++
		d.dropped = details
		if size+essential+len(d.note()) > limit {
			d.kept--
			for _, p := range s.parts {
				if p.detail != detailEssential {
					details[p.detail]--
				}
			}
			break
		}
		size += essential
	}
	d.dropped = details
	if d.kept < len(d.sections) {
		for len(d.rows) > 0 && size+len(d.note()) > limit {
			d.rows = d.rows[:len(d.rows)-1]
			d.rowsCut++
			size = len(d.head()) + d.keptSize()
		}
		return d.render()
	}
	// Every section fits without its details: add them back, the most useful first, each
	// kind from the first section on, while they fit.
	for _, level := range []detail{detailTemplates, detailContacts, detailDSL, detailGraph} {
		for _, s := range d.sections {
			for i := range s.parts {
				p := &s.parts[i]
				if p.detail != level {
					continue
				}
				text := p.resolve()
				d.dropped[level]--
				if size+len(text)+len(d.note()) > limit {
					d.dropped[level]++
					return d.render()
				}
				p.kept = true
				size += len(text)
			}
		}
	}
	return d.render()
}

// head is the heading and the summary table, as they stand.
func (d *document) head() string {
	var b strings.Builder
	b.WriteString(d.heading)
	if len(d.rows) > 0 || d.rowsCut > 0 {
		b.WriteString("\n" + summaryHeader)
		for _, r := range d.rows {
			b.WriteString(r)
		}
		if d.rowsCut > 0 {
			b.WriteString(tableRow("…", fmt.Sprintf("%d more", d.rowsCut), "", ""))
		}
		b.WriteString("\n" + d.legend)
	} else if d.kept > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

// keptSize is the length of the essential parts of the sections kept.
func (d *document) keptSize() int {
	n := 0
	for _, s := range d.sections[:d.kept] {
		for _, p := range s.parts {
			if p.detail == detailEssential || p.kept {
				n += len(p.text)
			}
		}
	}
	return n
}

// render writes the document as it stands.
func (d *document) render() string {
	var b strings.Builder
	b.WriteString(d.head())
	b.WriteString(d.note())
	for _, s := range d.sections[:d.kept] {
		for _, p := range s.parts {
			if p.detail == detailEssential || p.kept {
				b.WriteString(p.text)
			}
		}
	}
	return b.String()
}

// maxNamed is how many left-out sections the note names.
const maxNamed = 10

// note says what fit left out, or is "" when nothing was.
func (d *document) note() string {
	var what []string
	for _, dn := range detailNames {
		if n := d.dropped[dn.detail]; n > 0 {
			what = append(what, fmt.Sprintf("%s of %s", dn.name, prose.Count(n, "sequence")))
		}
	}
	var cutChanges, cutDrift []string
	for _, s := range d.sections[d.kept:] {
		if s.drift {
			cutDrift = append(cutDrift, s.name)
		} else {
			cutChanges = append(cutChanges, s.name)
		}
	}
	if len(cutDrift) > 0 {
		what = append(what, "the changes made outside Terraform to "+prose.Count(len(cutDrift), "sequence")+" ("+namedList(cutDrift)+")")
	}
	if len(cutChanges) > 0 {
		what = append(what, "everything but the summary line of "+prose.Count(len(cutChanges), "sequence")+" ("+namedList(cutChanges)+")")
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

// namedList names the first maxNamed addresses, shortened, and counts the rest.
func namedList(addresses []string) string {
	named := make([]string, 0, maxNamed+1)
	for _, a := range addresses[:min(len(addresses), maxNamed)] {
		named = append(named, addressCode(a))
	}
	if len(addresses) > maxNamed {
		named = append(named, fmt.Sprintf("%d more", len(addresses)-maxNamed))
	}
	return prose.Join(named, "and")
}
