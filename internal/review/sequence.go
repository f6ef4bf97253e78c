package review

import (
	"cmp"
	"fmt"
	"slices"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// resourceType is the provider's resource whose changes are reviewed.
const resourceType = "kraiter_sequence"

// changeKind is what the plan does to a sequence.
type changeKind string

// Change kinds, in the order the comment lists them: what loses contacts' enrolments first,
// so that it survives when a long comment is cut short.
const (
	kindDestroy changeKind = "destroy"
	kindReplace changeKind = "replace"
	kindUpdate  changeKind = "update"
	kindCreate  changeKind = "create"
	kindForget  changeKind = "forget"
)

var kindOrder = []changeKind{kindDestroy, kindReplace, kindUpdate, kindCreate, kindForget}

// sequenceChange is one planned change of a kraiter_sequence.
type sequenceChange struct {
	// address is the resource's address as the comment names it; planAddress as the plan
	// does, which differs for a deposed object.
	address, planAddress string
	// movedFrom is the address the resource had, when a moved block changed it.
	movedFrom string
	kind      changeKind
	// before and after are nil on the side that does not exist (before a create, after a
	// destroy or forget).
	before, after *sequenceState
	// replacedBy names the attributes whose change forces a replacement, such as "id".
	replacedBy []string
	// drift is what was changed outside Terraform in this sequence since the last apply.
	drift *driftEntry
	// live is what the account said of the sequence.
	live liveResult
	// recreated is set on a create whose id a destroy elsewhere in the plan frees: a rename
	// without a moved block, which a warning of its own covers.
	recreated bool
}

// sequenceState is a sequence's attributes on one side of a change. Its definition stays
// text until a section needs its steps: a plan of many large sequences has room in the
// comment for the steps of only a few.
type sequenceState struct {
	id, name, definitionJSON field
	triggers                 triggers
}

func readSequence(o object) *sequenceState {
	return &sequenceState{
		id:             o.stringAttr("id"),
		name:           o.stringAttr("name"),
		definitionJSON: o.stringAttr("definition"),
		triggers:       readTriggers(o),
	}
}

// parsed is a side's definition, parsed: nil with a nil error when it is not known (unknown,
// sensitive, missing), nil with the parse error when it is known but invalid.
func (s *sequenceState) parsed() (*definition.Definition, error) {
	if s == nil || s.definitionJSON.state != fieldKnown {
		return nil, nil
	}
	return definition.ParseString(s.definitionJSON.text)
}

// sequenceChanges lists the plan's changes of kraiter_sequence resources, leaving out no-ops
// and reads, by kind (kindOrder) and then in plan order.
func sequenceChanges(plan *Plan) []sequenceChange {
	var out []sequenceChange
	for _, rc := range plan.ResourceChanges {
		if rc == nil || rc.Change == nil || rc.Mode != tfjson.ManagedResourceMode || rc.Type != resourceType {
			continue
		}
		kind, ok := kindOf(rc.Change.Actions)
		if !ok {
			continue
		}
		c := sequenceChange{address: rc.Address, planAddress: rc.Address, kind: kind, replacedBy: replacePaths(rc.Change.ReplacePaths)}
		if rc.DeposedKey != "" {
			c.address = fmt.Sprintf("%s (deposed object %s)", rc.Address, rc.DeposedKey)
		}
		if rc.PreviousAddress != "" && rc.PreviousAddress != rc.Address {
			c.movedFrom = rc.PreviousAddress
		}
		if kind != kindCreate {
			c.before = readSequence(newObject(rc.Change.Before, nil, rc.Change.BeforeSensitive))
		}
		if kind == kindCreate || kind == kindUpdate || kind == kindReplace {
			c.after = readSequence(newObject(rc.Change.After, rc.Change.AfterUnknown, rc.Change.AfterSensitive))
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b sequenceChange) int {
		return cmp.Compare(slices.Index(kindOrder, a.kind), slices.Index(kindOrder, b.kind))
	})
	return out
}

func kindOf(a tfjson.Actions) (changeKind, bool) {
	switch {
	case a.Create():
		return kindCreate, true
	case a.Update():
		return kindUpdate, true
	case a.Replace():
		return kindReplace, true
	case a.Delete():
		return kindDestroy, true
	case a.Forget():
		return kindForget, true
	}
	return "", false
}

// replacePaths names the top-level attributes of the plan's replace_paths.
func replacePaths(paths []any) []string {
	var names []string
	for _, p := range paths {
		steps, _ := p.([]any)
		if len(steps) == 0 {
			continue
		}
		if name, ok := steps[0].(string); ok && !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// current is the side a summary names the sequence by: the new one, or the old one when it
// goes away.
func (c sequenceChange) current() *sequenceState {
	if c.after != nil {
		return c.after
	}
	return c.before
}

// ids are the sequence's ids on both sides, known ones only, for contacts limited to some
// sequences.
func (c sequenceChange) ids() []string {
	var ids []string
	for _, s := range []*sequenceState{c.before, c.after} {
		if s != nil && s.id.state == fieldKnown {
			ids = append(ids, s.id.text)
		}
	}
	return ids
}
