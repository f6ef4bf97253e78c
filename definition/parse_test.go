package definition_test

import (
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestParseContractExample(t *testing.T) {
	t.Parallel()
	d := mustParse(t, readTestdata(t, "contract_example.json"))

	if len(d.Steps) != 3 {
		t.Fatalf("got %d steps, want 3", len(d.Steps))
	}
	email, wait, cond := d.Steps[0], d.Steps[1], d.Steps[2]
	if email.Type != definition.StepEmail || email.TemplateID != "tmpl_welcome" || email.Delay != "0d" {
		t.Errorf("steps[0] = %+v, want email tmpl_welcome delay 0d", email)
	}
	if wait.Type != definition.StepDelay || wait.Duration != "2d" {
		t.Errorf("steps[1] = %+v, want delay 2d", wait)
	}
	if cond.Type != definition.StepCondition || cond.If == nil {
		t.Fatalf("steps[2] = %+v, want a condition with a rule", cond)
	}
	if cond.If.Kind() != definition.RuleAll || len(cond.If.All) != 2 {
		t.Fatalf("steps[2].if = %+v, want all of two rules", cond.If)
	}
	plan, purchased := cond.If.All[0], cond.If.All[1]
	if plan.Kind() != definition.RuleAttribute || plan.Attribute != "plan" || plan.Op != definition.OpEq || string(plan.Value) != `"pro"` {
		t.Errorf("steps[2].if.all[0] = %+v, want plan eq \"pro\"", plan)
	}
	if purchased.Kind() != definition.RuleEvent || purchased.Event != "purchased" || purchased.Op != definition.OpNotPerformed || purchased.Within != "7d" {
		t.Errorf("steps[2].if.all[1] = %+v, want purchased not_performed within 7d", purchased)
	}
	if len(cond.Then) != 1 || cond.Then[0].TemplateID != "tmpl_pro_tips" {
		t.Errorf("steps[2].then = %+v, want one email tmpl_pro_tips", cond.Then)
	}
	if cond.Else == nil || len(cond.Else) != 0 {
		t.Errorf("steps[2].else = %#v, want an empty, non-nil list", cond.Else)
	}
	if got, want := d.Canonical(), readTestdata(t, "contract_example.canonical.json"); got != want {
		t.Errorf("canonical form:\n got %s\nwant %s", got, want)
	}
}

func TestParseFillsDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		short string
		full  string
	}{
		{
			name:  "email delay omitted",
			short: `{"steps":[{"type":"email","templateId":"t"}]}`,
			full:  `{"steps":[{"type":"email","templateId":"t","delay":"0d"}]}`,
		},
		{
			name:  "email delay null",
			short: `{"steps":[{"type":"email","templateId":"t","delay":null}]}`,
			full:  `{"steps":[{"type":"email","templateId":"t","delay":"0d"}]}`,
		},
		{
			name:  "condition then and else omitted",
			short: `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"}}]}`,
			full:  `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[],"else":[]}]}`,
		},
		{
			name:  "condition then and else null",
			short: `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":null,"else":null}]}`,
			full:  `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[],"else":[]}]}`,
		},
		{
			name:  "event within null",
			short: `{"steps":[{"type":"condition","if":{"event":"e","op":"performed","within":null},"then":[],"else":[]}]}`,
			full:  `{"steps":[{"type":"condition","if":{"event":"e","op":"performed"},"then":[],"else":[]}]}`,
		},
		{
			name:  "defaults inside nested branches",
			short: `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"else":[{"type":"condition","if":{"not":{"attribute":"b","op":"exists"}},"then":[{"type":"email","templateId":"t"}]}]}]}`,
			full:  `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[],"else":[{"type":"condition","if":{"not":{"attribute":"b","op":"exists"}},"then":[{"type":"email","templateId":"t","delay":"0d"}],"else":[]}]}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			short := mustParse(t, tt.short)
			if got := short.Canonical(); got != tt.full {
				t.Errorf("canonical form of the short document:\n got %s\nwant %s", got, tt.full)
			}
			if got, want := short.Canonical(), mustParse(t, tt.full).Canonical(); got != want {
				t.Errorf("short and full documents differ:\n%s\n%s", got, want)
			}
			short.Walk(func(path string, s *definition.Step) {
				switch s.Type {
				case definition.StepEmail:
					if s.Delay != definition.DefaultEmailDelay {
						t.Errorf("%s: delay %q, want the default %q", path, s.Delay, definition.DefaultEmailDelay)
					}
				case definition.StepDelay: // no default
				case definition.StepCondition:
					if s.Then == nil || s.Else == nil {
						t.Errorf("%s: then %#v, else %#v; want empty, non-nil lists", path, s.Then, s.Else)
					}
				}
			})
		})
	}
}

// TestParseReportsEveryProblemAtOnce puts four unrelated mistakes in one document: all four
// come back, in document order, each at its exact path.
func TestParseReportsEveryProblemAtOnce(t *testing.T) {
	t.Parallel()
	doc := `{"steps": [
	  {"type": "condition", "if": {"attribute": "plan", "op": "exists"},
	   "then": [{"type": "email", "templateId": "a"}, {"type": "delay", "duration": "2 days"}]},
	  {"type": "emial", "templateId": "b"},
	  {"type": "email"},
	  {"type": "condition",
	   "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
	                  {"attribute": "plan", "op": "equals", "value": "pro"}]}}
	]}`
	checkProblems(t, doc, []wantProblem{
		{"steps[0].then[1].duration", []string{`"2 days" is not a duration`}},
		{"steps[1].type", []string{`unknown step type "emial"`, `did you mean "email"?`}},
		{"steps[2].templateId", []string{"is required"}},
		{"steps[3].if.all[1].op", []string{`unknown attribute operator "equals"`, `"eq"`}},
	})
}

func TestParseProblems(t *testing.T) {
	t.Parallel()
	email := func(fields string) string { return `{"steps":[{"type":"email",` + fields + `}]}` }
	delay := func(d string) string { return `{"steps":[{"type":"delay","duration":` + d + `}]}` }
	tests := []struct {
		name string
		doc  string
		want []wantProblem
	}{
		// Step types.
		{"misspelt step type", `{"steps":[{"type":"emial","templateId":"a"}]}`,
			[]wantProblem{{"steps[0].type", []string{`unknown step type "emial"`, `"email", "delay", "condition"`, `did you mean "email"?`}}}},
		{"unknown step type far from any", `{"steps":[{"type":"sms"}]}`,
			[]wantProblem{{"steps[0].type", []string{`unknown step type "sms"`}}}},
		{"step type missing", `{"steps":[{"templateId":"a"}]}`,
			[]wantProblem{{"steps[0].type", []string{"is required"}}}},
		{"step type empty", `{"steps":[{"type":""}]}`,
			[]wantProblem{{"steps[0].type", []string{"must not be empty"}}}},

		// Unknown fields.
		{"unknown top-level field", `{"steps":[{"type":"delay","duration":"1d"}],"name":"x"}`,
			[]wantProblem{{"name", []string{`unknown field "name"`, `"steps"`}}}},
		{"unknown email field with a suggestion", email(`"template":"a"`),
			[]wantProblem{
				{"steps[0].template", []string{`unknown field "template"`, `did you mean "templateId"?`}},
				{"steps[0].templateId", []string{"is required"}},
			}},
		{"field of another step type", `{"steps":[{"type":"delay","duration":"1d","templateId":"a"}]}`,
			[]wantProblem{{"steps[0].templateId", []string{`unknown field "templateId"`, `"type", "duration"`}}}},
		{"unknown fields sorted", `{"steps":[{"type":"delay","duration":"1d","zz":1,"aa":2}]}`,
			[]wantProblem{{"steps[0].aa", nil}, {"steps[0].zz", nil}}},
		{"unknown field in an attribute rule", condition(`{"attribute":"a","op":"eq","value":1,"within":"1d"}`),
			[]wantProblem{{"steps[0].if.within", []string{`unknown field "within"`}}}},
		{"unknown field in an event rule", condition(`{"event":"e","op":"performed","value":1}`),
			[]wantProblem{{"steps[0].if.value", []string{`unknown field "value"`}}}},
		{"unknown field beside all", condition(`{"all":[{"attribute":"a","op":"exists"}],"op":"eq"}`),
			[]wantProblem{{"steps[0].if.op", []string{`unknown field "op"`}}}},

		// Missing fields.
		{"steps missing", `{}`, []wantProblem{{"steps", []string{"is required"}}}},
		{"template id missing", email(`"delay":"1d"`), []wantProblem{{"steps[0].templateId", []string{"is required"}}}},
		{"duration missing", `{"steps":[{"type":"delay"}]}`, []wantProblem{{"steps[0].duration", []string{"is required"}}}},
		{"if missing", `{"steps":[{"type":"condition","then":[]}]}`, []wantProblem{{"steps[0].if", []string{"is required"}}}},
		{"op missing", condition(`{"attribute":"a","value":1}`), []wantProblem{{"steps[0].if.op", []string{"is required"}}}},
		{"value missing", condition(`{"attribute":"a","op":"eq"}`), []wantProblem{{"steps[0].if.value", []string{`is required for "eq"`}}}},
		{"attribute name empty", condition(`{"attribute":"","op":"exists"}`), []wantProblem{{"steps[0].if.attribute", []string{"must not be empty"}}}},
		{"event op missing", condition(`{"event":"e"}`), []wantProblem{{"steps[0].if.op", []string{"is required"}}}},

		// Wrong JSON types.
		{"definition is a list", `[]`, []wantProblem{{"", []string{"must be a JSON object", "not a list"}}}},
		{"definition is a string", `"steps"`, []wantProblem{{"", []string{"must be a JSON object"}}}},
		{"steps is an object", `{"steps":{}}`, []wantProblem{{"steps", []string{"must be a list of steps", "not an object"}}}},
		{"step is a string", `{"steps":["email"]}`, []wantProblem{{"steps[0]", []string{"must be an object", `not the string "email"`}}}},
		{"type is a number", `{"steps":[{"type":1}]}`, []wantProblem{{"steps[0].type", []string{"must be a string", "not the number 1"}}}},
		{"template id is a boolean", email(`"templateId":true`), []wantProblem{{"steps[0].templateId", []string{"must be a string", "not a boolean"}}}},
		{"delay is a number", email(`"templateId":"a","delay":2`), []wantProblem{{"steps[0].delay", []string{"must be a duration string", "not the number 2"}}}},
		{"duration is null", delay(`null`), []wantProblem{{"steps[0].duration", []string{"must be a duration string", "not null"}}}},
		{"then is an object", `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":{}}]}`,
			[]wantProblem{{"steps[0].then", []string{"must be a list of steps"}}}},
		{"if is a string", `{"steps":[{"type":"condition","if":"plan == pro"}]}`,
			[]wantProblem{{"steps[0].if", []string{"a rule must be an object"}}}},
		{"all is an object", condition(`{"all":{}}`), []wantProblem{{"steps[0].if.all", []string{"must be a list of rules"}}}},
		{"rule in a list is a number", condition(`{"any":[{"attribute":"a","op":"exists"},3]}`),
			[]wantProblem{{"steps[0].if.any[1]", []string{"a rule must be an object", "not the number 3"}}}},
		{"op is a number", condition(`{"attribute":"a","op":1,"value":1}`), []wantProblem{{"steps[0].if.op", []string{"must be a string"}}}},
		{"event name is a list", condition(`{"event":[],"op":"performed"}`), []wantProblem{{"steps[0].if.event", []string{"must be a string", "not a list"}}}},
		{"within is a number", condition(`{"event":"e","op":"performed","within":7}`), []wantProblem{{"steps[0].if.within", []string{"must be a duration string"}}}},

		// Durations.
		{"duration with words", delay(`"2 days"`), []wantProblem{{"steps[0].duration", []string{`"2 days" is not a duration`, `"30m"`}}}},
		{"duration in years", delay(`"1y"`), []wantProblem{{"steps[0].duration", []string{`"1y" is not a duration`}}}},
		{"negative duration", delay(`"-1d"`), []wantProblem{{"steps[0].duration", []string{`"-1d" is not a duration`}}}},
		{"empty duration", delay(`""`), []wantProblem{{"steps[0].duration", []string{`"" is not a duration`}}}},
		{"duration too long", delay(`"99999999w"`), []wantProblem{{"steps[0].duration", []string{`"99999999w" is too long`, "3650d"}}}},
		{"bad email delay", email(`"templateId":"a","delay":"1.5h"`), []wantProblem{{"steps[0].delay", []string{`"1.5h" is not a duration`}}}},
		{"bad within", condition(`{"event":"e","op":"performed","within":"7 days"}`), []wantProblem{{"steps[0].if.within", []string{`"7 days" is not a duration`}}}},

		// Step lists.
		{"no steps", `{"steps":[]}`, []wantProblem{{"steps", []string{"at least one step"}}}},
		{"steps null", `{"steps":null}`, []wantProblem{{"steps", []string{"at least one step"}}}},
		{"empty step object", `{"steps":[{}]}`, []wantProblem{{"steps[0].type", []string{"is required"}}}},

		// Rules.
		{"rule with two forms", condition(`{"attribute":"a","op":"exists","event":"e"}`),
			[]wantProblem{{"steps[0].if", []string{"exactly one form", `"attribute" and "event"`}}}},
		{"rule with all and any", condition(`{"all":[],"any":[]}`),
			[]wantProblem{{"steps[0].if", []string{"exactly one form", `"all" and "any"`}}}},
		{"rule with no form", condition(`{"op":"eq"}`), []wantProblem{{"steps[0].if", []string{"needs one of the keys"}}}},
		{"empty all", condition(`{"all":[]}`), []wantProblem{{"steps[0].if.all", []string{"at least one rule"}}}},
		{"empty any", condition(`{"not":{"any":[]}}`), []wantProblem{{"steps[0].if.not.any", []string{"at least one rule"}}}},
		{"exists with a value", condition(`{"attribute":"a","op":"exists","value":true}`),
			[]wantProblem{{"steps[0].if.value", []string{`"exists" takes no value`}}}},
		{"misspelt attribute op", condition(`{"attribute":"a","op":"exist"}`),
			[]wantProblem{{"steps[0].if.op", []string{`unknown attribute operator "exist"`, `did you mean "exists"?`}}}},
		{"event op on an attribute", condition(`{"attribute":"a","op":"performed","value":1}`),
			[]wantProblem{{"steps[0].if.op", []string{`unknown attribute operator "performed"`}}}},
		{"misspelt event op", condition(`{"event":"e","op":"perfomed"}`),
			[]wantProblem{{"steps[0].if.op", []string{`unknown event operator "perfomed"`, `did you mean "performed"?`}}}},
		{"gt with a boolean", condition(`{"attribute":"a","op":"gt","value":true}`),
			[]wantProblem{{"steps[0].if.value", []string{`"gt" compares numbers or strings`, "not a boolean"}}}},
		{"gte with null", condition(`{"attribute":"a","op":"gte","value":null}`),
			[]wantProblem{{"steps[0].if.value", []string{`"gte" compares numbers or strings`, "not null"}}}},
		{"lt with a list", condition(`{"attribute":"a","op":"lt","value":[1]}`),
			[]wantProblem{{"steps[0].if.value", []string{`"lt" compares numbers or strings`, "not a list"}}}},
		{"lte with an object", condition(`{"attribute":"a","op":"lte","value":{"n":1}}`),
			[]wantProblem{{"steps[0].if.value", []string{`"lte" compares numbers or strings`, "not an object"}}}},
		{"problem deep in nested rules", condition(`{"any":[{"attribute":"a","op":"exists"},{"not":{"all":[{"event":"e","op":"performed"},{"event":"f","op":"done"}]}}]}`),
			[]wantProblem{{"steps[0].if.any[1].not.all[1].op", []string{`unknown event operator "done"`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkProblems(t, tt.doc, tt.want)
		})
	}
}

