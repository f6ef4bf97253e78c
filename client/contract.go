package client

import "regexp"

// The rules of the wire contract that more than one side checks: the client's callers (the
// provider, at plan time) and the local server, which imports them from here so that both
// refuse the same requests with the same limits. client/openapi.yaml states the same rules.

// Sequence statuses. A created sequence is active; draft and paused are set outside the API.
const (
	StatusDraft  = "draft"
	StatusActive = "active"
	StatusPaused = "paused"
)

// Statuses lists the sequence statuses in documentation order.
var Statuses = []string{StatusDraft, StatusActive, StatusPaused}

// Trigger types.
const (
	TriggerEvent   = "event"
	TriggerSegment = "segment"
)

// TriggerTypes lists the trigger types in documentation order.
var TriggerTypes = []string{TriggerEvent, TriggerSegment}

// Limits of requests.
const (
	// MaxNameLength is the most characters a sequence, template or event name may have.
	MaxNameLength = 200
	// MaxTriggers is the most triggers one sequence may have.
	MaxTriggers = 20
	// DefaultPageSize is the page size of a listing that asks for none.
	DefaultPageSize = 50
	// MaxPageSize is the largest page the API serves.
	MaxPageSize = 100
)

// IDPattern is the form of sequence, template, contact and segment ids: 1 to 64 letters,
// digits, "_" or "-".
var IDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// EventNamePattern is the form of an event name: 1 to 200 letters, digits, "_", "-", "." or
// ":", starting with a letter or digit, such as "signed_up" or "trial.started".
var EventNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$`)
