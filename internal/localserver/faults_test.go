package localserver_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestRateLimitFault(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.SetFaults(t, localservertest.Faults{RateLimitRate: 1})
	resp := srv.Do(t, http.MethodGet, "/v1/sequences", nil)
	if resp.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "0" || resp.Error(t).Code != localserver.CodeRateLimited {
		t.Errorf("rate limited: %d, Retry-After %q: %s", resp.Status, resp.Header.Get("Retry-After"), resp.Body)
	}
	// Omitted in JSON, Retry-After is one second.
	if resp := srv.Do(t, http.MethodPost, "/_local/faults", `{"rateLimitRate": 1}`); resp.Status != http.StatusOK {
		t.Fatalf("set faults: %d %s", resp.Status, resp.Body)
	}
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences", nil); resp.Header.Get("Retry-After") != "1" {
		t.Errorf("default Retry-After %q, want 1", resp.Header.Get("Retry-After"))
	}
	// Admin routes are never faulted, so that a test can always turn faults off.
	if now := srv.Now(t); now.IsZero() {
		t.Error("no clock")
	}
	srv.ClearFaults(t)
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences", nil); resp.Status != http.StatusOK {
		t.Errorf("after clearing faults: %d %s", resp.Status, resp.Body)
	}
}

func TestFailFaultChangesNothing(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.SetFaults(t, localservertest.Faults{FailRate: 1, Seed: 7})
	statuses := map[int]bool{}
	for range 20 {
		resp := srv.Do(t, http.MethodPost, "/v1/sequences", map[string]any{"id": "seq_a", "name": "A", "definition": welcomeDef})
		statuses[resp.Status] = true
		if resp.Error(t).Code != localserver.CodeInternal {
			t.Errorf("failed request: %s", resp.Body)
		}
	}
	if len(statuses) != 2 || !statuses[500] || !statuses[503] {
		t.Errorf("statuses %v, want both 500 and 503", statuses)
	}
	srv.ClearFaults(t)
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences/seq_a", nil); resp.Status != http.StatusNotFound {
		t.Errorf("a failed create was stored: %d", resp.Status)
	}
}

