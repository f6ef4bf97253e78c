package definition

import (
	"errors"
	"fmt"
)

// FieldKind is what a step field holds. It decides how the field is parsed, written, compared
// and shown, whatever the step type: its entry of kindSpecs says how.
type FieldKind uint8

// Field kinds.
const (
	// FieldTemplateID is the id of a template: a non-empty string.
	FieldTemplateID FieldKind = iota + 1
	// FieldDuration is a duration such as "2d" (see ParseDuration).
	FieldDuration
	// FieldRule is a rule (see Rule).
	FieldRule
	// FieldSteps is a list of steps: a branch.
	FieldSteps
)

// Shape is the form of a field's values: where they are in a Step and how the tools that
// work on any field (the canonical form, the DSL, the step diff, the graph) handle them. A new
// kind of an existing shape, such as a URL, which is text, needs only its entry in kindSpecs;
// a new shape needs a case in every switch on Shape, which the exhaustive linter lists.
type Shape uint8

// Shapes.
const (
	// ShapeText is a string: Field.Text and SetText.
	ShapeText Shape = iota + 1
	// ShapeRule is a rule: Field.Rule and SetRule.
	ShapeRule
	// ShapeSteps is a list of steps, a branch: Field.Steps and SetSteps.
	ShapeSteps
)

// ErrEmptyText is the error of CanonicalText for a kind of text that cannot be empty.
var ErrEmptyText = errors.New("must not be empty")

// kindSpec describes one field kind: an entry of kindSpecs.
type kindSpec struct {
	// name is the kind in messages and documentation: "template id".
	name string
	// noun is the kind with its article, for problems: "a template id".
	noun  string
	shape Shape
	// schemaDef names the kind's schema in JSONSchema's $defs: "templateId".
	schemaDef string

	// The rest describes a kind of text. schema is the schema of schemaDef. parse reads the
	// value v of the field key of the step at path, adding its problems, and returns its
	// canonical text. canonical checks a value as the DSL compiles one and returns its
	// canonical text, or ErrEmptyText or an error that says what is wrong.
	schema    schema
	parse     func(p *parser, path, key string, v any, want string) string
	canonical func(text string) (string, error)
}

// kindSpecs is the table of field kinds, by kind. The rules and step lists are described by
// JSONSchema and read by the parser beside the step fields, as rules nest in one another.
var kindSpecs = [...]kindSpec{
	FieldTemplateID: {
		name: "template id", noun: "a template id", shape: ShapeText, schemaDef: "templateId",
		schema: schema{"type": "string", "minLength": 1, "description": "the id of a template"},
		parse: func(p *parser, path, key string, v any, want string) string {
			id, _ := p.nonEmptyString(path, key, v, want)
			return id
		},
		canonical: func(text string) (string, error) {
			if text == "" {
				return "", ErrEmptyText
			}
			return text, nil
		},
	},
	FieldDuration: {
		name: "duration", noun: "a duration", shape: ShapeText, schemaDef: "duration",
		schema: schema{"type": "string", "pattern": durationPattern,
			"description": "a whole number and one unit, m (minutes), h (hours), d (days) or w (weeks), such as \"30m\", \"12h\", \"2d\" or \"1w\"; at most 10 years",
			"examples":    []any{"30m", "12h", "2d", "1w"}},
		parse: func(p *parser, path, key string, v any, _ string) string {
			return p.duration(path+"."+key, v)
		},
		canonical: CanonicalDuration,
	},
	FieldRule:  {name: "rule", noun: "a rule", shape: ShapeRule, schemaDef: "rule"},
	FieldSteps: {name: "step list", noun: "a list of steps", shape: ShapeSteps, schemaDef: "steps"},
}

// spec is the table entry of k, or nil for a value that is no kind.
func (k FieldKind) spec() *kindSpec {
	if k == 0 || int(k) >= len(kindSpecs) {
		return nil
	}
	return &kindSpecs[k]
}

// checkKinds panics on an entry of a table of kinds (kindSpecs) that is not whole, so that no
// test of the module passes with it.
func checkKinds(specs []kindSpec) {
	for k := 1; k < len(specs); k++ {
		spec := &specs[k]
		whole := spec.name != "" && spec.noun != "" && spec.schemaDef != "" && spec.shape >= ShapeText && spec.shape <= ShapeSteps
		if spec.shape == ShapeText {
			whole = whole && spec.schema != nil && spec.parse != nil && spec.canonical != nil
		}
		if !whole {
			panic(fmt.Sprintf("definition: field kind %d needs a name, a noun, a shape and a schema, and a kind of text its parse and canonical hooks", k))
		}
	}
}

func (k FieldKind) String() string {
	if spec := k.spec(); spec != nil {
		return spec.name
	}
	return fmt.Sprintf("FieldKind(%d)", uint8(k))
}

// Shape is the form of the kind's values; 0 for a value that is no kind.
func (k FieldKind) Shape() Shape {
	if spec := k.spec(); spec != nil {
		return spec.shape
	}
	return 0
}

// IsText reports whether the kind's values are strings (Field.Text and SetText).
func (k FieldKind) IsText() bool { return k.Shape() == ShapeText }

// CanonicalText checks text as a value of the kind of text k and returns its canonical form,
// as Parse would store it: "0d" for "0m". An empty value of a kind that needs one is
// ErrEmptyText; any other error says what is wrong, such as `"2 days" is not a duration; ...`.
func (k FieldKind) CanonicalText(text string) (string, error) {
	spec := k.spec()
	if spec == nil || spec.shape != ShapeText {
		return "", fmt.Errorf("a %v is not text", k)
	}
	return spec.canonical(text)
}
