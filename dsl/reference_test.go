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

// functionsTableHeader starts the reference's table of the functions known at compile time.
const functionsTableHeader = "| Function | Example | Result |\n|---|---|---|\n"

// TestReferenceFunctionExamples checks the reference's table of functions: every function it
// names is one the compiler knows, every function the compiler knows is named, and each
// example whose result is written as a literal compiles to that literal.
func TestReferenceFunctionExamples(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(referencePath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	start := strings.Index(doc, functionsTableHeader)
	if start < 0 {
		t.Fatalf("%s has no table of functions starting with %q", referencePath, functionsTableHeader)
	}
	rows := strings.Split(doc[start+len(functionsTableHeader):], "\n")
	named := map[string]bool{}
	checked := 0
	for _, row := range rows {
		if !strings.HasPrefix(row, "|") {
			break
		}
		cells := strings.Split(strings.Trim(row, "|"), " | ")
		if len(cells) != 3 {
			t.Errorf("row %q has %d cells, want 3", row, len(cells))
			continue
		}
		for _, name := range strings.Split(cells[0], ", ") {
			name = strings.Trim(strings.TrimSpace(name), "`")
			if _, ok := functions[name]; !ok {
				t.Errorf("the reference names %q, which is not a function the compiler knows", name)
			}
			named[name] = true
		}
		example, result := codeSpan(cells[1]), codeSpan(strings.TrimSpace(cells[2]))
		if example == "" || result == "" {
			continue // a result in words, such as "a number"
		}
		if got, want := compileValue(t, example), compileValue(t, result); got != want {
			t.Errorf("the reference says %s is %s, but it compiles to %s", example, result, got)
		}
		checked++
	}
	for name := range functions {
		if !named[name] {
			t.Errorf("the compiler knows %q, but the reference's table of functions does not name it", name)
		}
	}
	if checked < 8 {
		t.Errorf("checked %d examples of the reference's table of functions; it has at least 8 with a literal result", checked)
	}
}

// codeSpan returns the code of a cell that starts with one, or "".
func codeSpan(cell string) string {
	if !strings.HasPrefix(cell, "`") {
		return ""
	}
	end := strings.Index(cell[1:], "`")
	if end < 0 {
		return ""
	}
	return cell[1 : end+1]
}

// compileValue compiles expr as the value a condition compares with, and returns the rule's
// JSON: two expressions with the same value compile to the same rule.
func compileValue(t *testing.T, expr string) string {
	t.Helper()
	res, diags := Compile([]byte("condition {\n  when = contact.x == ("+expr+")\n}\n"), Options{Filename: "reference.kraiter.hcl"})
	if diags.HasErrors() {
		t.Errorf("%s: %s", expr, diags.Error())
		return ""
	}
	return string(res.JSON)
}
