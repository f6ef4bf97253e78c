package definition

import (
	"fmt"
	"strings"
)

// StepType is a step's "type". The step types, their fields and how each runs are described
// once, in the table of steptable.go; parsing, the canonical form, Walk and the interpreter
// read that table, and so do the DSL and the local server.
type StepType string

// Step types.
const (
	StepEmail     StepType = "email"
	StepDelay     StepType = "delay"
	StepCondition StepType = "condition"
)

// Field is one field of a step type.
type Field struct {
	// Name is the field's key in the JSON, such as "templateId".
	Name string
	Kind FieldKind
	// Required fields must be given. An optional text field that is omitted or null takes
	// Default; an omitted step list is empty.
	Required bool
	// Default is what an omitted optional text field means, such as an email's "0d" delay.
	Default string
	// Doc says what the field holds, for messages and documentation: "how long to wait".
	Doc string
	// Example is a valid value written as JSON, for messages and documentation: `"2d"`.
	Example string

	// want says what a valid value looks like, for problems: `a duration such as "2d"`.
	want string
	// The field's place in a Step, by its kind's shape: text, rule or steps.
	text  func(*Step) *string
	rule  func(*Step) **Rule
	steps func(*Step) *[]Step
}

// Text is the value of the text field f in s.
func (f *Field) Text(s *Step) string { return *f.textOf(s) }

// SetText sets the text field f of s.
func (f *Field) SetText(s *Step, v string) { *f.textOf(s) = v }

// Rule is the value of the rule field f in s.
func (f *Field) Rule(s *Step) *Rule { return *f.ruleOf(s) }

// SetRule sets the rule field f of s.
func (f *Field) SetRule(s *Step, r *Rule) { *f.ruleOf(s) = r }

// Steps is the value of the step-list field f in s.
func (f *Field) Steps(s *Step) []Step { return *f.stepsOf(s) }

// SetSteps sets the step-list field f of s.
func (f *Field) SetSteps(s *Step, steps []Step) { *f.stepsOf(s) = steps }

func (f *Field) textOf(s *Step) *string {
	if f.text == nil {
		panic(f.wrongKind("text"))
	}
	return f.text(s)
}

func (f *Field) ruleOf(s *Step) **Rule {
	if f.rule == nil {
		panic(f.wrongKind("a rule"))
	}
	return f.rule(s)
}

func (f *Field) stepsOf(s *Step) *[]Step {
	if f.steps == nil {
		panic(f.wrongKind("a step list"))
	}
	return f.steps(s)
}

func (f *Field) wrongKind(want string) string {
	return fmt.Sprintf("definition: field %q is a %v, not %s", f.Name, f.Kind, want)
}

// Filled is the value of the text field f in s with the default filled in, as Parse fills it.
func (f *Field) Filled(s *Step) string {
	if v := f.Text(s); v != "" || f.Required {
		return v
	}
	return f.Default
}

// stepSpec describes one step type: an entry of the table.
type stepSpec struct {
	typ StepType
	// doc says what a step of the type does, for documentation.
	doc    string
	fields []Field
	// compile appends the operations of the step s, at path, to the program.
	compile func(p *Program, path string, s *Step)

	// keys are the keys a step of the type may have: "type" and its fields' names.
	keys []string
	// lists are its step-list fields, the branches Walk follows. A type that has any holds
	// steps, which makes it count towards MaxDepth.
	lists []*Field
}

// stepSpecs is the table of step types, in documentation order. It is filled by init from
// stepTable, as the condition's compile hook compiles its branches through the table.
var (
	stepSpecs     []stepSpec
	stepTypeList  []StepType
	stepTypeNames []string
	// stepTypesText lists the types for messages: `"email", "delay", "condition"`.
	stepTypesText string
	// stepTypeWant says what a valid "type" is, for problems.
	stepTypeWant string
)

func init() {
	checkKinds(kindSpecs[:])
	stepSpecs = stepTable()
	for i := range stepSpecs {
		spec := &stepSpecs[i]
		spec.check()
		spec.keys = []string{"type"}
		for j := range spec.fields {
			f := &spec.fields[j]
			spec.keys = append(spec.keys, f.Name)
			if f.Kind.Shape() == ShapeSteps {
				spec.lists = append(spec.lists, f)
			}
			f.want = f.Kind.spec().noun + " such as " + f.Example
		}
		stepTypeList = append(stepTypeList, spec.typ)
		stepTypeNames = append(stepTypeNames, string(spec.typ))
	}
	stepTypesText = strings.Join(quoteAll(stepTypeNames), ", ")
	stepTypeWant = "one of " + stepTypesText
}

// check panics on an entry of the table that is not whole, so that no test of the module
// passes with it.
func (spec *stepSpec) check() {
	if spec.compile == nil || spec.doc == "" {
		panic(fmt.Sprintf("definition: step type %q needs a compile hook and a doc line", spec.typ))
	}
	for _, f := range spec.fields {
		if !f.hasAccessor() || f.Name == "" || f.Doc == "" || f.Example == "" {
			panic(fmt.Sprintf("definition: field %q of step type %q needs a name, a doc line, an example and the accessor of a %v", f.Name, spec.typ, f.Kind))
		}
	}
}

// hasAccessor reports whether the field has the accessor of its kind's shape, the one
// place in a Step where its values are.
func (f *Field) hasAccessor() bool {
	switch f.Kind.Shape() {
	case ShapeText:
		return f.text != nil
	case ShapeRule:
		return f.rule != nil
	case ShapeSteps:
		return f.steps != nil
	default: // not a kind
		return false
	}
}

// StepTypes lists the step types in documentation order. The slice is shared: do not
// modify it.
func StepTypes() []StepType { return stepTypeList }

// spec is the table entry of t, or nil for an unknown type. The table is short, so a scan
// beats a map.
func (t StepType) spec() *stepSpec {
	for i := range stepSpecs {
		if stepSpecs[i].typ == t {
			return &stepSpecs[i]
		}
	}
	return nil
}

// mustSpec is the table entry of a type that Parse accepted. A definition from Parse or the
// DSL has no other types, so any other is a step built wrongly by hand.
func (t StepType) mustSpec() *stepSpec {
	spec := t.spec()
	if spec == nil {
		panic(&UnknownStepTypeError{Type: t})
	}
	return spec
}

// Known reports whether t is a step type.
func (t StepType) Known() bool { return t.spec() != nil }

// Doc says what a step of type t does, such as "waits"; "" for an unknown type.
func (t StepType) Doc() string {
	if spec := t.spec(); spec != nil {
		return spec.doc
	}
	return ""
}

// Fields lists the fields of t in the order of the canonical form; nil for an unknown type.
// The slice is shared: do not modify it.
func (t StepType) Fields() []Field {
	if spec := t.spec(); spec != nil {
		return spec.fields
	}
	return nil
}

// StepLists lists the step-list fields of t, its branches, in the order of Fields; nil for an
// unknown type or one without branches. The slice is shared: do not modify it.
func (t StepType) StepLists() []*Field {
	if spec := t.spec(); spec != nil {
		return spec.lists
	}
	return nil
}

// UnknownStepTypeError is a step whose type is not in the table.
type UnknownStepTypeError struct {
	Type StepType
}

func (e *UnknownStepTypeError) Error() string {
	return fmt.Sprintf("unknown step type %q; expected one of %s", e.Type, stepTypesText)
}
