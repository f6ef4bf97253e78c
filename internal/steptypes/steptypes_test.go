package steptypes_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// stepSamples holds one step of every step type of the definition's table, as JSON with every
// field of the type set. TestEveryStepType carries each through every tool; a new step type
// needs a sample here, and a new field kind a value in changeField.
var stepSamples = map[definition.StepType]string{
	definition.StepEmail: `{"type":"email","templateId":"tmpl_sample","delay":"1h"}`,
	definition.StepDelay: `{"type":"delay","duration":"2d"}`,
	definition.StepCondition: `{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},` +
		`"then":[{"type":"delay","duration":"1d"}],"else":[{"type":"email","templateId":"tmpl_other"}]}`,
}

// sampleContact is the contact the samples run for, in the simulation and on the server.
var sampleContact = definition.SimulationInput{Attributes: map[string]any{"plan": "pro"}, Subscribed: true}

// changeField sets the field f of s to another valid value; it reports false for a step list,
// whose changes are the steps', and for a kind it does not know, after saying so.
func changeField(t *testing.T, f *definition.Field, s *definition.Step) bool {
	t.Helper()
	switch f.Kind {
	case definition.FieldTemplateID:
		f.SetText(s, "tmpl_changed")
	case definition.FieldDuration:
		f.SetText(s, "5h")
	case definition.FieldRule:
		f.SetRule(s, &definition.Rule{Event: "changed", Op: definition.OpPerformed})
	case definition.FieldSteps:
		return false
	default:
		t.Errorf("changeField cannot change %s, a field of kind %v: give it another valid value of the kind", f.Name, f.Kind)
		return false
	}
	return true
}

// TestEveryStepType walks every entry of the step table and checks that each tool handles a
// definition with that step type: parsing and the canonical form, the DSL both ways, the graph,
// the step diff, the simulation and the local server's validation, engine and dry run. Each
// part runs whatever the others did, and a part that panics is reported as failing, so that
// one run lists everything a new step type still lacks.
func TestEveryStepType(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	srv.CreateContact(t, "con_sample", "sample@example.com", sampleContact.Attributes, sampleContact.Subscribed)
	templates := map[string]bool{}
	for _, typ := range definition.StepTypes() {
		t.Run(string(typ), func(t *testing.T) {
			sample, ok := stepSamples[typ]
			if !ok {
				t.Errorf("stepSamples has no step of type %q: add one with every field set", typ)
				return
			}
			var def *definition.Definition
			part(t, "parse", func() { def = checkParse(t, typ, sample) })
			if def == nil {
				return
			}
			part(t, "the DSL", func() { checkDSL(t, def) })
			part(t, "the graph", func() { checkGraph(t, def) })
			part(t, "the step diff", func() { checkDiff(t, def) })
			var sim definition.SimulationResult
			part(t, "the simulation", func() { sim = checkSimulation(t, typ, def) })
			part(t, "the local server", func() { checkServer(t, srv, templates, typ, def, sim) })
		})
	}
}

// part runs one part of the step-type test, reporting a panic as its failure so that the
// parts after it still run.
func part(t *testing.T, name string, check func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s panics: %v", name, r)
		}
	}()
	check()
}

// checkParse parses the sample, checks that it uses every field and that the problems of its
// fields follow the table, and that its canonical form is a fixed point.
func checkParse(t *testing.T, typ definition.StepType, sample string) *definition.Definition {
	t.Helper()
	var step map[string]json.RawMessage
	if err := json.Unmarshal([]byte(sample), &step); err != nil {
		t.Errorf("the sample is not a JSON object: %v", err)
		return nil
	}
	for _, f := range typ.Fields() {
		value, ok := step[f.Name]
		if !ok {
			t.Errorf("the sample does not set the field %q; set every field", f.Name)
		}
		if f.Required {
			delete(step, f.Name)
			wantProblem(t, withStep(t, step), "steps[0]."+f.Name, "is required")
			step[f.Name] = value
		}
	}
	step["bogus"] = json.RawMessage("1")
	wantProblem(t, withStep(t, step), "steps[0].bogus", `unknown field "bogus"; expected "type"`)
	delete(step, "bogus")
	step["type"] = json.RawMessage(strconv.Quote(string(typ[:len(typ)-1])))
	wantProblem(t, withStep(t, step), "steps[0].type", `did you mean "`+string(typ)+`"?`)

	def, err := definition.ParseString(`{"steps":[` + sample + `]}`)
	if err != nil {
		t.Errorf("parse the sample: %v", err)
		return nil
	}
	if def.Steps[0].Type != typ {
		t.Errorf("the sample parsed as a %q step", def.Steps[0].Type)
		return nil
	}
	canonical := def.Canonical()
	again, err := definition.Canonicalize([]byte(canonical))
	if err != nil || again != canonical {
		t.Errorf("the canonical form does not parse to itself (%v):\n once %s\ntwice %s", err, canonical, again)
	}
	return def
}

