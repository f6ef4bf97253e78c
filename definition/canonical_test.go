package definition_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// checkFixedPoint fails unless the canonical form parses back to itself.
func checkFixedPoint(t *testing.T, canonical string) {
	t.Helper()
	again, err := definition.Canonicalize([]byte(canonical))
	if err != nil {
		t.Fatalf("canonical form %s does not parse: %v", canonical, err)
	}
	if again != canonical {
		t.Errorf("canonical form is not a fixed point:\n once %s\ntwice %s", canonical, again)
	}
}

func TestEqualSameMeaning(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		a, b string
	}{
		{"whitespace",
			`{"steps":[{"type":"email","templateId":"t","delay":"1d"}]}`,
			"{ \"steps\" :\n\t[ {\"type\" : \"email\" ,\r\n \"templateId\":\"t\", \"delay\": \"1d\" } ] }\n"},
		{"key order in steps and rules",
			`{"steps":[{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"email","templateId":"t","delay":"1d"}],"else":[]}]}`,
			`{"steps":[{"else":[],"then":[{"delay":"1d","templateId":"t","type":"email"}],"if":{"value":"pro","op":"eq","attribute":"plan"},"type":"condition"}]}`},
		{"key order inside a value",
			condition(`{"attribute":"a","op":"eq","value":{"x":1,"y":{"p":true,"q":null}}}`),
			condition(`{"attribute":"a","op":"eq","value":{"y":{"q":null,"p":true},"x":1}}`)},
		{"omitted email delay",
			`{"steps":[{"type":"email","templateId":"t"}]}`,
			`{"steps":[{"type":"email","templateId":"t","delay":"0d"}]}`},
		{"omitted then and else",
			`{"steps":[{"type":"condition","if":{"event":"e","op":"performed"}}]}`,
			`{"steps":[{"type":"condition","if":{"event":"e","op":"performed"},"then":[],"else":[]}]}`},
		{"1 and 1.0", condition(`{"attribute":"a","op":"eq","value":1}`), condition(`{"attribute":"a","op":"eq","value":1.0}`)},
		{"1 and 1e0", condition(`{"attribute":"a","op":"eq","value":1}`), condition(`{"attribute":"a","op":"eq","value":1e0}`)},
		{"1 and 10E-1", condition(`{"attribute":"a","op":"gt","value":1}`), condition(`{"attribute":"a","op":"gt","value":10E-1}`)},
		{"0 and -0.0", condition(`{"attribute":"a","op":"eq","value":0}`), condition(`{"attribute":"a","op":"eq","value":-0.0}`)},
		{"numbers inside lists",
			condition(`{"attribute":"a","op":"contains","value":[1,2.50,3e2]}`),
			condition(`{"attribute":"a","op":"contains","value":[1.0,25e-1,300]}`)},
		{"big integer and its exponent form",
			condition(`{"attribute":"a","op":"eq","value":123456789012345678901234567890}`),
			condition(`{"attribute":"a","op":"eq","value":1.23456789012345678901234567890e29}`)},
		{"string escapes", condition(`{"attribute":"plan","op":"eq","value":"pro"}`), condition(`{"attribute":"pl\u0061n","op":"eq","value":"\u0070ro"}`)},
		{"duration leading zeros",
			`{"steps":[{"type":"delay","duration":"2d"},{"type":"email","templateId":"t","delay":"30m"}]}`,
			`{"steps":[{"type":"delay","duration":"02d"},{"type":"email","templateId":"t","delay":"0030m"}]}`},
		{"email delay of zero with leading zeros", `{"steps":[{"type":"email","templateId":"t"}]}`, `{"steps":[{"type":"email","templateId":"t","delay":"000d"}]}`},
		{"email delay of zero in another unit", `{"steps":[{"type":"email","templateId":"t"}]}`, `{"steps":[{"type":"email","templateId":"t","delay":"0m"}]}`},
		{"HTML characters stay as written", `{"steps":[{"type":"email","templateId":"a<b>&c"}]}`, `{"steps":[{"type":"email","templateId":"a\u003cb\u003e\u0026c"}]}`},
		{"within leading zeros", condition(`{"event":"e","op":"performed","within":"7d"}`), condition(`{"event":"e","op":"performed","within":"007d"}`)},
		{"contract example, compact and pretty", readTestdata(t, "contract_example.canonical.json"), readTestdata(t, "contract_example.json")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			equal, err := definition.Equal(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if !equal {
				t.Errorf("not equal:\n%s\n%s", mustParse(t, tt.a).Canonical(), mustParse(t, tt.b).Canonical())
			}
			checkFixedPoint(t, mustParse(t, tt.a).Canonical())
			checkFixedPoint(t, mustParse(t, tt.b).Canonical())
		})
	}
}

