package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// fakeKey is the key of clients of fake servers; no message may show it.
const fakeKey = "fake-secret-key"

// serve starts h on a loopback test server and returns the client configuration for it.
func serve(t *testing.T, h http.HandlerFunc) client.Config {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return client.Config{BaseURL: ts.URL}
}

// newFakeClient builds a client of cfg that retries quickly.
func newFakeClient(t *testing.T, cfg client.Config, configure ...func(*client.Config)) *client.Client {
	t.Helper()
	cfg.APIKey = fakeKey
	cfg.RetryWaitMin = time.Millisecond
	cfg.RetryWaitMax = 5 * time.Millisecond
	for _, f := range configure {
		f(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// answer always answers status with body as JSON.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// sequenceJSON is a complete sequence as the API answers it.
func sequenceJSON(id string) string {
	return fmt.Sprintf(`{"id":%q,"name":"S","definition":"{\"steps\":[]}","triggers":[],"status":"active",`+
		`"createdAt":"2025-01-02T03:04:05Z","updatedAt":"2025-01-02T03:04:05Z"}`, id)
}

func noRetries(c *client.Config) { c.MaxRetries = -1 }

// flakyTransport fails the first n round trips as if the connection dropped before any
// answer, without sending them.
type flakyTransport struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (f *flakyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if f.n.Add(-1) >= 0 {
		return nil, errors.New("connection reset by peer")
	}
	return f.next.RoundTrip(r)
}
