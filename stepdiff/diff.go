package stepdiff

import (
	"cmp"
	"slices"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// StepDiff is what changed in meaning between two definitions, step by step rather than line
// by line. Its JSON form is stable, for scripts and bots:
//
//	{"equal": false,
//	 "changes": [
//	   {"kind": "added", "path": "steps[1]", "step": "condition when contact.country == \"DE\""},
//	   {"kind": "moved", "path": "steps[1].then[0]", "old_path": "steps[1]", "step": "email tmpl_tips"},
//	   {"kind": "changed", "path": "steps[2]", "old_path": "steps[2]", "step": "condition when ...",
//	    "fields": [{"name": "if.all[1]", "attribute": "seats",
//	                "old": "contact.seats >= 5", "new": "contact.seats >= 10"}]},
//	   {"kind": "removed", "path": "steps[4]", "step": "email tmpl_old"}]}
//
// "changes" is always present (empty when equal); empty keys of a change or field are left out.
type StepDiff struct {
	// Equal reports whether the definitions mean the same (their canonical forms are equal);
	// then Changes is empty.
	Equal bool `json:"equal"`
	// Changes are in the document order of the new definition, with removed steps where
	// they stood in the old one.
	Changes []Change `json:"changes"`

	oldDef, newDef *definition.Definition
}

// ChangeKind says what happened to a step.
type ChangeKind string

// Change kinds.
const (
	// ChangeAdded is a step of the new definition that the old one does not have.
	ChangeAdded ChangeKind = "added"
	// ChangeRemoved is a step of the old definition that the new one does not have.
	ChangeRemoved ChangeKind = "removed"
	// ChangeChanged is a step whose fields (template, delay, duration, rule) changed.
	ChangeChanged ChangeKind = "changed"
	// ChangeMoved is an unchanged step that now stands in another list (such as the then
	// branch of a new condition) or in another order.
	ChangeMoved ChangeKind = "moved"
)

// Change is one changed step.
type Change struct {
	Kind ChangeKind `json:"kind"`
	// Path is where the step is in the new definition, or, for a removed step, where it was
	// in the old one: "steps[2].then[0]".
	Path string `json:"path"`
	// OldPath is where a changed or moved step was in the old definition.
	OldPath string `json:"old_path,omitempty"`
	// Step describes the step (the new one for a changed step): "email tmpl_welcome after 2d",
	// "delay 2d", "condition when contact.plan == \"pro\"".
	Step string `json:"step,omitempty"`
	// Fields are what differs in a changed step.
	Fields []Field `json:"fields,omitempty"`
}

// Field is one difference in a changed step.
type Field struct {
	// Name is the field: "templateId", "delay", "duration", "if" for a whole rule, or the
	// path of one comparison inside it, such as "if.all[1]" or "if.any[0].not".
	Name string `json:"name"`
	// Attribute is the contact attribute a changed comparison is about, when both sides
	// compare the same one.
	Attribute string `json:"attribute,omitempty"`
	// Event is the event a changed event check is about, when both sides check the same one.
	Event string `json:"event,omitempty"`
	// Old and New are the values: plain for step fields, DSL text for rules.
	Old string `json:"old"`
	New string `json:"new"`
}

// Diff compares two definitions step by step. Steps are matched by content, not position, so
// inserting a step is one added change and wrapping steps in a condition is one added
// condition and the moves of the wrapped steps. Definitions that mean the same give no change.
// A nil definition is an empty one.
func Diff(oldDef, newDef *definition.Definition) *StepDiff {
	if oldDef == nil {
		oldDef = &definition.Definition{}
	}
	if newDef == nil {
		newDef = &definition.Definition{}
	}
	d := &StepDiff{Equal: oldDef.Canonical() == newDef.Canonical(), Changes: []Change{}, oldDef: oldDef, newDef: newDef}
	if d.Equal {
		return d
	}
	m := matchSteps(flattenSteps(oldDef), flattenSteps(newDef))
	d.Changes = m.changes()
	return d
}

// changes lists the matching's changes in document order of the new definition; a removed
// step comes right after the new step matched to the last unchanged step before it.
func (m *matching) changes() []Change {
	type listed struct {
		at, removedAt int // new index to sort by; old index among removed ones there, or -1
		change        Change
	}
	var list []listed
	for n := range m.newNodes {
		if c, ok := m.newChange(n); ok {
			list = append(list, listed{at: n, removedAt: -1, change: c})
		}
	}
	for o, node := range m.oldNodes {
		if m.newOf[o] < 0 {
			list = append(list, listed{at: m.commonBefore[o], removedAt: o,
				change: Change{Kind: ChangeRemoved, Path: node.path, Step: stepText(node.step)}})
		}
	}
	slices.SortStableFunc(list, func(a, b listed) int {
		return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.removedAt, b.removedAt))
	})
	changes := make([]Change, len(list))
	for i, p := range list {
		changes[i] = p.change
	}
	return changes
}

// newChange is the change of the new step n, if it has one.
func (m *matching) newChange(n int) (Change, bool) {
	node := m.newNodes[n]
	c := Change{Path: node.path, Step: stepText(node.step)}
	o := m.oldOf[n]
	if o < 0 {
		c.Kind = ChangeAdded
		return c, true
	}
	c.OldPath = m.oldNodes[o].path
	switch {
	case m.paired[n] == pairChanged:
		c.Kind = ChangeChanged
		c.Fields = changedFields(m.oldNodes[o].step, node.step)
	case m.paired[n] == pairMoved || !m.sameParent(o, n):
		c.Kind = ChangeMoved
	default:
		return Change{}, false
	}
	return c, true
}
