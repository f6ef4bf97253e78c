package provider

import (
	"sync"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// maxCachedDefinitionBytes bounds the texts parsedDefinitions keeps, with their canonical forms.
const maxCachedDefinitionBytes = 32 << 20

// parsedDefinitions remembers what parsing recent definition texts gave. Terraform validates
// each resource's configuration more than once in a run (when validating, then when planning),
// the plan compares it with the state, and configurations often give many resources the same
// definition: each text is parsed once per provider process. When the texts held pass the
// bound, the cache starts again empty.
var parsedDefinitions = &definitionCache{entries: map[string]parsedDefinition{}}

type definitionCache struct {
	mu      sync.Mutex
	entries map[string]parsedDefinition
	bytes   int
}

// parsedDefinition is a text's canonical form, or why it does not parse.
type parsedDefinition struct {
	canonical string
	err       error
}

// parse is definition.Canonicalize of text, remembered.
func (c *definitionCache) parse(text string) (string, error) {
	c.mu.Lock()
	p, ok := c.entries[text]
	c.mu.Unlock()
	if ok {
		return p.canonical, p.err
	}
	p.canonical, p.err = definition.Canonicalize([]byte(text))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bytes += len(text) + len(p.canonical); c.bytes > maxCachedDefinitionBytes {
		c.entries, c.bytes = map[string]parsedDefinition{}, len(text)+len(p.canonical)
	}
	c.entries[text] = p
	return p.canonical, p.err
}
