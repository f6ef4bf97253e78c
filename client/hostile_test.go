package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// A server that is not Kraiter's API, or one that misbehaves, must get a clear error from
// every call: never a success, a panic, a hang, nor a NOT_FOUND that would make Terraform
// forget a sequence.
func TestHostileServers(t *testing.T) {
	t.Parallel()
	get := func(ctx context.Context, c *client.Client) error {
		_, err := c.Sequences.Get(ctx, "seq_a")
		return err
	}
	create := func(ctx context.Context, c *client.Client) error {
		_, err := c.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: `{"steps":[]}`})
		return err
	}
	list := func(ctx context.Context, c *client.Client) error {
		for _, err := range c.Sequences.List(ctx, client.ListOptions{}) {
			if err != nil {
				return err
			}
		}
		return nil
	}
	shortTimeouts := func(c *client.Config) {
		c.RequestTimeout = 50 * time.Millisecond
		c.RetryMaxTotal = 150 * time.Millisecond
	}

	tests := []struct {
		name   string
		server func(t *testing.T) client.Config
		// configure, when set, adjusts the client.
		configure func(*client.Config)
		call      func(context.Context, *client.Client) error
		want      error
		says      []string
	}{
		{
			name:   "garbage bytes",
			server: serveHandler(answer(http.StatusOK, "\x00\xffGIF89a\x01\x02\nnot JSON at all")),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"/v1/sequences/seq_a answered 200, but the body is not a JSON object"},
		},
		{
			name:   "null",
			server: serveHandler(answer(http.StatusOK, "null")),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"answered 200, but the body is null"},
		},
		{
			name:   "an empty object",
			server: serveHandler(answer(http.StatusOK, "{}")),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"answered a sequence without id, name, definition, status, createdAt, updatedAt"},
		},
		{
			name:   "an empty 200",
			server: serveHandler(answer(http.StatusOK, "")),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"answered 200, but the body is empty"},
		},
		{
			name:   "truncated JSON",
			server: serveHandler(answer(http.StatusOK, sequenceJSON("seq_a")[:60])),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"the body is not valid JSON, or was cut short"},
		},
		{
			name:   "200 MB, announced",
			server: serveHuge(true),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"the answer is larger than 1 MiB"},
		},
		{
			name:   "200 MB, streamed",
			server: serveHuge(false),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"the answer is larger than 1 MiB"},
		},
		{
			name:   "a 200 MB page, announced",
			server: serveHuge(true),
			call:   list, want: client.ErrUnexpectedResponse,
			says: []string{"list sequences: ", "the answer is larger than 64 MiB"},
		},
		{
			name:   "another sequence than asked",
			server: serveHandler(answer(http.StatusOK, sequenceJSON("seq_b"))),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{`get sequence "seq_a": GET `, `/v1/sequences/seq_a answered sequence "seq_b" instead of "seq_a"`},
		},
		{
			name:   "a list repeating its cursor",
			server: serveHandler(answer(http.StatusOK, `{"data":[`+sequenceJSON("seq_1")+`],"nextCursor":"c1"}`)),
			call:   list, want: client.ErrUnexpectedResponse,
			says: []string{"list sequences: GET ", `/v1/sequences?cursor=c1 answered nextCursor "c1", which it already gave in this listing`},
		},
		{
			name:      "a list that never ends",
			server:    serveEndlessList(3),
			configure: func(c *client.Config) { c.MaxPages = 3 },
			call:      list, want: client.ErrUnexpectedResponse,
			says: []string{"answered a next page after 3 pages, the most a listing reads (Config.MaxPages)"},
		},
		{
			name:   "a redirect from https to plain http elsewhere",
			server: serveRedirectToPlainHTTP,
			call:   get, want: client.ErrRedirectRefused,
			says: []string{"redirected to http://api.example.net/v1/sequences/seq_a, plain http on a host that is not loopback"},
		},
		{
			name:      "no answer, to a read",
			server:    serveSilence,
			configure: shortTimeouts,
			call:      get, want: context.DeadlineExceeded,
			says: []string{"Client.Timeout exceeded"},
		},
		{
			name:      "no answer, to a create",
			server:    serveSilence,
			configure: shortTimeouts,
			call:      create, want: client.ErrOutcomeUnknown,
			says: []string{"may or may not exist", "Client.Timeout exceeded"},
		},
		{
			name:   "an HTML 404",
			server: serveHandler(htmlNotFound),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{`answered 404 without Kraiter's error body ("<!DOCTYPE html> <html><body><h1>Not Found</h1></body></html>")`, "looks wrong"},
		},
		{
			name:   "a bare 404",
			server: serveHandler(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) }),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{"answered 404 without Kraiter's error body (an empty body)", "looks wrong"},
		},
		{
			name:   "ROUTE_NOT_FOUND",
			server: serveHandler(answer(http.StatusNotFound, `{"error":{"code":"ROUTE_NOT_FOUND","message":"no route GET /api/v1/sequences/seq_a"}}`)),
			call:   get, want: client.ErrUnexpectedResponse,
			says: []string{`answered 404 ROUTE_NOT_FOUND ("no route GET /api/v1/sequences/seq_a")`, "looks wrong"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.server(t)
			configure := []func(*client.Config){}
			if tt.configure != nil {
				configure = append(configure, tt.configure)
			}
			c := newFakeClient(t, cfg, configure...)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()

			start := time.Now()
			err := tt.call(ctx, c)
			if took := time.Since(start); took > 5*time.Second {
				t.Fatalf("the call took %v: it hung", took)
			}
			if err == nil {
				t.Fatal("the call succeeded")
			}
			if !errors.Is(err, tt.want) || errors.Is(err, client.ErrNotFound) {
				t.Fatalf("error %q matches ErrNotFound or not %v", err, tt.want)
			}
			msg := err.Error()
			for _, s := range tt.says {
				if !strings.Contains(msg, s) {
					t.Errorf("error %q does not say %q", msg, s)
				}
			}
			if strings.Contains(msg, fakeKey) || strings.ContainsAny(msg, "\n\x00") {
				t.Errorf("error %q shows the key or is not one line of text", msg)
			}
		})
	}
}

