package client

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// maxRedirects bounds the redirects one attempt follows.
const maxRedirects = 5

// checkRedirect is the HTTP client's redirect policy. The key must not leave with a
// redirect: it is dropped once a redirect leaves the first request's scheme, host and port,
// and a redirect to plain http on a host that is not loopback is refused outright.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return fmt.Errorf("%w: stopped after %d redirects, at %s", ErrRedirectRefused, maxRedirects, req.URL.Redacted())
	}
	if req.URL.Scheme == "http" && !IsLoopback(req.URL.Hostname()) {
		return fmt.Errorf("%w: %s redirected to %s, plain http on a host that is not loopback, where the API key would travel unencrypted",
			ErrRedirectRefused, via[len(via)-1].URL.Redacted(), req.URL.Redacted())
	}
	first := via[0].URL
	left := func(r *http.Request) bool {
		return r.URL.Scheme != first.Scheme || !strings.EqualFold(r.URL.Host, first.Host)
	}
	if left(req) || slices.ContainsFunc(via[1:], left) {
		req.Header.Del("Authorization")
	}
	return nil
}
