package localserver

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// MaxBodyBytes is the largest request body the server reads. The one limit on a definition is
// definition.MaxBytes, checked at plan time on the definition string itself. In a body that
// string travels JSON-escaped, and the escaped form of a valid definition is at most twice its
// size (a quote, a backslash or a newline takes two bytes), as long as the client writes the
// body without HTML escaping, which would make "<" six; 64 KiB more hold the other fields.
const MaxBodyBytes = 2*definition.MaxBytes + 64*1024

// readFields reads a request body that must be one JSON object, sent as JSON, holding
// nothing that the decoder would silently change (see definition.CheckStrictJSON).
func readFields(w http.ResponseWriter, r *http.Request) (*fields, error) {
	if err := checkContentType(r.Header.Get("Content-Type")); err != nil {
		return nil, err
	}
	data, err := readBody(w, r)
	if err != nil {
		return nil, err
	}
	if problems := definition.CheckStrictJSON(data); len(problems) > 0 {
		return nil, invalid("request", problems)
	}
	return parseFields(data)
}

const sendAsJSON = `send the body as JSON with "Content-Type: application/json"`

// checkContentType accepts application/json, with no parameter but charset=utf-8: a client
// that sends a form or text by mistake learns that, not a JSON syntax error about its data.
func checkContentType(header string) error {
	if header == "" {
		return unsupportedMediaType("the request has no Content-Type; " + sendAsJSON)
	}
	mediaType, params, err := mime.ParseMediaType(header)
	if err != nil || mediaType != "application/json" {
		return unsupportedMediaType(fmt.Sprintf("Content-Type %q is not supported; %s", header, sendAsJSON))
	}
	for name, value := range params {
		if name != "charset" || (!strings.EqualFold(value, "utf-8") && !strings.EqualFold(value, "utf8")) {
			return unsupportedMediaType(fmt.Sprintf("Content-Type %q is not supported: the body must be UTF-8 JSON, and charset=utf-8 is the only parameter allowed", header))
		}
	}
	return nil
}

func unsupportedMediaType(message string) *apiError {
	return &apiError{status: http.StatusUnsupportedMediaType, body: APIError{Code: CodeUnsupportedMediaType, Message: message}}
}

// readBody reads the whole body, answering for a client that sends too much, too slowly
// (past the server's read timeout) or less than it announced.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case err == nil:
		return data, nil
	case errors.As(err, &tooLarge):
		return nil, &apiError{status: http.StatusRequestEntityTooLarge, body: APIError{Code: CodeValidation, Message: fmt.Sprintf(
			"the request body is larger than %d bytes, the most this server accepts (room for a definition of %d bytes, escaped); shorten the definition",
			MaxBodyBytes, definition.MaxBytes)}}
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil, &apiError{status: http.StatusRequestTimeout, body: APIError{Code: CodeRequestTimeout,
			Message: "the request body did not arrive in time; send it whole, right after the headers"}}
	}
	return nil, &apiError{status: http.StatusBadRequest, body: APIError{Code: CodeValidation,
		Message: fmt.Sprintf("the request body could not be read (%v); send all of it, as long as its Content-Length says", err)}}
}