func serveHandler(h http.HandlerFunc) func(t *testing.T) client.Config {
	return func(t *testing.T) client.Config { return serve(t, h) }
}

// serveSilence never answers, until the test ends.
func serveSilence(t *testing.T) client.Config {
	stop := make(chan struct{})
	cfg := serve(t, func(http.ResponseWriter, *http.Request) { <-stop })
	// Registered after the server's Close, so that it runs before it.
	t.Cleanup(func() { close(stop) })
	return cfg
}

func htmlNotFound(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!DOCTYPE html>\n<html><body><h1>Not Found</h1></body></html>\n"))
}

// serveHuge answers 200 with 200 MB, generated as it is written; announced, the length is in
// Content-Length. The client must stop reading long before the end.
func serveHuge(announced bool) func(t *testing.T) client.Config {
	return func(t *testing.T) client.Config {
		const size = 200 << 20
		var written atomic.Int64
		// Registered first, so that it runs after the server has stopped.
		t.Cleanup(func() {
			if n := written.Load(); n >= 32<<20 {
				t.Errorf("the server could write %d bytes: the client read far past its cap", n)
			}
		})
		return serve(t, func(w http.ResponseWriter, _ *http.Request) {
			if announced {
				w.Header().Set("Content-Length", strconv.Itoa(size))
			}
			w.WriteHeader(http.StatusOK)
			chunk := bytes.Repeat([]byte("x"), 64<<10)
			for written.Load() < size {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		})
	}
}

// serveEndlessList answers every page with one sequence and a new cursor; the client must
// read exactly maxPages pages.
func serveEndlessList(maxPages int) func(t *testing.T) client.Config {
	return func(t *testing.T) client.Config {
		var pages atomic.Int32
		t.Cleanup(func() {
			if n := pages.Load(); n != int32(maxPages) {
				t.Errorf("the client read %d pages of an endless list, want %d", n, maxPages)
			}
		})
		return serve(t, func(w http.ResponseWriter, _ *http.Request) {
			n := pages.Add(1)
			answer(http.StatusOK, fmt.Sprintf(`{"data":[%s],"nextCursor":"c%d"}`, sequenceJSON(fmt.Sprintf("seq_%d", n)), n))(w, nil)
		})
	}
}

// serveRedirectToPlainHTTP starts an https server that redirects to http://api.example.net,
// which the client's dialer routes to a plain test server; no request may reach that one.
func serveRedirectToPlainHTTP(t *testing.T) client.Config {
	var reached atomic.Int32
	var authorization atomic.Value
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		authorization.Store(r.Header.Get("Authorization"))
		answer(http.StatusOK, sequenceJSON("seq_a"))(w, r)
	}))
	t.Cleanup(plain.Close)
	secure := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://api.example.net"+r.URL.Path, http.StatusFound)
	}))
	t.Cleanup(secure.Close)
	t.Cleanup(func() {
		if n := reached.Load(); n != 0 {
			t.Errorf("the plain http target received %d requests (Authorization %q)", n, authorization.Load())
		}
	})

	transport := secure.Client().Transport.(*http.Transport).Clone()
	var dialer net.Dialer
	transport.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if addr == "api.example.net:80" {
			addr = plain.Listener.Addr().String()
		}
		return dialer.DialContext(ctx, network, addr)
	}
	return client.Config{BaseURL: secure.URL, HTTPClient: &http.Client{Transport: transport}}
}
