package dsl

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
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
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	_, err := DecompileJSON([]byte(`{"steps":[{"type":"emial"}]}`))
	if err == nil || !strings.Contains(err.Error(), `steps[0].type: unknown step type "emial"`) {
		t.Errorf("want the definition's problem with its path, got %v", err)
	}
}

// TestDecompileBreaksLongRules checks that a rule too long for one line is broken at its &&
// and ||, one operand per line, that the text compiles to the same definition and that
// formatting leaves it as it is.
func TestDecompileBreaksLongRules(t *testing.T) {
	t.Parallel()
	attr := func(name, value string) string {
		return `{"attribute":"` + name + `","op":"eq","value":"` + value + `"}`
	}
	long := strings.Repeat("x", 60)
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{
			name: "a chain broken, a short group inside kept",
			doc: `{"steps":[{"type":"condition","if":{"all":[` + attr("plan", "pro") + `,{"event":"purchased","op":"not_performed","within":"7d"},` +
				`{"any":[` + attr("country", "DE") + `,` + attr("country", "AT") + `]},` + attr("company_name", "Example Corporation") + `]}}]}`,
			want: `condition {
  when = (
    contact.plan == "pro" &&
    !performed("purchased", "7d") &&
    (contact.country == "DE" || contact.country == "AT") &&
    contact.company_name == "Example Corporation"
  )
}
`,
		},
		{
			name: "a long group inside broken too",
			doc: `{"steps":[{"type":"condition","if":{"any":[{"all":[` + attr("a", long) + `,` + attr("b", long) + `]},` +
				`{"not":{"all":[` + attr("c", long) + `,` + attr("d", long) + `]}}]}}]}`,
			want: `condition {
  when = (
    (
      contact.a == "` + long + `" &&
      contact.b == "` + long + `"
    ) ||
    !(
      contact.c == "` + long + `" &&
      contact.d == "` + long + `"
    )
  )
}
`,
		},
		{
			name: "a negated chain in a branch",
			doc: `{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[{"type":"condition","if":` +
				`{"not":{"any":[` + attr("a", long) + `,` + attr("b", long) + `]}}}]}]}`,
			want: `condition {
  when = exists(contact.a)

  then {
    condition {
      when = !(
        contact.a == "` + long + `" ||
        contact.b == "` + long + `"
      )
    }
  }
}
`,
		},
		{
			name: "one long comparison has nothing to break at",
			doc:  `{"steps":[{"type":"condition","if":` + attr("a", long+long) + `}]}`,
			want: "condition {\n  when = contact.a == \"" + long + long + "\"\n}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def, err := definition.ParseString(tt.doc)
			if err != nil {
				t.Fatal(err)
			}
			got := Decompile(def)
			if string(got) != tt.want {
				t.Errorf("decompiled to\n%s\nwant\n%s", got, tt.want)
			}
			checkRoundTrip(t, def)
			once, _ := Format(got, "wrapped.kraiter.hcl")
			twice, _ := Format(once, "wrapped.kraiter.hcl")
			if string(twice) != string(got) {
				t.Errorf("formatting changed the text:\n%s", twice)
			}
		})
	}
}

// TestDecompileLineWidth checks the lines of decompiled examples: one longer than
// maxLineWidth holds a single comparison, with no && or || it could have been broken at.
func TestDecompileLineWidth(t *testing.T) {
	t.Parallel()
	cases := roundTripCases()
	docs := map[string]string{"long all chain": cases["long all chain"], "long nested chains": cases["long nested chains"]}
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		docs[file] = string(data)
	}
	for name, doc := range docs {
		def, err := definition.ParseString(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, line := range strings.Split(string(Decompile(def)), "\n") {
			if width(line) > maxLineWidth && (strings.Contains(line, " && ") || strings.Contains(line, " || ")) {
				t.Errorf("%s: a line of %d characters that could be broken: %s", name, width(line), line)
			}
		}
	}
}
