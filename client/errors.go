package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Error codes of the API.
const (
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeValidationError = "VALIDATION_ERROR"
	CodeUnauthorized    = "UNAUTHORIZED"
	CodeRateLimited     = "RATE_LIMITED"
	CodeInternal        = "INTERNAL"
)

// Sentinels for errors.Is. An *Error matches the sentinel of its code.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrValidation   = errors.New("validation error")
	ErrUnauthorized = errors.New("unauthorized")
	ErrRateLimited  = errors.New("rate limited")
	ErrInternal     = errors.New("internal server error")
)

var sentinels = map[string]error{
	CodeNotFound:        ErrNotFound,
	CodeConflict:        ErrConflict,
	CodeValidationError: ErrValidation,
	CodeUnauthorized:    ErrUnauthorized,
	CodeRateLimited:     ErrRateLimited,
	CodeInternal:        ErrInternal,
}

// Error is an error answer of the API.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the API's error code, such as "NOT_FOUND".
	Code    string
	Message string
	// Details point at the parts of the request that were wrong, for VALIDATION_ERROR.
	Details []ErrorDetail
}

// ErrorDetail is one problem of a request, at a path such as "steps[2].templateId".
type ErrorDetail struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (HTTP %d)", e.Code, e.StatusCode)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	for _, d := range e.Details {
		b.WriteString("; ")
		if d.Path != "" {
			b.WriteString(d.Path)
			b.WriteString(": ")
		}
		b.WriteString(d.Message)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNotFound) and its siblings work.
func (e *Error) Is(target error) bool {
	return sentinels[e.Code] == target
}

// codeForStatus names the code of an error answer whose body did not carry one.
func codeForStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusConflict:
		return CodeConflict
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return CodeValidationError
	case http.StatusUnauthorized, http.StatusForbidden:
		return CodeUnauthorized
	case http.StatusTooManyRequests:
		return CodeRateLimited
	}
	return CodeInternal
}
