package review

import "fmt"

// This file reads attribute values out of one side of a planned change, respecting the
// plan's marks: an unknown value has no text yet, and a sensitive one must never reach a
// pull-request comment, which anyone who can read the pull request sees.

// fieldState says whether a value can be shown.
type fieldState int

const (
	fieldKnown     fieldState = iota
	fieldNull                 // absent or null
	fieldUnknown              // known only after apply
	fieldSensitive            // marked sensitive: not shown
)

// field is a string attribute's value.
type field struct {
	text  string
	state fieldState
}

// object is one side of a change: the before or after values with their marks, each true
// for the whole object or an object of marks shaped like the values.
type object struct {
	values    map[string]any
	unknown   any
	sensitive any
}

func newObject(values, unknown, sensitive any) object {
	m, _ := values.(map[string]any)
	return object{values: m, unknown: unknown, sensitive: sensitive}
}

// attr reads a top-level attribute; a mark on anything inside it counts for all of it.
func (o object) attr(name string) (any, fieldState) {
	switch {
	case marked(o.sensitive, name):
		return nil, fieldSensitive
	case marked(o.unknown, name):
		return nil, fieldUnknown
	}
	v, ok := o.values[name]
	if !ok || v == nil {
		return nil, fieldNull
	}
	return v, fieldKnown
}

// stringAttr reads an attribute whose value is text.
func (o object) stringAttr(name string) field {
	v, state := o.attr(name)
	if state != fieldKnown {
		return field{state: state}
	}
	if s, ok := v.(string); ok {
		return field{text: s, state: fieldKnown}
	}
	return field{text: fmt.Sprint(v), state: fieldKnown}
}

func marked(marks any, name string) bool {
	switch m := marks.(type) {
	case bool:
		return m
	case map[string]any:
		return anyTrue(m[name])
	}
	return false
}

// anyTrue reports whether a mark, or any mark nested in it, is true.
func anyTrue(marks any) bool {
	switch m := marks.(type) {
	case bool:
		return m
	case []any:
		for _, e := range m {
			if anyTrue(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range m {
			if anyTrue(e) {
				return true
			}
		}
	}
	return false
}
