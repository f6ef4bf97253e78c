package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
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
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
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

// On loopback, kraiter serve answers a name other than a loopback one only when allowed.
func TestServeAllowHost(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, done, _ := startServe(t, ctx, "--db", ":memory:", "--api-key", "k", "--allow-host", "kraiter.test", "--allow-host", "CI-Server")
	for host, want := range map[string]int{
		"kraiter.test": http.StatusOK, "ci-server:8474": http.StatusOK, "localhost": http.StatusOK,
		"evil.example": http.StatusMisdirectedRequest, "kraiter.test.evil.example": http.StatusMisdirectedRequest,
	} {
		req, err := http.NewRequest(http.MethodGet, url+"/_local/clock", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Authorization", "Bearer k")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || (want == http.StatusMisdirectedRequest && !strings.Contains(string(body), `"code":"MISDIRECTED_REQUEST"`)) {
			t.Errorf("Host %s: %d %s, want %d", host, resp.StatusCode, body, want)
		}
	}
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatalf("serve: %v", err)
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
		{"extra argument", "k", []string{"now"}, []string{`give no arguments, not 1 argument: "now"`}},
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

// A second server on a database file in use refuses to start and says why.
func TestServeRefusesABusyDatabase(t *testing.T) {
	t.Setenv("KRAITER_API_KEY", "k")
	db := filepath.Join(t.TempDir(), "kraiter.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, _, done, _ := startServe(t, ctx, "--db", db)

	cmd := newServeCmd()
	cmd.SetArgs([]string{"--addr", "127.0.0.1:0", "--db", db})
	cmd.SetErr(io.Discard)
	cmd.SetOut(io.Discard)
	err := cmd.Execute()
	if want := "the database " + db + " is in use by another kraiter serve (pid unknown); stop it or use another --db"; err == nil || err.Error() != want {
		t.Errorf("second serve: %v, want %q", err, want)
	}
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatalf("first serve: %v", err)
	}
}

func TestBaseURL(t *testing.T) {
	t.Parallel()
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

// childEnv makes the test binary run kraiter with its own arguments instead of the tests, so
// that a test can run the real server as a process of its own, and kill it.
const childEnv = "KRAITER_TEST_RUN_KRAITER"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childServer is "kraiter serve" running as a child process.
type childServer struct {
	url    string
	cmd    *exec.Cmd
	stderr *syncBuffer
	done   chan struct{} // closed once the process ended, with err its result
	err    error
}

// wait waits for the process to end and returns its result.
func (c *childServer) wait() error {
	<-c.done
	return c.err
}

const childKey = "child-key"

// serveChild runs "kraiter serve" on db as a child process and waits until it listens; the
// test's cleanup kills it if it still runs.
func serveChild(t *testing.T, db string) *childServer {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "ready")
	c := &childServer{stderr: &syncBuffer{}, done: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--db", db, "--api-key", childKey, "--ready-file", ready)
	c.cmd.Env = append(os.Environ(), childEnv+"=1")
	c.cmd.Stderr = c.stderr
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		c.err = c.cmd.Wait()
		close(c.done)
	}()
	t.Cleanup(func() {
		select {
		case <-c.done:
		default:
			_ = c.cmd.Process.Kill()
			<-c.done
		}
	})
	deadline := time.After(10 * time.Second)
	for {
		if data, err := os.ReadFile(ready); err == nil {
			c.url = string(data)
			return c
		}
		select {
		case <-c.done:
			t.Fatalf("the server ended before it was ready: %v\n%s", c.err, c.stderr)
		case <-deadline:
			t.Fatalf("no ready file after 10s\n%s", c.stderr)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// seqContent is what a write set on a sequence.
type seqContent struct{ Name, Definition string }

// writeLog holds, for each sequence, the content of the last acknowledged write and of the
// last write sent, whose answer may never have come.
type writeLog struct {
	mu           sync.Mutex
	acked, sent  map[string]seqContent
	acknowledged int
}

// writeUntilGone creates sequences and updates each three times, until a write gets no
// answer, as happens once the server is gone. A write answered with an error is an error.
func writeUntilGone(url string, writer int, writes *writeLog, client *http.Client) error {
	for i := 0; ; i++ {
		id := fmt.Sprintf("seq_w%d_%d", writer, i/4)
		version := i % 4
		content := seqContent{
			Name:       fmt.Sprintf("%s v%d", id, version),
			Definition: fmt.Sprintf(`{"steps":[{"type":"delay","duration":"%dd"}]}`, version+1),
		}
		method, path := http.MethodPatch, "/v1/sequences/"+id
		body := map[string]string{"name": content.Name, "definition": content.Definition}
		if version == 0 {
			method, path, body["id"] = http.MethodPost, "/v1/sequences", id
		}
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		req, err := http.NewRequest(method, url+path, bytes.NewReader(data))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+childKey)
		req.Header.Set("Content-Type", "application/json")
		writes.mu.Lock()
		writes.sent[id] = content
		writes.mu.Unlock()
		resp, err := client.Do(req)
		if err != nil {
			// The server was killed: this writer is done, and its last write unacknowledged.
			return nil //nolint:nilerr // a failed request is how a writer learns of the kill
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 300 {
			return fmt.Errorf("%s %s: status %d", method, path, resp.StatusCode)
		}
		writes.mu.Lock()
		writes.acked[id] = content
		writes.acknowledged++
		writes.mu.Unlock()
	}
}

// listSequences reads every sequence from a server, all pages.
func listSequences(t *testing.T, url string) map[string]seqContent {
	t.Helper()
	held := map[string]seqContent{}
	cursor := ""
	for {
		status, body := request(t, http.MethodGet, url+"/v1/sequences?limit=100&cursor="+cursor, childKey, "")
		if status != http.StatusOK {
			t.Fatalf("list sequences: %d %s", status, body)
		}
		var page localserver.Page[localserver.Sequence]
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatal(err)
		}
		for _, s := range page.Data {
			held[s.ID] = seqContent{Name: s.Name, Definition: s.Definition}
		}
		if page.NextCursor == nil {
			return held
		}
		cursor = *page.NextCursor
	}
}

// A server killed with SIGKILL in the middle of concurrent writes keeps, once restarted on
// the same file, every write it acknowledged.
func TestServeKeepsAcknowledgedWritesThroughKill9(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "kraiter.db")
	first := serveChild(t, db)
	// The lock on the file holds across processes.
	if srv, err := localserver.Open(context.Background(), localserver.Config{DBPath: db, APIKey: "k"}); !errors.As(err, new(*localserver.DatabaseInUseError)) {
		if srv != nil {
			srv.Close()
		}
		t.Fatalf("Open in another process while the server runs: %v, want a DatabaseInUseError", err)
	}

	writes := &writeLog{acked: map[string]seqContent{}, sent: map[string]seqContent{}}
	client := &http.Client{Timeout: 5 * time.Second}
	const writers = 6
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() { errs <- writeUntilGone(first.url, w, writes, client) })
	}
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		writes.mu.Lock()
		n := writes.acknowledged
		writes.mu.Unlock()
		if n >= 300 {
			break
		}
	}
	if err := first.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = first.wait()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if writes.acknowledged == 0 {
		t.Fatalf("no write was acknowledged before the kill\n%s", first.stderr)
	}

	second := serveChild(t, db)
	held := listSequences(t, second.url)
	for id, sent := range writes.sent {
		got, ok := held[id]
		acked, wasAcked := writes.acked[id]
		switch {
		case wasAcked && !ok:
			t.Errorf("%s: acknowledged as %+v, gone after the restart", id, acked)
		case ok && got != sent && (!wasAcked || got != acked):
			t.Errorf("%s: %+v after the restart, want the acknowledged %+v or the last sent %+v", id, got, acked, sent)
		}
	}
	if len(held) > len(writes.sent) {
		t.Errorf("%d sequences after the restart, more than the %d written", len(held), len(writes.sent))
	}
	t.Logf("%d writes acknowledged on %d sequences before the kill", writes.acknowledged, len(writes.sent))

	if err := second.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := second.wait(); err != nil {
		t.Errorf("the restarted server did not stop cleanly: %v\n%s", err, second.stderr)
	}
}

// The server's key can come from a file, so that ps shows none.
func TestServeReadsTheKeyFromAFile(t *testing.T) {
	t.Setenv("KRAITER_API_KEY", "")
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte("file-key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, _, done, _ := startServe(t, ctx, "--db", ":memory:", "--api-key-file", keyFile)
	if status, body := request(t, http.MethodGet, url+"/v1/sequences", "file-key", ""); status != http.StatusOK {
		t.Errorf("with the file's key: %d %s", status, body)
	}
	cancel()
	if err := waitDone(t, done); err != nil {
		t.Fatalf("serve: %v", err)
	}
}
