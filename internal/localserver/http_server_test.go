package localserver_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// serveHTTP serves an in-memory server with limits on a free port and returns its address.
func serveHTTP(t *testing.T, limits localserver.HTTPLimits) string {
	t.Helper()
	srv, err := localserver.Open(context.Background(), localserver.Config{DBPath: ":memory:", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := localserver.NewHTTPServer(srv.Handler(), limits, log.New(io.Discard, "", 0))
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := hs.Shutdown(ctx); err != nil {
			t.Errorf("shut down: %v", err)
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		srv.Close()
	})
	return ln.Addr().String()
}

// testLimits are short enough for tests; each test shortens the one it watches.
var testLimits = localserver.HTTPLimits{
	ReadHeaderTimeout: 5 * time.Second,
	ReadTimeout:       5 * time.Second,
	WriteTimeout:      5 * time.Second,
	IdleTimeout:       5 * time.Second,
	MaxConnections:    8,
}

func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func send(t *testing.T, conn net.Conn, text string) {
	t.Helper()
	if _, err := io.WriteString(conn, text); err != nil {
		t.Fatal(err)
	}
}

// waitClosed reads until the server closes the connection, failing after within, and returns
// what was read.
func waitClosed(t *testing.T, conn net.Conn, within time.Duration) string {
	t.Helper()
	if err := conn.SetReadDeadline(time.Now().Add(within)); err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(conn)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the connection is still open after %s; read %q", within, data)
	}
	return string(data)
}

const getClock = "GET /_local/clock HTTP/1.1\r\nHost: local\r\nAuthorization: Bearer k\r\n\r\n"

func TestHTTPServerCutsOffSlowClients(t *testing.T) {
	tests := []struct {
		name   string
		limits func(*localserver.HTTPLimits)
		sent   string
		answer string // the start of what the server answers before closing, if anything
	}{
		{
			name:   "stalled body",
			limits: func(l *localserver.HTTPLimits) { l.ReadTimeout = 200 * time.Millisecond },
			sent: "POST /v1/templates HTTP/1.1\r\nHost: local\r\nAuthorization: Bearer k\r\n" +
				"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":",
			answer: "HTTP/1.1 408 Request Timeout",
		},
		{
			name:   "stalled headers",
			limits: func(l *localserver.HTTPLimits) { l.ReadHeaderTimeout = 200 * time.Millisecond },
			sent:   "GET /_local/clock HTTP/1.1\r\nHost: local\r\n",
		},
		{
			name:   "idle connection",
			limits: func(l *localserver.HTTPLimits) { l.IdleTimeout = 200 * time.Millisecond },
			sent:   getClock,
			answer: "HTTP/1.1 200 OK",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			limits := testLimits
			tc.limits(&limits)
			conn := dial(t, serveHTTP(t, limits))
			send(t, conn, tc.sent)
			got := waitClosed(t, conn, 3*time.Second)
			if !strings.HasPrefix(got, tc.answer) {
				t.Errorf("answer %q, want it to start with %q", got, tc.answer)
			}
			if tc.answer == "HTTP/1.1 408 Request Timeout" && !strings.Contains(got, `"code":"`+localserver.CodeRequestTimeout+`"`) {
				t.Errorf("answer %q, want the error code %s", got, localserver.CodeRequestTimeout)
			}
		})
	}
}

// Past MaxConnections a connection waits until one closes.
func TestHTTPServerCapsConnections(t *testing.T) {
	limits := testLimits
	limits.MaxConnections = 1
	addr := serveHTTP(t, limits)

	first := dial(t, addr)
	send(t, first, getClock)
	readOK(t, bufio.NewReader(first))
	second := dial(t, addr)
	send(t, second, getClock)
	reader := bufio.NewReader(second)
	if err := second.SetReadDeadline(time.Now().Add(200 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, err := reader.Peek(1); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a second connection over the cap was served (%v)", err)
	}
	first.Close()
	if err := second.SetReadDeadline(time.Now().Add(3 * time.Second)); err != nil {
		t.Fatal(err)
	}
	readOK(t, reader)
}

// readOK reads a response that must be 200 OK.
func readOK(t *testing.T, r *bufio.Reader) {
	t.Helper()
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d, want 200", resp.StatusCode)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		t.Fatal(err)
	}
}