// withStep is a definition of the one step.
func withStep(t *testing.T, step map[string]json.RawMessage) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"steps": []any{step}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// wantProblem parses doc and fails unless one of its problems is at path and says contains.
func wantProblem(t *testing.T, doc, path, contains string) {
	t.Helper()
	_, err := definition.ParseString(doc)
	var verr *definition.ValidationError
	if !errors.As(err, &verr) {
		t.Errorf("parse %s: want problems, got %v", doc, err)
		return
	}
	for _, p := range verr.Problems {
		if p.Path == path && strings.Contains(p.Message, contains) {
			return
		}
	}
	t.Errorf("parse %s: want a problem at %s containing %q, got %v", doc, path, contains, verr.Problems)
}

// checkDSL decompiles the definition and compiles the text back.
func checkDSL(t *testing.T, def *definition.Definition) {
	t.Helper()
	text := dsl.Decompile(def)
	res, diags := dsl.Compile(text, dsl.Options{Filename: "sample.kraiter.hcl"})
	if diags.HasErrors() {
		t.Errorf("the decompiled sample does not compile: %s\n%s", diags.Error(), text)
		return
	}
	if got, want := string(res.JSON), def.Canonical(); got != want {
		t.Errorf("decompile then compile changed the definition:\n got %s\nwant %s\ntext:\n%s", got, want, text)
	}
}

// checkGraph draws the definition as all new and checks that the step's node is declared.
func checkGraph(t *testing.T, def *definition.Definition) {
	t.Helper()
	graph := stepdiff.GraphDiff(nil, def)
	var marked []string
	for _, line := range strings.Split(graph, "\n") {
		if ids, ok := strings.CutPrefix(line, "  class "); ok && strings.HasSuffix(ids, " added") {
			marked = strings.Split(strings.TrimSuffix(ids, " added"), ",")
		}
	}
	if len(marked) == 0 {
		t.Errorf("the graph marks no node added:\n%s", graph)
		return
	}
	declared := slices.ContainsFunc(strings.Split(graph, "\n"), func(line string) bool {
		return strings.HasPrefix(line, "  "+marked[0]) && !strings.Contains(line, "-->") && len(line) > len("  "+marked[0])
	})
	if !declared {
		t.Errorf("the graph does not declare the node %s of steps[0]:\n%s", marked[0], graph)
	}
}

// checkDiff checks that adding, removing and changing the step is reported.
func checkDiff(t *testing.T, def *definition.Definition) {
	t.Helper()
	empty := &definition.Definition{}
	for _, tc := range []struct {
		kind     stepdiff.ChangeKind
		old, new *definition.Definition
	}{
		{stepdiff.ChangeAdded, empty, def},
		{stepdiff.ChangeRemoved, def, empty},
	} {
		d := stepdiff.Diff(tc.old, tc.new)
		if !slices.ContainsFunc(d.Changes, func(c stepdiff.Change) bool { return c.Kind == tc.kind && c.Path == "steps[0]" && c.Step != "" }) {
			t.Errorf("the diff does not report steps[0] %s: %+v", tc.kind, d.Changes)
		}
	}
	fields := def.Steps[0].Type.Fields()
	for i := range fields {
		f := &fields[i]
		changed := &definition.Definition{Steps: slices.Clone(def.Steps)}
		if !changeField(t, f, &changed.Steps[0]) {
			continue
		}
		d := stepdiff.Diff(def, changed)
		if len(d.Changes) != 1 || d.Changes[0].Kind != stepdiff.ChangeChanged || len(d.Changes[0].Fields) != 1 || d.Changes[0].Fields[0].Name != f.Name {
			t.Errorf("changing %s: the diff reports %+v, want steps[0] changed in %s", f.Name, d.Changes, f.Name)
		}
	}
}

