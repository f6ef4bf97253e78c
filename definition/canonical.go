package definition

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
)

// MarshalJSON writes the canonical form: defaults filled, keys in a fixed order, no spaces.
// A step type that Parse would refuse is an *UnknownStepTypeError; a field whose kind the
// kind table lacks is an error too.
func (d Definition) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"steps":`)
	if err := writeSteps(&b, d.Steps); err != nil {
		return nil, fmt.Errorf("write definition: %w", err)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Canonical is the definition's canonical JSON. Two definitions mean the same exactly when
// their canonical forms are equal. It panics on a step type that Parse would refuse, which
// only a definition built wrongly by hand can have.
func (d *Definition) Canonical() string {
	b, err := d.MarshalJSON()
	if err != nil {
		panic(err)
	}
	return string(b)
}

// MarshalJSON writes the step in canonical form.
func (s Step) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	if err := writeStep(&b, &s); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// MarshalJSON writes the rule in canonical form.
func (r Rule) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	writeRule(&b, &r)
	return b.Bytes(), nil
}

func writeSteps(b *bytes.Buffer, steps []Step) error {
	b.WriteByte('[')
	for i := range steps {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeStep(b, &steps[i]); err != nil {
			return err
		}
	}
	b.WriteByte(']')
	return nil
}

// writeStep writes "type" and then the step's fields in the order of its table entry.
func writeStep(b *bytes.Buffer, s *Step) error {
	spec := s.Type.spec()
	if spec == nil {
		return &UnknownStepTypeError{Type: s.Type}
	}
	b.WriteString(`{"type":`)
	writeString(b, string(s.Type))
	for i := range spec.fields {
		if err := writeField(b, &spec.fields[i], s); err != nil {
			return err
		}
	}
	b.WriteByte('}')
	return nil
}

// writeField writes one field with its key and a leading comma. An optional text field without
// a value or a default is left out.
func writeField(b *bytes.Buffer, f *Field, s *Step) error {
	switch f.Kind.Shape() {
	case ShapeText:
		v := f.Filled(s)
		if v == "" && !f.Required {
			return nil
		}
		writeKey(b, f.Name)
		writeString(b, v)
	case ShapeRule:
		writeKey(b, f.Name)
		if r := f.Rule(s); r != nil {
			writeRule(b, r)
		} else {
			b.WriteString("null")
		}
	case ShapeSteps:
		writeKey(b, f.Name)
		return writeSteps(b, f.Steps(s))
	default:
		return fmt.Errorf("field %q of step type %q has the unknown kind %v", f.Name, s.Type, f.Kind)
	}
	return nil
}

// writeKey writes `,"key":`; keys of the table are plain ASCII and need no escaping.
func writeKey(b *bytes.Buffer, key string) {
	b.WriteString(`,"`)
	b.WriteString(key)
	b.WriteString(`":`)
}

func writeRules(b *bytes.Buffer, rules []Rule) {
	b.WriteByte('[')
	for i := range rules {
		if i > 0 {
			b.WriteByte(',')
		}
		writeRule(b, &rules[i])
	}
	b.WriteByte(']')
}

// writeRule writes a rule, the keys of its kind in a fixed order.
func writeRule(b *bytes.Buffer, r *Rule) {
	switch kind := r.Kind(); kind {
	case RuleAll:
		b.WriteString(`{"all":`)
		writeRules(b, r.All)
	case RuleAny:
		b.WriteString(`{"any":`)
		writeRules(b, r.Any)
	case RuleNot:
		b.WriteString(`{"not":`)
		writeRule(b, r.Not)
	case RuleEvent:
		b.WriteString(`{"event":`)
		writeString(b, r.Event)
		b.WriteString(`,"op":`)
		writeString(b, r.Op)
		if r.Within != "" {
			b.WriteString(`,"within":`)
			writeString(b, r.Within)
		}
	case RuleAttribute:
		b.WriteString(`{"attribute":`)
		writeString(b, r.Attribute)
		b.WriteString(`,"op":`)
		writeString(b, r.Op)
		if r.Value != nil {
			b.WriteString(`,"value":`)
			b.Write(r.Value)
		}
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", kind))
	}
	b.WriteByte('}')
}

// writeString writes s as a JSON string. HTML characters stay as they are: the canonical
// form is read by people in plans, not embedded in pages.
func writeString(b *bytes.Buffer, s string) {
	if plainJSONText(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode ends with a newline
}

// plainJSONText reports whether s is written in JSON as it is: printable ASCII without
// quotes or backslashes, as ids, durations and most names are. The encoder, which the rest
// needs, costs more than the canonical form's other work.
func plainJSONText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// canonicalValue re-encodes a decoded JSON value: object keys sorted, no spaces, numbers in
// their shortest exact form so that 1, 1.0 and 1e0 are the same value.
func canonicalValue(v any) json.RawMessage {
	var b bytes.Buffer
	writeValue(&b, v)
	return b.Bytes()
}

func writeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(canonicalNumber(x))
	case string:
		writeString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			writeValue(b, x[k])
		}
		b.WriteByte('}')
	}
}

func canonicalNumber(n json.Number) string {
	if d, ok := parseDecimal(string(n)); ok {
		return d.String()
	}
	return string(n)
}
