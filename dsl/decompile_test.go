package dsl

import (
	"strings"
	"testing"
)

const contractJSON = `{"steps": [
  {"type": "email", "templateId": "tmpl_welcome", "delay": "0d"},
  {"type": "delay", "duration": "2d"},
  {"type": "email", "templateId": "tmpl_getting_started_en", "delay": "1h"},
  {"type": "condition",
   "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                  {"event": "purchased", "op": "not_performed", "within": "7d"}]},
   "then": [{"type": "email", "templateId": "tmpl_pro_tips", "delay": "0d"}],
   "else": []}
]}`

const contractDSL = `email {
  template = "tmpl_welcome"
}

delay {
  duration = "2d"
}

email {
  template = "tmpl_getting_started_en"
  delay    = "1h"
}

condition {
  when = contact.plan == "pro" && !performed("purchased", "7d")

  then {
    email {
      template = "tmpl_pro_tips"
    }
  }
}
`

func TestDecompile(t *testing.T) {
	got, err := DecompileJSON([]byte(contractJSON))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != contractDSL {
		t.Errorf("decompiled to\n%s\nwant\n%s", got, contractDSL)
	}
}

// TestDecompileRules pins the canonical text of each rule form.
func TestDecompileRules(t *testing.T) {
	for _, tc := range []struct{ rule, want string }{
		{`{"attribute":"plan","op":"eq","value":"pro"}`, `contact.plan == "pro"`},
		{`{"attribute":"age","op":"gte","value":18}`, `contact.age >= 18`},
		{`{"attribute":"first name","op":"ne","value":null}`, `contact["first name"] != null`},
		{`{"attribute":"tags","op":"contains","value":"beta"}`, `contains(contact.tags, "beta")`},
		{`{"attribute":"company","op":"exists"}`, `exists(contact.company)`},
		{`{"attribute":"o","op":"eq","value":{"b":[1,2.5],"a":true}}`, `contact.o == { "a" = true, "b" = [1, 2.5] }`},
		{`{"attribute":"n","op":"lt","value":-1e999999999999}`, `contact.n < number("-1e+999999999999")`},
		{`{"event":"purchased","op":"performed"}`, `performed("purchased")`},
		{`{"event":"purchased","op":"not_performed","within":"7d"}`, `!performed("purchased", "7d")`},
		{`{"not":{"event":"purchased","op":"performed"}}`, `!(performed("purchased"))`},
		{`{"not":{"attribute":"a","op":"exists"}}`, `!exists(contact.a)`},
		{`{"all":[{"attribute":"a","op":"exists"}]}`, `all(exists(contact.a))`},
		{`{"any":[{"attribute":"a","op":"exists"},{"attribute":"b","op":"exists"}]}`, `exists(contact.a) || exists(contact.b)`},
		{`{"all":[{"all":[{"attribute":"a","op":"exists"},{"attribute":"b","op":"exists"}]},{"attribute":"c","op":"exists"}]}`, `(exists(contact.a) && exists(contact.b)) && exists(contact.c)`},
		{`{"any":[{"all":[{"attribute":"a","op":"exists"},{"attribute":"b","op":"exists"}]},{"attribute":"c","op":"exists"}]}`, `(exists(contact.a) && exists(contact.b)) || exists(contact.c)`},
		{`{"event":"${x}","op":"performed"}`, `performed("$${x}")`},
	} {
		got, err := DecompileJSON([]byte(`{"steps":[{"type":"condition","if":` + tc.rule + `}]}`))
		if err != nil {
			t.Fatal(err)
		}
		want := "condition {\n  when = " + tc.want + "\n}\n"
		if string(got) != want {
			t.Errorf("%s decompiled to\n%s\nwant\n%s", tc.rule, got, want)
		}
	}
}

func TestDecompileJSONInvalid(t *testing.T) {
	_, err := DecompileJSON([]byte(`{"steps":[{"type":"emial"}]}`))
	if err == nil || !strings.Contains(err.Error(), `steps[0].type: unknown step type "emial"`) {
		t.Errorf("want the definition's problem with its path, got %v", err)
	}
}
