package localserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestAuth(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	paths := []string{"/v1/sequences", "/v1/sequences/seq_x", "/v1/unknown", "/_local/clock"}
	for _, path := range paths {
		for _, tc := range []struct{ name, key, wantMsg string }{
			{"missing", "", "missing API key"},
			{"wrong", "not-the-key", "wrong API key"},
		} {
			t.Run(tc.name+path, func(t *testing.T) {
				resp := srv.DoWithKey(t, http.MethodGet, path, nil, tc.key)
				if resp.Status != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401: %s", resp.Status, resp.Body)
				}
				e := resp.Error(t)
				if e.Code != localserver.CodeUnauthorized || !strings.Contains(e.Message, tc.wantMsg) {
					t.Errorf("error %+v, want UNAUTHORIZED saying %q", e, tc.wantMsg)
				}
				if resp.Header.Get("WWW-Authenticate") == "" {
					t.Error("no WWW-Authenticate header")
				}
			})
		}
	}
	if resp := srv.Do(t, http.MethodGet, "/_local/clock", nil); resp.Status != http.StatusOK {
		t.Errorf("with the key: status %d: %s", resp.Status, resp.Body)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{http.MethodGet, "/v1/nothing", http.StatusNotFound, localserver.CodeRouteNotFound, ""},
		{http.MethodPost, "/v1/sequences/a/b/c", http.StatusNotFound, localserver.CodeRouteNotFound, ""},
		{http.MethodGet, "/_local/nothing", http.StatusNotFound, localserver.CodeRouteNotFound, ""},
		{http.MethodGet, "/", http.StatusNotFound, localserver.CodeRouteNotFound, ""},
		{http.MethodGet, "/sequences", http.StatusNotFound, localserver.CodeRouteNotFound, ""},
		{http.MethodPut, "/v1/sequences/seq_a", http.StatusMethodNotAllowed, localserver.CodeMethodNotAllowed, "DELETE, GET, PATCH"},
		{http.MethodDelete, "/v1/sequences", http.StatusMethodNotAllowed, localserver.CodeMethodNotAllowed, "GET, POST"},
		{http.MethodGet, "/v1/events", http.StatusMethodNotAllowed, localserver.CodeMethodNotAllowed, "POST"},
		{http.MethodGet, "/_local/clock/advance", http.StatusMethodNotAllowed, localserver.CodeMethodNotAllowed, "POST"},
	}
	for _, tc := range tests {
		t.Run(tc.method+tc.path, func(t *testing.T) {
			resp := srv.Do(t, tc.method, tc.path, nil)
			if resp.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json" {
				t.Errorf("Content-Type %q, want application/json", got)
			}
			e := resp.Error(t)
			if e.Code != tc.code || e.Message == "" {
				t.Errorf("error %+v, want code %s with a message", e, tc.code)
			}
			// A missing route names itself and where the API is.
			if want := tc.method + " " + tc.path + ";"; tc.code == localserver.CodeRouteNotFound && (!strings.Contains(e.Message, want) || !strings.Contains(e.Message, "under /v1/")) {
				t.Errorf("message %q, want it to name %q and say the API lives under /v1/", e.Message, want)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}

func detailPaths(e localserver.APIError) []string {
	paths := make([]string, len(e.Details))
	for i, d := range e.Details {
		paths[i] = d.Path
	}
	return paths
}
