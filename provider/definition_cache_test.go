package provider

import (
	"errors"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestDefinitionCache(t *testing.T) {
	t.Parallel()
	c := &definitionCache{entries: map[string]parsedDefinition{}}
	spaced := `{ "steps": [ {"type": "delay", "duration": "2d"} ] }`
	for range 2 {
		got, err := c.parse(spaced)
		if err != nil || got != `{"steps":[{"type":"delay","duration":"2d"}]}` {
			t.Fatalf("parse = %q, %v", got, err)
		}
	}
	for range 2 {
		var verr *definition.ValidationError
		if _, err := c.parse(`{"steps": []}`); !errors.As(err, &verr) {
			t.Fatalf("parse of an invalid definition: %v, want a ValidationError", err)
		}
	}
	if len(c.entries) != 2 {
		t.Errorf("the cache holds %d texts, want 2", len(c.entries))
	}
}

func TestDefinitionCacheIsBounded(t *testing.T) {
	t.Parallel()
	c := &definitionCache{entries: map[string]parsedDefinition{}}
	big := `{"steps":[{"type":"email","templateId":"` + strings.Repeat("t", 200<<10) + `"}]}`
	for i := range maxCachedDefinitionBytes/(400<<10) + 10 {
		text := strings.Replace(big, `"email"`, `"email"`+strings.Repeat(" ", i), 1)
		if _, err := c.parse(text); err != nil {
			t.Fatal(err)
		}
		if c.bytes > maxCachedDefinitionBytes {
			t.Fatalf("the cache holds %d bytes, more than %d", c.bytes, maxCachedDefinitionBytes)
		}
	}
}
