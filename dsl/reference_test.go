package dsl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// referencePath is the DSL reference, whose table of steps is derived from the step table.
var referencePath = filepath.Join("..", "templates", "guides", "dsl-reference.md.tmpl")

// stepsTableHeader starts the reference's table of steps; the rows of the step types follow
// it, then the hand-written row of locals.
const stepsTableHeader = "| Block | What it does | Attributes and blocks | Compiles to |\n|---|---|---|---|\n"

// TestReferenceListsEveryStepType checks that the reference's table of steps says what the
// step table says, one row per step type; go test ./dsl -run TestReferenceListsEveryStepType
// -update rewrites it.
func TestReferenceListsEveryStepType(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, stepsTableHeader)
	end := strings.Index(doc, "| `"+blockLocals+" { ... }`")
	if start < 0 || end < start {
		t.Fatalf("%s has no table of steps starting with %q and ending with the row of locals", referencePath, stepsTableHeader)
	}
	want := stepsTable()
	if got := doc[start:end]; got != want {
		if *update {
			if err := os.WriteFile(referencePath, []byte(doc[:start]+want+doc[end:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the table of steps in %s is not the step table's (run go test ./dsl -run %s -update):\n got %s\nwant %s", referencePath, t.Name(), got, want)
	}
}

// stepsTable writes the header and one row per step type.
func stepsTable() string {
	var b strings.Builder
	b.WriteString(stepsTableHeader)
	for i := range blocks {
		spec := &blocks[i]
		var parts []string
		for _, a := range spec.attrs {
			need := "optional"
			if a.field.Required {
				need = "required"
			}
			parts = append(parts, "`"+a.name+"` ("+need+"): "+a.field.Doc+".")
		}
		for _, br := range spec.branches {
			parts = append(parts, "Block `"+br.name+" { ... }` (optional, at most one): "+br.field.Doc+".")
		}
		b.WriteString("| `" + spec.name + " { ... }` | " + capitalize(spec.typ.Doc()) + ". | " + strings.Join(parts, " ") + " | `" + compiledForm(spec.typ) + "` |\n")
	}
	return b.String()
}

// compiledForm is a step of type t as it compiles, defaults filled: each field's example, its
// default, RULE for a rule or [...] for a step list.
func compiledForm(t definition.StepType) string {
	text := `{"type":"` + string(t) + `"`
	for _, f := range t.Fields() {
		value := f.Example
		switch {
		case f.Kind == definition.FieldRule:
			value = "RULE"
		case f.Kind == definition.FieldSteps:
			value = "[...]"
		case !f.Required && f.Default != "":
			value = `"` + f.Default + `"`
		}
		text += `,"` + f.Name + `":` + value
	}
	return text + "}"
}
