package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// request is one API call to make.
type request struct {
	method string
	// path is built by apiPath.
	path  string
	query url.Values
	body  any
	// out receives a success's JSON body; nil discards the body.
	out any
	// maxBody caps the success body decoded into out: maxObjectBody or maxPageBody.
	maxBody int64
}

// do sends one call (with retries) and decodes a success into r.out. It returns the call's
// record alongside the error.
func (c *Client) do(ctx context.Context, r request) (*call, error) {
	target := c.baseURL.String() + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	cl := &call{method: r.method, url: target, start: time.Now(), maxTotal: c.maxTotal}
	ctx = context.WithValue(ctx, callKey{}, cl)

	var payload any
	if r.body != nil {
		encoded, err := encodeBody(r.body)
		if err != nil {
			return cl, fmt.Errorf("encode the body of %s %s: %w", r.method, target, err)
		}
		payload = encoded
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, target, payload)
	if err != nil {
		return cl, fmt.Errorf("build %s %s: %w", r.method, target, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(req)
	if err != nil {
		c.logCall(ctx, r.method, r.path, 0, cl)
		return cl, c.redactErr(err)
	}
	defer resp.Body.Close()
	c.logCall(ctx, r.method, r.path, resp.StatusCode, cl)

	if resp.StatusCode >= 400 {
		return cl, c.errorAnswer(cl, resp)
	}
	if r.out == nil || resp.StatusCode == http.StatusNoContent {
		// Drained so that the connection can carry the next call, but never without end.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxObjectBody))
		return cl, nil
	}
	data, err := readCapped(resp, r.maxBody)
	if errors.Is(err, errTooLarge) {
		return cl, cl.unexpected("answered %d, but the answer is larger than %d MiB, more than this call's answer can be", resp.StatusCode, r.maxBody>>20)
	}
	if err != nil {
		return cl, fmt.Errorf("read the answer of %s %s: %w", r.method, target, err)
	}
	if problem := decodeAnswer(data, r.out); problem != "" {
		return cl, cl.unexpected("answered %d, but %s", resp.StatusCode, c.redact(problem))
	}
	return cl, nil
}

// encodeBody encodes a request body as JSON without escaping "<", ">" and "&", so that a
// definition's escaped form is at most twice its size: the server sizes its body limit on
// that.
func encodeBody(body any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(body); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (c *Client) logCall(ctx context.Context, method, path string, status int, cl *call) {
	if c.log == nil {
		return
	}
	c.log(ctx, "kraiter API call", map[string]any{
		"method":      method,
		"path":        path,
		"status":      status,
		"duration_ms": time.Since(cl.start).Milliseconds(),
	})
}

// apiPath joins path segments, escaping each, so that an id can never change the route.
func apiPath(segments ...string) string {
	var b strings.Builder
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}
