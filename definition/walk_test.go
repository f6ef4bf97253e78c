package definition_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestWalkVisitsNestedStepsInDocumentOrder(t *testing.T) {
	t.Parallel()
	d := mustParse(t, `{"steps":[
	  {"type":"email","templateId":"a"},
	  {"type":"condition","if":{"attribute":"x","op":"exists"},
	   "then":[{"type":"delay","duration":"1d"},
	           {"type":"condition","if":{"event":"e","op":"performed"},
	            "then":[{"type":"email","templateId":"b"}],
	            "else":[{"type":"email","templateId":"c"}]}],
	   "else":[{"type":"email","templateId":"d"}]},
	  {"type":"condition","if":{"attribute":"x","op":"exists"}},
	  {"type":"email","templateId":"e"}
	]}`)
	var got []string
	d.Walk(func(path string, s *definition.Step) {
		got = append(got, fmt.Sprintf("%s %s%s", path, s.Type, s.TemplateID))
	})
	want := []string{
		"steps[0] emaila",
		"steps[1] condition",
		"steps[1].then[0] delay",
		"steps[1].then[1] condition",
		"steps[1].then[1].then[0] emailb",
		"steps[1].then[1].else[0] emailc",
		"steps[1].else[0] emaild",
		"steps[2] condition",
		"steps[3] emaile",
	}
	if !slices.Equal(got, want) {
		t.Errorf("walk order:\n got %q\nwant %q", got, want)
	}
}

// Walk hands out the steps themselves, so a caller can rewrite them in place.
func TestWalkStepsAreTheDefinitions(t *testing.T) {
	t.Parallel()
	d := mustParse(t, `{"steps":[{"type":"condition","if":{"attribute":"x","op":"exists"},"else":[{"type":"email","templateId":"a"}]}]}`)
	d.Walk(func(_ string, s *definition.Step) {
		if s.Type == definition.StepEmail {
			s.TemplateID = "renamed"
		}
	})
	if got := d.Steps[0].Else[0].TemplateID; got != "renamed" {
		t.Errorf("template id after the walk = %q, want %q", got, "renamed")
	}
}

func TestTemplateRefs(t *testing.T) {
	t.Parallel()
	d := mustParse(t, `{"steps":[
	  {"type":"email","templateId":"tmpl_a"},
	  {"type":"delay","duration":"1d"},
	  {"type":"condition","if":{"attribute":"x","op":"exists"},
	   "then":[{"type":"email","templateId":"tmpl_b","delay":"1h"}],
	   "else":[{"type":"email","templateId":"tmpl_a"}]}
	]}`)
	want := []definition.TemplateRef{
		{Path: "steps[0].templateId", TemplateID: "tmpl_a"},
		{Path: "steps[2].then[0].templateId", TemplateID: "tmpl_b"},
		{Path: "steps[2].else[0].templateId", TemplateID: "tmpl_a"},
	}
	if got := d.TemplateRefs(); !slices.Equal(got, want) {
		t.Errorf("TemplateRefs = %v, want %v", got, want)
	}
}
