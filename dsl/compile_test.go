package dsl

import (
	"testing"
)

type compileCase struct {
	name string
	src  string
	vars map[string]string
	want string // canonical JSON
}

// when wraps a when expression in a condition block, and rule in the JSON it compiles to.
func when(name, expr, rule string) compileCase {
	return compileCase{name: name, src: "condition {\n  when = " + expr + "\n}\n", want: `{"steps":[{"type":"condition","if":` + rule + `,"then":[],"else":[]}]}`}
}

const (
	planPro  = `{"attribute":"plan","op":"eq","value":"pro"}`
	ageOver  = `{"attribute":"age","op":"gt","value":18}`
	bought   = `{"event":"purchased","op":"performed"}`
	emailT   = `{"type":"email","templateId":"t","delay":"0d"}`
	emailOne = `{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"}]}`
)

var compileCases = []compileCase{
	// Steps.
	{name: "email", src: `email { template = "tmpl_welcome" }`, want: emailOne},
	{name: "email with delay", src: "email {\n  template = \"t\"\n  delay = \"1h\"\n}", want: `{"steps":[{"type":"email","templateId":"t","delay":"1h"}]}`},
	{name: "email delay null is the default", src: "email {\n  template = \"t\"\n  delay = null\n}", want: `{"steps":[` + emailT + `]}`},
	{name: "delay", src: `delay { duration = "2d" }`, want: `{"steps":[{"type":"delay","duration":"2d"}]}`},
	{name: "durations are canonical", src: `delay { duration = "007w" }`, want: `{"steps":[{"type":"delay","duration":"7w"}]}`},
	{name: "steps in source order across block types", src: "delay { duration = \"1d\" }\nlocals { x = \"t\" }\nemail { template = local.x }\ndelay { duration = \"30m\" }",
		want: `{"steps":[{"type":"delay","duration":"1d"},` + emailT + `,{"type":"delay","duration":"30m"}]}`},
	{name: "condition with branches", src: "condition {\n  when = contact.plan == \"pro\"\n  then {\n    email { template = \"t\" }\n  }\n  else {\n    delay { duration = \"1d\" }\n    email { template = \"t\" }\n  }\n}",
		want: `{"steps":[{"type":"condition","if":` + planPro + `,"then":[` + emailT + `],"else":[{"type":"delay","duration":"1d"},` + emailT + `]}]}`},
	{name: "else before then", src: "condition {\n  else {\n    email { template = \"t\" }\n  }\n  when = contact.plan == \"pro\"\n  then {}\n}",
		want: `{"steps":[{"type":"condition","if":` + planPro + `,"then":[],"else":[` + emailT + `]}]}`},
	{name: "nested conditions", src: "condition {\n  when = contact.plan == \"pro\"\n  then {\n    condition {\n      when = performed(\"purchased\")\n      then {\n        email { template = \"t\" }\n      }\n    }\n  }\n}",
		want: `{"steps":[{"type":"condition","if":` + planPro + `,"then":[{"type":"condition","if":` + bought + `,"then":[` + emailT + `],"else":[]}],"else":[]}]}`},

	// String expressions.
	{name: "template string with var", src: `email { template = "tmpl_${var.locale}_welcome" }`, vars: map[string]string{"locale": "de"},
		want: `{"steps":[{"type":"email","templateId":"tmpl_de_welcome","delay":"0d"}]}`},
	{name: "locals use vars, functions and later locals", src: "locals {\n  id = \"${local.prefix}_${upper(var.x)}\"\n  prefix = lower(trimspace(\" TMPL \"))\n}\nemail { template = local.id }",
		vars: map[string]string{"x": "a"}, want: `{"steps":[{"type":"email","templateId":"tmpl_A","delay":"0d"}]}`},
	{name: "several locals blocks", src: "locals { a = \"tmpl\" }\nlocals { b = \"${local.a}_welcome\" }\nemail { template = local.b }", want: emailOne},
	{name: "string functions", src: `email { template = format("%s_%s", join("", ["tm", "pl"]), replace("welcome!", "!", "")) }`, want: emailOne},
	{name: "more string functions", src: `email { template = "${title("tmpl")}_${trimprefix("xwelcome", "x")}_${substr("abc", 1, 1)}_${strrev("ab")}" }`,
		want: `{"steps":[{"type":"email","templateId":"Tmpl_welcome_b_ba","delay":"0d"}]}`},
	{name: "length of a string, a list and an object", src: `email { template = "t${length("e\u0301té")}${length(["a", "b"])}${length({ a = 1 })}" }`,
		want: `{"steps":[{"type":"email","templateId":"t321","delay":"0d"}]}`},
	{name: "heredoc", src: "email {\n  template = <<-EOT\n    tmpl_welcome\n  EOT\n}", want: `{"steps":[{"type":"email","templateId":"tmpl_welcome\n","delay":"0d"}]}`},
	{name: "escapes in literals", src: `email { template = "a\"b\\c\n$${x}%%{y}\u00e9" }`, want: `{"steps":[{"type":"email","templateId":"a\"b\\c\n${x}%{y}é","delay":"0d"}]}`},
	{name: "literal text is kept byte for byte", src: "email { template = \"e\u0301\" }", want: "{\"steps\":[{\"type\":\"email\",\"templateId\":\"e\u0301\",\"delay\":\"0d\"}]}"},
	{name: "duration from a var", src: `delay { duration = "${var.days}d" }`, vars: map[string]string{"days": "3"}, want: `{"steps":[{"type":"delay","duration":"3d"}]}`},
	{name: "conditional expression", src: `email { template = var.vip == "yes" ? "tmpl_vip" : "tmpl_welcome" }`, vars: map[string]string{"vip": "no"}, want: emailOne},

	// Comparisons.
	when("eq", `contact.plan == "pro"`, planPro),
	when("ne", `contact.plan != "pro"`, `{"attribute":"plan","op":"ne","value":"pro"}`),
	when("gt", `contact.age > 18`, ageOver),
	when("gte", `contact.age >= 18`, `{"attribute":"age","op":"gte","value":18}`),
	when("lt", `contact.age < 18`, `{"attribute":"age","op":"lt","value":18}`),
	when("lte", `contact.age <= 18`, `{"attribute":"age","op":"lte","value":18}`),
	when("value on the left", `18 < contact.age`, ageOver),
	when("value on the left, lte", `18 >= contact.age`, `{"attribute":"age","op":"lte","value":18}`),
	when("string ordering", `contact.name < "m"`, `{"attribute":"name","op":"lt","value":"m"}`),
	when("parenthesised attribute", `(contact.age) > (18)`, ageOver),
	when("quoted attribute name", `contact["first name"] == "Ada"`, `{"attribute":"first name","op":"eq","value":"Ada"}`),
	when("attribute name from a local", "contact[local.attr] == 1\n}\nlocals {\n  attr = \"score\"", `{"attribute":"score","op":"eq","value":1}`),
	when("value from a local", "contact.plan == local.p\n}\nlocals {\n  p = \"pro\"", planPro),
	when("number from a var", "contact.age > tonumber(var.n)", `{"attribute":"age","op":"gt","value":5}`),
	when("bool from a var", "contact.vip == tobool(var.flag)", `{"attribute":"vip","op":"eq","value":true}`),
	when("computed number", "contact.age > 9 * 2", ageOver),

	// Values keep their JSON types.
	when("bool", `contact.vip == true`, `{"attribute":"vip","op":"eq","value":true}`),
	when("null", `contact.plan == null`, `{"attribute":"plan","op":"eq","value":null}`),
	when("negative number", `contact.balance < -12.5`, `{"attribute":"balance","op":"lt","value":-12.5}`),
	when("decimal stays exact", `contact.x == 0.1`, `{"attribute":"x","op":"eq","value":0.1}`),
	when("big integer stays exact", `contact.x == 123456789012345678901234567890`, `{"attribute":"x","op":"eq","value":123456789012345678901234567890}`),
	when("exponent", `contact.x == 1.5E3`, `{"attribute":"x","op":"eq","value":1500}`),
	when("leading zeros", `contact.x == 007`, `{"attribute":"x","op":"eq","value":7}`),
	when("exact number text", `contact.x == number("1e999999999999")`, `{"attribute":"x","op":"eq","value":1e+999999999999}`),
	when("list", `contact.tags == ["a", 1, true, null]`, `{"attribute":"tags","op":"eq","value":["a",1,true,null]}`),
	when("object", `contact.address == { city = "Oslo", "zip code" = 150, (local.k) = [] }`+"\n}\nlocals {\n  k = \"x\"",
		`{"attribute":"address","op":"eq","value":{"city":"Oslo","x":[],"zip code":150}}`),
	when("list from a function", `contact.tags == split(",", "a,b")`, `{"attribute":"tags","op":"eq","value":["a","b"]}`),

	// Rule forms.
	when("contains", `contains(contact.tags, "beta")`, `{"attribute":"tags","op":"contains","value":"beta"}`),
	when("exists", `exists(contact.company)`, `{"attribute":"company","op":"exists"}`),
	when("performed", `performed("purchased")`, bought),
	when("performed within", `performed("purchased", "7d")`, `{"event":"purchased","op":"performed","within":"7d"}`),
	when("not performed", `!performed("purchased", "7d")`, `{"event":"purchased","op":"not_performed","within":"7d"}`),
	when("not of performed", `!(performed("purchased"))`, `{"not":`+bought+`}`),
	when("not", `!exists(contact.company)`, `{"not":{"attribute":"company","op":"exists"}}`),
	when("not of a comparison", `!(contact.plan == "pro")`, `{"not":`+planPro+`}`),
	when("and", `contact.plan == "pro" && contact.age > 18`, `{"all":[`+planPro+`,`+ageOver+`]}`),
	when("and chain is flat", `contact.plan == "pro" && contact.age > 18 && performed("purchased")`, `{"all":[`+planPro+`,`+ageOver+`,`+bought+`]}`),
	when("parentheses nest", `(contact.plan == "pro" && contact.age > 18) && performed("purchased")`, `{"all":[{"all":[`+planPro+`,`+ageOver+`]},`+bought+`]}`),
	when("or", `contact.plan == "pro" || performed("purchased")`, `{"any":[`+planPro+`,`+bought+`]}`),
	when("and binds tighter than or", `contact.plan == "pro" || contact.age > 18 && performed("purchased")`, `{"any":[`+planPro+`,{"all":[`+ageOver+`,`+bought+`]}]}`),
	when("all of one", `all(contact.plan == "pro")`, `{"all":[`+planPro+`]}`),
	when("any call", `any(contact.plan == "pro", performed("purchased"))`, `{"any":[`+planPro+`,`+bought+`]}`),
	when("contract example", `contact.plan == "pro" && !performed("purchased", "7d")`, `{"all":[`+planPro+`,{"event":"purchased","op":"not_performed","within":"7d"}]}`),
}

