package stepdiff

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
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
	g.line("flowchart TD")
	g.line(`  ` + idStart + `(["Start"])`)
	// Every step, nested ones included, gets its id in document order as its node is drawn.
	def.Walk(func(path string, s *definition.Step) {
		g.ids[path] = g.newID(nodeBase(s))
		g.node("  ", g.ids[path], s)
	})
	g.line(`  ` + idFinish + `(["End"])`)
	g.line("  " + idStart + " --> " + g.entry("steps", def.Steps, idFinish))
	g.edges("steps", def.Steps, idFinish)
}

func itemPath(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// newID returns base, or base_2, base_3... when it is taken.
func (g *graph) newID(base string) string {
	id := base
	for n := 2; g.used[id]; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	g.used[id] = true
	return id
}

// nodeBase is the id a step's content gives it, before repeats are numbered: its view's
// prefix and its first field that is not a step list, text as it is or a rule by a hash.
func nodeBase(s *definition.Step) string {
	prefix := viewOf(s.Type).nodePrefix
	fields := s.Type.Fields()
	for i := range fields {
		switch f := &fields[i]; f.Kind.Shape() {
		case definition.ShapeText:
			return prefix + "_" + identifierText(f.Text(s))
		case definition.ShapeRule:
			sum := sha256.Sum256([]byte(canonicalRule(f.Rule(s))))
			return prefix + "_" + hex.EncodeToString(sum[:3])
		case definition.ShapeSteps:
		default:
			panic(fmt.Sprintf("stepdiff: field %q of step type %q has the unknown kind %v", f.Name, s.Type, f.Kind))
		}
	}
	return prefix
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

// node declares one step's node, in the shape and with the label of its type's view.
func (g *graph) node(indent, id string, s *definition.Step) {
	view := viewOf(s.Type)
	g.line(indent + fmt.Sprintf(view.shape, id, markdown.MermaidLabel(view.label(s))))
}

// edges links each step of a list to the one after it, the last to next, and a step that
// holds steps to the start of each of its lists, the edge labelled as its view says.
func (g *graph) edges(list string, steps []definition.Step, next string) {
	for i := range steps {
		s := &steps[i]
		at := itemPath(list, i)
		id := g.ids[at]
		after := next
		if i+1 < len(steps) {
			after = g.ids[itemPath(list, i+1)]
		}
		branches := s.Type.StepLists()
		if len(branches) == 0 {
			g.line(fmt.Sprintf("  %s --> %s", id, after))
			continue
		}
		view := viewOf(s.Type)
		for _, f := range branches {
			g.line(fmt.Sprintf("  %s -->|%s| %s", id, view.edgeLabel(s.Type, f.Name), g.entry(at+"."+f.Name, f.Steps(s), after)))
		}
		for _, f := range branches {
			g.edges(at+"."+f.Name, f.Steps(s), after)
		}
	}
}

// entry is the node a step list starts at: its first step, or next when it is empty.
func (g *graph) entry(list string, steps []definition.Step, next string) string {
	if len(steps) == 0 {
		return next
	}
	return g.ids[itemPath(list, 0)]
}