func TestParseAcceptsEveryOperator(t *testing.T) {
	t.Parallel()
	for _, op := range definition.AttributeOps {
		rule := `{"attribute":"a","op":"` + op + `","value":1}`
		if op == definition.OpExists {
			rule = `{"attribute":"a","op":"exists"}`
		}
		if r := ruleOf(t, rule); r.Op != op {
			t.Errorf("op %q parsed as %q", op, r.Op)
		}
	}
	for _, op := range definition.EventOps {
		if r := ruleOf(t, `{"event":"e","op":"`+op+`"}`); r.Op != op {
			t.Errorf("op %q parsed as %q", op, r.Op)
		}
	}
	// Comparisons accept strings as well as numbers; eq, ne and contains take any JSON.
	for _, rule := range []string{
		`{"attribute":"a","op":"gt","value":"b"}`,
		`{"attribute":"a","op":"eq","value":{"x":[1,null,true]}}`,
		`{"attribute":"a","op":"ne","value":null}`,
		`{"attribute":"a","op":"contains","value":[1]}`,
	} {
		ruleOf(t, rule)
	}
}

func TestParseNotJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"bad value", `{"steps": x}`, []string{"invalid character 'x'", "line 1, column 11"}},
		{"bad value on a later line", "{\n  \"steps\": [,]}", []string{"invalid character ','", "line 2, column 13"}},
		{"missing comma", "{\"steps\": [\n{\"type\": \"delay\"\n \"duration\": \"1d\"}]}", []string{"invalid character '\"' after object key:value pair", "line 3, column 2"}},
		{"single quotes", `{'steps': []}`, []string{"invalid character '\\''", "line 1, column 2"}},
		{"truncated", `{"steps": [`, []string{"ends too early"}},
		{"empty", ``, []string{"ends too early"}},
		{"stray closing brace", `{"steps":[{"type":"delay","duration":"1d"}]}}`, []string{"unexpected content after the top-level object", "line 1, column 45"}},
		{"stray closing bracket", `{"steps":[{"type":"delay","duration":"1d"}]}]`, []string{"unexpected content after the top-level object", "line 1, column 45"}},
		{"second object", "{\"steps\":[{\"type\":\"delay\",\"duration\":\"1d\"}]}\n\n  {}", []string{"unexpected content after the top-level object", "line 3, column 3"}},
		{"trailing word", `{"steps":[{"type":"delay","duration":"1d"}]} x`, []string{"unexpected content after the top-level object", "line 1, column 46"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, tt.doc)
			if len(got) != 1 || got[0].Path != "" {
				t.Fatalf("got problems %s, want one without a path", problemList(got))
			}
			if !strings.HasPrefix(got[0].Message, "not valid JSON: ") {
				t.Errorf("message %q does not start with \"not valid JSON: \"", got[0].Message)
			}
			for _, s := range tt.want {
				if !strings.Contains(got[0].Message, s) {
					t.Errorf("message %q does not contain %q", got[0].Message, s)
				}
			}
		})
	}
}