func TestCompile(t *testing.T) {
	t.Parallel()
	for _, tc := range compileCases {
		t.Run(tc.name, func(t *testing.T) {
			vars := tc.vars
			if vars == nil {
				vars = fuzzVars
			}
			res, diags := Compile([]byte(tc.src), Options{Filename: "test.kraiter.hcl", Vars: vars})
			if diags.HasErrors() {
				t.Fatalf("unexpected errors: %s", diags.Error())
			}
			if got := string(res.JSON); got != tc.want {
				t.Errorf("compiled to\n %s\nwant\n %s", got, tc.want)
			}
			if res.Definition.Canonical() != string(res.JSON) {
				t.Errorf("Result.JSON is not Result.Definition.Canonical()")
			}
			checkRoundTrip(t, res.Definition)
		})
	}
}

func TestCompileIsDeterministic(t *testing.T) {
	t.Parallel()
	src := []byte("locals {\n  a = \"x\"\n  b = \"y\"\n  c = \"z\"\n}\ncondition {\n  when = contact.o == { b = 1, a = 2, c = local.c }\n}\nemail { template = \"${local.a}${local.b}\" }")
	first, diags := Compile(src, Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for range 20 {
		res, _ := Compile(src, Options{})
		if string(res.JSON) != string(first.JSON) {
			t.Fatalf("different JSON:\n%s\n%s", res.JSON, first.JSON)
		}
	}
}
