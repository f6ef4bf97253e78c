package dsltest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func TestRunTestFilePassing(t *testing.T) {
	t.Parallel()
	results, diags := RunFile("testdata/tests/passing.kraiter.test.hcl")
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var names []string
	for _, r := range results {
		names = append(names, r.Name)
		if !r.Passed() {
			t.Errorf("%q failed: %+v\ntimeline:\n%s", r.Name, r.Failures, strings.Join(r.Timeline, "\n"))
		}
	}
	want := []string{
		"a pro team gets the tips at two days, not the upgrade",
		"seats written as a string are not a number of seats",
		"a demo in the day before the condition is followed up",
		"a demo earlier than that is not",
		"a demo after the condition does not count",
		"an unsubscribed contact passes every step and is sent nothing",
		"until stops the run in the first delay",
		"the trailing week keeps the sequence running",
	}
	if !slices.Equal(names, want) {
		t.Errorf("tests run:\n got %q\nwant %q", names, want)
	}
}

// Each failure names the line and column of the expectation and says what differed.
func TestRunTestFileFailures(t *testing.T) {
	t.Parallel()
	results, diags := RunFile("testdata/tests/failing.kraiter.test.hcl")
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := map[string][]string{
		"the upgrade is expected where the tips are sent": {
			"10:3: expected sends [tmpl_welcome_en tmpl_upgrade], got [tmpl_welcome_en tmpl_pro_tips]: steps[2].then[0] sent tmpl_pro_tips at 2d",
			"11:3: expected tmpl_pro_tips to be sent at 3d, but it was sent at 2d by steps[2].then[0]",
			"14:21: expected tmpl_welcome_en never to be sent, but steps[0] sent it at 0m",
		},
		"an unsubscribed contact is expected to get mail": {
			"20:3: expected sends [tmpl_welcome_en], got []: nothing was sent (the contact is unsubscribed)",
			"21:3: expected tmpl_upgrade to be sent by steps[2].else[0], but steps[2].else[0] at 2d1h did not send it: the contact is unsubscribed",
		},
		"the run is cut short": {
			"29:3: expected sends [tmpl_welcome_en tmpl_upgrade], got [tmpl_welcome_en]: nothing was sent after tmpl_welcome_en at 0m (the run stopped at until = 2d)",
			"30:3: expected the sequence to complete by until = 2d, but it was still running: the last step reached was steps[2] (condition) at 2d",
		},
		"this one holds": nil,
	}
	if len(results) != len(want) {
		t.Fatalf("got %d results, want %d", len(results), len(want))
	}
	for _, r := range results {
		var got []string
		for _, f := range r.Failures {
			if f.Range.Filename != "testdata/tests/failing.kraiter.test.hcl" {
				t.Errorf("%q: failure in file %q", r.Name, f.Range.Filename)
			}
			got = append(got, fmt.Sprintf("%d:%d: %s", f.Range.Start.Line, f.Range.Start.Column, f.Message))
		}
		if !slices.Equal(got, want[r.Name]) {
			t.Errorf("%q failures:\n got %q\nwant %q", r.Name, got, want[r.Name])
		}
		if r.Passed() != (want[r.Name] == nil) {
			t.Errorf("%q: Passed() = %t", r.Name, r.Passed())
		}
	}
}