// checkSimulation runs the sample contact through the definition and checks that the step was
// passed and shows on the timeline.
func checkSimulation(t *testing.T, typ definition.StepType, def *definition.Definition) definition.SimulationResult {
	t.Helper()
	res := definition.Simulate(def, sampleContact)
	if len(res.Steps) == 0 || res.Steps[0].Path != "steps[0]" || res.Steps[0].Type != typ {
		t.Errorf("the simulation did not report steps[0] as a %s step first: %+v", typ, res.Steps)
		return res
	}
	if !res.Completed {
		t.Errorf("the simulation did not complete: %+v", res)
	}
	timeline := stepdiff.Timeline(def, res)
	if len(timeline) != len(res.Steps) || !strings.HasSuffix(timeline[0], "(steps[0])") || strings.Contains(timeline[0], "not in the definition") {
		t.Errorf("the timeline does not show steps[0]: %q", timeline)
	}
	return res
}

// checkServer creates a sequence of the definition on the local server, checks that its dry
// run is the simulation, and that the engine sends what the simulation sends.
// templates holds the templates created so far.
func checkServer(t *testing.T, srv *localservertest.Instance, templates map[string]bool, typ definition.StepType, def *definition.Definition, sim definition.SimulationResult) {
	t.Helper()
	def.Walk(func(_ string, s *definition.Step) {
		for _, f := range s.Type.Fields() {
			if f.Kind == definition.FieldTemplateID && !templates[f.Text(s)] {
				srv.CreateTemplate(t, f.Text(s), "Template "+f.Text(s), "Subject of "+f.Text(s))
				templates[f.Text(s)] = true
			}
		}
	})
	id, event := "seq_sample_"+string(typ), "sample_"+string(typ)
	srv.CreateSequence(t, id, "Sample "+string(typ), def.Canonical(), localserver.Trigger{Type: localserver.TriggerEvent, EventName: event})

	resp := srv.Do(t, http.MethodPost, "/v1/sequences/"+id+"/dry-run", map[string]any{"contactId": "con_sample"})
	if resp.Status != http.StatusOK {
		t.Errorf("dry run: status %d: %s", resp.Status, resp.Body)
		return
	}
	var dry localserver.DryRunResult
	resp.Decode(t, &dry)
	want := make([]localserver.DryRunStep, len(sim.Steps))
	for i, s := range sim.Steps {
		want[i] = localserver.DryRunStep{Path: s.Path, Type: string(s.Type), TemplateID: s.TemplateID, WouldSend: s.WouldSend, Duration: s.Duration, Matched: s.Matched, Reason: s.Reason}
	}
	if got, want := stepsJSON(t, dry.Steps), stepsJSON(t, want); got != want {
		t.Errorf("the dry run differs from the simulation:\n got %s\nwant %s", got, want)
	}

	if enrolled := srv.SendEvent(t, "con_sample", event); !slices.Equal(enrolled, []string{id}) {
		t.Errorf("the event enrolled in %v, want %s", enrolled, id)
		return
	}
	srv.AdvanceClock(t, "30d")
	var sent, simulated []string
	for _, s := range srv.Sends(t, id) {
		sent = append(sent, s.TemplateID)
	}
	for _, s := range sim.Sends {
		simulated = append(simulated, s.TemplateID)
	}
	if !slices.Equal(sent, simulated) {
		t.Errorf("the engine sent %v, the simulation %v", sent, simulated)
	}
}

func stepsJSON(t *testing.T, steps []localserver.DryRunStep) string {
	t.Helper()
	b, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
