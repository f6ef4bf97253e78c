package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// A server that echoes the Authorization header in what it says never gets the key (or any
// bearer token) into the client's errors.
func TestServerTextNeverCarriesTheKey(t *testing.T) {
	t.Parallel()
	echo := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			text := strings.ReplaceAll(body, "AUTH", r.Header.Get("Authorization"))
			text = strings.ReplaceAll(text, "KEY", strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
			answer(status, text)(w, r)
		}
	}
	tests := []struct {
		name string
		h    http.HandlerFunc
	}{
		{"an error message", echo(http.StatusUnprocessableEntity, `{"error":{"code":"VALIDATION_ERROR","message":"refused AUTH","details":[{"path":"KEY","message":"bad token KEY"}]}}`)},
		{"a plain error body", echo(http.StatusBadGateway, `upstream said: Authorization: AUTH`)},
		{"a 404 page", echo(http.StatusNotFound, `<html>no route for AUTH</html>`)},
		{"a success that is not JSON", echo(http.StatusOK, `<html>hello KEY</html>`)},
		{"another bearer token", echo(http.StatusUnauthorized, `{"error":{"code":"UNAUTHORIZED","message":"Bearer someone-elses-token is not yours"}}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newFakeClient(t, serve(t, tt.h), noRetries)
			_, err := c.Sequences.Get(context.Background(), "seq_a")
			if err == nil {
				t.Fatal("Get succeeded")
			}
			msg := err.Error()
			var apiErr *client.Error
			if errors.As(err, &apiErr) {
				for _, d := range apiErr.Details {
					msg += " " + d.Path + " " + d.Message
				}
				msg += " " + apiErr.Message
			}
			if strings.Contains(msg, fakeKey) || strings.Contains(msg, "someone-elses-token") || !strings.Contains(msg, "[redacted]") {
				t.Errorf("the error shows a secret, or does not say it was redacted: %s", msg)
			}
		})
	}
}