func TestEqualRealChanges(t *testing.T) {
	t.Parallel()
	value := func(v string) string { return condition(`{"attribute":"a","op":"eq","value":` + v + `}`) }
	tests := []struct {
		name string
		a, b string
	}{
		{"template id", `{"steps":[{"type":"email","templateId":"t"}]}`, `{"steps":[{"type":"email","templateId":"u"}]}`},
		{"email delay", `{"steps":[{"type":"email","templateId":"t"}]}`, `{"steps":[{"type":"email","templateId":"t","delay":"1d"}]}`},
		{"duration", `{"steps":[{"type":"delay","duration":"2d"}]}`, `{"steps":[{"type":"delay","duration":"3d"}]}`},
		{"step order",
			`{"steps":[{"type":"delay","duration":"2d"},{"type":"email","templateId":"t"}]}`,
			`{"steps":[{"type":"email","templateId":"t"},{"type":"delay","duration":"2d"}]}`},
		{"an extra step", `{"steps":[{"type":"delay","duration":"2d"}]}`, `{"steps":[{"type":"delay","duration":"2d"},{"type":"delay","duration":"2d"}]}`},
		{"op", condition(`{"attribute":"a","op":"eq","value":1}`), condition(`{"attribute":"a","op":"ne","value":1}`)},
		{"attribute name", condition(`{"attribute":"a","op":"exists"}`), condition(`{"attribute":"A","op":"exists"}`)},
		{"string case", value(`"pro"`), value(`"Pro"`)},
		{"number and string", value(`1`), value(`"1"`)},
		{"boolean and string", value(`true`), value(`"true"`)},
		{"null and the string null", value(`null`), value(`"null"`)},
		{"list order", value(`[1,2]`), value(`[2,1]`)},
		{"1 and a hair more than 1", value(`1`), value(`1.0000000000000000000000000001`)},
		{"big integers one apart", value(`123456789012345678901234567890`), value(`123456789012345678901234567891`)},
		{"2^64 and 2^64+1", value(`18446744073709551616`), value(`18446744073709551617`)},
		{"huge exponents", value(`1e400`), value(`1e401`)},
		{"tiny exponents", value(`1e-400`), value(`1e-401`)},
		{"sign", value(`1e-400`), value(`-1e-400`)},
		{"within added", condition(`{"event":"e","op":"performed"}`), condition(`{"event":"e","op":"performed","within":"7d"}`)},
		{"event op", condition(`{"event":"e","op":"performed"}`), condition(`{"event":"e","op":"not_performed"}`)},
		{"all and any", condition(`{"all":[{"attribute":"a","op":"exists"}]}`), condition(`{"any":[{"attribute":"a","op":"exists"}]}`)},
		{"not dropped", condition(`{"not":{"attribute":"a","op":"exists"}}`), condition(`{"attribute":"a","op":"exists"}`)},
		{"step moved from then to else",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[{"type":"email","templateId":"t"}]}]}`,
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"else":[{"type":"email","templateId":"t"}]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			equal, err := definition.Equal(tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if equal {
				t.Errorf("equal, want different:\n%s\n%s", tt.a, tt.b)
			}
		})
	}
}

func TestEqualReportsParseErrors(t *testing.T) {
	t.Parallel()
	valid := `{"steps":[{"type":"delay","duration":"1d"}]}`
	for _, pair := range [][2]string{{valid, `{"steps":[]}`}, {`not json`, valid}} {
		if _, err := definition.Equal(pair[0], pair[1]); err == nil {
			t.Errorf("Equal(%s, %s): want an error", pair[0], pair[1])
		}
	}
}

func TestCanonicalNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"-0", "0"},
		{"0.000", "0"},
		{"0e99", "0"},
		{"1", "1"},
		{"1.0", "1"},
		{"1e0", "1"},
		{"1E+0", "1"},
		{"100e-2", "1"},
		{"-42", "-42"},
		{"1.50", "1.5"},
		{"-2.5E-3", "-0.0025"},
		{"123.456e1", "1234.56"},
		{"0.1", "0.1"},
		{"1e-6", "0.000001"},
		{"1e-7", "1e-7"},
		{"12.5e-9", "1.25e-8"},
		{"1e21", "1000000000000000000000"},
		{"1e22", "1e+22"},
		{"9007199254740993", "9007199254740993"},
		{"18446744073709551617", "18446744073709551617"},
		{"123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890", "123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"},
		{"1.5e308", "1.5e+308"},
		{"1e309", "1e+309"},
		{"-1e-400", "-1e-400"},
		{"1e999999999", "1e+999999999"},
		{"0.10000000000000000000000000001", "0.10000000000000000000000000001"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			start := time.Now()
			r := ruleOf(t, `{"attribute":"a","op":"eq","value":`+tt.in+`}`)
			if elapsed := time.Since(start); elapsed > time.Second {
				t.Errorf("parsing %s took %v", tt.in, elapsed)
			}
			if string(r.Value) != tt.want {
				t.Errorf("value %s canonical %s, want %s", tt.in, r.Value, tt.want)
			}
			checkFixedPoint(t, mustParse(t, condition(`{"attribute":"a","op":"eq","value":`+tt.in+`}`)).Canonical())
		})
	}
}

func TestCanonicalIsFixedPoint(t *testing.T) {
	t.Parallel()
	docs := []string{
		readTestdata(t, "contract_example.json"),
		`{"steps":[{"type":"email","templateId":"t\u00e9\n<&>\u2028"}]}`,
		condition(`{"any":[{"not":{"attribute":"a","op":"contains","value":["x",{"b":[1.0,-0,2e50]}]}},{"event":"e","op":"not_performed","within":"0d"}]}`),
		nestedConditions(definition.MaxDepth),
		nestedRules("not", definition.MaxDepth-1),
		realisticDefinition(200),
	}
	for i, doc := range docs {
		c := mustParse(t, doc).Canonical()
		checkFixedPoint(t, c)
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(c)); err != nil {
			t.Errorf("doc %d: canonical form is not valid JSON (%v): %s", i, err, c)
		} else if compact.String() != c {
			t.Errorf("doc %d: canonical form has spaces:\n got %s\nwant %s", i, c, compact.String())
		}
	}
}

// The MarshalJSON methods write the same canonical form, so the types embed in other JSON.
func TestMarshalJSONMatchesCanonical(t *testing.T) {
	t.Parallel()
	d := mustParse(t, readTestdata(t, "contract_example.json"))
	got, err := json.Marshal(struct {
		D definition.Definition `json:"d"`
	}{*d})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"d":` + d.Canonical() + `}`; string(got) != want {
		t.Errorf("json.Marshal:\n got %s\nwant %s", got, want)
	}
	step, err := json.Marshal(d.Steps[2])
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"type":"condition","if":{"all":[{"attribute":"plan","op":"eq","value":"pro"},{"event":"purchased","op":"not_performed","within":"7d"}]},"then":[{"type":"email","templateId":"tmpl_pro_tips","delay":"0d"}],"else":[]}`; string(step) != want {
		t.Errorf("step JSON:\n got %s\nwant %s", step, want)
	}
	rule, err := json.Marshal(d.Steps[2].If.All[1])
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"event":"purchased","op":"not_performed","within":"7d"}`; string(rule) != want {
		t.Errorf("rule JSON: got %s, want %s", rule, want)
	}
}
