package stepdiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// Building blocks of the sequences the diff tests compare, as DSL text.
func mail(template string) string { return `email { template = "` + template + `" }` }

func mailAfter(template, delay string) string {
	return "email {\n  template = \"" + template + "\"\n  delay = \"" + delay + "\"\n}"
}

func wait(duration string) string { return `delay { duration = "` + duration + `" }` }

func branch(when string, then ...string) string {
	return "condition {\n  when = " + when + "\n  then {\n" + strings.Join(then, "\n") + "\n  }\n}"
}

func branches(when string, then, els []string) string {
	return "condition {\n  when = " + when + "\n  then {\n" + strings.Join(then, "\n") +
		"\n  }\n  else {\n" + strings.Join(els, "\n") + "\n  }\n}"
}

func lines(blocks ...string) string { return strings.Join(blocks, "\n") }

// mustDefinition compiles DSL text, or parses it when it is JSON.
func mustDefinition(t *testing.T, src string) *definition.Definition {
	t.Helper()
	if strings.HasPrefix(strings.TrimSpace(src), "{") {
		def, err := definition.ParseString(src)
		if err != nil {
			t.Fatalf("test definition: %v", err)
		}
		return def
	}
	res, diags := dsl.Compile([]byte(src), dsl.Options{Filename: "test.kraiter.hcl"})
	if diags.HasErrors() {
		t.Fatalf("test source: %s\n%s", diags.Error(), src)
	}
	return res.Definition
}

