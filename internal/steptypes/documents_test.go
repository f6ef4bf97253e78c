package steptypes_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

var update = flag.Bool("update", false, "rewrite the wire contract's tables of step types and openapi.yaml's list of them from the step table")

var (
	// contractPath is the wire contract, whose sections 2 and 3 list the step types.
	contractPath = filepath.Join("..", "..", "docs", "design", "contract.md")
	// openAPIPath is the contract's machine-readable form, whose dry-run steps name their type.
	openAPIPath = filepath.Join("..", "..", "client", "openapi.yaml")
)

// Headers of the contract's tables of step types: the definition's (section 2) and the DSL's
// (section 3). Each table ends at the first blank line.
const (
	stepTypesHeader  = "| `type` | what it does | fields |\n|---|---|---|\n"
	stepBlocksHeader = "| block | attributes | nested blocks |\n|---|---|---|\n"
)

// TestContractListsEveryStepType checks that the wire contract's tables of step types say what
// the step table says, row for row; -update rewrites them.
func TestContractListsEveryStepType(t *testing.T) {
	t.Parallel()
	checkTable(t, contractPath, stepTypesHeader, stepTypesTable())
	checkTable(t, contractPath, stepBlocksHeader, stepBlocksTable())
}

// checkTable compares the table of path that starts with header with want, or rewrites it
// under -update.
func checkTable(t *testing.T, path, header, want string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, header)
	end := strings.Index(doc[max(start, 0):], "\n\n")
	if start < 0 || end < 0 {
		t.Errorf("%s has no table starting with %q", path, header)
		return
	}
	end += start + 1
	if got := doc[start:end]; got != want {
		if *update {
			if err := os.WriteFile(path, []byte(doc[:start]+want+doc[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("a table of step types in %s is not the step table's (run go test ./internal/steptypes -run %s -update):\n got %s\nwant %s", path, t.Name(), got, want)
	}
}

// stepTypesTable is the definition's table: each type, what it does and its fields.
func stepTypesTable() string {
	var b strings.Builder
	b.WriteString(stepTypesHeader)
	for _, typ := range definition.StepTypes() {
		var fields []string
		for _, f := range typ.Fields() {
			need := "required"
			switch {
			case f.Required:
			case f.Default != "":
				need = "`\"" + f.Default + "\"` when omitted"
			case f.Kind.Shape() == definition.ShapeSteps:
				need = "empty when omitted"
			default:
				need = "optional"
			}
			fields = append(fields, "`"+f.Name+"` ("+f.Kind.String()+", "+need+")")
		}
		b.WriteString("| `" + string(typ) + "` | " + typ.Doc() + " | " + strings.Join(fields, ", ") + " |\n")
	}
	return b.String()
}

// stepBlocksTable is the DSL's table: each step block, its attributes and its nested blocks.
func stepBlocksTable() string {
	var b strings.Builder
	b.WriteString(stepBlocksHeader)
	for _, block := range dsl.StepBlocks() {
		var attrs, nested []string
		for _, a := range block.Attributes {
			attr := "`" + a.Name + "`"
			if a.Field.Required {
				attr += " (required)"
			}
			attrs = append(attrs, attr)
		}
		for _, br := range block.Branches {
			nested = append(nested, "`"+br.Name+" {}`")
		}
		b.WriteString("| `" + block.Name + "` | " + strings.Join(attrs, ", ") + " | " + strings.Join(nested, ", ") + " |\n")
	}
	return b.String()
}

// openAPIStepTypes matches openapi.yaml's enum of step types: the type of a dry-run step.
var openAPIStepTypes = regexp.MustCompile(`(?m)^(\s+DryRunStep:\n(?:\s+.*\n)*?\s+type: \{ type: string, enum: \[)([^\]]*)(\] \})`)

// TestOpenAPIListsEveryStepType checks, both ways, that the step types openapi.yaml names are
// the step table's; -update rewrites its list.
func TestOpenAPIListsEveryStepType(t *testing.T) {
	t.Parallel()
	doc, err := openapi3.NewLoader().LoadFromFile(openAPIPath)
	if err != nil {
		t.Fatalf("load %s: %v", openAPIPath, err)
	}
	step := doc.Components.Schemas["DryRunStep"]
	if step == nil || step.Value.Properties["type"] == nil {
		t.Fatalf("%s has no DryRunStep schema with a type", openAPIPath)
	}
	var listed []definition.StepType
	for _, v := range step.Value.Properties["type"].Value.Enum {
		s, _ := v.(string)
		listed = append(listed, definition.StepType(s))
	}
	if slices.Equal(listed, definition.StepTypes()) {
		return
	}
	if *update {
		data, err := os.ReadFile(openAPIPath)
		if err != nil {
			t.Fatal(err)
		}
		names := make([]string, len(definition.StepTypes()))
		for i, typ := range definition.StepTypes() {
			names[i] = string(typ)
		}
		rewritten := openAPIStepTypes.ReplaceAllString(string(data), "${1}"+strings.Join(names, ", ")+"${3}")
		if rewritten == string(data) {
			t.Fatalf("%s: found no enum of DryRunStep's type to rewrite", openAPIPath)
		}
		if err := os.WriteFile(openAPIPath, []byte(rewritten), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, typ := range definition.StepTypes() {
		if !slices.Contains(listed, typ) {
			t.Errorf("%s does not list the step type %q among a dry-run step's types (run go test ./internal/steptypes -run %s -update)", openAPIPath, typ, t.Name())
		}
	}
	for _, typ := range listed {
		if !typ.Known() {
			t.Errorf("%s lists %q among a dry-run step's types, which the step table does not have", openAPIPath, typ)
		}
	}
	if !t.Failed() {
		t.Errorf("%s lists the step types in another order than the step table: %v, want %v", openAPIPath, listed, definition.StepTypes())
	}
}
