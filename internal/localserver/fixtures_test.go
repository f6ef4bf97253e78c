package localserver_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestTemplates(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	srv.CreateTemplate(t, "tmpl_a", "A", "Welcome aboard")
	var tmpl localserver.Template
	resp := srv.Do(t, http.MethodGet, "/v1/templates/tmpl_a", nil)
	resp.Decode(t, &tmpl)
	if tmpl.ID != "tmpl_a" || tmpl.Name != "A" || tmpl.Subject != "Welcome aboard" || tmpl.CreatedAt == "" {
		t.Errorf("template %+v", tmpl)
	}
	tests := []struct {
		method, path string
		body         any
		status       int
		paths        []string
	}{
		{http.MethodPost, "/v1/templates", map[string]any{"id": "tmpl_a", "name": "A", "subject": "S"}, http.StatusConflict, nil},
		{http.MethodPost, "/v1/templates", map[string]any{"id": "", "name": 3, "subject": strings.Repeat("s", 999)}, http.StatusUnprocessableEntity, []string{"id", "name", "subject"}},
		{http.MethodGet, "/v1/templates/tmpl_nope", nil, http.StatusNotFound, nil},
	}
	for _, tc := range tests {
		resp := srv.Do(t, tc.method, tc.path, tc.body)
		if resp.Status != tc.status {
			t.Errorf("%s %s: status %d, want %d: %s", tc.method, tc.path, resp.Status, tc.status, resp.Body)
			continue
		}
		if got := detailPaths(resp.Error(t)); tc.paths != nil && !slices.Equal(got, tc.paths) {
			t.Errorf("%s %s: detail paths %q, want %q", tc.method, tc.path, got, tc.paths)
		}
	}
}

func TestContacts(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	resp := srv.Do(t, http.MethodPost, "/v1/contacts", `{"id":"con_a","email":"a@example.com","attributes":{"n": 1.50, "tags":["x"]}}`)
	if resp.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", resp.Status, resp.Body)
	}
	var c localserver.Contact
	resp.Decode(t, &c)
	if c.ID != "con_a" || c.Email != "a@example.com" || !c.Subscribed || string(c.Attributes) != `{"n":1.50,"tags":["x"]}` {
		t.Errorf("created %+v (attributes %s)", c, c.Attributes)
	}
	srv.CreateContact(t, "con_b", "b@example.com", nil, false)
	if resp := srv.Do(t, http.MethodGet, "/v1/contacts/con_b", nil); !strings.Contains(string(resp.Body), `"attributes":{}`) || !strings.Contains(string(resp.Body), `"subscribed":false`) {
		t.Errorf("contact without attributes: %s", resp.Body)
	}

	patched := srv.Do(t, http.MethodPatch, "/v1/contacts/con_a", map[string]any{"subscribed": false})
	var p localserver.Contact
	patched.Decode(t, &p)
	if p.Subscribed || p.Email != "a@example.com" || string(p.Attributes) != string(c.Attributes) || p.CreatedAt != c.CreatedAt {
		t.Errorf("after patching subscribed only: %+v", p)
	}
	srv.UpdateContact(t, "con_a", map[string]any{"email": "a2@example.com", "attributes": map[string]any{"plan": "pro"}})
	if resp := srv.Do(t, http.MethodGet, "/v1/contacts/con_a", nil); !strings.Contains(string(resp.Body), `"attributes":{"plan":"pro"}`) || !strings.Contains(string(resp.Body), "a2@example.com") {
		t.Errorf("after patching email and attributes: %s", resp.Body)
	}

	tests := []struct {
		method, path string
		body         any
		status       int
		paths        []string
	}{
		{http.MethodPost, "/v1/contacts", map[string]any{"id": "con_a", "email": "x@example.com"}, http.StatusConflict, nil},
		{http.MethodPost, "/v1/contacts", map[string]any{"id": "con_c", "email": "Ada <a@example.com>", "attributes": []any{}, "subscribed": "yes"}, http.StatusUnprocessableEntity, []string{"email", "attributes", "subscribed"}},
		{http.MethodPost, "/v1/contacts", map[string]any{"email": "c@example.com"}, http.StatusUnprocessableEntity, []string{"id"}},
		{http.MethodPatch, "/v1/contacts/con_a", map[string]any{"attributes": nil, "id": "con_z"}, http.StatusUnprocessableEntity, []string{"id", "attributes"}},
		{http.MethodPatch, "/v1/contacts/con_nope", map[string]any{"subscribed": true}, http.StatusNotFound, nil},
		{http.MethodGet, "/v1/contacts/con_nope", nil, http.StatusNotFound, nil},
	}
	for _, tc := range tests {
		resp := srv.Do(t, tc.method, tc.path, tc.body)
		if resp.Status != tc.status {
			t.Errorf("%s %s %v: status %d, want %d: %s", tc.method, tc.path, tc.body, resp.Status, tc.status, resp.Body)
			continue
		}
		if got := detailPaths(resp.Error(t)); tc.paths != nil && !slices.Equal(got, tc.paths) {
			t.Errorf("%s %s: detail paths %q, want %q", tc.method, tc.path, got, tc.paths)
		}
	}
}