func TestParseTrailingWhitespaceIsFine(t *testing.T) {
	t.Parallel()
	mustParse(t, " \n\t{\"steps\":[{\"type\":\"delay\",\"duration\":\"1d\"}]}\r\n\t ")
}

func TestParseSizeLimit(t *testing.T) {
	t.Parallel()
	doc := `{"steps":[{"type":"delay","duration":"1d"}]}`
	atLimit := doc + strings.Repeat(" ", definition.MaxBytes-len(doc))
	mustParse(t, atLimit)

	got := problemsOf(t, atLimit+" ")
	if len(got) != 1 || got[0].Path != "" || !strings.Contains(got[0].Message, "262145 bytes; at most 262144 bytes") {
		t.Errorf("over the size limit: got %s", problemList(got))
	}
}

// nestedConditions is n conditions, each the only step of the previous one's "then".
func nestedConditions(n int) string {
	inner := `{"type":"email","templateId":"deep"}`
	for range n {
		inner = `{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[` + inner + `]}`
	}
	return `{"steps":[` + inner + `]}`
}

// nestedRules is n rules of the given form, each wrapping the next, around one comparison.
func nestedRules(form string, n int) string {
	rule := `{"attribute":"a","op":"exists"}`
	for range n {
		if form == "not" {
			rule = `{"not":` + rule + `}`
		} else {
			rule = `{"` + form + `":[` + rule + `]}`
		}
	}
	return condition(rule)
}

