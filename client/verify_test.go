package client_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

func TestVerify(t *testing.T) {
	t.Parallel()
	const page = `{"data":[%s],"nextCursor":null}`
	tests := []struct {
		name   string
		status int
		body   string
		// want is the sentinel of the error; nil means Verify must succeed.
		want error
		says string
	}{
		{"an empty account", 200, `{"data":[],"nextCursor":null}`, nil, ""},
		{"a page of one sequence", 200, strings.Replace(page, "%s", sequenceJSON("seq_a"), 1), nil, ""},
		{"a refused key", 401, `{"error":{"code":"UNAUTHORIZED","message":"invalid API key"}}`, client.ErrUnauthorized,
			"refused the API key; check that it is a valid Kraiter API key"},
		{"a web page", 200, "<html>Welcome</html>", client.ErrUnexpectedResponse, "check the base URL"},
		{"an object of something else", 200, `{"status":"ok"}`, client.ErrUnexpectedResponse, "check the base URL"},
		{"a page of incomplete sequences", 200, strings.Replace(page, "%s", `{"id":"seq_a"}`, 1), client.ErrUnexpectedResponse, "check the base URL"},
		{"a bare 404", 404, "", client.ErrUnexpectedResponse, "check the base URL"},
		{"a server error", 503, "", client.ErrInternal, "could not verify that"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked string
			cfg := serve(t, func(w http.ResponseWriter, r *http.Request) {
				asked = r.Method + " " + r.URL.RequestURI()
				answer(tt.status, tt.body)(w, r)
			})
			err := newFakeClient(t, cfg, noRetries).Verify(context.Background())
			if asked != "GET /v1/sequences?limit=1" {
				t.Errorf("Verify asked %q, want GET /v1/sequences?limit=1", asked)
			}
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.says) || !strings.Contains(err.Error(), cfg.BaseURL) {
				t.Fatalf("Verify: %v, want %v saying %q about %s", err, tt.want, tt.says, cfg.BaseURL)
			}
		})
	}
}

// Against the local server: the right address and key verify; a base URL with a path too
// many gets ROUTE_NOT_FOUND, which must never pass for a missing sequence.
func TestLocalServerVerifiesAndRefusesAWrongBaseURL(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	if err := e.api.Verify(ctx); err != nil {
		t.Fatalf("Verify against the local server: %v", err)
	}

	badKey, err := client.New(client.Config{BaseURL: e.inst.URL, APIKey: "wrong-key"})
	if err != nil {
		t.Fatal(err)
	}
	if err := badKey.Verify(ctx); !errors.Is(err, client.ErrUnauthorized) {
		t.Fatalf("Verify with a wrong key: %v, want ErrUnauthorized", err)
	}

	wrong, err := client.New(client.Config{BaseURL: e.inst.URL + "/api", APIKey: e.inst.APIKey, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string]error{"Verify": wrong.Verify(ctx), "Delete": wrong.Sequences.Delete(ctx, "seq_a")}
	_, calls["Get"] = wrong.Sequences.Get(ctx, "seq_a")
	for name, err := range calls {
		if !errors.Is(err, client.ErrUnexpectedResponse) || errors.Is(err, client.ErrNotFound) || !strings.Contains(err.Error(), e.inst.URL+"/api/v1/sequences") {
			t.Errorf("%s under a wrong base URL: %v, want ErrUnexpectedResponse naming the URL asked", name, err)
		}
	}
}
