package client

import (
	"errors"
	"regexp"
	"strings"
)

// redacted replaces a secret in text that came from a server or a transport.
const redacted = "[redacted]"

// bearerToken matches a bearer token as a server may echo it from the Authorization header.
var bearerToken = regexp.MustCompile(`(?i)(bearer[\s:=]+)[^\s"'\\,;)\]}]+`)

// redact removes the API key, and any bearer token, from text that came from outside the
// client: a server may echo the request's Authorization header in an error message, and that
// message goes into Terraform's output and the CLI's errors.
func (c *Client) redact(s string) string {
	if c.apiKey != "" {
		s = strings.ReplaceAll(s, c.apiKey, redacted)
	}
	return bearerToken.ReplaceAllString(s, "${1}"+redacted)
}

// redactErr is redact for an error whose text came from outside, such as a transport's.
func (c *Client) redactErr(err error) error {
	if text := c.redact(err.Error()); text != err.Error() {
		return errors.New(text)
	}
	return err
}
