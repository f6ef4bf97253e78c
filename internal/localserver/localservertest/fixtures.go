package localservertest

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// Fixtures and controls. Those that use /v1 routes meet any faults in force.

// CreateTemplate creates a template.
func (i *Instance) CreateTemplate(t testing.TB, id, name, subject string) {
	t.Helper()
	i.must(t, http.MethodPost, "/v1/templates", map[string]any{"id": id, "name": name, "subject": subject}, http.StatusCreated, nil)
}

// CreateContact creates a contact; attrs may be nil.
func (i *Instance) CreateContact(t testing.TB, id, email string, attrs map[string]any, subscribed bool) {
	t.Helper()
	if attrs == nil {
		attrs = map[string]any{}
	}
	body := map[string]any{"id": id, "email": email, "attributes": attrs, "subscribed": subscribed}
	i.must(t, http.MethodPost, "/v1/contacts", body, http.StatusCreated, nil)
}

// UpdateContact patches a contact with the fields of body (email, attributes, subscribed).
func (i *Instance) UpdateContact(t testing.TB, id string, body map[string]any) {
	t.Helper()
	i.must(t, http.MethodPatch, "/v1/contacts/"+url.PathEscape(id), body, http.StatusOK, nil)
}

// SendEvent records an event for a contact and returns the ids of the sequences it enrolled
// the contact in.
func (i *Instance) SendEvent(t testing.TB, contactID, eventName string) []string {
	t.Helper()
	var res localserver.EventResult
	i.must(t, http.MethodPost, "/v1/events", map[string]any{"contactId": contactID, "eventName": eventName}, http.StatusOK, &res)
	return res.Enrolled
}

// CreateSequence creates a sequence with the definition string as given, bypassing any
// client, as a change made outside Terraform would.
func (i *Instance) CreateSequence(t testing.TB, id, name, definition string, triggers ...localserver.Trigger) {
	t.Helper()
	body := map[string]any{"id": id, "name": name, "definition": definition}
	if len(triggers) > 0 {
		body["triggers"] = triggers
	}
	i.must(t, http.MethodPost, "/v1/sequences", body, http.StatusCreated, nil)
}

// GetSequence reads a sequence.
func (i *Instance) GetSequence(t testing.TB, id string) localserver.Sequence {
	t.Helper()
	var seq localserver.Sequence
	i.must(t, http.MethodGet, "/v1/sequences/"+url.PathEscape(id), nil, http.StatusOK, &seq)
	return seq
}

// UpdateSequenceRaw patches a sequence with body as it is.
func (i *Instance) UpdateSequenceRaw(t testing.TB, id string, body map[string]any) {
	t.Helper()
	i.must(t, http.MethodPatch, "/v1/sequences/"+url.PathEscape(id), body, http.StatusOK, nil)
}

// DeleteSequence deletes a sequence.
func (i *Instance) DeleteSequence(t testing.TB, id string) {
	t.Helper()
	i.must(t, http.MethodDelete, "/v1/sequences/"+url.PathEscape(id), nil, http.StatusNoContent, nil)
}

// Status reads a sequence's status and enrolment counts.
func (i *Instance) Status(t testing.TB, id string) localserver.SequenceStatus {
	t.Helper()
	var st localserver.SequenceStatus
	i.must(t, http.MethodGet, "/v1/sequences/"+url.PathEscape(id)+"/status", nil, http.StatusOK, &st)
	return st
}

// Sends reads every send of a sequence, all pages.
func (i *Instance) Sends(t testing.TB, id string) []localserver.Send {
	t.Helper()
	return allPages[localserver.Send](t, i, "/v1/sequences/"+url.PathEscape(id)+"/sends")
}

// Contacts reads every contact actively enrolled in a sequence, all pages.
func (i *Instance) Contacts(t testing.TB, id string) []localserver.Contact {
	t.Helper()
	return allPages[localserver.Contact](t, i, "/v1/sequences/"+url.PathEscape(id)+"/contacts")
}

func allPages[T any](t testing.TB, i *Instance, path string) []T {
	t.Helper()
	all := []T{}
	cursor := ""
	for {
		q := url.Values{"limit": {"100"}}
		if cursor != "" {
			q.Set("cursor", cursor)
		}
		var page localserver.Page[T]
		i.must(t, http.MethodGet, path+"?"+q.Encode(), nil, http.StatusOK, &page)
		all = append(all, page.Data...)
		if page.NextCursor == nil {
			return all
		}
		cursor = *page.NextCursor
	}
}

// AdvanceClock moves the virtual clock forward by a duration such as "2d" and runs
// everything that falls due.
func (i *Instance) AdvanceClock(t testing.TB, duration string) {
	t.Helper()
	i.must(t, http.MethodPost, "/_local/clock/advance", map[string]any{"duration": duration}, http.StatusOK, nil)
}

// Now reads the virtual clock.
func (i *Instance) Now(t testing.TB) time.Time {
	t.Helper()
	var c localserver.ClockState
	i.must(t, http.MethodGet, "/_local/clock", nil, http.StatusOK, &c)
	now, err := time.Parse(time.RFC3339, c.Now)
	if err != nil {
		t.Fatalf("read the virtual clock: %v", err)
	}
	return now
}

// SetSequenceStatus sets a sequence's status: "draft", "active" or "paused".
func (i *Instance) SetSequenceStatus(t testing.TB, id, status string) {
	t.Helper()
	i.must(t, http.MethodPost, "/_local/sequences/"+url.PathEscape(id)+"/status", map[string]any{"status": status}, http.StatusOK, nil)
}

// SetFaults injects faults into every later /v1 request. The zero RetryAfterSeconds gives
// "Retry-After: 0", which keeps retrying tests fast.
func (i *Instance) SetFaults(t testing.TB, f Faults) {
	t.Helper()
	i.must(t, http.MethodPost, "/_local/faults", f, http.StatusOK, nil)
}

// ClearFaults stops injecting faults. What they injected can still be read.
func (i *Instance) ClearFaults(t testing.TB) {
	t.Helper()
	i.must(t, http.MethodDelete, "/_local/faults", nil, http.StatusNoContent, nil)
}

// InjectedFaults reads what the faults injected since the last SetFaults.
func (i *Instance) InjectedFaults(t testing.TB) InjectedFaults {
	t.Helper()
	var state localserver.FaultState
	i.must(t, http.MethodGet, "/_local/faults", nil, http.StatusOK, &state)
	return state.Injected
}