func TestDiff(t *testing.T) {
	t.Parallel()
	const seats = `exists(contact.company) && contact.seats >= 5`
	tests := []struct {
		name     string
		old, new string
		want     []Change // nil: the definitions mean the same
	}{
		// Added and removed.
		{
			name: "insert at the front is one added step",
			old:  lines(mail("a"), wait("1d"), mail("b")),
			new:  lines(mail("welcome"), mail("a"), wait("1d"), mail("b")),
			want: []Change{{Kind: ChangeAdded, Path: "steps[0]", Step: "email welcome"}},
		},
		{
			name: "insert inside a branch",
			old:  branch(`contact.plan == "pro"`, mail("a"), mail("b")),
			new:  branch(`contact.plan == "pro"`, mail("a"), wait("2d"), mail("b")),
			want: []Change{{Kind: ChangeAdded, Path: "steps[0].then[1]", Step: "delay 2d"}},
		},
		{
			name: "remove the last step",
			old:  lines(mail("a"), wait("1d"), mail("old")),
			new:  lines(mail("a"), wait("1d")),
			want: []Change{{Kind: ChangeRemoved, Path: "steps[2]", Step: "email old"}},
		},
		{
			name: "removed steps are listed where they stood",
			old:  lines(mail("a"), mail("b"), mail("c")),
			new:  lines(mail("x"), mail("a"), mail("c"), mail("y")),
			want: []Change{
				{Kind: ChangeAdded, Path: "steps[0]", Step: "email x"},
				{Kind: ChangeRemoved, Path: "steps[1]", Step: "email b"},
				{Kind: ChangeAdded, Path: "steps[3]", Step: "email y"},
			},
		},
		{
			name: "a step of another type in the same place is removed and added",
			old:  lines(mail("a"), wait("1d"), mail("b")),
			new:  lines(mail("a"), mail("c"), mail("b")),
			want: []Change{
				{Kind: ChangeRemoved, Path: "steps[1]", Step: "delay 1d"},
				{Kind: ChangeAdded, Path: "steps[1]", Step: "email c"},
			},
		},
		// Moved.
		{
			name: "wrap steps in a condition",
			old:  lines(mail("a"), mail("b"), mail("c")),
			new:  lines(mail("a"), branch(`contact.country == "DE"`, mail("b"), mail("c"))),
			want: []Change{
				{Kind: ChangeAdded, Path: "steps[1]", Step: `condition when contact.country == "DE"`},
				{Kind: ChangeMoved, Path: "steps[1].then[0]", OldPath: "steps[1]", Step: "email b"},
				{Kind: ChangeMoved, Path: "steps[1].then[1]", OldPath: "steps[2]", Step: "email c"},
			},
		},
		{
			name: "unwrap a condition",
			old:  lines(branch(`contact.country == "DE"`, mail("b"), mail("c")), mail("d")),
			new:  lines(mail("b"), mail("c"), mail("d")),
			want: []Change{
				{Kind: ChangeRemoved, Path: "steps[0]", Step: `condition when contact.country == "DE"`},
				{Kind: ChangeMoved, Path: "steps[0]", OldPath: "steps[0].then[0]", Step: "email b"},
				{Kind: ChangeMoved, Path: "steps[1]", OldPath: "steps[0].then[1]", Step: "email c"},
			},
		},
		{
			name: "reorder",
			old:  lines(mail("a"), mail("b"), wait("1d"), mail("c")),
			new:  lines(mail("a"), wait("1d"), mail("c"), mail("b")),
			want: []Change{{Kind: ChangeMoved, Path: "steps[3]", OldPath: "steps[1]", Step: "email b"}},
		},
		{
			name: "from then to else",
			old:  branches(`contact.plan == "pro"`, []string{mail("a"), mail("b")}, []string{mail("c")}),
			new:  branches(`contact.plan == "pro"`, []string{mail("a")}, []string{mail("b"), mail("c")}),
			want: []Change{{Kind: ChangeMoved, Path: "steps[0].else[0]", OldPath: "steps[0].then[1]", Step: "email b"}},
		},
		// Changed steps.
		{
			name: "template",
			old:  lines(mail("a"), wait("1d"), mail("b")),
			new:  lines(mail("a"), wait("1d"), mail("b2")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[2]", OldPath: "steps[2]", Step: "email b2",
				Fields: []Field{{Name: "templateId", Old: "b", New: "b2"}}}},
		},
		{
			name: "email delay, after an inserted step",
			old:  lines(mail("a"), mailAfter("b", "1h")),
			new:  lines(wait("1d"), mail("a"), mailAfter("b", "2h")),
			want: []Change{
				{Kind: ChangeAdded, Path: "steps[0]", Step: "delay 1d"},
				{Kind: ChangeChanged, Path: "steps[2]", OldPath: "steps[1]", Step: "email b after 2h",
					Fields: []Field{{Name: "delay", Old: "1h", New: "2h"}}},
			},
		},
		{
			name: "template and delay at once",
			old:  lines(mail("a"), mail("b")),
			new:  lines(mail("a"), mailAfter("c d", "1d")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[1]", OldPath: "steps[1]", Step: `email "c d" after 1d`,
				Fields: []Field{{Name: "templateId", Old: "b", New: `"c d"`}, {Name: "delay", Old: "0d", New: "1d"}}}},
		},
		{
			name: "duration",
			old:  lines(mail("a"), wait("1d"), mail("b")),
			new:  lines(mail("a"), wait("2d"), mail("b")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[1]", OldPath: "steps[1]", Step: "delay 2d",
				Fields: []Field{{Name: "duration", Old: "1d", New: "2d"}}}},
		},
		{
			name: "a step inside an unchanged condition",
			old:  branch(`contact.plan == "pro"`, mail("a")),
			new:  branch(`contact.plan == "pro"`, mail("b")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0].then[0]", OldPath: "steps[0].then[0]", Step: "email b",
				Fields: []Field{{Name: "templateId", Old: "a", New: "b"}}}},
		},
		// Changed rules.
		{
			name: "a comparison's value names its attribute",
			old:  lines(mail("a"), wait("1d"), branch(seats, mail("b"))),
			new:  lines(mail("a"), wait("1d"), branch(`exists(contact.company) && contact.seats >= 10`, mail("b"))),
			want: []Change{{Kind: ChangeChanged, Path: "steps[2]", OldPath: "steps[2]",
				Step:   "condition when exists(contact.company) && contact.seats >= 10",
				Fields: []Field{{Name: "if.all[1]", Attribute: "seats", Old: "contact.seats >= 5", New: "contact.seats >= 10"}}}},
		},
		{
			name: "an event's window names its event",
			old:  branch(`contact.plan == "trial" && !performed("upgraded", "7d")`, mail("a")),
			new:  branch(`contact.plan == "trial" && !performed("upgraded", "14d")`, mail("a")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]",
				Step:   `condition when contact.plan == "trial" && !performed("upgraded", "14d")`,
				Fields: []Field{{Name: "if.all[1]", Event: "upgraded", Old: `!performed("upgraded", "7d")`, New: `!performed("upgraded", "14d")`}}}},
		},
		{
			name: "two comparisons in nested groups and a not",
			old:  branch(`contact.a == 1 || (contact.b == 2 && !(performed("x")))`, mail("a")),
			new:  branch(`contact.a == 3 || (contact.b == 2 && !(performed("y")))`, mail("a")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]",
				Step: `condition when contact.a == 3 || (contact.b == 2 && !(performed("y")))`,
				Fields: []Field{
					{Name: "if.any[0]", Attribute: "a", Old: "contact.a == 1", New: "contact.a == 3"},
					{Name: "if.any[1].all[1]", Old: `!(performed("x"))`, New: `!(performed("y"))`},
				}}},
		},
		{
			name: "a comparison of another attribute names none",
			old:  branch(`contact.plan == "pro"`, mail("a")),
			new:  branch(`contact.tier == "pro"`, mail("a")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]", Step: `condition when contact.tier == "pro"`,
				Fields: []Field{{Name: "if", Old: `contact.plan == "pro"`, New: `contact.tier == "pro"`}}}},
		},
		{
			name: "another shape is the whole rule",
			old:  branch(`contact.a == 1 && contact.b == 2`, mail("a")),
			new:  branch(`contact.a == 1 || contact.b == 2`, mail("a")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]", Step: "condition when contact.a == 1 || contact.b == 2",
				Fields: []Field{{Name: "if", Old: "contact.a == 1 && contact.b == 2", New: "contact.a == 1 || contact.b == 2"}}}},
		},
		{
			name: "one more member is the whole rule",
			old:  branch(`contact.a == 1 && contact.b == 2`, mail("a")),
			new:  branch(`contact.a == 1 && contact.b == 2 && contact.c == 3`, mail("a")),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]", Step: "condition when contact.a == 1 && contact.b == 2 && contact.c == 3",
				Fields: []Field{{Name: "if", Old: "contact.a == 1 && contact.b == 2", New: "contact.a == 1 && contact.b == 2 && contact.c == 3"}}}},
		},
		{
			name: "a changed rule keeps its branches in place",
			old:  branches(`contact.plan == "pro"`, []string{mail("a")}, []string{mail("b")}),
			new:  branches(`contact.plan == "team"`, []string{mail("a")}, []string{mail("b")}),
			want: []Change{{Kind: ChangeChanged, Path: "steps[0]", OldPath: "steps[0]", Step: `condition when contact.plan == "team"`,
				Fields: []Field{{Name: "if", Attribute: "plan", Old: `contact.plan == "pro"`, New: `contact.plan == "team"`}}}},
		},
		// The same meaning, spelled differently.
		{
			name: "&& and all()",
			old:  branch(`contact.a == 1 && performed("x", "7d")`, mail("a")),
			new:  branch(`all(contact.a == 1, performed("x", "7d"))`, mail("a")),
		},
		{
			name: "DSL and its JSON",
			old:  lines(mailAfter("a", "0m"), wait("1d")),
			new:  `{"steps":[{"type":"email","templateId":"a"},{"type":"delay","duration":"1d"}]}`,
		},
		{
			name: "JSON key order, whitespace and omitted defaults",
			old:  `{"steps":[{"type":"email","templateId":"a","delay":"0d"},{"type":"condition","if":{"attribute":"n","op":"eq","value":1.0},"then":[],"else":[]}]}`,
			new:  "{\n  \"steps\": [\n    {\"templateId\": \"a\", \"type\": \"email\"},\n    {\"if\": {\"value\": 1, \"op\": \"eq\", \"attribute\": \"n\"}, \"type\": \"condition\"}\n  ]\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Diff(mustDefinition(t, tt.old), mustDefinition(t, tt.new))
			want := tt.want
			if want == nil {
				want = []Change{}
			}
			if d.Equal != (tt.want == nil) || !reflect.DeepEqual(d.Changes, want) {
				got, _ := json.MarshalIndent(d, "", "  ")
				exp, _ := json.MarshalIndent(want, "", "  ")
				t.Errorf("got %s\nwant equal=%v, changes %s", got, tt.want == nil, exp)
			}
		})
	}
}

