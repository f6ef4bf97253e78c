// Package definition is the model of a Kraiter sequence definition: the JSON document
// carried as a string in a sequence's "definition" field (CONTRACT.md section 2).
//
// It parses and validates that JSON (reporting every problem with its path), writes the
// canonical form that makes two definitions comparable, and interprets a definition for one
// contact (the engine of the local server and dry-runs share that interpreter).
package definition

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Step types.
const (
	StepEmail     = "email"
	StepDelay     = "delay"
	StepCondition = "condition"
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

// Step is one step. Which fields are meaningful depends on Type:
// email uses TemplateID and Delay; delay uses Duration; condition uses If, Then and Else.
type Step struct {
	Type       string
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

// Rule forms, as reported by Rule.Kind.
const (
	RuleAll       = "all"
	RuleAny       = "any"
	RuleNot       = "not"
	RuleAttribute = "attribute"
	RuleEvent     = "event"
)

// Attribute operators.
const (
	OpEq       = "eq"
	OpNe       = "ne"
	OpGt       = "gt"
	OpGte      = "gte"
	OpLt       = "lt"
	OpLte      = "lte"
	OpContains = "contains"
	OpExists   = "exists"
)

// Event operators.
const (
	OpPerformed    = "performed"
	OpNotPerformed = "not_performed"
)

// AttributeOps lists the attribute operators in documentation order.
var AttributeOps = []string{OpEq, OpNe, OpGt, OpGte, OpLt, OpLte, OpContains, OpExists}

// EventOps lists the event operators.
var EventOps = []string{OpPerformed, OpNotPerformed}

// Kind says which form the rule has.
func (r *Rule) Kind() string {
	switch {
	case r.All != nil:
		return RuleAll
	case r.Any != nil:
		return RuleAny
	case r.Not != nil:
		return RuleNot
	case r.Event != "":
		return RuleEvent
	default:
		return RuleAttribute
	}
}

// MarshalJSON writes the canonical form: defaults filled, keys in a fixed order, no spaces.
func (d Definition) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"steps":`)
	writeSteps(&b, d.Steps)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Canonical is the definition's canonical JSON. Two definitions mean the same exactly when
// their canonical forms are equal.
func (d *Definition) Canonical() string {
	b, _ := d.MarshalJSON()
	return string(b)
}

// MarshalJSON writes the step in canonical form.
func (s Step) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	writeStep(&b, &s)
	return b.Bytes(), nil
}

// MarshalJSON writes the rule in canonical form.
func (r Rule) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	writeRule(&b, &r)
	return b.Bytes(), nil
}

func writeSteps(b *bytes.Buffer, steps []Step) {
	b.WriteByte('[')
	for i := range steps {
		if i > 0 {
			b.WriteByte(',')
		}
		writeStep(b, &steps[i])
	}
	b.WriteByte(']')
}

func writeStep(b *bytes.Buffer, s *Step) {
	b.WriteString(`{"type":`)
	writeString(b, s.Type)
	switch s.Type {
	case StepEmail:
		b.WriteString(`,"templateId":`)
		writeString(b, s.TemplateID)
		b.WriteString(`,"delay":`)
		delay := s.Delay
		if delay == "" {
			delay = DefaultEmailDelay
		}
		writeString(b, delay)
	case StepDelay:
		b.WriteString(`,"duration":`)
		writeString(b, s.Duration)
	case StepCondition:
		b.WriteString(`,"if":`)
		if s.If == nil {
			b.WriteString("null")
		} else {
			writeRule(b, s.If)
		}
		b.WriteString(`,"then":`)
		writeSteps(b, s.Then)
		b.WriteString(`,"else":`)
		writeSteps(b, s.Else)
	}
	b.WriteByte('}')
}

func writeRules(b *bytes.Buffer, rules []Rule) {
	b.WriteByte('[')
	for i := range rules {
		if i > 0 {
			b.WriteByte(',')
		}
		writeRule(b, &rules[i])
	}
	b.WriteByte(']')
}

func writeRule(b *bytes.Buffer, r *Rule) {
	switch r.Kind() {
	case RuleAll:
		b.WriteString(`{"all":`)
		writeRules(b, r.All)
	case RuleAny:
		b.WriteString(`{"any":`)
		writeRules(b, r.Any)
	case RuleNot:
		b.WriteString(`{"not":`)
		writeRule(b, r.Not)
	case RuleEvent:
		b.WriteString(`{"event":`)
		writeString(b, r.Event)
		b.WriteString(`,"op":`)
		writeString(b, r.Op)
		if r.Within != "" {
			b.WriteString(`,"within":`)
			writeString(b, r.Within)
		}
	default:
		b.WriteString(`{"attribute":`)
		writeString(b, r.Attribute)
		b.WriteString(`,"op":`)
		writeString(b, r.Op)
		if r.Value != nil {
			b.WriteString(`,"value":`)
			b.Write(r.Value)
		}
	}
	b.WriteByte('}')
}

// writeString writes s as a JSON string. HTML characters stay as they are: the canonical
// form is read by people in plans, not embedded in pages.
func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

// Walk calls fn for every step, nested ones included, in document order, with its path
// (such as "steps[3].then[0]").
func (d *Definition) Walk(fn func(path string, s *Step)) {
	walk("steps", d.Steps, fn)
}

func walk(path string, steps []Step, fn func(string, *Step)) {
	for i := range steps {
		at := path + "[" + strconv.Itoa(i) + "]"
		fn(at, &steps[i])
		walk(at+".then", steps[i].Then, fn)
		walk(at+".else", steps[i].Else, fn)
	}
}
