package client

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoffHonoursRetryAfter(t *testing.T) {
	resp := &http.Response{Header: http.Header{"Retry-After": {"3"}}}
	if got := backoff(time.Millisecond, time.Second, 0, resp); got != 3*time.Second {
		t.Fatalf("backoff with Retry-After: 3 = %v, want 3s", got)
	}
	resp.Header.Set("Retry-After", "86400")
	if got := backoff(time.Millisecond, time.Second, 0, resp); got != maxRetryAfter {
		t.Fatalf("backoff with a day's Retry-After = %v, want the cap %v", got, maxRetryAfter)
	}
}

func TestBackoffGrowsWithJitterWithinBounds(t *testing.T) {
	minWait, maxWait := 100*time.Millisecond, 2*time.Second
	for attempt := range 8 {
		ceiling := min(minWait<<attempt, maxWait)
		for range 50 {
			got := backoff(minWait, maxWait, attempt, nil)
			if got < ceiling/2 || got > ceiling {
				t.Fatalf("attempt %d waited %v, want between %v and %v", attempt, got, ceiling/2, ceiling)
			}
		}
	}
}
