package localservertest

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// Response is a response read to the end.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Decode decodes the JSON body into v, failing the test if it cannot.
func (r *Response) Decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode response (status %d) %s: %v", r.Status, r.Body, err)
	}
}

// Error decodes an error body.
func (r *Response) Error(t testing.TB) localserver.APIError {
	t.Helper()
	var body localserver.ErrorBody
	r.Decode(t, &body)
	return body.Error
}

// Do sends a request with the API key. A body that is a string or []byte is sent as it is,
// anything else but nil as JSON. Only a failure to get a response fails the test.
func (i *Instance) Do(t testing.TB, method, path string, body any) *Response {
	t.Helper()
	return i.DoWithKey(t, method, path, body, i.APIKey)
}

// DoWithKey is Do with another API key; "" sends no Authorization header.
func (i *Instance) DoWithKey(t testing.TB, method, path string, body any, key string) *Response {
	t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = strings.NewReader(b)
	case []byte:
		reader = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("encode request body for %s %s: %v", method, path, err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, i.URL+path, reader)
	if err != nil {
		t.Fatalf("build request %s %s: %v", method, path, err)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	return i.DoRequest(t, req)
}

// DoRequest sends a request as it is, headers and all, for tests of what the server makes of
// malformed ones. Only a failure to get a response fails the test.
func (i *Instance) DoRequest(t testing.TB, req *http.Request) *Response {
	t.Helper()
	resp, err := i.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: read response: %v", req.Method, req.URL.Path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// must sends a request, fails the test unless the status is want, and decodes the body into
// out when out is not nil.
func (i *Instance) must(t testing.TB, method, path string, body any, want int, out any) {
	t.Helper()
	resp := i.Do(t, method, path, body)
	if resp.Status != want {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.Status, want, resp.Body)
	}
	if out != nil {
		resp.Decode(t, out)
	}
}

// testLogger logs to the test's log.
func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