func TestEvents(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateContact(t, "con_a", "a@example.com", nil, true)
	srv.CreateSequence(t, "seq_2", "Two", welcomeDef, signedUp, localserver.Trigger{Type: "segment", SegmentID: "seg_all"})
	srv.CreateSequence(t, "seq_1", "One", welcomeDef, localserver.Trigger{Type: "event", EventName: "other"}, signedUp)
	srv.CreateSequence(t, "seq_3", "Three", welcomeDef)

	resp := srv.Do(t, http.MethodPost, "/v1/events", map[string]any{"contactId": "con_a", "eventName": "signed_up"})
	if resp.Status != http.StatusOK || string(resp.Body) != `{"enrolled":["seq_1","seq_2"]}`+"\n" {
		t.Errorf("event: %d %s", resp.Status, resp.Body)
	}
	resp = srv.Do(t, http.MethodPost, "/v1/events", map[string]any{"contactId": "con_a", "eventName": "nothing"})
	if string(resp.Body) != `{"enrolled":[]}`+"\n" {
		t.Errorf("event without sequences: %s", resp.Body)
	}
	for _, tc := range []struct {
		body   any
		status int
		paths  []string
	}{
		{map[string]any{"contactId": "con_nope", "eventName": "signed_up"}, http.StatusNotFound, nil},
		{map[string]any{"contactId": "con_a"}, http.StatusUnprocessableEntity, []string{"eventName"}},
		{map[string]any{"eventName": "", "when": "now"}, http.StatusUnprocessableEntity, []string{"when", "contactId", "eventName"}},
	} {
		resp := srv.Do(t, http.MethodPost, "/v1/events", tc.body)
		if resp.Status != tc.status {
			t.Errorf("event %v: status %d, want %d: %s", tc.body, resp.Status, tc.status, resp.Body)
			continue
		}
		if got := detailPaths(resp.Error(t)); tc.paths != nil && !slices.Equal(got, tc.paths) {
			t.Errorf("event %v: detail paths %q, want %q", tc.body, got, tc.paths)
		}
	}
}

func TestClock(t *testing.T) {
	t.Parallel()
	srv := localservertest.Start(t)
	before := srv.Now(t)
	var state localserver.ClockState
	resp := srv.Do(t, http.MethodPost, "/_local/clock/advance", map[string]any{"duration": "2d"})
	resp.Decode(t, &state)
	advanced, err := time.Parse(time.RFC3339, state.Now)
	if err != nil || resp.Status != http.StatusOK {
		t.Fatalf("advance: %d %s", resp.Status, resp.Body)
	}
	if d := advanced.Sub(before); d < 2*day || d > 2*day+time.Minute {
		t.Errorf("advanced by %s, want 2d", d)
	}
	if now := srv.Now(t); now.Before(advanced) {
		t.Errorf("clock went back to %s after advancing to %s", now, advanced)
	}
	for _, tc := range []struct {
		body any
		want string
	}{
		{map[string]any{"duration": "2 days"}, "not a duration"},
		{map[string]any{"duration": "-1d"}, "not a duration"},
		{map[string]any{}, "is required"},
		{map[string]any{"duration": "3651d"}, "at most 10 years"},
	} {
		resp := srv.Do(t, http.MethodPost, "/_local/clock/advance", tc.body)
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), tc.want) {
			t.Errorf("advance %v: %d %s, want 422 saying %q", tc.body, resp.Status, resp.Body, tc.want)
		}
	}
	// 2d and ten times 520w (3640d) stay within 100 years; an eleventh goes past.
	for i := 1; i <= 11; i++ {
		resp := srv.Do(t, http.MethodPost, "/_local/clock/advance", map[string]any{"duration": "520w"})
		if i <= 10 && resp.Status != http.StatusOK {
			t.Fatalf("advance %d: %d %s", i, resp.Status, resp.Body)
		}
		if i == 11 && (resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), "more than the 100 years allowed")) {
			t.Errorf("advance past 100 years: %d %s", resp.Status, resp.Body)
		}
	}
}
