package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxRetryAfter caps a server's Retry-After.
const maxRetryAfter = time.Minute

// call is one API call, retries included: what was asked, and what its attempts did.
type call struct {
	method, url string
	start       time.Time
	maxTotal    time.Duration
	// status is the last answer's HTTP status; 0 when there was none.
	status int
	// uncertain is set when an attempt got no answer or a server error: the write may have
	// happened.
	uncertain bool
}

type callKey struct{}

// unexpected reports an answer of this call that Kraiter's sequences API would not give.
func (cl *call) unexpected(format string, args ...any) *UnexpectedResponseError {
	return &UnexpectedResponseError{Method: cl.method, URL: cl.url, StatusCode: cl.status, Problem: fmt.Sprintf(format, args...)}
}

// checkRetry records each attempt's outcome in its call, and retries failures to connect,
// rate limiting and server errors (but 501) until the call's time is up.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	// Every request is sent by do, which puts its call in the context.
	cl := ctx.Value(callKey{}).(*call)
	cl.uncertain = cl.uncertain || err != nil || isServerError(resp.StatusCode)
	if err == nil {
		cl.status = resp.StatusCode
	}
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	retry := false
	switch {
	case errors.Is(err, ErrRedirectRefused):
		// The same redirect would come again.
		return false, err
	case err != nil:
		retry, err = retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	case resp.StatusCode == http.StatusTooManyRequests:
		retry = true
	case isServerError(resp.StatusCode):
		retry = true
	}
	if retry && time.Since(cl.start) >= cl.maxTotal {
		return false, err
	}
	return retry, err
}

// isServerError tells a server error, after which a write may or may not have happened; 501
// says the server does not do the call at all.
func isServerError(status int) bool {
	return status >= 500 && status != http.StatusNotImplemented
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
