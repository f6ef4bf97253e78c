package definition

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// SchemaFile is where the repository keeps JSONSchema's output, for editors that edit a
// definition as JSON: docs/schemas/SchemaFile.
const SchemaFile = "sequence-definition.schema.json"

// durationPattern is what ParseDuration reads: a whole number and one unit. The ten-year bound
// is left to Parse, as are MaxSteps, MaxDepth and MaxBytes, which a schema cannot count.
var durationPattern = func() string {
	units := make([]byte, len(durationUnits))
	for i, u := range durationUnits {
		units[i] = u.unit
	}
	return "^[0-9]+[" + string(units) + "]$"
}()

// schema is a JSON Schema object; its keys are written sorted, so the output is stable.
type schema = map[string]any

// JSONSchema is a JSON Schema (2020-12) of the definition, derived from the step table and the
// rule kinds, indented and ending with a newline. It checks the shape Parse checks (keys, types,
// step types, required fields, durations, operators) but not the limits on size, steps and
// depth, nor the ten-year bound of durations: a document it accepts can still be refused by
// Parse, never the other way round.
func JSONSchema() []byte {
	defs := schema{
		"steps": schema{"type": "array", "description": "steps run one after another", "items": ref("step")},
		"step":  stepSchema(),
		"rule": schema{
			"description": "a condition: all, any, not, an attribute comparison or an event check",
			"oneOf":       []any{ref("allRule"), ref("anyRule"), ref("notRule"), ref("attributeRule"), ref("eventRule")},
		},
		"allRule":       groupSchema(RuleAll, "holds when every rule holds"),
		"anyRule":       groupSchema(RuleAny, "holds when at least one rule holds"),
		"notRule":       closed(schema{string(RuleNot): ref("rule")}, []string{string(RuleNot)}, "holds when the rule does not"),
		"attributeRule": attributeRuleSchema(),
		"eventRule":     eventRuleSchema(),
	}
	for i := range kindSpecs {
		if k := &kindSpecs[i]; k.shape == ShapeText {
			defs[k.schemaDef] = k.schema
		}
	}
	for _, t := range StepTypes() {
		defs[stepDef(t)] = stepTypeSchema(t)
	}
	root := schema{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                "Kraiter sequence definition",
		"description":          fmt.Sprintf("The JSON definition of a Kraiter sequence, generated from the step table of terraform-provider-kraiter. Limits a schema cannot express: at most %d steps in all, nested ones included, conditions and rules nested at most %d deep, and %d bytes.", MaxSteps, MaxDepth, MaxBytes),
		"type":                 "object",
		"properties":           schema{"steps": schema{"$ref": "#/$defs/steps", "minItems": 1, "description": "the steps of the sequence, at least one"}},
		"required":             []string{"steps"},
		"additionalProperties": false,
		"$defs":                defs,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		panic(fmt.Sprintf("definition: write the JSON Schema: %v", err))
	}
	return buf.Bytes()
}

func ref(def string) schema { return schema{"$ref": "#/$defs/" + def} }

// stepDef names the definition of a step type's fields: "emailStep".
func stepDef(t StepType) string { return string(t) + "Step" }

// closed is an object of exactly the given properties.
func closed(props schema, required []string, doc string) schema {
	s := schema{"type": "object", "properties": props, "additionalProperties": false, "description": doc}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// stepSchema picks the schema of a step by its type, so that an editor offers a step's own
// fields once its type is written, and an unknown type is refused by the enum alone.
func stepSchema() schema {
	types := make([]any, 0, len(StepTypes()))
	var branches []any
	for _, t := range StepTypes() {
		types = append(types, string(t))
		branches = append(branches, schema{
			"if":   schema{"properties": schema{"type": schema{"const": string(t)}}, "required": []string{"type"}},
			"then": ref(stepDef(t)),
		})
	}
	return schema{
		"type":        "object",
		"description": "a step; its type decides its other fields",
		"properties":  schema{"type": schema{"enum": types, "description": "the step type: " + stepTypesText}},
		"required":    []string{"type"},
		"allOf":       branches,
	}
}

// stepTypeSchema is a step of type t: "type" and the fields of its table entry.
func stepTypeSchema(t StepType) schema {
	props := schema{"type": schema{"const": string(t)}}
	required := []string{"type"}
	for _, f := range t.Fields() {
		props[f.Name] = fieldSchema(&f)
		if f.Required {
			required = append(required, f.Name)
		}
	}
	return closed(props, required, "a "+string(t)+" step "+t.Doc())
}

// fieldSchema is the schema of a field by its kind; an optional text field may be null, which
// Parse reads as its default.
func fieldSchema(f *Field) schema {
	s := ref(f.Kind.spec().schemaDef)
	doc := f.Doc
	switch {
	case f.Required:
	case f.Kind.IsText():
		doc += fmt.Sprintf("; %q when omitted or null", f.Default)
		s = schema{"anyOf": []any{s, schema{"type": "null"}}}
	case f.Kind.Shape() == ShapeSteps:
		doc += "; none when omitted or null"
		s = schema{"anyOf": []any{s, schema{"type": "null"}}}
	}
	s["description"] = doc
	var example any
	if err := json.Unmarshal([]byte(f.Example), &example); err == nil {
		s["examples"] = []any{example}
	}
	return s
}

func groupSchema(kind RuleKind, doc string) schema {
	key := string(kind)
	return closed(schema{key: schema{"type": "array", "minItems": 1, "items": ref("rule")}}, []string{key}, doc)
}

// attributeRuleSchema is an attribute comparison: "exists" takes no value, every other
// operator one, and the orderings a number or a string.
func attributeRuleSchema() schema {
	ordering := []any{}
	for _, op := range AttributeOps {
		if IsOrdering(op) {
			ordering = append(ordering, op)
		}
	}
	s := closed(schema{
		"attribute": schema{"type": "string", "minLength": 1, "description": "the contact attribute, such as \"plan\""},
		"op":        schema{"enum": AttributeOps, "description": "the comparison"},
		"value":     schema{"description": "the value compared with the attribute; none for \"exists\""},
	}, attributeKeys[:2], "compares a contact attribute with a value")
	s["allOf"] = []any{
		schema{
			"if":   schema{"properties": schema{"op": schema{"const": OpExists}}, "required": []string{"op"}},
			"then": schema{"not": schema{"required": []string{"value"}}},
			"else": schema{"required": []string{"value"}},
		},
		schema{
			"if":   schema{"properties": schema{"op": schema{"enum": ordering}}, "required": []string{"op"}},
			"then": schema{"properties": schema{"value": schema{"type": []string{"number", "string"}}}},
		},
	}
	return s
}

func eventRuleSchema() schema {
	return closed(schema{
		"event":  schema{"type": "string", "minLength": 1, "description": "the event name, such as \"purchased\""},
		"op":     schema{"enum": EventOps, "description": "whether the contact performed the event or not"},
		"within": schema{"anyOf": []any{ref("duration"), schema{"type": "null"}}, "description": "the time window that counts back from the moment the contact reaches the condition; any time before it when omitted"},
	}, eventKeys[:2], "checks whether the contact performed an event")
}
