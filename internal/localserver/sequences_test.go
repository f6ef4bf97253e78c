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

// A definition written with spaces, key orders and an omitted default that the server must
// store and return exactly as sent.
const welcomeDef = `{ "steps": [ {"templateId": "tmpl_welcome", "type": "email"} ] }`

func startWithTemplates(t *testing.T) *localservertest.Instance {
	t.Helper()
	srv := localservertest.Start(t)
	for _, id := range []string{"tmpl_welcome", "tmpl_tips", "tmpl_pro", "tmpl_upgrade"} {
		srv.CreateTemplate(t, id, "Template "+id, "Subject of "+id)
	}
	return srv
}

func TestCreateAndGetSequence(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	body := map[string]any{
		"id": "seq_onboarding", "name": "Onboarding", "definition": welcomeDef,
		"triggers": []map[string]any{{"type": "event", "eventName": "signed_up"}, {"type": "segment", "segmentId": "seg_trial"}},
	}
	resp := srv.Do(t, http.MethodPost, "/v1/sequences", body)
	if resp.Status != http.StatusCreated {
		t.Fatalf("create: status %d: %s", resp.Status, resp.Body)
	}
	if got := resp.Header.Get("Location"); got != "/v1/sequences/seq_onboarding" {
		t.Errorf("Location %q", got)
	}
	var created localserver.Sequence
	resp.Decode(t, &created)
	want := localserver.Sequence{
		ID: "seq_onboarding", Name: "Onboarding", Definition: welcomeDef, Status: localserver.StatusActive,
		Triggers:  []localserver.Trigger{{Type: "event", EventName: "signed_up"}, {Type: "segment", SegmentID: "seg_trial"}},
		CreatedAt: created.CreatedAt, UpdatedAt: created.CreatedAt,
	}
	if !sameSequence(created, want) {
		t.Errorf("created %+v, want %+v", created, want)
	}
	at, err := time.Parse(time.RFC3339, created.CreatedAt)
	if err != nil || !strings.HasSuffix(created.CreatedAt, "Z") || time.Since(at) > time.Minute || time.Since(at) < -time.Minute {
		t.Errorf("createdAt %q is not the current time in RFC 3339 UTC (%v)", created.CreatedAt, err)
	}
	if got := srv.GetSequence(t, "seq_onboarding"); !sameSequence(got, created) {
		t.Errorf("get %+v, want %+v", got, created)
	}

	again := srv.Do(t, http.MethodPost, "/v1/sequences", body)
	if again.Status != http.StatusConflict || again.Error(t).Code != localserver.CodeConflict {
		t.Errorf("create twice: status %d: %s", again.Status, again.Body)
	}
	missing := srv.Do(t, http.MethodGet, "/v1/sequences/seq_nope", nil)
	if missing.Status != http.StatusNotFound || !strings.Contains(missing.Error(t).Message, `"seq_nope"`) {
		t.Errorf("get missing: status %d: %s", missing.Status, missing.Body)
	}
}

func sameSequence(a, b localserver.Sequence) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Definition == b.Definition && a.Status == b.Status &&
		slices.Equal(a.Triggers, b.Triggers) && a.CreatedAt == b.CreatedAt && a.UpdatedAt == b.UpdatedAt
}

func TestCreateSequenceValidation(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	tests := []struct {
		name string
		body map[string]any
		// want maps each expected detail path to a fragment of its message.
		want map[string]string
	}{
		{
			name: "every field wrong at once",
			body: map[string]any{
				"id": "bad id!", "name": "", "extra": 1,
				"definition": `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"2x"},` +
					`{"type":"email","templateId":"tmpl_wellcome"},{"type":"emial"}]}`,
				"triggers": []any{map[string]any{"type": "evnt"}, map[string]any{"type": "event"}, map[string]any{"type": "segment", "segmentId": "s", "eventName": "x"}, "nope"},
			},
			want: map[string]string{
				"extra":                 "unknown field",
				"id":                    "not a valid id",
				"name":                  "1 to 200 characters",
				"steps[1].duration":     "not a duration",
				"steps[3].type":         `did you mean "email"?`,
				"steps[2].templateId":   `unknown template "tmpl_wellcome"; create it first (POST /v1/templates) or use an existing template id; did you mean "tmpl_welcome"?`,
				"triggers[0].type":      `unknown trigger type "evnt"`,
				"triggers[1].eventName": "is required",
				"triggers[2].eventName": "unknown field",
				"triggers[3]":           "must be an object",
			},
		},
		{
			name: "missing fields",
			body: map[string]any{},
			want: map[string]string{"id": "is required", "name": "is required", "definition": "is required"},
		},
		{
			name: "definition not a string",
			body: map[string]any{"id": "seq_a", "name": "A", "definition": map[string]any{"steps": []any{}}},
			want: map[string]string{"definition": "must be a string"},
		},
		{
			name: "definition not JSON",
			body: map[string]any{"id": "seq_a", "name": "A", "definition": `{"steps": [`},
			want: map[string]string{"definition": "not valid JSON"},
		},
		{
			name: "nulls and wrong types",
			body: map[string]any{"id": "seq_a", "name": nil, "definition": welcomeDef, "triggers": "signed_up"},
			want: map[string]string{"name": "must not be null", "triggers": "must be a list"},
		},
		{
			name: "name too long, id too long",
			body: map[string]any{"id": strings.Repeat("a", 65), "name": strings.Repeat("é", 201), "definition": welcomeDef},
			want: map[string]string{"id": "1 to 64", "name": "not 201"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := srv.Do(t, http.MethodPost, "/v1/sequences", tc.body)
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422: %s", resp.Status, resp.Body)
			}
			e := resp.Error(t)
			if e.Code != localserver.CodeValidation {
				t.Errorf("code %s, want VALIDATION_ERROR", e.Code)
			}
			got := map[string]string{}
			for _, d := range e.Details {
				got[d.Path] = d.Message
				if !strings.Contains(e.Message, d.Message) {
					t.Errorf("message %q does not repeat the detail %q", e.Message, d.Message)
				}
			}
			for path, fragment := range tc.want {
				if !strings.Contains(got[path], fragment) {
					t.Errorf("detail at %q is %q, want it to contain %q", path, got[path], fragment)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("details %v, want exactly the paths of %v", got, tc.want)
			}
		})
	}
	if resp := srv.Do(t, http.MethodGet, "/v1/sequences/seq_a", nil); resp.Status != http.StatusNotFound {
		t.Errorf("a rejected create was stored: %s", resp.Body)
	}
}

