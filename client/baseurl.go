package client

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// parseBaseURL refuses anything but https, so that the key never crosses a network in clear
// text; plain http is fine on a loopback host, where the local server runs. A trailing "/v1"
// is dropped, since the client adds it to every path.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("base URL %q is not an absolute http(s) URL such as %q", raw, DefaultBaseURL)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("base URL %q must not carry a query, fragment or user info; use the API's root, such as %q", raw, DefaultBaseURL)
	}
	if u.Scheme == "http" && !IsLoopback(u.Hostname()) {
		return nil, fmt.Errorf("base URL %q is not https; plain http is only allowed on a loopback host such as 127.0.0.1 or localhost", raw)
	}
	if p, ok := strings.CutSuffix(u.Path, "/v1"); ok {
		u.Path = strings.TrimRight(p, "/")
		rp, _ := strings.CutSuffix(u.RawPath, "/v1")
		u.RawPath = strings.TrimRight(rp, "/")
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
