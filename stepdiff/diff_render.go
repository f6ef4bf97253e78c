package stepdiff

import (
	"fmt"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// noChange is what the renderers say when two definitions mean the same.
const noChange = "No change in meaning."

// ANSI colours of the text form, by change kind.
var kindColors = map[ChangeKind]string{
	ChangeAdded:   "\x1b[32m", // green
	ChangeRemoved: "\x1b[31m", // red
	ChangeChanged: "\x1b[33m", // yellow
	ChangeMoved:   "\x1b[36m", // cyan
}

const colorReset = "\x1b[0m"

var kindMarks = map[ChangeKind]string{
	ChangeAdded: "+", ChangeRemoved: "-", ChangeChanged: "~", ChangeMoved: ">",
}

// Text writes the changes for a terminal, one line each (a changed step, one line per field),
// marked + added, - removed, ~ changed and > moved:
//
//	$ kraiter dsl diff main.kraiter.hcl pr.kraiter.hcl
//	+ steps[1]  condition when contact.country == "DE"
//	> steps[1].then[0]  email tmpl_tips (was steps[1])
//	~ steps[2].if.all[1]  contact.seats >= 5  ->  contact.seats >= 10
//	- steps[4]  email tmpl_old
//
// With color, each line is green, red, yellow or cyan by kind.
func (d *StepDiff) Text(color bool) string {
	if d.Equal {
		return noChange + "\n"
	}
	var b strings.Builder
	for _, c := range d.Changes {
		for _, line := range changeLines(c) {
			if color {
				line = kindColors[c.Kind] + line + colorReset
			}
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func changeLines(c Change) []string {
	mark := kindMarks[c.Kind]
	was := ""
	if c.OldPath != "" && c.OldPath != c.Path {
		was = " (was " + c.OldPath + ")"
	}
	if c.Kind != ChangeChanged {
		return []string{mark + " " + c.Path + "  " + c.Step + was}
	}
	lines := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		lines[i] = fmt.Sprintf("%s %s.%s  %s  ->  %s%s", mark, c.Path, f.Name, f.Old, f.New, was)
	}
	return lines
}

// Markdown writes the changes as a pull-request comment: a summary, the unified diff of the
// two definitions decompiled to canonical DSL (so layout, comments and spelling are left out),
// and the list of changed steps. oldName and newName label the diff.
func (d *StepDiff) Markdown(oldName, newName string) string {
	if d.Equal {
		return noChange + "\n"
	}
	return "**Changes in meaning:** " + d.Summary() + ".\n\n" +
		markdown.CodeBlock("diff", d.Unified(oldName, newName)) + "\n" + d.ChangeList()
}

// Unified is the unified diff of the two definitions decompiled to canonical DSL, labelled
// oldName and newName.
func (d *StepDiff) Unified(oldName, newName string) string {
	return udiff.Unified(oldName, newName, string(dsl.Decompile(d.oldDef)), string(dsl.Decompile(d.newDef)))
}

// ChangeList lists the changes in Markdown, one item per change and per changed field.
func (d *StepDiff) ChangeList() string {
	items := d.ChangeItems(nil)
	if len(items) == 0 {
		return ""
	}
	return strings.Join(items, "\n") + "\n"
}

// ChangeItems are the items of ChangeList, each a line without its newline, with what note
// says of an item appended to it; note, which may be nil, gets the change and, for an item
// of one changed field, the field (nil for a whole step).
func (d *StepDiff) ChangeItems(note func(c *Change, f *Field) string) []string {
	var items []string
	for i := range d.Changes {
		c := &d.Changes[i]
		was := ""
		if c.OldPath != "" && c.OldPath != c.Path {
			was = " (was " + markdown.CodeSpan(c.OldPath) + ")"
		}
		if c.Kind != ChangeChanged {
			items = append(items, fmt.Sprintf("- **%s** %s%s: %s", c.Kind, markdown.CodeSpan(c.Path), was, markdown.CodeSpan(c.Step))+noteOf(note, c, nil))
			continue
		}
		for j := range c.Fields {
			f := &c.Fields[j]
			items = append(items, fmt.Sprintf("- **%s** %s%s: %s → %s", c.Kind, markdown.CodeSpan(c.Path+"."+f.Name), was, markdown.CodeSpan(f.Old), markdown.CodeSpan(f.New))+noteOf(note, c, f))
		}
	}
	return items
}

func noteOf(note func(c *Change, f *Field) string, c *Change, f *Field) string {
	if note == nil {
		return ""
	}
	return note(c, f)
}

// Summary counts the changes by kind: "1 added, 2 moved".
func (d *StepDiff) Summary() string {
	var parts []string
	for _, kind := range []ChangeKind{ChangeAdded, ChangeChanged, ChangeMoved, ChangeRemoved} {
		n := 0
		for _, c := range d.Changes {
			if c.Kind == kind {
				n++
			}
		}
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, kind))
		}
	}
	return strings.Join(parts, ", ")
}
