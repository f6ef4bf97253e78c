package localserver_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestAuth(t *testing.T) {
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
	srv := localservertest.Start(t)
	tests := []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{http.MethodGet, "/v1/nothing", http.StatusNotFound, localserver.CodeNotFound, ""},
		{http.MethodGet, "/v1/sequences/a/b/c", http.StatusNotFound, localserver.CodeNotFound, ""},
		{http.MethodGet, "/_local/nothing", http.StatusNotFound, localserver.CodeNotFound, ""},
		{http.MethodGet, "/", http.StatusNotFound, localserver.CodeNotFound, ""},
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
			if e := resp.Error(t); e.Code != tc.code || e.Message == "" {
				t.Errorf("error %+v, want code %s with a message", e, tc.code)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}

func TestBodyProblems(t *testing.T) {
	srv := localservertest.Start(t)
	huge := `{"id":"seq_big","name":"Big","definition":"` + strings.Repeat(" ", localserver.MaxBodyBytes) + `"}`
	tests := []struct {
		name    string
		path    string
		body    string
		status  int
		paths   []string
		message string
	}{
		{"too large", "/v1/sequences", huge, http.StatusRequestEntityTooLarge, nil, "larger than 262144 bytes"},
		{"not JSON", "/v1/sequences", `{"id":`, http.StatusUnprocessableEntity, []string{""}, "not a JSON object"},
		{"not an object", "/v1/contacts", `[1,2]`, http.StatusUnprocessableEntity, []string{""}, "not a JSON object"},
		{"null", "/v1/templates", `null`, http.StatusUnprocessableEntity, []string{""}, "not null"},
		{"empty", "/v1/events", ``, http.StatusUnprocessableEntity, []string{""}, "body is empty"},
		{"trailing content", "/v1/events", `{} {}`, http.StatusUnprocessableEntity, []string{""}, "content after"},
		{
			"unknown fields, all named", "/v1/templates",
			`{"id":"tmpl_a","name":"A","subject":"S","colour":"red","nmae":"x"}`,
			http.StatusUnprocessableEntity, []string{"colour", "nmae"}, `unknown field "nmae"; expected "id", "name", "subject"; did you mean "name"?`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := srv.Do(t, http.MethodPost, tc.path, tc.body)
			if resp.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
			e := resp.Error(t)
			if e.Code != localserver.CodeValidation || !strings.Contains(e.Message, tc.message) {
				t.Errorf("error %+v, want VALIDATION_ERROR saying %q", e, tc.message)
			}
			if got := detailPaths(e); tc.paths != nil && strings.Join(got, ",") != strings.Join(tc.paths, ",") {
				t.Errorf("detail paths %q, want %q", got, tc.paths)
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
