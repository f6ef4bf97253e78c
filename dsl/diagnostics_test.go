package dsl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// wantDiag is an expected diagnostic: its summary, where it starts, and words its detail
// must contain.
type wantDiag struct {
	summary   string
	line, col int
	detail    string
}

type diagnosticCase struct {
	name string
	src  string
	vars map[string]string
	want []wantDiag
}

// nested writes n conditions nested in each other's then blocks, around inner.
func nested(n int, inner string) string {
	return strings.Repeat("condition {\nwhen = exists(contact.a)\nthen {\n", n) + inner + strings.Repeat("}\n}\n", n)
}

var diagnosticCases = []diagnosticCase{
	// The file.
	{name: "syntax error", src: "email {\n  template = \"t\"\n", want: []wantDiag{{"Unclosed configuration block", 1, 7, "There is no closing brace"}}},
	{name: "empty file", src: "", want: []wantDiag{{"No steps", 1, 1, "at least one step"}}},
	{name: "only comments", src: "# nothing yet\n", want: []wantDiag{{"No steps", 1, 1, `email { template = "tmpl_welcome" }`}}},
	{name: "only locals", src: "locals {\n  a = \"x\"\n}\n", want: []wantDiag{{"No steps", 1, 1, "email, delay or condition"}}},

	// Blocks and attributes.
	{name: "unknown block type", src: "emial {\n  template = \"t\"\n}\n", want: []wantDiag{{"Unknown block type", 1, 1, `Did you mean "email"?`}}},
	{name: "alias for a block type", src: "wait {\n  duration = \"1d\"\n}\n", want: []wantDiag{{"Unknown block type", 1, 1, `Did you mean "delay"?`}}},
	{name: "then at the top level", src: "then {\n}\n", want: []wantDiag{{"Unknown block type", 1, 1, "inside a condition block"}}},
	{name: "unknown block in then", src: "condition {\n  when = exists(contact.a)\n  then {\n    emails {}\n  }\n}\n", want: []wantDiag{{"Unknown block type", 4, 5, `Did you mean "email"?`}}},
	{name: "locals in then", src: "condition {\n  when = exists(contact.a)\n  then {\n    locals {}\n  }\n}\n", want: []wantDiag{{"Misplaced locals block", 4, 5, "top level"}}},
	{name: "unknown attribute", src: "email {\n  templateId = \"t\"\n}\n", want: []wantDiag{
		{"Missing template", 1, 1, `template = "tmpl_welcome"`},
		{"Unknown attribute", 2, 3, `Did you mean "template"?`},
	}},
	{name: "typo in an attribute", src: "delay {\n  duraton = \"1d\"\n}\n", want: []wantDiag{
		{"Missing duration", 1, 1, `duration = "2d"`},
		{"Unknown attribute", 2, 3, `Did you mean "duration"?`},
	}},
	{name: "if instead of when", src: "condition {\n  if = exists(contact.a)\n}\n", want: []wantDiag{
		{"Missing when", 1, 1, `when = contact.plan == "pro"`},
		{"Unknown attribute", 2, 3, `Did you mean "when"?`},
	}},
	{name: "attribute at the top level", src: "template = \"t\"\n", want: []wantDiag{{"Unexpected attribute", 1, 1, `Put template in an email block: email { template = "tmpl_welcome" }.`}}},
	{name: "rule at the top level", src: "when = exists(contact.a)\n", want: []wantDiag{{"Unexpected attribute", 1, 1, `Put when in a condition block: condition { when = contact.plan == "pro" }.`}}},
	{name: "step type as an attribute", src: "delay = \"2d\"\n", want: []wantDiag{{"Unexpected attribute", 1, 1, `Delay is a block: delay { duration = "2d" }.`}}},
	{name: "value at the top level", src: "pro = \"pro\"\nemail { template = \"t\" }\n", want: []wantDiag{{"Unexpected attribute", 1, 1, "locals { pro = ... }"}}},
	{name: "attribute in then", src: "condition {\n  when = exists(contact.a)\n  then {\n    template = \"t\"\n  }\n}\n", want: []wantDiag{{"Unexpected attribute", 4, 5, "email block"}}},
	{name: "block in email", src: "email {\n  template = \"t\"\n  delay {}\n}\n", want: []wantDiag{{"Unexpected block", 3, 3, `holds only the attributes "template" and "delay"`}}},
	{name: "step directly in condition", src: "condition {\n  when = exists(contact.a)\n  email { template = \"t\" }\n}\n", want: []wantDiag{{"Unknown block type", 3, 3, "goes in its then or else block"}}},
	{name: "label", src: "email \"welcome\" {\n  template = \"t\"\n}\n", want: []wantDiag{{"Unexpected label", 1, 7, "take no labels"}}},
	{name: "duplicate then", src: "condition {\n  when = exists(contact.a)\n  then {}\n  then {}\n}\n", want: []wantDiag{{"Duplicate then block", 4, 3, "already has a then block, on line 3"}}},
	{name: "missing duration", src: "delay {}\n", want: []wantDiag{{"Missing duration", 1, 1, "how long to wait"}}},
	{name: "missing when", src: "condition {\n  then {}\n}\n", want: []wantDiag{{"Missing when", 1, 1, "the condition to test"}}},

	// Durations and strings.
	{name: "duration in words", src: "delay {\n  duration = \"2 days\"\n}\n", want: []wantDiag{{"Invalid duration", 2, 14, `a whole number and one unit, m, h, d or w, such as "30m", "12h", "2d" or "1w"`}}},
	{name: "bad email delay", src: "email {\n  template = \"t\"\n  delay = \"1y\"\n}\n", want: []wantDiag{{"Invalid duration", 3, 11, "whole number and one unit"}}},
	{name: "bad within", src: "condition {\n  when = performed(\"x\", \"7 days\")\n}\n", want: []wantDiag{{"Invalid duration", 2, 25, "whole number and one unit"}}},
	{name: "duration too long", src: "delay {\n  duration = \"9999w\"\n}\n", want: []wantDiag{{"Invalid duration", 2, 14, "at most 10 years"}}},
	{name: "number as template", src: "email {\n  template = 5\n}\n", want: []wantDiag{{"Incorrect type", 2, 14, "The email's template must be a string, not a number"}}},
	{name: "null as template", src: "email {\n  template = null\n}\n", want: []wantDiag{{"Incorrect type", 2, 14, "not null"}}},
	{name: "list as duration", src: "delay {\n  duration = [\"1d\"]\n}\n", want: []wantDiag{{"Incorrect type", 2, 14, "The delay's duration must be a string, not a list"}}},
	{name: "number as event", src: "condition {\n  when = performed(5)\n}\n", want: []wantDiag{{"Incorrect type", 2, 20, "The event name must be a string"}}},
	{name: "empty template", src: "email {\n  template = \"\"\n}\n", want: []wantDiag{{"Empty template id", 2, 14, `Give the id of the template to send, such as template = "tmpl_welcome".`}}},
	{name: "empty event", src: "condition {\n  when = performed(\"\")\n}\n", want: []wantDiag{{"Empty event name", 2, 20, "Name the event"}}},

	// References.
	{name: "undefined var", src: "email {\n  template = var.locale\n}\n", vars: map[string]string{"region": "eu", "tier": "1"},
		want: []wantDiag{{"Undefined var", 2, 14, `Vars given: region, tier. Give it one: --var locale=VALUE for kraiter dsl compile, or locale = "..." in the vars of kraiter_sequence_definition or compile_sequence.`}}},
	{name: "undefined var, none given", src: "email {\n  template = var.locale\n}\n", vars: map[string]string{},
		want: []wantDiag{{"Undefined var", 2, 14, "No vars were given."}}},
	{name: "misspelt var", src: "email {\n  template = var.local\n}\n", vars: map[string]string{"locale": "en"},
		want: []wantDiag{{"Undefined var", 2, 14, `Did you mean "locale"?`}}},
	{name: "undefined local", src: "locals {\n  prefix = \"t\"\n}\nemail {\n  template = local.prefx\n}\n",
		want: []wantDiag{{"Undefined local", 5, 14, `Locals defined: prefix. Did you mean "prefix"?`}}},
	{name: "locals cycle", src: "locals {\n  a = local.b\n  b = \"${local.a}x\"\n}\nemail {\n  template = local.a\n}\n",
		want: []wantDiag{{"Locals cycle", 2, 3, "local.a -> local.b -> local.a"}}},
	{name: "local refers to itself", src: "locals {\n  a = local.a\n}\nemail {\n  template = local.a\n}\n", want: []wantDiag{{"Locals cycle", 2, 3, "local.a refers to itself"}}},
	{name: "duplicate local", src: "locals {\n  a = \"x\"\n}\nlocals {\n  a = \"y\"\n}\nemail {\n  template = local.a\n}\n", want: []wantDiag{{"Duplicate local", 5, 3, "already defined on line 2"}}},
	{name: "unknown root name", src: "email {\n  template = vars.locale\n}\n", want: []wantDiag{{"Unknown name", 2, 14, `Did you mean "var"?`}}},
	{name: "contact in a template", src: "email {\n  template = \"tmpl_${contact.plan}\"\n}\n", want: []wantDiag{{"Value not known at compile time", 2, 22, "branch with a condition block"}}},
	{name: "contact in a local", src: "locals {\n  p = contact.plan\n}\nemail {\n  template = local.p\n}\n", want: []wantDiag{{"Value not known at compile time", 2, 7, "local.p must be known"}}},
	{name: "unknown function", src: "email {\n  template = lowr(\"T\")\n}\n", want: []wantDiag{{"Unknown function", 2, 14, `Did you mean "lower"?`}}},
	{name: "condition function as a value", src: "email {\n  template = exists(\"t\")\n}\n", want: []wantDiag{{"Unknown function", 2, 14, "usable only as a part of a when expression"}}},
	{name: "function error", src: "email {\n  template = substr(\"abc\")\n}\n", want: []wantDiag{{"Not enough function arguments", 2, 26, `Missing value for "offset"`}}},
	{name: "length of a number", src: "email {\n  template = tostring(length(5))\n}\n", want: []wantDiag{{"Error in function call", 2, 23, "length takes a string, a list, a map, a tuple or an object, not number"}}},
	{name: "format width", src: "email {\n  template = format(\"%999999s\", \"t\")\n}\n", want: []wantDiag{{"Invalid function argument", 2, 22, "at most 1000"}}},
	{name: "value too large", src: "locals {\n  a = \"${local.b}${local.b}${local.b}${local.b}\"\n  b = \"${local.c}${local.c}${local.c}${local.c}\"\n  c = \"${local.d}${local.d}${local.d}${local.d}\"\n  d = \"${local.e}${local.e}${local.e}${local.e}\"\n  e = \"${local.f}${local.f}${local.f}${local.f}\"\n  f = \"${local.g}${local.g}${local.g}${local.g}\"\n  g = \"${local.h}${local.h}${local.h}${local.h}\"\n  h = \"${local.i}${local.i}${local.i}${local.i}\"\n  i = \"${local.j}${local.j}${local.j}${local.j}\"\n  j = \"0123456789\"\n}\nemail {\n  template = local.a\n}\n",
		want: []wantDiag{{"Value too large", 3, 7, "larger than a whole definition may be"}}},

	// when.
	{name: "arithmetic in when", src: "condition {\n  when = contact.age + 1\n}\n", want: []wantDiag{{"Invalid condition", 2, 10, "A when expression is built from contact.ATTR == VALUE"}}},
	{name: "attribute alone", src: "condition {\n  when = contact.vip\n}\n", want: []wantDiag{{"Invalid condition", 2, 10, "exists(contact.vip)"}}},
	{name: "constant", src: "condition {\n  when = true\n}\n", want: []wantDiag{{"Invalid condition", 2, 10, "cannot be compiled to a rule"}}},
	{name: "computed attribute", src: "condition {\n  when = lower(contact.plan) == \"pro\"\n}\n", want: []wantDiag{{"No contact attribute in comparison", 2, 10, "cannot compute with them"}}},
	{name: "no attribute", src: "condition {\n  when = 1 == 1\n}\n", want: []wantDiag{{"No contact attribute in comparison", 2, 10, "needs contact.ATTR on one side"}}},
	{name: "two attributes", src: "condition {\n  when = contact.a == contact.b\n}\n", want: []wantDiag{{"Two contact attributes compared", 2, 10, "cannot compare two attributes"}}},
	{name: "contact in the value", src: "condition {\n  when = contact.a == \"${contact.b}\"\n}\n", want: []wantDiag{{"Value not known at compile time", 2, 26, "rules cannot compare two contact attributes"}}},
	{name: "unknown condition function", src: "condition {\n  when = performd(\"x\")\n}\n", want: []wantDiag{{"Unknown condition function", 2, 10, `Did you mean "performed"?`}}},
	{name: "not as a function", src: "condition {\n  when = not(exists(contact.a))\n}\n", want: []wantDiag{{"Unknown condition function", 2, 10, "Negate a condition with !"}}},
	{name: "value function as a condition", src: "condition {\n  when = lower(\"x\")\n}\n", want: []wantDiag{{"Unknown condition function", 2, 10, "computes a value"}}},
	{name: "exists without arguments", src: "condition {\n  when = exists()\n}\n", want: []wantDiag{{"Wrong number of arguments", 2, 10, "exists takes one contact attribute"}}},
	{name: "contains with one argument", src: "condition {\n  when = contains(contact.tags)\n}\n", want: []wantDiag{{"Wrong number of arguments", 2, 10, "has 1 argument; contains takes a contact attribute and a value"}}},
	{name: "performed with three arguments", src: "condition {\n  when = performed(\"a\", \"1d\", \"x\")\n}\n", want: []wantDiag{{"Wrong number of arguments", 2, 10, "optionally a time window"}}},
	{name: "empty all", src: "condition {\n  when = all()\n}\n", want: []wantDiag{{"Wrong number of arguments", 2, 10, "one or more conditions"}}},
	{name: "exists of a value", src: "condition {\n  when = exists(\"plan\")\n}\n", want: []wantDiag{{"Contact attribute expected", 2, 17, "contact.plan"}}},
	{name: "nested attribute", src: "condition {\n  when = contact.address.city == \"Oslo\"\n}\n", want: []wantDiag{{"Invalid contact attribute", 2, 10, "attributes are flat"}}},
	{name: "contact alone compared", src: "condition {\n  when = contact == 1\n}\n", want: []wantDiag{{"Invalid contact attribute", 2, 10, "contact alone"}}},
	{name: "number as attribute name", src: "condition {\n  when = contact[0] == 1\n}\n", want: []wantDiag{{"Invalid contact attribute", 2, 10, `contact["NAME"]`}}},
	{name: "empty attribute name", src: "condition {\n  when = contact[\"\"] == 1\n}\n", want: []wantDiag{{"Empty attribute name", 2, 10, "has a name"}}},
	{name: "ordering a bool", src: "condition {\n  when = contact.vip > true\n}\n", want: []wantDiag{{"Incorrect type", 2, 24, "compare numbers or strings, not a bool"}}},
	{name: "duplicate object key", src: "condition {\n  when = contact.o == { a = 1, \"a\" = 2 }\n}\n", want: []wantDiag{{"Duplicate object key", 2, 32, `The key "a" is already set on line 2`}}},
	{name: "infinite number", src: "condition {\n  when = contact.x == 1/0\n}\n", want: []wantDiag{{"Invalid value", 2, 23, "The value compared with the attribute is infinite"}}},
	{name: "computed number out of range", src: "condition {\n  when = contact.x == tonumber(\"1e300000\")\n}\n", want: []wantDiag{{"Invalid value", 2, 23, "too large or too small to compute"}}},
	{name: "invalid number text", src: "condition {\n  when = contact.x == number(\"1,5\")\n}\n", want: []wantDiag{{"Invalid number", 2, 30, "is not a number"}}},
	{name: "number() outside when", src: "email {\n  template = number(\"1\")\n}\n", want: []wantDiag{{"Unknown function", 2, 14, "only as a value compared in when"}}},

	// Limits.
	{name: "conditions nested too deep", src: nested(33, "delay { duration = \"1d\" }\n"), want: []wantDiag{{"Conditions nested too deep", 97, 1, "nested 33 deep; at most 32"}}},
	{name: "rules nested too deep", src: "condition {\n  when = " + strings.Repeat("!", 32) + "exists(contact.a)\n}\n", want: []wantDiag{{"Condition nested too deep", 2, 42, "more than 32 levels"}}},
	{name: "too many steps", src: strings.Repeat("delay { duration = \"1d\" }\n", 1002), want: []wantDiag{{"Too many steps", 1001, 1, "has 1002 steps, nested ones included; at most 1000"}}},
	{name: "definition too large", src: strings.Repeat("email { template = \""+strings.Repeat("x", 300)+"\" }\n", 900), want: []wantDiag{{"Invalid definition", 1, 1, "The compiled definition is not valid: the definition is 311411 bytes; at most 262144 bytes are allowed"}}},

	// All problems of a file at once, in source order.
	{name: "every problem in one pass", src: "emial {\n}\nlocals {\n  a = var.missing\n}\ndelay {\n  duration = \"2 days\"\n}\ncondition {\n  when = contact.a + 1\n}\n", vars: map[string]string{},
		want: []wantDiag{
			{"Unknown block type", 1, 1, "Did you mean"},
			{"Undefined var", 4, 7, "No vars were given"},
			{"Invalid duration", 7, 14, "whole number"},
			{"Invalid condition", 10, 10, "cannot be compiled"},
		}},
}

