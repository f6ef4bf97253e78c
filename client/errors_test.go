package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

func TestErrorAnswers(t *testing.T) {
	t.Parallel()
	const notFound = `{"error":{"code":"NOT_FOUND","message":"no sequence seq_a"}}`
	tests := []struct {
		name   string
		status int
		body   string
		// want is the sentinel the error matches, nil for none.
		want error
		// code is the *Error's code; empty when the answer must not be an *Error.
		code string
		says []string
	}{
		{"the API's NOT_FOUND", 404, notFound, client.ErrNotFound, client.CodeNotFound,
			[]string{"/api/v1/sequences/seq_a answered NOT_FOUND (HTTP 404): no sequence seq_a"}},
		{"a 404 of plain text", 404, "404 page not found\n", client.ErrUnexpectedResponse, "",
			[]string{`/api/v1/sequences/seq_a answered 404 without Kraiter's error body ("404 page not found"): the base URL "`,
				`/api" looks wrong; it should be the API's root, such as https://api.kraiter.com`}},
		{"a 404 of other JSON", 404, `{"message":"Not Found"}`, client.ErrUnexpectedResponse, "",
			[]string{`without Kraiter's error body ("{\"message\":\"Not Found\"}")`}},
		{"a NOT_FOUND without a message", 404, `{"error":{"code":"NOT_FOUND"}}`, client.ErrUnexpectedResponse, "",
			[]string{"without Kraiter's error body"}},
		{"a 404 with another code", 404, `{"error":{"code":"CONFLICT","message":"x"}}`, client.ErrUnexpectedResponse, "",
			[]string{"without Kraiter's error body"}},
		{"ROUTE_NOT_FOUND", 404, `{"error":{"code":"ROUTE_NOT_FOUND","message":"no route"}}`, client.ErrRouteNotFound, "",
			[]string{`answered 404 ROUTE_NOT_FOUND ("no route"): the base URL`}},
		{"ROUTE_NOT_FOUND on another status", 400, `{"error":{"code":"ROUTE_NOT_FOUND","message":"no route"}}`, client.ErrRouteNotFound, "",
			[]string{`answered 400 ROUTE_NOT_FOUND ("no route"): the base URL`}},
		{"NOT_FOUND on a 500", 500, notFound, client.ErrUnexpectedResponse, "",
			[]string{"answered 500 with code NOT_FOUND, which only comes with 404"}},
		{"a plain 400", 400, "bad request", client.ErrValidation, client.CodeValidationError, []string{"VALIDATION_ERROR (HTTP 400): bad request"}},
		{"a plain 401", 401, "", client.ErrUnauthorized, client.CodeUnauthorized, []string{"UNAUTHORIZED (HTTP 401): Unauthorized"}},
		{"a plain 403", 403, "forbidden", client.ErrUnauthorized, client.CodeUnauthorized, []string{"(HTTP 403): forbidden"}},
		{"a plain 405", 405, "", nil, client.CodeMethodNotAllowed, []string{"METHOD_NOT_ALLOWED (HTTP 405)"}},
		{"a plain 409", 409, "taken", client.ErrConflict, client.CodeConflict, []string{"CONFLICT (HTTP 409): taken"}},
		{"a plain 415", 415, "", nil, client.CodeUnsupportedMediaType, []string{"UNSUPPORTED_MEDIA_TYPE (HTTP 415)"}},
		{"a plain 422", 422, "nope", client.ErrValidation, client.CodeValidationError, []string{"(HTTP 422): nope"}},
		{"a plain 429", 429, "slow down", client.ErrRateLimited, client.CodeRateLimited, []string{"RATE_LIMITED (HTTP 429): slow down"}},
		{"a plain 503", 503, "<html>\r\n<b>Service\tUnavailable</b>\x00\x1b[0m</html>", client.ErrInternal, client.CodeInternal,
			[]string{"INTERNAL (HTTP 503): <html> <b>Service Unavailable</b> [0m</html>"}},
		{"a long body", 502, strings.Repeat("<p>Bad gateway</p>\n", 1000), client.ErrInternal, client.CodeInternal,
			[]string{"(HTTP 502): <p>Bad gateway</p> <p>Bad gateway</p>", "…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := serve(t, answer(tt.status, tt.body))
			cfg.BaseURL += "/api"
			c := newFakeClient(t, cfg, noRetries)
			_, err := c.Sequences.Get(context.Background(), "seq_a")
			if err == nil {
				t.Fatal("Get succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %q does not match %v", err, tt.want)
			}
			if !errors.Is(tt.want, client.ErrNotFound) && errors.Is(err, client.ErrNotFound) {
				t.Errorf("error %q matches ErrNotFound", err)
			}
			wantRoute := errors.Is(tt.want, client.ErrRouteNotFound)
			if errors.Is(err, client.ErrRouteNotFound) != wantRoute || (wantRoute && !errors.Is(err, client.ErrUnexpectedResponse)) {
				t.Errorf("error %q: ErrRouteNotFound %v, want it only for ROUTE_NOT_FOUND, which is also an unexpected response", err, errors.Is(err, client.ErrRouteNotFound))
			}
			var apiErr *client.Error
			switch isAPIErr := errors.As(err, &apiErr); {
			case tt.code == "" && isAPIErr:
				t.Errorf("error %q is an *Error, want an answer that is not the API's", err)
			case tt.code != "" && !isAPIErr:
				t.Errorf("error %q is not an *Error", err)
			case isAPIErr:
				if apiErr.Code != tt.code || apiErr.Method != http.MethodGet || !strings.HasSuffix(apiErr.URL, "/api/v1/sequences/seq_a") {
					t.Errorf("*Error = %+v, want code %s of GET …/api/v1/sequences/seq_a", apiErr, tt.code)
				}
				if n := utf8.RuneCountInString(apiErr.Message); n > 201 || strings.ContainsAny(apiErr.Message, "\r\n\t\x00") {
					t.Errorf("message %q has %d characters or is not one line", apiErr.Message, n)
				}
			}
			for _, s := range tt.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}
