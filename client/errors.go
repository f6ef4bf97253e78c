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
	// CodeRouteNotFound answers a path that is no route of the API: the client was pointed
	// at the wrong place, which is not the same as a missing sequence.
	CodeRouteNotFound        = "ROUTE_NOT_FOUND"
	CodeMethodNotAllowed     = "METHOD_NOT_ALLOWED"
	CodeUnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
	// CodeRequestTimeout answers a request whose body did not arrive in time.
	CodeRequestTimeout = "REQUEST_TIMEOUT"
	// CodeMisdirectedRequest answers a request addressed to a host name the server does not
	// answer to: the local server, on a loopback address, answers only loopback names.
	CodeMisdirectedRequest = "MISDIRECTED_REQUEST"
)

// Sentinels for errors.Is. An *Error matches the sentinel of its code.
var (
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrValidation   = errors.New("validation error")
	ErrUnauthorized = errors.New("unauthorized")
	ErrRateLimited  = errors.New("rate limited")
	ErrInternal     = errors.New("internal server error")

	// ErrUnexpectedResponse matches an answer Kraiter's sequences API would not give: a 404
	// without the API's error body, ROUTE_NOT_FOUND, a body that is not the JSON asked for,
	// an answer about another sequence, a listing that loops. Usually the base URL leads
	// somewhere else, such as a proxy or another service.
	ErrUnexpectedResponse = errors.New("unexpected response")
	// ErrRouteNotFound matches the API's ROUTE_NOT_FOUND: the server has no such route. It
	// is an unexpected response too; a caller that can do without an optional route (the
	// templates) tells it apart with this.
	ErrRouteNotFound = errors.New("route not found")
	// ErrOutcomeUnknown matches a Create whose last attempt got no answer or a server error:
	// the sequence may or may not have been created.
	ErrOutcomeUnknown = errors.New("outcome unknown")
	// ErrRedirectRefused matches a redirect the client would not follow: to plain http on a
	// host that is not loopback, or one too many.
	ErrRedirectRefused = errors.New("redirect refused")
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
	// Method and URL are the call's, such as "GET" and
	// "https://api.kraiter.com/v1/sequences/seq_a".
	Method, URL string
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
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s answered ", e.Method, e.URL)
	}
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

// UnexpectedResponseError is an answer that Kraiter's sequences API would not give. It
// matches ErrUnexpectedResponse.
type UnexpectedResponseError struct {
	// Method and URL are the call's.
	Method, URL string
	// StatusCode is the answer's HTTP status.
	StatusCode int
	// Problem says what was wrong, following the call in the message, such as
	// `answered sequence "b" instead of "a"`.
	Problem string
	// Code is the API's error code when the answer carried one (ROUTE_NOT_FOUND).
	Code string
}

func (e *UnexpectedResponseError) Error() string {
	return e.Method + " " + e.URL + " " + e.Problem
}

// Is makes errors.Is(err, ErrUnexpectedResponse) work, and errors.Is(err, ErrRouteNotFound)
// for a ROUTE_NOT_FOUND.
func (e *UnexpectedResponseError) Is(target error) bool {
	return target == ErrUnexpectedResponse || (target == ErrRouteNotFound && e.Code == CodeRouteNotFound)
}

// codeForStatus names the code of an error answer whose body did not carry one. A 404 is
// not here: without the API's own body it proves nothing about the sequence.
func codeForStatus(status int) string {
	switch status {
	case http.StatusConflict:
		return CodeConflict
	case http.StatusUnprocessableEntity, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		return CodeValidationError
	case http.StatusUnauthorized, http.StatusForbidden:
		return CodeUnauthorized
	case http.StatusTooManyRequests:
		return CodeRateLimited
	case http.StatusMethodNotAllowed:
		return CodeMethodNotAllowed
	case http.StatusUnsupportedMediaType:
		return CodeUnsupportedMediaType
	}
	return CodeInternal
}
