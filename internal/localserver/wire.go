package localserver

import (
	"encoding/json"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// The JSON objects of the wire contract (client/openapi.yaml), as this server writes them.
// Times are RFC 3339 strings in UTC with milliseconds.

// Sequence statuses, as the wire contract names them.
const (
	StatusDraft  = client.StatusDraft
	StatusActive = client.StatusActive
	StatusPaused = client.StatusPaused
)

// Trigger types, as the wire contract names them.
const (
	TriggerEvent   = client.TriggerEvent
	TriggerSegment = client.TriggerSegment
)

// Sequence is a stored sequence. Definition is the string exactly as it was sent.
type Sequence struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Definition string    `json:"definition"`
	Triggers   []Trigger `json:"triggers"`
	Status     string    `json:"status"`
	CreatedAt  string    `json:"createdAt"`
	UpdatedAt  string    `json:"updatedAt"`
}

// Trigger enrols contacts on an event, or on entering a segment (stored, never fired here:
// the local server has no segments).
type Trigger struct {
	Type      string `json:"type"`
	EventName string `json:"eventName,omitempty"`
	SegmentID string `json:"segmentId,omitempty"`
}

// SequenceStatus is a sequence's status and enrolment counts.
type SequenceStatus struct {
	ID               string `json:"id"`
	Status           string `json:"status"`
	TotalEnrolled    int64  `json:"totalEnrolled"`
	ActiveEnrolments int64  `json:"activeEnrolments"`
	CompletedCount   int64  `json:"completedCount"`
}

// DryRunResult is the path one contact would take through a sequence.
type DryRunResult struct {
	SequenceID string       `json:"sequenceId"`
	ContactID  string       `json:"contactId"`
	Steps      []DryRunStep `json:"steps"`
}

// DryRunStep is one step of a dry run, with a path such as "steps[3].then[0]".
type DryRunStep struct {
	Path       string `json:"path"`
	Type       string `json:"type"`
	TemplateID string `json:"templateId,omitempty"`
	WouldSend  *bool  `json:"wouldSend,omitempty"`
	Duration   string `json:"duration,omitempty"`
	Matched    *bool  `json:"matched,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// Contact is a contact; Attributes is the JSON object as it was stored.
type Contact struct {
	ID         string          `json:"id"`
	Email      string          `json:"email"`
	Attributes json.RawMessage `json:"attributes"`
	Subscribed bool            `json:"subscribed"`
	CreatedAt  string          `json:"createdAt"`
}

// Send is an email a sequence generated.
type Send struct {
	ID         string `json:"id"`
	SequenceID string `json:"sequenceId"`
	ContactID  string `json:"contactId"`
	TemplateID string `json:"templateId"`
	Status     string `json:"status"`
	CreatedAt  string `json:"createdAt"`
}

// Template is an email template that definitions refer to by id.
type Template struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Subject   string `json:"subject"`
	CreatedAt string `json:"createdAt"`
}

// Page is one page of a listing; NextCursor is null on the last page.
type Page[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"nextCursor"`
}

// EventResult lists the sequences an event enrolled the contact in.
type EventResult struct {
	Enrolled []string `json:"enrolled"`
}

// ClockState is the virtual clock's current time.
type ClockState struct {
	Now string `json:"now"`
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error APIError `json:"error"`
}

// APIError is an error's code, message and, for validation errors, the problems by path.
type APIError struct {
	Code    string               `json:"code"`
	Message string               `json:"message"`
	Details []definition.Problem `json:"details,omitempty"`
}

// Error codes of the wire contract, plus METHOD_NOT_ALLOWED for a known route called with the
// wrong method. NOT_FOUND is only ever about a missing sequence, template or contact; a path
// that is no route at all is ROUTE_NOT_FOUND.
const (
	CodeNotFound             = "NOT_FOUND"
	CodeRouteNotFound        = "ROUTE_NOT_FOUND"
	CodeConflict             = "CONFLICT"
	CodeValidation           = "VALIDATION_ERROR"
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	CodeRequestTimeout       = "REQUEST_TIMEOUT"
	CodeUnauthorized         = "UNAUTHORIZED"
	CodeRateLimited          = "RATE_LIMITED"
	CodeInternal             = "INTERNAL"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeMisdirectedRequest   = "MISDIRECTED_REQUEST"
)

// timeLayout writes times in UTC with a fixed three-digit fraction, so that they sort as text.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// Times are stored as Unix milliseconds.
func toMillis(t time.Time) int64    { return t.UnixMilli() }
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
