// Package definition is the model of a Kraiter sequence definition: the JSON document
// carried as a string in a sequence's "definition" field (docs/design/contract.md, section
// "2. The definition").
//
// It parses and validates that JSON (reporting every problem with its path), writes the
// canonical form that makes two definitions comparable, and interprets a definition for one
// contact (the engine of the local server and dry-runs share that interpreter).
package definition

import (
	"encoding/json"
	"strconv"
)

// DefaultEmailDelay is what an email step's omitted "delay" means.
const DefaultEmailDelay = "0d"

// Limits on a definition, shared by the server's validation and the client-side checks so
// that both reject the same documents with the same words.
const (
	MaxBytes = 256 * 1024 // size of the definition JSON
	MaxDepth = 32         // nesting of condition branches and of rules
	MaxSteps = 1000       // steps in all, nested ones included
)

// Definition is a parsed sequence definition.
type Definition struct {
	Steps []Step
}

// Step is one step. Which fields are meaningful depends on Type, as its entry of the step
// table says (see StepType.Fields).
type Step struct {
	Type       StepType
	TemplateID string
	Delay      string
	Duration   string
	If         *Rule
	Then       []Step
	Else       []Step
}

// Rule is a condition. Exactly one form is set: All, Any, Not, an attribute comparison
// (Attribute, Op and, except for "exists", Value) or an event check (Event, Op, optional Within).
type Rule struct {
	All []Rule
	Any []Rule
	Not *Rule

	Attribute string
	Event     string
	Op        string
	// Value is the compared value as canonical JSON (numbers, strings, bools, null, arrays
	// or objects); nil when the rule has none.
	Value  json.RawMessage
	Within string
}

// Walk calls fn for every step, nested ones included, in document order, with its path
// (such as "steps[3].then[0]"). It panics on a step type that Parse would refuse.
func (d *Definition) Walk(fn func(path string, s *Step)) {
	walk("steps", d.Steps, fn)
}

func walk(path string, steps []Step, fn func(string, *Step)) {
	for i := range steps {
		s := &steps[i]
		at := path + "[" + strconv.Itoa(i) + "]"
		fn(at, s)
		for _, f := range s.Type.mustSpec().lists {
			walk(at+"."+f.Name, f.Steps(s), fn)
		}
	}
}

// TemplateRef is a template a step sends: its id, and where the definition names it.
type TemplateRef struct {
	// Path is the field's path, such as "steps[8].templateId".
	Path       string
	TemplateID string
}

// TemplateRefs lists every template id the definition names, in document order.
func (d *Definition) TemplateRefs() []TemplateRef {
	var refs []TemplateRef
	d.Walk(func(path string, s *Step) {
		for _, f := range s.Type.Fields() {
			if f.Kind == FieldTemplateID {
				refs = append(refs, TemplateRef{Path: path + "." + f.Name, TemplateID: f.Text(s)})
			}
		}
	})
	return refs
}