func TestRunTestFileTimeline(t *testing.T) {
	t.Parallel()
	results, _ := RunFile("testdata/tests/failing.kraiter.test.hcl")
	if len(results) < 2 {
		t.Fatalf("got %d results", len(results))
	}
	want := []string{
		"+0m    email tmpl_welcome_en: not sent, unsubscribed (steps[0])",
		"+0m    wait 2d (steps[1])",
		`+2d    condition contact.plan == "pro" && contact.seats >= 5: no (steps[2])`,
		"+2d1h  email tmpl_upgrade after 1h: not sent, unsubscribed (steps[2].else[0])",
		`+2d1h  condition performed("demo_booked", "1d"): no (steps[3])`,
		"+2d1h  wait 1w (steps[4])",
	}
	if got := results[1].Timeline; !slices.Equal(got, want) {
		t.Errorf("timeline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTestFileValues checks what a test file's values become: contact values keep their JSON
// types, file-level vars are merged under a test's own, and events and times are read.
func TestTestFileValues(t *testing.T) {
	t.Parallel()
	src := `sequence = "a.kraiter.hcl"
vars = { locale = "en", region = "eu" }

test "values" {
  vars       = { region = "us", limit = 5, vip = true }
  contact    = { plan = "pro", seats = 12, big = 18446744073709551617, ratio = 0.1, vip = false, tags = ["a", 1], company = null, "first name" = "Ada" }
  subscribed = false
  events     = [{ name = "bought", after = "2d12h" }, { before = "40d", name = "logged_in" }, { name = "bought", after = "0m" }]
  until      = "1w"

  expect_completed = false
}

test "defaults" {
  sequence = "b.kraiter.hcl"

  expect_sends = []
}
`
	tests, diags := parseTestFile([]byte(src), "values.kraiter.test.hcl")
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	if len(tests) != 2 {
		t.Fatalf("got %d tests", len(tests))
	}
	values, defaults := tests[0], tests[1]

	attrs, _ := json.Marshal(values.input.Attributes)
	wantAttrs := `{"big":18446744073709551617,"company":null,"first name":"Ada","plan":"pro","ratio":0.1,"seats":12,"tags":["a",1],"vip":false}`
	if string(attrs) != wantAttrs {
		t.Errorf("contact:\n got %s\nwant %s", attrs, wantAttrs)
	}
	if _, isNumber := values.input.Attributes["seats"].(json.Number); !isNumber {
		t.Errorf("seats is %T, want a json.Number", values.input.Attributes["seats"])
	}
	if want := map[string]string{"locale": "en", "region": "us", "limit": "5", "vip": "true"}; !maps.Equal(values.vars, want) {
		t.Errorf("vars = %v, want %v", values.vars, want)
	}
	wantEvents := []definition.SimulationEvent{{Name: "bought", After: 60 * time.Hour}, {Name: "logged_in", After: -40 * 24 * time.Hour}, {Name: "bought"}}
	if !slices.Equal(values.input.Events, wantEvents) {
		t.Errorf("events = %v, want %v", values.input.Events, wantEvents)
	}
	if values.input.Subscribed || values.input.Until != 7*24*time.Hour || values.sequence != "a.kraiter.hcl" {
		t.Errorf("subscribed %t, until %v, sequence %q", values.input.Subscribed, values.input.Until, values.sequence)
	}

	if !defaults.input.Subscribed || defaults.input.Until != 0 || defaults.input.Attributes != nil || defaults.sequence != "b.kraiter.hcl" {
		t.Errorf("defaults: %+v, sequence %q", defaults.input, defaults.sequence)
	}
	if want := map[string]string{"locale": "en", "region": "eu"}; !maps.Equal(defaults.vars, want) {
		t.Errorf("defaults' vars = %v, want the file's %v", defaults.vars, want)
	}
}

func TestParseTestFileDiagnostics(t *testing.T) {
	t.Parallel()
	const head = "sequence = \"s.kraiter.hcl\"\n"
	tests := []struct {
		name      string
		src       string
		summary   string
		line, col int
		detail    string
	}{
		{"no tests", head, "No tests", 1, 1, "holds test blocks"},
		{"syntax error", "test \"a\" {\n", "Unclosed configuration block", 1, 10, ""},
		{"misspelt block", head + "tset \"a\" {}\n", "Unknown block type", 2, 1, `Did you mean "test"?`},
		{"no name", head + "test {\n  expect_sends = []\n}\n", "Invalid test name", 2, 1, "takes one label"},
		{"empty name", head + "test \"\" {\n  expect_sends = []\n}\n", "Invalid test name", 2, 1, "takes one label"},
		{"duplicate name", head + "test \"a\" {\n  expect_sends = []\n}\ntest \"a\" {\n  expect_sends = []\n}\n", "Duplicate test name", 5, 6, "already on line 2"},
		{"unknown top-level attribute", head + "contact = {}\ntest \"a\" {\n  expect_sends = []\n}\n", "Unknown attribute", 2, 1, "belongs in a test block"},
		{"unknown attribute", head + "test \"a\" {\n  expect_send = []\n}\n", "Unknown attribute", 3, 3, `Did you mean "expect_sends"?`},
		{"alias of an attribute", head + "test \"a\" {\n  user = {}\n  expect_sends = []\n}\n", "Unknown attribute", 3, 3, `Did you mean "contact"?`},
		{"unknown block", head + "test \"a\" {\n  expect_sends {}\n}\n", "Unknown block type", 3, 3, `Did you mean "expect_send"?`},
		{"no sequence", "test \"a\" {\n  expect_sends = []\n}\n", "Missing sequence", 1, 1, "relative to the test file"},
		{"sequence not a string", "test \"a\" {\n  sequence = 5\n  expect_sends = []\n}\n", "Incorrect type", 2, 14, "The sequence file must be a string"},
		{"file's sequence not a string", "sequence = true\ntest \"a\" {\n  expect_sends = []\n}\n", "Incorrect type", 1, 12, "The sequence file must be a string"},
		{"bad expectation only", head + "test \"a\" {\n  expect_completed = 1\n}\n", "Incorrect type", 3, 22, "true or false, not a number"},
		{"still running with a bad until", head + "test \"a\" {\n  until = \"soon\"\n  expect_completed = false\n}\n", "Invalid time", 3, 11, `"soon" is not a time`},
		{"no expectations", head + "test \"a\" {\n  contact = {}\n}\n", "No expectations", 2, 1, "cannot fail"},
		{"still running without until", head + "test \"a\" {\n  expect_completed = false\n}\n", "Expectation cannot hold", 3, 3, "always completes"},
		{"reference", head + "test \"a\" {\n  contact = { plan = var.plan }\n  expect_sends = []\n}\n", "Reference in a test file", 3, 22, "instead of var.plan"},
		{"contact not an object", head + "test \"a\" {\n  contact = [\"pro\"]\n  expect_sends = []\n}\n", "Invalid contact", 3, 13, "object of attribute names"},
		{"duplicate contact key", head + "test \"a\" {\n  contact = { a = 1, a = 2 }\n  expect_sends = []\n}\n", "Duplicate object key", 3, 22, `"a" is already set`},
		{"subscribed not a bool", head + "test \"a\" {\n  subscribed = \"no\"\n  expect_sends = []\n}\n", "Incorrect type", 3, 16, "true or false, not a string"},
		{"bad until", head + "test \"a\" {\n  until = \"2 days\"\n  expect_sends = []\n}\n", "Invalid time", 3, 11, "largest first"},
		{"zero until", head + "test \"a\" {\n  until = \"0m\"\n  expect_sends = []\n}\n", "Invalid until", 3, 11, "leave until out"},
		{"events not a list", head + "test \"a\" {\n  events = { name = \"x\" }\n  expect_sends = []\n}\n", "Invalid events", 3, 12, "a list of what the contact does"},
		{"event without a time", head + "test \"a\" {\n  events = [{ name = \"x\" }]\n  expect_sends = []\n}\n", "Invalid event", 3, 13, "a name and one time"},
		{"event with two times", head + "test \"a\" {\n  events = [{ name = \"x\", after = \"1d\", before = \"1d\" }]\n  expect_sends = []\n}\n", "Invalid event", 3, 13, "a name and one time"},
		{"event key misspelt", head + "test \"a\" {\n  events = [{ name = \"x\", afer = \"1d\" }]\n  expect_sends = []\n}\n", "Unknown event key", 3, 27, `Did you mean "after"?`},
		{"event not an object", head + "test \"a\" {\n  events = [\"x\"]\n  expect_sends = []\n}\n", "Invalid event", 3, 13, "an object with a name and a time"},
		{"sends not a list", head + "test \"a\" {\n  expect_sends = \"tmpl_a\"\n}\n", "Invalid template list", 3, 18, "as a list"},
		{"empty template id", head + "test \"a\" {\n  expect_no_send = [\"\"]\n}\n", "Empty value", 3, 21, "The template id cannot be empty"},
		{"template id not a string", head + "test \"a\" {\n  expect_sends = [1]\n}\n", "Incorrect type", 3, 19, "must be a string, not a number"},
		{"vars not an object", head + "vars = [\"en\"]\ntest \"a\" {\n  expect_sends = []\n}\n", "Invalid vars", 2, 8, "vars = { locale"},
		{"var value a list", head + "test \"a\" {\n  vars = { a = [1] }\n  expect_sends = []\n}\n", "Incorrect type", 3, 16, "var.a must be a string, number or bool, not a list"},
		{"expect_send without a template", head + "test \"a\" {\n  expect_send {\n    after = \"1d\"\n  }\n}\n", "Invalid expect_send", 3, 3, "the template id"},
		{"expect_send unknown attribute", head + "test \"a\" {\n  expect_send \"t\" {\n    at = \"1d\"\n  }\n}\n", "Unknown attribute", 4, 5, `take "after" and "path", not "at"`},
		{"expect_send bad time", head + "test \"a\" {\n  expect_send \"t\" {\n    after = \"1y\"\n  }\n}\n", "Invalid time", 4, 13, `"1y" is not a time after the enrolment`},
		{"expect_send nested block", head + "test \"a\" {\n  expect_send \"t\" {\n    path {}\n  }\n}\n", "Unexpected block", 4, 5, "holds only the attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parseTestFile([]byte(tt.src), "t.kraiter.test.hcl")
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics, want one: %v", len(diags), diags)
			}
			d := diags[0]
			if d.Summary != tt.summary || d.Subject == nil || d.Subject.Filename != "t.kraiter.test.hcl" ||
				d.Subject.Start.Line != tt.line || d.Subject.Start.Column != tt.col || !strings.Contains(d.Detail, tt.detail) {
				t.Errorf("got %v\nwant %s at %d:%d with %q", diags, tt.summary, tt.line, tt.col, tt.detail)
			}
		})
	}
}

// A sequence that cannot be read or compiled is a diagnostic, reported once, at the source
// of the problem; the tests that use it have no result, the others run.
func TestRunTestFileSequenceProblems(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("broken.kraiter.hcl", "email {\n  template = \"t\"\n  delay = \"2 days\"\n}\n")
	write("good.kraiter.hcl", "email {\n  template = \"t\"\n}\n")
	path := write("s.kraiter.test.hcl", `test "broken one" {
  sequence     = "broken.kraiter.hcl"
  expect_sends = ["t"]
}

test "broken two" {
  sequence     = "broken.kraiter.hcl"
  expect_sends = ["t"]
}

test "missing" {
  sequence     = "missing.kraiter.hcl"
  expect_sends = ["t"]
}

test "good" {
  sequence     = "good.kraiter.hcl"
  expect_sends = ["t"]
}
`)
	results, diags := RunFile(path)
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
	}
	want := []string{
		filepath.Join(dir, "broken.kraiter.hcl") + ":3:11: Invalid duration",
		path + ":12:18: Cannot read sequence",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n got %q\nwant %q", got, want)
	}
	if len(diags) == 2 && !strings.Contains(diags[1].Detail, "no such file or directory") {
		t.Errorf("detail %q does not say why", diags[1].Detail)
	}
	if len(results) != 1 || results[0].Name != "good" || !results[0].Passed() {
		t.Errorf("results: %+v", results)
	}

	if _, diags := RunFile(filepath.Join(dir, "none.kraiter.test.hcl")); len(diags) != 1 || diags[0].Summary != "Cannot read test file" {
		t.Errorf("missing test file: %v", diags)
	}
}