// TestDiffExamples checks, on every pair of examples, that Diff says equal exactly when the
// definitions mean the same, and that nothing but a change is reported.
func TestDiffExamples(t *testing.T) {
	t.Parallel()
	defs := compileExamples(t)
	for oldName, oldDef := range defs {
		for newName, newDef := range defs {
			d := Diff(oldDef, newDef)
			if d.Equal != (oldName == newName) || d.Equal != (len(d.Changes) == 0) {
				t.Errorf("%s -> %s: equal %v with %d changes", oldName, newName, d.Equal, len(d.Changes))
			}
		}
	}
}

// compactJSON encodes v as the command does, without escaping HTML characters.
func compactJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func TestDiffJSON(t *testing.T) {
	t.Parallel()
	d := Diff(
		mustDefinition(t, lines(mail("a"), branch(`contact.seats >= 5`, mail("b")), mail("old"))),
		mustDefinition(t, lines(wait("1d"), branch(`contact.seats >= 10`, mail("b"), mail("a")))))
	want := `{"equal":false,"changes":[` +
		`{"kind":"added","path":"steps[0]","step":"delay 1d"},` +
		`{"kind":"changed","path":"steps[1]","old_path":"steps[1]","step":"condition when contact.seats >= 10",` +
		`"fields":[{"name":"if","attribute":"seats","old":"contact.seats >= 5","new":"contact.seats >= 10"}]},` +
		`{"kind":"removed","path":"steps[2]","step":"email old"},` +
		`{"kind":"moved","path":"steps[1].then[1]","old_path":"steps[0]","step":"email a"}]}`
	if got := compactJSON(t, d); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := compactJSON(t, Diff(mustDefinition(t, mail("a")), mustDefinition(t, mail("a")))); got != `{"equal":true,"changes":[]}` {
		t.Errorf("equal: got %s", got)
	}
}

func TestDiffUnknownStepType(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := fmt.Sprint(recover()); !strings.Contains(r, `unknown step type "sms"`) {
			t.Errorf("panic %q, want one naming the unknown step type", r)
		}
	}()
	Diff(&definition.Definition{}, &definition.Definition{Steps: []definition.Step{{Type: "sms"}}})
}
