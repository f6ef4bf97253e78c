package review

import (
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestSequenceChanges(t *testing.T) {
	t.Parallel()
	a := sequenceValues("seq_a", "A", defWelcome)
	b := sequenceValues("seq_b", "B", defWelcome)

	noop := resourceChange("kraiter_sequence.noop", tfjson.Actions{tfjson.ActionNoop}, a, a)
	read := resourceChange("kraiter_sequence.read", tfjson.Actions{tfjson.ActionRead}, nil, a)
	data := resourceChange("data.kraiter_sequence.d", actCreate, nil, a)
	data.Mode = tfjson.DataResourceMode
	other := resourceChange("other_thing.x", actCreate, nil, a)
	other.Type = "other_thing"
	createFirst := resourceChange("kraiter_sequence.cbd", tfjson.Actions{tfjson.ActionCreate, tfjson.ActionDelete}, a, b)
	createFirst.Change.ReplacePaths = []any{[]any{"id"}, []any{"id"}, []any{"triggers", 0.0, "type"}}
	moved := resourceChange("kraiter_sequence.moved", actUpdate, a, b)
	moved.PreviousAddress = "kraiter_sequence.old"
	deposed := resourceChange("kraiter_sequence.deposed", actDelete, a, nil)
	deposed.DeposedKey = "00000001"
	forget := resourceChange("kraiter_sequence.forget", tfjson.Actions{tfjson.ActionForget}, a, nil)

	plan := planOf(
		resourceChange("kraiter_sequence.create", actCreate, nil, a),
		noop, read, data, other, forget, moved,
		resourceChange("kraiter_sequence.destroy", actDelete, a, nil),
		createFirst,
		resourceChange("kraiter_sequence.replace", actReplace, a, b),
		deposed,
		nil,
	)
	type want struct {
		address, movedFrom string
		kind               changeKind
		before, after      bool
		replacedBy         []string
	}
	wants := []want{
		{address: "kraiter_sequence.destroy", kind: kindDestroy, before: true},
		{address: "kraiter_sequence.deposed (deposed object 00000001)", kind: kindDestroy, before: true},
		{address: "kraiter_sequence.cbd", kind: kindReplace, before: true, after: true, replacedBy: []string{"id", "triggers"}},
		{address: "kraiter_sequence.replace", kind: kindReplace, before: true, after: true},
		{address: "kraiter_sequence.moved", movedFrom: "kraiter_sequence.old", kind: kindUpdate, before: true, after: true},
		{address: "kraiter_sequence.create", kind: kindCreate, after: true},
		{address: "kraiter_sequence.forget", kind: kindForget, before: true},
	}
	got := sequenceChanges(plan)
	if len(got) != len(wants) {
		t.Fatalf("got %d changes, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.address != w.address || g.movedFrom != w.movedFrom || g.kind != w.kind ||
			(g.before != nil) != w.before || (g.after != nil) != w.after || !slices.Equal(g.replacedBy, w.replacedBy) {
			t.Errorf("change %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestReadSequence(t *testing.T) {
	t.Parallel()
	s := readSequence(newObject(sequenceValues("seq_a", "A", defWelcomeTips, eventTrigger("signed_up")), nil, nil))
	def, err := s.parsed()
	if s.id.text != "seq_a" || s.name.text != "A" || s.triggers.text() != "event `signed_up`" || def == nil || len(def.Steps) != 3 || err != nil {
		t.Errorf("readSequence = %+v, parsed %v, %v", s, def, err)
	}
	invalid := readSequence(newObject(sequenceValues("seq_a", "A", `{"steps":[{"type":"emial"}]}`), nil, nil))
	if def, err := invalid.parsed(); def != nil || err == nil {
		t.Errorf("an invalid definition: def %v, error %v", def, err)
	}
	unknown := readSequence(newObject(sequenceValues("seq_a", "A", ""), map[string]any{"definition": true}, nil))
	if def, err := unknown.parsed(); def != nil || err != nil || unknown.definitionJSON.state != fieldUnknown {
		t.Errorf("an unknown definition: %+v", unknown)
	}
}
