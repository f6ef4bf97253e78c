package localserver

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Cursor kinds, so that a cursor from one listing is refused by another.
const (
	cursorSequences = "sequences"
	cursorContacts  = "contacts"
	cursorSends     = "sends"
	cursorTemplates = "templates"
)

// pageRequest is a listing's page size and the key after which it starts ("" for the first).
type pageRequest struct {
	limit int
	after string
}

// readPage reads the limit and cursor query parameters, appending any problem.
func readPage(q url.Values, kind string, problems *[]definition.Problem) pageRequest {
	p := pageRequest{limit: client.DefaultPageSize}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > client.MaxPageSize {
			*problems = append(*problems, definition.Problem{Path: "limit",
				Message: fmt.Sprintf("%q is not a page size; use a whole number from 1 to %d (default %d)", v, client.MaxPageSize, client.DefaultPageSize)})
		} else {
			p.limit = n
		}
	}
	if v := q.Get("cursor"); v != "" {
		after, ok := decodeCursor(kind, v)
		if !ok {
			*problems = append(*problems, definition.Problem{Path: "cursor",
				Message: fmt.Sprintf("%q is not a cursor of this listing; pass the nextCursor of the previous page unchanged, or none for the first page", v)})
		}
		p.after = after
	}
	return p
}

// A cursor is the listing kind and the last key of the previous page, base64url-encoded.
func encodeCursor(kind, key string) *string {
	s := base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + key))
	return &s
}

func decodeCursor(kind, cursor string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", false
	}
	key, ok := strings.CutPrefix(string(raw), kind+":")
	if !ok || key == "" {
		return "", false
	}
	return key, true
}

// pageOf cuts items fetched with limit+1 to one page, with the cursor to the next when the
// extra item shows there is one.
func pageOf[T any](items []T, limit int, kind string, key func(T) string) Page[T] {
	if len(items) <= limit {
		if items == nil {
			items = []T{}
		}
		return Page[T]{Data: items}
	}
	items = items[:limit]
	return Page[T]{Data: items, NextCursor: encodeCursor(kind, key(items[limit-1]))}
}