func TestUpdateSequence(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_a", "A", welcomeDef, localserver.Trigger{Type: "event", EventName: "signed_up"})
	before := srv.GetSequence(t, "seq_a")
	srv.AdvanceClock(t, "1h")

	srv.UpdateSequenceRaw(t, "seq_a", map[string]any{"name": "A2"})
	got := srv.GetSequence(t, "seq_a")
	if got.Name != "A2" || got.Definition != welcomeDef || len(got.Triggers) != 1 || got.CreatedAt != before.CreatedAt {
		t.Errorf("after a name change: %+v", got)
	}
	if got.UpdatedAt <= before.UpdatedAt {
		t.Errorf("updatedAt %s did not move past %s", got.UpdatedAt, before.UpdatedAt)
	}

	newDef := `{"steps":[{"type":"email","templateId":"tmpl_tips","delay":"1d"}]}`
	srv.UpdateSequenceRaw(t, "seq_a", map[string]any{"definition": newDef, "triggers": []any{}})
	got = srv.GetSequence(t, "seq_a")
	if got.Name != "A2" || got.Definition != newDef || got.Triggers == nil || len(got.Triggers) != 0 {
		t.Errorf("after definition and triggers []: %+v", got)
	}

	tests := []struct {
		name   string
		id     string
		body   any
		status int
		paths  []string
	}{
		{"null field", "seq_a", map[string]any{"name": nil}, http.StatusUnprocessableEntity, []string{"name"}},
		{"null triggers", "seq_a", map[string]any{"triggers": nil}, http.StatusUnprocessableEntity, []string{"triggers"}},
		{"id is not updatable", "seq_a", map[string]any{"id": "seq_b"}, http.StatusUnprocessableEntity, []string{"id"}},
		{"unknown template", "seq_a", map[string]any{"definition": `{"steps":[{"type":"email","templateId":"tmpl_x"}]}`}, http.StatusUnprocessableEntity, []string{"steps[0].templateId"}},
		{"bad trigger", "seq_a", map[string]any{"triggers": []any{map[string]any{"type": "event", "eventName": ""}}}, http.StatusUnprocessableEntity, []string{"triggers[0].eventName"}},
		{"missing sequence", "seq_nope", map[string]any{"name": "x"}, http.StatusNotFound, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := srv.Do(t, http.MethodPatch, "/v1/sequences/"+tc.id, tc.body)
			if resp.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.Status, tc.status, resp.Body)
			}
			if tc.paths != nil {
				if got := detailPaths(resp.Error(t)); !slices.Equal(got, tc.paths) {
					t.Errorf("detail paths %q, want %q", got, tc.paths)
				}
			}
		})
	}
	if after := srv.GetSequence(t, "seq_a"); !sameSequence(after, got) {
		t.Errorf("rejected updates changed the sequence: %+v, was %+v", after, got)
	}
}

func TestDeleteSequence(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_a", "A", welcomeDef)
	srv.DeleteSequence(t, "seq_a")
	for _, path := range []string{"/v1/sequences/seq_a", "/v1/sequences/seq_a/status", "/v1/sequences/seq_a/sends", "/v1/sequences/seq_a/contacts"} {
		if resp := srv.Do(t, http.MethodGet, path, nil); resp.Status != http.StatusNotFound {
			t.Errorf("GET %s after delete: status %d", path, resp.Status)
		}
	}
	if resp := srv.Do(t, http.MethodDelete, "/v1/sequences/seq_a", nil); resp.Status != http.StatusNotFound {
		t.Errorf("delete twice: status %d", resp.Status)
	}
	srv.CreateSequence(t, "seq_a", "A again", welcomeDef)
	if got := srv.GetSequence(t, "seq_a"); got.Name != "A again" {
		t.Errorf("recreated sequence: %+v", got)
	}
}
