package localserver

import (
	"context"
	"log"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
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
	// MaxConnections is the most connections served at once; more wait to be accepted.
	MaxConnections int
}

// DefaultHTTPLimits are the limits of kraiter serve:
//   - 10 s for headers and 30 s for a whole request: the largest body (MaxBodyBytes, under
//     600 KiB) comes in well under a second on any link a test runs on;
//   - 2 min to answer, above the 60 s of the longest latency a test may inject (Faults);
//   - 2 min idle, longer than the 90 s that Go clients, the provider's included, keep an idle
//     connection: the client closes it first, and never sends a request on a connection the
//     server is closing;
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
	srv            *http.Server
	maxConnections int
}

// NewHTTPServer serves handler within limits; errorLog receives the errors of connections
// (nil logs them to the standard logger).
func NewHTTPServer(handler http.Handler, limits HTTPLimits, errorLog *log.Logger) *HTTPServer {
	return &HTTPServer{
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: limits.ReadHeaderTimeout,
			ReadTimeout:       limits.ReadTimeout,
			WriteTimeout:      limits.WriteTimeout,
			IdleTimeout:       limits.IdleTimeout,
			ErrorLog:          errorLog,
		},
		maxConnections: limits.MaxConnections,
	}
}

// Serve accepts connections on ln, at most MaxConnections at once, until Shutdown. Like
// http.Server.Serve it always returns an error, http.ErrServerClosed after Shutdown.
func (s *HTTPServer) Serve(ln net.Listener) error {
	return s.srv.Serve(netutil.LimitListener(ln, s.maxConnections))
}

// Shutdown stops accepting connections and waits for the requests in flight, until ctx ends.
func (s *HTTPServer) Shutdown(ctx context.Context) error {
	return s.srv.Shutdown(ctx)
}
