// Package client is a typed Go client for Kraiter's sequences API, shaped like Kraiter's SDK:
// c.Sequences.Create/Get/List/Update/Delete/GetStatus/DryRun/GetContacts/GetSends.
//
// The REST shape (paths, bodies, error format) is inferred from the SDK reference and lives in
// this package and in openapi.yaml only, so that aligning with the live API is a small change.
//
// The client trusts no answer it cannot check: a 404 is "not found" only with the API's own
// error body, and a success must be about what was asked (see ErrUnexpectedResponse).
package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is Kraiter's API.
const DefaultBaseURL = "https://api.kraiter.com"

// Defaults for the zero fields of Config.
const (
	// DefaultMaxRetries lets a call ride out about 30% of transient failures (server errors
	// and rate limiting): eleven attempts in a row then all fail about twice in a million
	// calls (0.3^11), and their waits stay well within DefaultRetryMaxTotal.
	DefaultMaxRetries     = 10
	DefaultRequestTimeout = 30 * time.Second
	DefaultRetryWaitMin   = 500 * time.Millisecond
	DefaultRetryWaitMax   = 10 * time.Second
	DefaultRetryMaxTotal  = 2 * time.Minute
	// DefaultMaxPages bounds a listing: 10,000 pages of up to 100 items is far more than any
	// account holds; a listing past it is a server looping.
	DefaultMaxPages  = 10000
	defaultUserAgent = "kraiter-go-client"
)

// Config configures a Client. Zero fields take the defaults above.
type Config struct {
	// BaseURL is the API's root, such as https://api.kraiter.com. It must be https, except
	// on a loopback host (the local Kraiter server). A trailing "/v1" is dropped: it names
	// the same root, since every path the client sends starts with /v1/.
	BaseURL string
	// APIKey is sent as a bearer token. It is never logged nor put in an error, and never
	// follows a redirect to another scheme, host or port.
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
	// MaxPages bounds the pages one listing (List, GetContacts, GetSends) reads; zero or
	// less means DefaultMaxPages. A listing that would go past it fails with
	// ErrUnexpectedResponse rather than loop for ever.
	MaxPages int
	// Log, when set, receives one line per call (method, path, status, duration).
	Log func(ctx context.Context, msg string, fields map[string]any)
	// HTTPClient replaces the default transport (tests). The client uses a copy, whose
	// Timeout is set from RequestTimeout and whose redirect policy is the client's own.
	HTTPClient *http.Client
}

// Client talks to the API. It is safe for concurrent use.
type Client struct {
	// Sequences holds the sequence methods.
	Sequences *SequencesService
	// Templates reads the account's email templates.
	Templates *TemplatesService

	baseURL   *url.URL
	apiKey    string
	userAgent string
	http      *retryablehttp.Client
	maxTotal  time.Duration
	maxPages  int
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

	hc := cleanhttp.DefaultPooledClient()
	if cfg.HTTPClient != nil {
		own := *cfg.HTTPClient
		hc = &own
	}
	hc.Timeout = cfg.RequestTimeout
	hc.CheckRedirect = checkRedirect
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
		maxPages:  cfg.MaxPages,
		log:       cfg.Log,
	}
	c.Sequences = &SequencesService{c: c}
	c.Templates = &TemplatesService{c: c}
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
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
}
