package localserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// HTTPLimits bounds what clients may take of an HTTP server, so that a stalled or greedy one
// cannot hold it.
type HTTPLimits struct {
	// ReadHeaderTimeout is how long a client has to send a request's headers.
	ReadHeaderTimeout time.Duration
	// ReadTimeout is how long a client has to send a whole request, body included.
	ReadTimeout time.Duration
	// WriteTimeout is how long a request may take from the end of its headers to the end of
	// its answer.
	WriteTimeout time.Duration
	// IdleTimeout is how long a kept-alive connection may wait for its next request.
	IdleTimeout time.Duration
	// MaxConnections is the most connections open at once. Past it, the connection that has
	// waited longest for a request, idle after an answer or still sending its headers or
	// body, is closed to make room; only when every connection has a request in hand does a new one
	// wait to be accepted.
	MaxConnections int
}

// DefaultHTTPLimits are the limits of kraiter serve:
//   - 10 s for headers and 30 s for a whole request: the largest body (MaxBodyBytes, under
//     600 KiB) comes in well under a second on any link a test runs on;
//   - 2 min to answer, above the 60 s of the longest latency a test may inject (Faults);
//   - 2 min idle, longer than the 90 s that Go clients, the provider's included, keep an idle
//     connection: the client closes it first, and never sends a request on a connection the
//     server is closing (unless the server needs the room: see MaxConnections);
//   - 256 connections, far above Terraform's 10 parallel operations and any test's clients,
//     far below a process's usual limit of 1024 open files.
var DefaultHTTPLimits = HTTPLimits{
	ReadHeaderTimeout: 10 * time.Second,
	ReadTimeout:       30 * time.Second,
	WriteTimeout:      2 * time.Minute,
	IdleTimeout:       2 * time.Minute,
	MaxConnections:    256,
}

// HTTPServer serves a handler within HTTPLimits.
type HTTPServer struct {
	srv          *http.Server
	conns        *connLimiter
	allowedHosts []string
}

// NewHTTPServer serves handler within limits. On a loopback address it answers only requests
// addressed to a loopback name or to one of allowedHosts (see Serve). errorLog receives the
// errors of connections (nil logs them to the standard logger).
func NewHTTPServer(handler http.Handler, limits HTTPLimits, allowedHosts []string, errorLog *log.Logger) *HTTPServer {
	conns := newConnLimiter(limits.MaxConnections)
	return &HTTPServer{
		srv: &http.Server{
			Handler:           conns.track(handler),
			ReadHeaderTimeout: limits.ReadHeaderTimeout,
			ReadTimeout:       limits.ReadTimeout,
			WriteTimeout:      limits.WriteTimeout,
			IdleTimeout:       limits.IdleTimeout,
			ErrorLog:          errorLog,
			ConnState:         conns.changed,
			ConnContext:       func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		},
		conns:        conns,
		allowedHosts: allowedHosts,
	}
}

// Serve accepts connections on ln until Shutdown; call it once. Like http.Server.Serve it
// always returns an error, http.ErrServerClosed after Shutdown.
//
// On a loopback address, a request whose Host is not localhost, an address of 127.0.0.0/8
// or ::1, or one of the allowed hosts, is answered 421 MISDIRECTED_REQUEST: a web page the
// user visits could otherwise reach the server by DNS rebinding, a name of its own that
// resolves to 127.0.0.1, and try API keys against it.
func (s *HTTPServer) Serve(ln net.Listener) error {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		s.srv.Handler = checkHost(s.srv.Handler, ln.Addr().String(), s.allowedHosts)
	}
	return s.srv.Serve(s.conns.listener(ln))
}

// Shutdown stops accepting connections and waits for the requests in flight, until ctx ends.
func (s *HTTPServer) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}

// maxHostInMessage bounds how much of a refused Host header an answer repeats.
const maxHostInMessage = 100

// checkHost answers 421 to requests addressed to a name other than a loopback one or those
// allowed.
func checkHost(next http.Handler, addr string, allowed []string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hostAllowed(r.Host, allowed) {
			next.ServeHTTP(w, r)
			return
		}
		host := r.Host
		if len(host) > maxHostInMessage {
			host = host[:maxHostInMessage] + "..."
		}
		writeError(w, &apiError{status: http.StatusMisdirectedRequest, body: APIError{Code: CodeMisdirectedRequest,
			Message: fmt.Sprintf("this local Kraiter server listens on %s and answers only requests addressed to localhost, 127.0.0.1 or [::1], not to %q; to reach it by that name, start it with --allow-host NAME", addr, host)}})
	})
}

