package stepdiff

import (
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// classStyles are the Mermaid styles of the marks, in the order they are declared: the colours
// of GitHub's diffs, green, amber, blue, and red dashed for what is gone. The text colour keeps
// labels readable on the light fills in dark mode too.
var classStyles = []struct {
	kind  ChangeKind
	style string
}{
	{ChangeAdded, "fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#1f2328"},
	{ChangeChanged, "fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328"},
	{ChangeMoved, "fill:#ddf4ff,stroke:#0969da,stroke-width:2px,color:#1f2328"},
	{ChangeRemoved, "fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#1f2328"},
}

// GraphDiff draws the new definition as Graph does and marks what changed since the old one
// (the arguments in the order of Diff's):
// added, changed and moved steps get the Mermaid classes of those names, and removed steps are
// drawn, class removed, in a "Removed" box of their own. Only the classes in use are declared,
// so when nothing changed the text is Graph's.
func GraphDiff(oldDef, newDef *definition.Definition) string {
	return Diff(oldDef, newDef).Graph()
}

// Graph is GraphDiff of the diff's two definitions.
func (d *StepDiff) Graph() string {
	g := newGraph()
	g.flowchart(d.newDef)

	marked := make(map[ChangeKind][]string)
	var removed []Change
	for _, c := range d.Changes {
		if c.Kind == ChangeRemoved {
			removed = append(removed, c)
			continue
		}
		marked[c.Kind] = append(marked[c.Kind], g.ids[c.Path])
	}
	if len(removed) > 0 {
		oldSteps := map[string]*definition.Step{}
		d.oldDef.Walk(func(path string, s *definition.Step) { oldSteps[path] = s })
		g.line(`  subgraph ` + idRemoved + `["Removed"]`)
		for _, c := range removed {
			step := oldSteps[c.Path]
			id := g.newID(nodeBase(step))
			g.node("    ", id, step)
			marked[ChangeRemoved] = append(marked[ChangeRemoved], id)
		}
		g.line("  end")
	}
	for _, cs := range classStyles {
		if len(marked[cs.kind]) > 0 {
			g.line("  classDef " + string(cs.kind) + " " + cs.style)
		}
	}
	for _, cs := range classStyles {
		if ids := marked[cs.kind]; len(ids) > 0 {
			g.line("  class " + strings.Join(ids, ",") + " " + string(cs.kind))
		}
	}
	return g.b.String()
}
