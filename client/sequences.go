package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// SequencesService holds the methods of Kraiter's kraiter.sequences namespace.
type SequencesService struct {
	c *Client
}

// Create creates a sequence. It fails with ErrConflict when the id exists, except when an
// earlier attempt of this same call may have created it (its answer was lost) and the stored
// sequence equals what was sent: then that sequence is returned.
func (s *SequencesService) Create(ctx context.Context, in CreateSequenceInput) (*Sequence, error) {
	var seq Sequence
	st, err := s.c.do(ctx, http.MethodPost, apiPath("v1", "sequences"), nil, in, &seq)
	if errors.Is(err, ErrConflict) && st.uncertain {
		if existing, getErr := s.Get(ctx, in.ID); getErr == nil && createdFrom(existing, in) {
			return existing, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("create sequence %q: %w", in.ID, err)
	}
	return &seq, nil
}

// createdFrom reports whether a stored sequence is what in would have created.
func createdFrom(seq *Sequence, in CreateSequenceInput) bool {
	return seq.Name == in.Name && seq.Definition == in.Definition && sameTriggers(seq.Triggers, in.Triggers)
}

func sameTriggers(a, b []Trigger) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(t Trigger) string { return t.Type + "\x00" + t.EventName + "\x00" + t.SegmentID }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i], kb[i] = key(a[i]), key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// Get reads a sequence.
func (s *SequencesService) Get(ctx context.Context, id string) (*Sequence, error) {
	var seq Sequence
	if _, err := s.c.do(ctx, http.MethodGet, apiPath("v1", "sequences", id), nil, nil, &seq); err != nil {
		return nil, fmt.Errorf("get sequence %q: %w", id, err)
	}
	return &seq, nil
}

// Update changes the fields of in that are set, and only those.
func (s *SequencesService) Update(ctx context.Context, id string, in UpdateSequenceInput) (*Sequence, error) {
	var seq Sequence
	if _, err := s.c.do(ctx, http.MethodPatch, apiPath("v1", "sequences", id), nil, in, &seq); err != nil {
		return nil, fmt.Errorf("update sequence %q: %w", id, err)
	}
	return &seq, nil
}

// Delete deletes a sequence; its active enrolments are cancelled. It fails with ErrNotFound
// when there is no such sequence, unless an earlier attempt of this same call may have
// deleted it (its answer was lost).
func (s *SequencesService) Delete(ctx context.Context, id string) error {
	st, err := s.c.do(ctx, http.MethodDelete, apiPath("v1", "sequences", id), nil, nil, nil)
	if errors.Is(err, ErrNotFound) && st.uncertain {
		return nil
	}
	if err != nil {
		return fmt.Errorf("delete sequence %q: %w", id, err)
	}
	return nil
}

// GetStatus reads a sequence's status and enrolment counts.
func (s *SequencesService) GetStatus(ctx context.Context, id string) (*SequenceStatus, error) {
	var st SequenceStatus
	if _, err := s.c.do(ctx, http.MethodGet, apiPath("v1", "sequences", id, "status"), nil, nil, &st); err != nil {
		return nil, fmt.Errorf("get status of sequence %q: %w", id, err)
	}
	return &st, nil
}

// DryRun simulates a contact's path through a sequence without sending anything.
func (s *SequencesService) DryRun(ctx context.Context, id, contactID string) (*DryRunResult, error) {
	var res DryRunResult
	body := map[string]string{"contactId": contactID}
	if _, err := s.c.do(ctx, http.MethodPost, apiPath("v1", "sequences", id, "dry-run"), nil, body, &res); err != nil {
		return nil, fmt.Errorf("dry-run sequence %q for contact %q: %w", id, contactID, err)
	}
	return &res, nil
}

// ListPage reads one page of sequences.
func (s *SequencesService) ListPage(ctx context.Context, opts ListOptions) (*Page[Sequence], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	if opts.Status != "" {
		q.Set("status", opts.Status)
	}
	page, err := getPage[Sequence](ctx, s.c, apiPath("v1", "sequences"), q)
	if err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	return page, nil
}

// List iterates over every sequence (optionally of one status), reading a page at a time as
// the loop goes on. An error ends the iteration.
func (s *SequencesService) List(ctx context.Context, opts ListOptions) iter.Seq2[Sequence, error] {
	return paginate(opts.Cursor, func(cursor string) (*Page[Sequence], error) {
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
		if page, err = getPage[Contact](ctx, s.c, apiPath("v1", "sequences", id, "contacts"), q); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("get contacts of sequence %q: %w", id, err)
}

// GetContacts iterates over the contacts enrolled in a sequence, a page at a time.
func (s *SequencesService) GetContacts(ctx context.Context, id string, opts PageOptions) iter.Seq2[Contact, error] {
	return paginate(opts.Cursor, func(cursor string) (*Page[Contact], error) {
		return s.GetContactsPage(ctx, id, PageOptions{Limit: opts.Limit, Cursor: cursor})
	})
}

// GetSendsPage reads one page of the sends a sequence generated.
func (s *SequencesService) GetSendsPage(ctx context.Context, id string, opts PageOptions) (*Page[Send], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err == nil {
		var page *Page[Send]
		if page, err = getPage[Send](ctx, s.c, apiPath("v1", "sequences", id, "sends"), q); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("get sends of sequence %q: %w", id, err)
}

// GetSends iterates over the sends a sequence generated, a page at a time.
func (s *SequencesService) GetSends(ctx context.Context, id string, opts PageOptions) iter.Seq2[Send, error] {
	return paginate(opts.Cursor, func(cursor string) (*Page[Send], error) {
		return s.GetSendsPage(ctx, id, PageOptions{Limit: opts.Limit, Cursor: cursor})
	})
}

func pageQuery(limit int, cursor string) (url.Values, error) {
	if limit < 0 || limit > MaxPageSize {
		return nil, fmt.Errorf("page size %d is out of range; use 1 to %d, or 0 for the default", limit, MaxPageSize)
	}
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return q, nil
}

func getPage[T any](ctx context.Context, c *Client, path string, q url.Values) (*Page[T], error) {
	var body struct {
		Data       []T     `json:"data"`
		NextCursor *string `json:"nextCursor"`
	}
	if _, err := c.do(ctx, http.MethodGet, path, q, nil, &body); err != nil {
		return nil, err
	}
	page := &Page[T]{Data: body.Data}
	if body.NextCursor != nil {
		page.NextCursor = *body.NextCursor
	}
	return page, nil
}

// paginate follows cursors lazily: a page is read only when the loop has used the one before,
// so memory stays flat however many items there are.
func paginate[T any](cursor string, fetch func(cursor string) (*Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for {
			page, err := fetch(cursor)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
			if page.NextCursor == "" || len(page.Data) == 0 {
				return
			}
			cursor = page.NextCursor
		}
	}
}