// hostAllowed reports whether a Host header, with or without its port, names the loopback
// interface or one of allowed.
func hostAllowed(hostHeader string, allowed []string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, name := range allowed {
		if host != "" && strings.EqualFold(host, name) {
			return true
		}
	}
	return false
}

// connKey is the context key of a request's connection.
type connKey struct{}

// connLimiter keeps at most max connections open. A connection that comes past the cap does
// not wait behind connections that are not being used: the one that has waited longest for a
// request, idle after an answer or still sending its headers or body, is closed to make room. A
// client waiting for an answer matters more than one holding a connection it does not use;
// a client whose idle connection is closed opens a new one. Only when every connection has a
// request in the handler does a new one wait.
type connLimiter struct {
	max   int
	mu    sync.Mutex
	freed *sync.Cond // signalled when a connection closes or finishes a request
	open  map[net.Conn]*connUse
}

// connUse is what a connection is doing.
type connUse struct {
	waiting time.Time // since when it has waited for a request
	busy    bool      // a request is in the handler
}

func newConnLimiter(maxConns int) *connLimiter {
	l := &connLimiter{max: maxConns, open: map[net.Conn]*connUse{}}
	l.freed = sync.NewCond(&l.mu)
	return l
}

// admit registers c, making room if the cap is reached; it waits while every connection is
// busy, and reports false if done closes first.
func (l *connLimiter) admit(c net.Conn, done <-chan struct{}) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.open) >= l.max {
		select {
		case <-done:
			return false
		default:
		}
		if victim := l.longestWaiting(); victim != nil {
			delete(l.open, victim)
			_ = victim.Close()
			break
		}
		l.freed.Wait()
	}
	l.open[c] = &connUse{waiting: time.Now()}
	return true
}

func (l *connLimiter) longestWaiting() net.Conn {
	var victim net.Conn
	var since time.Time
	for c, use := range l.open {
		if !use.busy && (victim == nil || use.waiting.Before(since)) {
			victim, since = c, use.waiting
		}
	}
	return victim
}

// changed follows the connections' states (http.Server.ConnState).
func (l *connLimiter) changed(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateIdle:
		if use := l.open[c]; use != nil {
			use.waiting, use.busy = time.Now(), false
		}
	case http.StateClosed, http.StateHijacked:
		delete(l.open, c)
		l.freed.Broadcast()
	}
}

// track marks a connection busy while its request is in next. The body is read first, while
// the connection still counts as waiting: a client that trickles its body holds the
// connection no more than one that trickles its headers, and is closed first when a new
// connection needs the room. Nothing has been done for its request yet, so closing it loses
// nothing. The handler reads the same bytes, and the same error, as it would have.
func (l *connLimiter) track(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := r.Context().Value(connKey{}).(net.Conn)
		if r.Body != nil && r.Body != http.NoBody {
			data, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
			r.Body = readAheadBody{Reader: io.MultiReader(bytes.NewReader(data), errorReader{err}), Closer: r.Body}
		}
		l.setBusy(c, true)
		defer l.setBusy(c, false)
		next.ServeHTTP(w, r)
	})
}

// readAheadBody is a body read ahead: its bytes, then how reading it ended.
type readAheadBody struct {
	io.Reader
	io.Closer
}

// errorReader ends a read-ahead body: with the error that ended the read, or with io.EOF
// when it reached the end (or the limit, which the handler enforces).
type errorReader struct{ err error }

func (e errorReader) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}

func (l *connLimiter) setBusy(c net.Conn, busy bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if use := l.open[c]; use != nil {
		use.busy = busy
		if !busy {
			l.freed.Broadcast()
		}
	}
}

// listener admits every connection ln accepts.
func (l *connLimiter) listener(ln net.Listener) net.Listener {
	return &limitedListener{Listener: ln, limiter: l, done: make(chan struct{})}
}

type limitedListener struct {
	net.Listener
	limiter   *connLimiter
	done      chan struct{}
	closeOnce sync.Once
}

func (ln *limitedListener) Accept() (net.Conn, error) {
	for {
		c, err := ln.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if ln.limiter.admit(c, ln.done) {
			return c, nil
		}
		_ = c.Close()
	}
}

// Close stops accepting, and wakes an Accept waiting for room.
func (ln *limitedListener) Close() error {
	ln.closeOnce.Do(func() {
		close(ln.done)
		ln.limiter.mu.Lock()
		ln.limiter.freed.Broadcast()
		ln.limiter.mu.Unlock()
	})
	return ln.Listener.Close()
}
