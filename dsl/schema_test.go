package dsl_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/santhosh-tekuri/jsonschema/v6"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

// schemaExampleVars are the vars the examples take; a var a file does not use is ignored.
var schemaExampleVars = map[string]string{"locale": "en"}

// TestExamplesMatchSchema validates every example's definition against the published JSON
// Schema: each DSL file under examples/, compiled, and each definition written in a
// Terraform example with jsonencode.
func TestExamplesMatchSchema(t *testing.T) {
	t.Parallel()
	sch := publishedSchema(t)
	var dslFiles, tfFiles []string
	err := filepath.WalkDir(filepath.Join("..", "examples"), func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case strings.HasSuffix(path, ".kraiter.hcl") && !strings.HasSuffix(path, dsltest.FileSuffix):
			dslFiles = append(dslFiles, path)
		case strings.HasSuffix(path, ".tf"):
			tfFiles = append(tfFiles, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, path := range dslFiles {
		t.Run(path, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, diags := dsl.Compile(src, dsl.Options{Filename: path, Vars: schemaExampleVars})
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			checkAgainstSchema(t, sch, res.JSON)
		})
		checked++
	}
	literals := 0
	for _, path := range tfFiles {
		for i, doc := range jsonencodedDefinitions(t, path) {
			t.Run(fmt.Sprintf("%s#%d", path, i+1), func(t *testing.T) {
				if _, err := definition.Parse(doc); err != nil {
					t.Fatalf("the example's definition is invalid: %v", err)
				}
				checkAgainstSchema(t, sch, doc)
			})
			literals++
		}
	}
	if checked < 4 || literals == 0 {
		t.Fatalf("found %d DSL examples and %d jsonencode definitions; want the examples under examples/", checked, literals)
	}
}

// TestSchemaRefusesBrokenExamples breaks a compiled example in the ways people do and checks
// that the schema refuses each.
func TestSchemaRefusesBrokenExamples(t *testing.T) {
	t.Parallel()
	sch := publishedSchema(t)
	src, err := os.ReadFile(filepath.Join("..", "examples", "dsl", "onboarding.kraiter.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	res, diags := dsl.Compile(src, dsl.Options{Filename: "onboarding.kraiter.hcl"})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, tc := range []struct{ name, old, new string }{
		{"unknown step type", `"type":"delay"`, `"type":"wait"`},
		{"missing duration", `"duration":"2d"`, `"length":"2d"`},
		{"malformed duration", `"duration":"2d"`, `"duration":"2 days"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := bytes.Replace(res.JSON, []byte(tc.old), []byte(tc.new), 1)
			if bytes.Equal(broken, res.JSON) {
				t.Fatalf("the compiled example has no %s", tc.old)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(broken))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err == nil {
				t.Errorf("the schema accepts the example with %s instead of %s", tc.new, tc.old)
			}
		})
	}
}

// publishedSchema compiles the schema file of docs/schemas, the one editors are given.
func publishedSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join("..", "docs", "schemas", definition.SchemaFile)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(definition.SchemaFile, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(definition.SchemaFile)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return sch
}

func checkAgainstSchema(t *testing.T, sch *jsonschema.Schema, doc []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("the schema refuses the definition: %v\n%s", err, doc)
	}
}

// jsonencodedDefinitions finds the definition = jsonencode({...}) attributes of a Terraform
// file, at any depth, and writes each object as JSON. Only literal objects are taken: one
// that refers to variables is no example of a definition's text.
func jsonencodedDefinitions(t *testing.T, path string) [][]byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	file, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", path, diags.Error())
	}
	var docs [][]byte
	var walk func(body *hclsyntax.Body)
	walk = func(body *hclsyntax.Body) {
		if attr, ok := body.Attributes["definition"]; ok {
			if call, ok := attr.Expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "jsonencode" && len(call.Args) == 1 {
				val, diags := call.Args[0].Value(nil)
				if !diags.HasErrors() {
					doc, err := ctyjson.Marshal(val, val.Type())
					if err != nil {
						t.Fatalf("%s: %v", path, err)
					}
					docs = append(docs, doc)
				}
			}
		}
		for _, block := range body.Blocks {
			walk(block.Body)
		}
	}
	walk(file.Body.(*hclsyntax.Body))
	return docs
}
