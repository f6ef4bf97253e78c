package review

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// Account is what the review reads from the live Kraiter account: the figures that say who
// a change affects, and what a plan cannot know. The review calls it from several
// goroutines at once, within Options.LiveTimeout in all.
type Account interface {
	// SequenceStatus reads a sequence's enrolment counts.
	SequenceStatus(ctx context.Context, id string) (SequenceStatus, error)
	// SequenceExists reports whether a sequence of this id exists.
	SequenceExists(ctx context.Context, id string) (bool, error)
	// Template reads an email template; nil, with no error, when there is none of this id.
	Template(ctx context.Context, id string) (*Template, error)
}

// SequenceStatus is a sequence's enrolment counts.
type SequenceStatus struct {
	// ActiveEnrolments are the contacts in the sequence now.
	ActiveEnrolments int64 `json:"active_enrolments"`
	// TotalEnrolled are the contacts it has ever enrolled.
	TotalEnrolled int64 `json:"total_enrolled"`
}

// Template is an email template as the comment shows it.
type Template struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
}

// Bounds of the calls to the account.
const (
	// DefaultLiveTimeout bounds all calls together.
	DefaultLiveTimeout = 30 * time.Second
	// liveConcurrency is how many calls run at once.
	liveConcurrency = 4
	// maxTemplates bounds the templates looked up; a plan swapping more shows ids only.
	maxTemplates = 100
	// maxReason bounds the reason a figure was not fetched, in characters.
	maxReason = 200
)

// live is the account during one review: its calls share a deadline and a limit on how many
// run at once.
type live struct {
	account Account
	ctx     context.Context
	timeout time.Duration
	slots   chan struct{}

	mu        sync.Mutex
	templates map[string]*templateLookup
}

// templateLookup is one template's call; done closes when it has answered.
type templateLookup struct {
	done     chan struct{}
	template *Template
	reason   string // why it was not fetched
}

// newLive bounds the calls to account by ctx and timeout, all calls together.
func newLive(ctx context.Context, account Account, timeout time.Duration) (*live, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	l := &live{account: account, ctx: ctx, timeout: timeout, slots: make(chan struct{}, liveConcurrency), templates: map[string]*templateLookup{}}
	return l, cancel
}

// call runs f in a slot, or says why it could not start.
func (l *live) call(f func(ctx context.Context) error) string {
	select {
	case l.slots <- struct{}{}:
	case <-l.ctx.Done():
		return l.reasonOf(l.ctx.Err())
	}
	defer func() { <-l.slots }()
	if err := l.ctx.Err(); err != nil {
		return l.reasonOf(err)
	}
	if err := f(l.ctx); err != nil {
		return l.reasonOf(err)
	}
	return ""
}

// fetchChanges reads, for every change, what the comment says of the contacts it affects:
// the enrolment counts of a sequence updated, replaced or destroyed, and whether the id of
// a created one is taken. One call per sequence.
func (l *live) fetchChanges(changes []sequenceChange) {
	var wg sync.WaitGroup
	for i := range changes {
		c := &changes[i]
		switch {
		case c.kind == kindCreate && c.after.id.state == fieldKnown:
			wg.Go(func() {
				c.live.reason = l.call(func(ctx context.Context) error {
					exists, err := l.account.SequenceExists(ctx, c.after.id.text)
					c.live.exists = &exists
					return err
				})
				if c.live.reason != "" {
					c.live.exists = nil
				}
			})
		case c.kind != kindCreate && c.kind != kindForget && c.before.id.state == fieldKnown:
			wg.Go(func() {
				c.live.reason = l.call(func(ctx context.Context) error {
					st, err := l.account.SequenceStatus(ctx, c.before.id.text)
					if err == nil {
						c.live.status = &st
					}
					return err
				})
			})
		}
	}
	wg.Wait()
}

// template starts the lookup of a template, once per id, and returns it; wait on its done.
// Past maxTemplates lookups, it answers at once that it was not fetched.
func (l *live) template(id string) *templateLookup {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t, ok := l.templates[id]; ok {
		return t
	}
	t := &templateLookup{done: make(chan struct{})}
	l.templates[id] = t
	if len(l.templates) > maxTemplates {
		t.reason = "more than " + strconv.Itoa(maxTemplates) + " templates changed"
		close(t.done)
		return t
	}
	go func() {
		defer close(t.done)
		t.reason = l.call(func(ctx context.Context) error {
			tmpl, err := l.account.Template(ctx, id)
			t.template = tmpl
			return err
		})
		if t.reason != "" {
			t.template = nil
		}
	}()
	return t
}

// liveResult is what the account said about one change's sequence.
type liveResult struct {
	status *SequenceStatus
	exists *bool
	reason string // why nothing was fetched; "" when it was, or when nothing was asked
}

// reasonOf says in one short line why a call gave nothing.
func (l *live) reasonOf(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "the calls to Kraiter took longer than " + l.timeout.String() + " in all"
	case errors.Is(err, context.Canceled):
		return "the review was cancelled"
	}
	return markdown.Shorten(strings.Join(strings.Fields(err.Error()), " "), maxReason)
}
