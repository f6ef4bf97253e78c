package localserver_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// serveHTTP serves an in-memory server with limits on a free loopback port and returns its
// address.
func serveHTTP(t *testing.T, limits localserver.HTTPLimits) string {
	t.Helper()
	return serveHTTPOn(t, "127.0.0.1:0", limits, nil)
}

// serveHTTPOn serves an in-memory server on listen and returns an address to dial.
func serveHTTPOn(t *testing.T, listen string, limits localserver.HTTPLimits, allowedHosts []string) string {
	t.Helper()
	srv, err := localserver.Open(context.Background(), localserver.Config{DBPath: ":memory:", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		t.Fatal(err)
	}
	hs := localserver.NewHTTPServer(srv.Handler(), limits, allowedHosts, log.New(io.Discard, "", 0))
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
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
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

const getClock = "GET /_local/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n\r\n"

func TestHTTPServerCutsOffSlowClients(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		limits func(*localserver.HTTPLimits)
		sent   string
		answer string // the start of what the server answers before closing, if anything
	}{
		{
			name:   "stalled body",
			limits: func(l *localserver.HTTPLimits) { l.ReadTimeout = 200 * time.Millisecond },
			sent: "POST /v1/templates HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n" +
				"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":",
			answer: "HTTP/1.1 408 Request Timeout",
		},
		{
			name:   "stalled headers",
			limits: func(l *localserver.HTTPLimits) { l.ReadHeaderTimeout = 200 * time.Millisecond },
			sent:   "GET /_local/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n",
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

// Past MaxConnections, a connection waits while every open one has a request in hand.
func TestHTTPServerCapsConnections(t *testing.T) {
	t.Parallel()
	limits := testLimits
	limits.MaxConnections = 1
	addr := serveHTTP(t, limits)

	first := dial(t, addr) // a request in the handler, held there by injected latency
	faults := `{"latencyMs":5000}`
	send(t, first, "POST /_local/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n"+
		"Content-Type: application/json\r\nContent-Length: "+strconv.Itoa(len(faults))+"\r\n\r\n"+faults)
	readOK(t, bufio.NewReader(first))
	send(t, first, "GET /v1/sequences HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n\r\n")
	time.Sleep(100 * time.Millisecond) // for the request to reach the handler
	second := dial(t, addr)
	send(t, second, getClock)
	reader := bufio.NewReader(second)
	if err := second.SetReadDeadline(time.Now().Add(200 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if _, err := reader.Peek(1); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a second connection over the cap was served while the first had a request in hand (%v)", err)
	}
	first.Close()
	if err := second.SetReadDeadline(time.Now().Add(3 * time.Second)); err != nil {
		t.Fatal(err)
	}
	readOK(t, reader)
}

// Issue 15's probe: every connection the server allows, each holding it without a request
// in hand, and then a real request, which must not wait for them.
func TestHTTPServerMakesRoomForARealRequest(t *testing.T) {
	// Not parallel: it bounds how long the real request takes.
	tests := []struct {
		name string
		sent string // what each of the connections in the way sends
	}{
		{"connections idle after a request without a key", "GET /v1/sequences HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"},
		{"connections still sending their headers", "GET /v1/sequences HTTP/1.1\r\nHost: 127.0.0.1\r\n"},
		{"connections still sending their bodies", "POST /v1/sequences HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n" +
			"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":"},
		{"connections that sent nothing", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			limits := localserver.DefaultHTTPLimits
			addr := serveHTTP(t, limits)
			for range limits.MaxConnections {
				conn := dial(t, addr)
				send(t, conn, tc.sent)
				if strings.HasSuffix(tc.sent, "\r\n\r\n") {
					resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
					if err != nil || resp.StatusCode != http.StatusUnauthorized {
						t.Fatalf("a request without a key: %v %v", resp, err)
					}
					resp.Body.Close()
				}
			}
			time.Sleep(200 * time.Millisecond) // for what they sent to reach the server's handler
			client := &http.Client{Timeout: 5 * time.Second}
			req, err := http.NewRequest(http.MethodGet, "http://"+addr+"/_local/clock", nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer k")
			start := time.Now()
			resp, err := client.Do(req)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("the real request failed after %v: %v", took, err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || took > 2*time.Second {
				t.Errorf("the real request took %v and got %d; want 200 within 2 s", took, resp.StatusCode)
			}
			t.Logf("%d connections in the way; the real request took %v", limits.MaxConnections, took)
		})
	}
}

// On a loopback address the server answers only requests addressed to a loopback name or an
// allowed one, against DNS rebinding; on another address, any.
func TestHTTPServerAnswersOnlyLoopbackNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		host   string
		listen string
		status int
	}{
		{"127.0.0.1", "127.0.0.1:0", http.StatusOK},
		{"127.0.0.1:8474", "127.0.0.1:0", http.StatusOK},
		{"127.9.8.7", "127.0.0.1:0", http.StatusOK},
		{"localhost", "127.0.0.1:0", http.StatusOK},
		{"LocalHost:8474", "127.0.0.1:0", http.StatusOK},
		{"[::1]", "127.0.0.1:0", http.StatusOK},
		{"[::1]:8474", "127.0.0.1:0", http.StatusOK},
		{"kraiter.test:8474", "127.0.0.1:0", http.StatusOK}, // allowed
		{"evil.example", "127.0.0.1:0", http.StatusMisdirectedRequest},
		{"evil.example:8474", "127.0.0.1:0", http.StatusMisdirectedRequest},
		{"127.0.0.1.evil.example", "127.0.0.1:0", http.StatusMisdirectedRequest},
		{"localhost.evil.example", "127.0.0.1:0", http.StatusMisdirectedRequest},
		{"10.0.0.1", "127.0.0.1:0", http.StatusMisdirectedRequest},
		{"evil.example", "0.0.0.0:0", http.StatusOK}, // on all interfaces, names are the network's business
	}
	addrs := map[string]string{}
	for _, tc := range tests {
		if _, ok := addrs[tc.listen]; !ok {
			addrs[tc.listen] = serveHTTPOn(t, tc.listen, testLimits, []string{"kraiter.test"})
		}
	}
	for _, tc := range tests {
		t.Run(tc.host+" on "+tc.listen, func(t *testing.T) {
			conn := dial(t, addrs[tc.listen])
			send(t, conn, "GET /_local/clock HTTP/1.1\r\nHost: "+tc.host+"\r\nAuthorization: Bearer k\r\n\r\n")
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if tc.status == http.StatusMisdirectedRequest {
				var e struct{ Error localserver.APIError }
				if err := json.Unmarshal(body, &e); err != nil || e.Error.Code != localserver.CodeMisdirectedRequest ||
					!strings.Contains(e.Error.Message, fmt.Sprintf("not to %q; to reach it by that name, start it with --allow-host NAME", tc.host)) {
					t.Errorf("body %s (%v)", body, err)
				}
			}
		})
	}
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
