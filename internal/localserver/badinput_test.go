package localserver_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// badRequest is a malformed request and what the server must answer.
type badRequest struct {
	name         string
	method, path string
	// header overrides the defaults (the API key, and Content-Type: application/json for a
	// method that sends a body); an empty value removes the header.
	header map[string]string
	body   string
	status int
	code   string
	// detail, when set, is the path of a problem the answer must list, and message a
	// fragment of that problem's message; without detail, message is a fragment of the
	// answer's message.
	detail, message string
}

// triggerList is a create body's "triggers" value of n event triggers with distinct names.
func triggerList(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprintf(`{"type":"event","eventName":"e%d"}`, i)
	}
	return "[" + strings.Join(items, ",") + "]"
}

// createBody is a create body with the given triggers and definition JSON text (as it would be
// before escaping into the body's string).
func createBody(triggers, definitionJSON string) string {
	return `{"id":"seq_new","name":"New","definition":` + strconv.Quote(definitionJSON) + `,"triggers":` + triggers + `}`
}

const emailDef = `{"steps":[{"type":"email","templateId":"tmpl_welcome"}]}`

var badRequests = []badRequest{
	// Who asks, and for what.
	{name: "missing API key", method: "GET", path: "/v1/sequences", header: map[string]string{"Authorization": ""}, status: 401, code: localserver.CodeUnauthorized, message: "missing API key"},
	{name: "wrong API key", method: "GET", path: "/_local/clock", header: map[string]string{"Authorization": "Bearer nope"}, status: 401, code: localserver.CodeUnauthorized, message: "wrong API key"},
	{name: "API key without Bearer", method: "GET", path: "/v1/sequences", header: map[string]string{"Authorization": "test-key"}, status: 401, code: localserver.CodeUnauthorized},
	{name: "unknown route", method: "GET", path: "/v1/nothing", status: 404, code: localserver.CodeRouteNotFound, message: "GET /v1/nothing"},
	{name: "route outside the API", method: "GET", path: "/favicon.ico", status: 404, code: localserver.CodeRouteNotFound, message: "under /v1/"},
	{name: "too deep a route", method: "DELETE", path: "/v1/sequences/seq_a/status/x", status: 404, code: localserver.CodeRouteNotFound},
	{name: "wrong method", method: "PUT", path: "/v1/sequences/seq_a", body: `{}`, status: 405, code: localserver.CodeMethodNotAllowed, message: "use DELETE or GET or PATCH"},
	{name: "wrong method on an admin route", method: "GET", path: "/_local/clock/advance", status: 405, code: localserver.CodeMethodNotAllowed},
	{name: "missing sequence", method: "GET", path: "/v1/sequences/seq_nope", status: 404, code: localserver.CodeNotFound},
	{name: "no valid id in the path", method: "GET", path: "/v1/contacts/not%20an%20id", status: 404, code: localserver.CodeNotFound},

	// What the body says it is.
	{name: "no Content-Type", method: "POST", path: "/v1/templates", header: map[string]string{"Content-Type": ""}, body: `{"id":"tmpl_x","name":"X","subject":"S"}`, status: 415, code: localserver.CodeUnsupportedMediaType, message: "no Content-Type"},
	{name: "text", method: "POST", path: "/v1/events", header: map[string]string{"Content-Type": "text/plain"}, body: `{}`, status: 415, code: localserver.CodeUnsupportedMediaType, message: `"text/plain" is not supported`},
	{name: "form", method: "PATCH", path: "/v1/sequences/seq_a", header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, body: `name=x`, status: 415, code: localserver.CodeUnsupportedMediaType},
	{name: "another charset", method: "POST", path: "/v1/contacts", header: map[string]string{"Content-Type": "application/json; charset=iso-8859-1"}, body: `{}`, status: 415, code: localserver.CodeUnsupportedMediaType, message: "must be UTF-8"},
	{name: "another parameter", method: "POST", path: "/_local/faults", header: map[string]string{"Content-Type": "application/json; version=2"}, body: `{}`, status: 415, code: localserver.CodeUnsupportedMediaType},
	{name: "malformed Content-Type", method: "POST", path: "/_local/clock/advance", header: map[string]string{"Content-Type": "application/json; =utf-8"}, body: `{}`, status: 415, code: localserver.CodeUnsupportedMediaType},
	{name: "too large", method: "POST", path: "/v1/sequences", body: `{"id":"seq_big","name":"Big","definition":"` + strings.Repeat(" ", localserver.MaxBodyBytes) + `"}`,
		status: 413, code: localserver.CodeValidation, message: "larger than " + strconv.Itoa(localserver.MaxBodyBytes) + " bytes"},

	// JSON that is no object.
	{name: "empty body", method: "POST", path: "/v1/events", body: ``, status: 422, code: localserver.CodeValidation, detail: "", message: "body is empty"},
	{name: "not JSON", method: "POST", path: "/v1/sequences", body: `{"id":`, status: 422, code: localserver.CodeValidation, detail: "", message: "not a JSON object"},
	{name: "a list", method: "POST", path: "/v1/contacts", body: `[1,2]`, status: 422, code: localserver.CodeValidation, detail: "", message: "not a JSON object"},
	{name: "a string", method: "POST", path: "/v1/contacts", body: `"x"`, status: 422, code: localserver.CodeValidation, detail: "", message: "not a JSON object"},
	{name: "null", method: "POST", path: "/v1/templates", body: `null`, status: 422, code: localserver.CodeValidation, detail: "", message: "not null"},
	{name: "a second object", method: "POST", path: "/v1/events", body: `{} {}`, status: 422, code: localserver.CodeValidation, detail: "", message: "content after"},
	{name: "nested too deep", method: "POST", path: "/v1/contacts", body: `{"id":"con_x","email":"x@example.com","attributes":{"a":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`,
		status: 422, code: localserver.CodeValidation, detail: "", message: "exceeded max depth"},
	{name: "a stray bracket", method: "POST", path: "/_local/faults", body: `{}]`, status: 422, code: localserver.CodeValidation, detail: "", message: "content after"},

	// JSON the decoder would silently change.
	{name: "invalid UTF-8", method: "POST", path: "/v1/templates", body: "{\"id\":\"tmpl_x\",\"name\":\"\xff\",\"subject\":\"S\"}", status: 422, code: localserver.CodeValidation, detail: "name", message: "not valid UTF-8"},
	{name: "lone surrogate", method: "POST", path: "/v1/templates", body: `{"id":"tmpl_x","name":"\ud800","subject":"S"}`, status: 422, code: localserver.CodeValidation, detail: "name", message: "surrogate"},
	{name: "escaped NUL", method: "POST", path: "/v1/templates", body: `{"id":"tmpl_x","name":"X","subject":"S\u0000"}`, status: 422, code: localserver.CodeValidation, detail: "subject", message: "NUL"},
	{name: "raw NUL", method: "POST", path: "/v1/templates", body: "{\"id\":\"tmpl_x\",\"name\":\"X\x00\",\"subject\":\"S\"}", status: 422, code: localserver.CodeValidation, detail: "name", message: "NUL"},
	{name: "duplicate key", method: "POST", path: "/v1/templates", body: `{"id":"tmpl_x","name":"X","subject":"S","id":"tmpl_y"}`, status: 422, code: localserver.CodeValidation, detail: "id", message: "more than once"},
	{name: "duplicate key in attributes", method: "POST", path: "/v1/contacts", body: `{"id":"con_x","email":"x@example.com","attributes":{"plan":"free","plan":"pro"}}`, status: 422, code: localserver.CodeValidation, detail: "attributes.plan"},
	{name: "duplicate key in a trigger", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"event","eventName":"a","eventName":"b"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[0].eventName"},
	{name: "duplicate key in the definition", method: "POST", path: "/v1/sequences", body: createBody(`[]`, `{"steps":[{"type":"email","templateId":"tmpl_welcome","templateId":"tmpl_tips"}]}`), status: 422, code: localserver.CodeValidation, detail: "steps[0].templateId", message: "more than once"},
	{name: "NUL in the definition", method: "PATCH", path: "/v1/sequences/seq_a", body: `{"definition":` + strconv.Quote(`{"steps":[{"type":"email","templateId":"tmpl_welcome\u0000"}]}`) + `}`, status: 422, code: localserver.CodeValidation, detail: "steps[0].templateId", message: "NUL"},
	{name: "lone surrogate in the definition", method: "PATCH", path: "/v1/sequences/seq_a", body: `{"definition":` + strconv.Quote(`{"steps":[{"type":"email","templateId":"\udc00"}]}`) + `}`, status: 422, code: localserver.CodeValidation, detail: "steps[0].templateId", message: "surrogate"},
	{name: "lone surrogate in the definition string", method: "PATCH", path: "/v1/sequences/seq_a", body: `{"definition":"{\"steps\":[{\"type\":\"email\",\"templateId\":\"\ud800\"}]}"}`, status: 422, code: localserver.CodeValidation, detail: "definition", message: "surrogate"},

	// Fields.
	{name: "unknown field", method: "POST", path: "/v1/templates", body: `{"id":"tmpl_x","name":"X","subject":"S","nmae":"x"}`, status: 422, code: localserver.CodeValidation, detail: "nmae", message: `did you mean "name"?`},
	{name: "wrong type", method: "POST", path: "/v1/templates", body: `{"id":7,"name":"X","subject":"S"}`, status: 422, code: localserver.CodeValidation, detail: "id", message: "must be a string"},
	{name: "null field", method: "PATCH", path: "/v1/contacts/con_a", body: `{"email":null}`, status: 422, code: localserver.CodeValidation, detail: "email", message: "must not be null"},
	{name: "missing field", method: "POST", path: "/v1/events", body: `{"eventName":"signed_up"}`, status: 422, code: localserver.CodeValidation, detail: "contactId", message: "is required"},
	{name: "bad id", method: "POST", path: "/v1/contacts", body: `{"id":"con a","email":"a@example.com"}`, status: 422, code: localserver.CodeValidation, detail: "id", message: "not a valid id"},
	{name: "id in an update", method: "PATCH", path: "/v1/sequences/seq_a", body: `{"id":"seq_b"}`, status: 422, code: localserver.CodeValidation, detail: "id", message: "unknown field"},
	{name: "bad definition", method: "POST", path: "/v1/sequences", body: createBody(`[]`, `{"steps":[]}`), status: 422, code: localserver.CodeValidation, detail: "steps", message: "at least one step"},
	{name: "event name with a space", method: "POST", path: "/v1/events", body: `{"contactId":"con_a","eventName":"signed up"}`, status: 422, code: localserver.CodeValidation, detail: "eventName", message: "not an event name"},

	// Triggers.
	{name: "repeated event trigger", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"event","eventName":"a"},{"type":"segment","segmentId":"seg_a"},{"type":"event","eventName":"a"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[2]", message: `repeats triggers[0] (event "a")`},
	{name: "repeated segment trigger", method: "PATCH", path: "/v1/sequences/seq_a", body: `{"triggers":[{"type":"segment","segmentId":"seg_a"},{"type":"segment","segmentId":"seg_a"}]}`, status: 422, code: localserver.CodeValidation, detail: "triggers[1]", message: "repeats triggers[0]"},
	{name: "too many triggers", method: "POST", path: "/v1/sequences", body: createBody(triggerList(client.MaxTriggers+1), emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers", message: "at most " + strconv.Itoa(client.MaxTriggers)},
	{name: "event name not allowed", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"event","eventName":"-signed up"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[0].eventName", message: `letters, digits, "_", "-", "." or ":"`},
	{name: "event name too long", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"event","eventName":"`+strings.Repeat("e", client.MaxNameLength+1)+`"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[0].eventName"},
	{name: "bad segment id", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"segment","segmentId":"seg a"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[0].segmentId", message: "not a valid id"},
	{name: "unknown trigger type", method: "POST", path: "/v1/sequences", body: createBody(`[{"type":"evnt"}]`, emailDef), status: 422, code: localserver.CodeValidation, detail: "triggers[0].type", message: `did you mean "event"?`},

	// Listings.
	{name: "limit zero", method: "GET", path: "/v1/sequences?limit=0", status: 422, code: localserver.CodeValidation, detail: "limit"},
	{name: "limit too large", method: "GET", path: "/v1/sequences/seq_a/contacts?limit=" + strconv.Itoa(client.MaxPageSize+1), status: 422, code: localserver.CodeValidation, detail: "limit"},
	{name: "limit not a number", method: "GET", path: "/v1/sequences/seq_a/sends?limit=ten", status: 422, code: localserver.CodeValidation, detail: "limit"},
	{name: "cursor not base64", method: "GET", path: "/v1/sequences?cursor=%25%25", status: 422, code: localserver.CodeValidation, detail: "cursor"},
	{name: "cursor of another listing", method: "GET", path: "/v1/sequences/seq_a/sends?cursor=c2VxdWVuY2VzOnNlcV9h", status: 422, code: localserver.CodeValidation, detail: "cursor"},
	{name: "unknown status", method: "GET", path: "/v1/sequences?status=archived", status: 422, code: localserver.CodeValidation, detail: "status", message: `unknown status "archived"`},

	// The local server's controls.
	{name: "unknown status to set", method: "POST", path: "/_local/sequences/seq_a/status", body: `{"status":"activ"}`, status: 422, code: localserver.CodeValidation, detail: "status", message: `did you mean "active"?`},
	{name: "bad duration", method: "POST", path: "/_local/clock/advance", body: `{"duration":"2 days"}`, status: 422, code: localserver.CodeValidation, detail: "duration"},
	{name: "bad fault rate", method: "POST", path: "/_local/faults", body: `{"failRate":1.5}`, status: 422, code: localserver.CodeValidation, detail: "failRate"},
}

// Every malformed request gets a 4xx with the error body, its code and, where it applies, the
// path of the problem: never a 5xx, a success or a hang.
func TestBadInput(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_a", "A", welcomeDef)
	srv.CreateContact(t, "con_a", "a@example.com", nil, true)
	for _, tc := range badRequests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+tc.path, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+srv.APIKey)
			if tc.method == http.MethodPost || tc.method == http.MethodPatch || tc.method == http.MethodPut {
				req.Header.Set("Content-Type", "application/json")
			}
			for k, v := range tc.header {
				if v == "" {
					req.Header.Del(k)
				} else {
					req.Header.Set(k, v)
				}
			}
			resp := srv.DoRequest(t, req)
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
			if tc.detail == "" && tc.message != "" && !strings.Contains(e.Message, tc.message) {
				t.Errorf("message %q, want it to say %q", e.Message, tc.message)
			}
			if tc.detail == "" {
				return
			}
			i := slices.IndexFunc(e.Details, func(p definition.Problem) bool { return p.Path == tc.detail })
			if i < 0 {
				t.Fatalf("details %+v, want a problem at %q", e.Details, tc.detail)
			}
			if !strings.Contains(e.Details[i].Message, tc.message) {
				t.Errorf("problem at %q is %q, want it to say %q", tc.detail, e.Details[i].Message, tc.message)
			}
		})
	}
	if after := srv.GetSequence(t, "seq_a"); after.Name != "A" || after.Definition != welcomeDef || len(after.Triggers) != 0 {
		t.Errorf("bad requests changed seq_a: %+v", after)
	}
}
