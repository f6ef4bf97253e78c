package client

import (
	"context"
	"errors"
	"fmt"
)

// Verify proves that the base URL leads to Kraiter's sequences API and that the API accepts
// the key: it reads one page of one sequence (GET /v1/sequences?limit=1), whose answer must
// be a well-formed page. It returns nil only then; otherwise its error says what to check.
// A caller about to act on a NOT_FOUND (forget a sequence, count it deleted) calls it first,
// since from anything but the API a 404 proves nothing.
func (c *Client) Verify(ctx context.Context) error {
	_, err := c.Sequences.ListPage(ctx, ListOptions{Limit: 1})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrUnauthorized):
		return fmt.Errorf("%s refused the API key; check that it is a valid Kraiter API key: %w", c.BaseURL(), err)
	case errors.Is(err, ErrUnexpectedResponse), errors.Is(err, ErrRedirectRefused):
		return fmt.Errorf("%s does not answer like Kraiter's sequences API; check the base URL, which should be the API's root, such as %s: %w",
			c.BaseURL(), DefaultBaseURL, err)
	}
	return fmt.Errorf("could not verify that %s is Kraiter's sequences API: %w", c.BaseURL(), err)
}
