package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// contractChecker is middleware that checks every request the client sends and every answer
// the local server gives against openapi.yaml, and records what it saw.
type contractChecker struct {
	t      testing.TB
	router routers.Router

	mu       sync.Mutex
	requests []recordedRequest
}

type recordedRequest struct {
	Method, Path, Query string
	Header              http.Header
	Body                []byte
	// Status is the answer's.
	Status int
}

func newContractChecker(t testing.TB) *contractChecker {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile("openapi.yaml")
	if err != nil {
		t.Fatalf("load openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	// Route by path alone: the test server's address is not the document's server.
	doc.Servers = nil
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("route openapi.yaml: %v", err)
	}
	return &contractChecker{t: t, router: router}
}

func (c *contractChecker) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		c.mu.Lock()
		c.requests = append(c.requests, recordedRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		index := len(c.requests) - 1
		c.mu.Unlock()

		route, params, err := c.router.FindRoute(r)
		if err != nil {
			c.outsideTheDocument(w, r, next, err)
			return
		}
		in := &openapi3filter.RequestValidationInput{
			Request: r, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		}
		// A request the server must refuse (bad limit, bad definition) is still sent on
		// purpose by some tests; only the answer's shape is checked then.
		requestOK := openapi3filter.ValidateRequest(r.Context(), in) == nil
		r.Body = io.NopCloser(bytes.NewReader(body))

		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		res := rec.Result()
		out, _ := io.ReadAll(res.Body)
		c.mu.Lock()
		c.requests[index].Status = res.StatusCode
		c.mu.Unlock()
		if requestOK || res.StatusCode >= 400 {
			if err := openapi3filter.ValidateResponse(r.Context(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: in,
				Status:                 res.StatusCode,
				Header:                 res.Header,
				Body:                   io.NopCloser(bytes.NewReader(out)),
			}); err != nil {
				c.t.Errorf("%s %s: the server's %d answer does not conform to openapi.yaml: %v\n%s", r.Method, r.URL, res.StatusCode, err, out)
			}
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(out)
	})
}

// outsideTheDocument serves a request that matches no operation of openapi.yaml. The local
// server's /_local/ admin routes are outside the contract on purpose and pass. Under /v1/ the
// document describes every route: a method it does not list must be answered 405 with the
// error body, and a path it does not list fails the test.
func (c *contractChecker) outsideTheDocument(w http.ResponseWriter, r *http.Request, next http.Handler, findErr error) {
	if !strings.HasPrefix(r.URL.Path, "/v1/") {
		next.ServeHTTP(w, r)
		return
	}
	if !errors.Is(findErr, routers.ErrMethodNotAllowed) {
		c.t.Errorf("%s %s is no route of openapi.yaml: describe it there, or do not call it", r.Method, r.URL.Path)
		next.ServeHTTP(w, r)
		return
	}
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	var body struct {
		Error struct{ Code string } `json:"error"`
	}
	if rec.Code != http.StatusMethodNotAllowed || json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error.Code != "METHOD_NOT_ALLOWED" {
		c.t.Errorf("%s %s: a method openapi.yaml does not list was answered %d %s, want 405 METHOD_NOT_ALLOWED", r.Method, r.URL.Path, rec.Code, rec.Body.String())
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// strictRequests fails the test when a request the client sent (to a route of the contract)
// does not conform.
func (c *contractChecker) checkRequestsConform() {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, rr := range c.requests {
		req := httptest.NewRequest(rr.Method, rr.Path+"?"+rr.Query, bytes.NewReader(rr.Body))
		req.Header = rr.Header
		route, params, err := c.router.FindRoute(req)
		if err != nil {
			continue
		}
		if err := openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
			Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
		}); err != nil {
			c.t.Errorf("the client sent %s %s that does not conform to openapi.yaml: %v", rr.Method, rr.Path, err)
		}
	}
}

func (c *contractChecker) count(method, path string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, rr := range c.requests {
		if rr.Method == method && rr.Path == path {
			n++
		}
	}
	return n
}

func (c *contractChecker) last(method, path string) recordedRequest {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := len(c.requests) - 1; i >= 0; i-- {
		if c.requests[i].Method == method && c.requests[i].Path == path {
			return c.requests[i]
		}
	}
	c.t.Fatalf("no %s %s was sent", method, path)
	return recordedRequest{}
}

// longestFailureRun is the most requests in a row answered 429 or 5xx. Calls made one after
// another each end with a success, so it is the most attempts one call needed, less one.
func (c *contractChecker) longestFailureRun() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	run, longest := 0, 0
	for _, rr := range c.requests {
		if rr.Status == http.StatusTooManyRequests || rr.Status >= 500 {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