// TestDocumentedRuleSemantics pins what the reference says of missing attributes, within and
// contains, with the rules written in the DSL as the reference writes them. The condition is
// reached three days after the enrolment.
func TestDocumentedRuleSemantics(t *testing.T) {
	t.Parallel()
	demo := func(after time.Duration) []definition.SimulationEvent {
		return []definition.SimulationEvent{{Name: "demo_booked", After: after}}
	}
	day := 24 * time.Hour
	tests := []struct {
		when    string
		contact string
		events  []definition.SimulationEvent
		want    bool
	}{
		{`contact.plan != "free"`, `{}`, nil, true},
		{`contact.plan == "free"`, `{}`, nil, false},
		{`contact.plan != "free"`, `{"plan":null}`, nil, true},
		{`exists(contact.plan) && contact.plan != "free"`, `{}`, nil, false},
		{`!(contact.seats >= 5)`, `{}`, nil, true},
		{`contact.seats < 5`, `{}`, nil, false},
		{`contains(contact.tags, "beta")`, `{}`, nil, false},
		{`exists(contact.plan)`, `{"plan":"free"}`, nil, true},
		{`!exists(contact.plan)`, `{"plan":null}`, nil, true},
		{`contact.seats == 12`, `{"seats":"12"}`, nil, false},
		{`contact.seats != 12`, `{"seats":"12"}`, nil, true},
		{`contact.seats > 5`, `{"seats":"12"}`, nil, false},
		{`contact.seats <= 50`, `{"seats":"12"}`, nil, false},
		{`contact.seats == "12"`, `{"seats":12}`, nil, false},
		{`contact.seats == 12`, `{"seats":12.0}`, nil, true},
		{`contact.plan > "free"`, `{"plan":"pro"}`, nil, true},
		{`performed("demo_booked", "1d")`, `{}`, demo(day), false},
		{`performed("demo_booked", "1d")`, `{}`, demo(2*day + 12*time.Hour), true},
		{`performed("demo_booked", "1d")`, `{}`, demo(3 * day), true},
		{`performed("demo_booked", "1d")`, `{}`, demo(4 * day), false},
		{`performed("demo_booked")`, `{}`, demo(-30 * day), true},
		{`performed("demo_booked")`, `{}`, demo(3*day + time.Minute), false},
		{`!performed("demo_booked", "1d")`, `{}`, demo(day), true},
		{`contains(contact.email, "@example.")`, `{"email":"ada@example.com"}`, nil, true},
		{`contains(contact.email, "@Example.")`, `{"email":"ada@example.com"}`, nil, false},
		{`contains(contact.tags, "vip")`, `{"tags":["beta","vip"]}`, nil, true},
		{`contains(contact.tags, "vi")`, `{"tags":["beta","vip"]}`, nil, false},
		{`contains(contact.tags, 3)`, `{"tags":[3.0]}`, nil, true},
		{`contains(contact.seats, 1)`, `{"seats":12}`, nil, false},
		{`contains(contact.vip, true)`, `{"vip":true}`, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.when+" "+tt.contact, func(t *testing.T) {
			src := "delay {\n  duration = \"3d\"\n}\n\ncondition {\n  when = " + tt.when + "\n\n  then {\n    email {\n      template = \"yes\"\n    }\n  }\n}\n"
			res, diags := dsl.Compile([]byte(src), dsl.Options{})
			if diags.HasErrors() {
				t.Fatalf("compile: %v", diags)
			}
			dec := json.NewDecoder(strings.NewReader(tt.contact))
			dec.UseNumber()
			var attrs map[string]any
			if err := dec.Decode(&attrs); err != nil {
				t.Fatal(err)
			}
			sim := definition.Simulate(res.Definition, definition.SimulationInput{Attributes: attrs, Subscribed: true, Events: tt.events})
			if got := len(sim.Sends) == 1; got != tt.want {
				t.Errorf("matched = %t, want %t", got, tt.want)
			}
		})
	}
}
