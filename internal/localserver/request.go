package localserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// fields is a request body's JSON object, read field by field so that every problem in it is
// reported at once instead of stopping at the first.
type fields struct {
	raw      map[string]json.RawMessage
	problems []definition.Problem
}

// parseFields reads JSON text that must be one object: a request body once readFields has
// checked it, a trigger of a body, or a seed entry.
func parseFields(data []byte) (*fields, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, invalid("request", []definition.Problem{{Message: "the request body is empty; send a JSON object"}})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, invalid("request", []definition.Problem{{Message: "the request body is not a JSON object: " + err.Error()}})
	}
	if raw == nil {
		return nil, invalid("request", []definition.Problem{{Message: "the request body must be a JSON object, not null"}})
	}
	// Decoder.More does not see a stray "}" or "]", so look at what follows the object.
	if len(bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n")) > 0 {
		return nil, invalid("request", []definition.Problem{{Message: "the request body has content after its JSON object"}})
	}
	return &fields{raw: raw}, nil
}

func (f *fields) add(path, format string, args ...any) {
	f.problems = append(f.problems, definition.Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// allow reports every field not in allowed, sorted by name.
func (f *fields) allow(allowed ...string) {
	var unknown []string
	for k := range f.raw {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		f.add(k, "unknown field %q; expected %s%s", k, quoteList(allowed), definition.DidYouMean(k, allowed))
	}
}

func (f *fields) has(name string) bool {
	_, ok := f.raw[name]
	return ok
}

// present returns a field's raw value when it is there and not null; null is reported,
// since leaving a field out is how a request keeps its value.
func (f *fields) present(name string) (json.RawMessage, bool) {
	v, ok := f.raw[name]
	if !ok {
		return nil, false
	}
	if string(bytes.TrimSpace(v)) == "null" {
		f.add(name, "must not be null; leave the field out instead")
		return nil, false
	}
	return v, true
}

// required is present, reporting a missing field as well.
func (f *fields) required(name, want string) (json.RawMessage, bool) {
	if !f.has(name) {
		f.add(name, "is required: %s", want)
		return nil, false
	}
	return f.present(name)
}

// str decodes a string field; ok is false when it is absent or had a problem.
func (f *fields) str(name, want string, required bool) (string, bool) {
	var v json.RawMessage
	var ok bool
	if required {
		v, ok = f.required(name, want)
	} else {
		v, ok = f.present(name)
	}
	if !ok {
		return "", false
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		f.add(name, "must be a string (%s), not %s", want, describeJSON(v))
		return "", false
	}
	return s, true
}

func (f *fields) boolean(name string) (bool, bool) {
	v, ok := f.present(name)
	if !ok {
		return false, false
	}
	var b bool
	if err := json.Unmarshal(v, &b); err != nil {
		f.add(name, "must be true or false, not %s", describeJSON(v))
		return false, false
	}
	return b, true
}

// number decodes a number field that must lie in [lo, hi].
func (f *fields) number(name string, lo, hi float64) (float64, bool) {
	v, ok := f.present(name)
	if !ok {
		return 0, false
	}
	var n float64
	if err := json.Unmarshal(v, &n); err != nil {
		f.add(name, "must be a number, not %s", describeJSON(v))
		return 0, false
	}
	if n < lo || n > hi {
		f.add(name, "must be between %s and %s, not %s", formatNumber(lo), formatNumber(hi), formatNumber(n))
		return 0, false
	}
	return n, true
}

// integer decodes a whole-number field that must lie in [lo, hi].
func (f *fields) integer(name string, lo, hi int64) (int64, bool) {
	v, ok := f.present(name)
	if !ok {
		return 0, false
	}
	var n int64
	if err := json.Unmarshal(v, &n); err != nil {
		f.add(name, "must be a whole number, not %s", describeJSON(v))
		return 0, false
	}
	if n < lo || n > hi {
		f.add(name, "must be between %d and %d, not %d", lo, hi, n)
		return 0, false
	}
	return n, true
}

// object returns a field that must be a JSON object, re-encoded compactly.
func (f *fields) object(name string) (json.RawMessage, bool) {
	v, ok := f.present(name)
	if !ok {
		return nil, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(v, &m); err != nil {
		f.add(name, "must be a JSON object, not %s", describeJSON(v))
		return nil, false
	}
	var b bytes.Buffer
	if err := json.Compact(&b, v); err != nil {
		f.add(name, "must be a JSON object: %s", err)
		return nil, false
	}
	return b.Bytes(), true
}

// list returns the items of a field that must be a JSON array.
func (f *fields) list(name string) ([]json.RawMessage, bool) {
	v, ok := f.present(name)
	if !ok {
		return nil, false
	}
	var items []json.RawMessage
	if err := json.Unmarshal(v, &items); err != nil {
		f.add(name, "must be a list, not %s", describeJSON(v))
		return nil, false
	}
	return items, true
}

// describeJSON names the kind of a raw JSON value for messages.
func describeJSON(v json.RawMessage) string {
	s := bytes.TrimSpace(v)
	if len(s) == 0 {
		return "nothing"
	}
	switch s[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the number " + string(s)
}

func formatNumber(n float64) string { return strconv.FormatFloat(n, 'g', -1, 64) }

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
