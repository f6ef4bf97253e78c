package review

import (
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// This file reads what was changed in Kraiter outside Terraform since the last apply (the
// plan's resource_drift) and what the plan does to it. Without it, an edit made in Kraiter's
// app reads, in the plan's own change, as if the pull request made its reverse.

// driftEntry is a sequence changed outside Terraform.
type driftEntry struct {
	address string
	// deleted is a sequence deleted outside Terraform.
	deleted bool
	// state is the sequence as Terraform last applied it; live as Kraiter has it now (nil
	// when deleted).
	state, live *sequenceState
	// attrs are the attributes changed outside, name, triggers and steps in that order, each
	// with what the plan does to it.
	attrs []driftAttr
	// planned is what the plan does to the sequence; "" when nothing.
	planned changeKind
}

// driftAttr is one attribute changed outside Terraform.
type driftAttr struct {
	name string // as the comment names it: "name", "triggers", "steps"
	fate fate
}

// fate is what the plan does to a change made outside Terraform.
type fate string

const (
	fateKept        fate = "kept"        // the plan leaves it as Kraiter has it
	fateReverted    fate = "reverted"    // the plan sets it back to what Terraform applied
	fateOverwritten fate = "overwritten" // the plan sets it to a third value
	fateUnknown     fate = "unknown"     // the plan's value is known only after apply
	fateDeleted     fate = "deleted"     // the plan deletes the sequence
)

// Names of the attributes a drift entry compares.
const (
	attrName     = "name"
	attrTriggers = "triggers"
	attrSteps    = "steps"
)

// readDrift lists the plan's drifted kraiter_sequence resources whose name, triggers or
// steps changed, and links each to the plan's change of the same address.
func readDrift(plan *Plan, changes []sequenceChange) []*driftEntry {
	var out []*driftEntry
	for _, rc := range plan.ResourceDrift {
		if rc == nil || rc.Change == nil || rc.Mode != tfjson.ManagedResourceMode || rc.Type != resourceType || rc.DeposedKey != "" {
			continue
		}
		e := &driftEntry{address: rc.Address, state: readSequence(newObject(rc.Change.Before, nil, rc.Change.BeforeSensitive))}
		var planned *sequenceChange
		for i := range changes {
			if c := &changes[i]; c.planAddress == rc.Address && c.address == c.planAddress && c.movedFrom == "" {
				planned = &changes[i]
			}
		}
		if planned != nil {
			e.planned = planned.kind
		}
		if rc.Change.Actions.Delete() {
			e.deleted = true
		} else {
			e.live = readSequence(newObject(rc.Change.After, nil, rc.Change.AfterSensitive))
			e.attrs = driftedAttrs(e.state, e.live, planned)
			if len(e.attrs) == 0 {
				continue // only what the comment does not show, such as updated_at, changed
			}
		}
		if planned != nil {
			planned.drift = e
		}
		out = append(out, e)
	}
	return out
}

// driftedAttrs lists the attributes that differ between state and live, each with its fate
// under the planned change (none: kept as it is).
func driftedAttrs(state, live *sequenceState, planned *sequenceChange) []driftAttr {
	var attrs []driftAttr
	for _, name := range []string{attrName, attrTriggers, attrSteps} {
		if same(name, state, live) {
			continue
		}
		attrs = append(attrs, driftAttr{name: name, fate: fateOf(name, state, live, planned)})
	}
	return attrs
}

func fateOf(name string, state, live *sequenceState, planned *sequenceChange) fate {
	switch {
	case planned == nil:
		return fateKept
	case planned.kind == kindDestroy || planned.kind == kindForget:
		return fateDeleted
	case planned.after == nil:
		return fateKept
	case !known(name, planned.after):
		return fateUnknown
	case same(name, planned.after, live):
		return fateKept
	case same(name, planned.after, state):
		return fateReverted
	}
	return fateOverwritten
}

// known reports whether an attribute's value can be compared.
func known(name string, s *sequenceState) bool {
	switch name {
	case attrName:
		return s.name.state == fieldKnown || s.name.state == fieldNull
	case attrTriggers:
		return s.triggers.state == fieldKnown || s.triggers.state == fieldNull
	}
	return s.definitionJSON.state == fieldKnown
}

// same reports whether an attribute is the same on two sides; values not shown are never.
func same(name string, a, b *sequenceState) bool {
	switch name {
	case attrName:
		return a.name.state == fieldKnown && a.name == b.name
	case attrTriggers:
		return a.triggers.equal(b.triggers)
	}
	return sameDefinition(a, b)
}

// sameDefinition reports whether two sides' definitions mean the same: the same text, or the
// same canonical form.
func sameDefinition(a, b *sequenceState) bool {
	if a.definitionJSON.state != fieldKnown || b.definitionJSON.state != fieldKnown {
		return false
	}
	if a.definitionJSON.text == b.definitionJSON.text {
		return true
	}
	da, errA := a.parsed()
	db, errB := b.parsed()
	return errA == nil && errB == nil && da.Canonical() == db.Canonical()
}

// reverts reports whether the plan sets any attribute back to what Terraform applied.
func (e *driftEntry) reverts() bool {
	for _, a := range e.attrs {
		if a.fate == fateReverted {
			return true
		}
	}
	return false
}

// fateOf is the fate of one attribute; "" when it was not changed outside.
func (e *driftEntry) fateOf(name string) fate {
	if e == nil {
		return ""
	}
	for _, a := range e.attrs {
		if a.name == name {
			return a.fate
		}
	}
	return ""
}

// onlyReverts reports whether a planned update does nothing but revert changes made outside
// Terraform: its name, triggers and steps are what Terraform last applied.
func (c *sequenceChange) onlyReverts() bool {
	e := c.drift
	if e == nil || c.kind != kindUpdate || !e.reverts() {
		return false
	}
	for _, name := range []string{attrName, attrTriggers, attrSteps} {
		if !same(name, c.after, e.state) {
			return false
		}
	}
	return true
}

// verdict says what the plan does to the changes made outside Terraform, as a sentence.
func (e *driftEntry) verdict() string {
	switch {
	case e.deleted && e.planned == kindCreate:
		return "Deleted outside Terraform. **This plan creates it again**, empty: it enrols contacts only through its triggers."
	case e.deleted:
		return "Deleted outside Terraform. This plan does not create it again."
	case e.planned == kindDestroy:
		return "**This plan deletes the sequence.**"
	case e.planned == kindForget:
		return "This plan stops managing the sequence; it stays in Kraiter as it is now."
	}
	byFate := make(map[fate][]string)
	for _, a := range e.attrs {
		byFate[a.fate] = append(byFate[a.fate], "the "+a.name)
	}
	if len(byFate) == 1 {
		switch {
		case len(byFate[fateReverted]) > 0:
			return "**This plan reverts it**: the apply sets it back to the configuration."
		case len(byFate[fateKept]) > 0:
			return "**This plan keeps it**: the configuration matches Kraiter now."
		}
	}
	var clauses []string
	for _, f := range []struct {
		fate fate
		verb string
	}{
		{fateReverted, "**reverts** %s to the configuration"},
		{fateOverwritten, "**overwrites** %s with the configuration's new value"},
		{fateKept, "**keeps** %s"},
		{fateUnknown, "sets %s to a value known only after apply"},
	} {
		if names := byFate[f.fate]; len(names) > 0 {
			clauses = append(clauses, fmt.Sprintf(f.verb, prose.Join(names, "and")))
		}
	}
	return "This plan " + prose.Join(clauses, "and") + "."
}

// revertKeys are the step changes that would undo a change made outside Terraform, each as
// a key in the coordinates of the live definition (see revertKey). They serve a plan that
// changes the steps further than back to what Terraform applied.
func revertKeys(drift *stepdiff.StepDiff) map[string]bool {
	keys := map[string]bool{}
	for _, c := range drift.Changes {
		switch c.Kind {
		case stepdiff.ChangeAdded:
			keys[revertKey(stepdiff.ChangeRemoved, c.Path, c.Step)] = true
		case stepdiff.ChangeRemoved:
			keys[revertKey(stepdiff.ChangeAdded, c.Path, c.Step)] = true
		case stepdiff.ChangeMoved:
			// Which steps of a reordering a diff calls moved is a matter of choice: when the
			// order changed outside, every step the plan moves is taken for a revert.
			keys[revertKey(stepdiff.ChangeMoved)] = true
		case stepdiff.ChangeChanged:
			for _, f := range c.Fields {
				keys[revertKey(stepdiff.ChangeChanged, c.Path, f.Name, f.New, f.Old)] = true
			}
		}
	}
	return keys
}

// revertKey names a step change by its kind and where it stands in the live definition, so
// that a change made outside and the plan's change that undoes it share a key.
func revertKey(kind stepdiff.ChangeKind, parts ...string) string {
	key := string(kind)
	for _, p := range parts {
		key += "\x00" + p
	}
	return key
}

// isRevert reports whether one of the plan's step changes (from the live definition to the
// planned one) undoes a change made outside Terraform.
func isRevert(keys map[string]bool, c *stepdiff.Change, f *stepdiff.Field) bool {
	livePath := c.Path
	if c.OldPath != "" {
		livePath = c.OldPath
	}
	switch c.Kind {
	case stepdiff.ChangeRemoved, stepdiff.ChangeAdded:
		return keys[revertKey(c.Kind, c.Path, c.Step)]
	case stepdiff.ChangeMoved:
		return keys[revertKey(stepdiff.ChangeMoved)]
	case stepdiff.ChangeChanged:
		return f != nil && keys[revertKey(stepdiff.ChangeChanged, livePath, f.Name, f.Old, f.New)]
	}
	return false
}

// driftDiff compares the definition Terraform applied with the one Kraiter has now; nil when
// either cannot be read.
func (e *driftEntry) driftDiff() *stepdiff.StepDiff {
	if e.live == nil {
		return nil
	}
	state, errS := e.state.parsed()
	live, errL := e.live.parsed()
	if state == nil || live == nil || errS != nil || errL != nil {
		return nil
	}
	return stepdiff.Diff(state, live)
}
