package exportconfig

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

const delayDefinition = `{"steps":[{"type":"delay","duration":"1d"}]}`

func newExport(t *testing.T, compile Compile, seqs ...client.Sequence) *Export {
	t.Helper()
	e, err := New(compile)
	if err != nil {
		t.Fatal(err)
	}
	for _, seq := range seqs {
		if err := e.Add(seq); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func TestConfigurationOfBothCompileModes(t *testing.T) {
	t.Parallel()
	seqs := []client.Sequence{
		{ID: "9lives", Name: "Nine lives", Definition: delayDefinition, Triggers: []client.Trigger{{Type: "event", EventName: "signed_up"}}},
		{ID: "s_9lives", Name: "Other", Definition: delayDefinition},
	}
	tests := []struct {
		compile Compile
		want    string
	}{
		{CompileFunction, `import {
  to = kraiter_sequence.s_9lives
  id = "9lives"
}

resource "kraiter_sequence" "s_9lives" {
  id         = "9lives"
  name       = "Nine lives"
  definition = provider::kraiter::compile_sequence(file("${path.module}/9lives.kraiter.hcl"), {}, "9lives.kraiter.hcl")

  triggers = [
    { type = "event", event_name = "signed_up" },
  ]
}

import {
  to = kraiter_sequence.s_9lives_2
  id = "s_9lives"
}

resource "kraiter_sequence" "s_9lives_2" {
  id         = "s_9lives"
  name       = "Other"
  definition = provider::kraiter::compile_sequence(file("${path.module}/s_9lives.kraiter.hcl"), {}, "s_9lives.kraiter.hcl")
}
`},
		{CompileDataSource, `import {
  to = kraiter_sequence.s_9lives
  id = "9lives"
}

data "kraiter_sequence_definition" "s_9lives" {
  filename = "9lives.kraiter.hcl"
  source   = file("${path.module}/9lives.kraiter.hcl")
}

resource "kraiter_sequence" "s_9lives" {
  id         = "9lives"
  name       = "Nine lives"
  definition = data.kraiter_sequence_definition.s_9lives.json

  triggers = [
    { type = "event", event_name = "signed_up" },
  ]
}

import {
  to = kraiter_sequence.s_9lives_2
  id = "s_9lives"
}

data "kraiter_sequence_definition" "s_9lives_2" {
  filename = "s_9lives.kraiter.hcl"
  source   = file("${path.module}/s_9lives.kraiter.hcl")
}

resource "kraiter_sequence" "s_9lives_2" {
  id         = "s_9lives"
  name       = "Other"
  definition = data.kraiter_sequence_definition.s_9lives_2.json
}
`},
	}
	for _, tt := range tests {
		t.Run(string(tt.compile), func(t *testing.T) {
			files := newExport(t, tt.compile, seqs...).Files()
			if got := string(files[ConfigFile]); got != tt.want {
				t.Errorf("%s:\n%s\nwant:\n%s", ConfigFile, got, tt.want)
			}
			if names := slices.Sorted(maps.Keys(files)); !slices.Equal(names, []string{"9lives.kraiter.hcl", "s_9lives.kraiter.hcl", ConfigFile, VersionsFile}) {
				t.Errorf("files %v", names)
			}
		})
	}
}

// Names are written as HCL strings that read back as they were: quotes, template sequences,
// a newline and letters beyond ASCII.
func TestNamesReadBackAsTheyWere(t *testing.T) {
	t.Parallel()
	names := []string{`say "hi"`, "${var.x} and %{ if true }", `back\slash`, "two\nlines", "Überraschung 🎉", "$${x}"}
	e := newExport(t, CompileFunction)
	for i, name := range names {
		if err := e.Add(client.Sequence{ID: "seq_" + string(rune('a'+i)), Name: name, Definition: delayDefinition}); err != nil {
			t.Fatal(err)
		}
	}
	resources := parseResources(t, e.Files()[ConfigFile])
	for i, name := range names {
		got := attributeValue(t, resources["seq_"+string(rune('a'+i))], "name")
		if got.AsString() != name {
			t.Errorf("name %q reads back as %q", name, got.AsString())
		}
	}
}

// Every trigger type of the contract is written with its own field, and reads back.
func TestEveryTriggerType(t *testing.T) {
	t.Parallel()
	samples := map[string]client.Trigger{
		client.TriggerEvent:   {Type: client.TriggerEvent, EventName: "trial.started:v2"},
		client.TriggerSegment: {Type: client.TriggerSegment, SegmentID: "seg-1"},
	}
	var triggers []client.Trigger
	for _, typ := range client.TriggerTypes {
		sample, ok := samples[typ]
		if !ok {
			t.Fatalf("no sample of trigger type %q: add one, and its field to triggersExpression", typ)
		}
		triggers = append(triggers, sample)
	}
	e := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: delayDefinition, Triggers: triggers})
	got := attributeValue(t, parseResources(t, e.Files()[ConfigFile])["seq_a"], "triggers")
	want := cty.TupleVal([]cty.Value{
		cty.ObjectVal(map[string]cty.Value{"type": cty.StringVal("event"), "event_name": cty.StringVal("trial.started:v2")}),
		cty.ObjectVal(map[string]cty.Value{"type": cty.StringVal("segment"), "segment_id": cty.StringVal("seg-1")}),
	})
	if !got.RawEquals(want) {
		t.Errorf("triggers read back as %#v", got)
	}
}

func TestNoTriggersNoAttribute(t *testing.T) {
	t.Parallel()
	e := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: delayDefinition})
	if _, ok := parseResources(t, e.Files()[ConfigFile])["seq_a"].Attributes["triggers"]; ok {
		t.Error("a sequence without triggers has a triggers attribute")
	}
}

