package client

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoffHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	resp := &http.Response{Header: http.Header{"Retry-After": {"3"}}}
	if got := backoff(time.Millisecond, time.Second, 0, resp); got != 3*time.Second {
		t.Fatalf("backoff with Retry-After: 3 = %v, want 3s", got)
	}
	resp.Header.Set("Retry-After", "86400")
	if got := backoff(time.Millisecond, time.Second, 0, resp); got != maxRetryAfter {
		t.Fatalf("backoff with a day's Retry-After = %v, want the cap %v", got, maxRetryAfter)
	}
}

// TestBackoffGrowsWithJitterWithinBounds checks that each wait lies between half its ceiling
// and the ceiling, that the ceiling doubles up to the maximum, and that the waits spread over
// that range: among 200 of one attempt, one falls in its lowest quarter and one in its highest
// (a uniform jitter misses a quarter 200 times with a chance of 1 in 10^25). Without jitter,
// every wait would be the same.
func TestBackoffGrowsWithJitterWithinBounds(t *testing.T) {
	t.Parallel()
	minWait, maxWait := 100*time.Millisecond, 2*time.Second
	for attempt := range 8 {
		ceiling := min(minWait<<attempt, maxWait)
		floor, quarter := ceiling/2, ceiling/8
		lowest, highest := ceiling, time.Duration(0)
		for range 200 {
			got := backoff(minWait, maxWait, attempt, nil)
			if got < floor || got > ceiling {
				t.Fatalf("attempt %d waited %v, want between %v and %v", attempt, got, floor, ceiling)
			}
			lowest, highest = min(lowest, got), max(highest, got)
		}
		if lowest >= floor+quarter || highest <= ceiling-quarter {
			t.Errorf("attempt %d: 200 waits spread over only %v to %v; want jitter over %v to %v", attempt, lowest, highest, floor, ceiling)
		}
	}
}
