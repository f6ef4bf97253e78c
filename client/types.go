package client

import "time"

// Sequence is a sequence as the API returns it.
type Sequence struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Definition is the JSON definition string, as stored.
	Definition string    `json:"definition"`
	Triggers   []Trigger `json:"triggers"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// Trigger enrols contacts automatically: on an event (EventName) or on entering a segment
// (SegmentID).
type Trigger struct {
	Type      string `json:"type"`
	EventName string `json:"eventName,omitempty"`
	SegmentID string `json:"segmentId,omitempty"`
}

// CreateSequenceInput is the body of Create.
type CreateSequenceInput struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Definition string    `json:"definition"`
	Triggers   []Trigger `json:"triggers,omitempty"`
}

// UpdateSequenceInput changes only the fields that are set. Triggers set to a pointer to an
// empty slice clears the sequence's triggers.
type UpdateSequenceInput struct {
	Name       *string    `json:"name,omitempty"`
	Definition *string    `json:"definition,omitempty"`
	Triggers   *[]Trigger `json:"triggers,omitempty"`
}

// SequenceStatus is the status and enrolment counts of a sequence.
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

// DryRunStep is one step of a dry run. Path is like "steps[3].then[0]".
type DryRunStep struct {
	Path       string `json:"path"`
	Type       string `json:"type"`
	TemplateID string `json:"templateId,omitempty"`
	WouldSend  *bool  `json:"wouldSend,omitempty"`
	Duration   string `json:"duration,omitempty"`
	// Matched is a condition's outcome.
	Matched *bool `json:"matched,omitempty"`
	// Reason says why an email would not be sent, such as "unsubscribed".
	Reason string `json:"reason,omitempty"`
}

// Contact is a contact enrolled in a sequence.
type Contact struct {
	ID         string         `json:"id"`
	Email      string         `json:"email"`
	Attributes map[string]any `json:"attributes"`
	Subscribed bool           `json:"subscribed"`
	CreatedAt  time.Time      `json:"createdAt"`
}

// Send is an email a sequence generated.
type Send struct {
	ID         string    `json:"id"`
	SequenceID string    `json:"sequenceId"`
	ContactID  string    `json:"contactId"`
	TemplateID string    `json:"templateId"`
	Status     string    `json:"status"`
	CreatedAt  time.Time `json:"createdAt"`
}

// Template is an email template, which an email step names by its id.
type Template struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"`
}

// Page is one page of a listing; NextCursor is empty on the last page.
type Page[T any] struct {
	Data       []T
	NextCursor string

	// call is the call that read the page, for the messages of a listing that loops.
	call *call
}

// ListOptions filters and pages List. Limit is the page size (1..100; 0 means the API's
// default of 50), not a cap on the items the iterator yields; Config.MaxPages caps the pages.
type ListOptions struct {
	Status string
	Limit  int
	Cursor string
}

// PageOptions pages GetContacts and GetSends.
type PageOptions struct {
	Limit  int
	Cursor string
}