func TestParseDepthLimit(t *testing.T) {
	t.Parallel()
	t.Run("32 nested conditions", func(t *testing.T) {
		d := mustParse(t, nestedConditions(definition.MaxDepth))
		var deepest string
		d.Walk(func(path string, s *definition.Step) {
			if s.TemplateID == "deep" {
				deepest = path
			}
		})
		if want := "steps[0]" + strings.Repeat(".then[0]", 32); deepest != want {
			t.Errorf("innermost email at %q, want %q", deepest, want)
		}
	})
	t.Run("33 nested conditions", func(t *testing.T) {
		checkProblems(t, nestedConditions(definition.MaxDepth+1), []wantProblem{
			{"steps[0]" + strings.Repeat(".then[0]", 32), []string{"nested 33 deep", "at most 32"}},
		})
	})
	// A rule's depth counts every rule object on the way down, the innermost comparison
	// included: 31 wrappers around it make 32 levels.
	for _, form := range []string{"not", "all", "any"} {
		t.Run("32 levels of "+form, func(t *testing.T) {
			mustParse(t, nestedRules(form, definition.MaxDepth-1))
		})
		t.Run("33 nested "+form, func(t *testing.T) {
			step := "." + form
			if form != "not" {
				step += "[0]"
			}
			checkProblems(t, nestedRules(form, definition.MaxDepth+1), []wantProblem{
				{"steps[0].if" + strings.Repeat(step, 32), []string{"rules are nested 33 deep", "at most 32"}},
			})
		})
	}
}

