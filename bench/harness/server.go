package harness

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/usage"
)

// APIKey is the key of every server the benchmarks start.
const APIKey = "bench-key"

// How long a server has to start (a large seed takes a while) and to stop.
const (
	startTimeout = time.Minute
	stopTimeout  = 15 * time.Second
)

// Server is a running kraiter serve.
type Server struct {
	URL    string
	cmd    *exec.Cmd
	logOut string
	exited chan struct{}
}

// apiClient sends the requests of Call; injected latency stays well under its timeout.
var apiClient = &http.Client{Timeout: 2 * time.Minute}

// ServerOptions say what a server serves.
type ServerOptions struct {
	// DB is the SQLite file.
	DB string
	// Seed, when set, is a seed file applied at start.
	Seed string
}

// StartServer runs the kraiter binary's serve command on a free loopback port, with its files
// (ready file, log) in dir, and returns once it listens.
func StartServer(kraiter, dir string, opts ServerOptions) (*Server, error) {
	ready := filepath.Join(dir, "server.url")
	logPath := filepath.Join(dir, "server.log")
	_ = os.Remove(ready)
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	args := []string{"serve", "--addr", "127.0.0.1:0", "--db", opts.DB, "--api-key", APIKey, "--ready-file", ready}
	if opts.Seed != "" {
		args = append(args, "--seed", opts.Seed)
	}
	cmd := exec.Command(kraiter, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("start server: %w", err)
	}
	s := &Server{cmd: cmd, logOut: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(s.exited)
	}()
	deadline := time.Now().Add(startTimeout)
	for {
		if data, err := os.ReadFile(ready); err == nil && len(bytes.TrimSpace(data)) > 0 {
			s.URL = strings.TrimSpace(string(data))
			return s, nil
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("start server: kraiter serve exited before listening; its log:\n%s", s.log())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = s.Stop()
			return nil, fmt.Errorf("start server: kraiter serve did not listen within %s; its log:\n%s", startTimeout, s.log())
		}
	}
}

func (s *Server) log() string {
	data, _ := os.ReadFile(s.logOut)
	return strings.TrimSpace(string(data))
}

// Stop stops the server with SIGINT, as a person would, and kills it if it does not stop in
// time; the database is then free for another server.
func (s *Server) Stop() error {
	select {
	case <-s.exited:
		return nil
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGINT); err != nil {
		return fmt.Errorf("stop server: %w", err)
	}
	select {
	case <-s.exited:
		return nil
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.exited
		return fmt.Errorf("stop server: it did not stop within %s of SIGINT and was killed", stopTimeout)
	}
}

// StopInto stops the server for a deferred call, keeping the first of *err and Stop's error.
func (s *Server) StopInto(err *error) {
	if stopErr := s.Stop(); *err == nil {
		*err = stopErr
	}
}

// CPU is the CPU time the server has used so far.
func (s *Server) CPU() (time.Duration, error) { return usage.ProcessCPU(s.cmd.Process.Pid) }

// Call sends a request with the API key and a JSON body (nil for none), fails unless the
// answer has status want, and decodes the answer into out when it is not nil.
func (s *Server) Call(ctx context.Context, method, path string, body any, want int, out any) error {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("%s %s: encode the body: %w", method, path, err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, reader)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := apiClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: read the answer: %w", method, path, err)
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: answered %d, want %d: %s", method, path, resp.StatusCode, want, bytes.TrimSpace(data))
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decode the answer: %w", method, path, err)
		}
	}
	return nil
}

// CreateTemplates creates templates with the given ids, for definitions that name them.
func (s *Server) CreateTemplates(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if err := s.Call(ctx, http.MethodPost, "/v1/templates", map[string]string{"id": id, "name": id, "subject": "Subject of " + id}, http.StatusCreated, nil); err != nil {
			return err
		}
	}
	return nil
}

// SetLatency makes the server delay every /v1 request by d; zero clears the faults.
func (s *Server) SetLatency(ctx context.Context, d time.Duration) error {
	if d == 0 {
		return s.Call(ctx, http.MethodDelete, "/_local/faults", nil, http.StatusNoContent, nil)
	}
	return s.Call(ctx, http.MethodPost, "/_local/faults", map[string]any{"latencyMs": d.Milliseconds(), "seed": 1}, http.StatusOK, nil)
}
