package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
)

func TestRunCountsAnswersAndErrorsUntilTheDeadline(t *testing.T) {
	t.Parallel()
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+harness.APIKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		// Every third request fails.
		if served.Add(1)%3 == 0 {
			http.Error(w, "injected", http.StatusInternalServerError)
			return
		}
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	op := operation{name: "get", want: http.StatusOK, request: func(ctx context.Context, base string, _, _ int, _ *rand.Rand) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, base+"/x", nil)
	}}
	start := time.Now()
	out, err := newGenerator(srv.URL, 4).run(context.Background(), op, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("run took %s for a 50ms run", took)
	}
	total := int64(len(out.latencies) + out.errors)
	if total != served.Load() || len(out.latencies) == 0 || out.errors == 0 {
		t.Errorf("%d answers and %d errors for %d requests served; want them all counted, of both kinds", len(out.latencies), out.errors, served.Load())
	}
	if !strings.Contains(out.firstError, "answered 500, want 200") {
		t.Errorf("first error %q, want the status and the one wanted", out.firstError)
	}
	if !slices.IsSorted(out.latencies) {
		t.Error("the latencies are not sorted")
	}
}

func TestOperationsAskWhatTheyName(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 1))
	want := map[string]string{
		"get":    "GET /v1/sequences/seq_load_",
		"list":   "GET /v1/sequences?limit=100",
		"create": "POST /v1/sequences",
	}
	for _, op := range operations(10) {
		req, err := op.request(context.Background(), "http://127.0.0.1:1", 2, 3, rng)
		if err != nil {
			t.Fatal(err)
		}
		got := req.Method + " " + req.URL.RequestURI()
		if !strings.HasPrefix(got, want[op.name]) {
			t.Errorf("%s asks %s, want %s...", op.name, got, want[op.name])
		}
	}
}