func TestDiagnostics(t *testing.T) {
	t.Parallel()
	for _, tc := range diagnosticCases {
		t.Run(tc.name, func(t *testing.T) {
			vars := tc.vars
			if vars == nil {
				vars = fuzzVars
			}
			res, diags := Compile([]byte(tc.src), Options{Filename: "bad.kraiter.hcl", Vars: vars})
			checkDiags(t, res, diags, tc.want)
		})
	}
}

// checkDiags checks that a compilation of bad.kraiter.hcl failed with exactly the wanted
// diagnostics.
func checkDiags(t *testing.T, res *Result, diags hcl.Diagnostics, wants []wantDiag) {
	t.Helper()
	if res != nil {
		t.Fatalf("compiled despite the errors: %s", res.JSON)
	}
	if len(diags) != len(wants) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(diags), len(wants), describeDiags(diags))
	}
	for i, want := range wants {
		d := diags[i]
		if d.Severity != hcl.DiagError || d.Subject == nil || d.Subject.Filename != "bad.kraiter.hcl" {
			t.Errorf("diagnostic %d is not an error with a place in bad.kraiter.hcl: %#v", i, d)
			continue
		}
		if d.Summary != want.summary || d.Subject.Start.Line != want.line || d.Subject.Start.Column != want.col || !strings.Contains(d.Detail, want.detail) {
			t.Errorf("diagnostic %d:\n got %s\nwant %d:%d %s; ...%s...", i, describeDiags(diags[i:i+1]), want.line, want.col, want.summary, want.detail)
		}
	}
}

func describeDiags(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Subject != nil {
			fmt.Fprintf(&b, "%d:%d ", d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(&b, "%s; %s\n", d.Summary, d.Detail)
	}
	return b.String()
}
