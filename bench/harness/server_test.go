package harness

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeKraiter writes a shell script standing in for the kraiter binary.
func fakeKraiter(t *testing.T, script string) string {
	t.Helper()
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh for a fake kraiter")
	}
	path := filepath.Join(t.TempDir(), "kraiter")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestStartServerWaitsForTheReadyFile(t *testing.T) {
	t.Parallel()
	// The fake finds --ready-file among its arguments, writes a URL to it, and stays up.
	kraiter := fakeKraiter(t, `while [ "$1" != --ready-file ]; do shift; done; echo http://127.0.0.1:1 > "$2"; exec sleep 30`)
	s, err := StartServer(kraiter, t.TempDir(), ServerOptions{DB: "x.db"})
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "http://127.0.0.1:1" {
		t.Errorf("URL = %q, want the ready file's", s.URL)
	}
	if _, err := s.CPU(); err != nil {
		t.Errorf("CPU: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Errorf("Stop: %v", err)
	}
}

func TestStartServerShowsTheLogOfAServerThatExits(t *testing.T) {
	t.Parallel()
	kraiter := fakeKraiter(t, `echo "database is locked by another server" >&2; exit 1`)
	_, err := StartServer(kraiter, t.TempDir(), ServerOptions{DB: "x.db"})
	if err == nil || !strings.Contains(err.Error(), "database is locked by another server") {
		t.Errorf("StartServer = %v, want an error quoting the server's log", err)
	}
}

func TestBuildShowsTheCompilerOutput(t *testing.T) {
	t.Parallel()
	err := Build(t.TempDir(), "./nothing-here", filepath.Join(t.TempDir(), "out"))
	if err == nil || !strings.Contains(err.Error(), "nothing-here") {
		t.Errorf("Build = %v, want an error naming the package", err)
	}
}

func TestCall(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+APIKey {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/_local/faults":
			body, _ := io.ReadAll(r.Body)
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write(body)
		default:
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(`{"error":{"code":"ROUTE_NOT_FOUND"}}`))
		}
	}))
	defer srv.Close()
	s := &Server{URL: srv.URL}
	ctx := context.Background()

	var echoed map[string]any
	if err := s.Call(ctx, http.MethodPost, "/_local/faults", map[string]int{"latencyMs": 50}, http.StatusOK, &echoed); err != nil {
		t.Fatal(err)
	}
	if echoed["latencyMs"] != 50.0 {
		t.Errorf("the server got %v, want the body sent", echoed)
	}
	err := s.Call(ctx, http.MethodGet, "/v1/nothing", nil, http.StatusOK, nil)
	if err == nil || !strings.Contains(err.Error(), "answered 404, want 200") || !strings.Contains(err.Error(), "ROUTE_NOT_FOUND") {
		t.Errorf("Call = %v, want an error with the status and the body", err)
	}
}
