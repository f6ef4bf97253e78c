package dsl

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Graph draws a definition as a Mermaid flowchart ("flowchart TD"): one node per step, labelled
// with its template, duration or rule in words, conditions as diamonds with yes and no edges,
// from a Start node to an End node.
//
// Node ids come from the step's content, not its position: email_tmpl_welcome, wait_2d,
// cond_1a2b3c (from a hash of the rule), with _2, _3... for repeats. The text is the same for
// the same definition, and inserting a step changes only the lines of that step and its edges.
func Graph(def *definition.Definition) string {
	g := newGraph()
	g.flowchart(def)
	return g.b.String()
}

type graph struct {
	b    strings.Builder
	ids  map[string]string // step path → node id
	used map[string]bool
}

// Fixed node ids; step ids have a prefix (email_, wait_, cond_) and cannot take them.
const (
	idStart   = "start"
	idFinish  = "finish"
	idRemoved = "removed_steps"
)

func newGraph() *graph {
	return &graph{ids: map[string]string{}, used: map[string]bool{idStart: true, idFinish: true, idRemoved: true}}
}

func (g *graph) line(s string) {
	g.b.WriteString(s)
	g.b.WriteByte('\n')
}

// flowchart draws the steps of def, their edges, and Start and End.
func (g *graph) flowchart(def *definition.Definition) {
	if def == nil {
		def = &definition.Definition{}
	}
	g.assign("steps", def.Steps)
	g.line("flowchart TD")
	g.line(`  ` + idStart + `(["Start"])`)
	g.nodes("steps", def.Steps)
	g.line(`  ` + idFinish + `(["End"])`)
	g.line("  " + idStart + " --> " + g.entry("steps", def.Steps, idFinish))
	g.edges("steps", def.Steps, idFinish)
}

func itemPath(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// assign gives every step of a list, nested ones included, its id, in document order.
func (g *graph) assign(list string, steps []definition.Step) {
	for i := range steps {
		at := itemPath(list, i)
		g.ids[at] = g.newID(nodeBase(&steps[i]))
		g.assign(at+"."+blockThen, steps[i].Then)
		g.assign(at+"."+blockElse, steps[i].Else)
	}
}

// newID returns base, or base_2, base_3... when it is taken.
func (g *graph) newID(base string) string {
	id := base
	for n := 2; g.used[id]; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	g.used[id] = true
	return id
}

// nodeBase is the id a step's content gives it, before repeats are numbered.
func nodeBase(s *definition.Step) string {
	switch s.Type {
	case definition.StepEmail:
		return "email_" + identifierText(s.TemplateID)
	case definition.StepDelay:
		return "wait_" + identifierText(s.Duration)
	case definition.StepCondition:
		sum := sha256.Sum256([]byte(canonicalRule(s.If)))
		return "cond_" + hex.EncodeToString(sum[:3])
	default:
		panic(fmt.Sprintf("dsl: unknown step type %q; expected email, delay or condition", s.Type))
	}
}

// identifierText keeps the ASCII letters, digits and underscores of s and writes every other
// character as an underscore, which Mermaid reads as part of a node id.
func identifierText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// nodes declares the nodes of a step list in document order.
func (g *graph) nodes(list string, steps []definition.Step) {
	for i := range steps {
		at := itemPath(list, i)
		g.node("  ", g.ids[at], &steps[i])
		g.nodes(at+"."+blockThen, steps[i].Then)
		g.nodes(at+"."+blockElse, steps[i].Else)
	}
}

// node declares one step's node: emails as boxes, delays rounded, conditions as diamonds.
func (g *graph) node(indent, id string, s *definition.Step) {
	switch s.Type {
	case definition.StepEmail:
		label := "Email " + s.TemplateID
		if delay := emailDelay(s); delay != definition.DefaultEmailDelay {
			label += " after " + delay
		}
		g.line(fmt.Sprintf(`%s%s["%s"]`, indent, id, mermaidText(label)))
	case definition.StepDelay:
		g.line(fmt.Sprintf(`%s%s(["Wait %s"])`, indent, id, mermaidText(s.Duration)))
	case definition.StepCondition:
		rule := "?"
		if s.If != nil {
			rule = ruleWords(s.If)
		}
		g.line(fmt.Sprintf(`%s%s{"%s"}`, indent, id, mermaidText(rule)))
	default:
		panic(fmt.Sprintf("dsl: unknown step type %q; expected email, delay or condition", s.Type))
	}
}

// edges links each step of a list to the one after it, the last to next, and each condition
// to the start of its branches.
func (g *graph) edges(list string, steps []definition.Step, next string) {
	for i := range steps {
		s := &steps[i]
		at := itemPath(list, i)
		id := g.ids[at]
		after := next
		if i+1 < len(steps) {
			after = g.ids[itemPath(list, i+1)]
		}
		if s.Type != definition.StepCondition {
			g.line(fmt.Sprintf("  %s --> %s", id, after))
			continue
		}
		g.line(fmt.Sprintf("  %s -->|yes| %s", id, g.entry(at+"."+blockThen, s.Then, after)))
		g.line(fmt.Sprintf("  %s -->|no| %s", id, g.entry(at+"."+blockElse, s.Else, after)))
		g.edges(at+"."+blockThen, s.Then, after)
		g.edges(at+"."+blockElse, s.Else, after)
	}
}

// entry is the node a step list starts at: its first step, or next when it is empty.
func (g *graph) entry(list string, steps []definition.Step, next string) string {
	if len(steps) == 0 {
		return next
	}
	return g.ids[itemPath(list, 0)]
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
