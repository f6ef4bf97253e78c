package definition_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

var update = flag.Bool("update", false, "rewrite the files generated from the step table: the resource documentation's table of step types and the JSON Schema")

// resourceDocPath is the kraiter_sequence resource's documentation template, whose table of
// step types is derived from the step table.
var resourceDocPath = filepath.Join("..", "templates", "resources", "sequence.md.tmpl")

const stepTypesHeader = "| Step | What it does | Fields |\n|---|---|---|\n"

// TestResourceDocListsEveryStepType checks that the resource documentation's table of step
// types says what the step table says; go test ./definition -run
// TestResourceDocListsEveryStepType -update rewrites it.
func TestResourceDocListsEveryStepType(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(resourceDocPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, stepTypesHeader)
	end := strings.Index(doc[max(start, 0):], "\n\n")
	if start < 0 || end < 0 {
		t.Fatalf("%s has no table starting with %q", resourceDocPath, stepTypesHeader)
	}
	end += start + 1
	want := stepTypesTable()
	if got := doc[start:end]; got != want {
		if *update {
			if err := os.WriteFile(resourceDocPath, []byte(doc[:start]+want+doc[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the table of step types in %s is not the step table's (run go test ./definition -run %s -update):\n got %s\nwant %s",
			resourceDocPath, t.Name(), got, want)
	}
}

func stepTypesTable() string {
	var b strings.Builder
	b.WriteString(stepTypesHeader)
	for _, typ := range definition.StepTypes() {
		var fields []string
		for _, f := range typ.Fields() {
			need := "required"
			if !f.Required {
				need = "optional"
				if f.Default != "" {
					need += ", default `\"" + f.Default + "\"`"
				} else if f.Kind == definition.FieldSteps {
					need += ", default `[]`"
				}
			}
			fields = append(fields, "`"+f.Name+"` ("+f.Kind.String()+", "+need+"): "+f.Doc+".")
		}
		doc := typ.Doc()
		b.WriteString("| `\"" + string(typ) + "\"` | " + strings.ToUpper(doc[:1]) + doc[1:] + ". | " + strings.Join(fields, " ") + " |\n")
	}
	return b.String()
}
