// Package review writes a pull-request comment on what a Terraform or OpenTofu plan does to
// Kraiter sequences. It opens with what a reviewer must see first: a plan that errored,
// failed checks, a sequence destroyed and created again under another address; then a
// summary line per created, updated, replaced or destroyed kraiter_sequence, what was
// changed outside Terraform, and for each change what it does to the name, triggers and
// steps and to the contacts in it, the diff of its DSL, its graph with the changes marked
// and, for sample contacts, the emails each would be sent before and after. It reads the
// plan's JSON (terraform show -json PLANFILE) and, through an Account, the live account;
// it never writes a value the plan marks sensitive.
package review

import (
	"cmp"
	"context"
	"strings"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/dsltest"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// Options say how Render and NewReport review a plan.
type Options struct {
	// Title heads the comment; "Kraiter sequences" when empty.
	Title string
	// Contacts are carried through every changed sequence they apply to.
	Contacts []dsltest.Contact
	// MaxLength bounds the comment, in bytes; GitHubCommentLimit when zero.
	MaxLength int
	// Account is the live Kraiter account, read for enrolment figures, templates and
	// whether created ids exist; nil leaves them out, NoAccount saying why.
	Account Account
	// NoAccount says why there is no Account, as the comment shows it: "no API key".
	NoAccount string
	// LiveTimeout bounds all calls to the account together; DefaultLiveTimeout when zero.
	LiveTimeout time.Duration
	// Failed are the steps of the pull request's checks that failed before the review.
	Failed []FailedStep
	// NoPlan is set when there is no plan to review, as when planning failed before it
	// could save one: the comment says so, after the failed steps.
	NoPlan bool
}

const (
	defaultTitle = "Kraiter sequences"
	maxTitle     = 200
)

// title is the comment's title, in the Markdown and the JSON alike: the one given, on one
// line and bounded, or the default when it is empty or blank.
func (o Options) title() string {
	return markdown.Shorten(cmp.Or(strings.Join(strings.Fields(o.Title), " "), defaultTitle), maxTitle)
}

// review is what the comment and the report say, read from the plan and the account.
type review struct {
	opts    Options
	plan    *Plan
	checks  []CheckResult
	changes []sequenceChange
	drift   []*driftEntry
	renames []Rename
	live    *live // nil when there is no account
}

// newReview reads the plan, and the account when there is one; done ends its calls.
func newReview(ctx context.Context, plan *Plan, opts Options) (r *review, done func()) {
	r = &review{opts: opts, plan: plan, checks: failedChecks(plan), changes: sequenceChanges(plan)}
	r.drift = readDrift(plan, r.changes)
	done = func() {}
	if opts.Account != nil {
		r.live, done = newLive(ctx, opts.Account, cmp.Or(opts.LiveTimeout, DefaultLiveTimeout))
		r.live.fetchChanges(r.changes)
	}
	r.renames = findRenames(r.changes)
	return r, done
}

// Render writes the review of a plan's kraiter_sequence changes as one Markdown comment,
// within Options.MaxLength.
func Render(ctx context.Context, plan *Plan, opts Options) string {
	r, done := newReview(ctx, plan, opts)
	defer done()
	return r.document().fit(cmp.Or(opts.MaxLength, GitHubCommentLimit))
}

// document lays the comment out: the heading with what must be seen first, the summary
// table, then a section per drifted sequence and per change.
func (r *review) document() *document {
	var h strings.Builder
	h.WriteString("## " + markdown.Heading(r.opts.title()) + "\n\n")
	banner := erroredText(r.plan, r.checks)
	h.WriteString(banner)
	h.WriteString(failedStepsText(r.opts.Failed))
	h.WriteString(checksText(r.checks))
	h.WriteString(renamesText(r.renames))
	if allCreatesExist(r.changes) {
		h.WriteString(stateBackendWarning)
	}
	errored := banner != ""
	switch {
	case r.opts.NoPlan:
		h.WriteString("No plan to review: planning did not finish. Fix the failures above and push again.\n")
	case len(r.changes) == 0 && errored:
		h.WriteString("No Kraiter sequence changes were planned before the error.\n")
	case len(r.changes) == 0:
		h.WriteString("No Kraiter sequence changes.\n")
	case errored:
		h.WriteString("**Plan, up to the error:** " + counts(r.changes) + ".\n")
	default:
		h.WriteString("**Plan:** " + counts(r.changes) + ".\n")
	}
	if r.live == nil && len(r.changes) > 0 {
		h.WriteString("\n" + liveNotFetchedText(r.opts.NoAccount))
	}
	d := &document{heading: h.String()}
	reverts := false
	for i := range r.changes {
		c := &r.changes[i]
		d.rows = append(d.rows, summaryRow(c))
		reverts = reverts || c.drift != nil && c.drift.reverts()
	}
	if reverts {
		d.legend = revertMark + " The update reverts changes made outside Terraform: see **Changed outside Terraform** below.\n\n"
	}
	d.sections = r.driftSections()
	for i := range r.changes {
		d.sections = append(d.sections, r.changeSection(&r.changes[i]))
	}
	return d
}