func TestParseStepLimit(t *testing.T) {
	t.Parallel()
	steps := func(top, nested int) string {
		var parts []string
		for range top {
			parts = append(parts, `{"type":"delay","duration":"1h"}`)
		}
		if nested > 0 {
			inner := strings.Repeat(`{"type":"email","templateId":"a"},`, nested)
			parts = append(parts, `{"type":"condition","if":{"attribute":"a","op":"exists"},"else":[`+strings.TrimSuffix(inner, ",")+`]}`)
		}
		return `{"steps":[` + strings.Join(parts, ",") + `]}`
	}
	if d := mustParse(t, steps(definition.MaxSteps, 0)); len(d.Steps) != definition.MaxSteps {
		t.Errorf("got %d steps, want %d", len(d.Steps), definition.MaxSteps)
	}
	mustParse(t, steps(500, 499)) // 500 + the condition + 499 = 1000
	checkProblems(t, steps(definition.MaxSteps+1, 0), []wantProblem{
		{"steps", []string{"1001 steps; at most 1000"}},
	})
	// Nested steps count too.
	checkProblems(t, steps(500, 500), []wantProblem{
		{"steps", []string{"1001 steps; at most 1000"}},
	})
}

func TestValidationErrorText(t *testing.T) {
	t.Parallel()
	_, err := definition.ParseString(`{"steps":[{"type":"email"},{"type":"delay"}]}`)
	if err == nil {
		t.Fatal("want an error")
	}
	want := "invalid definition: steps[0].templateId: is required: a template id such as \"tmpl_welcome\"; steps[1].duration: is required: a duration such as \"2d\""
	if err.Error() != want {
		t.Errorf("error text:\n got %s\nwant %s", err.Error(), want)
	}
	if got := (definition.Problem{Message: "m"}).String(); got != "m" {
		t.Errorf("a problem without a path reads %q, want %q", got, "m")
	}
}
