package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Caps on the answers read into memory, so that a server sending without end cannot exhaust
// it.
const (
	// maxObjectBody caps one sequence, status or dry run: a definition is at most 256 KiB,
	// at most twice that once escaped in JSON.
	maxObjectBody = 1 << 20
	// maxPageBody caps a page: the worst case is 100 sequences of the largest definition
	// (256 KiB), each escaped to twice its size, 50 MiB, plus their other fields.
	maxPageBody = 64 << 20
	// maxErrorBody caps an error answer, of which a message keeps far less.
	maxErrorBody = 64 << 10
	// maxExcerpt is the most characters of a body a message quotes.
	maxExcerpt = 200
)

var errTooLarge = errors.New("the answer is larger than its cap")

// readCapped reads a success body of at most limit bytes; past it, it stops reading and
// returns errTooLarge.
func readCapped(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, errTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errTooLarge
	}
	return data, nil
}

// objectCall makes a call whose answer is one object of type T, decoded within
// maxObjectBody; check says what is wrong with a decoded answer, or "".
func objectCall[T any](ctx context.Context, c *Client, r request, check func(*T) string) (*T, *call, error) {
	var out T
	r.out, r.maxBody = &out, maxObjectBody
	cl, err := c.do(ctx, r)
	if err != nil {
		return nil, cl, err
	}
	if problem := check(&out); problem != "" {
		return nil, cl, cl.unexpected("answered %s", problem)
	}
	return &out, cl, nil
}

// decodeAnswer decodes a success body, which must be one JSON object, into out. It returns
// what is wrong with the body, or "".
func decodeAnswer(data []byte, out any) string {
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return "the body is empty"
	case string(trimmed) == "null":
		return "the body is null"
	case trimmed[0] != '{':
		return fmt.Sprintf("the body is not a JSON object: %q", excerpt(data))
	}
	// Unmarshal checks the whole text before it decodes, so a syntax error means the body is
	// not JSON at all, and any other error that it is JSON of another shape.
	err := json.Unmarshal(trimmed, out)
	if _, ok := errors.AsType[*json.SyntaxError](err); ok {
		return fmt.Sprintf("the body is not valid JSON, or was cut short: %q", excerpt(data))
	}
	if err != nil {
		return fmt.Sprintf("the body does not have the expected shape (%v)", err)
	}
	return ""
}

// errorBody is the API's error envelope.
type errorBody struct {
	Error *struct {
		Code    string        `json:"code"`
		Message *string       `json:"message"`
		Details []ErrorDetail `json:"details"`
	} `json:"error"`
}

// errorAnswer turns an error answer into an *Error, or into an *UnexpectedResponseError when
// the answer is not the API's: only the API's own NOT_FOUND on a 404 may say that a sequence
// does not exist.
func (c *Client) errorAnswer(cl *call, resp *http.Response) error {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	// Everything said below comes from this body, and a server may echo the key in it.
	data := []byte(c.redact(string(raw)))
	var body errorBody
	enveloped := json.Unmarshal(data, &body) == nil && body.Error != nil && body.Error.Code != "" && body.Error.Message != nil
	switch {
	case enveloped && body.Error.Code == CodeRouteNotFound:
		err := cl.unexpected("answered %d %s (%q): %s", resp.StatusCode, CodeRouteNotFound, excerpt([]byte(*body.Error.Message)), c.wrongBaseURL())
		err.Code = CodeRouteNotFound
		return err
	case resp.StatusCode == http.StatusNotFound && (!enveloped || body.Error.Code != CodeNotFound):
		return cl.unexpected("answered 404 without Kraiter's error body (%s): %s", quoteBody(data), c.wrongBaseURL())
	case enveloped && body.Error.Code == CodeNotFound && resp.StatusCode != http.StatusNotFound:
		return cl.unexpected("answered %d with code %s, which only comes with 404 (%q)", resp.StatusCode, CodeNotFound, excerpt([]byte(*body.Error.Message)))
	}
	apiErr := &Error{Method: cl.method, URL: cl.url, StatusCode: resp.StatusCode}
	if enveloped {
		apiErr.Code = body.Error.Code
		apiErr.Message = *body.Error.Message
		apiErr.Details = body.Error.Details
		return apiErr
	}
	apiErr.Code = codeForStatus(resp.StatusCode)
	apiErr.Message = excerpt(data)
	if apiErr.Message == "" {
		apiErr.Message = http.StatusText(resp.StatusCode)
	}
	return apiErr
}

// wrongBaseURL says what an answer from outside the API's routes means.
func (c *Client) wrongBaseURL() string {
	return fmt.Sprintf("the base URL %q looks wrong; it should be the API's root, such as %s", c.BaseURL(), DefaultBaseURL)
}

// quoteBody quotes a body's excerpt, or says it is empty.
func quoteBody(data []byte) string {
	if s := excerpt(data); s != "" {
		return fmt.Sprintf("%q", s)
	}
	return "an empty body"
}

// excerpt shows a body in a message: on one line, control characters and invalid UTF-8
// replaced, runs of spaces collapsed, at most maxExcerpt characters, "…" when cut.
func excerpt(data []byte) string {
	// Only the start can be shown; no need to clean megabytes.
	const scan = 8 * maxExcerpt
	cut := len(data) > scan
	if cut {
		data = data[:scan]
	}
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxExcerpt {
		s, cut = string([]rune(s)[:maxExcerpt]), true
	}
	if cut {
		s += "…"
	}
	return s
}
