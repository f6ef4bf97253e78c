package testgen_test

import (
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

func countSteps(t *testing.T, doc string) int {
	t.Helper()
	def, err := definition.ParseString(doc)
	if err != nil {
		t.Fatalf("the generated definition does not parse: %v", err)
	}
	n := 0
	def.Walk(func(string, *definition.Step) { n++ })
	return n
}

func TestDefinitionHasExactlyTheStepsAsked(t *testing.T) {
	t.Parallel()
	for _, steps := range []int{10, 100, 1000} {
		if got := countSteps(t, testgen.Definition(steps)); got != steps {
			t.Errorf("Definition(%d) has %d steps", steps, got)
		}
		if got := countSteps(t, testgen.Changed(steps)); got != steps {
			t.Errorf("Changed(%d) has %d steps", steps, got)
		}
	}
}

func TestChangedDiffersInMeaning(t *testing.T) {
	t.Parallel()
	equal, err := definition.Equal(testgen.Definition(20), testgen.Changed(20))
	if err != nil || equal {
		t.Errorf("Equal(Definition, Changed) = %v, %v; want two different definitions", equal, err)
	}
}

func TestDefinitionRefusesASizeItCannotBuild(t *testing.T) {
	t.Parallel()
	for _, steps := range []int{0, -10, 15} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Definition(%d) did not panic", steps)
				}
			}()
			testgen.Definition(steps)
		}()
	}
}

func TestTypical(t *testing.T) {
	t.Parallel()
	doc := testgen.Typical()
	if got := countSteps(t, doc); got != testgen.TypicalSteps {
		t.Errorf("Typical has %d steps, want %d", got, testgen.TypicalSteps)
	}
	def, err := definition.ParseString(doc)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	def.Walk(func(_ string, s *definition.Step) {
		if s.TemplateID != "" {
			named[s.TemplateID] = true
		}
	})
	for _, id := range testgen.TypicalTemplates {
		if !named[id] {
			t.Errorf("TypicalTemplates lists %s, which Typical does not name", id)
		}
		delete(named, id)
	}
	for id := range named {
		t.Errorf("Typical names %s, missing from TypicalTemplates", id)
	}
}
