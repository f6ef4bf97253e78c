package localserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// apiError is an error a handler returns to answer with a given status and error body.
type apiError struct {
	status int
	body   APIError
}

func (e *apiError) Error() string { return e.body.Code + ": " + e.body.Message }

func notFound(format string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, body: APIError{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}}
}

func conflict(format string, args ...any) *apiError {
	return &apiError{status: http.StatusConflict, body: APIError{Code: CodeConflict, Message: fmt.Sprintf(format, args...)}}
}

// invalid is a VALIDATION_ERROR listing every problem; its message repeats them so that a
// client that shows only the message still shows where.
func invalid(what string, problems []definition.Problem) *apiError {
	parts := make([]string, len(problems))
	for i, p := range problems {
		parts[i] = p.String()
	}
	return &apiError{
		status: http.StatusUnprocessableEntity,
		body: APIError{
			Code:    CodeValidation,
			Message: fmt.Sprintf("invalid %s: %s", what, strings.Join(parts, "; ")),
			Details: problems,
		},
	}
}

// writeJSON answers with v as JSON; "<", ">" and "&" are written as they are, for people
// reading messages such as "Bearer <key>".
func writeJSON(w http.ResponseWriter, status int, v any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		body.Reset()
		body.WriteString(`{"error":{"code":"INTERNAL","message":"could not encode the response"}}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body.Bytes())
}

func writeError(w http.ResponseWriter, e *apiError) {
	writeJSON(w, e.status, ErrorBody{Error: e.body})
}

// asAPIError turns a handler's error into the response to send: its own apiError, or
// INTERNAL for anything unexpected (whose text is logged, not sent).
func asAPIError(err error) (*apiError, bool) {
	var e *apiError
	if errors.As(err, &e) {
		return e, true
	}
	return &apiError{status: http.StatusInternalServerError, body: APIError{Code: CodeInternal, Message: "the local server failed; see its log"}}, false
}
