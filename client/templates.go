package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
)

// TemplatesService reads the account's email templates, which sequences name in their
// emails' templateId. Kraiter's SDK reference documents no templates namespace, only that a
// create fails when a template does not exist; these routes are inferred (see
// docs/design/contract.md), and a server without them answers ROUTE_NOT_FOUND, which callers
// that can do without templates treat as "not available" (ErrRouteNotFound).
type TemplatesService struct {
	c *Client
}

// Get reads a template.
func (s *TemplatesService) Get(ctx context.Context, id string) (*Template, error) {
	t, _, err := objectCall(ctx, s.c, request{method: http.MethodGet, path: apiPath("v1", "templates", id)},
		func(t *Template) string { return templateProblem(t, id) })
	if err != nil {
		return nil, fmt.Errorf("get template %q: %w", id, err)
	}
	return t, nil
}

// ListPage reads one page of templates.
func (s *TemplatesService) ListPage(ctx context.Context, opts PageOptions) (*Page[Template], error) {
	q, err := pageQuery(opts.Limit, opts.Cursor)
	if err == nil {
		var page *Page[Template]
		if page, err = getPage(ctx, s.c, apiPath("v1", "templates"), q, func(t *Template) string { return templateProblem(t, "") }); err == nil {
			return page, nil
		}
	}
	return nil, fmt.Errorf("list templates: %w", err)
}

// List iterates over every template, a page at a time, within the bounds of
// SequencesService.List.
func (s *TemplatesService) List(ctx context.Context, opts PageOptions) iter.Seq2[Template, error] {
	return paginate(s.c.maxPages, "list templates", opts.Cursor, func(cursor string) (*Page[Template], error) {
		return s.ListPage(ctx, PageOptions{Limit: opts.Limit, Cursor: cursor})
	})
}
