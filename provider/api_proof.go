package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// apiProof remembers that this provider instance has reached Kraiter's sequences API with a
// valid key. A NOT_FOUND answer makes the provider forget a sequence (Read) or count it as
// deleted (Delete); before it believes one, it wants that proof, so that a wrong base_url or
// a proxy that answers 404 for everything can never make Terraform lose track of a sequence
// that goes on emailing people.
type apiProof struct {
	mu     sync.Mutex
	proven bool
}

// confirm proves the API once per provider instance; a failure is not remembered, so the
// next NOT_FOUND asks again.
func (p *apiProof) confirm(ctx context.Context, c *client.Client) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.proven {
		return nil
	}
	if err := c.Verify(ctx); err != nil {
		return err
	}
	p.proven = true
	return nil
}

// notFoundUnconfirmed is the detail of the error reported when the API said a sequence does
// not exist but the provider could not confirm whom it was talking to.
func notFoundUnconfirmed(id, baseURL string, err error) string {
	return fmt.Sprintf("The server at %s answered that sequence %q does not exist, but the provider could not confirm "+
		"that this address is Kraiter's sequences API accepting the configured key:\n\n  %v\n\n"+
		"Nothing was removed from the Terraform state, and the sequence, if it exists, is untouched. "+
		"Check the provider's base_url (the API's root, such as %s) and api_key, then run the command again.",
		baseURL, id, err, client.DefaultBaseURL)
}
