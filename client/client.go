// Package client is a typed Go client for Kraiter's sequences API, shaped like Kraiter's SDK:
// c.Sequences.Create/Get/List/Update/Delete/GetStatus/DryRun/GetContacts/GetSends.
//
// The REST shape (paths, bodies, error format) is inferred from the SDK reference and lives in
// this package and in openapi.yaml only, so that aligning with the live API is a small change.
package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is Kraiter's API.
const DefaultBaseURL = "https://api.kraiter.com"

// Defaults for the zero fields of Config.
const (
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 10 * time.Second
	DefaultRetryMaxTotal  = 2 * time.Minute
	defaultUserAgent      = "kraiter-go-client"
	maxRetryAfter         = time.Minute
	maxErrorBody          = 64 * 1024
)

// Config configures a Client. Zero fields take the defaults above.
type Config struct {
	// BaseURL is the API's address. It must be https, except on a loopback host (the local
	// Kraiter server).
	BaseURL string
	// APIKey is sent as a bearer token. It is never logged nor put in an error.
	APIKey string
	// UserAgent names the program, such as "terraform-provider-kraiter/1.2.0".
	UserAgent string
	// MaxRetries bounds the retries after the first attempt; negative means none.
	MaxRetries int
	// RequestTimeout bounds each attempt.
	RequestTimeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts (a Retry-After
	// header is honoured up to one minute).
	RetryWaitMin, RetryWaitMax time.Duration
	// RetryMaxTotal bounds the time spent on one call, retries included: no retry starts
	// after it.
	RetryMaxTotal time.Duration
	// Log, when set, receives one line per call (method, path, status, attempts).
	Log func(ctx context.Context, msg string, fields map[string]any)
	// HTTPClient replaces the default transport (tests). Its Timeout is set from RequestTimeout.
	HTTPClient *http.Client
}

// Client talks to the API. It is safe for concurrent use.
type Client struct {
	// Sequences holds the sequence methods.
	Sequences *SequencesService

	baseURL   *url.URL
	apiKey    string
	userAgent string
	http      *retryablehttp.Client
	maxTotal  time.Duration
	log       func(ctx context.Context, msg string, fields map[string]any)
}

// New checks the configuration and builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	setDefaults(&cfg)

	hc := cfg.HTTPClient
	if hc == nil {
		hc = cleanhttp.DefaultPooledClient()
	}
	hc.Timeout = cfg.RequestTimeout
	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil
	rc.RetryMax = max(cfg.MaxRetries, 0)
	rc.RetryWaitMin = cfg.RetryWaitMin
	rc.RetryWaitMax = cfg.RetryWaitMax
	rc.CheckRetry = checkRetry
	rc.Backoff = backoff
	// Hand the last answer back instead of retryablehttp's generic "giving up" error, so
	// that callers see the API's own error code and message.
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler

	c := &Client{
		baseURL:   base,
		apiKey:    cfg.APIKey,
		userAgent: cfg.UserAgent,
		http:      rc,
		maxTotal:  cfg.RetryMaxTotal,
		log:       cfg.Log,
	}
	c.Sequences = &SequencesService{c: c}
	return c, nil
}

// BaseURL is the API address the client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

func setDefaults(cfg *Config) {
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	if cfg.MaxRetries == 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryWaitMin == 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax == 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.RetryWaitMax < cfg.RetryWaitMin {
		cfg.RetryWaitMax = cfg.RetryWaitMin
	}
	if cfg.RetryMaxTotal == 0 {
		cfg.RetryMaxTotal = DefaultRetryMaxTotal
	}
}

// parseBaseURL refuses anything but https, so that the key never crosses a network in clear
// text; plain http is fine on a loopback host, where the local server runs.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("base URL %q is not an absolute http(s) URL such as %q", raw, DefaultBaseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("base URL %q must not carry a query, fragment or user info", raw)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q is not https; plain http is only allowed on a loopback host such as 127.0.0.1 or localhost", raw)
	}
	return u, nil
}

// IsLoopback reports whether host names this machine: "localhost" or a loopback address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// attempts records what happened to the attempts of one call, so that a write whose answer
// was lost can be recognised when its retry answers CONFLICT or NOT_FOUND.
type attempts struct {
	start time.Time
	max   time.Duration
	// uncertain is set when an attempt got no answer or a server error: the write may have
	// happened.
	uncertain bool
}

type attemptsKey struct{}

func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st, _ := ctx.Value(attemptsKey{}).(*attempts)
	retry := false
	switch {
	case err != nil:
		retry, err = retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		if st != nil {
			st.uncertain = true
		}
	case resp.StatusCode == http.StatusTooManyRequests:
		retry = true
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		retry = true
		if st != nil {
			st.uncertain = true
		}
	}
	if retry && st != nil && time.Since(st.start) >= st.max {
		return false, err
	}
	return retry, err
}

// backoff honours Retry-After; otherwise it doubles from min up to max, with jitter so that
// many clients do not retry in step.
func backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if s := resp.Header.Get("Retry-After"); s != "" {
			if d, ok := parseRetryAfter(s); ok {
				return min(d, maxRetryAfter)
			}
		}
	}
	wait := minWait << min(attempt, 30)
	if wait <= 0 || wait > maxWait {
		wait = maxWait
	}
	half := wait / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func parseRetryAfter(s string) (time.Duration, bool) {
	var secs int64
	if _, err := fmt.Sscan(s, &secs); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(s); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// do sends one call (with retries) to path (built by apiPath) and decodes a success into
// out. It returns the call's attempt record alongside the error.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) (*attempts, error) {
	st := &attempts{start: time.Now(), max: c.maxTotal}
	ctx = context.WithValue(ctx, attemptsKey{}, st)

	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return st, fmt.Errorf("encode request: %w", err)
		}
	}
	target := c.baseURL.String() + path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}

	var reader any
	if payload != nil {
		reader = payload
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, target, reader)
	if err != nil {
		return st, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(req)
	if err != nil {
		c.logCall(ctx, method, path, 0, st)
		return st, scrub(err, c.apiKey)
	}
	defer resp.Body.Close()
	c.logCall(ctx, method, path, resp.StatusCode, st)

	if resp.StatusCode >= 400 {
		return st, decodeError(resp)
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, resp.Body)
		return st, nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return st, fmt.Errorf("decode %s %s response: %w", method, path, err)
	}
	return st, nil
}

func (c *Client) logCall(ctx context.Context, method, path string, status int, st *attempts) {
	if c.log == nil {
		return
	}
	c.log(ctx, "kraiter API call", map[string]any{
		"method":      method,
		"path":        path,
		"status":      status,
		"duration_ms": time.Since(st.start).Milliseconds(),
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

func decodeError(resp *http.Response) error {
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	var body struct {
		Error struct {
			Code    string        `json:"code"`
			Message string        `json:"message"`
			Details []ErrorDetail `json:"details"`
		} `json:"error"`
	}
	apiErr := &Error{StatusCode: resp.StatusCode}
	if json.Unmarshal(data, &body) == nil && body.Error.Code != "" {
		apiErr.Code = body.Error.Code
		apiErr.Message = body.Error.Message
		apiErr.Details = body.Error.Details
	} else {
		apiErr.Code = codeForStatus(resp.StatusCode)
		apiErr.Message = strings.TrimSpace(string(data))
		if apiErr.Message == "" {
			apiErr.Message = http.StatusText(resp.StatusCode)
		}
	}
	return apiErr
}

// scrub keeps the API key out of a transport error's text, whatever the transport put in it.
func scrub(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), key, "[redacted]"))
}
