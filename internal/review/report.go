package review

import (
	"cmp"
	"context"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// Report is the review as data, for bots: what the comment says, without its Markdown, its
// DSL and its graphs, which are views of the definitions, and with no limit on its length.
// It is kraiter review --format json.
type Report struct {
	Title string `json:"title"`
	// NoPlan is set when there was no plan to review (Options.NoPlan).
	NoPlan bool `json:"no_plan"`
	// Errored reports whether the plan stopped at an error, by its own mark or by a failed
	// condition that stops plans.
	Errored     bool          `json:"errored"`
	FailedSteps []FailedStep  `json:"failed_steps"`
	Checks      []CheckResult `json:"failed_checks"`
	Renames     []Rename      `json:"renames"`
	// StateBackendWarning is set when every change creates an id that exists already.
	StateBackendWarning bool           `json:"state_backend_warning"`
	Live                LiveReport     `json:"live"`
	Drift               []DriftReport  `json:"changed_outside_terraform"`
	Changes             []ChangeReport `json:"changes"`
}

// LiveReport says whether the account was read.
type LiveReport struct {
	Fetched bool `json:"fetched"`
	// Reason says why it was not.
	Reason string `json:"reason,omitempty"`
}

// SequenceReport is one side of a change. Values not shown are null, and named in Unknown
// (known only after apply) or Sensitive.
type SequenceReport struct {
	ID        *string   `json:"id"`
	Name      *string   `json:"name"`
	Triggers  []Trigger `json:"triggers"`
	Steps     *int      `json:"steps"`
	Unknown   []string  `json:"unknown,omitempty"`
	Sensitive []string  `json:"sensitive,omitempty"`
	// Invalid says why a known definition cannot be read.
	Invalid string `json:"invalid_definition,omitempty"`
}

// DriftReport is a sequence changed outside Terraform since the last apply.
type DriftReport struct {
	Address string `json:"address"`
	Deleted bool   `json:"deleted"`
	// Planned is what the plan does to the sequence: a change kind, or "" for nothing.
	Planned    string            `json:"planned"`
	Attributes []DriftAttribute  `json:"attributes"`
	Applied    *SequenceReport   `json:"applied"`
	InKraiter  *SequenceReport   `json:"in_kraiter"`
	Steps      []stepdiff.Change `json:"step_changes"`
}

// DriftAttribute is an attribute changed outside Terraform, and its fate under the plan:
// "kept", "reverted", "overwritten", "unknown" or "deleted".
type DriftAttribute struct {
	Name string `json:"name"`
	Fate string `json:"fate"`
}

// ChangeReport is one planned change of a kraiter_sequence.
type ChangeReport struct {
	Kind       string          `json:"kind"`
	Address    string          `json:"address"`
	MovedFrom  string          `json:"moved_from,omitempty"`
	ReplacedBy []string        `json:"replaced_by,omitempty"`
	Before     *SequenceReport `json:"before"`
	After      *SequenceReport `json:"after"`
	// Steps are the step changes of an update or replacement; null when they cannot be
	// compared (StepsUnavailable says why) or for other kinds.
	Steps            []stepdiff.Change `json:"step_changes"`
	StepsUnavailable string            `json:"steps_unavailable,omitempty"`
	// Reverts names the attributes the change sets back after a change outside Terraform;
	// OnlyReverts is set when that is all it does.
	Reverts     []string `json:"reverts,omitempty"`
	OnlyReverts bool     `json:"only_reverts"`
	// Live are the account's figures: enrolments of a sequence updated, replaced or
	// destroyed, whether the id of a created one exists.
	Live      *LiveFigures     `json:"live,omitempty"`
	Templates []TemplateReport `json:"templates_swapped,omitempty"`
	Contacts  []ContactReport  `json:"contacts,omitempty"`
}

// LiveFigures are what the account said of one sequence.
type LiveFigures struct {
	*SequenceStatus
	Exists *bool `json:"exists,omitempty"`
	// NotFetched says why nothing was fetched.
	NotFetched string `json:"not_fetched,omitempty"`
}

// TemplateReport is a changed template id, with both templates as the account has them.
type TemplateReport struct {
	Path   string           `json:"path"`
	Before TemplateLookedUp `json:"before"`
	After  TemplateLookedUp `json:"after"`
}

// TemplateLookedUp is a template of a swap: Template is null when it was not found, or not
// fetched (NotFetched says why).
type TemplateLookedUp struct {
	ID         string    `json:"id"`
	Template   *Template `json:"template"`
	NotFetched string    `json:"not_fetched,omitempty"`
}

// ContactReport is a sample contact carried through a change: Before is null for a create.
type ContactReport struct {
	Name    string      `json:"name"`
	Before  *ContactRun `json:"before"`
	After   *ContactRun `json:"after"`
	Changed bool        `json:"changed"`
}

// ContactRun is what a contact is sent through one definition.
type ContactRun struct {
	Sends []Send `json:"sends"`
	// StillRunningAt is the contact's until, when it stops the run before its end.
	StillRunningAt string `json:"still_running_at,omitempty"`
}

// Send is one email: its template, and when after the enrolment.
type Send struct {
	TemplateID string `json:"template_id"`
	After      string `json:"after"`
}

// NewReport reviews a plan as data.
func NewReport(ctx context.Context, plan *Plan, opts Options) *Report {
	r, done := newReview(ctx, plan, opts)
	defer done()
	rep := &Report{
		Title:               opts.title(),
		NoPlan:              opts.NoPlan,
		Errored:             errored(plan, r.checks),
		FailedSteps:         append([]FailedStep{}, opts.Failed...),
		Checks:              append([]CheckResult{}, r.checks...),
		Renames:             append([]Rename{}, r.renames...),
		StateBackendWarning: allCreatesExist(r.changes),
		Live:                LiveReport{Fetched: r.live != nil},
		Drift:               []DriftReport{},
		Changes:             []ChangeReport{},
	}
	if r.live == nil {
		rep.Live.Reason = cmp.Or(opts.NoAccount, noAccount)
	}
	for _, e := range r.drift {
		rep.Drift = append(rep.Drift, driftReport(e))
	}
	for i := range r.changes {
		rep.Changes = append(rep.Changes, r.changeReport(&r.changes[i]))
	}
	return rep
}

func driftReport(e *driftEntry) DriftReport {
	d := DriftReport{Address: e.address, Deleted: e.deleted, Planned: string(e.planned), Attributes: []DriftAttribute{},
		Applied: sequenceReport(e.state, nil), InKraiter: sequenceReport(e.live, nil)}
	for _, a := range e.attrs {
		d.Attributes = append(d.Attributes, DriftAttribute{Name: a.name, Fate: string(a.fate)})
	}
	if diff := e.driftDiff(); diff != nil {
		d.Steps = diff.Changes
	}
	return d
}

// sequenceReport is one side of a change; def is its parsed definition when the caller has
// it.
func sequenceReport(s *sequenceState, def *definition.Definition) *SequenceReport {
	if s == nil {
		return nil
	}
	rep := &SequenceReport{}
	for _, f := range []struct {
		name  string
		field field
		to    **string
	}{{"id", s.id, &rep.ID}, {"name", s.name, &rep.Name}} {
		switch f.field.state {
		case fieldKnown:
			text := f.field.text
			*f.to = &text
		case fieldUnknown:
			rep.Unknown = append(rep.Unknown, f.name)
		case fieldSensitive:
			rep.Sensitive = append(rep.Sensitive, f.name)
		case fieldNull: // left out
		}
	}
	switch s.triggers.state {
	case fieldKnown:
		rep.Triggers = s.triggers.items
	case fieldUnknown:
		rep.Unknown = append(rep.Unknown, "triggers")
	case fieldSensitive:
		rep.Sensitive = append(rep.Sensitive, "triggers")
	case fieldNull: // left out
	}
	switch s.definitionJSON.state {
	case fieldUnknown:
		rep.Unknown = append(rep.Unknown, "definition")
	case fieldSensitive:
		rep.Sensitive = append(rep.Sensitive, "definition")
	case fieldKnown:
		var err error
		if def == nil {
			def, err = s.parsed()
		}
		if err != nil {
			rep.Invalid = strings.Join(strings.Fields(err.Error()), " ")
			break
		}
		n := 0
		def.Walk(func(string, *definition.Step) { n++ })
		rep.Steps = &n
	case fieldNull: // left out
	}
	return rep
}

func (r *review) changeReport(c *sequenceChange) ChangeReport {
	oldDef, oldErr := c.before.parsed()
	newDef, newErr := c.after.parsed()
	rep := ChangeReport{Kind: string(c.kind), Address: c.address, MovedFrom: c.movedFrom, ReplacedBy: c.replacedBy,
		Before: sequenceReport(c.before, oldDef), After: sequenceReport(c.after, newDef), OnlyReverts: c.onlyReverts()}
	if c.drift != nil {
		for _, a := range c.drift.attrs {
			if a.fate == fateReverted {
				rep.Reverts = append(rep.Reverts, a.name)
			}
		}
	}
	if r.live != nil && (c.live.status != nil || c.live.exists != nil || c.live.reason != "") {
		rep.Live = &LiveFigures{SequenceStatus: c.live.status, Exists: c.live.exists, NotFetched: c.live.reason}
	}
	if c.kind == kindUpdate || c.kind == kindReplace {
		if oldDef == nil || newDef == nil {
			rep.StepsUnavailable = stepsUnavailable(c.before, oldErr, c.after, newDef, newErr)
		} else {
			diff := stepdiff.Diff(oldDef, newDef)
			rep.Steps = diff.Changes
			if swaps := r.liveTemplateSwaps(diff, oldDef, newDef); len(swaps) > 0 {
				lookups := r.lookUp(swaps)
				for _, s := range swaps {
					rep.Templates = append(rep.Templates, TemplateReport{Path: s.path, Before: lookedUp(s.old, lookups[s.old]), After: lookedUp(s.new, lookups[s.new])})
				}
			}
		}
	}
	newSide := newDef
	if c.kind == kindDestroy || c.kind == kindForget {
		newSide = nil
	}
	if newSide != nil {
		oldSide := oldDef
		if c.kind == kindCreate {
			oldSide = nil
		}
		for _, contact := range r.opts.Contacts {
			if appliesTo(contact, c) {
				rep.Contacts = append(rep.Contacts, contactReport(contact, oldSide, newSide, c.kind == kindCreate))
			}
		}
	}
	return rep
}

func lookedUp(id string, l *templateLookup) TemplateLookedUp {
	<-l.done
	return TemplateLookedUp{ID: id, Template: l.template, NotFetched: l.reason}
}

func contactReport(c dsltest.Contact, oldDef, newDef *definition.Definition, create bool) ContactReport {
	after := definition.Simulate(newDef, c.Input)
	rep := ContactReport{Name: c.Name, After: contactRun(c.Input, after)}
	if !create && oldDef != nil {
		before := definition.Simulate(oldDef, c.Input)
		rep.Before = contactRun(c.Input, before)
		rep.Changed = sendsText(c.Input, before) != sendsText(c.Input, after)
	}
	return rep
}

// contactRun is what a simulation of a contact (in) did, for the report.
func contactRun(in definition.SimulationInput, res definition.SimulationResult) *ContactRun {
	run := &ContactRun{Sends: []Send{}}
	for _, s := range res.Sends {
		run.Sends = append(run.Sends, Send{TemplateID: s.TemplateID, After: definition.FormatOffset(s.After)})
	}
	if !res.Completed && in.Until > 0 {
		run.StillRunningAt = definition.FormatOffset(in.Until)
	}
	return run
}