func TestDropAfterCommitFault(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.SetFaults(t, localservertest.Faults{DropAfterCommitRate: 1})

	body := `{"id":"seq_a","name":"A","definition":"{\"steps\":[{\"type\":\"email\",\"templateId\":\"tmpl_welcome\"}]}"}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/sequences", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("the response came through: %d", resp.StatusCode)
	}
	// Reads and failed writes are answered as usual.
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences/seq_a", nil); resp.Status != http.StatusOK {
		t.Errorf("the dropped create was not committed: %d %s", resp.Status, resp.Body)
	}
	if resp := srv.Do(t, http.MethodPost, "/v1/sequences", map[string]any{"id": "seq_a", "name": "A", "definition": welcomeDef}); resp.Status != http.StatusConflict {
		t.Errorf("a failing write with drop faults: %d %s", resp.Status, resp.Body)
	}
}

func TestLatencyFault(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	srv.SetFaults(t, localservertest.Faults{LatencyMs: 80})
	start := time.Now()
	srv.Do(t, http.MethodGet, "/v1/sequences", nil)
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("request took %s, want at least 80ms", d)
	}
}

func TestFaultsAreReproducible(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	run := func() []int {
		srv.SetFaults(t, localservertest.Faults{FailRate: 0.3, RateLimitRate: 0.3, Seed: 42})
		var statuses []int
		for range 30 {
			statuses = append(statuses, srv.Do(t, http.MethodGet, "/v1/sequences", nil).Status)
		}
		return statuses
	}
	first, second := run(), run()
	if !slices.Equal(first, second) {
		t.Errorf("same seed, different outcomes:\n%v\n%v", first, second)
	}
	if !slices.Contains(first, 200) || !slices.Contains(first, 429) || (!slices.Contains(first, 500) && !slices.Contains(first, 503)) {
		t.Errorf("outcomes %v, want a mix of 200, 429 and 5xx", first)
	}

	var current localservertest.Faults
	srv.Do(t, http.MethodGet, "/_local/faults", nil).Decode(t, &current)
	if current.Seed != 42 || current.FailRate != 0.3 {
		t.Errorf("faults in force: %+v", current)
	}
	bad := srv.Do(t, http.MethodPost, "/_local/faults", map[string]any{"failRate": 2, "latencyMs": -1, "retryAfterSeconds": 1.5, "sed": 1})
	if got := detailPaths(bad.Error(t)); bad.Status != http.StatusUnprocessableEntity || !slices.Equal(got, []string{"sed", "failRate", "latencyMs", "retryAfterSeconds"}) {
		t.Errorf("bad faults: %d %s", bad.Status, bad.Body)
	}
}

// The server counts what it injected: each request met under faults and each kind of fault.
// Setting faults starts the counts over; clearing them keeps the counts to be read.
func TestInjectedFaultsAreCounted(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.SetFaults(t, localservertest.Faults{FailRate: 0.2, RateLimitRate: 0.2, DropAfterCommitRate: 0.5, LatencyMs: 1, Seed: 3})
	var want localservertest.InjectedFaults
	for i := range 30 {
		body := fmt.Sprintf(`{"id":"con_%02d","email":"c%02d@example.com"}`, i, i)
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/contacts", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		req.Header.Set("Content-Type", "application/json")
		want.Requests++
		want.LatencyMs++
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			want.DroppedAfterCommit++
			continue
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusInternalServerError, http.StatusServiceUnavailable:
			want.Failed++
		case http.StatusTooManyRequests:
			want.RateLimited++
		}
	}
	if want.Failed == 0 || want.RateLimited == 0 || want.DroppedAfterCommit == 0 {
		t.Fatalf("the seed gave no mix of faults: %+v", want)
	}
	srv.ClearFaults(t)
	srv.Do(t, http.MethodGet, "/v1/sequences", nil)
	if got := srv.InjectedFaults(t); got != want {
		t.Errorf("injected %+v, want %+v", got, want)
	}
	var state localserver.FaultState
	srv.Do(t, http.MethodGet, "/_local/faults", nil).Decode(t, &state)
	if state.Faults != (localserver.Faults{}) || state.Injected != want {
		t.Errorf("faults after clearing: %+v", state)
	}
	srv.SetFaults(t, localservertest.Faults{LatencyMs: 1})
	if got := srv.InjectedFaults(t); got != (localservertest.InjectedFaults{}) {
		t.Errorf("after setting faults again: %+v, want zero counts", got)
	}
}

// An answer held back after the write committed: a client that gives up first never learns
// that its create happened.
func TestAnswerLatencyFault(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.SetFaults(t, localservertest.Faults{AnswerLatencyMs: 500})
	body := `{"id":"seq_a","name":"A","definition":"{\"steps\":[{\"type\":\"email\",\"templateId\":\"tmpl_welcome\"}]}"}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/sequences", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+srv.APIKey)
	req.Header.Set("Content-Type", "application/json")
	impatient := &http.Client{Timeout: 100 * time.Millisecond}
	if resp, err := impatient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the answer came within 100 ms: %d", resp.StatusCode)
	}
	srv.ClearFaults(t)
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences/seq_a", nil); resp.Status != http.StatusOK {
		t.Errorf("the create whose answer was held back was not committed: %d %s", resp.Status, resp.Body)
	}
	srv.SetFaults(t, localservertest.Faults{AnswerLatencyMs: 80})
	start := time.Now()
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences/seq_a", nil); resp.Status != http.StatusOK || time.Since(start) < 80*time.Millisecond {
		t.Errorf("a patient client: %d after %s, want the answer after at least 80ms", resp.Status, time.Since(start))
	}
}
