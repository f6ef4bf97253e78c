package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

func pageQuery(limit int, cursor string) (url.Values, error) {
	if limit < 0 || limit > MaxPageSize {
		return nil, fmt.Errorf("page size %d is out of range; use 1 to %d, or 0 for the default", limit, MaxPageSize)
	}
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	return q, nil
}

// getPage reads one page, which must have a data array; check, when set, says what is wrong
// with an item.
func getPage[T any](ctx context.Context, c *Client, path string, q url.Values, check func(*T) string) (*Page[T], error) {
	var body struct {
		// A pointer, to tell a missing or null array from an empty one.
		Data       *[]T    `json:"data"`
		NextCursor *string `json:"nextCursor"`
	}
	cl, err := c.do(ctx, request{method: http.MethodGet, path: path, query: q, out: &body, maxBody: maxPageBody})
	if err != nil {
		return nil, err
	}
	if body.Data == nil {
		return nil, cl.unexpected("answered a page without a data array")
	}
	if check != nil {
		if problem := itemProblem(*body.Data, check); problem != "" {
			return nil, cl.unexpected("answered %s", problem)
		}
	}
	page := &Page[T]{Data: *body.Data, call: cl}
	if body.NextCursor != nil {
		page.NextCursor = *body.NextCursor
	}
	return page, nil
}

// paginate follows cursors lazily, an item at a time, within the bounds of paginatePages.
func paginate[T any](maxPages int, what, cursor string, fetch func(cursor string) (*Page[T], error)) iter.Seq2[T, error] {
	return items(paginatePages(maxPages, what, cursor, fetch))
}

// items yields the items of pages, one after another; an error ends them.
func items[T any](pages iter.Seq2[*Page[T], error]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		for page, err := range pages {
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}

// paginatePages follows cursors lazily: a page is read only when the loop has used the one
// before, so memory stays flat however many items there are. A server that gives a cursor
// twice, or a next page after maxPages pages, would keep the loop going for ever: that ends
// it with ErrUnexpectedResponse, wrapped in what (such as "list sequences").
func paginatePages[T any](maxPages int, what, cursor string, fetch func(cursor string) (*Page[T], error)) iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		fail := func(cl *call, format string, args ...any) {
			yield(nil, fmt.Errorf("%s: %w", what, cl.unexpected(format, args...)))
		}
		// The cursor the listing starts from counts as given: answering it again loops too.
		given := map[string]bool{cursor: true}
		for pages := 1; ; pages++ {
			page, err := fetch(cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(page, nil) {
				return
			}
			next := page.NextCursor
			switch {
			case next == "" || len(page.Data) == 0:
				return
			case given[next]:
				fail(page.call, "answered nextCursor %q, which it already gave in this listing: the listing would never end", next)
				return
			case pages >= maxPages:
				fail(page.call, "answered a next page after %d pages, the most a listing reads (Config.MaxPages): the listing looks endless", maxPages)
				return
			}
			given[next] = true
			cursor = next
		}
	}
}
