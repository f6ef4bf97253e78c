package stepdiff

import (
	"fmt"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// stepView is how one step type is shown, where that differs by type beyond its fields: the
// shape and label of its graph node and its description in diffs and timelines. Every step type
// of the definition's table needs one; the linter and the step-type test fail without it.
type stepView struct {
	// nodePrefix starts the graph ids of its nodes; the step's first field ends them, as in
	// email_tmpl_welcome.
	nodePrefix string
	// shape is the Mermaid node as a format of its id and label: `%s["%s"]` is a box.
	shape string
	// label is the text of its graph node: "Email tmpl_welcome after 1h".
	label func(*definition.Step) string
	// describe says what the step is on one line, for diffs: "email tmpl_welcome after 1h".
	describe func(*definition.Step) string
	// timeline says what the step did in a simulated run, before its outcome: "wait 2d".
	timeline func(*definition.Step) string
	// edges label the edges to its step lists in graphs, by field name.
	edges map[string]string
}

// stepViews holds the view of every step type; the exhaustive linter lists a type without one.
var stepViews = map[definition.StepType]stepView{
	definition.StepEmail: {
		nodePrefix: "email",
		shape:      `%s["%s"]`,
		label:      func(s *definition.Step) string { return "Email " + s.TemplateID + emailAfter(s) },
		describe:   func(s *definition.Step) string { return "email " + plainOrQuoted(s.TemplateID) + emailAfter(s) },
		timeline:   func(s *definition.Step) string { return "email " + s.TemplateID + emailAfter(s) },
	},
	definition.StepDelay: {
		nodePrefix: "wait",
		shape:      `%s(["%s"])`,
		label:      func(s *definition.Step) string { return "Wait " + s.Duration },
		describe:   func(s *definition.Step) string { return "delay " + s.Duration },
		timeline:   func(s *definition.Step) string { return "wait " + s.Duration },
	},
	definition.StepCondition: {
		nodePrefix: "cond",
		shape:      `%s{"%s"}`,
		label: func(s *definition.Step) string {
			if s.If == nil {
				return "?"
			}
			return ruleWords(s.If)
		},
		describe: func(s *definition.Step) string { return "condition when " + whenText(s.If) },
		timeline: func(s *definition.Step) string {
			if s.If == nil {
				return "condition ?"
			}
			return "condition " + dsl.RuleText(s.If)
		},
		edges: map[string]string{"then": "yes", "else": "no"},
	},
}

// viewOf is the view of a step type that Parse or Compile accepted.
func viewOf(t definition.StepType) *stepView {
	v, ok := stepViews[t]
	if !ok {
		panic(fmt.Sprintf("stepdiff: unknown step type %q: it has no view in stepViews", t))
	}
	return &v
}

// edgeLabel is the label of the edge from a step to its step list named branch.
func (v *stepView) edgeLabel(t definition.StepType, branch string) string {
	label, ok := v.edges[branch]
	if !ok {
		panic(fmt.Sprintf("stepdiff: step type %q has no edge label for its step list %q", t, branch))
	}
	return label
}

// emailAfter is " after DELAY" for an email with a delay, or "".
func emailAfter(s *definition.Step) string {
	if s.Delay != "" && s.Delay != definition.DefaultEmailDelay {
		return " after " + s.Delay
	}
	return ""
}
