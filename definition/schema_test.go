package definition_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// schemaPath is the schema the repository publishes for editors.
var schemaPath = filepath.Join("..", "docs", "schemas", definition.SchemaFile)

// TestSchemaFileIsCurrent checks that the published schema is JSONSchema's output;
// scripts/generate-docs.sh rewrites it with -update.
func TestSchemaFileIsCurrent(t *testing.T) {
	t.Parallel()
	want := definition.JSONSchema()
	got, err := os.ReadFile(schemaPath)
	if err == nil && bytes.Equal(got, want) {
		return
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(schemaPath), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(schemaPath, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s is not definition.JSONSchema()'s output (%v); run scripts/generate-docs.sh", schemaPath, err)
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(definition.JSONSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(definition.SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(definition.SchemaFile)
	if err != nil {
		t.Fatalf("the schema does not compile against the 2020-12 meta-schema: %v", err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, doc string) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("the test document is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

// TestSchemaAcceptsWhatParseAccepts runs valid definitions, every step type and rule form
// among them, through the schema.
func TestSchemaAcceptsWhatParseAccepts(t *testing.T) {
	t.Parallel()
	sch := compileSchema(t)
	example, err := os.ReadFile(filepath.Join("testdata", "contract_example.json"))
	if err != nil {
		t.Fatal(err)
	}
	for name, doc := range map[string]string{
		"contract example":   string(example),
		"generated":          testgen.Definition(100),
		"typical":            testgen.Typical(),
		"null optionals":     `{"steps": [{"type": "email", "templateId": "t", "delay": null}, {"type": "condition", "if": {"event": "e", "op": "performed", "within": null}, "then": null}]}`,
		"exists, no value":   `{"steps": [{"type": "condition", "if": {"attribute": "plan", "op": "exists"}}]}`,
		"any, not, contains": `{"steps": [{"type": "condition", "if": {"any": [{"not": {"attribute": "tags", "op": "contains", "value": "beta"}}, {"attribute": "seats", "op": "lte", "value": "10"}]}, "else": [{"type": "delay", "duration": "1w"}]}]}`,
		"null compared":      `{"steps": [{"type": "condition", "if": {"attribute": "plan", "op": "eq", "value": null}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := definition.ParseString(doc); err != nil {
				t.Fatalf("Parse refuses the document: %v", err)
			}
			if err := validate(t, sch, doc); err != nil {
				t.Errorf("the schema refuses a definition Parse accepts: %v", err)
			}
		})
	}
}

// TestSchemaRefusesBrokenDefinitions checks that the schema refuses what Parse refuses, at the
// place Parse names.
func TestSchemaRefusesBrokenDefinitions(t *testing.T) {
	t.Parallel()
	sch := compileSchema(t)
	for _, tc := range []struct {
		name, doc string
		// at is where the schema must see the problem, as a JSON pointer.
		at string
	}{
		{"unknown step type", `{"steps": [{"type": "sms", "templateId": "t"}]}`, "/steps/0/type"},
		{"missing duration", `{"steps": [{"type": "delay"}]}`, "/steps/0"},
		{"malformed duration", `{"steps": [{"type": "delay", "duration": "2 days"}]}`, "/steps/0/duration"},
		{"duration without a unit", `{"steps": [{"type": "email", "templateId": "t", "delay": "12"}]}`, "/steps/0/delay"},
		{"missing template", `{"steps": [{"type": "email"}]}`, "/steps/0"},
		{"empty template", `{"steps": [{"type": "email", "templateId": ""}]}`, "/steps/0/templateId"},
		{"field of another type", `{"steps": [{"type": "email", "templateId": "t", "duration": "1d"}]}`, "/steps/0"},
		{"step without a type", `{"steps": [{"templateId": "t"}]}`, "/steps/0"},
		{"step not an object", `{"steps": ["email"]}`, "/steps/0"},
		{"no steps", `{"steps": []}`, "/steps"},
		{"missing steps", `{}`, ""},
		{"unknown top-level key", `{"steps": [{"type": "delay", "duration": "1d"}], "name": "x"}`, ""},
		{"nested bad step", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "exists"}, "then": [{"type": "delay", "duration": "soon"}]}]}`, "/steps/0/then/0/duration"},
		{"condition without if", `{"steps": [{"type": "condition", "then": []}]}`, "/steps/0"},
		{"rule of two forms", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "exists", "event": "e"}}]}`, "/steps/0/if"},
		{"unknown operator", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "like", "value": 1}}]}`, "/steps/0/if"},
		{"exists with a value", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "exists", "value": 1}}]}`, "/steps/0/if"},
		{"comparison without a value", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "eq"}}]}`, "/steps/0/if"},
		{"ordering a bool", `{"steps": [{"type": "condition", "if": {"attribute": "a", "op": "gt", "value": true}}]}`, "/steps/0/if"},
		{"empty all", `{"steps": [{"type": "condition", "if": {"all": []}}]}`, "/steps/0/if"},
		{"malformed within", `{"steps": [{"type": "condition", "if": {"event": "e", "op": "performed", "within": "7 days"}}]}`, "/steps/0/if"},
		{"unknown event operator", `{"steps": [{"type": "condition", "if": {"event": "e", "op": "did"}}]}`, "/steps/0/if"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := definition.ParseString(tc.doc); err == nil {
				t.Fatal("Parse accepts the document; the case is not broken")
			}
			err := validate(t, sch, tc.doc)
			if err == nil {
				t.Fatal("the schema accepts a definition Parse refuses")
			}
			if !strings.Contains(err.Error(), "at '"+tc.at+"'") {
				t.Errorf("the schema's problem is not at %q:\n%v", tc.at, err)
			}
		})
	}
}
