package dsl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Graph draws a definition as a Mermaid flowchart ("flowchart TD"): one node per step, labelled
// with its template, duration or rule in words, conditions as diamonds with yes and no edges,
// from a Start node to an End node. Node ids follow step paths (s2t0 is steps[2].then[0]), so
// the text is the same for the same definition and diffs stay small.
func Graph(def *definition.Definition) string {
	if def == nil {
		def = &definition.Definition{}
	}
	g := &graph{}
	g.line("flowchart TD")
	g.line(`  start(["Start"])`)
	g.nodes(def.Steps, "s")
	g.line(`  finish(["End"])`)
	g.line("  start --> " + entry(def.Steps, "s", "finish"))
	g.edges(def.Steps, "s", "finish")
	return g.b.String()
}

type graph struct{ b strings.Builder }

func (g *graph) line(s string) {
	g.b.WriteString(s)
	g.b.WriteByte('\n')
}

// nodes declares the nodes of a step list in document order.
func (g *graph) nodes(steps []definition.Step, prefix string) {
	for i := range steps {
		s := &steps[i]
		id := prefix + strconv.Itoa(i)
		switch s.Type {
		case definition.StepEmail:
			label := "Email " + s.TemplateID
			if s.Delay != "" && s.Delay != definition.DefaultEmailDelay {
				label += " after " + s.Delay
			}
			g.line(fmt.Sprintf(`  %s["%s"]`, id, mermaidText(label)))
		case definition.StepDelay:
			g.line(fmt.Sprintf(`  %s(["Wait %s"])`, id, mermaidText(s.Duration)))
		case definition.StepCondition:
			rule := "?"
			if s.If != nil {
				rule = ruleWords(s.If)
			}
			g.line(fmt.Sprintf(`  %s{"%s"}`, id, mermaidText(rule)))
			g.nodes(s.Then, id+"t")
			g.nodes(s.Else, id+"e")
		}
	}
}

// edges links each step of a list to the one after it, the last to next, and each condition
// to the start of its branches.
func (g *graph) edges(steps []definition.Step, prefix, next string) {
	for i := range steps {
		s := &steps[i]
		id := prefix + strconv.Itoa(i)
		after := next
		if i+1 < len(steps) {
			after = prefix + strconv.Itoa(i+1)
		}
		if s.Type != definition.StepCondition {
			g.line(fmt.Sprintf("  %s --> %s", id, after))
			continue
		}
		g.line(fmt.Sprintf("  %s -->|yes| %s", id, entry(s.Then, id+"t", after)))
		g.line(fmt.Sprintf("  %s -->|no| %s", id, entry(s.Else, id+"e", after)))
		g.edges(s.Then, id+"t", after)
		g.edges(s.Else, id+"e", after)
	}
}

// entry is the node a step list starts at: its first step, or next when it is empty.
func entry(steps []definition.Step, prefix, next string) string {
	if len(steps) == 0 {
		return next
	}
	return prefix + "0"
}

// mermaidText escapes a label for a quoted Mermaid node text: quotes, and the characters that
// Mermaid reads as entity codes, HTML or Markdown, are written as entity codes.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '#' || r == '"' || r == '<' || r == '>' || r == '&' || r == '`':
			fmt.Fprintf(&b, "#%d;", r)
		case r < ' ' || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
