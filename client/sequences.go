package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
)

// SequencesService holds the methods of Kraiter's kraiter.sequences namespace.
type SequencesService struct {
	c *Client
}

// Create creates a sequence. It fails with ErrConflict when the id exists, except when an
// earlier attempt of this same call may have created it (its answer was lost) and the stored
// sequence equals what was sent: then that sequence is returned. It fails with
// ErrOutcomeUnknown, wrapping the last cause, when an attempt got no answer or a server
// error and nothing later settled it, whatever the last attempt got (a rate limit, a
// conflict, a cancelled context); only a refusal of the request itself (VALIDATION_ERROR)
// settles it. The sequence may or may not have been created.
func (s *SequencesService) Create(ctx context.Context, in CreateSequenceInput) (*Sequence, error) {
	seq, cl, err := s.sequenceCall(ctx, http.MethodPost, apiPath("v1", "sequences"), in, in.ID)
	if errors.Is(err, ErrConflict) && cl.uncertain {
		if existing, getErr := s.Get(ctx, in.ID); getErr == nil && createdFrom(existing, in) {
			return existing, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("create sequence %q: %w", in.ID, outcome(cl, "the sequence may or may not exist; read it before creating it again", err))
	}
	return seq, nil
}

// outcome wraps the error of a write whose call had an uncertain attempt in
// ErrOutcomeUnknown, saying what the caller should do (hint); other errors stay as they are.
func outcome(cl *call, hint string, err error) error {
	// A refusal of the request itself (its body) would have refused every attempt of it:
	// nothing was written.
	if !cl.uncertain || errors.Is(err, ErrValidation) {
		return err
	}
	return fmt.Errorf("%w: an attempt got no answer or a server error, and nothing later settled it, so %s: %w", ErrOutcomeUnknown, hint, err)
}

// createdFrom reports whether a stored sequence is what in would have created.
func createdFrom(seq *Sequence, in CreateSequenceInput) bool {
	return seq.Name == in.Name && seq.Definition == in.Definition && SameTriggers(seq.Triggers, in.Triggers)
}

// SameTriggers reports whether a and b hold the same triggers, in any order; a repeated
// trigger counts once, as the API refuses repeats.
func SameTriggers(a, b []Trigger) bool {
	set := func(ts []Trigger) map[Trigger]bool {
		m := make(map[Trigger]bool, len(ts))
		for _, t := range ts {
			m[t] = true
		}
		return m
	}
	return maps.Equal(set(a), set(b))
}

// Get reads a sequence.
func (s *SequencesService) Get(ctx context.Context, id string) (*Sequence, error) {
	seq, _, err := s.sequenceCall(ctx, http.MethodGet, apiPath("v1", "sequences", id), nil, id)
	if err != nil {
		return nil, fmt.Errorf("get sequence %q: %w", id, err)
	}
	return seq, nil
}

// Update changes the fields of in that are set, and only those. It fails with
// ErrOutcomeUnknown when an attempt got no answer or a server error and nothing later
// settled it: the change may or may not have been made.
func (s *SequencesService) Update(ctx context.Context, id string, in UpdateSequenceInput) (*Sequence, error) {
	seq, cl, err := s.sequenceCall(ctx, http.MethodPatch, apiPath("v1", "sequences", id), in, id)
	if err != nil {
		return nil, fmt.Errorf("update sequence %q: %w", id, outcome(cl, "the change may or may not have been made; read the sequence", err))
	}
	return seq, nil
}

// sequenceCall makes a call whose answer must be the whole of sequence id.
func (s *SequencesService) sequenceCall(ctx context.Context, method, path string, body any, id string) (*Sequence, *call, error) {
	return objectCall(ctx, s.c, request{method: method, path: path, body: body}, func(seq *Sequence) string { return sequenceProblem(seq, id) })
}

// Delete deletes a sequence; its active enrolments are cancelled. It fails with ErrNotFound
// when there is no such sequence, also when an earlier attempt of this call may have deleted
// it: a NOT_FOUND is Kraiter's answer about that sequence, which a caller acts on once it has
// proof that it talks to Kraiter's API (Verify). It fails with ErrOutcomeUnknown when an
// attempt got no answer or a server error and nothing later settled it.
func (s *SequencesService) Delete(ctx context.Context, id string) error {
	cl, err := s.c.do(ctx, request{method: http.MethodDelete, path: apiPath("v1", "sequences", id)})
	switch {
	case errors.Is(err, ErrNotFound):
		return fmt.Errorf("delete sequence %q: %w", id, err)
	case err != nil:
		return fmt.Errorf("delete sequence %q: %w", id, outcome(cl, "the sequence may or may not have been deleted; read it", err))
	}
	return nil
}

// GetStatus reads a sequence's status and enrolment counts.
func (s *SequencesService) GetStatus(ctx context.Context, id string) (*SequenceStatus, error) {
	path := apiPath("v1", "sequences", id, "status")
	st, _, err := objectCall(ctx, s.c, request{method: http.MethodGet, path: path}, func(st *SequenceStatus) string { return statusProblem(st, id) })
	if err != nil {
		return nil, fmt.Errorf("get status of sequence %q: %w", id, err)
	}
	return st, nil
}

// DryRun simulates a contact's path through a sequence without sending anything.
func (s *SequencesService) DryRun(ctx context.Context, id, contactID string) (*DryRunResult, error) {
	r := request{method: http.MethodPost, path: apiPath("v1", "sequences", id, "dry-run"), body: map[string]string{"contactId": contactID}}
	res, _, err := objectCall(ctx, s.c, r, func(res *DryRunResult) string { return dryRunProblem(res, id, contactID) })
	if err != nil {
		return nil, fmt.Errorf("dry-run sequence %q for contact %q: %w", id, contactID, err)
	}
	return res, nil
}

// ListPage reads one page of sequences.
func (s *SequencesService) ListPage(ctx context.Context, opts ListOptions) (*Page[Sequence], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err == nil {
		if opts.Status != "" {
			q.Set("status", opts.Status)
		}
		var page *Page[Sequence]
		if page, err = getPage(ctx, s.c, apiPath("v1", "sequences"), q, func(seq *Sequence) string { return sequenceProblem(seq, "") }); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("list sequences: %w", err)
}

// List iterates over every sequence (optionally of one status), reading a page at a time as
// the loop goes on. An error ends the iteration; so does a listing that loops, by repeating a
// cursor or going past Config.MaxPages pages (ErrUnexpectedResponse).
func (s *SequencesService) List(ctx context.Context, opts ListOptions) iter.Seq2[Sequence, error] {
	return items(s.ListPages(ctx, opts))
}

// ListPages iterates over the pages of the listing, reading each only when the loop has used
// the one before, within the bounds of List: for a caller that works a page at a time.
func (s *SequencesService) ListPages(ctx context.Context, opts ListOptions) iter.Seq2[*Page[Sequence], error] {
	return paginatePages(s.c.maxPages, "list sequences", opts.Cursor, func(cursor string) (*Page[Sequence], error) {
		o := opts
		o.Cursor = cursor
		return s.ListPage(ctx, o)
	})
}

// GetContactsPage reads one page of the contacts enrolled in a sequence.
func (s *SequencesService) GetContactsPage(ctx context.Context, id string, opts PageOptions) (*Page[Contact], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err == nil {
		var page *Page[Contact]
		if page, err = getPage[Contact](ctx, s.c, apiPath("v1", "sequences", id, "contacts"), q, nil); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("get contacts of sequence %q: %w", id, err)
}

// GetContacts iterates over the contacts enrolled in a sequence, a page at a time, within the
// bounds of List.
func (s *SequencesService) GetContacts(ctx context.Context, id string, opts PageOptions) iter.Seq2[Contact, error] {
	return paginate(s.c.maxPages, fmt.Sprintf("get contacts of sequence %q", id), opts.Cursor, func(cursor string) (*Page[Contact], error) {
		return s.GetContactsPage(ctx, id, PageOptions{Limit: opts.Limit, Cursor: cursor})
	})
}

// GetSendsPage reads one page of the sends a sequence generated.
func (s *SequencesService) GetSendsPage(ctx context.Context, id string, opts PageOptions) (*Page[Send], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err == nil {
		var page *Page[Send]
		if page, err = getPage(ctx, s.c, apiPath("v1", "sequences", id, "sends"), q, func(send *Send) string { return sendProblem(send, id) }); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("get sends of sequence %q: %w", id, err)
}

// GetSends iterates over the sends a sequence generated, a page at a time, within the bounds
// of List.
func (s *SequencesService) GetSends(ctx context.Context, id string, opts PageOptions) iter.Seq2[Send, error] {
	return paginate(s.c.maxPages, fmt.Sprintf("get sends of sequence %q", id), opts.Cursor, func(cursor string) (*Page[Send], error) {
		return s.GetSendsPage(ctx, id, PageOptions{Limit: opts.Limit, Cursor: cursor})
	})
}
