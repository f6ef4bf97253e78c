package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// A Create with an attempt that got no answer or a server error may have created the
// sequence, whatever the later attempts got, unless one refused the request itself; the
// caller must be told so, and still see why.
func TestCreateOutcomeUnknown(t *testing.T) {
	t.Parallel()
	const invalid = `{"error":{"code":"VALIDATION_ERROR","message":"bad definition"}}`
	tests := []struct {
		name string
		// dropped attempts get no answer; the others get answers[i], the last one repeated.
		dropped int32
		answers []string
		want    []error
		unknown bool
		says    string
	}{
		{"no answer at all", 100, nil, nil, true, "connection reset by peer"},
		{"server errors to the end", 0, []string{"503"}, []error{client.ErrInternal}, true, "INTERNAL (HTTP 503)"},
		{"no answer, then server errors", 1, []string{"500"}, []error{client.ErrInternal}, true, "INTERNAL (HTTP 500)"},
		{"a refusal", 0, []string{"422"}, []error{client.ErrValidation}, false, "bad definition"},
		{"server errors, then a refusal", 0, []string{"503", "422"}, []error{client.ErrValidation}, false, "bad definition"},
		{"no answer, then rate limited to the end", 1, []string{"429"}, []error{client.ErrRateLimited}, true, "RATE_LIMITED (HTTP 429)"},
		{"no answer, then a conflict", 1, []string{"409"}, []error{client.ErrConflict}, true, "CONFLICT (HTTP 409)"},
		{"no answer, then success", 1, []string{"201"}, nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			cfg := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet {
					// The read that follows a conflict fails: nothing settles the outcome.
					answer(http.StatusInternalServerError, "")(w, r)
					return
				}
				i := min(int(n.Add(1))-1, len(tt.answers)-1)
				switch tt.answers[i] {
				case "201":
					answer(http.StatusCreated, sequenceJSON("seq_a"))(w, r)
				case "409":
					answer(http.StatusConflict, `{"error":{"code":"CONFLICT","message":"taken"}}`)(w, r)
				case "422":
					answer(http.StatusUnprocessableEntity, invalid)(w, r)
				case "429":
					answer(http.StatusTooManyRequests, "")(w, r)
				case "500":
					answer(http.StatusInternalServerError, "")(w, r)
				case "503":
					answer(http.StatusServiceUnavailable, "")(w, r)
				}
			})
			flaky := &flakyTransport{next: http.DefaultTransport}
			flaky.n.Store(tt.dropped)
			cfg.HTTPClient = &http.Client{Transport: flaky}
			c := newFakeClient(t, cfg, func(c *client.Config) { c.MaxRetries = 3 })

			_, err := c.Sequences.Create(context.Background(), client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: `{"steps":[]}`})
			if tt.says == "" {
				if err != nil {
					t.Fatalf("Create: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Create succeeded")
			}
			if got := errors.Is(err, client.ErrOutcomeUnknown); got != tt.unknown {
				t.Errorf("errors.Is(%q, ErrOutcomeUnknown) = %v, want %v", err, got, tt.unknown)
			}
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("error %q does not match %v", err, want)
				}
			}
			if !strings.Contains(err.Error(), tt.says) || (tt.unknown && !strings.Contains(err.Error(), "may or may not exist")) {
				t.Errorf("error %q does not say %q, or that the sequence may exist", err, tt.says)
			}
		})
	}
}

// A write cut short by its context (an interrupt, a timeout) may have been made: the server
// had the request.
func TestWritesCutShortHaveAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	cfg := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	// Registered after the server's, so it runs first: the server waits for its handlers.
	t.Cleanup(func() { close(release) })
	c := newFakeClient(t, cfg)
	name := "N"
	writes := map[string]func(ctx context.Context) error{
		"Create": func(ctx context.Context) error {
			_, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: `{"steps":[]}`})
			return err
		},
		"Update": func(ctx context.Context) error {
			_, err := c.Sequences.Update(ctx, "seq_a", client.UpdateSequenceInput{Name: &name})
			return err
		},
		"Delete": func(ctx context.Context) error { return c.Sequences.Delete(ctx, "seq_a") },
	}
	for op, write := range writes {
		t.Run(op, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			defer cancel()
			if err := write(ctx); !errors.Is(err, client.ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("%s cut short: %v, want an unknown outcome caused by the deadline", op, err)
			}
		})
	}
}
