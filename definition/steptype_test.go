package definition_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestStepTable(t *testing.T) {
	t.Parallel()
	type field struct {
		name     string
		kind     definition.FieldKind
		required bool
		def      string
	}
	want := map[definition.StepType][]field{
		definition.StepEmail: {
			{"templateId", definition.FieldTemplateID, true, ""},
			{"delay", definition.FieldDuration, false, definition.DefaultEmailDelay},
		},
		definition.StepDelay: {{"duration", definition.FieldDuration, true, ""}},
		definition.StepCondition: {
			{"if", definition.FieldRule, true, ""},
			{"then", definition.FieldSteps, false, ""},
			{"else", definition.FieldSteps, false, ""},
		},
	}
	if got := definition.StepTypes(); !slices.Equal(got, []definition.StepType{definition.StepEmail, definition.StepDelay, definition.StepCondition}) {
		t.Errorf("StepTypes() = %v, want email, delay, condition in documentation order", got)
	}
	for typ, fields := range want {
		if !typ.Known() || typ.Doc() == "" {
			t.Errorf("%s: known %t, doc %q", typ, typ.Known(), typ.Doc())
		}
		var got []field
		for _, f := range typ.Fields() {
			got = append(got, field{f.Name, f.Kind, f.Required, f.Default})
			if f.Doc == "" || f.Example == "" {
				t.Errorf("%s.%s: doc %q, example %q", typ, f.Name, f.Doc, f.Example)
			}
		}
		if !slices.Equal(got, fields) {
			t.Errorf("%s fields:\n got %+v\nwant %+v", typ, got, fields)
		}
	}
}

func TestUnknownStepType(t *testing.T) {
	t.Parallel()
	sms := definition.StepType("sms")
	if sms.Known() || sms.Fields() != nil || sms.Doc() != "" {
		t.Errorf("an unknown type: known %t, fields %v, doc %q", sms.Known(), sms.Fields(), sms.Doc())
	}
	def := definition.Definition{Steps: []definition.Step{{Type: definition.StepDelay, Duration: "1d"}, {Type: sms}}}
	_, err := json.Marshal(def)
	var unknown *definition.UnknownStepTypeError
	if !errors.As(err, &unknown) || unknown.Type != sms || !strings.Contains(err.Error(), `unknown step type "sms"; expected one of "email", "delay", "condition"`) {
		t.Errorf("marshal: got %v, want an *UnknownStepTypeError for sms", err)
	}
	// Definitions from Parse have only known types, so the functions without an error panic.
	for name, call := range map[string]func(){
		"Canonical": func() { def.Canonical() },
		"Walk":      func() { def.Walk(func(string, *definition.Step) {}) },
		"Compile":   func() { definition.Compile(&def) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := fmt.Sprint(recover()); !strings.Contains(r, `unknown step type "sms"`) {
					t.Errorf("panic %q, want one naming the unknown step type", r)
				}
			}()
			call()
		})
	}
}

func TestFieldAccessors(t *testing.T) {
	t.Parallel()
	fields := definition.StepEmail.Fields()
	template, delay := &fields[0], &fields[1]
	var s definition.Step
	template.SetText(&s, "tmpl_a")
	if s.TemplateID != "tmpl_a" || template.Text(&s) != "tmpl_a" {
		t.Errorf("template id %q, read back %q", s.TemplateID, template.Text(&s))
	}
	if got := delay.Filled(&s); got != definition.DefaultEmailDelay {
		t.Errorf("an unset delay filled is %q, want the default", got)
	}
	delay.SetText(&s, "2h")
	if got := delay.Filled(&s); got != "2h" {
		t.Errorf("a set delay filled is %q, want 2h", got)
	}

	cond := definition.StepCondition.Fields()
	rule := &definition.Rule{Attribute: "a", Op: definition.OpExists}
	cond[0].SetRule(&s, rule)
	cond[2].SetSteps(&s, []definition.Step{{Type: definition.StepDelay}})
	if s.If != rule || cond[0].Rule(&s) != rule || len(s.Else) != 1 || len(cond[2].Steps(&s)) != 1 || s.Then != nil {
		t.Errorf("rule and step list accessors: %+v", s)
	}

	defer func() {
		if r := fmt.Sprint(recover()); !strings.Contains(r, `field "if" is a rule, not text`) {
			t.Errorf("panic %q, want one saying the field is not text", r)
		}
	}()
	cond[0].Text(&s)
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"emial", `; did you mean "email"?`},
		{"sms", ""},
	}
	for _, tt := range tests {
		if got := definition.DidYouMean(tt.in, []string{"email", "delay"}); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRuleMembers(t *testing.T) {
	t.Parallel()
	a := definition.Rule{Attribute: "a", Op: definition.OpExists}
	tests := []struct {
		rule definition.Rule
		want int
	}{
		{definition.Rule{All: []definition.Rule{a, a}}, 2},
		{definition.Rule{Any: []definition.Rule{a}}, 1},
		{definition.Rule{Not: &a}, 0},
		{a, 0},
		{definition.Rule{Event: "e", Op: definition.OpPerformed}, 0},
	}
	for _, tt := range tests {
		if got := tt.rule.Members(); len(got) != tt.want {
			t.Errorf("%s: %d members, want %d", tt.rule.Kind(), len(got), tt.want)
		}
	}
}
