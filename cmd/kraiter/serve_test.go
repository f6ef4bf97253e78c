package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// syncBuffer is a buffer the server's log goroutines and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs "kraiter serve" with args on a free port and waits for its ready file.
// It returns the base URL and the channel that receives the command's result.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, string, <-chan error, *syncBuffer) {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := newServeCmd()
	stderr := &syncBuffer{}
	cmd.SetErr(stderr)
	cmd.SetOut(io.Discard)
	cmd.SetArgs(append([]string{"--addr", "127.0.0.1:0", "--ready-file", ready}, args...))
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		data, err := os.ReadFile(ready)
		if err == nil {
			return string(data), ready, done, stderr
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended before it was ready: %v\n%s", err, stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no ready file after 20s\n%s", stderr)
		}
	}
}

func request(t *testing.T, method, url, key, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(data)
}

func waitDone(t *testing.T, done <-chan error) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop within 20s")
		return nil
	}
}

func TestServeCancelPersists(t *testing.T) {
	t.Setenv("KRAITER_API_KEY", "")
	db := filepath.Join(t.TempDir(), "kraiter.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, ready, done, stderr := startServe(t, ctx, "--db", db, "--api-key", "serve-key")

	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0") {
		t.Errorf("ready file holds %q, want the real loopback URL", url)
	}
	if status, body := request(t, http.MethodPost, url+"/v1/templates", "serve-key", `{"id":"tmpl_a","name":"A","subject":"Hi"}`); status != http.StatusCreated {
		t.Errorf("create template: %d %s", status, body)
	}
	if status, _ := request(t, http.MethodGet, url+"/v1/templates/tmpl_a", "", ""); status != http.StatusUnauthorized {
		t.Errorf("without the key: %d, want 401", status)
	}
	logged := stderr.String()
	if strings.Count(logged, "\n") != 1 || !strings.Contains(logged, "url="+url) || strings.Contains(logged, "serve-key") {
		t.Errorf("log should be one line with the URL and without the key:\n%s", logged)
	}

	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if _, err := os.Stat(ready); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("ready file left behind: %v", err)
	}
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "http://"), time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
	// The database was closed cleanly and holds what was acknowledged.
	srv, err := localserver.Open(context.Background(), localserver.Config{DBPath: db, APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	req := httptest.NewRequest(http.MethodGet, "/v1/templates/tmpl_a", nil)
	req.Header.Set("Authorization", "Bearer k")
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("after restart the template is gone: %d %s", rec.Code, rec.Body)
	}
}

// SIGTERM stops the server only after the request in flight was answered.
func TestServeSIGTERMFinishesInFlight(t *testing.T) {
	t.Setenv("KRAITER_API_KEY", "env-key")
	url, _, done, _ := startServe(t, context.Background(), "--db", ":memory:")

	if status, body := request(t, http.MethodPost, url+"/_local/faults", "env-key", `{"latencyMs": 1000}`); status != http.StatusOK {
		t.Fatalf("set faults: %d %s", status, body)
	}
	type result struct {
		status int
		body   string
	}
	inFlight := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, url+"/v1/sequences", nil)
		req.Header.Set("Authorization", "Bearer env-key")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			inFlight <- result{body: err.Error()}
			return
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		inFlight <- result{resp.StatusCode, string(data)}
	}()
	// Long enough for the request to reach the server, well inside its 1s of latency.
	time.Sleep(300 * time.Millisecond)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := waitDone(t, done); err != nil {
		t.Fatalf("serve: %v", err)
	}
	if r := <-inFlight; r.status != http.StatusOK || !strings.Contains(r.body, `"data":[]`) {
		t.Errorf("the request in flight got %d %s", r.status, r.body)
	}
}

func TestServeRefusesToStart(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	seed := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(seed, []byte(`{"templates":[{"id":"t","nam":"x"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  string
		args []string
		want []string
	}{
		{"no key", "", []string{"--db", ":memory:"}, []string{"--api-key", "KRAITER_API_KEY"}},
		{"address in use", "k", []string{"--db", ":memory:", "--addr", busy.Addr().String()}, []string{"listen on " + busy.Addr().String()}},
		{"bad seed", "k", []string{"--db", ":memory:", "--seed", seed}, []string{`unknown field "nam"`}},
		{"extra argument", "k", []string{"now"}, []string{"unknown command"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("KRAITER_API_KEY", tc.env)
			cmd := newServeCmd()
			cmd.SetArgs(append([]string{"--addr", "127.0.0.1:0"}, tc.args...))
			cmd.SetErr(io.Discard)
			cmd.SetOut(io.Discard)
			err := cmd.Execute()
			if err == nil {
				t.Fatal("serve started")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8474}, "http://127.0.0.1:8474"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 40123}, "http://127.0.0.1:40123"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 1}, "http://127.0.0.1:1"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 2}, "http://[::1]:2"},
	}
	for _, tc := range tests {
		if got := baseURL(tc.addr); got != tc.want {
			t.Errorf("baseURL(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