// The DSL file of each sequence compiles back to its definition.
func TestDSLFiles(t *testing.T) {
	t.Parallel()
	def := `{"steps":[{"type":"email","templateId":"tmpl_a"},{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"delay","duration":"2d"}]}]}`
	files := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: def}).Files()
	res, diags := dsl.Compile(files["seq_a.kraiter.hcl"], dsl.Options{Filename: "seq_a.kraiter.hcl"})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	again := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: string(res.JSON)}).Files()
	if string(again["seq_a.kraiter.hcl"]) != string(files["seq_a.kraiter.hcl"]) {
		t.Errorf("the DSL does not compile back to the definition:\n%s", files["seq_a.kraiter.hcl"])
	}
}

// Ids that differ only in case get files of different names, since macOS and Windows would
// take them for one file; their resources keep the ids' names.
func TestFileNamesIgnoreCase(t *testing.T) {
	t.Parallel()
	e := newExport(t, CompileFunction,
		client.Sequence{ID: "Seq_A", Name: "1", Definition: delayDefinition},
		client.Sequence{ID: "seq_a", Name: "2", Definition: delayDefinition},
		client.Sequence{ID: "seq_a_2", Name: "3", Definition: delayDefinition},
	)
	files := e.Files()
	if names := slices.Sorted(maps.Keys(files)); !slices.Equal(names, []string{"Seq_A.kraiter.hcl", "seq_a_2.kraiter.hcl", "seq_a_2_2.kraiter.hcl", ConfigFile, VersionsFile}) {
		t.Errorf("files %v", names)
	}
	config := string(files[ConfigFile])
	for _, want := range []string{
		`resource "kraiter_sequence" "seq_a" {`,
		`definition = provider::kraiter::compile_sequence(file("${path.module}/seq_a_2.kraiter.hcl"), {}, "seq_a_2.kraiter.hcl")`,
		`resource "kraiter_sequence" "seq_a_2" {`,
		`definition = provider::kraiter::compile_sequence(file("${path.module}/seq_a_2_2.kraiter.hcl"), {}, "seq_a_2_2.kraiter.hcl")`,
	} {
		if !strings.Contains(config, want) {
			t.Errorf("%s lacks %s:\n%s", ConfigFile, want, config)
		}
	}
}

func TestAddRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		seq  client.Sequence
		want string
	}{
		{"a path for an id", client.Sequence{ID: "../etc/x", Definition: delayDefinition}, `sequence "../etc/x": its id is not 1 to 64 letters, digits, _ or -`},
		{"no id", client.Sequence{Definition: delayDefinition}, `sequence "": its id is not`},
		{"letters beyond ASCII", client.Sequence{ID: "séquence", Definition: delayDefinition}, `sequence "séquence": its id is not`},
		{"the same id twice", client.Sequence{ID: "seq_a", Definition: delayDefinition}, `sequence "seq_a": listed twice`},
		{"an invalid definition", client.Sequence{ID: "seq_b", Definition: `{"steps":[{"type":"emial"}]}`}, `sequence "seq_b": its definition cannot be read as DSL: `},
		{"no JSON", client.Sequence{ID: "seq_c", Definition: "steps"}, `sequence "seq_c": its definition cannot be read as DSL: `},
	}
	e := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: delayDefinition})
	before := e.Files()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := e.Add(tt.seq)
			var seqErr *SequenceError
			if !errors.As(err, &seqErr) || seqErr.ID != tt.seq.ID || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Add: %v; want a *SequenceError starting %q", err, tt.want)
			}
			if e.Len() != 1 || !maps.EqualFunc(e.Files(), before, func(a, b []byte) bool { return string(a) == string(b) }) {
				t.Errorf("a refused sequence changed the export")
			}
		})
	}
}

// The folder is a configuration of its own: it requires kraiter/kraiter, which terraform init
// would otherwise take for hashicorp/kraiter.
func TestVersionsRequiresTheProvider(t *testing.T) {
	src := newExport(t, CompileFunction, client.Sequence{ID: "seq_a", Name: "A", Definition: delayDefinition}).Files()[VersionsFile]
	f, diags := hclsyntax.ParseConfig(src, VersionsFile, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %s\n%s", VersionsFile, diags, src)
	}
	var source cty.Value
	for _, tf := range f.Body.(*hclsyntax.Body).Blocks {
		for _, req := range tf.Body.Blocks {
			if tf.Type == "terraform" && req.Type == "required_providers" {
				source = attributeValue(t, req.Body, "kraiter").GetAttr("source")
			}
		}
	}
	if source.IsNull() || source.AsString() != "kraiter/kraiter" {
		t.Errorf("%s does not require kraiter/kraiter:\n%s", VersionsFile, src)
	}
}

func TestNewRefusesAnUnknownMode(t *testing.T) {
	t.Parallel()
	if _, err := New("macro"); err == nil || err.Error() != `compile mode "macro": use "function" or "data-source"` {
		t.Errorf("New(macro): %v", err)
	}
}

// parseResources parses a configuration and returns its kraiter_sequence resources by name.
func parseResources(t *testing.T, src []byte) map[string]*hclsyntax.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(src, ConfigFile, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %s\n%s", ConfigFile, diags, src)
	}
	resources := map[string]*hclsyntax.Body{}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "resource" && b.Labels[0] == "kraiter_sequence" {
			resources[b.Labels[1]] = b.Body
		}
	}
	return resources
}

func attributeValue(t *testing.T, body *hclsyntax.Body, name string) cty.Value {
	t.Helper()
	if body == nil || body.Attributes[name] == nil {
		t.Fatalf("no attribute %s", name)
	}
	v, diags := body.Attributes[name].Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return v
}
