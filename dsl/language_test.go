package dsl_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// TestStepBlocksFollowTheTable checks that the blocks editors are offered are the step table's,
// and that each block's example compiles.
func TestStepBlocksFollowTheTable(t *testing.T) {
	t.Parallel()
	blocks := dsl.StepBlocks()
	if len(blocks) != len(definition.StepTypes()) {
		t.Fatalf("%d step blocks for %d step types", len(blocks), len(definition.StepTypes()))
	}
	for i, b := range blocks {
		typ := definition.StepTypes()[i]
		if b.Name != string(typ) || b.Doc != typ.Doc() {
			t.Errorf("block %d is %q (%q), want the step type %q (%q)", i, b.Name, b.Doc, typ, typ.Doc())
		}
		if got, want := len(b.Attributes)+len(b.Branches), len(typ.Fields()); got != want {
			t.Errorf("%s has %d attributes and branches, want one a field (%d)", b.Name, got, want)
		}
		if _, diags := dsl.Compile([]byte(b.Example), dsl.Options{}); diags.HasErrors() {
			t.Errorf("the example of %s does not compile: %s\n%s", b.Name, diags.Error(), b.Example)
		}
	}
	email := blocks[slices.IndexFunc(blocks, func(b dsl.StepBlock) bool { return b.Name == "email" })]
	if email.Attributes[0].Name != "template" || email.Attributes[0].Field.Name != "templateId" {
		t.Errorf("the email's first attribute is %q for %q, want template for templateId", email.Attributes[0].Name, email.Attributes[0].Field.Name)
	}
}

// TestFunctionsAreCallable checks that every function offered is one Compile knows where it is
// offered: value functions in a local, the others in a when expression.
func TestFunctionsAreCallable(t *testing.T) {
	t.Parallel()
	fns := dsl.Functions()
	if !slices.IsSortedFunc(fns, func(a, b dsl.Function) int { return strings.Compare(a.Name, b.Name) }) {
		t.Error("the functions are not sorted by name")
	}
	for _, f := range fns {
		src := "locals {\n  x = " + f.Name + "()\n}\nemail {\n  template = \"t\"\n}\n"
		unknown := "Unknown function"
		switch {
		case f.Name == "number": // a value, compared with an attribute
			src = "condition {\n  when = contact.score > number()\n}\n"
		case f.InWhenOnly:
			src = "condition {\n  when = " + f.Name + "()\n}\n"
			unknown = "Unknown condition function"
		}
		_, diags := dsl.Compile([]byte(src), dsl.Options{})
		for _, d := range diags {
			if d.Summary == unknown {
				t.Errorf("%s is offered but Compile does not know it: %s", f.Name, d.Detail)
			}
		}
		if f.Doc == "" || f.Signature == "" {
			t.Errorf("%s has no doc or signature", f.Name)
		}
	}
}
