package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file converts the values of a contact block's attributes; each error says what the
// value should be, for a diagnostic at the value.

// attributesValue reads the contact's attributes, keeping their JSON types: 12 is a number,
// "12" a string, null a missing attribute.
func attributesValue(val cty.Value) (map[string]any, error) {
	if !isObject(val) {
		return nil, fmt.Errorf(`attributes are an object of names and values, such as { plan = "pro", seats = 12 }, not %s`, describe(val))
	}
	raw, err := ctyjson.Marshal(val, val.Type())
	if err != nil {
		return nil, fmt.Errorf("attributes cannot be written as JSON: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber() // the interpreter compares numbers by value, as the server does
	var attrs map[string]any
	if err := dec.Decode(&attrs); err != nil {
		return nil, fmt.Errorf("attributes cannot be read back from JSON: %w", err)
	}
	return attrs, nil
}

func boolValue(val cty.Value) (bool, error) {
	if val.IsNull() || val.Type() != cty.Bool {
		return false, fmt.Errorf("the value must be true or false, not %s", describe(val))
	}
	return val.True(), nil
}

// eventsValue reads a list of events: { name = "purchased", after = "3d" }, or before = "40d"
// for an event before the enrolment.
func eventsValue(val cty.Value) ([]definition.SimulationEvent, error) {
	const example = `events = [{ name = "purchased", after = "3d" }]`
	if !isList(val) {
		return nil, fmt.Errorf("events are a list of what the contact does and when, such as %s, not %s", example, describe(val))
	}
	var events []definition.SimulationEvent
	for i, item := range val.AsValueSlice() {
		e, err := eventValue(item)
		if err != nil {
			return nil, fmt.Errorf("event %d: %w; write events such as %s", i+1, err, example)
		}
		events = append(events, e)
	}
	return events, nil
}

func eventValue(val cty.Value) (definition.SimulationEvent, error) {
	if !isObject(val) {
		return definition.SimulationEvent{}, fmt.Errorf("an event is an object with a name and a time, not %s", describe(val))
	}
	var e definition.SimulationEvent
	times := 0
	for it := val.ElementIterator(); it.Next(); { // in key order, so the first problem is always the same
		k, v := it.Element()
		key := k.AsString()
		text, err := stringValue(v)
		if err != nil {
			return e, fmt.Errorf("%s: %w", key, err)
		}
		switch key {
		case "name":
			e.Name = text
		case "after", "before":
			d, err := definition.ParseOffset(text)
			if err != nil {
				return e, fmt.Errorf("%s: %w", key, err)
			}
			if key == "before" {
				d = -d
			}
			e.After = d
			times++
		default:
			return e, fmt.Errorf("an event takes name, after and before, not %q", key)
		}
	}
	if e.Name == "" || times != 1 {
		return e, errors.New(`an event needs a name and one time: after = "3d" after the enrolment, or before = "40d" before it`)
	}
	return e, nil
}

func untilValue(val cty.Value) (time.Duration, error) {
	text, err := stringValue(val)
	if err != nil {
		return 0, err
	}
	d, err := definition.ParseOffset(text)
	if err != nil {
		return 0, err
	}
	if d == 0 {
		return 0, errors.New(`the run cannot stop at the enrolment itself; give a later time, such as until = "30d", or leave until out to run to the end`)
	}
	return d, nil
}

// stringsValue reads a list of non-empty strings.
func stringsValue(val cty.Value) ([]string, error) {
	if !isList(val) {
		return nil, fmt.Errorf(`the value is a list of sequence ids or resource addresses, such as ["seq_onboarding"], not %s`, describe(val))
	}
	var out []string
	for i, item := range val.AsValueSlice() {
		text, err := stringValue(item)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
		out = append(out, text)
	}
	return out, nil
}

func stringValue(val cty.Value) (string, error) {
	if val.IsNull() || val.Type() != cty.String {
		return "", fmt.Errorf("the value must be a string, not %s", describe(val))
	}
	if val.AsString() == "" {
		return "", errors.New("the value cannot be empty")
	}
	return val.AsString(), nil
}

// isObject reports whether a value is an object, as { name = "x" } is.
func isObject(val cty.Value) bool {
	return !val.IsNull() && (val.Type().IsObjectType() || val.Type().IsMapType())
}

// isList reports whether a value is a list, as ["a", "b"] is.
func isList(val cty.Value) bool {
	return !val.IsNull() && (val.Type().IsTupleType() || val.Type().IsListType())
}

// describe names a value's type for a message: "a string", "a number", "null".
func describe(val cty.Value) string {
	if val.IsNull() {
		return "null"
	}
	name := val.Type().FriendlyName()
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// sentence writes an error as a sentence of a diagnostic: capitalized, with a full stop.
func sentence(err error) string {
	text := err.Error()
	r, size := utf8.DecodeRuneInString(text)
	return string(unicode.ToUpper(r)) + text[size:] + "."
}
